import FluentKit
import Foundation
import TiendoCore

/// Explanation requests (yêu cầu giải trình) and their answers. Every write leaves an audit event
/// in the same transaction.
extension TiendoStore: ExplanationStore {
    /// The audit trail's words for an explanation asked and answered. Stored as the action's
    /// words like every event kind (`AuditTrail.EventKind` may take them as cases later).
    public static let explanationAskedAction = "yêu cầu giải trình"
    /// See ``explanationAskedAction``.
    public static let explanationAnsweredAction = "giải trình"

    /// The audit subject of an explanation request.
    public static func explanationSubject(_ id: UUID) -> String { "giai-trinh/\(id.uuidString.lowercased())" }

    /// Every explanation request with its answer (without the files' bytes), oldest first.
    public func explanationRequests() async throws -> [ExplanationRequest] {
        try await requestsWithoutFiles(ExplanationRequestModel.query(on: database))
    }

    /// The requests asked of `unit`, oldest first (index `explanation_requests_unit`).
    public func explanationRequests(unit: UnitID) async throws -> [ExplanationRequest] {
        try await requestsWithoutFiles(
            ExplanationRequestModel.query(on: database).filter(\.$unitID == unit.rawValue))
    }

    private func requestsWithoutFiles(_ query: QueryBuilder<ExplanationRequestModel>) async throws
        -> [ExplanationRequest]
    {
        try await query
            .field(\.$id).field(\.$unitID).field(\.$indicatorCode).field(\.$resolutionID).field(\.$targetNumber)
            .field(\.$period).field(\.$question).field(\.$dueDate).field(\.$askedBy).field(\.$askedOn)
            .field(\.$askedAt).field(\.$answerText).field(\.$answeredBy).field(\.$answeredOn).field(\.$answeredAt)
            .field(\.$fileName)
            .sort(\.$askedAt).all().map { try $0.core() }
    }

    /// Records a new request.
    public func addExplanationRequest(_ request: ExplanationRequest, at time: Date) async throws {
        try await inTransaction { store in
            try await ExplanationRequestModel(request, at: time).create(on: store.database)
            try await store.recordExplanationEvent(
                actor: request.askedBy, action: Self.explanationAskedAction, id: request.id,
                detail: "Đơn vị \(request.unitID.rawValue), chỉ số \(request.indicatorCode), hạn "
                    + "\(VietnameseDate.short(request.dueDate)): \(request.question)", at: time)
        }
    }

    /// Records the answer to request `id`; refuses a request already answered or gone.
    public func answerExplanationRequest(_ id: UUID, answer: ExplanationAnswer, file: Data?, at time: Date)
        async throws
    {
        try await inTransaction { store in
            guard let model = try await ExplanationRequestModel.find(id, on: store.database) else {
                throw StorageError("Yêu cầu giải trình không còn trong hệ thống.")
            }
            guard model.answerText == nil else { throw StorageError("Yêu cầu này đã được giải trình.") }
            model.answerText = answer.text
            model.answeredBy = answer.author
            model.answeredOn = answer.date.iso
            model.answeredAt = time
            model.fileName = file == nil ? nil : answer.fileName
            model.fileData = file
            try await model.update(on: store.database)
            let attached = model.fileName.map { " (tệp “\($0)”)" } ?? ""
            try await store.recordExplanationEvent(
                actor: answer.author, action: Self.explanationAnsweredAction, id: id,
                detail: answer.text + attached, at: time)
        }
    }

    /// The file attached to the answer of request `id`.
    public func explanationAnswerFile(_ id: UUID) async throws -> StoredFile? {
        guard let model = try await ExplanationRequestModel.find(id, on: database), let name = model.fileName,
            let data = model.fileData
        else { return nil }
        return StoredFile(name: name, data: data)
    }

    private func recordExplanationEvent(actor: String, action: String, id: UUID, detail: String, at time: Date)
        async throws
    {
        let model = AuditEventModel()
        model.at = time
        model.actor = actor
        model.action = action
        model.subject = Self.explanationSubject(id)
        model.detail = detail
        try await model.create(on: database)
    }
}
