import Foundation
import TiendoCore
import Vapor

/// Tài khoản and Đổi mật khẩu: administrators manage the accounts of their unit subtree (add,
/// disable, re-enable, reset the password, unlock), everyone changes their own password. Every
/// rule is `AccountAdministration`'s, the same as the CLI `tiendo user`.
struct AccountController: Sendable {
    let store: any PageReads & AccountAdministrationStore
    let configuration: WebConfiguration

    private var administration: AccountAdministration {
        AccountAdministration(store: store, hasher: Passwords.hasher(cost: configuration.bcryptCost))
    }

    // MARK: Contexts

    struct Row: Encodable {
        let username: String
        let displayName: String
        let role: String
        let unit: String
        let isActive: Bool
        let isLockedOut: Bool
        let mustChangePassword: Bool
        let isSelf: Bool
        let actionHref: String
    }

    struct Choice: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Form: Encodable {
        let username: String
        let displayName: String
        let unitCode: String
    }

    struct ListContext: Encodable {
        let layout: LayoutContext
        let accounts: [Row]
        let roles: [Choice]
        let units: [Choice]
        /// Too many units for a list: the code is typed instead.
        let typesUnitCode: Bool
        let form: Form
        let message: String?
        let temporaryPassword: String?
        let temporaryFor: String?
        let errors: [String]
        let actionHref: String
    }

    struct OwnPasswordContext: Encodable {
        let layout: LayoutContext
        let username: String
        let mustChange: Bool
        let message: String?
        let errors: [String]
        let actionHref: String
    }

    /// The most units offered as a list on the add form; beyond that the code is typed.
    static let unitListLimit = 400

    // MARK: Tài khoản

    func list(_ request: Request) async throws -> Response {
        let user = try administrator(request)
        let name = String((request.query[String.self, at: "tk"] ?? "").prefix(64))
        let message: String?
        switch request.query[String.self, at: "da"] {
        case "them": message = "Đã tạo tài khoản “\(name)”. Người dùng sẽ phải đổi mật khẩu ở lần đăng nhập đầu."
        case "khoa": message = "Đã khóa tài khoản “\(name)”; các phiên đăng nhập của tài khoản đã kết thúc."
        case "mo-lai": message = "Đã mở lại tài khoản “\(name)”."
        case "go-khoa": message = "Đã gỡ khóa đăng nhập của tài khoản “\(name)”."
        default: message = nil
        }
        return try await page(request, user: user, message: message)
    }

    /// Form fields: ten-dang-nhap, ho-ten, vai-tro, don-vi, mat-khau, nhap-lai.
    func add(_ request: Request) async throws -> Response {
        let user = try administrator(request)
        let posted = try request.content.decode([String: String].self)
        let new = AccountAdministration.NewAccount(
            username: posted["ten-dang-nhap"] ?? "", displayName: posted["ho-ten"] ?? "", role: posted["vai-tro"] ?? "",
            unitCode: posted["don-vi"] ?? "", password: posted["mat-khau"] ?? "",
            passwordAgain: posted["nhap-lai"] ?? "",
            mustChangePassword: true)
        do {
            let (account, _) = try await administration.add(new, by: .account(user.account))
            return redirect(request, done: "them", username: account.username)
        } catch let refusal as AccountAdministrationError {
            let form = Form(
                username: String(new.username.prefix(64)), displayName: String(new.displayName.prefix(200)),
                unitCode: String(new.unitCode.prefix(40)))
            return try await page(
                request, user: user, form: form, role: new.role, errors: refusal.messages,
                status: Self.status(of: refusal))
        }
    }

    /// Form field `thao-tac`: khoa, mo-lai, dat-lai-mat-khau or go-khoa.
    func act(_ request: Request) async throws -> Response {
        let user = try administrator(request)
        let username = request.parameters.get("username") ?? ""
        let action = (try? request.content.get(String.self, at: "thao-tac")) ?? ""
        let administration = administration
        let actor = AccountAdministrator.account(user.account)
        do {
            switch action {
            case "khoa":
                let account = try await administration.setActive(username: username, false, by: actor)
                return redirect(request, done: "khoa", username: account.username)
            case "mo-lai":
                let account = try await administration.setActive(username: username, true, by: actor)
                return redirect(request, done: "mo-lai", username: account.username)
            case "go-khoa":
                let (account, _) = try await administration.unlock(username: username, by: actor)
                return redirect(request, done: "go-khoa", username: account.username)
            case "dat-lai-mat-khau":
                let reset = try await administration.resetPassword(username: username, by: actor)
                // Shown on this answer only, never stored in a page that could be reloaded.
                let response = try await page(
                    request, user: user, temporary: (reset.account.username, reset.temporaryPassword),
                    message: Passwords.changeSummary(username: reset.account.username, reset.change))
                response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
                return response
            default:
                throw AccountAdministrationError(
                    .invalid, "Thao tác không hợp lệ; hãy chọn Khóa, Mở lại, Đặt lại mật khẩu hoặc Gỡ khóa đăng nhập.")
            }
        } catch let refusal as AccountAdministrationError {
            return try await page(request, user: user, errors: refusal.messages, status: Self.status(of: refusal))
        }
    }

