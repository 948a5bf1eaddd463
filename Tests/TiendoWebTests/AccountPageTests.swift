import Foundation
import TiendoApplication
import TiendoCore
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// Tài khoản and Đổi mật khẩu: an administrator adds, disables, re-enables, resets and unlocks
/// the accounts of their subtree; everyone changes their own password; every change is in the
/// audit trail, and a refusal writes nothing.
final class AccountPageTests: XCTestCase {
    static let phongDinh = "19831"
    static let phuXuan = "19753"

    func testAdminAddsAnAccountThatLogsInAndMustChooseItsOwnPassword() async throws {
        try await WebTestApp.withDemo { web in
            let admin = try await web.login("quantri")

            let added = try await web.post(
                SiteRoute.accounts.path,
                form: [
                    "ten-dang-nhap": "canbo.moi", "ho-ten": "Cán bộ mới", "vai-tro": "bao-cao",
                    "don-vi": Self.phongDinh, "mat-khau": "ban-dau-2026", "nhap-lai": "ban-dau-2026",
                ], as: admin)
            let listing = try await web.get(try XCTUnwrap(added.headers.first(name: .location)), as: admin)
            let firstLogin = try await Self.loginAnswer(web, "canbo.moi", "ban-dau-2026")
            let session = try await Self.session(web, firstLogin)
            let elsewhere = try await web.get("/", as: session)
            let changed = try await web.post(
                SiteRoute.ownPassword.path,
                form: [
                    "mat-khau-hien-tai": "ban-dau-2026", "mat-khau-moi": "cua-rieng-toi-9",
                    "nhap-lai": "cua-rieng-toi-9",
                ],
                as: session)
            let home = try await web.get("/", as: session)
            let oldPassword = try await Self.loginAnswer(web, "canbo.moi", "ban-dau-2026")
            let newPassword = try await Self.loginAnswer(web, "canbo.moi", "cua-rieng-toi-9")

            XCTAssertEqual(added.status, .seeOther)
            XCTAssertTrue(listing.body.string.contains("Đã tạo tài khoản “canbo.moi”"))
            XCTAssertTrue(listing.body.string.contains("Cán bộ mới"))
            XCTAssertEqual(firstLogin.headers.first(name: .location), SiteRoute.ownPassword.path)
            XCTAssertEqual(elsewhere.status, .seeOther, "every page waits until the password is changed")
            XCTAssertEqual(elsewhere.headers.first(name: .location), SiteRoute.ownPassword.path)
            XCTAssertEqual(changed.status, .seeOther)
            XCTAssertEqual(home.status, .ok, "the session that changed the password stays signed in")
            XCTAssertEqual(oldPassword.status, .unauthorized)
            XCTAssertEqual(newPassword.status, .seeOther)
            XCTAssertEqual(newPassword.headers.first(name: .location), "/")
            let credentials = try await web.store.credentials(username: "canbo.moi")
            let account = try XCTUnwrap(credentials?.account)
            XCTAssertEqual(account.role, .baoCao)
            XCTAssertEqual(account.unitID.rawValue.hasPrefix(Self.phongDinh), true)
            XCTAssertFalse(account.mustChangePassword)
            let events = try await web.store.events(subject: "tai-khoan:canbo.moi")
            XCTAssertEqual(events.first?.action, "tao-tai-khoan")
            XCTAssertEqual(events.first?.actor, "quantri")
            XCTAssertTrue(events.contains { $0.action == "doi-mat-khau" && $0.actor == "canbo.moi" })
        }
    }

