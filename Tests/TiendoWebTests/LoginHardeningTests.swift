import Foundation
import NIOCore
import SQLKit
import TiendoApplication
import TiendoCore
import XCTVapor
import XCTest

@testable import TiendoStorage
@testable import TiendoWeb

/// Issue 19: login throttling by client address, parallel logins, user names found by timing,
/// NFC and bcrypt's 72 bytes, the open redirect after login, API tokens that survived a
/// password change, and a session's "last seen" that must not fail a page.
final class LoginHardeningTests: XCTestCase {
    // MARK: Throttling by address

    func testWrongPasswordsFromOneAddressDoNotLockTheOfficerOutOfAnotherMachine() async throws {
        try await WebTestApp.withDemo { web in
            let attacker = "203.0.113.7"
            for _ in 1...5 {
                let refused = try await Self.login(web, "phongdinh", password: "sai-mat-khau-roi", from: attacker)
                XCTAssertEqual(refused.status, .unauthorized)
            }

            let attackerAgain = try await Self.login(web, "phongdinh", from: attacker)
            let officer = try await Self.login(web, "phongdinh", from: "198.51.100.20")

            XCTAssertEqual(attackerAgain.status, .tooManyRequests, "the guessing machine is stopped")
            XCTAssertTrue(attackerAgain.text.contains("Tài khoản tạm khóa"), attackerAgain.text)
            XCTAssertEqual(officer.status, .seeOther, "the officer at their own machine still logs in")
            XCTAssertNotNil(officer.cookie(SessionMiddleware.cookieName))
        }
    }

