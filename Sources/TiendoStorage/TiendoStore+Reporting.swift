import FluentKit
import Foundation
import SQLKit
import TiendoCore

extension TiendoStore {
    // MARK: Forms

    /// Saves a form (new or changed), keyed by its code.
    public func saveForm(_ form: ReportingForm) async throws {
        let model = try await ReportingFormModel.find(form.code, on: database) ?? ReportingFormModel()
        let isNew = model.id == nil
        model.id = form.code
        model.name = form.name
        model.indicatorCodes = try Self.json(form.indicatorCodes)
        model.unitIDs = try Self.json(form.unitIDs.map(\.rawValue))
        model.periodKind = form.periodKind.rawValue
        model.calendar = form.calendar.rawValue
        model.deadlineWorkingDays = form.deadline.days
        model.deadlineBasis = form.deadline.basis.rawValue
        model.deadlineLeadDays = form.deadline.lowerLevelLeadDays
        if isNew { try await model.create(on: database) } else { try await model.update(on: database) }
    }

    /// Saves a form and appends `event` to the audit trail, in one transaction.
    public func saveForm(_ form: ReportingForm, recording event: AuditTrail.Event) async throws {
        try await inTransaction { tx in
            try await tx.saveForm(form)
            try await tx.record(event)
        }
    }

    /// Every form, by code.
    public func forms() async throws -> [ReportingForm] {
        try await ReportingFormModel.query(on: database).sort(\.$id).all().map { try $0.core() }
    }

    /// One form.
    public func form(code: String) async throws -> ReportingForm? {
        try await ReportingFormModel.find(code, on: database).map { try $0.core() }
    }

    // MARK: Submissions

    /// The submission of a form by a unit for a period ("chưa nộp" when none was stored).
    public func submission(form: String, unit: UnitID, period: Period) async throws -> StoredSubmission {
        guard let model = try await submissionModel(form, unit, period) else {
            return StoredSubmission(submission: Submission(formCode: form, unitID: unit, period: period), version: 0)
        }
        return StoredSubmission(submission: try model.core(), version: model.version)
    }

    /// Every stored submission of a form for a period.
    public func submissions(form: String, period: Period) async throws -> [Submission] {
        try await SubmissionModel.query(on: database).filter(\.$formCode == form).filter(\.$period == period.id).all()
            .map { try $0.core() }
    }

    /// Stores a new state if nobody changed the submission since `expectedVersion`; otherwise
    /// throws `SubmissionConflict`. Returns the new version.
    @discardableResult
    public func saveSubmission(_ submission: Submission, expectedVersion: Int) async throws -> Int {
        try await writeTransaction { db in
            let store = TiendoStore(database: db)
            let existing = try await store.submissionModel(submission.formCode, submission.unitID, submission.period)
            if let existing {
                guard existing.version == expectedVersion, let sql = db as? any SQLDatabase else {
                    throw SubmissionConflict(current: try existing.core())
                }
                let won = try await sql.update(SubmissionModel.schema)
                    .set("status", to: submission.status.rawValue)
                    .set("submitted_at", to: submission.submittedAt)
                    .set("submitted_by", to: submission.submittedBy)
                    .set("reviewed_at", to: submission.reviewedAt)
                    .set("reviewed_by", to: submission.reviewedBy)
                    .set("return_reason", to: submission.returnReason)
                    .set("version", to: expectedVersion + 1)
                    .where("id", .equal, existing.id!)  // read from the database, so it has its id
                    .where("version", .equal, expectedVersion)
                    .returning("id")
                    .all()
                guard won.count == 1 else {
                    let latest = try await SubmissionModel.find(existing.id, on: db) ?? existing
                    throw SubmissionConflict(current: try latest.core())
                }
                return expectedVersion + 1
            }
            guard expectedVersion == 0 else {
                throw StorageError("Báo cáo này không còn trong hệ thống; hãy tải lại trang.")
            }
            let model = SubmissionModel()
            model.formCode = submission.formCode
            model.unitID = submission.unitID.rawValue
            model.period = submission.period.id
            model.status = submission.status.rawValue
            model.submittedAt = submission.submittedAt
            model.submittedBy = submission.submittedBy
            model.reviewedAt = submission.reviewedAt
            model.reviewedBy = submission.reviewedBy
            model.returnReason = submission.returnReason
            model.version = 1
            try await model.create(on: db)
            return 1
        }
    }

    func submissionModel(_ form: String, _ unit: UnitID, _ period: Period) async throws -> SubmissionModel? {
        try await SubmissionModel.query(on: database)
            .filter(\.$formCode == form)
            .filter(\.$unitID == unit.rawValue)
            .filter(\.$period == period.id)
            .first()
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}

extension ReportingFormModel {
    func core() throws -> ReportingForm {
        guard let kind = Period.Kind(rawValue: periodKind), let calendar = ReportingCalendar(rawValue: calendar),
            let codes = try? JSONDecoder().decode([String].self, from: Data(indicatorCodes.utf8)),
            let units = try? JSONDecoder().decode([String].self, from: Data(unitIDs.utf8)),
            let basis = DeadlineRule.Basis(rawValue: deadlineBasis)
        else { throw StorageError("Biểu mẫu “\(id ?? "")” bị hỏng") }
        return ReportingForm(
            code: id ?? "", name: name, indicatorCodes: codes, unitIDs: units.map(UnitID.init), periodKind: kind,
            calendar: calendar,
            deadline: DeadlineRule(basis: basis, days: deadlineWorkingDays, lowerLevelLeadDays: deadlineLeadDays))
    }
}

extension SubmissionModel {
    func core() throws -> Submission {
        guard let period = Period(id: period), let status = SubmissionStatus(rawValue: status) else {
            throw StorageError("Báo cáo “\(formCode)” của “\(unitID)” bị hỏng")
        }
        var submission = Submission(formCode: formCode, unitID: UnitID(unitID), period: period)
        submission.status = status
        submission.submittedAt = submittedAt
        submission.submittedBy = submittedBy
        submission.reviewedAt = reviewedAt
        submission.reviewedBy = reviewedBy
        submission.returnReason = returnReason
        return submission
    }
}
