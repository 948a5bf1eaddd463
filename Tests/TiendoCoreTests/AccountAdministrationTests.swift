import Foundation
import TiendoCore
import TiendoTestSupport
import XCTest

/// The rules of account administration, shared by the CLI and /tai-khoan, without a database.
final class AccountAdministrationTests: XCTestCase {
    func testAnAdministratorAddsAnAccountInTheirSubtreeWithAnAuditEvent() async throws {
        let world = World()
        let administration = world.administration()

        let (account, unit) = try await administration.add(
            .init(
                username: " CanBo.Moi ", displayName: "Cán bộ mới", role: "bao-cao", unitCode: "W1",
                password: "ban-dau-2026", passwordAgain: "ban-dau-2026", mustChangePassword: true),
            by: .account(world.cityAdmin))

        XCTAssertEqual(account.username, "canbo.moi")
        XCTAssertEqual(account.role, .baoCao)
        XCTAssertEqual(unit.code, "W1")
        XCTAssertTrue(account.mustChangePassword)
        let stored = await world.store.stored["canbo.moi"]
        XCTAssertEqual(stored?.hash, "hash:ban-dau-2026")
        let events = await world.store.events
        XCTAssertEqual(events.map(\.action), ["tao-tai-khoan"])
        XCTAssertEqual(events.first?.actor, "qt.city")
        XCTAssertEqual(events.first?.subject, "tai-khoan:canbo.moi")
    }

    func testEveryProblemIsListedAndNothingIsWritten() async throws {
        let world = World()
        let administration = world.administration()

        do {
            try await administration.add(
                .init(
                    username: "có dấu", displayName: "", role: "giam-doc", unitCode: "W2", password: "ngan",
                    passwordAgain: "khac", mustChangePassword: true),
                by: .account(world.wardAdmin))
            XCTFail("refused")
        } catch let refusal as AccountAdministrationError {
            XCTAssertEqual(refusal.kind, .invalid)
            XCTAssertEqual(refusal.messages.count, 6, refusal.description)
            XCTAssertTrue(refusal.description.contains("nằm ngoài phạm vi quản lý của bạn"))
        }
        let count = await world.store.stored.count
        let events = await world.store.events
        XCTAssertEqual(count, 4)
        XCTAssertTrue(events.isEmpty)
    }

    func testScopeSelfAndRoleRules() async throws {
        let world = World()
        let administration = world.administration()

        await assertRefused(.notFound) {
            try await administration.setActive(username: "cb.w2", false, by: .account(world.wardAdmin))
        }
        await assertRefused(.notFound) {
            try await administration.resetPassword(username: "qt.city", by: .account(world.wardAdmin))
        }
        await assertRefused(.forbidden) {
            try await administration.setActive(username: "qt.w1", false, by: .account(world.wardAdmin))
        }
        await assertRefused(.forbidden) {
            try await administration.resetPassword(username: "qt.w1", by: .account(world.wardAdmin))
        }
        await assertRefused(.forbidden) {
            try await administration.unlock(username: "cb.w2", by: .account(world.reporter))
        }
        let events = await world.store.events
        XCTAssertTrue(events.isEmpty)

        // The city's administrator reaches both wards; the command line reaches everything.
        try await administration.setActive(username: "cb.w2", false, by: .account(world.cityAdmin))
        try await administration.setActive(username: "cb.w2", true, by: .commandLine)
        let actors = await world.store.events.map(\.actor)
        XCTAssertEqual(actors, ["qt.city", "dong-lenh"])
    }

    func testAResetGivesAFreshTemporaryPasswordThatMustBeChanged() async throws {
        let world = World()
        let administration = world.administration()

        let first = try await administration.resetPassword(username: "cb.w2", by: .account(world.cityAdmin))
        let second = try await administration.resetPassword(username: "cb.w2", by: .commandLine)

        XCTAssertNotEqual(first.temporaryPassword, second.temporaryPassword)
        XCTAssertNil(PasswordPolicy.problem(with: first.temporaryPassword, username: "cb.w2"))
        let stored = await world.store.stored["cb.w2"]
        XCTAssertEqual(stored?.hash, "hash:" + second.temporaryPassword)
        XCTAssertEqual(stored?.mustChange, true)
        let events = await world.store.events
        XCTAssertEqual(events.map(\.action), ["doi-mat-khau", "doi-mat-khau"])
        XCTAssertFalse(events.contains { $0.detail.contains(first.temporaryPassword) })
    }

    func testChangingOnesOwnPasswordChecksTheCurrentOneAndClearsTheFlag() async throws {
        let world = World()
        let administration = world.administration()
        try await administration.resetPassword(username: "cb.w2", by: .commandLine)
        let temporary = await world.store.stored["cb.w2"]?.hash.dropFirst(5) ?? ""
        let maybeAccount = await world.store.stored["cb.w2"]?.account
        let account = try XCTUnwrap(maybeAccount)

        await assertRefused(.invalid) {
            try await administration.changeOwnPassword(
                account, current: "sai", new: "moi-hon-nhieu-1", again: "moi-hon-nhieu-1", keepingSession: "p")
        }
        await assertRefused(.invalid) {
            try await administration.changeOwnPassword(
                account, current: String(temporary), new: String(temporary), again: String(temporary),
                keepingSession: "p")
        }
        try await administration.changeOwnPassword(
            account, current: String(temporary), new: "moi-hon-nhieu-1", again: "moi-hon-nhieu-1", keepingSession: "p")

        let stored = await world.store.stored["cb.w2"]
        XCTAssertEqual(stored?.hash, "hash:moi-hon-nhieu-1")
        XCTAssertEqual(stored?.mustChange, false)
        let kept = await world.store.keptSession
        XCTAssertEqual(kept, "p")
        let last = await world.store.events.last
        XCTAssertEqual(last?.actor, "cb.w2")
    }

