import TiendoApplication
import TiendoCore
import TiendoDemo
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// Every route × an outsider (not logged in), a user of the wrong role or scope, and the right
/// user. A route registered without a row here fails `testEveryRouteIsInTheMatrix`.
final class AuthorizationMatrixTests: XCTestCase {
    struct Case {
        let method: HTTPMethod
        let path: String
        /// The pattern it exercises, as Vapor registers it.
        let pattern: String
        let form: [String: String]
        let wrongUser: String
        let wrongStatus: HTTPResponseStatus
        let rightUser: String
        let rightStatus: HTTPResponseStatus
    }

    static let form = DemoData.formCode
    static let entryPath = "/nhap-lieu/\(form)/19831/2027"
    static let otherWardEntry = "/nhap-lieu/\(form)/19753/2027"

    /// The matrix. "tonghop-phuxuan" is a reviewer of another ward, made for these tests.
    static let cases: [Case] = [
        Case(
            method: .GET, path: "/ho-so-tthc", pattern: "GET /ho-so-tthc", form: [:], wrongUser: "phongdinh",
            wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .ok),
        Case(
            method: .GET, path: "/ho-so-tthc", pattern: "GET /ho-so-tthc", form: [:], wrongUser: "lanhdao",
            wrongStatus: .forbidden, rightUser: "quantri", rightStatus: .ok),
        Case(
            method: .POST, path: "/ho-so-tthc", pattern: "POST /ho-so-tthc", form: [:], wrongUser: "phongdinh",
            wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .unprocessableEntity),
        Case(
            method: .POST, path: "/ho-so-tthc", pattern: "POST /ho-so-tthc", form: [:], wrongUser: "lanhdao",
            wrongStatus: .forbidden, rightUser: "quantri", rightStatus: .unprocessableEntity),
        Case(
            method: .GET, path: "/?don-vi=46", pattern: "GET /", form: [:], wrongUser: "phongdinh",
            wrongStatus: .forbidden, rightUser: "lanhdao", rightStatus: .ok),
        Case(
            method: .GET, path: "/so-sanh?don-vi=46", pattern: "GET /so-sanh", form: [:], wrongUser: "phongdinh",
            wrongStatus: .forbidden, rightUser: "lanhdao", rightStatus: .ok),
        Case(
            method: .GET, path: "/chi-so/THU_NSNN?don-vi=46", pattern: "GET /chi-so/:code", form: [:],
            wrongUser: "phongdinh", wrongStatus: .forbidden, rightUser: "lanhdao", rightStatus: .ok),
        Case(
            method: .GET, path: "/nhap-lieu", pattern: "GET /nhap-lieu", form: [:], wrongUser: "lanhdao",
            wrongStatus: .forbidden, rightUser: "phongdinh", rightStatus: .ok),
        Case(
            method: .GET, path: otherWardEntry, pattern: "GET /nhap-lieu/:form/:unit/:period", form: [:],
            wrongUser: "phongdinh", wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .ok),
        Case(
            method: .POST, path: otherWardEntry, pattern: "POST /nhap-lieu/:form/:unit/:period",
            form: ["action": "luu"], wrongUser: "phongdinh", wrongStatus: .forbidden, rightUser: "tonghop",
            rightStatus: .seeOther),
        Case(
            method: .GET, path: otherWardEntry + "/mau-excel", pattern: "GET /nhap-lieu/:form/:unit/:period/mau-excel",
            form: [:], wrongUser: "phongdinh", wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .ok),
        Case(
            method: .GET, path: otherWardEntry + "/mau-excel", pattern: "GET /nhap-lieu/:form/:unit/:period/mau-excel",
            form: [:], wrongUser: "lanhdao", wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .ok),
        Case(
            method: .POST, path: otherWardEntry + "/tai-len", pattern: "POST /nhap-lieu/:form/:unit/:period/tai-len",
            form: [:], wrongUser: "phongdinh", wrongStatus: .forbidden, rightUser: "tonghop",
            rightStatus: .unprocessableEntity),
        Case(
            method: .POST, path: otherWardEntry + "/tai-len", pattern: "POST /nhap-lieu/:form/:unit/:period/tai-len",
            form: [:], wrongUser: "lanhdao", wrongStatus: .forbidden, rightUser: "tonghop",
            rightStatus: .unprocessableEntity),
        Case(
            method: .POST, path: "/duyet/\(form)/19831/2027", pattern: "POST /duyet/:form/:unit/:period",
            form: ["action": "tra-lai", "ly-do": "Thiếu số liệu"], wrongUser: "tonghop-phuxuan",
            wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .unprocessableEntity),
        Case(
            method: .GET, path: "/tinh-hinh-nop/\(form)", pattern: "GET /tinh-hinh-nop/:form", form: [:],
            wrongUser: "phongdinh", wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .ok),
        Case(
            method: .GET, path: "/bieu-mau", pattern: "GET /bieu-mau", form: [:], wrongUser: "phongdinh",
            wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .ok),
        Case(
            method: .POST, path: "/bieu-mau", pattern: "POST /bieu-mau", form: ["code": "X"], wrongUser: "lanhdao",
            wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .unprocessableEntity),
        Case(
            method: .GET, path: "/bieu-mau/\(form)", pattern: "GET /bieu-mau/:code", form: [:],
            wrongUser: "tonghop-phuxuan", wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .ok),
        Case(
            method: .POST, path: "/bieu-mau/\(form)", pattern: "POST /bieu-mau/:code", form: ["name": ""],
            wrongUser: "tonghop-phuxuan", wrongStatus: .forbidden, rightUser: "tonghop",
            rightStatus: .unprocessableEntity),
        Case(
            method: .GET, path: "/bao-cao?don-vi=46&ky=2027", pattern: "GET /bao-cao", form: [:],
            wrongUser: "phongdinh", wrongStatus: .forbidden, rightUser: "lanhdao", rightStatus: .ok),
        Case(
            method: .POST, path: "/bao-cao", pattern: "POST /bao-cao",
            form: ["don-vi": "46", "ky": "2027", "loai": "so-ket"], wrongUser: "lanhdao", wrongStatus: .forbidden,
            rightUser: "tonghop", rightStatus: .seeOther),
        Case(
            method: .POST, path: "/bao-cao", pattern: "POST /bao-cao",
            form: ["don-vi": "46", "ky": "2027", "loai": "so-ket"], wrongUser: "phongdinh", wrongStatus: .forbidden,
            rightUser: "quantri", rightStatus: .seeOther),
        Case(
            method: .GET, path: "/bao-cao/tai-ve/word?don-vi=46&ky=2027", pattern: "GET /bao-cao/tai-ve/:format",
            form: [:], wrongUser: "phongdinh", wrongStatus: .forbidden, rightUser: "lanhdao", rightStatus: .ok),
        Case(
            method: .GET, path: "/kiem-tra-so-lieu", pattern: "GET /kiem-tra-so-lieu", form: [:], wrongUser: "",
            wrongStatus: .ok, rightUser: "lanhdao", rightStatus: .ok),
        Case(
            method: .POST, path: "/kiem-tra-so-lieu", pattern: "POST /kiem-tra-so-lieu",
            form: ["doi-chieu": "1", "don-vi": "46", "ky": "2027"], wrongUser: "tonghop-phuxuan",
            wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .unprocessableEntity),
        Case(
            method: .GET, path: "/xep-loai?don-vi=19831&nam=2027", pattern: "GET /xep-loai", form: [:],
            wrongUser: "tonghop-phuxuan", wrongStatus: .forbidden, rightUser: "lanhdao", rightStatus: .ok),
        Case(
            method: .POST, path: "/xep-loai", pattern: "POST /xep-loai",
            form: ["don-vi": "19831", "nam": "2027", "dang-vien": "Nguyễn Văn An; Chi bộ 1; HTTNV"],
            wrongUser: "lanhdao", wrongStatus: .forbidden, rightUser: "phongdinh", rightStatus: .seeOther),
        Case(
            method: .POST, path: "/xep-loai", pattern: "POST /xep-loai",
            form: ["don-vi": "19831", "nam": "2027", "dang-vien": "Nguyễn Văn An; Chi bộ 1; HTTNV"],
            wrongUser: "tonghop-phuxuan", wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .seeOther),
        Case(
            method: .POST, path: "/xep-loai/tai-len", pattern: "POST /xep-loai/tai-len",
            form: ["don-vi": "19831", "nam": "2027"], wrongUser: "tonghop-phuxuan", wrongStatus: .forbidden,
            rightUser: "phongdinh", rightStatus: .unprocessableEntity),
        Case(
            method: .POST, path: "/xep-loai/tai-len", pattern: "POST /xep-loai/tai-len",
            form: ["don-vi": "19831", "nam": "2027"], wrongUser: "lanhdao", wrongStatus: .forbidden,
            rightUser: "tonghop", rightStatus: .unprocessableEntity),
        Case(
            method: .GET, path: "/ma-truy-cap", pattern: "GET /ma-truy-cap", form: [:], wrongUser: "tonghop",
            wrongStatus: .forbidden, rightUser: "quantri", rightStatus: .ok),
        Case(
            method: .POST, path: "/ma-truy-cap", pattern: "POST /ma-truy-cap",
            form: ["tai-khoan": "phongdinh", "ten": "Thử"], wrongUser: "tonghop", wrongStatus: .forbidden,
            rightUser: "quantri", rightStatus: .ok),
        Case(
            method: .POST, path: "/ma-truy-cap/00000000-0000-0000-0000-000000000000/thu-hoi",
            pattern: "POST /ma-truy-cap/:id/thu-hoi", form: [:], wrongUser: "tonghop", wrongStatus: .forbidden,
            rightUser: "quantri", rightStatus: .notFound),
        Case(
            method: .GET, path: "/tai-khoan", pattern: "GET /tai-khoan", form: [:], wrongUser: "tonghop",
            wrongStatus: .forbidden, rightUser: "quantri", rightStatus: .ok),
        Case(
            method: .POST, path: "/tai-khoan", pattern: "POST /tai-khoan", form: [:], wrongUser: "phongdinh",
            wrongStatus: .forbidden, rightUser: "quantri", rightStatus: .unprocessableEntity),
        Case(
            method: .POST, path: "/tai-khoan/phongdinh", pattern: "POST /tai-khoan/:username",
            form: ["thao-tac": "go-khoa"], wrongUser: "lanhdao", wrongStatus: .forbidden, rightUser: "quantri",
            rightStatus: .seeOther),
        Case(
            method: .GET, path: "/doi-mat-khau", pattern: "GET /doi-mat-khau", form: [:], wrongUser: "",
            wrongStatus: .ok, rightUser: "lanhdao", rightStatus: .ok),
        Case(
            method: .POST, path: "/doi-mat-khau", pattern: "POST /doi-mat-khau", form: [:], wrongUser: "",
            wrongStatus: .ok, rightUser: "phongdinh", rightStatus: .unprocessableEntity),
        Case(
            method: .GET, path: "/viec-cua-toi", pattern: "GET /viec-cua-toi", form: [:], wrongUser: "",
            wrongStatus: .ok, rightUser: "lanhdao", rightStatus: .ok),
        Case(
            method: .GET, path: "/nhiem-vu?trang-thai=qua-han-chua-hoan-thanh", pattern: "GET /nhiem-vu", form: [:],
            wrongUser: "", wrongStatus: .ok, rightUser: "phongdinh", rightStatus: .ok),
        Case(
            method: .GET, path: "/van-ban-chi-dao", pattern: "GET /van-ban-chi-dao", form: [:], wrongUser: "",
            wrongStatus: .ok, rightUser: "lanhdao", rightStatus: .ok),
        Case(
            method: .POST, path: "/van-ban-chi-dao", pattern: "POST /van-ban-chi-dao", form: ["so": "1-CT/TU"],
            wrongUser: "phongdinh", wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .unprocessableEntity),
        Case(
            method: .POST, path: "/van-ban-chi-dao", pattern: "POST /van-ban-chi-dao", form: ["so": "1-CT/TU"],
            wrongUser: "lanhdao", wrongStatus: .forbidden, rightUser: "quantri", rightStatus: .unprocessableEntity),
        Case(
            method: .GET, path: "/giai-trinh", pattern: "GET /giai-trinh", form: [:], wrongUser: "",
            wrongStatus: .ok, rightUser: "phongdinh", rightStatus: .ok),
        Case(
            method: .GET, path: "/giai-trinh/moi?chi-so=SO_HO_NGHEO&don-vi=19831", pattern: "GET /giai-trinh/moi",
            form: [:], wrongUser: "phongdinh", wrongStatus: .forbidden, rightUser: "tonghop", rightStatus: .ok),
        Case(
            method: .GET, path: "/giai-trinh/moi?chi-so=SO_HO_NGHEO&don-vi=19831", pattern: "GET /giai-trinh/moi",
            form: [:], wrongUser: "tonghop-phuxuan", wrongStatus: .forbidden, rightUser: "lanhdao", rightStatus: .ok),
        Case(
            method: .POST, path: "/giai-trinh/moi?chi-so=SO_HO_NGHEO&don-vi=19831", pattern: "POST /giai-trinh/moi",
            form: ["noi-dung": ""], wrongUser: "phongdinh", wrongStatus: .forbidden, rightUser: "tonghop",
            rightStatus: .unprocessableEntity),
        Case(
            method: .GET, path: "/tim-kiem?q=phong+dinh", pattern: "GET /tim-kiem", form: [:], wrongUser: "",
            wrongStatus: .ok, rightUser: "phongdinh", rightStatus: .ok),
    ]

