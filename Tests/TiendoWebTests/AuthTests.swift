import TiendoCore
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

final class AuthTests: XCTestCase {
    func testAnonymousVisitorIsSentToLogin() async throws {
        try await WebTestApp.withDemo { web in
            let response = try await web.get("/?don-vi=46")

            XCTAssertEqual(response.status, .seeOther)
            XCTAssertTrue(response.headers.first(name: .location)?.hasPrefix("/dang-nhap?tiep=") ?? false)
        }
    }

    func testWrongPasswordIsRefusedInVietnameseAndRepeatedFailuresLock() async throws {
        try await WebTestApp.withDemo { web in
            for _ in 1...5 {
                do {
                    _ = try await web.login("phongdinh", password: "sai-mat-khau-roi")
                    XCTFail("a wrong password must be refused")
                } catch let failure as WebTestApp.LoginFailed {
                    XCTAssertEqual(failure.status, .unauthorized)
                    XCTAssertTrue(failure.body.contains("Tên đăng nhập hoặc mật khẩu không đúng."))
                }
            }

            do {
                _ = try await web.login("phongdinh")
                XCTFail("the account is locked after five failures, even with the right password")
            } catch let failure as WebTestApp.LoginFailed {
                XCTAssertEqual(failure.status, .tooManyRequests)
                XCTAssertTrue(failure.body.contains("Tài khoản tạm khóa"))
            }
        }
    }

    func testSessionCookieIsHttpOnlyAndSameSiteAndANewTokenIsIssuedAtLogin() async throws {
        try await WebTestApp.withDemo { web in
            let page = try await web.get(SiteRoute.login.path)
            let anonymous = try XCTUnwrap(WebTestApp.cookie(SessionMiddleware.anonymousCSRFCookie, in: page))
            let planted = "\(SessionMiddleware.cookieName)=ke-tan-cong-dat-san"

            let response = try await web.post(
                SiteRoute.login.path,
                form: ["username": "lanhdao", "password": WebTestApp.password("lanhdao"), "_csrf": anonymous],
                as: nil, cookie: "\(SessionMiddleware.anonymousCSRFCookie)=\(anonymous); \(planted)")

            let header = try XCTUnwrap(
                response.headers[.setCookie].first { $0.hasPrefix(SessionMiddleware.cookieName) })
            XCTAssertTrue(header.contains("HttpOnly"))
            XCTAssertTrue(header.lowercased().contains("samesite=lax"))
            XCTAssertFalse(header.contains("ke-tan-cong-dat-san"), "a planted session id is never adopted")
        }
    }

    func testLogoutEndsTheSessionEverywhere() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("lanhdao")

            let logout = try await web.post(SiteRoute.logout.path, form: [:], as: session)
            let after = try await web.get("/", as: session)

            XCTAssertEqual(logout.status, .seeOther)
            XCTAssertEqual(after.status, .seeOther, "the old cookie no longer opens pages")
        }
    }

    func testForgedPostWithoutTheTokenIsRefused() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("lanhdao")

            let forged = try await web.post(SiteRoute.logout.path, form: ["_csrf": "gia-mao"], as: session)
            let stillIn = try await web.get("/", as: session)

            XCTAssertEqual(forged.status, .forbidden)
            XCTAssertTrue(forged.body.string.contains("mã bảo vệ"))
            XCTAssertEqual(stillIn.status, .ok)
        }
    }

    func testFirstRunSetupCreatesTheAdministratorOnlyOnce() async throws {
        let database = try TiendoDatabase(location: .sqliteMemory)
        try await database.migrate()
        let store = TiendoStore(database: database.database)
        let app = try await Application.make(.testing)
        do {
            var configuration = WebConfiguration()
            configuration.bcryptCost = 4
            try TiendoWebApp.configure(app, store: store, configuration: configuration)

            let home = try await app.testable().sendRequest(.GET, "/")
            XCTAssertEqual(home.headers.first(name: .location), SiteRoute.setup.path)
            let page = try await app.testable().sendRequest(.GET, SiteRoute.setup.path)
            let csrf = try XCTUnwrap(WebTestApp.cookie(SessionMiddleware.anonymousCSRFCookie, in: page))
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            headers.replaceOrAdd(name: .cookie, value: "\(SessionMiddleware.anonymousCSRFCookie)=\(csrf)")
            let body =
                "_csrf=\(csrf)&username=admin&displayName=Qu%E1%BA%A3n+tr%E1%BB%8B&unitCode=&password=mat-khau-rat-dai-1&passwordAgain=mat-khau-rat-dai-1"
            let created = try await app.testable().sendRequest(
                .POST, SiteRoute.setup.path, headers: headers, body: ByteBuffer(string: body))
            let again = try await app.testable().sendRequest(.GET, SiteRoute.setup.path)

            XCTAssertEqual(created.status, .seeOther)
            let count = try await store.accountCount()
            XCTAssertEqual(count, 1)
            let admin = try await store.credentials(username: "admin")
            XCTAssertEqual(admin?.account.role, .quanTri)
            XCTAssertTrue(admin?.passwordHash.hasPrefix("$2") ?? false, "stored as a bcrypt hash")
            XCTAssertEqual(
                again.headers.first(name: .location), SiteRoute.login.path, "setup closes once an account exists")
        } catch {
            try await app.asyncShutdown()
            await database.shutdown()
            throw error
        }
        try await app.asyncShutdown()
        await database.shutdown()
    }
}
