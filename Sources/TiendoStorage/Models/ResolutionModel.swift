import FluentKit
import Foundation

/// A stored resolution (table `resolutions`), keyed by the office's short id.
final class ResolutionModel: Model, @unchecked Sendable {
    static let schema = "resolutions"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "issuing_unit_id") var issuingUnitID: String
    @Field(key: "symbol") var symbol: String
    @Field(key: "title") var title: String
    @Field(key: "term_start") var termStart: Int
    @Field(key: "term_end") var termEnd: Int
    @Field(key: "adopted_on") var adoptedOn: String

    init() {}
}

/// A stored revision of a resolution (table `resolution_revisions`).
final class ResolutionRevisionModel: Model, @unchecked Sendable {
    static let schema = "resolution_revisions"

    @ID(key: .id) var id: UUID?
    @Field(key: "resolution_id") var resolutionID: String
    @Field(key: "symbol") var symbol: String
    @Field(key: "title") var title: String
    @Field(key: "effective_from") var effectiveFrom: String

    init() {}
}

/// A stored target (table `targets`). The measure, condition and tolerance are Core's Codable
/// types kept as JSON in `definition`: they are read whole, never queried by part.
final class TargetModel: Model, @unchecked Sendable {
    static let schema = "targets"

    @ID(key: .id) var id: UUID?
    @Field(key: "resolution_id") var resolutionID: String
    @OptionalField(key: "revision_id") var revisionID: UUID?
    @Field(key: "number") var number: Int
    @Field(key: "target_group") var group: String
    @Field(key: "wording") var wording: String
    @Field(key: "indicator_code") var indicatorCode: String
    @Field(key: "deadline_year") var deadlineYear: Int
    @Field(key: "definition") var definition: String

    init() {}
}

/// Installation settings (table `settings`), e.g. whether the database holds demo data.
final class SettingModel: Model, @unchecked Sendable {
    static let schema = "settings"

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "value") var value: String

    init() {}
}