    /// Routes anyone may reach, and the ones whose matrix lives with their feature's tests.
    static let publicPatterns: Set<String> = [
        "GET /dang-nhap", "POST /dang-nhap", "POST /dang-xuat", "GET /khoi-tao", "POST /khoi-tao",
        "GET /static/tiendo.css",
        "GET /healthz",
        // Its own rule (loopback or TIENDO_METRICS_TOKEN), tested in ObservabilityTests.
        "GET /metrics",
    ]
    /// ResolutionAuthorizationTests; APIAuthorizationMatrixTests (token, not session); one task's and
    /// one directive's pages name objects made per demo load: FollowUpPageTests and the generated matrix.
    /// One explanation request's pages: ExplanationPageTests and the generated matrix.
    static let coveredElsewhere: [String] = [
        "/nghi-quyet", "/api/v1", "/nhiem-vu/:id", "/van-ban-chi-dao/:id", "/giai-trinh/:id",
    ]

    static func addReviewerOfAnotherWard(_ web: WebTestApp) async throws {
        let directory = try await web.store.directory()
        let ward = try XCTUnwrap(directory.unit(code: "19753", on: CivilDate(2026, 1, 1)))
        let account = Account(
            username: "tonghop-phuxuan", displayName: "Tổng hợp phường Phú Xuân", role: .tongHop, unitID: ward.unitID)
        try await web.store.createAccount(account, passwordHash: try Passwords.hash("phuxuan-minhhoa", cost: 4))
    }

