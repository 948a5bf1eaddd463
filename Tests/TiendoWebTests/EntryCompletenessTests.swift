import TiendoCore
import TiendoDemo
import XCTVapor
import XCTest

@testable import TiendoWeb

/// Submitting a report without every figure: the entry use case decides (stored figures count),
/// and the page marks exactly the fields the refusal names, writing nothing.
final class EntryCompletenessTests: XCTestCase {
    static let path = "/nhap-lieu/\(DemoData.formCode)/19831/2028"

    func testIncompleteSubmissionMarksTheMissingFieldsAndWritesNothing() async throws {
        try await WebTestApp.withDemo { web in
            let ward = try await web.login("phongdinh")
            let page = try await web.get(Self.path, as: ward)
            XCTAssertEqual(page.status, .ok, page.body.string)
            var fields = ReportingCycleTests.currentFields(page.body.string)
            let codes = fields.keys.filter { $0.hasPrefix("v_") }.map { String($0.dropFirst(2)) }.sorted()
            XCTAssertGreaterThan(codes.count, 1, "the form has several indicators")
            XCTAssertTrue(codes.allSatisfy { (fields["v_" + $0] ?? "").isEmpty }, "nothing stored for 2028 yet")
            let left = codes[0]
            for code in codes.dropFirst() { fields["v_" + code] = "1" }
            fields["action"] = "nop"
            let before = try await web.store.values().all.count

            let response = try await web.post(Self.path, form: fields, as: ward)

            let html = response.body.string
            XCTAssertEqual(response.status, .unprocessableEntity, html)
            XCTAssertTrue(html.contains("Còn 1 chỉ tiêu chưa có số liệu (\(left))"), html)
            XCTAssertTrue(html.contains("id=\"e_\(left)\""), "the missing field is marked")
            XCTAssertFalse(html.contains("id=\"e_\(codes[1])\""), "a filled field is not")
            XCTAssertTrue(html.contains("Hãy nhập số liệu trước khi nộp."))
            let after = try await web.store.values().all.count
            XCTAssertEqual(after, before, "nothing is written")
        }
    }
}
