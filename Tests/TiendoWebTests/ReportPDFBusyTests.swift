import Foundation
import TiendoDocuments
import XCTVapor
import XCTest

@testable import TiendoWeb

/// A PDF download while every conversion slot and queue place is taken gets a Vietnamese
/// "busy" page with Retry-After at once, instead of starting one more LibreOffice.
final class ReportPDFBusyTests: XCTestCase {
    func testAPDFDownloadBeyondTheQueueIsAVietnameseBusyPage() async throws {
        // Any executable makes the PDF link available; no conversion starts while the limiter is full.
        setenv("TIENDO_SOFFICE", "/bin/true", 1)
        defer { unsetenv("TIENDO_SOFFICE") }
        let limiter = ReportPDF.shared
        var holders: [Task<Void, Never>] = []
        for _ in 0..<(limiter.maxRunning + limiter.maxWaiting) {
            holders.append(Task { _ = try? await limiter.run { try await Task.sleep(for: .seconds(60)) } })
        }
        defer { for holder in holders { holder.cancel() } }
        for _ in 0..<200 {
            let load = await limiter.load
            if load.running == limiter.maxRunning && load.waiting == limiter.maxWaiting { break }
            try await Task.sleep(for: .milliseconds(10))
        }

        try await WebTestApp.withDemo { web in
            let reporter = try await web.login("phongdinh")
            let started = Date()
            let pdf = try await web.get("/bao-cao/tai-ve/pdf?don-vi=19831&ky=2027&loai=so-ket", as: reporter)

            XCTAssertEqual(pdf.status, .serviceUnavailable)
            XCTAssertEqual(pdf.headers.first(name: .retryAfter), "60")
            XCTAssertTrue(
                pdf.body.string.contains("Máy chủ đang bận tạo bản PDF khác, vui lòng thử lại sau ít phút."),
                pdf.body.string)
            XCTAssertLessThan(Date().timeIntervalSince(started), 5, "refused at once, not after a wait")
        }
    }
}
