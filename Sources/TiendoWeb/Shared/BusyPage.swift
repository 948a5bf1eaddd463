import Foundation
import TiendoDocuments
import Vapor

/// The answer of a page whose work is bounded (PDF conversion, the report check) when every slot
/// is taken.
enum BusyPage {
    /// A 503 page with the Vietnamese reason and `Retry-After`, so a browser or script waits
    /// before asking again.
    static func response(_ request: Request, _ message: String) async throws -> Response {
        let context = ErrorPageContext(
            layout: LayoutContext.make(request, title: "Máy chủ đang bận", section: "bao-cao", isDemo: false),
            heading: "Máy chủ đang bận", message: message)
        let response = try await request.view.render("error", context).encodeResponse(for: request)
        response.status = .serviceUnavailable
        response.headers.replaceOrAdd(name: .retryAfter, value: String(ReportPDF.retryAfterSeconds))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
