import Foundation
import TiendoCore
import TiendoStorage
import TiendoTestSupport
import XCTest

/// The store as Core's entry port: `EnterFigures` and `ReviewSubmission` on SQLite and (when
/// configured) PostgreSQL — the lock read inside the write's own transaction, and each batch of
/// a large file checked in its own.
final class EntryPortTests: XCTestCase {
    static let reform = CivilDate(2025, 7, 1)
    static let ward = UnitID(code: "19831", validFrom: reform)
    static let other = UnitID(code: "19832", validFrom: reform)
    static let form = ReportingForm(
        code: "KTXH", name: "Báo cáo kinh tế - xã hội", indicatorCodes: ["HO_NGHEO"], unitIDs: [ward, other],
        periodKind: .year, calendar: .statistical, deadline: DeadlineRule(workingDays: 5))

    static func setUp(_ store: TiendoStore) async throws {
        try await store.importUnitVersions([
            UnitVersion(
                unitID: ward, code: "19831", name: "Phong Dinh", kind: .phuong, parentID: nil, validFrom: reform),
            UnitVersion(
                unitID: other, code: "19832", name: "An Cựu", kind: .phuong, parentID: nil, validFrom: reform),
        ])
        try await store.importIndicators([
            Indicator(
                code: "HO_NGHEO", name: "Số hộ nghèo", unitOfMeasure: "hộ", decimals: 0, valueType: .count,
                space: .sum, time: .last)
        ])
        try await store.saveForm(form)
    }

    static func draft(_ unit: UnitID, _ number: Double, seen: Int?) -> EnterFigures.Command {
        EnterFigures.Command(
            figures: [
                EnterFigures.Figure(
                    IndicatorValue(
                        indicatorCode: "HO_NGHEO", unitID: unit, period: .year(2027), number: number,
                        author: "Cán bộ A", enteredAt: Date()),
                    basis: .seen(seen))
            ], form: form, unit: unit, period: .year(2027), actor: "phongdinh", actorName: "Cán bộ A",
            channel: .screen)
    }

    func testADraftSavedAfterTheReportWasSubmittedMeanwhileIsRefusedAndNotWritten() async throws {
        try await TestDatabases.forEach { name, store, _ in
            try await Self.setUp(store)
            _ = try await EnterFigures(store: store).run(Self.draft(Self.ward, 30, seen: nil))
            // The officer's page was read while the report was still open …
            let seen = try await store.submission(form: Self.form.code, unit: Self.ward, period: .year(2027))
            XCTAssertEqual(seen.submission.status, .chuaNop, name)
            // … and a colleague submits it before the officer's save arrives.
            try await store.saveSubmission(
                try SubmissionWorkflow.submit(seen.submission, by: "Cán bộ B", at: Date()),
                expectedVersion: seen.version)

            do {
                _ = try await EnterFigures(store: store).run(Self.draft(Self.ward, 31, seen: 1))
                XCTFail("a draft must not land in a submitted report (\(name))")
            } catch let locked as LockedFigures {
                XCTAssertEqual(locked.description, "Báo cáo đã nộp và đang chờ duyệt; không sửa được số liệu.", name)
            }

            let stored = try await store.values().reported(
                ValueKey(indicatorCode: "HO_NGHEO", unitID: Self.ward, period: .year(2027)))
            XCTAssertEqual(stored?.number, 30, name)
            let events = try await store.events(subject: "bao-cao:KTXH/\(Self.ward.rawValue)/2027")
            XCTAssertEqual(events.map(\.action), ["luu-nhap"], name)
            XCTAssertEqual(events.map(\.kind), [.luuNhap], name)
        }
    }

    func testAReviewIsRecordedInTheSameTransactionAsTheMove() async throws {
        try await TestDatabases.forEach { name, store, _ in
            try await Self.setUp(store)
            var submit = Self.draft(Self.ward, 30, seen: nil)
            submit.submit = true
            _ = try await EnterFigures(store: store).run(submit)
            let reviewer = Account(
                username: "tonghop", displayName: "Tổng hợp", role: .tongHop, unitID: Account.everywhere)
            let directory = try await store.directory()

            try await ReviewSubmission(store: store).run(
                ReviewSubmission.Command(
                    form: Self.form, unit: Self.ward, period: .year(2027), reviewer: reviewer, directory: directory,
                    decision: .approve))
            do {
                try await ReviewSubmission(store: store).run(
                    ReviewSubmission.Command(
                        form: Self.form, unit: Self.ward, period: .year(2027), reviewer: reviewer,
                        directory: directory, decision: .giveBack(reason: "Sai")))
                XCTFail("an approved report is not returned (\(name))")
            } catch is SubmissionWorkflow.Refusal {}

            let stored = try await store.submission(form: Self.form.code, unit: Self.ward, period: .year(2027))
            XCTAssertEqual(stored.submission.status, .daDuyet, name)
            let events = try await store.events(subject: "bao-cao:KTXH/\(Self.ward.rawValue)/2027")
            XCTAssertEqual(events.map(\.action), ["nop-bao-cao", "duyet"], name)
        }
    }

    func testEveryBatchOfAFileChecksTheLockInItsOwnTransaction() async throws {
        try await TestDatabases.forEach { name, store, _ in
            try await Self.setUp(store)
            let stored = try await store.submission(form: Self.form.code, unit: Self.other, period: .year(2027))
            try await store.saveSubmission(
                try SubmissionWorkflow.submit(stored.submission, by: "Cán bộ B", at: Date()),
                expectedVersion: stored.version)
            let values = [Self.ward, Self.other].map { unit in
                IndicatorValue(indicatorCode: "HO_NGHEO", unitID: unit, period: .year(2027), number: 12)
            }

            do {
                _ = try await EnterFigures(store: store).runInBatches(values, actor: "tonghop", subject: "tep:a.csv")
                XCTFail("a locked figure in a batch must be refused (\(name))")
            } catch let locked as LockedFigures {
                XCTAssertEqual(locked.figures.map(\.key.unitID), [Self.other], name)
                XCTAssertTrue(locked.description.hasPrefix("Báo cáo đã nộp"), locked.description)
            }

            let after = try await store.values().all
            XCTAssertTrue(after.isEmpty, "the batch holding the locked figure wrote nothing (\(name))")
            let unlocked = try await EnterFigures(store: store).runInBatches(
                Array(values.prefix(1)), actor: "tonghop", subject: "tep:b.csv")
            XCTAssertEqual(unlocked, EntryOutcome(inserted: 1), name)
            let events = try await store.events(subject: "tep:b.csv")
            XCTAssertEqual(events.map(\.kind), [.nhapCSV], name)
            XCTAssertEqual(events.first?.detail, "1 số liệu mới, 0 số liệu thay đổi", name)
        }
    }
}
