import Foundation

/// Password hashing for tests below the web layer, where bcrypt is not linked: a recognisable
/// stand-in that no login accepts. Web tests hash with real bcrypt at the lowest cost.
public enum TestPasswords {
    /// Not a password hash: marks that the account was created by a storage-level test.
    public static let hash: @Sendable (String) throws -> String = { password in "test-only:\(password.count)" }
}