    func testOneAddressTryingManyUserNamesIsStoppedButOthersAreNot() async throws {
        try await WebTestApp.withDemo { web in
            let sprayer = "203.0.113.8"
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 1...30 {
                    group.addTask {
                        try await Self.login(web, "khong-co-\(index)", password: "doan-bua-\(index)", from: sprayer)
                            .status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            let realUserThere = try await Self.login(web, "lanhdao", from: sprayer)
            let realUserElsewhere = try await Self.login(web, "lanhdao", from: "198.51.100.21")

            XCTAssertEqual(Set(statuses), [.unauthorized], "unknown names answer like wrong passwords")
            XCTAssertEqual(realUserThere.status, .tooManyRequests)
            XCTAssertTrue(realUserThere.text.contains("quá nhiều lần đăng nhập sai từ máy này"), realUserThere.text)
            XCTAssertEqual(realUserElsewhere.status, .seeOther)
        }
    }

    func testThirtyParallelWrongPasswordsReachTheLockWithoutAServerError() async throws {
        try await WebTestApp.withDemo { web in
            let address = "203.0.113.9"
            let answers = try await withThrowingTaskGroup(of: (HTTPStatus, String).self) { group in
                for _ in 1...30 {
                    group.addTask {
                        let answer = try await Self.login(web, "phongdinh", password: "sai-mat-khau-roi", from: address)
                        return (answer.status, answer.text)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let rightPasswordAfterwards = try await Self.login(web, "phongdinh", from: address)

            XCTAssertEqual(answers.filter { $0.0.code >= 500 }.count, 0, "no server error")
            XCTAssertEqual(answers.filter { $0.0 == .unauthorized }.count, 5, "only five passwords were checked")
            XCTAssertEqual(answers.filter { $0.0 == .tooManyRequests }.count, 25)
            XCTAssertTrue(
                answers.allSatisfy { $0.1.contains("Tên đăng nhập hoặc mật khẩu") || $0.1.contains("tạm khóa") })
            XCTAssertEqual(rightPasswordAfterwards.status, .tooManyRequests, "the lock was reached")
        }
    }

    func testAGuessFromManyAddressesIsRecordedButNeverLocksTheAccount() async throws {
        try await WebTestApp.withDemo { web in
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 1...60 {
                    group.addTask {
                        try await Self.login(web, "phongdinh", password: "doan-bua-\(index)", from: "10.20.0.\(index)")
                            .status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            let officer = try await Self.login(web, "phongdinh", from: "198.51.100.40")

            XCTAssertEqual(Set(statuses), [.unauthorized])
            XCTAssertEqual(officer.status, .seeOther, "sixty failures from sixty machines do not lock the officer out")
            let events = try await web.store.events(subject: "tai-khoan:phongdinh")
            XCTAssertEqual(
                events.filter { $0.action == "dang-nhap-sai-nhieu-noi" }.count, 1,
                "the administrator sees it once in the audit trail")
        }
    }

    func testALoginFormWithoutItsFieldsIsAFailedLoginNotAnErrorPage() async throws {
        try await WebTestApp.withDemo { web in
            let page = try await web.get(SiteRoute.login.path)
            let anonymous = try XCTUnwrap(WebTestApp.cookie(SessionMiddleware.anonymousCSRFCookie, in: page))

            let empty = try await web.post(
                SiteRoute.login.path, form: ["_csrf": anonymous], as: nil,
                cookie: "\(SessionMiddleware.anonymousCSRFCookie)=\(anonymous)")

            XCTAssertEqual(empty.status, .unauthorized)
            XCTAssertTrue(empty.body.string.contains(AuthController.wrongCredentials))
        }
    }

    func testForwardedForIsBelievedOnlyFromATrustedProxy() async throws {
        // Behind nginx on the same machine: the peer is 127.0.0.1 and the client is in X-Forwarded-For.
        var trusting = WebConfiguration()
        trusting.trustedProxies = ["127.0.0.1"]
        try await Self.withAccount(trusting) { app in
            for _ in 1...5 {
                let refused = try await Self.login(
                    app, "canbo", password: "sai-mat-khau-roi", from: "127.0.0.1", forwardedFor: "203.0.113.10")
                XCTAssertEqual(refused.status, .unauthorized)
            }
            let attacker = try await Self.login(
                app, "canbo", password: Self.password, from: "127.0.0.1", forwardedFor: "203.0.113.10")
            // A client cannot pick its address by writing one in front of what nginx appends.
            let forged = try await Self.login(
                app, "canbo", password: Self.password, from: "127.0.0.1", forwardedFor: "198.51.100.30, 203.0.113.10")
            let officer = try await Self.login(
                app, "canbo", password: Self.password, from: "127.0.0.1", forwardedFor: "198.51.100.31")

            XCTAssertEqual(attacker.status, .tooManyRequests)
            XCTAssertEqual(forged.status, .tooManyRequests)
            XCTAssertEqual(officer.status, .seeOther)
        }
        // Without a trusted proxy the header is anyone's to write: the peer address counts.
        try await Self.withAccount(WebConfiguration()) { app in
            for index in 1...5 {
                _ = try await Self.login(
                    app, "canbo", password: "sai-mat-khau-roi", from: "192.0.2.50", forwardedFor: "10.9.0.\(index)")
            }
            let sameMachineNewHeader = try await Self.login(
                app, "canbo", password: Self.password, from: "192.0.2.50", forwardedFor: "10.9.0.99")
            XCTAssertEqual(sameMachineNewHeader.status, .tooManyRequests)
        }
    }

    func testClientAddressReadsForwardedForFromTheRight() {
        let proxies: Set<String> = ["127.0.0.1", "10.0.0.2"]
        XCTAssertEqual(
            ClientAddress.resolve(peer: "192.0.2.1", forwardedFor: ["198.51.100.1"], trustedProxies: proxies),
            "192.0.2.1", "an untrusted peer is the client, whatever it writes")
        XCTAssertEqual(
            ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["1.2.3.4, 198.51.100.1"], trustedProxies: proxies),
            "198.51.100.1")
        XCTAssertEqual(
            ClientAddress.resolve(
                peer: "127.0.0.1", forwardedFor: ["198.51.100.1", "10.0.0.2"], trustedProxies: proxies),
            "198.51.100.1", "a chain of trusted proxies is walked")
        XCTAssertEqual(
            ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["khong-phai-ip"], trustedProxies: proxies),
            "127.0.0.1")
        XCTAssertEqual(
            ClientAddress.resolve(peer: "::ffff:127.0.0.1", forwardedFor: ["2001:DB8::1"], trustedProxies: proxies),
            "2001:db8::1")
        XCTAssertEqual(ClientAddress.resolve(peer: nil, forwardedFor: [], trustedProxies: []), ClientAddress.unknown)
    }

    func testTrustedProxiesAreReadFromTheEnvironmentAndBadOnesRefusedInVietnamese() throws {
        let configuration = try WebConfiguration.fromEnvironment(["TIENDO_TRUSTED_PROXIES": "127.0.0.1, ::1"])
        XCTAssertEqual(configuration.trustedProxies, ["127.0.0.1", "::1"])
        XCTAssertEqual(try WebConfiguration.fromEnvironment([:]).trustedProxies, [])
        XCTAssertThrowsError(try WebConfiguration.fromEnvironment(["TIENDO_TRUSTED_PROXIES": "nginx.local"])) {
            XCTAssertTrue(String(describing: $0).contains("không phải địa chỉ IP"), String(describing: $0))
        }
    }

    // MARK: Timing

    func testBcryptRunsExactlyOnceWhetherOrNotTheUserExists() async throws {
        let calls = Calls()
        let verify: @Sendable (String, String) async throws -> Bool = { password, hash in
            calls.record(hash)
            return password == "dung" && hash == "hash-that"
        }
        let real = StoredCredentials(
            account: Account(username: "that", displayName: "Thật", role: .xem, unitID: UnitID("1")),
            passwordHash: "hash-that", failedLogins: 0, lockedUntil: nil)
        var disabled = real
        disabled.account.isActive = false

        let unknown = try await LoginCheck.account(password: "dung", stored: nil, dummyHash: "gia", verify: verify)
        XCTAssertNil(unknown)
        XCTAssertEqual(calls.take(), ["gia"], "an unknown user name is checked against the dummy hash, once")
        let wrong = try await LoginCheck.account(password: "sai", stored: real, dummyHash: "gia", verify: verify)
        XCTAssertNil(wrong)
        XCTAssertEqual(calls.take(), ["hash-that"])
        let inactive = try await LoginCheck.account(
            password: "dung", stored: disabled, dummyHash: "gia", verify: verify)
        XCTAssertNil(inactive, "a disabled account does not log in even with its password")
        XCTAssertEqual(calls.take(), ["gia"])
        let right = try await LoginCheck.account(password: "dung", stored: real, dummyHash: "gia", verify: verify)
        XCTAssertEqual(right?.username, "that")
        XCTAssertEqual(calls.take(), ["hash-that"])
    }

    func testTheDummyHashHasTheConfiguredCost() async throws {
        let dummy = try await Passwords.dummyHash(cost: 5)
        let again = try await Passwords.dummyHash(cost: 5)
        XCTAssertTrue(dummy.hasPrefix("$2b$05$"), dummy)
        XCTAssertEqual(dummy, again, "made once")
    }

    // MARK: NFC and 72 bytes

    func testPasswordsAreComparedInNFC() throws {
        let composed = "Sông Hương 2027!"
        let decomposed = composed.decomposedStringWithCanonicalMapping
        XCTAssertNotEqual(Array(composed.utf8), Array(decomposed.utf8))
        let fromMac = try Passwords.hash(decomposed, cost: 4)
        let fromWindows = try Passwords.hash(composed, cost: 4)
        XCTAssertTrue(Passwords.verify(composed, hash: fromMac))
        XCTAssertTrue(Passwords.verify(decomposed, hash: fromWindows))
        XCTAssertFalse(Passwords.verify("Song Huong 2027!", hash: fromWindows))
    }

    func testAPasswordLongerThanBcryptTakesIsRefusedWhenSetAndFailsAtLogin() throws {
        let long = String(repeating: "ữ", count: 25)  // 25 letters, 75 bytes in UTF-8
        XCTAssertEqual(PasswordPolicy.problem(with: long, username: "canbo"), PasswordPolicy.tooLongMessage)
        XCTAssertTrue(PasswordPolicy.tooLongMessage.contains("72 byte"))
        XCTAssertThrowsError(try Passwords.hash(long, cost: 4)) { XCTAssertTrue($0 is PasswordTooLong) }
        // bcrypt alone would compare only the first 72 bytes and accept this one.
        let exact = String(repeating: "ab", count: 36)
        let hash = try Passwords.hash(exact, cost: 4)
        XCTAssertTrue(Passwords.verify(exact, hash: hash))
        XCTAssertFalse(Passwords.verify(exact + "thua", hash: hash), "never silently cut")
        XCTAssertFalse(Passwords.verify(String(repeating: "x", count: 1_000_000), hash: hash))
    }

    func testSetupRefusesATooLongPasswordInVietnameseAndCreatesNothing() async throws {
        let database = try TiendoDatabase(location: .sqliteMemory)
        try await database.migrate()
        let store = TiendoStore(database: database.database)
        let app = try await Application.make(.testing)
        do {
            var configuration = WebConfiguration()
            configuration.bcryptCost = 4
            try TiendoWebApp.configure(app, store: store, configuration: configuration)
            let page = try await app.testable().sendRequest(.GET, SiteRoute.setup.path)
            let csrf = try XCTUnwrap(WebTestApp.cookie(SessionMiddleware.anonymousCSRFCookie, in: page))
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            headers.replaceOrAdd(name: .cookie, value: "\(SessionMiddleware.anonymousCSRFCookie)=\(csrf)")
            let long = WebTestApp.formEscape(String(repeating: "Hương", count: 15))
            let body =
                "_csrf=\(csrf)&username=admin&displayName=Qu%E1%BA%A3n+tr%E1%BB%8B&unitCode=&password=\(long)&passwordAgain=\(long)"
            let refused = try await app.testable().sendRequest(
                .POST, SiteRoute.setup.path, headers: headers, body: ByteBuffer(string: body))

            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains("Mật khẩu dài quá"), refused.body.string)
            let count = try await store.accountCount()
            XCTAssertEqual(count, 0)
        } catch {
            try await app.asyncShutdown()
            await database.shutdown()
            throw error
        }
        try await app.asyncShutdown()
        await database.shutdown()
    }

    func testADecomposedPasswordLogsInThroughTheForm() async throws {
        var configuration = WebConfiguration()
        configuration.bcryptCost = 4
        try await Self.withAccount(configuration, password: "Sông Hương 2027!") { app in
            let answer = try await Self.login(
                app, "canbo", password: "Sông Hương 2027!".decomposedStringWithCanonicalMapping, from: "192.0.2.60")
            XCTAssertEqual(answer.status, .seeOther)
        }
    }

    // MARK: Redirect after login

    func testOnlySameSitePathsAreFollowedAfterLogin() {
        let refused = [
            "//evil.example", "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "/%09/evil.example",
            "%2F%2Fevil.example", "/%2F/evil.example", "/%252F/evil.example", "https://evil.example",
            "http:/evil.example", "javascript:alert(1)", "/%0d%0aSet-Cookie:x=1", "/\r\nSet-Cookie:x=1",
            "/%5Cevil.example", "/ /evil", "/\u{00A0}/evil", "/\u{200B}/evil", "", "evil.example", "/a\\b",
            "/%E2%80%8B/evil", "/%00", String(repeating: "/a", count: 2000),
        ]
        for raw in refused { XCTAssertEqual(NextPath.safe(raw), "/", raw.debugDescription) }
        XCTAssertEqual(NextPath.safe(nil), "/")
        for kept in [
            "/", "/?don-vi=46&ky=2025", "/nhap-lieu/BM01/19831/2027", "/tim-kiem?q=phong+dinh",
            "/tim-kiem?q=ph%C6%B0%E1%BB%9Dng",
        ] {
            XCTAssertEqual(NextPath.safe(kept), kept)
        }
    }

    func testTheLoginFormSendsAHostileReturnAddressHome() async throws {
        try await WebTestApp.withDemo { web in
            let page = try await web.get("/dang-nhap?tiep=/%09/evil.example")
            XCTAssertFalse(page.body.string.contains("evil.example"), "the form does not carry it on")
            for next in ["/\t/evil.example", "//evil.example", "/%0d%0aSet-Cookie:x=1"] {
                let answer = try await Self.login(web, "lanhdao", from: "192.0.2.70", next: next)
                XCTAssertEqual(answer.status, .seeOther)
                XCTAssertEqual(answer.headers.first(name: .location), "/", next.debugDescription)
            }
            let kept = try await Self.login(web, "lanhdao", from: "192.0.2.70", next: "/?don-vi=46")
            XCTAssertEqual(kept.headers.first(name: .location), "/?don-vi=46")
        }
    }

    // MARK: Password change

    func testAPasswordChangeRevokesTheAccountsAPITokensAndEndsItsOtherSessions() async throws {
        try await WebTestApp.withDemo { web in
            let kept = try await web.login("phongdinh")
            let other = try await web.login("phongdinh")
            let bystander = try await web.login("lanhdao")
            let token = try await APITokens.issue(username: "phongdinh", name: "Kịch bản đồng bộ", store: web.store)
            let otherToken = try await APITokens.issue(username: "lanhdao", name: "Bảng điều khiển", store: web.store)
            let keptHash = try XCTUnwrap(kept.cookie.split(separator: "=", maxSplits: 1).last).description

            let change = try await web.store.setPasswordHash(
                username: "phongdinh", try Passwords.hash("mat-khau-moi-2027", cost: 4),
                keepingSession: Passwords.tokenHash(keptHash))

            XCTAssertEqual(change, PasswordChange(endedSessions: 1, revokedTokens: 1))
            let keptPage = try await web.get("/", as: kept)
            let otherPage = try await web.get("/", as: other)
            let bystanderPage = try await web.get("/", as: bystander)
            let api = try await web.api(.GET, "/api/v1/units", token: token.secret)
            let otherAPI = try await web.api(.GET, "/api/v1/units", token: otherToken.secret)
            XCTAssertEqual(keptPage.status, .ok, "the session that changed it stays")
            XCTAssertEqual(otherPage.status, .seeOther, "another session of the account ends")
            XCTAssertEqual(bystanderPage.status, .ok)
            XCTAssertEqual(api.status, .unauthorized, "the token made with the old password no longer works")
            XCTAssertEqual(otherAPI.status, .ok)
            let summary = Passwords.changeSummary(username: "phongdinh", change)
            XCTAssertTrue(summary.contains("Đã thu hồi 1 mã truy cập API"), summary)
            XCTAssertTrue(summary.contains("Đã hủy 1 phiên đăng nhập"), summary)
        }
    }

    // MARK: Last seen

    func testAFailingLastSeenUpdateDoesNotFailThePage() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("lanhdao")
            let sql = try XCTUnwrap(web.database.database as? any SQLDatabase)
            let old = Date().addingTimeInterval(-3600)
            try await sql.raw("UPDATE sessions SET last_seen_at = \(bind: old)").run()
            // As SQLite answers while a bulk import holds the write lock.
            try await sql.raw(
                "CREATE TRIGGER khoa_ghi BEFORE UPDATE ON sessions BEGIN SELECT RAISE(ABORT, 'database is locked'); END"
            ).run()

            let page = try await web.get("/", as: session)
            await BackgroundTouches.shared.drain()

            XCTAssertEqual(page.status, .ok, page.body.string)
            try await sql.raw("DROP TRIGGER khoa_ghi").run()
            let next = try await web.get("/", as: session)
            await BackgroundTouches.shared.drain()
            XCTAssertEqual(next.status, .ok)
            let row = try await sql.raw("SELECT last_seen_at FROM sessions").first()
            let seen = try XCTUnwrap(row).decode(column: "last_seen_at", as: Date.self)
            XCTAssertGreaterThan(seen, old, "a later page records it")
        }
    }

    // MARK: Helpers

    static let password = "mat-khau-can-bo-1"

    struct Answer {
        let status: HTTPStatus
        let headers: HTTPHeaders
        let text: String

        func cookie(_ name: String) -> String? {
            for header in headers[.setCookie] {
                let first = header.split(separator: ";").first ?? ""
                let parts = first.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name { return String(parts[1]) }
            }
            return nil
        }
    }

    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var hashes: [String] = []
        func record(_ hash: String) { lock.withLock { hashes.append(hash) } }
        func take() -> [String] {
            lock.withLock {
                defer { hashes = [] }
                return hashes
            }
        }
    }

    static func login(
        _ web: WebTestApp, _ username: String, password: String? = nil, from address: String, next: String = "/"
    ) async throws -> Answer {
        try await login(
            web.app, username, password: password ?? WebTestApp.password(username), from: address, next: next)
    }

    /// Posts the login form from `address` (the connection's peer), as a browser there does.
    static func login(
        _ app: Application, _ username: String, password: String, from address: String, forwardedFor: String? = nil,
        next: String = "/"
    ) async throws -> Answer {
        let csrf = "ma-bao-ve-thu"
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        headers.replaceOrAdd(name: .cookie, value: "\(SessionMiddleware.anonymousCSRFCookie)=\(csrf)")
        if let forwardedFor { headers.replaceOrAdd(name: .xForwardedFor, value: forwardedFor) }
        let form = ["username": username, "password": password, "_csrf": csrf, "tiep": next]
        let body = form.map { "\(WebTestApp.formEscape($0))=\(WebTestApp.formEscape($1))" }.joined(separator: "&")
        headers.replaceOrAdd(name: .contentLength, value: String(body.utf8.count))
        try await app.asyncBoot()
        let request = Request(
            application: app, method: .POST, url: URI(string: SiteRoute.login.path), headers: headers,
            collectedBody: ByteBuffer(string: body), remoteAddress: try SocketAddress(ipAddress: address, port: 40_000),
            logger: app.logger, on: app.eventLoopGroup.next())
        let response = try await app.responder.respond(to: request).get()
        let text = response.body.string ?? ""
        return Answer(status: response.status, headers: response.headers, text: text)
    }

    /// A Tiendo with one account, "canbo", and `configuration` (bcrypt cost 4).
    static func withAccount(
        _ configuration: WebConfiguration, password: String = LoginHardeningTests.password,
        _ body: (Application) async throws -> Void
    ) async throws {
        var configuration = configuration
        configuration.bcryptCost = 4
        let database = try TiendoDatabase(location: .sqliteMemory)
        try await database.migrate()
        let store = TiendoStore(database: database.database)
        try await store.createAccount(
            Account(username: "canbo", displayName: "Cán bộ", role: .xem, unitID: Account.everywhere),
            passwordHash: try Passwords.hash(password, cost: 4))
        let app = try await Application.make(.testing)
        do {
            try TiendoWebApp.configure(app, store: store, configuration: configuration)
            try await body(app)
        } catch {
            try await app.asyncShutdown()
            await database.shutdown()
            throw error
        }
        try await app.asyncShutdown()
        await database.shutdown()
    }
}
