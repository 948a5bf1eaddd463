import FluentKit
import Foundation
import SQLKit
import TiendoCore
import TiendoStorage
import TiendoTestSupport
import XCTest

/// A server keeps its snapshot in memory until the database's data version moves. What matters
/// to a leader is that a figure saved anywhere — a page, an import, the CLI, another instance —
/// is on the next dashboard; and to the server, that unrelated writes do not throw it away.
final class SnapshotCacheTests: XCTestCase {
    static let city = UnitVersion(
        unitID: UnitID("46"), code: "46", name: "Huế", kind: .thanhPhoTrucThuoc, parentID: nil,
        validFrom: CivilDate(2025, 7, 1))
    static var ward: UnitVersion {
        UnitVersion(
            unitID: UnitID("19831"), code: "19831", name: "Phong Dinh", kind: .phuong, parentID: city.unitID,
            validFrom: CivilDate(2025, 7, 1))
    }
    static let households = Indicator(code: "SO_HO", name: "Số hộ", unitOfMeasure: "hộ", space: .sum, time: .last)

    static func figure(_ number: Double, month: Int = 1) -> IndicatorValue {
        IndicatorValue(indicatorCode: "SO_HO", unitID: ward.unitID, period: .month(2026, month), number: number)
    }

    func testEveryWriteOfWhatASnapshotReadsIsOnTheNextSnapshotAndNothingElseMovesTheVersion() async throws {
        try await TestDatabases.forEach { name, store, _ in
            try await store.importUnitVersions([Self.city, Self.ward])
            try await store.importIndicators([Self.households])
            try await store.recordValues([Self.figure(100)])
            let first = try await store.snapshot()
            let version = try await store.dataVersion()
            XCTAssertEqual(first.values.reported(Self.figure(0).key)?.number, 100, name)

            // Sessions, settings and the audit trail are not in a snapshot: the kept one stays.
            try await store.setSetting("thu", "1")
            try await store.recordEvent(actor: "tonghop", action: .dangNhap, subject: "x", detail: "")
            let unchanged = try await store.dataVersion()
            XCTAssertEqual(unchanged, version, "unrelated writes keep the snapshot (\(name))")

            // A figure saved on the entry page.
            let saved = try await store.saveValue(Self.figure(120), expectedVersion: 1)
            XCTAssertEqual(saved.version, 2, name)
            var snapshot = try await store.snapshot()
            XCTAssertEqual(snapshot.values.reported(Self.figure(0).key)?.number, 120, "saved figure (\(name))")

            // A batch import, a resolution, a renamed unit, a new indicator.
            try await store.recordValues([Self.figure(130, month: 2)])
            try await store.saveResolution(
                Resolution(
                    id: "nq", issuingUnitID: Self.ward.unitID, symbol: "01-NQ/ĐU", title: "Nghị quyết", termStart: 2025,
                    termEnd: 2030, adoptedOn: CivilDate(2025, 9, 30), targets: []))
            var renamed = Self.ward
            renamed.name = "Phong Dinh mới"
            try await store.importUnitVersions([renamed])
            try await store.importIndicators([
                Indicator(code: "SO_NGUOI", name: "Số người", unitOfMeasure: "người")
            ])
            snapshot = try await store.snapshot()
            XCTAssertEqual(snapshot.values.reported(Self.figure(0, month: 2).key)?.number, 130, name)
            XCTAssertEqual(snapshot.resolutions.map(\.id), ["nq"], name)
            XCTAssertEqual(snapshot.directory.latestVersion(of: Self.ward.unitID)?.name, "Phong Dinh mới", name)
            XCTAssertEqual(snapshot.indicators.map(\.code).sorted(), ["SO_HO", "SO_NGUOI"], name)

            // A figure deleted straight in the database (as a restore or a DBA would) too.
            guard let sql = store.database as? any SQLDatabase else { return XCTFail(name) }
            try await sql.raw("DELETE FROM indicator_values WHERE period = '2026M02'").run()
            snapshot = try await store.snapshot()
            XCTAssertNil(snapshot.values.reported(Self.figure(0, month: 2).key), "deleted figure (\(name))")

            // A transaction undone leaves the version where it was.
            let before = try await store.dataVersion()
            do {
                try await store.inTransaction { tx in
                    try await tx.recordValues([Self.figure(999, month: 3)])
                    throw StorageError("hủy")
                }
            } catch {}
            let after = try await store.dataVersion()
            XCTAssertEqual(after, before, "rolled back (\(name))")
            snapshot = try await store.snapshot()
            XCTAssertNil(snapshot.values.reported(Self.figure(0, month: 3).key), name)
        }
    }

