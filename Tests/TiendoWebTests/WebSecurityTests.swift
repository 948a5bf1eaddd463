import Foundation
import SQLKit
import TiendoCore
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// What an attacker tries against the pages: a post forged from another site, headers that let
/// a page be framed or sniffed, SQL typed into text fields.
final class WebSecurityTests: XCTestCase {
    /// A value for each route parameter, so every registered route can be called.
    static let parameters = [
        ":form": "CHI-TIEU-NAM", ":unit": "19831", ":period": "2027", ":code": "CHI-TIEU-NAM", ":id": "hue-2025-2030",
        ":number": "1", ":index": "moi", ":format": "word",
    ]

    func testEveryStateChangingPageRouteRefusesAPostWithoutItsToken() async throws {
        try await WebTestApp.withDemo { web in
            let admin = try await web.login("quantri")
            let routes = web.app.routes.all.filter {
                $0.method == .POST && $0.path.first?.description != "api"
            }
            let eventsBefore = try await Self.count("audit_events", web)
            var refused: [String] = []

            for route in routes {
                let path =
                    "/"
                    + route.path.map { Self.parameters[$0.description] ?? $0.description }.joined(separator: "/")
                let forged = try await web.post(path, form: ["_csrf": "gia-mao", "action": "luu"], as: admin)
                XCTAssertEqual(forged.status, .forbidden, "\(path) accepted a forged post")
                if forged.status == .forbidden { refused.append(path) }
            }

            XCTAssertGreaterThanOrEqual(routes.count, 15, "the route table lists the posting pages")
            XCTAssertEqual(refused.count, routes.count)
            let eventsAfter = try await Self.count("audit_events", web)
            XCTAssertEqual(eventsAfter, eventsBefore, "a forged post changes nothing")
        }
    }

    func testEveryPageCarriesTheHeadersThatStopFramingAndSniffing() async throws {
        try await WebTestApp.withDemo { web in
            let leader = try await web.login("lanhdao")
            for path in ["/dang-nhap", "/?don-vi=46", "/so-sanh?don-vi=46", "/khong-co-trang-nay"] {
                let response = try await web.get(path, as: path == "/dang-nhap" ? nil : leader)

                XCTAssertEqual(response.headers.first(name: "X-Frame-Options"), "DENY", path)
                XCTAssertEqual(response.headers.first(name: "X-Content-Type-Options"), "nosniff", path)
                XCTAssertTrue(
                    response.headers.first(name: "Content-Security-Policy")?.contains("default-src") ?? false, path)
                XCTAssertNotNil(response.headers.first(name: "Referrer-Policy"), path)
            }
        }
    }

    func testSQLTypedIntoTextFieldsIsStoredAsTextAndRunsNowhere() async throws {
        let injections = [
            "'; DROP TABLE indicator_values; --", "\" OR 1=1 --", "Robert'); DELETE FROM accounts; --",
            "1; UPDATE accounts SET role='quanTri'", "%' UNION SELECT password_hash FROM accounts --",
        ]
        try await WebTestApp.withDemo { web in
            let officer = try await web.login("phongdinh")
            let valuesBefore = try await Self.count("indicator_values", web)
            let accountsBefore = try await Self.count("accounts", web)

            for (index, text) in injections.enumerated() {
                // A note on a figure, a narrative section, a search, a login name.
                let saved = try await web.post(
                    "/nhap-lieu/CHI-TIEU-NAM/19831/2027",
                    form: [
                        "action": "luu", "v_SO_HO_NGHEO": "\(140 + index)", "s_SO_HO_NGHEO": "uoc",
                        "n_SO_HO_NGHEO": text,
                    ]
                    .merging(try await Self.versions(web), uniquingKeysWith: { a, _ in a }), as: officer)
                XCTAssertEqual(saved.status, .seeOther, "\(text): \(saved.body.string)")
                let narrative = try await web.post(
                    "/bao-cao", form: ["don-vi": "19831", "ky": "2027", "loai": "so-ket", "ket-qua-noi-bat": text],
                    as: officer)
                XCTAssertEqual(narrative.status, .seeOther)
                let search = try await web.get(
                    "/tim-kiem?q=" + (text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                    as: officer)
                XCTAssertEqual(search.status, .ok)
                let login = try await web.post("/dang-nhap", form: ["username": text, "password": text], as: nil)
                XCTAssertNotEqual(login.status, .seeOther, "an injected login name must not log in")

                let snapshot = try await web.store.snapshot()
                let ward = try XCTUnwrap(snapshot.directory.unit(code: "19831", on: CivilDate(2027, 12, 31)))
                let stored = snapshot.values.reported(
                    ValueKey(indicatorCode: "SO_HO_NGHEO", unitID: ward.unitID, period: .year(2027)))
                XCTAssertEqual(stored?.note, text, "the note is kept exactly as typed")
                let written = try await web.store.narrative(unit: ward.unitID, period: .year(2027), kind: .soKet)
                XCTAssertTrue(written.texts.values.contains(text), "the narrative is kept exactly as typed")
            }

            let valuesAfter = try await Self.count("indicator_values", web)
            let accountsAfter = try await Self.count("accounts", web)
            XCTAssertEqual(valuesAfter, valuesBefore)
            XCTAssertEqual(accountsAfter, accountsBefore)
        }
    }

    func testPasswordsFollowThePolicyAndAreHashedWithBcryptAtCostTwelve() throws {
        XCTAssertNotNil(PasswordPolicy.problem(with: "ngan", username: "phongdinh"))
        XCTAssertNotNil(PasswordPolicy.problem(with: "phongdinh2027", username: "phongdinh"))
        XCTAssertNotNil(PasswordPolicy.problem(with: "aaaaaaaaaaaa", username: "phongdinh"))
        XCTAssertNil(PasswordPolicy.problem(with: "Sông Hương 2027!", username: "phongdinh"))
        let configuration = try WebConfiguration.fromEnvironment([:])
        XCTAssertEqual(configuration.bcryptCost, 12)
        let hash = try Passwords.hash("Sông Hương 2027!", cost: 10)
        XCTAssertTrue(hash.hasPrefix("$2b$10$"), hash)
    }

    static func count(_ table: String, _ web: WebTestApp) async throws -> Int {
        let sql = try XCTUnwrap(web.database.database as? any SQLDatabase)
        let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()
        return try XCTUnwrap(row).decode(column: "n", as: Int.self)
    }

    /// The versions the entry page shows, posted back as a browser does.
    static func versions(_ web: WebTestApp) async throws -> [String: String] {
        let snapshot = try await web.store.snapshot()
        let ward = try XCTUnwrap(snapshot.directory.unit(code: "19831", on: CivilDate(2027, 12, 31)))
        var fields: [String: String] = [:]
        for value in snapshot.values.all where value.unitID == ward.unitID && value.period == .year(2027) {
            fields["ver_\(value.indicatorCode)"] = String(value.version)
        }
        return fields
    }
}