    func testAdminDisablesReEnablesResetsAndUnlocks() async throws {
        try await WebTestApp.withDemo { web in
            let admin = try await web.login("quantri")
            let officer = try await web.login("phongdinh")
            let action = SiteRoute.accountAction(username: "phongdinh").path

            let disabled = try await web.post(action, form: ["thao-tac": "khoa"], as: admin)
            let afterDisable = try await web.get("/", as: officer)
            let refusedLogin = try await Self.loginAnswer(web, "phongdinh", WebTestApp.password("phongdinh"))
            let enabled = try await web.post(action, form: ["thao-tac": "mo-lai"], as: admin)
            let backIn = try await Self.loginAnswer(web, "phongdinh", WebTestApp.password("phongdinh"))
            let reset = try await web.post(action, form: ["thao-tac": "dat-lai-mat-khau"], as: admin)
            let temporary = try XCTUnwrap(Self.temporaryPassword(in: reset.body.string))
            let oldRefused = try await Self.loginAnswer(web, "phongdinh", WebTestApp.password("phongdinh"))
            let temporaryLogin = try await Self.loginAnswer(web, "phongdinh", temporary)
            let listing = try await web.get(SiteRoute.accounts.path, as: admin)

            XCTAssertEqual(disabled.status, .seeOther)
            XCTAssertEqual(afterDisable.status, .seeOther, "a disabled account's session ends")
            XCTAssertEqual(refusedLogin.status, .unauthorized)
            XCTAssertEqual(enabled.status, .seeOther)
            XCTAssertEqual(backIn.status, .seeOther)
            XCTAssertEqual(reset.status, .ok)
            XCTAssertEqual(reset.headers.first(name: .cacheControl), "no-store")
            XCTAssertTrue(reset.body.string.contains("một lần"))
            XCTAssertNil(PasswordPolicy.problem(with: temporary, username: "phongdinh"))
            XCTAssertEqual(oldRefused.status, .unauthorized)
            XCTAssertEqual(temporaryLogin.headers.first(name: .location), SiteRoute.ownPassword.path)
            XCTAssertFalse(listing.body.string.contains(temporary), "the temporary password is shown once")
            XCTAssertTrue(listing.body.string.contains("Phải đổi mật khẩu"))

            // Unlock: the pair (account, address) is locked after too many wrong passwords.
            for _ in 0..<6 { _ = try await Self.loginAnswer(web, "tonghop", "sai-mat-khau-roi") }
            let locked = try await Self.loginAnswer(web, "tonghop", WebTestApp.password("tonghop"))
            let showsLock = try await web.get(SiteRoute.accounts.path, as: admin)
            let unlocked = try await web.post(
                SiteRoute.accountAction(username: "tonghop").path, form: ["thao-tac": "go-khoa"], as: admin)
            let afterUnlock = try await Self.loginAnswer(web, "tonghop", WebTestApp.password("tonghop"))

            XCTAssertEqual(locked.status, .tooManyRequests)
            XCTAssertTrue(showsLock.body.string.contains("Tạm khóa đăng nhập do nhập sai nhiều lần"))
            XCTAssertFalse(listing.body.string.contains("Tạm khóa đăng nhập do nhập sai nhiều lần"))
            XCTAssertEqual(unlocked.status, .seeOther)
            XCTAssertEqual(afterUnlock.status, .seeOther)
            let officerEvents = try await web.store.events(subject: "tai-khoan:phongdinh").map(\.action)
            XCTAssertTrue(officerEvents.contains("khoa-tai-khoan"))
            XCTAssertTrue(officerEvents.contains("mo-khoa-tai-khoan"))
            let resetEvent = try await web.store.events(subject: "tai-khoan:phongdinh").last {
                $0.action == "doi-mat-khau"
            }
            XCTAssertEqual(resetEvent?.actor, "quantri")
            XCTAssertTrue(resetEvent?.detail.contains("tạm thời") == true)
            XCTAssertFalse(resetEvent?.detail.contains(temporary) == true, "the audit trail never holds a password")
            let unlockEvents = try await web.store.events(subject: "tai-khoan:tonghop")
            XCTAssertTrue(unlockEvents.contains { $0.action == "mo-khoa-tai-khoan" && $0.detail.contains("gỡ khóa") })
        }
    }

