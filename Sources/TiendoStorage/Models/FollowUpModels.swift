import FluentKit
import Foundation
import TiendoCore

/// A directive (table `directives`); the attached file is kept in the row.
final class DirectiveModel: Model, @unchecked Sendable {
    static let schema = "directives"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "number") var number: String
    @Field(key: "date") var date: String
    @Field(key: "issuing_body") var issuingBody: String
    @Field(key: "unit_id") var unitID: String
    @Field(key: "title") var title: String
    @OptionalField(key: "file_name") var fileName: String?
    @OptionalField(key: "file_data") var fileData: Data?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    func core() throws -> Directive {
        guard let id, let kind = DirectiveKind(rawValue: kind), let date = CivilDate(iso: date) else {
            throw StorageError("Văn bản chỉ đạo “\(number)” trong cơ sở dữ liệu bị hỏng.")
        }
        return Directive(
            id: id, kind: kind, number: number, date: date, issuingBody: issuingBody, unitID: UnitID(unitID),
            title: title, fileName: fileName)
    }
}

/// A task of a directive (table `follow_up_tasks`).
final class FollowUpTaskModel: Model, @unchecked Sendable {
    static let schema = "follow_up_tasks"

    @ID(key: .id) var id: UUID?
    @Field(key: "directive_id") var directiveID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "content") var content: String
    @Field(key: "lead_unit_id") var leadUnitID: String
    @Field(key: "coordinating_unit_ids") var coordinatingUnitIDs: String
    @Field(key: "deadline") var deadline: String
    @Field(key: "linked_targets") var linkedTargets: String
    @OptionalField(key: "completed_on") var completedOn: String?
    @OptionalField(key: "completed_by") var completedBy: String?

    init() {}

    init(_ task: FollowUpTask) {
        id = task.id
        directiveID = task.directiveID
        number = task.number
        content = task.content
        leadUnitID = task.leadUnit.rawValue
        coordinatingUnitIDs = task.coordinatingUnits.map(\.rawValue).joined(separator: "|")
        deadline = task.deadline.iso
        linkedTargets = task.linkedTargets.map(\.key).joined(separator: "|")
        completedOn = task.completedOn?.iso
        completedBy = task.completedBy
    }

    func core() throws -> FollowUpTask {
        guard let id, let deadline = CivilDate(iso: deadline) else {
            throw StorageError("Nhiệm vụ số \(number) trong cơ sở dữ liệu bị hỏng.")
        }
        func parts(_ text: String) -> [String] { text.split(separator: "|").map(String.init) }
        return FollowUpTask(
            id: id, directiveID: directiveID, number: number, content: content, leadUnit: UnitID(leadUnitID),
            coordinatingUnits: parts(coordinatingUnitIDs).map(UnitID.init), deadline: deadline,
            linkedTargets: parts(linkedTargets).compactMap(TargetLink.init(key:)),
            completedOn: completedOn.flatMap(CivilDate.init(iso:)), completedBy: completedBy)
    }
}

/// A progress report on a task (table `task_reports`); the evidence file is kept in the row.
final class TaskReportModel: Model, @unchecked Sendable {
    static let schema = "task_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "task_id") var taskID: UUID
    @Field(key: "unit_id") var unitID: String
    @Field(key: "date") var date: String
    @Field(key: "text") var text: String
    @Field(key: "author") var author: String
    @OptionalField(key: "file_name") var fileName: String?
    @OptionalField(key: "file_data") var fileData: Data?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    func core() throws -> TaskProgressReport {
        guard let id, let date = CivilDate(iso: date) else {
            throw StorageError("Báo cáo tiến độ nhiệm vụ trong cơ sở dữ liệu bị hỏng.")
        }
        return TaskProgressReport(
            id: id, taskID: taskID, unitID: UnitID(unitID), date: date, text: text, author: author, fileName: fileName)
    }
}
