import FluentKit

struct CreateIndicators: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("indicators")
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("unit_of_measure", .string, .required)
            .field("decimals", .int, .required)
            .field("value_type", .string, .required)
            .field("space_rule", .string, .required)
            .field("numerator_code", .string)
            .field("denominator_code", .string)
            .field("multiplier", .double)
            .field("time_rule", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("indicators").delete()
    }
}