    func testAnAdministratorActsOnlyWithinTheirSubtree() async throws {
        try await WebTestApp.withDemo { web in
            try await Self.createAccount(web, "qt.phongdinh", role: .quanTri, ward: Self.phongDinh)
            try await Self.createAccount(web, "cb.phuxuan", role: .baoCao, ward: Self.phuXuan)
            let wardAdmin = try await web.login("qt.phongdinh", password: "mat-khau-kiem-thu")

            let listing = try await web.get(SiteRoute.accounts.path, as: wardAdmin)
            let otherWard = try await web.post(
                SiteRoute.accountAction(username: "cb.phuxuan").path, form: ["thao-tac": "khoa"], as: wardAdmin)
            let cityAccount = try await web.post(
                SiteRoute.accountAction(username: "quantri").path, form: ["thao-tac": "dat-lai-mat-khau"],
                as: wardAdmin)
            let placedOutside = try await web.post(
                SiteRoute.accounts.path,
                form: [
                    "ten-dang-nhap": "ngoai.pham.vi", "ho-ten": "Ngoài phạm vi", "vai-tro": "xem",
                    "don-vi": Self.phuXuan, "mat-khau": "ban-dau-2026", "nhap-lai": "ban-dau-2026",
                ], as: wardAdmin)
            let own = try await web.post(
                SiteRoute.accountAction(username: "phongdinh").path, form: ["thao-tac": "khoa"], as: wardAdmin)
            let himself = try await web.post(
                SiteRoute.accountAction(username: "qt.phongdinh").path, form: ["thao-tac": "khoa"], as: wardAdmin)

            XCTAssertEqual(listing.status, .ok)
            XCTAssertTrue(listing.body.string.contains("phongdinh"))
            XCTAssertFalse(listing.body.string.contains("cb.phuxuan"))
            XCTAssertFalse(listing.body.string.contains(">quantri<"))
            XCTAssertEqual(otherWard.status, .notFound)
            XCTAssertTrue(otherWard.body.string.contains("trong phạm vi quản lý của bạn"))
            XCTAssertEqual(cityAccount.status, .notFound)
            XCTAssertEqual(placedOutside.status, .unprocessableEntity)
            XCTAssertTrue(placedOutside.body.string.contains("nằm ngoài phạm vi quản lý của bạn"))
            XCTAssertEqual(own.status, .seeOther)
            XCTAssertEqual(himself.status, .forbidden)
            XCTAssertTrue(himself.body.string.contains("tự khóa"))
            let phuXuan = try await web.store.credentials(username: "cb.phuxuan")
            XCTAssertEqual(phuXuan?.account.isActive, true)
            let created = try await web.store.credentials(username: "ngoai.pham.vi")
            XCTAssertNil(created)
            let selfCheck = try await web.store.credentials(username: "qt.phongdinh")
            XCTAssertEqual(selfCheck?.account.isActive, true)
        }
    }

    func testOnlyAdministratorsOpenTheAccountPage() async throws {
        try await WebTestApp.withDemo { web in
            for username in ["tonghop", "phongdinh", "lanhdao"] {
                let session = try await web.login(username)

                let page = try await web.get(SiteRoute.accounts.path, as: session)
                let add = try await web.post(
                    SiteRoute.accounts.path,
                    form: [
                        "ten-dang-nhap": "khong.duoc", "ho-ten": "Không được", "vai-tro": "quan-tri", "don-vi": "46",
                        "mat-khau": "ban-dau-2026", "nhap-lai": "ban-dau-2026",
                    ], as: session)
                let disable = try await web.post(
                    SiteRoute.accountAction(username: "quantri").path, form: ["thao-tac": "khoa"], as: session)
                let ownPage = try await web.get(SiteRoute.ownPassword.path, as: session)

                XCTAssertEqual(page.status, .forbidden, username)
                XCTAssertTrue(page.body.string.contains("không được quản lý tài khoản"), username)
                XCTAssertEqual(add.status, .forbidden, username)
                XCTAssertEqual(disable.status, .forbidden, username)
                XCTAssertEqual(ownPage.status, .ok, username)
                XCTAssertFalse(page.body.string.contains("href=\"/tai-khoan\""), username)
            }
            let created = try await web.store.credentials(username: "khong.duoc")
            XCTAssertNil(created)
            let admin = try await web.store.credentials(username: "quantri")
            XCTAssertEqual(admin?.account.isActive, true)
        }
    }

