import Foundation
import TiendoCore
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// The whole authorization matrix, generated from the route table: every registered route ×
/// every role × an account of Phường Phong Dinh (in scope of the ward's own objects) and one of
/// Phường Phú Xuân (out of scope: it guesses Phong Dinh's submission, report, resolution by
/// their ids). Pages are called with a session, the API with a token. Each outcome — allowed,
/// refused (401/403) or not found — is compared with the reviewed table in
/// Tests/Fixtures/authorization-matrix.tsv: a route nobody reviewed, or an allow the table does
/// not list, fails the build. After a deliberate change, regenerate the table with
/// `TIENDO_WRITE_MATRIX=1 swift test --filter GeneratedAuthorizationMatrixTests` and review the diff.
final class GeneratedAuthorizationMatrixTests: XCTestCase {
    static let table = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/authorization-matrix.tsv")
    /// The ward whose objects every request names, and the ward of the out-of-scope accounts.
    static let ownWard = "19831"
    static let otherWard = "19753"
    /// Routes anyone reaches (or that end the session), tested elsewhere.
    static let skipped: Set<String> = [
        "GET /dang-nhap", "POST /dang-nhap", "POST /dang-xuat", "GET /khoi-tao", "POST /khoi-tao",
        "GET /static/tiendo.css", "GET /healthz", "GET /api/v1/openapi.json",
    ]

    func testEveryRouteRoleAndScopeHasTheReviewedOutcome() async throws {
        var lines: [String] = []
        for role in Role.allCases {
            for ward in [Self.ownWard, Self.otherWard] {
                // A fresh demo for each account, so one account's posts cannot change another's outcome.
                try await WebTestApp.withDemo { web in
                    lines += try await Self.outcomes(web, role: role, ward: ward)
                }
            }
        }
        let actual = lines.sorted().joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["TIENDO_WRITE_MATRIX"] == "1" {
            try actual.write(to: Self.table, atomically: true, encoding: .utf8)
        }
        let reviewed = Set(
            (try String(contentsOf: Self.table, encoding: .utf8)).split(separator: "\n").map(String.init))
        let produced = Set(lines)

        let unreviewed = produced.subtracting(reviewed).sorted()
        let gone = reviewed.subtracting(produced).sorted()
        XCTAssertEqual(unreviewed, [], "outcomes not in the reviewed table")
        XCTAssertEqual(gone, [], "reviewed outcomes that no longer happen")
        XCTAssertGreaterThan(lines.count, 200)
        // Whatever the table says, an account of another ward never gets into Phong Dinh's objects.
        let leaks = lines.filter { $0.contains("\tngoai-pham-vi\tcho-phep") && Self.namesTheWard($0) }
        XCTAssertEqual(leaks, [], "out-of-scope accounts let into the ward's objects")
    }

