import Foundation
import TiendoApplication
import TiendoCore
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// The administrator's page for API tokens: the secret is shown once, it opens the API, and
/// revoking it on the page closes the API to it.
final class APITokenPageTests: XCTestCase {
    func testIssueUseAndRevokeATokenOnThePage() async throws {
        try await WebTestApp.withDemo { web in
            let admin = try await web.login("quantri")

            let issued = try await web.post(
                SiteRoute.apiTokens.path, form: ["tai-khoan": "phongdinh", "ten": "Đồng bộ phường"], as: admin)
            let secret = try XCTUnwrap(
                issued.body.string.range(of: #"tdk_[A-Za-z0-9_-]+"#, options: .regularExpression).map {
                    String(issued.body.string[$0])
                })
            let working = try await web.api(.GET, "/api/v1/indicators", token: secret)
            let listing = try await web.get(SiteRoute.apiTokens.path, as: admin)
            let tokens = try await web.store.apiTokens()
            let token = try XCTUnwrap(tokens.first)
            let revoked = try await web.post(
                SiteRoute.apiTokenRevoke(id: token.id.uuidString.lowercased()).path, form: [:], as: admin)
            let refused = try await web.api(.GET, "/api/v1/indicators", token: secret)

            XCTAssertEqual(issued.status, .ok)
            XCTAssertTrue(issued.body.string.contains("một lần"))
            XCTAssertEqual(working.status, .ok)
            XCTAssertTrue(listing.body.string.contains("Đồng bộ phường"))
            XCTAssertFalse(listing.body.string.contains(secret), "the secret is never shown again")
            XCTAssertEqual(revoked.status, .seeOther)
            XCTAssertEqual(refused.status, .unauthorized)
            let events = try await web.store.events(subject: "tai-khoan:phongdinh")
            XCTAssertEqual(events.map(\.action).suffix(2), ["cap-ma-api", "thu-hoi-ma-api"])
        }
    }

    func testAnUnnamedTokenIsRefusedOnThePage() async throws {
        try await WebTestApp.withDemo { web in
            let admin = try await web.login("quantri")

            let response = try await web.post(
                SiteRoute.apiTokens.path, form: ["tai-khoan": "phongdinh", "ten": "  "], as: admin)

            XCTAssertEqual(response.status, .unprocessableEntity)
            XCTAssertTrue(response.body.string.contains("Hãy đặt tên"))
            let tokens = try await web.store.apiTokens()
            XCTAssertTrue(tokens.isEmpty)
        }
    }
}
