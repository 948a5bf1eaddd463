import FluentKit

/// The yearly quality ratings of party organisations and members (table `quality_ratings`): one
/// row per unit, year, kind of subject and subject. `subject_key` is the name in NFC, lower case,
/// single spaces — what makes two rows the same subject.
struct CreateQualityRatings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("quality_ratings")
            .id()
            .field("unit_id", .string, .required)
            .field("year", .int, .required)
            .field("kind", .string, .required)
            .field("group_name", .string, .required)
            .field("subject", .string, .required)
            .field("subject_key", .string, .required)
            .field("level", .string, .required)
            .field("note", .string)
            .field("position", .int, .required)
            .field("author", .string, .required)
            .field("entered_at", .datetime, .required)
            .unique(on: "unit_id", "year", "kind", "subject_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("quality_ratings").delete()
    }
}
