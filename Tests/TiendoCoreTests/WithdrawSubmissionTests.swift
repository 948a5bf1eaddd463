import Foundation
import XCTest

@testable import TiendoCore

/// A unit takes back the report it submitted while nobody has reviewed it: the report is
/// editable again and the audit trail says so; once approved or returned it cannot be taken back.
final class WithdrawSubmissionTests: XCTestCase {
    static let reporter = Account(
        username: "phongdinh", displayName: "Cán bộ A", role: .baoCao, unitID: EnterFiguresTests.ward)

    static func withdrawal(_ account: Account = reporter) -> EnterFigures.Withdrawal {
        EnterFigures.Withdrawal(
            form: EnterFiguresTests.form, unit: EnterFiguresTests.ward, period: EnterFiguresTests.year,
            account: account, at: Date(timeIntervalSince1970: 1_800_000_000))
    }

    func testASubmittedReportIsWithdrawnEditableAgainAndAudited() async throws {
        let store = FakeEntryStore(forms: [EnterFiguresTests.form])
        _ = try await EnterFigures(store: store).run(
            EnterFiguresTests.command(
                [EnterFiguresTests.figure("HO_NGHEO", 30), EnterFiguresTests.figure("THU_NSNN", 255)], submit: true))

        let report = try await EnterFigures(store: store).withdraw(Self.withdrawal())

        XCTAssertEqual(report.status, .chuaNop)
        XCTAssertNil(report.submittedAt)
        XCTAssertEqual(store.submission(EnterFiguresTests.form.code).submission.status, .chuaNop)
        XCTAssertEqual(store.committed.events.map(\.kind), [.nopBaoCao, .rutLai])
        XCTAssertEqual(store.committed.events.last?.actor, "phongdinh")
        XCTAssertEqual(store.committed.events.last?.subject, "bao-cao:KTXH/PD@2000-01-01/2027")
        // Editable again: a figure changes, and the report can be submitted again.
        let outcome = try await EnterFigures(store: store).run(
            EnterFiguresTests.command([EnterFiguresTests.figure("HO_NGHEO", 28, seen: 1)], submit: true))
        XCTAssertEqual(outcome.updated, 1)
        XCTAssertTrue(outcome.submitted)
    }

    func testAnApprovedOrReturnedReportIsNotWithdrawnAndNothingIsWritten() async throws {
        let store = FakeEntryStore(forms: [EnterFiguresTests.form])
        try store.submitOutside(
            EnterFiguresTests.form.code, unit: EnterFiguresTests.ward, period: EnterFiguresTests.year)
        let submitted = store.submission(EnterFiguresTests.form.code).submission
        let approved = try SubmissionWorkflow.approve(submitted, by: "Tổng hợp", at: Date())
        let returned = try SubmissionWorkflow.giveBack(submitted, reason: "Sai số hộ", by: "Tổng hợp", at: Date())

        XCTAssertThrowsError(try SubmissionWorkflow.withdraw(approved, by: "Cán bộ A", at: Date())) { error in
            XCTAssertEqual(
                (error as? SubmissionWorkflow.Refusal)?.description,
                "Báo cáo đã được duyệt nên không rút lại được; số liệu đã khóa.")
        }
        XCTAssertThrowsError(try SubmissionWorkflow.withdraw(returned, by: "Cán bộ A", at: Date())) { error in
            XCTAssertEqual(
                (error as? SubmissionWorkflow.Refusal)?.description,
                "Báo cáo đã bị trả lại nên không cần rút lại; hãy sửa số liệu rồi nộp lại.")
        }
        XCTAssertThrowsError(
            try SubmissionWorkflow.withdraw(
                Submission(formCode: "KTXH", unitID: EnterFiguresTests.ward, period: EnterFiguresTests.year),
                by: "Cán bộ A", at: Date()))

        // Through the use case, a report approved before the withdrawal arrives stays approved.
        _ = try await ReviewSubmission(store: store).run(
            ReviewSubmission.Command(
                form: EnterFiguresTests.form, unit: EnterFiguresTests.ward, period: EnterFiguresTests.year,
                reviewer: Account(
                    username: "tonghop", displayName: "Tổng hợp", role: .tongHop, unitID: Account.everywhere),
                directory: UnitDirectory(versions: []), decision: .approve))
        do {
            try await EnterFigures(store: store).withdraw(Self.withdrawal())
            XCTFail("an approved report is locked")
        } catch let refusal as SubmissionWorkflow.Refusal {
            XCTAssertTrue(refusal.description.contains("đã được duyệt"), refusal.description)
        }
        XCTAssertEqual(store.submission(EnterFiguresTests.form.code).submission.status, .daDuyet)
        XCTAssertEqual(store.committed.events.map(\.kind), [.duyet], "the refusal records nothing")
    }

    func testOnlyAnAccountThatEntersFiguresWithdraws() async throws {
        let store = FakeEntryStore(forms: [EnterFiguresTests.form])
        try store.submitOutside(
            EnterFiguresTests.form.code, unit: EnterFiguresTests.ward, period: EnterFiguresTests.year)
        let reader = Account(username: "xem", displayName: "Người xem", role: .xem, unitID: EnterFiguresTests.ward)

        do {
            try await EnterFigures(store: store).withdraw(Self.withdrawal(reader))
            XCTFail("a reader does not withdraw")
        } catch let refusal as SubmissionWorkflow.Refusal {
            XCTAssertEqual(refusal.description, "Tài khoản Xem không được rút lại báo cáo đã nộp.")
        }
        XCTAssertEqual(store.submission(EnterFiguresTests.form.code).submission.status, .daNop)
        XCTAssertTrue(store.committed.events.isEmpty)
    }
}