    func testBadInputWritesNothingAndSaysWhyInVietnamese() async throws {
        try await WebTestApp.withDemo { web in
            let admin = try await web.login("quantri")
            let before = try await web.store.accounts().count

            let bad = try await web.post(
                SiteRoute.accounts.path,
                form: [
                    "ten-dang-nhap": "Nguyễn Văn A", "ho-ten": " ", "vai-tro": "giam-doc", "don-vi": "99999",
                    "mat-khau": "ngan", "nhap-lai": "khac",
                ], as: admin)
            let taken = try await web.post(
                SiteRoute.accounts.path,
                form: [
                    "ten-dang-nhap": "PhongDinh", "ho-ten": "Trùng tên", "vai-tro": "xem", "don-vi": Self.phongDinh,
                    "mat-khau": "ban-dau-2026", "nhap-lai": "ban-dau-2026",
                ], as: admin)
            let unknownAction = try await web.post(
                SiteRoute.accountAction(username: "phongdinh").path, form: ["thao-tac": "xoa"], as: admin)
            let empty = try await web.post(SiteRoute.accounts.path, form: [:], as: admin)
            let officer = try await web.login("phongdinh")
            let wrongCurrent = try await web.post(
                SiteRoute.ownPassword.path,
                form: [
                    "mat-khau-hien-tai": "khong-dung-dau", "mat-khau-moi": "moi-moi-2026x", "nhap-lai": "moi-moi-2026x",
                ],
                as: officer)
            let weak = try await web.post(
                SiteRoute.ownPassword.path,
                form: [
                    "mat-khau-hien-tai": WebTestApp.password("phongdinh"), "mat-khau-moi": "aaaaaaaaaaaa",
                    "nhap-lai": "aaaaaaaaaaab",
                ], as: officer)

            XCTAssertEqual(bad.status, .unprocessableEntity)
            for message in [
                "Tên đăng nhập “Nguyễn Văn A” không hợp lệ", "Hãy nhập họ và tên.", "Vai trò “giam-doc” không hợp lệ",
                "Không có đơn vị đang hoạt động mang mã “99999”", "ít nhất 10 ký tự",
                "Hai lần nhập mật khẩu không giống nhau.",
            ] {
                XCTAssertTrue(bad.body.string.contains(message), message)
            }
            XCTAssertEqual(taken.status, .unprocessableEntity)
            XCTAssertTrue(taken.body.string.contains("đã có người dùng"))
            XCTAssertEqual(unknownAction.status, .unprocessableEntity)
            XCTAssertTrue(unknownAction.body.string.contains("Thao tác không hợp lệ"))
            XCTAssertEqual(empty.status, .unprocessableEntity)
            XCTAssertEqual(wrongCurrent.status, .unprocessableEntity)
            XCTAssertTrue(wrongCurrent.body.string.contains("Mật khẩu hiện tại không đúng."))
            XCTAssertEqual(weak.status, .unprocessableEntity)
            XCTAssertTrue(weak.body.string.contains("quá đơn giản"))
            XCTAssertTrue(weak.body.string.contains("Hai lần nhập mật khẩu không giống nhau."))
            let after = try await web.store.accounts().count
            XCTAssertEqual(after, before)
            let stillWorks = try await Self.loginAnswer(web, "phongdinh", WebTestApp.password("phongdinh"))
            XCTAssertEqual(stillWorks.status, .seeOther)
            let events = try await web.store.events(subject: "tai-khoan:phongdinh").map(\.action)
            XCTAssertFalse(events.contains("doi-mat-khau"))
            XCTAssertFalse(events.contains("khoa-tai-khoan"))
        }
    }

