import Foundation
import TiendoCore
import Vapor

/// Explanation requests in the JSON API: list those the token's account sees, ask, answer.
/// The rules are ``ExplanationDesk``'s, as on the pages; answers through the API carry text only.
struct ExplanationAPI: Sendable {
    let store: any ReferenceData & ExplanationStore

    /// One explanation request as the API writes it.
    struct Item: Encodable, Sendable {
        struct Answer: Encodable, Sendable {
            let text: String
            let author: String
            let date: String
            let fileName: String?
        }

        let id: String
        let unit: APIUnitRef?
        let unitId: String
        let indicator: String
        let resolution: String?
        let targetNumber: Int?
        let period: String?
        let subject: String
        let question: String
        let askedBy: String
        let askedOn: String
        let due: String
        let status: String
        let statusName: String
        let answer: Answer?

        init(_ request: ExplanationRequest, directory: UnitDirectory, today: CivilDate) {
            let status = request.status(on: today)
            id = request.id.uuidString.lowercased()
            unit = directory.latestVersion(of: request.unitID).map(APIUnitRef.init)
            unitId = request.unitID.rawValue
            indicator = request.indicatorCode
            resolution = request.target?.resolutionID
            targetNumber = request.target?.targetNumber
            period = request.period?.id
            subject = request.subjectText()
            question = request.question
            askedBy = request.askedBy
            askedOn = request.askedOn.iso
            due = request.dueDate.iso
            self.status = status.slug
            statusName = status.vietnameseName
            answer = request.answer.map {
                Answer(text: $0.text, author: $0.author, date: $0.date.iso, fileName: $0.fileName)
            }
        }
    }

    struct AskInput: Decodable {
        var unit: String?
        var indicator: String?
        var resolution: String?
        var targetNumber: Int?
        var period: String?
        var question: String?
        var due: String?
    }

    struct AnswerInput: Decodable {
        var text: String?
    }

    /// GET /api/v1/explanations?unit=&status=
    @Sendable func list(_ request: Request) async throws -> Response {
        let user = try request.apiUser()
        let paging = try APIPaging(request)
        let directory = try await store.directory()
        let today = CivilDate.todayInVietnam()
        var items = try await store.explanationRequests().filter {
            ExplanationDesk.maySee(user.account, $0, in: directory, on: today)
        }
        if let code = try APIQuery.text(request, "unit") {
            let unit = try APILookup.unit(code, on: today, directory, user: user, field: "unit")
            items = items.filter { $0.unitID == unit.unitID }
        }
        if let raw = try APIQuery.text(request, "status") {
            guard let status = ExplanationStatus.allCases.first(where: { $0.slug == raw }) else {
                throw APIError(
                    .unprocessableEntity, "invalid",
                    "Trạng thái “\(raw)” không có; hãy dùng "
                        + ExplanationStatus.allCases.map(\.slug).joined(separator: ", ") + ".", field: "status")
            }
            items = items.filter { $0.status(on: today) == status }
        }
        return try paging.response(
            items.map { Item($0, directory: directory, today: today) }, request: request)
    }

    /// POST /api/v1/explanations
    @Sendable func ask(_ request: Request) async throws -> Response {
        let user = try request.apiUser()
        let input = try Self.decode(AskInput.self, request)
        let snapshot = try await store.snapshot()
        let today = CivilDate.todayInVietnam()
        var target: TargetLink?
        var period: Period?
        var unitID = UnitID("")
        if let resolution = input.resolution {
            guard let number = input.targetNumber else {
                throw APIError(
                    .unprocessableEntity, "invalid", "Hãy gửi số thứ tự chỉ tiêu (trường “targetNumber”).",
                    field: "targetNumber")
            }
            target = TargetLink(resolutionID: resolution, targetNumber: number)
        }
        if let code = input.unit {
            unitID = try APILookup.unit(code, on: today, snapshot.directory, user: user, field: "unit").unitID
        } else if target == nil {
            throw APIError(.unprocessableEntity, "invalid", "Hãy gửi mã đơn vị (trường “unit”).", field: "unit")
        }
        if let raw = input.period {
            guard raw.range(of: APIQuery.periodPattern, options: .regularExpression) != nil,
                let parsed = Period(id: raw)
            else {
                throw APIError(
                    .unprocessableEntity, "invalid", "Kỳ “\(raw)” không hợp lệ; hãy viết dạng 2027 hoặc 2027Q3.",
                    field: "period")
            }
            period = parsed
        }
        var due: CivilDate?
        if let raw = input.due {
            guard raw.range(of: APIQuery.datePattern, options: .regularExpression) != nil, let day = CivilDate(iso: raw)
            else {
                throw APIError(
                    .unprocessableEntity, "invalid", "Hạn “\(raw)” không hợp lệ; hãy viết dạng YYYY-MM-DD.",
                    field: "due")
            }
            due = day
        }
        let question = ExplanationDesk.Question(
            unitID: unitID, indicatorCode: input.indicator ?? "", target: target, period: period,
            text: input.question ?? "", dueDate: due)
        do {
            let asked = try await ExplanationDesk(store: store).ask(
                question, by: user.account, snapshot: snapshot, today: today)
            await request.application.myWorkCache.forgetAll()
            return try APIJSON.response(Item(asked, directory: snapshot.directory, today: today), status: .created)
        } catch let refusal as ExplanationError {
            throw Self.apiError(
                refusal,
                fields: ["ve": target == nil ? "period" : "targetNumber", "noi-dung": "question", "han": "due"])
        }
    }

    /// POST /api/v1/explanations/{id}/answer
    @Sendable func answer(_ request: Request) async throws -> Response {
        let user = try request.apiUser()
        let directory = try await store.directory()
        let today = CivilDate.todayInVietnam()
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let explanation = try await store.explanationRequests().first(where: { $0.id == id }),
            ExplanationDesk.maySee(user.account, explanation, in: directory, on: today)
        else {
            throw APIError(.notFound, "not_found", "Không có yêu cầu giải trình này.", field: "id")
        }
        let input = try Self.decode(AnswerInput.self, request)
        do {
            let answered = try await ExplanationDesk(store: store).answer(
                explanation.id, text: input.text ?? "", file: nil, by: user.account, today: today)
            await request.application.myWorkCache.forgetAll()
            return try APIJSON.response(Item(answered, directory: directory, today: today))
        } catch let refusal as ExplanationError {
            throw Self.apiError(refusal, fields: ["noi-dung": "text"])
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ request: Request) throws -> T {
        guard request.headers.contentType?.subType == "json" else {
            throw APIError(
                .unsupportedMediaType, "unsupported_media_type",
                "Hãy gửi nội dung dạng JSON (tiêu đề Content-Type: application/json).")
        }
        do {
            return try request.content.decode(T.self)
        } catch {
            throw APIError(.badRequest, "bad_request", "Nội dung JSON không đọc được; hãy xem tài liệu OpenAPI.")
        }
    }

    static func apiError(_ refusal: ExplanationError, fields: [String: String]) -> APIError {
        let field = refusal.field.flatMap { fields[$0] }
        switch refusal.kind {
        case .forbidden: return APIError(.forbidden, "forbidden", refusal.message, field: field)
        case .notFound: return APIError(.notFound, "not_found", refusal.message, field: field)
        case .invalid: return APIError(.unprocessableEntity, "invalid", refusal.message, field: field)
        }
    }
}