    // MARK: Đổi mật khẩu

    func showOwnPassword(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let message = request.query[String.self, at: "da"] == "doi" ? "Đã đổi mật khẩu." : nil
        return try await ownPasswordPage(request, user: user, message: message, errors: [], status: .ok)
    }

    /// Form fields: mat-khau-hien-tai, mat-khau-moi, nhap-lai.
    func changeOwnPassword(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let posted = try request.content.decode([String: String].self)
        do {
            try await administration.changeOwnPassword(
                user.account, current: posted["mat-khau-hien-tai"] ?? "", new: posted["mat-khau-moi"] ?? "",
                again: posted["nhap-lai"] ?? "", keepingSession: user.tokenHash)
            return request.redirect(to: SiteRoute.ownPassword.path + "?da=doi")
        } catch let refusal as AccountAdministrationError {
            return try await ownPasswordPage(
                request, user: user, message: nil, errors: refusal.messages, status: Self.status(of: refusal))
        }
    }

    // MARK: -

    private func administrator(_ request: Request) throws -> CurrentUser {
        let user = try request.requireUser()
        try Access.require(user, \.canAdminister, "quản lý tài khoản")
        return user
    }

    static func status(of refusal: AccountAdministrationError) -> HTTPResponseStatus {
        switch refusal.kind {
        case .invalid: return .unprocessableEntity
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        }
    }

    private func redirect(_ request: Request, done: String, username: String) -> Response {
        var components = URLComponents()
        components.path = SiteRoute.accounts.path
        components.queryItems = [URLQueryItem(name: "da", value: done), URLQueryItem(name: "tk", value: username)]
        return request.redirect(to: components.string ?? SiteRoute.accounts.path)
    }

    private func page(
        _ request: Request, user: CurrentUser, form: Form = Form(username: "", displayName: "", unitCode: ""),
        role: String = "bao-cao", temporary: (username: String, password: String)? = nil, message: String? = nil,
        errors: [String] = [], status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = AccountAdministrator.account(user.account)
        let directory = try await store.directory()
        let today = CivilDate.todayInVietnam()
        let accounts = try await administration.accounts(of: actor)
        let lockedOut = try await administration.lockedUsernames(of: actor)
        let units = try await administration.units(of: actor).sorted {
            ($0.kind.isProvinceLevel ? 0 : 1, VietnameseText.searchKey($0.fullName))
                < ($1.kind.isProvinceLevel ? 0 : 1, VietnameseText.searchKey($1.fullName))
        }
        let chosenRole = Role(typed: role)
        let unitName: (UnitID) -> String = { id in
            if id == Account.everywhere { return "Toàn hệ thống" }
            let version = directory.version(of: id, on: today) ?? directory.latestVersion(of: id)
            return version.map { "\($0.fullName) (\($0.code))" } ?? id.rawValue
        }
        let isDemo = try await store.isDemo()
        let context = ListContext(
            layout: LayoutContext.make(request, title: "Tài khoản", section: "tai-khoan", isDemo: isDemo),
            accounts: accounts.map { account in
                Row(
                    username: account.username, displayName: account.displayName, role: account.role.vietnameseName,
                    unit: unitName(account.unitID), isActive: account.isActive,
                    isLockedOut: lockedOut.contains(account.username),
                    mustChangePassword: account.mustChangePassword, isSelf: account.id == user.account.id,
                    actionHref: SiteRoute.accountAction(username: account.username).path)
            },
            roles: Role.allCases.map {
                Choice(value: Self.typedName($0), label: $0.vietnameseName, selected: $0 == chosenRole)
            },
            units: units.count > Self.unitListLimit
                ? []
                : units.map {
                    Choice(value: $0.code, label: "\($0.fullName) (\($0.code))", selected: $0.code == form.unitCode)
                },
            typesUnitCode: units.count > Self.unitListLimit, form: form, message: message,
            temporaryPassword: temporary?.password, temporaryFor: temporary?.username, errors: errors,
            actionHref: SiteRoute.accounts.path)
        let response = try await request.view.render("accounts/index", context).encodeResponse(for: request)
        response.status = status
        return response
    }

    /// The role as the CLI types it (`Role(typed:)` reads it back).
    static func typedName(_ role: Role) -> String {
        switch role {
        case .quanTri: return "quan-tri"
        case .tongHop: return "tong-hop"
        case .baoCao: return "bao-cao"
        case .xem: return "xem"
        }
    }

    private func ownPasswordPage(
        _ request: Request, user: CurrentUser, message: String?, errors: [String], status: HTTPResponseStatus
    ) async throws -> Response {
        let isDemo = try await store.isDemo()
        let context = OwnPasswordContext(
            layout: LayoutContext.make(request, title: "Đổi mật khẩu", section: "doi-mat-khau", isDemo: isDemo),
            username: user.account.username, mustChange: user.account.mustChangePassword, message: message,
            errors: errors, actionHref: SiteRoute.ownPassword.path)
        let response = try await request.view.render("accounts/password", context).encodeResponse(for: request)
        response.status = status
        return response
    }
}
