import FluentKit
import Foundation
import TiendoCore

extension TiendoStore {
    /// The states of every report, for the snapshot (`ReportStates`): the forms and the submissions
    /// table, both small (a row per report started).
    public func reportStates() async throws -> ReportStates {
        let forms = try await ReportingFormModel.query(on: database).all().map { try $0.core() }
        let submissions = try await SubmissionModel.query(on: database).all().map { try $0.core() }
        return ReportStates(forms: forms, submissions: submissions)
    }
}
