import Foundation
import XCTest

@testable import TiendoCore

/// The reporting calendar: deadline rules (working days, a fixed day, lower levels earlier),
/// which periods a unit is asked for, and the timeliness board.
final class ReportingScheduleTests: XCTestCase {
    static let province = UnitVersion(
        unitID: UnitID("P"), code: "P", name: "Cần Thơ", kind: .thanhPhoTrucThuoc, parentID: nil,
        validFrom: CivilDate(2025, 7, 1))
    /// Created by the 2025 reform.
    static let ward = UnitVersion(
        unitID: UnitID("W"), code: "W", name: "Phong Điền", kind: .phuong, parentID: UnitID("P"),
        validFrom: CivilDate(2025, 7, 1))
    /// Merged away on 1 July 2025.
    static let oldTown = UnitVersion(
        unitID: UnitID("T"), code: "T", name: "Phong Điền cũ", kind: .thiTran, parentID: nil,
        validFrom: CivilDate(2000, 1, 1), validTo: CivilDate(2025, 6, 30))
    static let directory = UnitDirectory(versions: [province, ward, oldTown])

    static func form(_ rule: DeadlineRule, kind: Period.Kind = .quarter, calendar: ReportingCalendar = .statistical)
        -> ReportingForm
    {
        ReportingForm(
            code: "Q", name: "Báo cáo quý", indicatorCodes: ["A"],
            unitIDs: [province.unitID, ward.unitID, oldTown.unitID],
            periodKind: kind, calendar: calendar, deadline: rule)
    }

    func testWorkingDaysAfterTheCutOffAndLowerLevelsEarlier() {
        // 30/9/2025 is a Tuesday: five working days later is Tuesday 7/10.
        let rule = DeadlineRule(basis: .workingDays, days: 5, lowerLevelLeadDays: 2)
        XCTAssertEqual(rule.deadline(for: .quarter(2025, 3), calendar: .statistical), CivilDate(2025, 10, 7))
        XCTAssertEqual(
            rule.deadline(for: .quarter(2025, 3), calendar: .statistical, unitKind: .thanhPhoTrucThuoc),
            CivilDate(2025, 10, 7))
        // A ward: two working days earlier, over the weekend (Mon 6, Fri 3).
        XCTAssertEqual(
            rule.deadline(for: .quarter(2025, 3), calendar: .statistical, unitKind: .phuong), CivilDate(2025, 10, 3))
        // Never before the cut-off itself.
        let tight = DeadlineRule(basis: .workingDays, days: 1, lowerLevelLeadDays: 10)
        XCTAssertEqual(
            tight.deadline(for: .quarter(2025, 3), calendar: .statistical, unitKind: .xa), CivilDate(2025, 9, 30))
    }

    func testAFixedDayIsTheFirstSuchDayAfterTheCutOffClampedToTheMonth() {
        // The administrative calendar cuts the fourth quarter on 14/12: due the 18th of December.
        let eighteenth = DeadlineRule(basis: .dayOfMonth, days: 18)
        XCTAssertEqual(eighteenth.deadline(for: .quarter(2026, 4), calendar: .administrative), CivilDate(2026, 12, 18))
        // The statistical calendar cuts on 31/12: the 18th of January.
        XCTAssertEqual(eighteenth.deadline(for: .quarter(2026, 4), calendar: .statistical), CivilDate(2027, 1, 18))
        // The 30th after a cut-off of 31 January is the last day of February.
        let thirtieth = DeadlineRule(basis: .dayOfMonth, days: 30)
        XCTAssertEqual(thirtieth.deadline(for: .month(2027, 1), calendar: .statistical), CivilDate(2027, 2, 28))
        XCTAssertEqual(thirtieth.deadline(for: .month(2028, 1), calendar: .statistical), CivilDate(2028, 2, 29))
        // The cut-off day itself is not "after" it: the 14th after a cut-off on the 14th is next month's.
        let fourteenth = DeadlineRule(basis: .dayOfMonth, days: 14)
        XCTAssertEqual(fourteenth.deadline(for: .month(2026, 3), calendar: .administrative), CivilDate(2026, 4, 14))
        // A day out of range saved by an older version is clamped, never a trap.
        XCTAssertEqual(
            DeadlineRule(basis: .dayOfMonth, days: 99).deadline(for: .month(2026, 4), calendar: .statistical),
            CivilDate(2026, 5, 31))
        XCTAssertEqual(
            DeadlineRule(basis: .dayOfMonth, days: -5).deadline(for: .month(2026, 4), calendar: .statistical),
            CivilDate(2026, 5, 1))
    }