    func testUnlockClearsTheThrottleAndIsRecorded() async throws {
        let world = World()
        let administration = world.administration()

        let seenByWard = try await administration.lockedUsernames(of: .account(world.wardAdmin))
        let seenByCity = try await administration.lockedUsernames(of: .account(world.cityAdmin))
        let (_, lifted) = try await administration.unlock(username: "CB.W2", by: .account(world.cityAdmin))

        XCTAssertEqual(seenByWard, [], "the city's administrator and the other ward are out of scope")
        XCTAssertEqual(seenByCity, ["cb.w2", "qt.city"])

        XCTAssertEqual(lifted, 1)
        let cleared = await world.store.cleared
        XCTAssertEqual(cleared, ["cb.w2"])
        let events = await world.store.events
        XCTAssertEqual(events.map(\.action), ["mo-khoa-tai-khoan"])
        XCTAssertTrue(events.first?.detail.contains("gỡ khóa đăng nhập") == true)
    }

    func testTemporaryPasswordsMeetThePolicy() throws {
        for _ in 0..<200 {
            let password = try AccountAdministration.temporaryPassword(username: "abc")
            XCTAssertNil(PasswordPolicy.problem(with: password, username: "abc"))
            XCTAssertEqual(password.count, 14)
        }
    }
}

private func assertRefused(
    _ kind: AccountAdministrationError.Kind, file: StaticString = #filePath, line: UInt = #line,
    _ body: () async throws -> some Any
) async {
    do {
        _ = try await body()
        XCTFail("not refused", file: file, line: line)
    } catch let refusal as AccountAdministrationError {
        XCTAssertEqual(refusal.kind, kind, refusal.description, file: file, line: line)
    } catch {
        XCTFail("\(error)", file: file, line: line)
    }
}

/// A city with two wards; an administrator of the city and of ward W1, a reporter in each ward.
private struct World {
    let store: FakeAccountStore
    let cityAdmin: Account
    let wardAdmin: Account
    let reporter: Account

    init() {
        var fixture = CoreFixture()
        let city = fixture.unit("C", "Huế", kind: .thanhPhoTrucThuoc)
        let w1 = fixture.unit("W1", "Một", parent: city)
        let w2 = fixture.unit("W2", "Hai", parent: city)
        cityAdmin = Account(username: "qt.city", displayName: "Quản trị thành phố", role: .quanTri, unitID: city)
        wardAdmin = Account(username: "qt.w1", displayName: "Quản trị phường Một", role: .quanTri, unitID: w1)
        reporter = Account(username: "cb.w1", displayName: "Cán bộ phường Một", role: .baoCao, unitID: w1)
        let other = Account(username: "cb.w2", displayName: "Cán bộ phường Hai", role: .baoCao, unitID: w2)
        store = FakeAccountStore(
            directory: UnitDirectory(versions: fixture.versions), accounts: [cityAdmin, wardAdmin, reporter, other])
    }

    func administration() -> AccountAdministration {
        AccountAdministration(
            store: store,
            hasher: PasswordHashing(hash: { "hash:" + $0 }, verify: { "hash:" + $0 == $1 }),
            today: CivilDate(2026, 6, 1))
    }
}

private actor FakeAccountStore: AccountAdministrationStore {
    struct Stored {
        var account: Account
        var hash: String
        var mustChange: Bool
    }

    let unitDirectory: UnitDirectory
    var stored: [String: Stored] = [:]
    var events: [AuditEvent] = []
    var keptSession: String?
    var cleared: [String] = []

    init(directory: UnitDirectory, accounts: [Account]) {
        unitDirectory = directory
        for account in accounts {
            stored[account.username] = Stored(account: account, hash: "hash:mat-khau-cu-123", mustChange: false)
        }
    }

    func directory() async throws -> UnitDirectory { unitDirectory }

    func accounts() async throws -> [Account] { stored.values.map(\.account).sorted { $0.username < $1.username } }

    func credentials(username: String) async throws -> StoredCredentials? {
        stored[username.lowercased()].map {
            StoredCredentials(account: $0.account, passwordHash: $0.hash, failedLogins: 0, lockedUntil: nil)
        }
    }

    func createAccount(_ account: Account, passwordHash: String, at time: Date) async throws {
        stored[account.username] = Stored(account: account, hash: passwordHash, mustChange: account.mustChangePassword)
    }

    func setPasswordHash(username: String, _ hash: String, keepingSession: String?, mustChange: Bool, at time: Date)
        async throws -> PasswordChange
    {
        stored[username]?.hash = hash
        stored[username]?.mustChange = mustChange
        stored[username]?.account.mustChangePassword = mustChange
        keptSession = keepingSession
        return PasswordChange(endedSessions: 1, revokedTokens: 0)
    }

    func setActive(username: String, _ active: Bool) async throws {
        stored[username]?.account.isActive = active
    }

    func clearLoginLocks(username: String, now: Date) async throws -> Int {
        cleared.append(username)
        return 1
    }

    func recordEvent(actor: String, action: AuditTrail.EventKind, subject: String, detail: String, at time: Date)
        async throws
    {
        events.append(AuditEvent(at: time, actor: actor, action: action.rawValue, subject: subject, detail: detail))
    }

    func events(subject: String) async throws -> [AuditEvent] { events.filter { $0.subject == subject } }

    func lockedUsernames(now: Date) async throws -> Set<String> { Set(cleared.isEmpty ? ["cb.w2", "qt.city"] : []) }
}
