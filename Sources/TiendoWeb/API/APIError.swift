import Foundation
import TiendoCore
import Vapor

/// The one error of the JSON API: a machine code, a Vietnamese sentence a person can act on, and
/// the field it is about. Every failure under /api/v1 leaves as `{"error": {...}}`.
struct APIError: Error, Sendable {
    let status: HTTPResponseStatus
    let code: String
    let message: String
    let field: String?
    /// The figure as it now stands, on a conflict, so a client can decide without another read.
    let current: APIValue?

    init(
        _ status: HTTPResponseStatus, _ code: String, _ message: String, field: String? = nil,
        current: APIValue? = nil
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.current = current
    }

    /// The body: `{"error": {"code", "message", "field", "current"?}}`.
    struct Body: Content {
        struct Detail: Codable {
            let code: String
            let message: String
            let field: String?
            let current: APIValue?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(code, forKey: .code)
                try container.encode(message, forKey: .message)
                // `field` is always present (null when the error is about no field).
                try container.encode(field, forKey: .field)
                try container.encodeIfPresent(current, forKey: .current)
            }
        }
        let error: Detail
    }

    var body: Body { Body(error: .init(code: code, message: message, field: field, current: current)) }

    /// The machine code of a status, for errors that do not name their own.
    static func code(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: return "bad_request"
        case 401: return "unauthorized"
        case 403: return "forbidden"
        case 404: return "not_found"
        case 405: return "method_not_allowed"
        case 409: return "conflict"
        case 413: return "payload_too_large"
        case 415: return "unsupported_media_type"
        case 422: return "invalid"
        case 429: return "too_many_requests"
        default: return "internal"
        }
    }

    /// Any error as the API's error: ours as they are, the pages' Vietnamese errors with their
    /// sentence, the framework's (decoding, routing) in Vietnamese.
    static func from(_ error: any Error, request: Request) -> APIError {
        switch error {
        case let api as APIError:
            return api
        case let page as PageError:
            return APIError(page.status, code(for: page.status), page.reason)
        case let decoding as DecodingError:
            return fromDecoding(decoding)
        case _ where request.application.storageFailure(error).map { $0.kind != .refused } ?? false:
            // A busy, read-only, full or unreachable database, in its Vietnamese sentence.
            request.logger.report(error: error)
            let storage = request.application.storageFailure(error) ?? StorageError(String(describing: error))
            let status = HTTPResponseStatus(statusCode: storage.httpStatus)
            return APIError(status, storage.kind == .busy ? "busy" : code(for: status), storage.description)
        case let abort as any AbortError:
            let status = abort.status
            let message: String
            switch status.code {
            case 404: message = "Không có địa chỉ API này; hãy xem danh sách đường dẫn trong /api/v1/openapi.json."
            case 405: message = "Đường dẫn này không nhận phương thức \(request.method.rawValue)."
            case 415: message = "Hãy gửi nội dung dạng JSON (Content-Type: application/json)."
            case 400: message = "Yêu cầu không hợp lệ; hãy kiểm tra lại tham số và nội dung gửi lên."
            default: message = VietnameseErrorMiddleware.genericMessage(for: status)
            }
            return APIError(status, code(for: status), message)
        default:
            request.logger.report(error: error)
            return APIError(
                .internalServerError, "internal",
                "Đã có lỗi trong hệ thống. Vui lòng thử lại sau hoặc báo cho quản trị viên.")
        }
    }

    private static func fromDecoding(_ error: DecodingError) -> APIError {
        func path(_ context: DecodingError.Context, _ extra: (any CodingKey)? = nil) -> String? {
            let keys = context.codingPath + (extra.map { [$0] } ?? [])
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? nil : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return APIError(
                .unprocessableEntity, "invalid", "Thiếu trường “\(key.stringValue)”.", field: path(context, key))
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let field = path(context)
            return APIError(
                .unprocessableEntity, "invalid",
                "Trường “\(field ?? "")” có kiểu dữ liệu không đúng; hãy xem lược đồ trong /api/v1/openapi.json.",
                field: field)
        case .dataCorrupted(let context):
            return APIError(
                .badRequest, "bad_request", "Nội dung gửi lên không phải JSON hợp lệ.", field: path(context))
        @unknown default:
            return APIError(.badRequest, "bad_request", "Nội dung gửi lên không đọc được.")
        }
    }
}

extension APIError {
    /// A period, unit or resolution named by the request that cannot be read (422, "invalid") or
    /// names nothing (404, "not_found"), with the lookup's one message.
    init(_ error: LookupError, field: String) {
        switch error.kind {
        case .invalid: self.init(.unprocessableEntity, "invalid", error.message, field: field)
        case .notFound: self.init(.notFound, "not_found", error.message, field: field)
        }
    }
}
