import FluentKit
import Foundation
import TiendoCore

/// An explanation request and its answer (table `explanation_requests`); the answer's file is
/// kept in the row.
final class ExplanationRequestModel: Model, @unchecked Sendable {
    static let schema = "explanation_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: String
    @Field(key: "indicator_code") var indicatorCode: String
    @OptionalField(key: "resolution_id") var resolutionID: String?
    @OptionalField(key: "target_number") var targetNumber: Int?
    @OptionalField(key: "period") var period: String?
    @Field(key: "question") var question: String
    @Field(key: "due_date") var dueDate: String
    @Field(key: "asked_by") var askedBy: String
    @Field(key: "asked_on") var askedOn: String
    @Field(key: "asked_at") var askedAt: Date
    @OptionalField(key: "answer_text") var answerText: String?
    @OptionalField(key: "answered_by") var answeredBy: String?
    @OptionalField(key: "answered_on") var answeredOn: String?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "file_name") var fileName: String?
    @OptionalField(key: "file_data") var fileData: Data?

    init() {}

    init(_ request: ExplanationRequest, at time: Date) {
        id = request.id
        unitID = request.unitID.rawValue
        indicatorCode = request.indicatorCode
        resolutionID = request.target?.resolutionID
        targetNumber = request.target?.targetNumber
        period = request.period?.id
        question = request.question
        dueDate = request.dueDate.iso
        askedBy = request.askedBy
        askedOn = request.askedOn.iso
        askedAt = time
    }

    func core() throws -> ExplanationRequest {
        guard let id, let due = CivilDate(iso: dueDate), let asked = CivilDate(iso: askedOn) else {
            throw StorageError("Yêu cầu giải trình trong cơ sở dữ liệu bị hỏng.")
        }
        var target: TargetLink?
        if let resolutionID, let targetNumber {
            target = TargetLink(resolutionID: resolutionID, targetNumber: targetNumber)
        }
        var answer: ExplanationAnswer?
        if let answerText, let answeredBy, let day = answeredOn.flatMap(CivilDate.init(iso:)) {
            answer = ExplanationAnswer(text: answerText, author: answeredBy, date: day, fileName: fileName)
        }
        return ExplanationRequest(
            id: id, unitID: UnitID(unitID), indicatorCode: indicatorCode, target: target,
            period: period.flatMap(Period.init(id:)), question: question, dueDate: due, askedBy: askedBy,
            askedOn: asked, answer: answer)
    }
}