    /// Directives, tasks and progress reports move their own counter, which the dashboard keys
    /// its kept page on; figures alone do not move it, and a task report does not make every
    /// server reread every figure unless it changes the task figures.
    func testFollowUpWritesMoveTheFollowUpCounterAndFiguresDoNot() async throws {
        try await TestDatabases.forEach { name, store, _ in
            try await store.importUnitVersions([Self.city, Self.ward])
            try await store.importIndicators([Self.households])
            let start = try await store.versions()
            try await store.recordValues([Self.figure(100)])
            let afterFigure = try await store.versions()
            XCTAssertGreaterThan(afterFigure.data, start.data, name)
            XCTAssertEqual(afterFigure.followUp, start.followUp, "a figure is not a task (\(name))")
            let dataVersion = try await store.dataVersion()
            XCTAssertEqual(afterFigure.data, dataVersion, name)

            let directive = Directive(
                kind: .thongBaoKetLuan, number: "125-TB/TU", date: CivilDate(2026, 9, 15),
                issuingBody: "Ban Thường vụ Thành ủy Huế", unitID: Self.city.unitID, title: "về buổi làm việc")
            try await store.saveDirective(directive, file: nil, actor: "tonghop")
            let afterDirective = try await store.versions()
            XCTAssertGreaterThan(afterDirective.followUp, afterFigure.followUp, "directive (\(name))")

            let today = CivilDate(2026, 11, 29)
            let task = try await store.addTask(
                FollowUpTask(
                    directiveID: directive.id, number: 1, content: "Rà soát hộ nghèo", leadUnit: Self.ward.unitID,
                    coordinatingUnits: [], deadline: CivilDate(2026, 12, 15), linkedTargets: []),
                actor: "tonghop", today: today)
            let afterTask = try await store.versions()
            XCTAssertGreaterThan(afterTask.followUp, afterDirective.followUp, "task (\(name))")

            try await store.addProgressReport(
                TaskProgressReport(
                    taskID: task.id, unitID: Self.ward.unitID, date: CivilDate(2026, 11, 25), text: "Đã rà soát",
                    author: "phongdinh", fileName: nil),
                file: nil, today: today)
            let afterReport = try await store.versions()
            XCTAssertGreaterThan(afterReport.followUp, afterTask.followUp, "progress report (\(name))")

            try await store.setTaskCompletion(taskID: task.id, completedOn: today, actor: "tonghop", today: today)
            let afterCompletion = try await store.versions()
            XCTAssertGreaterThan(afterCompletion.followUp, afterReport.followUp, "completion (\(name))")

            guard let sql = store.database as? any SQLDatabase else { return XCTFail(name) }
            try await sql.raw("DELETE FROM task_reports").run()
            let afterDelete = try await store.versions()
            XCTAssertGreaterThan(afterDelete.followUp, afterCompletion.followUp, "deleted in SQL (\(name))")
            XCTAssertEqual(afterDelete.data, afterCompletion.data, "no task figure changed (\(name))")
        }
    }

    /// The session lookup brings the page stamp along (one round trip for a kept page), and it
    /// is the same stamp the store reads on its own, moving with figures, tasks and the demo flag.
    func testTheSessionReadCarriesTheCurrentPageStamp() async throws {
        try await TestDatabases.forEach { name, store, _ in
            try await store.importUnitVersions([Self.city, Self.ward])
            try await store.importIndicators([Self.households])
            let account = Account(username: "phuong", displayName: "Phường", role: .baoCao, unitID: Self.ward.unitID)
            try await store.createAccount(account, passwordHash: "x")
            try await store.createSession(
                tokenHash: "ma-phien", accountID: account.id, csrfToken: "csrf", now: Date(), lifetime: 3600)
            func sessionStamp() async throws -> PageStamp? {
                try await store.session(tokenHash: "ma-phien", now: Date(), idleLifetime: 3600, maximumAge: 7200)?
                    .pageStamp
            }

            let start = try await sessionStamp()
            let stampStart = try await store.pageStamp()
            XCTAssertEqual(start, stampStart, name)
            XCTAssertEqual(start?.isDemo, false, name)

            try await store.recordValues([Self.figure(100)])
            try await store.markAsDemo()
            let after = try await sessionStamp()
            let stampAfter = try await store.pageStamp()
            XCTAssertEqual(after, stampAfter, name)
            XCTAssertGreaterThan(after?.versions.data ?? 0, start?.versions.data ?? 0, name)
            XCTAssertEqual(after?.isDemo, true, name)
        }
    }

    func testAnotherInstancesWriteIsSeenThroughItsOwnStore() async throws {
        try await TestDatabases.forEach { name, store, database in
            try await store.importUnitVersions([Self.city, Self.ward])
            try await store.importIndicators([Self.households])
            try await store.recordValues([Self.figure(100)])
            let other = TiendoStore(database: database.database)
            _ = try await store.snapshot()
            _ = try await other.saveValue(Self.figure(150), expectedVersion: 1)
            let seen = try await store.snapshot()
            XCTAssertEqual(seen.values.reported(Self.figure(0).key)?.number, 150, name)
        }
    }

    /// Two SQLite databases stand in for a primary and its streaming replica: the replica is read
    /// when it has caught up with the primary's version, the primary otherwise.
    func testAReplicaIsReadOnlyOnceItHasCaughtUpSoASaveIsAlwaysSeen() async throws {
        let primaryDatabase = try TiendoDatabase(location: .sqliteMemory)
        let replicaDatabase = try TiendoDatabase(location: .sqliteMemory)
        defer {
            Task {
                await primaryDatabase.shutdown()
                await replicaDatabase.shutdown()
            }
        }
        try await primaryDatabase.migrate()
        try await replicaDatabase.migrate()
        let primary = TiendoStore(database: primaryDatabase.database)
        let replicaWriter = TiendoStore(database: replicaDatabase.database)
        for target in [primary, replicaWriter] {
            try await target.importUnitVersions([Self.city, Self.ward])
            try await target.importIndicators([Self.households])
        }
        try await primary.recordValues([Self.figure(100)])
        // The "replica" holds the same version but marks its copy, so the test can tell.
        try await replicaWriter.recordValues([Self.figure(101)])
        let versions = (try await primary.dataVersion(), try await replicaWriter.dataVersion())
        XCTAssertEqual(versions.0, versions.1)
        let served = TiendoStore(database: primaryDatabase.database, replica: replicaDatabase.database)

        var snapshot = try await served.snapshot()
        XCTAssertEqual(snapshot.values.reported(Self.figure(0).key)?.number, 101, "caught-up replica is read")

        _ = try await primary.saveValue(Self.figure(120), expectedVersion: 1)
        snapshot = try await served.snapshot()
        XCTAssertEqual(snapshot.values.reported(Self.figure(0).key)?.number, 120, "a lagging replica is not read")
    }
}
