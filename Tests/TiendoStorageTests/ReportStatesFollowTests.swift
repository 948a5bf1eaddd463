import Foundation
import TiendoCore
import TiendoTestSupport
import XCTest

@testable import TiendoStorage

/// Reports' states reach every server through the change log (`CreateReportChangeLog`): a
/// submission and an approval are followed, not read again, and a second server on the
/// same database sees them as a whole read would.
final class ReportStatesFollowTests: XCTestCase {
    typealias World = SnapshotCacheTests

    func testSubmissionAndApprovalAreFollowedOnEveryServer() async throws {
        try await TestDatabases.forEach { name, store, _ in
            try await store.importUnitVersions([World.city, World.ward])
            try await store.importIndicators([World.households])
            try await store.recordValues([World.figure(100)])
            let form = ReportingForm(
                code: "THANG", name: "Báo cáo tháng", indicatorCodes: ["SO_HO"], unitIDs: [World.ward.unitID],
                periodKind: .month, calendar: .statistical, deadline: DeadlineRule(workingDays: 5))
            try await store.saveForm(form)
            let other = TiendoStore(database: store.database)
            _ = try await store.snapshot()
            _ = try await other.snapshot()
            let cityMonth = { (snapshot: Snapshot) in
                snapshot.rollUp.figure("SO_HO", unit: World.city.unitID, period: .month(2026, 1))
            }
            let before = try await store.snapshot()
            XCTAssertEqual(cityMonth(before).figure?.restsOnUnapproved, false, name)

            var report = Submission(formCode: "THANG", unitID: World.ward.unitID, period: .month(2026, 1))
            report.status = .daNop
            var version = try await store.saveSubmission(report, expectedVersion: 0)
            for server in [store, other] {
                let snapshot = try await server.snapshot()
                XCTAssertEqual(snapshot.reports.openCount, 1, name)
                XCTAssertEqual(
                    snapshot.values.reported(World.figure(0).key).map { snapshot.reports.isUnapproved($0.key) }, true,
                    name)
                XCTAssertEqual(cityMonth(snapshot).figure?.restsOnUnapproved, true, "rolled up (\(name))")
                let readAgain = try await store.reportStates()
                XCTAssertEqual(snapshot.reports, readAgain, name)
            }

            report.status = .daDuyet
            version = try await store.saveSubmission(report, expectedVersion: version)
            XCTAssertEqual(version, 2, name)
            for server in [store, other] {
                let snapshot = try await server.snapshot()
                XCTAssertEqual(snapshot.reports.openCount, 0, name)
                XCTAssertEqual(cityMonth(snapshot).figure?.restsOnUnapproved, false, "approved (\(name))")
                XCTAssertEqual(cityMonth(snapshot).figure?.number, 100, name)
            }
            XCTAssertEqual(store.readModelStatus.wholeReads, 1, "report changes are followed (\(name))")
            XCTAssertEqual(other.readModelStatus.wholeReads, 1, name)
        }
    }
}
