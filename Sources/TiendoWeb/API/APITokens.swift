import Foundation
import TiendoCore

/// Issues API tokens: the secret is made here, shown once, and only its hash is stored (the
/// same hash as session tokens). Used by `tiendo token issue` and the tests.
public enum APITokens {
    /// Every token starts so, so a leaked one is easy to recognise in logs and scanners.
    public static let prefix = "tdk_"

    /// Issues a token acting as `username`; returns the stored record and the secret, which
    /// nobody can see again.
    public static func issue(username: String, name: String, store: any APITokenStore, at time: Date = Date())
        async throws -> (token: StoredAPIToken, secret: String)
    {
        let secret = prefix + Passwords.randomToken()
        let stored = try await store.createAPIToken(
            username: username, name: name, tokenHash: Passwords.tokenHash(secret), at: time)
        return (stored, secret)
    }

    /// The token of a request's `Authorization: Bearer …` header, if it is one of ours.
    static func bearer(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
