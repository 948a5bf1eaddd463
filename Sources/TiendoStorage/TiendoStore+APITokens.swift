import FluentKit
import Foundation
import TiendoCore

extension TiendoStore {
    // MARK: API tokens

    /// Stores a new token for `username` under the hash of its secret (the caller makes the
    /// secret and shows it once). Refuses an unknown or disabled account.
    public func createAPIToken(username: String, name: String, tokenHash: String, at time: Date = Date())
        async throws -> StoredAPIToken
    {
        guard
            let account = try await AccountModel.query(on: database).filter(\.$username == username.lowercased())
                .first()
        else { throw StorageError("Không có tài khoản “\(username)”.") }
        guard account.active else {
            throw StorageError(
                "Tài khoản “\(account.username)” đang bị khóa; không cấp mã truy cập cho tài khoản bị khóa.")
        }
        let label = VietnameseText.nfc(name.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !label.isEmpty else {
            throw StorageError("Hãy đặt tên cho mã truy cập (dùng vào việc gì, ai giữ) để sau này biết mà thu hồi.")
        }
        let model = APITokenModel()
        model.id = UUID()
        model.accountID = try account.requireID()
        model.name = label
        model.tokenHash = tokenHash
        model.createdAt = time
        try await model.create(on: database)
        return StoredAPIToken(
            id: try model.requireID(), account: try account.core(), name: label, createdAt: time, lastUsedAt: nil,
            revokedAt: nil)
    }

    /// Every token, newest first, revoked ones included (the list is also a record).
    public func apiTokens() async throws -> [StoredAPIToken] {
        let accounts = Dictionary(
            try await AccountModel.query(on: database).all().compactMap { model in
                (try? model.core()).map { (model.id ?? UUID(), $0) }
            }, uniquingKeysWith: { a, _ in a })
        return try await APITokenModel.query(on: database).sort(\.$createdAt, .descending).all().compactMap { model in
            guard let account = accounts[model.accountID] else { return nil }
            return StoredAPIToken(
                id: model.id ?? UUID(), account: account, name: model.name, createdAt: model.createdAt,
                lastUsedAt: model.lastUsedAt, revokedAt: model.revokedAt)
        }
    }

    /// Revokes a token; from then on it is refused. Revoking twice is refused in Vietnamese,
    /// so a typo in the id is noticed.
    @discardableResult
    public func revokeAPIToken(id: UUID, at time: Date = Date()) async throws -> StoredAPIToken {
        guard let model = try await APITokenModel.find(id, on: database) else {
            throw StorageError("Không có mã truy cập số “\(id.uuidString.lowercased())”.")
        }
        guard model.revokedAt == nil else {
            throw StorageError("Mã truy cập “\(model.name)” đã bị thu hồi từ trước.")
        }
        model.revokedAt = time
        try await model.update(on: database)
        guard let account = try await AccountModel.find(model.accountID, on: database) else {
            throw StorageError("Tài khoản của mã truy cập “\(model.name)” không còn.")
        }
        return StoredAPIToken(
            id: id, account: try account.core(), name: model.name, createdAt: model.createdAt,
            lastUsedAt: model.lastUsedAt, revokedAt: time)
    }

    /// The working token with this hash, its use recorded (at most once a minute, so reading
    /// does not always write); nil when unknown, revoked, or its account is disabled.
    ///
    /// "Last used" is bookkeeping: skipped on any error (a bulk import holding the database, a
    /// busy lock), so an API read never fails because of it. It is written before answering
    /// (not in the background like a session's "last seen") because the token list shows it
    /// and a revocation right after a use must find it recorded.
    public func apiToken(tokenHash: String, now: Date = Date()) async throws -> StoredAPIToken? {
        guard let model = try await APITokenModel.query(on: database).filter(\.$tokenHash == tokenHash).first(),
            model.revokedAt == nil, let id = model.id,
            let account = try await AccountModel.find(model.accountID, on: database), account.active
        else { return nil }
        var lastUsedAt = model.lastUsedAt
        if lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            do {
                try await APITokenModel.query(on: database).filter(\.$id == id).set(\.$lastUsedAt, to: now).update()
                lastUsedAt = now
            } catch {
                database.logger.debug("Bỏ qua ghi nhận lần dùng mã truy cập: \(String(describing: error))")
            }
        }
        return StoredAPIToken(
            id: id, account: try account.core(), name: model.name, createdAt: model.createdAt,
            lastUsedAt: lastUsedAt, revokedAt: nil)
    }
}