    func testProblemsAreNamedInVietnamese() {
        XCTAssertEqual(DeadlineRule(workingDays: 10).problems, [])
        XCTAssertEqual(DeadlineRule(basis: .dayOfMonth, days: 18, lowerLevelLeadDays: 2).problems, [])
        XCTAssertEqual(
            DeadlineRule(workingDays: 61).problems, ["Hạn nộp phải là số ngày làm việc từ 0 đến 60."])
        XCTAssertEqual(DeadlineRule(basis: .dayOfMonth, days: 0).problems, ["Ngày nộp cố định phải từ 1 đến 31."])
        XCTAssertEqual(
            DeadlineRule(basis: .dayOfMonth, days: 5, lowerLevelLeadDays: -1).problems,
            ["Số ngày cấp dưới nộp sớm hơn phải từ 0 đến 30 ngày làm việc."])
        XCTAssertEqual(
            DeadlineRule(basis: .dayOfMonth, days: 18, lowerLevelLeadDays: 2).vietnameseDescription,
            "ngày 18 sau ngày chốt số liệu; cấp dưới nộp sớm hơn 2 ngày làm việc")
    }

    func testAUnitIsAskedOnlyForPeriodsThatBeganAndThatItExistedAtTheEndOf() {
        let form = Self.form(DeadlineRule(workingDays: 5))
        let today = CivilDate(2026, 12, 7)
        // The ward (from 1/7/2025): third quarter of 2025 to the fourth of 2026, nothing of 2027.
        XCTAssertEqual(
            ReportingSchedule.reportsDue(on: form, by: Self.ward.unitID, in: Self.directory, today: today).map(
                \.period),
            [
                .quarter(2025, 3), .quarter(2025, 4), .quarter(2026, 1), .quarter(2026, 2), .quarter(2026, 3),
                .quarter(2026, 4),
            ])
        // The town merged away on 1/7/2025 owes only the quarters it lived to the end of.
        XCTAssertEqual(
            ReportingSchedule.reportsDue(on: form, by: Self.oldTown.unitID, in: Self.directory, today: today).map(
                \.period),
            [.quarter(2025, 1), .quarter(2025, 2)])
        // A unit the form does not list owes nothing.
        let other = ReportingForm(
            code: "X", name: "Khác", indicatorCodes: ["A"], unitIDs: [Self.province.unitID], periodKind: .quarter,
            calendar: .statistical, deadline: DeadlineRule(workingDays: 5))
        XCTAssertEqual(
            ReportingSchedule.reportsDue(on: other, by: Self.ward.unitID, in: Self.directory, today: today), [])
        // The first day of a period counts as begun.
        XCTAssertEqual(
            ReportingSchedule.reportsDue(
                on: form, by: Self.ward.unitID, in: Self.directory, today: CivilDate(2026, 10, 1)
            )
            .last?.period, .quarter(2026, 4))
        XCTAssertEqual(
            ReportingSchedule.reportsDue(
                on: form, by: Self.ward.unitID, in: Self.directory, today: CivilDate(2026, 9, 30)
            )
            .last?.period, .quarter(2026, 3))
    }

    func testTimelinessJudgesTheDayOfSubmissionInVietnam() throws {
        let deadline = CivilDate(2025, 10, 7)
        var submission = Submission(formCode: "Q", unitID: Self.ward.unitID, period: .quarter(2025, 3))
        XCTAssertEqual(
            ReportingSchedule.timeliness(of: submission, deadline: deadline, today: CivilDate(2025, 10, 7)), .notYetDue)
        XCTAssertEqual(
            ReportingSchedule.timeliness(of: submission, deadline: deadline, today: CivilDate(2025, 10, 8)), .missing)
        // 23:30 on 7/10 in Vietnam is 16:30 UTC: on time.
        submission.status = .daNop
        submission.submittedAt = try XCTUnwrap(ISO8601DateFormatter().date(from: "2025-10-07T16:30:00Z"))
        XCTAssertEqual(
            ReportingSchedule.timeliness(of: submission, deadline: deadline, today: CivilDate(2025, 12, 1)), .onTime)
        // 00:30 on 8/10 in Vietnam is 17:30 UTC on 7/10: late.
        submission.submittedAt = try XCTUnwrap(ISO8601DateFormatter().date(from: "2025-10-07T17:30:00Z"))
        XCTAssertEqual(
            ReportingSchedule.timeliness(of: submission, deadline: deadline, today: CivilDate(2025, 12, 1)), .late)
        XCTAssertTrue(submission.isLate(deadline: deadline, today: CivilDate(2025, 12, 1)))
        // Withdrawn (back to chưa nộp): not in.
        submission.status = .chuaNop
        XCTAssertEqual(
            ReportingSchedule.timeliness(of: submission, deadline: deadline, today: CivilDate(2025, 10, 1)), .notYetDue)
    }

