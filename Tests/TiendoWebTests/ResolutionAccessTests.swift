import TiendoCore
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// Every resolution route, three ways: nobody logged in, the wrong person, the right person.
final class ResolutionAccessTests: XCTestCase {
    /// A request to one of the resolution routes.
    struct Call {
        let method: HTTPMethod
        let path: String
        /// The form a right person sends to succeed (POST only).
        var form: [String: String] = [:]
        /// What the right person gets.
        var expected: HTTPResponseStatus = .ok
    }

    static let hue = "hue-2025-2030"

    /// The calls, with forms built from what the demo stores.
    private func calls(_ web: WebTestApp) async throws -> [Call] {
        let all = try await web.store.resolutions()
        let resolution = try XCTUnwrap(all.first { $0.id == Self.hue })
        let target = try XCTUnwrap(resolution.targets.first { $0.number == 1 })
        var others = resolution
        others.revisions = []
        let directory = try await web.store.directory()
        let city = try XCTUnwrap(directory.unit(code: "46", on: .todayInVietnam()))
        var targetForm = TargetFormInput.fields(for: target, termStart: 2025, termEnd: 2030)
        targetForm["action"] = "luu"
        var revisionForm = ResolutionFormInput.fields(for: resolution.revisions[0], of: others)
        revisionForm["action"] = "luu"
        let newResolution = [
            "ma": "thu-nghiem", "so-ky-hieu": "02-NQ/TU", "trich-yeu": "Nghị quyết thử", "don-vi": city.unitID.rawValue,
            "tu-nam": "2025", "den-nam": "2030", "ngay": "20/10/2025",
        ]
        return [
            Call(method: .GET, path: "/nghi-quyet"),
            Call(method: .POST, path: "/nghi-quyet", form: newResolution, expected: .seeOther),
            Call(method: .GET, path: "/nghi-quyet/\(Self.hue)"),
            Call(
                method: .POST, path: "/nghi-quyet/\(Self.hue)",
                form: ResolutionFormInput.fields(for: .init(resolution)), expected: .seeOther),
            Call(method: .GET, path: "/nghi-quyet/\(Self.hue)/chi-tieu/1"),
            Call(method: .GET, path: "/nghi-quyet/\(Self.hue)/chi-tieu/moi"),
            Call(method: .POST, path: "/nghi-quyet/\(Self.hue)/chi-tieu/1", form: targetForm, expected: .seeOther),
            Call(method: .GET, path: "/nghi-quyet/\(Self.hue)/dieu-chinh/1"),
            Call(method: .GET, path: "/nghi-quyet/\(Self.hue)/dieu-chinh/moi"),
            Call(method: .POST, path: "/nghi-quyet/\(Self.hue)/dieu-chinh/1", form: revisionForm, expected: .seeOther),
        ]
    }

    private func send(_ call: Call, _ web: WebTestApp, as session: WebTestApp.Session?) async throws
        -> XCTHTTPResponse
    {
        if call.method == .GET { return try await web.get(call.path, as: session) }
        if let session { return try await web.post(call.path, form: call.form, as: session) }
        // A browser that is not logged in still carries the login page's token.
        let page = try await web.get(SiteRoute.login.path)
        let token = try XCTUnwrap(WebTestApp.cookie(SessionMiddleware.anonymousCSRFCookie, in: page))
        var form = call.form
        form["_csrf"] = token
        return try await web.post(
            call.path, form: form, as: nil, cookie: "\(SessionMiddleware.anonymousCSRFCookie)=\(token)")
    }

    func testNobodyLoggedInIsSentToTheLoginPage() async throws {
        try await WebTestApp.withDemo { web in
            for call in try await calls(web) {
                let response = try await send(call, web, as: nil)

                XCTAssertEqual(response.status, .seeOther, "\(call.method) \(call.path)")
                XCTAssertTrue(
                    response.headers.first(name: .location)?.hasPrefix("/dang-nhap") ?? false,
                    "\(call.method) \(call.path)")
            }
        }
    }

    func testAReporterAndAReaderAreRefusedInVietnamese() async throws {
        try await WebTestApp.withDemo { web in
            let before = try await web.store.resolutions()
            for username in ["phongdinh", "lanhdao"] {
                let session = try await web.login(username)
                for call in try await calls(web) {
                    let response = try await send(call, web, as: session)

                    XCTAssertEqual(response.status, .forbidden, "\(username) \(call.method) \(call.path)")
                    XCTAssertTrue(
                        response.body.string.contains("không được quản lý nghị quyết và chỉ tiêu"),
                        "\(username) \(call.method) \(call.path)")
                }
            }
            let after = try await web.store.resolutions()
            XCTAssertEqual(after, before, "nothing written")
        }
    }

