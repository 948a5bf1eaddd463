import Foundation
import TiendoCore
import TiendoStorage
import TiendoTestSupport
import XCTest

/// The store side of account administration on SQLite and (when configured) PostgreSQL: the
/// "must change the password" flag (M036) travels with the session, and unlocking removes the
/// throttle's rows of one account only (written by hand, with LIKE, so both dialects run it).
final class AccountAdministrationStoreTests: XCTestCase {
    func testTheMustChangeFlagIsStoredReadWithTheSessionAndCleared() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let account = Account(
                username: "canbo", displayName: "Cán bộ", role: .baoCao, unitID: UnitID("19831"),
                mustChangePassword: true)
            try await store.createAccount(account, passwordHash: "ban-dau")
            try await store.createSession(
                tokenHash: "phien", accountID: account.id, csrfToken: "c", now: Date(), lifetime: 3600)

            let created = try await store.credentials(username: "canbo")
            let session = try await store.session(
                tokenHash: "phien", now: Date(), idleLifetime: 3600, maximumAge: 7200)
            try await store.setPasswordHash(username: "canbo", "tu-dat", keepingSession: "phien", mustChange: false)
            let changed = try await store.session(
                tokenHash: "phien", now: Date(), idleLifetime: 3600, maximumAge: 7200)
            try await store.setPasswordHash(username: "canbo", "tam-thoi", mustChange: true)
            let reset = try await store.credentials(username: "canbo")

            XCTAssertEqual(created?.account.mustChangePassword, true, name)
            XCTAssertEqual(session?.account.mustChangePassword, true, name)
            XCTAssertEqual(changed?.account.mustChangePassword, false, name)
            XCTAssertEqual(reset?.account.mustChangePassword, true, name)
            XCTAssertEqual(reset?.passwordHash, "tam-thoi", name)
        }
    }

    func testUnlockingRemovesOnlyThatAccountsCountersAndSaysHowManyWereLocked() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let now = Date()
            let keys = [
                "tk:a_b", "tk:a_b@10.0.0.1", "tk:a_b@10.0.0.2", "tk:axb@10.0.0.1", "tk:a_bc@10.0.0.1", "ip:10.0.0.1",
            ]
            _ = try await store.countLoginAttempt(keys: keys, now: now, window: 900)
            try await store.lockLogins(key: "tk:a_b@10.0.0.1", until: now.addingTimeInterval(900), now: now)
            try await store.lockLogins(key: "tk:axb@10.0.0.1", until: now.addingTimeInterval(900), now: now)

            let lockedBefore = try await store.lockedUsernames(now: now)
            let lifted = try await store.clearLoginLocks(username: "A_B", now: now)
            let lockedAfter = try await store.lockedUsernames(now: now)
            let after = try await store.countLoginAttempt(keys: keys, now: now, window: 900)

            XCTAssertEqual(lifted, 1, name)
            XCTAssertEqual(lockedBefore, ["a_b", "axb"], name)
            XCTAssertEqual(lockedAfter, ["axb"], name)
            XCTAssertEqual(after["tk:a_b"]?.attempts, 1, name)
            XCTAssertEqual(after["tk:a_b@10.0.0.1"]?.attempts, 1, name)
            XCTAssertNil(after["tk:a_b@10.0.0.1"]?.lockedUntil, name)
            XCTAssertEqual(after["tk:a_b@10.0.0.2"]?.attempts, 1, name)
            XCTAssertEqual(after["tk:axb@10.0.0.1"]?.attempts, 2, "LIKE's _ is not a wildcard here (\(name))")
            XCTAssertNotNil(after["tk:axb@10.0.0.1"]?.lockedUntil, name)
            XCTAssertEqual(after["tk:a_bc@10.0.0.1"]?.attempts, 2, name)
            XCTAssertEqual(after["ip:10.0.0.1"]?.attempts, 2, "the address's own counter stays (\(name))")
        }
    }
}
