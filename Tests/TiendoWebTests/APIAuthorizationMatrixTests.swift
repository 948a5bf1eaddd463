import Foundation
import TiendoApplication
import TiendoCore
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// Every API route × no token, a token of the wrong role or scope, and the right token — the
/// API's row of the authorization matrix (the pages' rows are in AuthorizationMatrixTests).
/// An API route registered without a row here fails `testEveryAPIRouteIsInTheMatrix`.
final class APIAuthorizationMatrixTests: XCTestCase {
    struct Case {
        let method: HTTPMethod
        let path: String
        /// The pattern it exercises, as Vapor registers it.
        let pattern: String
        let body: [String: Any]?
        let wrongUser: String
        let wrongStatus: HTTPResponseStatus
        let rightUser: String
        let rightStatus: HTTPResponseStatus
    }

    static let otherWard = "19753"  // Phường Phú Xuân; "phongdinh" reports for Phường Phong Dinh
    /// The explanation request the city asked Phong Dinh, made before the cases run.
    static let explanationID = "5b0e9c1e-6f0a-4c55-9a43-2f1d3c7b9e01"

    nonisolated(unsafe) static let cases: [Case] = [
        Case(
            method: .GET, path: "/api/v1/units", pattern: "GET /api/v1/units", body: nil, wrongUser: "",
            wrongStatus: .ok, rightUser: "phongdinh", rightStatus: .ok),
        Case(
            method: .GET, path: "/api/v1/units/\(otherWard)", pattern: "GET /api/v1/units/:code", body: nil,
            wrongUser: "phongdinh", wrongStatus: .forbidden, rightUser: "lanhdao", rightStatus: .ok),
        Case(
            method: .GET, path: "/api/v1/indicators", pattern: "GET /api/v1/indicators", body: nil, wrongUser: "",
            wrongStatus: .ok, rightUser: "phongdinh", rightStatus: .ok),
        Case(
            method: .GET, path: "/api/v1/resolutions", pattern: "GET /api/v1/resolutions", body: nil, wrongUser: "",
            wrongStatus: .ok, rightUser: "phongdinh", rightStatus: .ok),
        Case(
            method: .GET, path: "/api/v1/resolutions/hue-2025-2030", pattern: "GET /api/v1/resolutions/:id",
            body: nil, wrongUser: "phongdinh", wrongStatus: .forbidden, rightUser: "lanhdao", rightStatus: .ok),
        Case(
            method: .GET, path: "/api/v1/values?unit=\(otherWard)", pattern: "GET /api/v1/values", body: nil,
            wrongUser: "phongdinh", wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .ok),
        Case(
            method: .PUT, path: "/api/v1/values/\(otherWard)/THU_NSNN/2026Q1",
            pattern: "PUT /api/v1/values/:unit/:indicator/:period", body: ["value": 100], wrongUser: "phongdinh",
            wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .created),
        Case(
            method: .PUT, path: "/api/v1/values/\(otherWard)/THU_NSNN/2026Q2",
            pattern: "PUT /api/v1/values/:unit/:indicator/:period", body: ["value": 100], wrongUser: "lanhdao",
            wrongStatus: .forbidden, rightUser: "quantri", rightStatus: .created),
        Case(
            method: .GET, path: "/api/v1/verdicts?unit=\(otherWard)&period=2027", pattern: "GET /api/v1/verdicts",
            body: nil, wrongUser: "phongdinh", wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .ok),
        Case(
            method: .GET, path: "/api/v1/rollups?unit=46&indicator=SO_HO_NGHEO&period=2027",
            pattern: "GET /api/v1/rollups", body: nil, wrongUser: "phongdinh", wrongStatus: .forbidden,
            rightUser: "lanhdao", rightStatus: .ok),
        Case(
            method: .GET, path: "/api/v1/explanations?unit=\(otherWard)", pattern: "GET /api/v1/explanations",
            body: nil, wrongUser: "phongdinh", wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .ok),
        Case(
            method: .POST, path: "/api/v1/explanations", pattern: "POST /api/v1/explanations",
            body: [
                "unit": "19831", "indicator": "SO_HO_NGHEO", "period": "2025", "question": "Vì sao tăng?",
                "due": "2099-12-31",
            ], wrongUser: "phongdinh", wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .created),
        Case(
            method: .POST, path: "/api/v1/explanations/\(explanationID)/answer",
            pattern: "POST /api/v1/explanations/:id/answer", body: ["text": "Do rà soát lại"], wrongUser: "tonghop",
            wrongStatus: .forbidden, rightUser: "phongdinh", rightStatus: .ok),
    ]

    /// API routes anyone may reach.
    static let publicPatterns: Set<String> = ["GET /api/v1/openapi.json"]

    func testEveryAPIRouteIsInTheMatrix() async throws {
        try await WebTestApp.withDemo { web in
            let registered = web.app.routes.all.map {
                "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/")
            }.filter { $0.contains(" /api/") }
            let covered = Set(Self.cases.map(\.pattern)).union(Self.publicPatterns)

            XCTAssertEqual(registered.filter { !covered.contains($0) }, [], "API routes without an authorization test")
            XCTAssertFalse(registered.isEmpty)
        }
    }

    func testNoTokenIsRefusedEverywhereButTheDocument() async throws {
        try await WebTestApp.withDemo { web in
            for item in Self.cases {
                let response = try await web.api(item.method, item.path, token: nil, json: item.body)

                XCTAssertEqual(response.status, .unauthorized, item.pattern)
                XCTAssertEqual(response.apiError["code"] as? String, "unauthorized", item.pattern)
            }
            let document = try await web.api(.GET, "/api/v1/openapi.json", token: nil)
            XCTAssertEqual(document.status, .ok)
        }
    }

    func testWrongRoleOrScopeIsRefusedAndTheRightTokenIsLetIn() async throws {
        try await WebTestApp.withDemo { web in
            try await web.store.addExplanationRequest(
                ExplanationRequest(
                    id: try XCTUnwrap(UUID(uuidString: Self.explanationID)), unitID: UnitID("19831@2025-07-01"),
                    indicatorCode: "SO_HO_NGHEO", period: .year(2025), question: "Giải trình số hộ nghèo",
                    dueDate: CivilDate.todayInVietnam().adding(days: 7), askedBy: "tonghop",
                    askedOn: .todayInVietnam()),
                at: Date())
            var tokens: [String: String] = [:]
            func token(_ user: String) async throws -> String {
                if let known = tokens[user] { return known }
                let made = try await web.token(user)
                tokens[user] = made
                return made
            }
            for item in Self.cases {
                if !item.wrongUser.isEmpty {
                    let refused = try await web.api(
                        item.method, item.path, token: try await token(item.wrongUser), json: item.body)
                    XCTAssertEqual(refused.status, item.wrongStatus, "\(item.pattern) for \(item.wrongUser)")
                    XCTAssertEqual(refused.apiError["code"] as? String, "forbidden", item.pattern)
                    XCTAssertTrue(
                        (refused.apiError["message"] as? String ?? "").contains("quyền")
                            || (refused.apiError["message"] as? String ?? "").contains("không được")
                            || (refused.apiError["message"] as? String ?? "").contains("ngoài phạm vi"),
                        item.pattern)
                }
                let allowed = try await web.api(
                    item.method, item.path, token: try await token(item.rightUser), json: item.body)
                XCTAssertEqual(
                    allowed.status, item.rightStatus,
                    "\(item.pattern) for \(item.rightUser): \(allowed.body.string.prefix(300))")
            }
        }
    }
}