    func testTheBoardCountsOnlyWhatWasAskedAndRatesOnlyWhatIsJudged() throws {
        let form = Self.form(DeadlineRule(workingDays: 5))
        let today = CivilDate(2026, 1, 5)  // Q4 2025 is due on 7/1/2026: not yet.
        let periods: [Period] = [.quarter(2025, 4), .quarter(2025, 3), .quarter(2025, 2)]
        let onTime = try XCTUnwrap(ISO8601DateFormatter().date(from: "2025-10-02T03:00:00Z"))
        let late = try XCTUnwrap(ISO8601DateFormatter().date(from: "2025-10-20T03:00:00Z"))
        func submitted(_ unit: UnitID, _ period: Period, at time: Date) -> Submission {
            var s = Submission(formCode: "Q", unitID: unit, period: period)
            s.status = .daDuyet
            s.submittedAt = time
            return s
        }
        let board = TimelinessBoard(
            form: form, periods: periods, units: [Self.province, Self.ward, Self.oldTown],
            submissions: [
                .quarter(2025, 3): [
                    Self.province.unitID: submitted(Self.province.unitID, .quarter(2025, 3), at: late),
                    Self.ward.unitID: submitted(Self.ward.unitID, .quarter(2025, 3), at: onTime),
                ]
            ], directory: Self.directory, today: today)
        // Q4 2025: the city and the ward are asked, not yet due.
        XCTAssertEqual(board.periods[0].counts.asked, 2)
        XCTAssertEqual(board.periods[0].counts.notYetDue, 2)
        XCTAssertNil(board.periods[0].counts.onTimeRate)
        // Q3 2025: one on time, one late.
        XCTAssertEqual(board.periods[1].counts.onTime, 1)
        XCTAssertEqual(board.periods[1].counts.late, 1)
        XCTAssertEqual(board.periods[1].counts.onTimeRate, 0.5)
        XCTAssertEqual(board.periods[1].counts.completeRate, 1)
        // Q2 2025: only the old town existed at its end, and it never reported.
        XCTAssertEqual(board.periods[2].counts.asked, 1)
        XCTAssertEqual(board.periods[2].counts.missing, 1)
        XCTAssertEqual(board.units[1].cells, [.notYetDue, .onTime, nil])
        XCTAssertEqual(board.units[2].cells, [nil, nil, .missing])
        XCTAssertEqual(board.total.asked, 5)
        XCTAssertEqual(board.total.judged, 3)
    }

    func testARuleWrittenBeforeFixedDaysStillReads() throws {
        let old = try JSONDecoder().decode(DeadlineRule.self, from: Data(#"{"workingDays":7}"#.utf8))
        XCTAssertEqual(old, DeadlineRule(workingDays: 7))
        let rule = DeadlineRule(basis: .dayOfMonth, days: 18, lowerLevelLeadDays: 3)
        XCTAssertEqual(try JSONDecoder().decode(DeadlineRule.self, from: JSONEncoder().encode(rule)), rule)
    }
}

/// "Việc của tôi", the reports part: what a ward must submit or correct, what a reviewer must review.
final class ReportWorkTests: XCTestCase {
    typealias S = ReportingScheduleTests

    func testAWardSeesItsOverdueAndReturnedReportsAndTheCitySeesWhatWaitsForReview() throws {
        let form = S.form(DeadlineRule(workingDays: 5))
        let today = CivilDate(2026, 1, 5)
        var returned = Submission(formCode: "Q", unitID: S.ward.unitID, period: .quarter(2025, 3))
        returned.status = .traLai
        returned.submittedAt = try XCTUnwrap(ISO8601DateFormatter().date(from: "2025-10-02T03:00:00Z"))
        returned.returnReason = "Thu ngân sách chưa khớp với Kho bạc"
        var waiting = Submission(formCode: "Q", unitID: S.ward.unitID, period: .quarter(2025, 4))
        waiting.status = .daNop
        waiting.submittedAt = try XCTUnwrap(ISO8601DateFormatter().date(from: "2026-01-02T03:00:00Z"))
        waiting.submittedBy = "phongdinh"
        let wardAccount = Account(username: "phuong", displayName: "Phường", role: .baoCao, unitID: S.ward.unitID)
        let cityAccount = Account(username: "tp", displayName: "Thành phố", role: .tongHop, unitID: S.province.unitID)

        let ward = ReportWork(
            account: wardAccount, forms: [form], submissions: ["Q": [returned, waiting]], directory: S.directory,
            today: today)
        XCTAssertEqual(
            ward.toSubmit.map(\.period), [], "Q3 returned, Q4 submitted, Q1 2026 still running: nothing to submit")
        XCTAssertEqual(ward.returned.map(\.period), [.quarter(2025, 3)])
        XCTAssertEqual(ward.toReview, [], "a reporter reviews nothing")
        XCTAssertTrue(ward.plainText().contains("lý do: Thu ngân sách chưa khớp với Kho bạc"))

        let withdrawn = ReportWork(
            account: wardAccount, forms: [form], submissions: ["Q": [returned]], directory: S.directory,
            today: today)
        XCTAssertEqual(withdrawn.toSubmit.map(\.period), [.quarter(2025, 4)])
        XCTAssertEqual(withdrawn.toSubmit.first?.whenText, "còn 2 ngày")

        let city = ReportWork(
            account: cityAccount, forms: [form], submissions: ["Q": [returned, waiting]], directory: S.directory,
            today: today)
        XCTAssertEqual(city.toReview.map(\.period), [.quarter(2025, 4)])
        // The city owes its own reports too: Q3 past due, Q4 not yet.
        XCTAssertEqual(city.toSubmit.map(\.period), [.quarter(2025, 3), .quarter(2025, 4)])
        XCTAssertEqual(city.toSubmit.first?.timeliness, .missing)
        XCTAssertEqual(city.count, 3)
        XCTAssertTrue(city.plainText().contains("Báo cáo chờ duyệt: 1"))
    }
}
