import Foundation
import TiendoCore
import TiendoStorage
import TiendoTestSupport
import XCTest

/// API tokens: stored by hash, found while they work, refused once revoked or when their
/// account is disabled — on SQLite and (when configured) PostgreSQL.
final class APITokenStoreTests: XCTestCase {
    private func account(_ store: TiendoStore) async throws -> Account {
        let account = Account(username: "kichban", displayName: "Kịch bản", role: .baoCao, unitID: UnitID("19831"))
        try await store.createAccount(account, passwordHash: "x")
        return account
    }

    func testATokenWorksUntilItIsRevoked() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let account = try await account(store)
            let issued = try await store.createAPIToken(username: "KichBan", name: " Đồng bộ ", tokenHash: "h1")

            let found = try await store.apiToken(tokenHash: "h1")
            let unknown = try await store.apiToken(tokenHash: "h2")
            try await store.revokeAPIToken(id: issued.id)
            let afterRevoke = try await store.apiToken(tokenHash: "h1")
            let listed = try await store.apiTokens()

            XCTAssertEqual(found?.account.id, account.id, name)
            XCTAssertEqual(found?.name, "Đồng bộ", name)
            XCTAssertNotNil(found?.lastUsedAt, name)
            XCTAssertNil(unknown, name)
            XCTAssertNil(afterRevoke, name)
            XCTAssertEqual(listed.count, 1, name)
            XCTAssertNotNil(listed.first?.revokedAt, name)
            do {
                try await store.revokeAPIToken(id: issued.id)
                XCTFail("revoking twice is refused (\(name))")
            } catch let error as StorageError {
                XCTAssertTrue(error.description.contains("đã bị thu hồi"), name)
            }
        }
    }

    func testADisabledAccountsTokenIsRefusedAndNoneIsIssuedForIt() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await account(store)
            _ = try await store.createAPIToken(username: "kichban", name: "Đồng bộ", tokenHash: "h1")

            try await store.setActive(username: "kichban", false)
            let found = try await store.apiToken(tokenHash: "h1")

            XCTAssertNil(found, name)
            do {
                _ = try await store.createAPIToken(username: "kichban", name: "Khác", tokenHash: "h3")
                XCTFail("no token for a disabled account (\(name))")
            } catch let error as StorageError {
                XCTAssertTrue(error.description.contains("bị khóa"), name)
            }
        }
    }
}
