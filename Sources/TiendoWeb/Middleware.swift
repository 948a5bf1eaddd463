import Foundation
import TiendoCore
import Vapor

/// Security headers on every response: no inline script, no framing, no sniffing.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers: [(String, String)] = [
            (
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
            ),
            ("X-Frame-Options", "DENY"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
        ]
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }
}

/// Turns every error into a Vietnamese page (or a Vietnamese JSON message) — never a stack trace.
struct VietnameseErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch is LoginRequired {
            return request.redirect(to: SiteRoute.login.path)
        } catch {
            let status: HTTPResponseStatus
            let message: String
            var retryAfter: String?
            if let pageError = error as? PageError {
                status = pageError.status
                message = pageError.reason
            } else if let storage = request.application.storageFailure(error), storage.kind != .refused {
                // A busy, read-only, full or unreachable database: its Vietnamese sentence, and
                // when waiting helps, how long to wait.
                request.logger.report(error: error)
                status = HTTPResponseStatus(statusCode: storage.httpStatus)
                message = storage.description
                if storage.isTransient { retryAfter = "5" }
            } else if let abort = error as? any AbortError {
                // The framework's own reasons are English: say it in Vietnamese instead.
                status = abort.status
                message = Self.genericMessage(for: status)
            } else {
                request.logger.report(error: error)
                status = .internalServerError
                message = "Đã có lỗi trong hệ thống. Vui lòng thử lại sau hoặc báo cho quản trị viên."
            }
            let context = ErrorPageContext(
                layout: LayoutContext.make(request, title: "Lỗi \(status.code)", section: "", isDemo: false),
                heading: "Lỗi \(status.code)", message: message)
            do {
                let response = try await request.view.render("error", context).encodeResponse(for: request)
                response.status = status
                if let retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: retryAfter) }
                return response
            } catch {
                // Even when the error page cannot be drawn, the person gets a Vietnamese sentence.
                request.logger.report(error: error)
                var headers = HTTPHeaders()
                headers.contentType = .plainText
                return Response(status: status, headers: headers, body: .init(string: message))
            }
        }
    }
}

extension VietnameseErrorMiddleware {
    static func genericMessage(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 404: return "Không tìm thấy trang bạn yêu cầu."
        case 400, 422: return "Yêu cầu không hợp lệ; hãy kiểm tra lại thông tin đã nhập."
        case 401: return "Bạn cần đăng nhập để xem trang này."
        case 403: return "Bạn không có quyền xem hoặc thay đổi nội dung này."
        case 405: return "Trang này không nhận thao tác bạn vừa gửi."
        case 413: return "Dữ liệu gửi lên quá lớn."
        case 429: return "Bạn thao tác quá nhanh; hãy chờ một lát rồi thử lại."
        default: return "Đã có lỗi trong hệ thống. Vui lòng thử lại sau hoặc báo cho quản trị viên."
        }
    }
}

/// An error whose reason is already a Vietnamese sentence for the person.
struct PageError: AbortError {
    let status: HTTPResponseStatus
    let reason: String

    init(_ status: HTTPResponseStatus, _ reason: String) {
        self.status = status
        self.reason = reason
    }
}

struct ErrorPageContext: Encodable {
    let layout: LayoutContext
    let heading: String
    let message: String
}