    func testEveryRouteIsInTheMatrix() async throws {
        try await WebTestApp.withDemo { web in
            let registered = web.app.routes.all.map {
                "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/")
            }
            let covered = Set(Self.cases.map(\.pattern)).union(Self.publicPatterns)

            let missing = registered.filter { route in
                !covered.contains(route) && !Self.coveredElsewhere.contains { route.contains(" \($0)") }
            }

            XCTAssertEqual(missing, [], "routes without an authorization test")
        }
    }

    func testOutsiderIsRefusedEverywhere() async throws {
        try await WebTestApp.withDemo { web in
            for item in Self.cases {
                let response =
                    item.method == .GET
                    ? try await web.get(item.path) : try await web.post(item.path, form: item.form, as: nil)

                // A page sends the outsider to the login form; a form post without a session is refused.
                let expected: HTTPResponseStatus = item.method == .GET ? .seeOther : .forbidden
                XCTAssertEqual(response.status, expected, "\(item.pattern) for an outsider")
                if item.method == .GET {
                    XCTAssertTrue(
                        response.headers.first(name: .location)?.hasPrefix("/dang-nhap") ?? false, item.pattern)
                }
            }
        }
    }

    func testWrongRoleOrScopeIsRefusedAndTheRightUserIsLetIn() async throws {
        try await WebTestApp.withDemo { web in
            try await Self.addReviewerOfAnotherWard(web)
            var sessions: [String: WebTestApp.Session] = [:]
            func session(_ user: String) async throws -> WebTestApp.Session {
                if let known = sessions[user] { return known }
                let password = user == "tonghop-phuxuan" ? "phuxuan-minhhoa" : WebTestApp.password(user)
                let made = try await web.login(user, password: password)
                sessions[user] = made
                return made
            }
            for item in Self.cases {
                if !item.wrongUser.isEmpty {
                    let wrong = try await session(item.wrongUser)
                    let refused =
                        item.method == .GET
                        ? try await web.get(item.path, as: wrong)
                        : try await web.post(item.path, form: item.form, as: wrong)
                    XCTAssertEqual(refused.status, item.wrongStatus, "\(item.pattern) for \(item.wrongUser)")
                    if item.wrongStatus == .forbidden {
                        XCTAssertTrue(
                            refused.body.string.contains("quyền") || refused.body.string.contains("không được"),
                            item.pattern)
                    }
                }
                let right = try await session(item.rightUser)
                let allowed =
                    item.method == .GET
                    ? try await web.get(item.path, as: right)
                    : try await web.post(item.path, form: item.form, as: right)
                XCTAssertEqual(
                    allowed.status, item.rightStatus,
                    "\(item.pattern) for \(item.rightUser): \(allowed.body.string.prefix(300))")
            }
        }
    }

    func testSearchOnlyFindsUnitsInScope() async throws {
        try await WebTestApp.withDemo { web in
            let reporter = try await web.login("phongdinh")
            let reviewer = try await web.login("tonghop")

            let fromWard = try await web.get("/tim-kiem?q=phu+xuan", as: reporter)
            let fromCity = try await web.get("/tim-kiem?q=phu+xuan", as: reviewer)

            XCTAssertFalse(
                fromWard.body.string.contains("Phường Phú Xuân"), "another ward is out of the reporter's scope")
            XCTAssertTrue(fromCity.body.string.contains("Phường Phú Xuân"))
        }
    }
}
