import FluentKit
import Foundation

/// A stored indicator (table `indicators`), keyed by its code.
final class IndicatorModel: Model, @unchecked Sendable {
    static let schema = "indicators"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @Field(key: "unit_of_measure") var unitOfMeasure: String
    @Field(key: "decimals") var decimals: Int
    @Field(key: "value_type") var valueType: String
    @Field(key: "space_rule") var spaceRule: String
    @OptionalField(key: "numerator_code") var numeratorCode: String?
    @OptionalField(key: "denominator_code") var denominatorCode: String?
    @OptionalField(key: "multiplier") var multiplier: Double?
    @Field(key: "time_rule") var timeRule: String

    init() {}
}

/// The current figure for (indicator, unit, period) (table `indicator_values`); `version`
/// guards against lost updates.
final class IndicatorValueModel: Model, @unchecked Sendable {
    static let schema = "indicator_values"

    @ID(key: .id) var id: UUID?
    @Field(key: "indicator_code") var indicatorCode: String
    @Field(key: "unit_id") var unitID: String
    @Field(key: "period") var period: String
    @Field(key: "number") var number: Double
    @Field(key: "status") var status: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "author") var author: String
    @Field(key: "entered_at") var enteredAt: Date
    @Field(key: "version") var version: Int

    init() {}
}

/// One change of a figure (table `value_changes`): the audit trail. Never updated or deleted.
final class ValueChangeModel: Model, @unchecked Sendable {
    static let schema = "value_changes"

    @ID(key: .id) var id: UUID?
    @Field(key: "indicator_code") var indicatorCode: String
    @Field(key: "unit_id") var unitID: String
    @Field(key: "period") var period: String
    @OptionalField(key: "old_number") var oldNumber: Double?
    @Field(key: "new_number") var newNumber: Double
    @OptionalField(key: "old_status") var oldStatus: String?
    @Field(key: "new_status") var newStatus: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "author") var author: String
    @Field(key: "changed_at") var changedAt: Date
    @Field(key: "version") var version: Int

    init() {}
}
