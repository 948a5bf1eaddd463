import Foundation
import TiendoCore
import Vapor

/// Mã truy cập API: administrators list, issue and revoke the tokens of the accounts in their
/// scope (the CLI `tiendo token` does the same). A new token's secret is shown once, on the
/// page that issued it, and never again.
struct APITokenController: Sendable {
    let store: any PageReads & AccountStore & APITokenStore & AuditLog

    struct Row: Encodable {
        let id: String
        let username: String
        let accountName: String
        let role: String
        let name: String
        let createdAt: String
        let lastUsedAt: String
        let revokedAt: String?
        let revokeHref: String
    }

    struct AccountChoice: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Context: Encodable {
        let layout: LayoutContext
        let tokens: [Row]
        let accounts: [AccountChoice]
        let name: String
        let issuedSecret: String?
        let issuedName: String?
        let message: String?
        let error: String?
        let actionHref: String
    }

    func list(_ request: Request) async throws -> View {
        let user = try administrator(request)
        let message = request.query[String.self, at: "da"] == "thu-hoi" ? "Đã thu hồi mã truy cập." : nil
        return try await page(request, user: user, message: message)
    }

    func issue(_ request: Request) async throws -> Response {
        let user = try administrator(request)
        let posted = try request.content.decode([String: String].self)
        let username = posted["tai-khoan"] ?? ""
        let name = posted["ten"] ?? ""
        let accounts = try await accountsInScope(user)
        guard accounts.contains(where: { $0.username == username }) else {
            return try await page(
                request, user: user, name: name, selected: username,
                error: "Hãy chọn một tài khoản trong phạm vi quản lý của bạn."
            ).response(for: request, status: .unprocessableEntity)
        }
        do {
            let issued = try await APITokens.issue(username: username, name: name, store: store)
            try await store.recordEvent(
                actor: user.account.username, action: .capMaAPI, subject: "tai-khoan:\(username)",
                detail: "\(issued.token.name) (\(issued.token.id.uuidString.lowercased()))")
            return try await page(
                request, user: user, issued: issued, message: nil
            ).encodeResponse(for: request)
        } catch let error as StorageError {
            return try await page(request, user: user, name: name, selected: username, error: error.description)
                .response(for: request, status: .unprocessableEntity)
        }
    }

    func revoke(_ request: Request) async throws -> Response {
        let user = try administrator(request)
        let id = request.parameters.get("id").flatMap(UUID.init(uuidString:))
        guard let id, let token = try await tokensInScope(user).first(where: { $0.id == id }) else {
            throw PageError(.notFound, "Không có mã truy cập này trong phạm vi quản lý của bạn.")
        }
        do {
            try await store.revokeAPIToken(id: token.id)
        } catch let error as StorageError {
            throw PageError(.conflict, error.description)
        }
        try await store.recordEvent(
            actor: user.account.username, action: .thuHoiMaAPI, subject: "tai-khoan:\(token.account.username)",
            detail: "\(token.name) (\(token.id.uuidString.lowercased()))")
        return request.redirect(to: SiteRoute.apiTokens.path + "?da=thu-hoi")
    }

    // MARK: -

    private func administrator(_ request: Request) throws -> CurrentUser {
        let user = try request.requireUser()
        try Access.require(user, \.canAdminister, "quản lý mã truy cập API")
        return user
    }

    private func accountsInScope(_ user: CurrentUser) async throws -> [Account] {
        let directory = try await store.directory()
        let today = CivilDate.todayInVietnam()
        return try await store.accounts().filter {
            $0.isActive
                && ($0.unitID == user.account.unitID || user.account.canSee($0.unitID, in: directory, on: today))
        }
    }

    private func tokensInScope(_ user: CurrentUser) async throws -> [StoredAPIToken] {
        let directory = try await store.directory()
        let today = CivilDate.todayInVietnam()
        return try await store.apiTokens().filter {
            $0.account.unitID == user.account.unitID || user.account.canSee($0.account.unitID, in: directory, on: today)
        }
    }

    private func page(
        _ request: Request, user: CurrentUser, issued: (token: StoredAPIToken, secret: String)? = nil,
        name: String = "", selected: String = "", message: String? = nil, error: String? = nil
    ) async throws -> View {
        let tokens = try await tokensInScope(user)
        let accounts = try await accountsInScope(user)
        let isDemo = try await store.isDemo()
        let context = Context(
            layout: LayoutContext.make(request, title: "Mã truy cập API", section: "ma-truy-cap", isDemo: isDemo),
            tokens: tokens.map { token in
                Row(
                    id: token.id.uuidString.lowercased(), username: token.account.username,
                    accountName: token.account.displayName, role: token.account.role.vietnameseName, name: token.name,
                    createdAt: PageFormat.dateTime(token.createdAt),
                    lastUsedAt: token.lastUsedAt.map(PageFormat.dateTime) ?? "chưa dùng",
                    revokedAt: token.revokedAt.map(PageFormat.dateTime),
                    revokeHref: SiteRoute.apiTokenRevoke(id: token.id.uuidString.lowercased()).path)
            },
            accounts: accounts.map {
                AccountChoice(
                    value: $0.username, label: "\($0.displayName) (\($0.username), \($0.role.vietnameseName))",
                    selected: $0.username == selected)
            },
            name: name, issuedSecret: issued?.secret, issuedName: issued?.token.name, message: message, error: error,
            actionHref: SiteRoute.apiTokens.path)
        return try await request.view.render("tokens/index", context)
    }
}