    func testTheCityReviewerOpensAndSavesEveryPage() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("tonghop")
            for call in try await calls(web) {
                let response = try await send(call, web, as: session)

                XCTAssertEqual(response.status, call.expected, "\(call.method) \(call.path): \(response.body.string)")
            }
            let hue = try await web.store.resolutions().first { $0.id == Self.hue }
            XCTAssertEqual(hue?.targets.count, 14, "saving unchanged forms keeps the resolution as it was")
            XCTAssertEqual(hue?.revisions.first?.targets.map(\.number), [3, 6])
            let events = try await web.store.events(subject: "nghi-quyet:\(Self.hue)")
            XCTAssertEqual(events.map(\.action), ["sua-nghi-quyet", "sua-chi-tieu", "sua-dieu-chinh"])
        }
    }

    func testAWardReviewerManagesTheWardsResolutionButNotTheCitys() async throws {
        try await WebTestApp.withDemo { web in
            let directory = try await web.store.directory()
            let ward = try XCTUnwrap(directory.unit(code: "19831", on: .todayInVietnam()))
            let account = Account(
                username: "tonghopphuong", displayName: "Văn phòng Đảng ủy phường", role: .tongHop, unitID: ward.unitID)
            try await web.store.createAccount(account, passwordHash: try Passwords.hash("mat-khau-phuong-1", cost: 4))
            let wardReviewer = try await web.login("tonghopphuong", password: "mat-khau-phuong-1")
            let cityReviewer = try await web.login("tonghop")

            let list = try await web.get("/nghi-quyet", as: wardReviewer)
            let cityPage = try await web.get("/nghi-quyet/\(Self.hue)", as: wardReviewer)
            let cityTarget = try await web.get("/nghi-quyet/\(Self.hue)/chi-tieu/1", as: wardReviewer)
            let cityRevision = try await web.post(
                "/nghi-quyet/\(Self.hue)/dieu-chinh/moi", form: ["action": "luu"], as: wardReviewer)
            let wardPage = try await web.get("/nghi-quyet/phong-dinh-2025-2030", as: wardReviewer)
            let wardPageForCity = try await web.get("/nghi-quyet/phong-dinh-2025-2030", as: cityReviewer)

            XCTAssertEqual(list.status, .ok)
            XCTAssertTrue(list.body.string.contains("href=\"/nghi-quyet/phong-dinh-2025-2030\""))
            XCTAssertFalse(
                list.body.string.contains("href=\"/nghi-quyet/\(Self.hue)\""),
                "the city's resolution is not listed for a ward")
            for refused in [cityPage, cityTarget, cityRevision] {
                XCTAssertEqual(refused.status, .forbidden)
                XCTAssertTrue(refused.body.string.contains("ngoài phạm vi quản lý của tài khoản bạn"))
            }
            XCTAssertEqual(wardPage.status, .ok)
            XCTAssertEqual(wardPageForCity.status, .ok, "a ward lies within the city")
        }
    }

    func testAForgedPostWithoutTheTokenIsRefusedAndWritesNothing() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("tonghop")
            let before = try await web.store.resolutions()

            let forged = try await web.post(
                "/nghi-quyet/\(Self.hue)/chi-tieu/1",
                form: ["_csrf": "gia-mao", "so": "1", "noi-dung": "Bị sửa trộm", "action": "luu"], as: session)

            XCTAssertEqual(forged.status, .forbidden)
            XCTAssertTrue(forged.body.string.contains("mã bảo vệ"))
            let after = try await web.store.resolutions()
            XCTAssertEqual(after, before)
        }
    }

    func testUnknownResolutionTargetAndRevisionAreNotFound() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("tonghop")

            let resolution = try await web.get("/nghi-quyet/khong-co", as: session)
            let target = try await web.get("/nghi-quyet/\(Self.hue)/chi-tieu/99", as: session)
            let revision = try await web.get("/nghi-quyet/\(Self.hue)/dieu-chinh/5", as: session)

            XCTAssertEqual(resolution.status, .notFound)
            XCTAssertTrue(resolution.body.string.contains("Không có nghị quyết mã “khong-co”."))
            XCTAssertEqual(target.status, .notFound)
            XCTAssertEqual(revision.status, .notFound)
        }
    }
}
