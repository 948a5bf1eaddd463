import Foundation
import TiendoCore
import TiendoStorage
import TiendoTestSupport
import XCTest

/// The login-throttle counters and the password change, on SQLite and (when configured)
/// PostgreSQL: the statements are written by hand, so both dialects run them.
final class LoginThrottleStoreTests: XCTestCase {
    func testAttemptsAreCountedPerKeyLockedAndStartAgainAfterTheWindow() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            var last: [String: LoginThrottleCount] = [:]
            for _ in 1...3 {
                last = try await store.countLoginAttempt(keys: ["ip:a", "tk:x@a"], now: start, window: 900)
            }
            XCTAssertEqual(last["ip:a"], LoginThrottleCount(attempts: 3, lockedUntil: nil), name)
            XCTAssertEqual(last["tk:x@a"]?.attempts, 3, name)

            try await store.lockLogins(key: "tk:x@a", until: start.addingTimeInterval(900), now: start)
            try await store.lockLogins(key: "tk:x@a", until: start.addingTimeInterval(5000), now: start)
            let locked = try await store.countLoginAttempt(
                keys: ["tk:x@a"], now: start.addingTimeInterval(60), window: 900)
            XCTAssertEqual(
                locked["tk:x@a"]?.lockedUntil, start.addingTimeInterval(900), "a second lock does not extend (\(name))")

            let later = start.addingTimeInterval(901)
            let fresh = try await store.countLoginAttempt(keys: ["tk:x@a", "ip:a"], now: later, window: 900)
            XCTAssertEqual(fresh["tk:x@a"], LoginThrottleCount(attempts: 1, lockedUntil: nil), name)
            XCTAssertEqual(fresh["ip:a"]?.attempts, 1, name)

            try await store.forgiveLoginAttempt(clearing: ["tk:x@a"], decrementing: ["ip:a"], now: later, window: 900)
            let after = try await store.countLoginAttempt(keys: ["tk:x@a", "ip:a"], now: later, window: 900)
            XCTAssertEqual(after["tk:x@a"]?.attempts, 1, name)
            XCTAssertEqual(after["ip:a"]?.attempts, 1, name)
        }
    }

    func testParallelAttemptsNeverReadTheSameCount() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let now = Date()
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 1...20 {
                    group.addTask {
                        try await store.countLoginAttempt(keys: ["tk:song-song"], now: now, window: 900)[
                            "tk:song-song"]?
                            .attempts ?? 0
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            XCTAssertEqual(counts.sorted(), Array(1...20), name)
        }
    }

    func testAPasswordChangeRevokesTokensAndEndsSessionsButTheCurrentOne() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let account = Account(username: "canbo", displayName: "Cán bộ", role: .baoCao, unitID: UnitID("19831"))
            try await store.createAccount(account, passwordHash: "cu")
            for hash in ["phien-1", "phien-2", "phien-3"] {
                try await store.createSession(
                    tokenHash: hash, accountID: account.id, csrfToken: "c", now: Date(), lifetime: 3600)
            }
            _ = try await store.createAPIToken(username: "canbo", name: "Đồng bộ", tokenHash: "t1")
            let revoked = try await store.createAPIToken(username: "canbo", name: "Cũ", tokenHash: "t2")
            try await store.revokeAPIToken(id: revoked.id)

            let change = try await store.setPasswordHash(username: "CanBo", "moi", keepingSession: "phien-2")

            XCTAssertEqual(change, PasswordChange(endedSessions: 2, revokedTokens: 1), name)
            let kept = try await store.session(tokenHash: "phien-2", now: Date(), idleLifetime: 3600, maximumAge: 7200)
            let ended = try await store.session(tokenHash: "phien-1", now: Date(), idleLifetime: 3600, maximumAge: 7200)
            let token = try await store.apiToken(tokenHash: "t1")
            let credentials = try await store.credentials(username: "canbo")
            XCTAssertNotNil(kept, name)
            XCTAssertNil(ended, name)
            XCTAssertNil(token, name)
            XCTAssertEqual(credentials?.passwordHash, "moi", name)
        }
    }
}
