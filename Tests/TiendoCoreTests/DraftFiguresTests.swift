import TiendoCore
import TiendoTestSupport
import XCTest

/// The rule of "số liệu chưa duyệt" (`ReportStates`): a verdict resting on a figure of a report
/// that was started and not approved is marked, through the roll-up, and the approved-only view
/// leaves such figures out.
final class DraftFiguresTests: XCTestCase {
    private struct World {
        let snapshot: Snapshot
        let city: UnitID
        let wardA: UnitID
        let wardB: UnitID
        let form: ReportingForm
    }

    /// A city of two wards A and B; the city's target "THU ≥ 100" in 2026 is judged on the wards'
    /// sum. `reports` are the states of the wards' 2026 reports, by ward name.
    private func world(_ reports: [String: SubmissionStatus] = [:]) -> World {
        var fixture = CoreFixture()
        let city = fixture.unit("90", "Mẫu", kind: .thanhPhoTrucThuoc)
        let a = fixture.unit("90001", "A", parent: city)
        let b = fixture.unit("90002", "B", parent: city)
        fixture.indicator("THU")
        fixture.value("THU", a, "2026", 60)
        fixture.value("THU", b, "2026", 50)
        let form = ReportingForm(
            code: "NAM", name: "Báo cáo năm", indicatorCodes: ["THU"], unitIDs: [a, b], periodKind: .year,
            calendar: .statistical, deadline: DeadlineRule(workingDays: 10))
        let resolution = Resolution(
            id: "NQ", issuingUnitID: city, symbol: "01/NQ", title: "Nghị quyết", termStart: 2026, termEnd: 2030,
            adoptedOn: CivilDate(2026, 1, 1),
            targets: [
                Target(
                    number: 1, group: .kinhTe, wording: "Thu ngân sách từ 100", indicatorCode: "THU", measure: .level,
                    condition: .atLeast(100, exceedBound: nil), deadlineYear: 2030)
            ])
        let submissions = reports.sorted { $0.key < $1.key }.map { name, status in
            report(unit: name == "A" ? a : b, status)
        }
        let snapshot = Snapshot(
            directory: UnitDirectory(versions: fixture.versions, links: fixture.links), indicators: fixture.indicators,
            values: ValueTable(fixture.values), resolutions: [resolution],
            reports: ReportStates(forms: [form], submissions: submissions))
        return World(snapshot: snapshot, city: city, wardA: a, wardB: b, form: form)
    }

    private func report(unit: UnitID, _ status: SubmissionStatus) -> Submission {
        var submission = Submission(formCode: "NAM", unitID: unit, period: .year(2026))
        submission.status = status
        return submission
    }

    private func cityAssessment(_ world: World, approvedOnly: Bool = false) -> (UnitAssessment, Assessment) {
        let unit = world.snapshot.directory.version(of: world.city, on: CivilDate(2026, 12, 31))!
        let resolution = world.snapshot.resolutions[0]
        let assessed = UnitAssessment(
            snapshot: world.snapshot, unit: unit, resolution: resolution, period: .year(2026),
            approvedOnly: approvedOnly)
        return (assessed, assessed.assessments[0])
    }

    func testAWardsDraftMarksTheCitysRolledUpVerdict() {
        let draft = world(["A": .chuaNop])

        let (assessed, target) = cityAssessment(draft)

        XCTAssertEqual(target.verdict, .dat)
        XCTAssertTrue(assessed.restsOnUnapproved(target))
        XCTAssertEqual(
            draft.snapshot.rollUp.figure("THU", unit: draft.city, period: .year(2026)).figure?.restsOnUnapproved, true)
        XCTAssertEqual(
            draft.snapshot.rollUp.figure("THU", unit: draft.wardB, period: .year(2026)).figure?.restsOnUnapproved,
            false)
    }

    func testSubmittedAndReturnedReportsMarkItApprovalClearsIt() {
        for status in [SubmissionStatus.daNop, .traLai] {
            let (assessed, target) = cityAssessment(world(["B": status]))
            XCTAssertTrue(assessed.restsOnUnapproved(target), "\(status)")
        }
        let approved = world(["A": .daDuyet, "B": .daDuyet])
        let (assessed, target) = cityAssessment(approved)
        XCTAssertFalse(assessed.restsOnUnapproved(target))
        // Figures no started report holds (imported, the demo's) count as approved.
        let (imported, importedTarget) = cityAssessment(world())
        XCTAssertFalse(imported.restsOnUnapproved(importedTarget))
    }

    func testApprovalFollowedFromTheLogClearsTheMarkAndKeepsOtherFigures() {
        let draft = world(["A": .daNop])
        XCTAssertTrue(cityAssessment(draft).0.restsOnUnapproved(cityAssessment(draft).1))
        let before = draft.snapshot.generations

        let approved = draft.snapshot.applying(
            [],
            reportChanges: [
                ReportChange(formCode: "NAM", unitID: draft.wardA, period: .year(2026), status: .daDuyet)
            ])
        let after = World(
            snapshot: approved, city: draft.city, wardA: draft.wardA, wardB: draft.wardB, form: draft.form)

        let (assessed, target) = cityAssessment(after)
        XCTAssertFalse(assessed.restsOnUnapproved(target))
        XCTAssertEqual(cityAssessment(after, approvedOnly: true).1.verdict, .dat)
        XCTAssertNotEqual(approved.generations.of(draft.city), before.of(draft.city))
        XCTAssertEqual(approved.generations.of(draft.wardB), before.of(draft.wardB))
    }

    func testApprovedOnlyLeavesUnapprovedFiguresOut() {
        let draft = world(["A": .traLai])

        let all = cityAssessment(draft)
        let approvedOnly = cityAssessment(draft, approvedOnly: true)

        XCTAssertEqual(all.1.verdict, .dat)
        XCTAssertEqual(approvedOnly.1.verdict, .chuaCoSoLieu)
        XCTAssertFalse(approvedOnly.0.restsOnUnapproved(approvedOnly.1))
        XCTAssertEqual(draft.snapshot.approvedRollUp.figure("THU", unit: draft.wardA, period: .year(2026)), .missing)
        XCTAssertEqual(
            draft.snapshot.approvedRollUp.figure("THU", unit: draft.wardB, period: .year(2026)).figure?.number, 50)
    }

    func testStatesAreKeptByUnitAndPeriod() {
        let states = ReportStates(
            forms: [world().form],
            submissions: [report(unit: UnitID("90001"), .chuaNop), report(unit: UnitID("90002"), .daDuyet)])

        XCTAssertTrue(states.isUnapproved(ValueKey(indicatorCode: "THU", unitID: UnitID("90001"), period: .year(2026))))
        XCTAssertFalse(
            states.isUnapproved(ValueKey(indicatorCode: "THU", unitID: UnitID("90001"), period: .year(2025))))
        XCTAssertFalse(
            states.isUnapproved(ValueKey(indicatorCode: "KHAC", unitID: UnitID("90001"), period: .year(2026))))
        XCTAssertFalse(
            states.isUnapproved(ValueKey(indicatorCode: "THU", unitID: UnitID("90002"), period: .year(2026))))
        XCTAssertEqual(states.openCount, 1)
        let (next, changed) = states.applying([
            ReportChange(formCode: "NAM", unitID: UnitID("90001"), period: .year(2026), status: .daNop),
            ReportChange(formCode: "NAM", unitID: UnitID("90002"), period: .year(2026), status: .traLai),
        ])
        XCTAssertEqual(next.openCount, 2)
        XCTAssertEqual(changed, [ValueKey(indicatorCode: "THU", unitID: UnitID("90002"), period: .year(2026))])
    }
}
