import Foundation
import XCTVapor
import XCTest

@testable import TiendoWeb

/// What the OpenAPI document says a parameter looks like is what the API accepts: a client (or
/// Schemathesis) that follows the document gets no 422 for a well-formed request, and a request
/// the document calls malformed (an empty `date=`, a lower-case period) is refused, never read as
/// "parameter not sent".
final class APIParameterFormatTests: XCTestCase {
    func parameters(_ document: [String: Any], _ path: String, _ method: String = "get") -> [String: [String: Any]] {
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        let operation = paths[path]?[method] as? [String: Any] ?? [:]
        var result: [String: [String: Any]] = [:]
        for parameter in operation["parameters"] as? [[String: Any]] ?? [] {
            if let name = parameter["name"] as? String { result[name] = parameter["schema"] as? [String: Any] ?? [:] }
        }
        return result
    }

    func testAnEmptyDateIsRefusedAndTheRefusalIsDocumented() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("quantri")

            let response = try await web.api(.GET, "/api/v1/units?date=", token: token)

            XCTAssertEqual(response.status, .unprocessableEntity, response.body.string)
            let error = response.object["error"] as? [String: Any]
            XCTAssertEqual(error?["field"] as? String, "date")
            XCTAssertEqual(
                error?["message"] as? String, "Tham số “date” để trống; hãy ghi giá trị hoặc bỏ hẳn tham số này.")
            let document = try await web.api(.GET, "/api/v1/openapi.json", token: nil).object
            let responses =
                ((document["paths"] as? [String: [String: Any]])?["/api/v1/units"]?["get"] as? [String: Any])?[
                    "responses"] as? [String: Any]
            XCTAssertNotNil(responses?["422"])
            XCTAssertEqual(parameters(document, "/api/v1/units")["date"]?["format"] as? String, "date")
        }
    }

    func testPeriodsFollowTheDocumentedPattern() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("quantri")
            let document = try await web.api(.GET, "/api/v1/openapi.json", token: nil).object
            let pattern = try XCTUnwrap(parameters(document, "/api/v1/verdicts")["period"]?["pattern"] as? String)
            XCTAssertEqual(
                parameters(document, "/api/v1/values/{unit}/{indicator}/{period}", "put")["period"]?["pattern"]
                    as? String, pattern)
            XCTAssertEqual(parameters(document, "/api/v1/rollups")["period"]?["pattern"] as? String, pattern)

            for period in ["2027", "2027S1", "2027N9", "2027Q3", "2027M09"] {
                XCTAssertNotNil(period.range(of: pattern, options: .regularExpression), period)
                let response = try await web.api(.GET, "/api/v1/verdicts?unit=46&period=\(period)", token: token)
                XCTAssertEqual(response.status, .ok, "\(period): \(response.body.string.prefix(200))")
            }
            for period in ["2027q3", "2027-2030", "1899", "2027M9", "%202027"] {
                let response = try await web.api(.GET, "/api/v1/verdicts?unit=46&period=\(period)", token: token)
                XCTAssertEqual(response.status, .unprocessableEntity, period)
                XCTAssertEqual((response.object["error"] as? [String: Any])?["field"] as? String, "period")
                let decoded = period.removingPercentEncoding ?? period
                XCTAssertNil(decoded.range(of: pattern, options: .regularExpression), period)
            }
        }
    }

    func testAMalformedBodyGetsADocumented400() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("phongdinh")
            let document = try await web.api(.GET, "/api/v1/openapi.json", token: nil).object

            let response = try await web.api(
                .PUT, "/api/v1/values/19831/SO_HO_NGHEO/2027", token: token, rawBody: "{\"value\": ",
                headers: [("Content-Type", "application/json")])

            XCTAssertEqual(response.status, .badRequest, response.body.string)
            let operation =
                (document["paths"] as? [String: [String: Any]])?["/api/v1/values/{unit}/{indicator}/{period}"]?["put"]
                as? [String: Any]
            XCTAssertNotNil((operation?["responses"] as? [String: Any])?["400"])
        }
    }

    func testAnOffsetBeyondTheDocumentedMaximumIsRefused() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("quantri")

            let huge = try await web.api(.GET, "/api/v1/indicators?offset=99999999999999999999", token: token)
            let beyond = try await web.api(.GET, "/api/v1/indicators?offset=2147483648", token: token)
            let last = try await web.api(.GET, "/api/v1/indicators?offset=2147483647", token: token)

            XCTAssertEqual(huge.status, .unprocessableEntity)
            XCTAssertEqual(beyond.status, .unprocessableEntity)
            XCTAssertEqual(last.status, .ok)
            XCTAssertEqual((last.object["items"] as? [Any])?.count, 0)
        }
    }
}