    func testEveryPageHasTheSkipLinkAndTheAccountLinks() async throws {
        try await WebTestApp.withDemo { web in
            let admin = try await web.login("quantri")
            let viewer = try await web.login("lanhdao")

            let adminHome = try await web.get("/", as: admin)
            let viewerHome = try await web.get("/", as: viewer)
            let login = try await web.get(SiteRoute.login.path)

            for page in [adminHome, viewerHome, login] {
                let body = page.body.string
                let skip = try XCTUnwrap(body.range(of: "<a class=\"skip-link\" href=\"#noi-dung-chinh\">"))
                XCTAssertNil(body[..<skip.lowerBound].range(of: "<a "), "the skip link comes first")
                XCTAssertNil(body[..<skip.lowerBound].range(of: "<button"))
                XCTAssertTrue(body.contains("Bỏ qua, tới nội dung chính"))
                XCTAssertTrue(body.contains("<main id=\"noi-dung-chinh\""))
            }
            XCTAssertTrue(adminHome.body.string.contains("href=\"/tai-khoan\""))
            XCTAssertTrue(adminHome.body.string.contains("href=\"/doi-mat-khau\""))
            XCTAssertFalse(viewerHome.body.string.contains("href=\"/tai-khoan\""))
            XCTAssertTrue(viewerHome.body.string.contains("href=\"/doi-mat-khau\""))
        }
    }

    // MARK: Helpers

    /// The answer to a login form (303 with a session cookie when it worked).
    static func loginAnswer(_ web: WebTestApp, _ username: String, _ password: String) async throws
        -> XCTHTTPResponse
    {
        let page = try await web.get(SiteRoute.login.path)
        let anonymous = try XCTUnwrap(WebTestApp.cookie(SessionMiddleware.anonymousCSRFCookie, in: page))
        return try await web.post(
            SiteRoute.login.path,
            form: ["username": username, "password": password, "_csrf": anonymous, "tiep": "/"], as: nil,
            cookie: "\(SessionMiddleware.anonymousCSRFCookie)=\(anonymous)")
    }

    /// The session a login answer opened, with the CSRF token of the password page (the only
    /// page open while the password must change).
    static func session(_ web: WebTestApp, _ answer: XCTHTTPResponse) async throws -> WebTestApp.Session {
        let token = try XCTUnwrap(WebTestApp.cookie(SessionMiddleware.cookieName, in: answer))
        let cookie = "\(SessionMiddleware.cookieName)=\(token)"
        let page = try await web.get(SiteRoute.ownPassword.path, as: WebTestApp.Session(cookie: cookie, csrf: ""))
        XCTAssertEqual(page.status, .ok)
        let csrf = try XCTUnwrap(WebTestApp.csrf(in: page.body.string))
        return WebTestApp.Session(cookie: cookie, csrf: csrf)
    }

    static func temporaryPassword(in html: String) -> String? {
        guard let start = html.range(of: "id=\"mat-khau-tam\">") else { return nil }
        let rest = html[start.upperBound...]
        guard let end = rest.range(of: "</code>") else { return nil }
        return String(rest[..<end.lowerBound])
    }

    static func createAccount(_ web: WebTestApp, _ username: String, role: Role, ward: String) async throws {
        let directory = try await web.store.directory()
        let unit = try XCTUnwrap(directory.unit(code: ward, on: CivilDate.todayInVietnam()))
        try await web.store.createAccount(
            Account(username: username, displayName: "Kiểm thử \(username)", role: role, unitID: unit.unitID),
            passwordHash: try Passwords.hash("mat-khau-kiem-thu", cost: 4))
    }
}
