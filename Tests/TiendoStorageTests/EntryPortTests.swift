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

    func testAnUnusualFigureSavedWithANoteIsFlaggedInTheSameTransactionAndUnflaggedWhenCorrected() async throws {
        try await TestDatabases.forEach { name, store, _ in
            try await Self.setUp(store)
            let indicator = Indicator(code: "HO_NGHEO", name: "Số hộ nghèo", unitOfMeasure: "hộ", valueType: .count)
            let plan = EntryChecks.Plan(
                indicators: ["HO_NGHEO": indicator],
                references: [
                    "HO_NGHEO": EntryChecks.Reference(
                        history: (2021...2026).map { EntryChecks.PastFigure(.year($0), 30 + Double($0 % 2)) })
                ])
            var unusual = Self.draft(Self.ward, 300, seen: nil)
            unusual.checks = plan
            do {
                _ = try await EnterFigures(store: store).run(unusual)
                XCTFail("an unusual figure without a note was saved (\(name))")
            } catch is UnusualFigures {}
            let nothing = try await store.figureFlags(period: .year(2027))
            XCTAssertEqual(nothing, [], name)

            unusual.figures[0].value.note = "Sáp nhập thêm hai thôn từ xã bên cạnh"
            _ = try await EnterFigures(store: store).run(unusual)
            let flags = try await store.figureFlags(period: .year(2027), units: [Self.ward])
            XCTAssertEqual(flags.map(\.key.indicatorCode), ["HO_NGHEO"], name)
            XCTAssertEqual(flags.first?.number, 300, name)
            XCTAssertEqual(flags.first?.note, "Sáp nhập thêm hai thôn từ xã bên cạnh", name)
            XCTAssertEqual(flags.first?.findings.count, 1, name)
            let elsewhere = try await store.figureFlags(period: .year(2027), units: [Self.other])
            XCTAssertEqual(elsewhere, [], name)

            var corrected = Self.draft(Self.ward, 31, seen: 1)
            corrected.checks = plan
            _ = try await EnterFigures(store: store).run(corrected)
            let after = try await store.figureFlags(period: .year(2027))
            XCTAssertEqual(after, [], name)
        }
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

    func testADraftRacingASubmissionEitherLandsBeforeItOrIsRefused() async throws {
        try await TestDatabases.forEach { name, store, _ in
            try await Self.setUp(store)
            let form = ReportingForm(
                code: "HAI", name: "Hai chỉ tiêu", indicatorCodes: ["HO_NGHEO", "THU_NSNN"], unitIDs: [Self.ward],
                periodKind: .year, calendar: .statistical, deadline: DeadlineRule(workingDays: 5))
            try await store.importIndicators([
                Indicator(code: "THU_NSNN", name: "Thu ngân sách", unitOfMeasure: "tỷ đồng", decimals: 1)
            ])
            try await store.saveForm(form)
            func command(_ code: String, _ number: Double, seen: Int?, submit: Bool) -> EnterFigures.Command {
                EnterFigures.Command(
                    figures: [
                        EnterFigures.Figure(
                            IndicatorValue(
                                indicatorCode: code, unitID: Self.ward, period: .year(2027), number: number,
                                author: "Cán bộ", enteredAt: Date()),
                            basis: .seen(seen))
                    ], form: form, unit: Self.ward, period: .year(2027), submit: submit, actor: "phongdinh",
                    actorName: "Cán bộ", channel: .screen)
            }
            _ = try await EnterFigures(store: store).run(command("HO_NGHEO", 30, seen: nil, submit: false))
            _ = try await EnterFigures(store: store).run(command("THU_NSNN", 255, seen: nil, submit: false))
            // The draft reads the open report, then takes its time before writing; meanwhile a
            // colleague submits with the other figure.
            let slow = SlowEntryStore(store: store, delay: 400_000_000)
            let draft = Task { () -> Result<EntryOutcome, any Error> in
                do {
                    return .success(
                        try await EnterFigures(store: slow).run(command("HO_NGHEO", 31, seen: 1, submit: false)))
                } catch { return .failure(error) }
            }
            try await Task.sleep(nanoseconds: 100_000_000)
            // On PostgreSQL the colleague comes through other connections (a pool of its own, as
            // another server would); SQLite's in-memory database has only the one.
            var colleague = store
            var other: TiendoDatabase?
            if name == "PostgreSQL", let url = ProcessInfo.processInfo.environment["TIENDO_TEST_POSTGRES_URL"] {
                let database = try TiendoDatabase(location: .postgres(url))
                other = database
                colleague = TiendoStore(database: database.database)
            }
            let submitting = await Task {
                try await EnterFigures(store: colleague).run(command("THU_NSNN", 256, seen: 1, submit: true))
            }.result
            let submitted = Date()
            let result = await draft.value
            await other?.shutdown()
            _ = try submitting.get()

            if case .success = result {
                let written = try XCTUnwrap(slow.lastWrite, name)
                XCTAssertLessThan(written, submitted, "the draft wrote into a report already submitted (\(name))")
            } else if case .failure(let error) = result {
                XCTAssertTrue(error is LockedFigures, "\(error) (\(name))")
            }
            let report = try await store.submission(form: form.code, unit: Self.ward, period: .year(2027))
            XCTAssertEqual(report.submission.status, .daNop, name)
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

/// The store, with a pause before each figure is written: widens the gap between what an entry
/// reads and what it writes, as a slow request would.
final class SlowEntryStore: FigureEntryStore, @unchecked Sendable {
    let store: TiendoStore
    let delay: UInt64
    private let lock = NSLock()
    private var written: Date?

    init(store: TiendoStore, delay: UInt64) {
        self.store = store
        self.delay = delay
    }

    /// When a figure was last written.
    var lastWrite: Date? { lock.withLock { written } }

    func wrote() { lock.withLock { written = Date() } }

    func inEntryTransaction<T: Sendable>(
        _ body: @escaping @Sendable (any FigureEntryTransaction) async throws -> T
    ) async throws -> T {
        try await store.inEntryTransaction { tx in try await body(Slow(tx: tx, owner: self)) }
    }

    func recordFiguresInBatches(
        _ values: [IndicatorValue],
        checkingEach check:
            @escaping @Sendable (any FigureEntryTransaction, ArraySlice<IndicatorValue>) async throws
            -> Void
    ) async throws -> EntryOutcome {
        try await store.recordFiguresInBatches(values, checkingEach: check)
    }

    struct Slow: FigureEntryTransaction {
        let tx: any FigureEntryTransaction
        let owner: SlowEntryStore

        func forms() async throws -> [ReportingForm] { try await tx.forms() }
        func submissions(units: Set<UnitID>, periods: Set<Period>) async throws -> [StoredSubmission] {
            try await tx.submissions(units: units, periods: periods)
        }
        func figures(unit: UnitID, period: Period) async throws -> [IndicatorValue] {
            try await tx.figures(unit: unit, period: period)
        }
        func saveFigure(_ value: IndicatorValue, expectedVersion: Int?) async throws -> IndicatorValue {
            try await Task.sleep(nanoseconds: owner.delay)
            owner.wrote()
            return try await tx.saveFigure(value, expectedVersion: expectedVersion)
        }
        func saveSubmission(_ submission: Submission, expectedVersion: Int) async throws -> Int {
            try await tx.saveSubmission(submission, expectedVersion: expectedVersion)
        }
        func replaceFlags(_ flags: [FigureFlag], clearing: [ValueKey]) async throws {
            try await tx.replaceFlags(flags, clearing: clearing)
        }
        func record(_ event: AuditTrail.Event) async throws { try await tx.record(event) }
    }
}
