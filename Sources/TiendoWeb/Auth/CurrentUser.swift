import Foundation
import TiendoCore
import Vapor

/// The logged-in person of a request, set by `SessionMiddleware`.
struct CurrentUser: Sendable {
    let account: Account
    let csrfToken: String
    let tokenHash: String
}

extension Request {
    private struct CurrentUserKey: StorageKey { typealias Value = CurrentUser }

    /// The logged-in person, if any.
    var currentUser: CurrentUser? {
        get { storage[CurrentUserKey.self] }
        set { storage[CurrentUserKey.self] = newValue }
    }

    private struct PageStampKey: StorageKey { typealias Value = PageStamp }

    /// The page stamp read with the session (`SessionMiddleware`), or read now for a request
    /// that came without one.
    func pageStamp(_ store: any PageStamps) async throws -> PageStamp {
        if let stamp = storage[PageStampKey.self] { return stamp }
        return try await store.pageStamp()
    }

    /// Keeps the page stamp read with the session for the rest of this request.
    func keepPageStamp(_ stamp: PageStamp) { storage[PageStampKey.self] = stamp }

    /// The logged-in person, or a redirect to the login page.
    func requireUser() throws -> CurrentUser {
        guard let user = currentUser else { throw LoginRequired() }
        return user
    }
}

/// Thrown by a page that needs a login; the error middleware turns it into a redirect.
struct LoginRequired: Error {}

/// Access rules of a page: the role it needs and the unit it touches. One place, so every route
/// checks the same way and the authorization tests can enumerate them.
enum Access {
    /// Refuses (403, in Vietnamese) unless the role allows `allowed`.
    static func require(_ user: CurrentUser, _ allowed: (Role) -> Bool, _ what: String) throws {
        guard allowed(user.account.role) else {
            throw PageError(.forbidden, "Tài khoản của bạn (\(user.account.role.vietnameseName)) không được \(what).")
        }
    }

    /// Refuses (403) unless `unit` lies in the user's subtree.
    static func requireScope(_ user: CurrentUser, _ unit: UnitVersion, _ directory: UnitDirectory, on date: CivilDate)
        throws
    {
        guard user.account.canSee(unit.unitID, in: directory, on: date) else {
            throw PageError(.forbidden, "Bạn không có quyền xem hoặc thay đổi số liệu của \(unit.fullName).")
        }
    }
}
