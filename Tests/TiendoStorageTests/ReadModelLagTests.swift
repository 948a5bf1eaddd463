import Foundation
import TiendoCore
import TiendoStorage
import TiendoTestSupport
import XCTest

/// What the operator's metrics read of the database: how far the data served is behind the change
/// log, and the read replica behind the primary.
final class ReadModelLagTests: XCTestCase {
    typealias Fixture = SnapshotCacheTests

    func testASaveIsBehindUntilFollowedAndALaggingReplicaIsCountedInVersions() async throws {
        let primaryDatabase = try TiendoDatabase(location: .sqliteMemory)
        let replicaDatabase = try TiendoDatabase(location: .sqliteMemory)
        try await primaryDatabase.migrate()
        try await replicaDatabase.migrate()
        let primary = TiendoStore(database: primaryDatabase.database)
        let replicaWriter = TiendoStore(database: replicaDatabase.database)
        for target in [primary, replicaWriter] {
            try await target.importUnitVersions([Fixture.city, Fixture.ward])
            try await target.importIndicators([Fixture.households])
            try await target.recordValues([Fixture.figure(100)])
        }
        let served = TiendoStore(database: primaryDatabase.database, replica: replicaDatabase.database)
        try await served.catchUpReadModel()
        let caughtUp = try await served.readModelLag()

        _ = try await primary.saveValue(Fixture.figure(120), expectedVersion: 1)
        let afterSave = try await served.readModelLag()
        let statusAfterSave = served.readModelStatus
        try await served.catchUpReadModel()
        let followed = try await served.readModelLag()
        let statusFollowed = served.readModelStatus
        await replicaDatabase.shutdown()
        let replicaGone = try await served.readModelLag()
        let alone = try await primary.readModelLag()
        await primaryDatabase.shutdown()

        XCTAssertEqual(caughtUp.replica, ReadModelLag.Replica(versionsBehind: 0))
        XCTAssertEqual(served.readModelStatus.wholeReads, 1)
        XCTAssertGreaterThan(afterSave.logPosition, caughtUp.logPosition, "the save is in the log")
        XCTAssertGreaterThan(afterSave.dataVersion, caughtUp.dataVersion)
        XCTAssertGreaterThan(afterSave.logPosition, statusAfterSave.position, "not followed yet: behind the log")
        XCTAssertEqual(
            afterSave.replica?.versionsBehind, afterSave.dataVersion - caughtUp.dataVersion,
            "the replica did not get the save")
        XCTAssertEqual(statusFollowed.position, followed.logPosition, "caught up with the log")
        XCTAssertEqual(statusFollowed.dataVersion, followed.dataVersion)
        XCTAssertEqual(statusFollowed.follows, 1, "followed, not read again whole")
        XCTAssertEqual(statusFollowed.changesApplied, 1)
        XCTAssertGreaterThan(statusFollowed.followSecondsTotal, 0)
        XCTAssertEqual(replicaGone.replica, ReadModelLag.Replica(versionsBehind: nil), "a replica that does not answer")
        XCTAssertNil(alone.replica, "no replica configured")
    }
}
