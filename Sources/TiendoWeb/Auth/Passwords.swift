import Foundation
import Vapor

/// Password hashing with bcrypt; one place, used by the web login and the `tiendo user` CLI.
public enum Passwords {
    /// The bcrypt hash of `password`.
    public static func hash(_ password: String, cost: Int) throws -> String {
        try Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches `hash`; false for a malformed hash.
    public static func verify(_ password: String, hash: String) -> Bool {
        (try? Bcrypt.verify(password, created: hash)) ?? false
    }

    /// A random token for cookies and CSRF, URL-safe.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The hash under which a session token is stored.
    static func tokenHash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).lowercaseHex
    }
}

extension Sequence where Element == UInt8 {
    /// The bytes as lower-case hexadecimal digits, two per byte: session token hashes, ETags.
    /// Written out by hand because `String(format:)` per byte cost 5 % of a dashboard request.
    var lowercaseHex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