    /// The outcome of every route for one account: "METHOD /pattern<TAB>role<TAB>scope<TAB>outcome".
    static func outcomes(_ web: WebTestApp, role: Role, ward: String) async throws -> [String] {
        let directory = try await web.store.directory()
        let unit = try XCTUnwrap(directory.unit(code: ward, on: CivilDate(2026, 1, 1)))
        let username = "\(role.rawValue.lowercased())-\(ward)"
        let password = "mat-khau-kiem-thu-\(ward)"
        try await web.store.createAccount(
            Account(
                username: username, displayName: "Kiểm thử \(role.vietnameseName)", role: role, unitID: unit.unitID),
            passwordHash: try Passwords.hash(password, cost: 4))
        let session = try await web.login(username, password: password)
        let token = try await APITokens.issue(username: username, name: "ma tran", store: web.store).secret
        let scope = ward == ownWard ? "trong-pham-vi" : "ngoai-pham-vi"
        // Phong Dinh's own task (no coordinating unit) and the demo's notice, by id.
        let book = try await web.store.followUpBook()
        let task = try XCTUnwrap(
            book.tasks.first { $0.leadUnit.rawValue.hasPrefix(ownWard) && $0.coordinatingUnits.isEmpty })
        // An explanation request the city asked Phong Dinh, by id.
        let explanation = ExplanationRequest(
            unitID: task.leadUnit, indicatorCode: "SO_HO_NGHEO", period: .year(2025), question: "Giải trình số liệu",
            dueDate: CivilDate.todayInVietnam().adding(days: 7), askedBy: "tonghop", askedOn: .todayInVietnam())
        try await web.store.addExplanationRequest(explanation, at: Date())
        let ids = [
            "nhiem-vu": task.id.uuidString, "van-ban-chi-dao": task.directiveID.uuidString,
            "minh-chung": book.reports(of: task.id).first?.id.uuidString ?? "",
            "giai-trinh": explanation.id.uuidString,
        ]
        var lines: [String] = []
        for route in web.app.routes.all {
            let pattern = "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
            if skipped.contains(pattern) { continue }
            let isAPI = route.path.first?.description == "api"
            var path =
                "/" + route.path.map { value(for: $0.description, in: route.path, ids: ids) }.joined(separator: "/")
            // The ask form names its indicator and unit in the query, on GET and POST alike.
            let askQuery = path == "/giai-trinh/moi" ? "?chi-so=SO_HO_NGHEO&don-vi=\(ownWard)" : ""
            path += askQuery
            let response: XCTHTTPResponse
            if isAPI {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: token)
                var body: ByteBuffer?
                if route.method == .PUT {
                    headers.contentType = .json
                    body = ByteBuffer(string: "{\"value\": 140}")
                } else if route.method == .POST {
                    // Asking Phong Dinh about a figure, or answering the city's request.
                    headers.contentType = .json
                    body = ByteBuffer(
                        string: "{\"unit\": \"\(ownWard)\", \"indicator\": \"SO_HO_NGHEO\", \"period\": \"2025\", "
                            + "\"question\": \"Vì sao?\", \"due\": \"2099-12-31\", \"text\": \"Do rà soát lại\"}")
                }
                let query = route.method == .GET ? "?unit=\(ownWard)&period=2027&indicator=SO_HO_NGHEO" : ""
                response = try await web.app.testable().sendRequest(
                    route.method, path + query, headers: headers, body: body)
            } else if route.method == .GET {
                response = try await web.get(
                    path + (askQuery.isEmpty ? "?don-vi=\(ownWard)&ky=2027&q=phong" : ""), as: session)
            } else {
                response = try await web.post(
                    path, form: ["action": "luu", "don-vi": ownWard, "ky": "2027", "loai": "so-ket"], as: session)
            }
            let outcome: String
            switch response.status {
            case .unauthorized, .forbidden: outcome = "cam"
            case .notFound: outcome = "khong-thay"
            default: outcome = "cho-phep"
            }
            lines.append("\(pattern)\t\(role.rawValue)\t\(scope)\t\(outcome)")
        }
        return lines
    }

    /// A concrete value for a route parameter: Phong Dinh's objects.
    static func value(for component: String, in path: [PathComponent], ids: [String: String]) -> String {
        let first = path.first?.description ?? ""
        switch component {
        case ":form": return "CHI-TIEU-NAM"
        case ":unit": return ownWard
        case ":period": return "2027"
        case ":indicator": return "SO_HO_NGHEO"
        case ":code":
            if first == "chi-so" { return "SO_HO_NGHEO" }
            if first == "bieu-mau" { return "CHI-TIEU-NAM" }
            return ownWard
        case ":id":
            if path.contains(where: { $0.description == "explanations" }) { return ids["giai-trinh"] ?? "" }
            return ids[first] ?? (first == "ma-truy-cap" ? "1" : "phong-dinh-2025-2030")
        case ":report": return ids["minh-chung"] ?? ""
        case ":number": return "1"
        case ":index": return "moi"
        case ":format": return "word"
        default: return component
        }
    }

    /// Routes whose request names one of Phong Dinh's objects (not lists or the person's own pages).
    static func namesTheWard(_ line: String) -> Bool {
        let pattern = line.split(separator: "\t").first.map(String.init) ?? ""
        let ownObjects = [
            ":unit", "/nghi-quyet/:id", "/bao-cao", "/api/v1/values", "/api/v1/verdicts", "/api/v1/rollups",
            "/nhiem-vu/:id",
            "/xep-loai", "/giai-trinh/:id", "/giai-trinh/moi", "/api/v1/explanations",
        ]
        return ownObjects.contains { pattern.contains($0) } || pattern == "GET /" || pattern.hasPrefix("GET /so-sanh")
            || pattern.hasPrefix("GET /chi-so")
    }
}
