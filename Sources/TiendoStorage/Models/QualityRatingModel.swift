import FluentKit
import Foundation
import TiendoCore

/// One quality rating (table `quality_ratings`); `position` keeps the order of the list.
final class QualityRatingModel: Model, @unchecked Sendable {
    static let schema = "quality_ratings"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: String
    @Field(key: "year") var year: Int
    @Field(key: "kind") var kind: String
    @Field(key: "group_name") var groupName: String
    @Field(key: "subject") var subject: String
    @Field(key: "subject_key") var subjectKey: String
    @Field(key: "level") var level: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "position") var position: Int
    @Field(key: "author") var author: String
    @Field(key: "entered_at") var enteredAt: Date

    init() {}

    init(_ rating: QualityRating, position: Int, author: String, enteredAt: Date) {
        unitID = rating.unitID.rawValue
        year = rating.year
        kind = rating.kind.rawValue
        groupName = rating.group
        subject = rating.subject
        subjectKey = rating.subjectKey
        level = rating.level.rawValue
        note = rating.note
        self.position = position
        self.author = author
        self.enteredAt = enteredAt
    }

    func core() throws -> QualityRating {
        guard let kind = RatedSubjectKind(rawValue: kind), let level = QualityLevel(rawValue: level) else {
            throw StorageError("Bản ghi xếp loại chất lượng hỏng: loại “\(self.kind)”, mức “\(self.level)”.")
        }
        return QualityRating(
            year: year, unitID: UnitID(unitID), kind: kind, group: groupName, subject: subject, level: level,
            note: note)
    }
}
