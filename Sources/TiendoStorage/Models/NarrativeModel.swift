import FluentKit
import Foundation

/// One section of a report's narrative (table `narratives`), keyed by unit, period, report kind
/// and section; `version` counts the saves.
final class NarrativeModel: Model, @unchecked Sendable {
    static let schema = "narratives"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: String
    @Field(key: "period") var period: String
    @Field(key: "report_kind") var reportKind: String
    @Field(key: "section") var section: String
    @Field(key: "text") var text: String
    @Field(key: "author") var author: String
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "version") var version: Int

    init() {}
}
