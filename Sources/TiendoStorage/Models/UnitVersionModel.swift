import FluentKit
import Foundation

/// A stored unit version (table `unit_versions`). Dates are ISO `yyyy-MM-dd` text so that
/// SQLite and PostgreSQL store and compare them the same way.
final class UnitVersionModel: Model, @unchecked Sendable {
    static let schema = "unit_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: String
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "parent_unit_id") var parentUnitID: String?
    @Field(key: "valid_from") var validFrom: String
    @OptionalField(key: "valid_to") var validTo: String?

    init() {}
}

/// A stored lineage link (table `lineage_links`).
final class LineageLinkModel: Model, @unchecked Sendable {
    static let schema = "lineage_links"

    @ID(key: .id) var id: UUID?
    @Field(key: "source_unit_id") var sourceUnitID: String
    @Field(key: "successor_unit_id") var successorUnitID: String
    @Field(key: "weight") var weight: Double
    @Field(key: "date") var date: String
    @Field(key: "weight_estimated") var weightEstimated: Bool

    init() {}
}
