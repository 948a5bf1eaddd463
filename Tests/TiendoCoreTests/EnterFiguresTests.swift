import Foundation
import XCTest

@testable import TiendoCore

/// The one use case for entering figures, against a store kept in memory: its rules run inside
/// the store's transaction, so a report submitted by someone else just before the write is seen.
final class EnterFiguresTests: XCTestCase {
    static let ward = UnitID("PD@2000-01-01")
    static let city = UnitID("CT@2000-01-01")
    static let year = Period.year(2027)
    static let form = ReportingForm(
        code: "KTXH", name: "Báo cáo kinh tế - xã hội", indicatorCodes: ["HO_NGHEO", "THU_NSNN"],
        unitIDs: [ward], periodKind: .year, calendar: .statistical, deadline: DeadlineRule(workingDays: 5))
    static let partyForm = ReportingForm(
        code: "XDD", name: "Báo cáo xây dựng Đảng", indicatorCodes: ["DANG_VIEN_MOI", "HO_NGHEO"],
        unitIDs: [ward], periodKind: .year, calendar: .statistical, deadline: DeadlineRule(workingDays: 5))

    static func figure(_ code: String, _ number: Double, seen: Int? = nil) -> EnterFigures.Figure {
        EnterFigures.Figure(
            IndicatorValue(
                indicatorCode: code, unitID: ward, period: year, number: number, author: "Cán bộ A",
                enteredAt: Date(timeIntervalSince1970: 1_800_000_000)),
            basis: .seen(seen))
    }

    static func command(
        _ figures: [EnterFigures.Figure], form: ReportingForm? = form, submit: Bool = false,
        channel: EnterFigures.Channel = .screen
    ) -> EnterFigures.Command {
        EnterFigures.Command(
            figures: figures, form: form, unit: ward, period: year, submit: submit, actor: "phongdinh",
            actorName: "Cán bộ A", channel: channel, at: Date(timeIntervalSince1970: 1_800_000_000))
    }

    func testADraftIntoAReportSubmittedAfterThePageWasReadIsRefusedInsideTheTransaction() async throws {
        let store = FakeEntryStore(forms: [Self.form])
        let seenByThePage = store.submission(Self.form.code)
        XCTAssertEqual(seenByThePage.submission.status, .chuaNop)
        try store.submitOutside(Self.form.code, unit: Self.ward, period: Self.year)

        do {
            _ = try await EnterFigures(store: store).run(Self.command([Self.figure("HO_NGHEO", 30)]))
            XCTFail("a draft must not land in a report submitted meanwhile")
        } catch let locked as LockedFigures {
            XCTAssertEqual(locked.description, "Báo cáo đã nộp và đang chờ duyệt; không sửa được số liệu.")
        }

        XCTAssertTrue(store.committed.figures.isEmpty, "nothing is written")
        XCTAssertTrue(store.committed.events.isEmpty)
        let log = store.log
        let begin = try XCTUnwrap(log.firstIndex(of: "begin"))
        let lockRead = try XCTUnwrap(log.firstIndex(of: "submissions"))
        XCTAssertLessThan(begin, lockRead, "the lock is read inside the transaction: \(log)")
        XCTAssertEqual(log.last, "rollback")
    }

    func testAFigureHeldByAnotherFormsReportIsLockedAndTheFormNamed() async throws {
        let store = FakeEntryStore(forms: [Self.form, Self.partyForm])
        try store.submitOutside(Self.partyForm.code, unit: Self.ward, period: Self.year)

        do {
            _ = try await EnterFigures(store: store).run(Self.command([Self.figure("HO_NGHEO", 30)]))
            XCTFail("a figure of a submitted report of another form is locked too")
        } catch let locked as LockedFigures {
            XCTAssertEqual(
                locked.description,
                "Báo cáo đã nộp và đang chờ duyệt; không sửa được số liệu. (biểu mẫu “Báo cáo xây dựng Đảng”)")
        }
        // A figure that report does not hold may still change.
        let outcome = try await EnterFigures(store: store).run(Self.command([Self.figure("THU_NSNN", 255)]))
        XCTAssertEqual(outcome, EntryOutcome(inserted: 1))
    }

    func testSubmittingWritesTheFiguresTheReportAndOneAuditEntryTogether() async throws {
        let store = FakeEntryStore(forms: [Self.form])

        let outcome = try await EnterFigures(store: store).run(
            Self.command([Self.figure("HO_NGHEO", 30), Self.figure("THU_NSNN", 255)], submit: true))

        XCTAssertEqual(outcome, EntryOutcome(inserted: 2, submitted: true))
        XCTAssertEqual(store.committed.figures.count, 2)
        XCTAssertEqual(store.submission(Self.form.code).submission.status, .daNop)
        XCTAssertEqual(store.submission(Self.form.code).submission.submittedBy, "Cán bộ A")
        XCTAssertEqual(store.committed.events.map(\.kind), [.nopBaoCao])
        XCTAssertEqual(store.committed.events.first?.subject, "bao-cao:KTXH/PD@2000-01-01/2027")
        XCTAssertEqual(
            store.committed.events.first?.detail, "2 số liệu thay đổi: HO_NGHEO: mới 30; THU_NSNN: mới 255")
    }

    func testAnIncompleteReportIsNotSubmittedAndNothingIsWritten() async throws {
        let store = FakeEntryStore(forms: [Self.form])

        do {
            _ = try await EnterFigures(store: store).run(Self.command([Self.figure("HO_NGHEO", 30)], submit: true))
            XCTFail("an incomplete report must be refused")
        } catch let refusal as SubmissionWorkflow.Refusal {
            XCTAssertTrue(
                refusal.description.contains("Còn 1 chỉ tiêu chưa có số liệu (THU_NSNN)"), refusal.description)
        }
        XCTAssertTrue(store.committed.figures.isEmpty)
        XCTAssertEqual(store.submission(Self.form.code).submission.status, .chuaNop)
    }

    func testTheSameFiguresAgainChangeNothingEvenOnceTheReportIsLocked() async throws {
        let store = FakeEntryStore(forms: [Self.form])
        _ = try await EnterFigures(store: store).run(Self.command([Self.figure("HO_NGHEO", 30)]))
        try store.submitOutside(Self.form.code, unit: Self.ward, period: Self.year)
        let eventsBefore = store.committed.events.count

        let again = try await EnterFigures(store: store).run(Self.command([Self.figure("HO_NGHEO", 30, seen: 1)]))

        XCTAssertEqual(again, EntryOutcome(unchanged: 1))
        XCTAssertEqual(again.figures.map(\.version), [1], "the stored figure, as it is")
        XCTAssertEqual(store.committed.events.count, eventsBefore, "no audit entry for nothing")
    }

    func testSomeoneElsesSaveOfTheSameFigureIsAConflictWithTheirValue() async throws {
        let store = FakeEntryStore(forms: [Self.form])
        _ = try await EnterFigures(store: store).run(Self.command([Self.figure("HO_NGHEO", 30)]))

        do {
            // The page showed no figure yet (seen nil), but one was saved meanwhile.
            _ = try await EnterFigures(store: store).run(Self.command([Self.figure("HO_NGHEO", 31)]))
            XCTFail("a lost update")
        } catch let conflict as ValueConflict {
            XCTAssertEqual(conflict.current.number, 30)
        }
        XCTAssertEqual(store.committed.figures.values.map(\.number), [30])
    }

    func testAReportChangedBetweenTheReadAndTheWriteUndoesTheFiguresToo() async throws {
        let store = FakeEntryStore(forms: [Self.form])
        // Another reviewer's move lands while this transaction writes (a database without a
        // write lock): the compare-and-set on the report's version refuses it.
        store.failNextSubmissionSave = true

        do {
            _ = try await EnterFigures(store: store).run(
                Self.command([Self.figure("HO_NGHEO", 30), Self.figure("THU_NSNN", 255)], submit: true))
            XCTFail("the report changed meanwhile")
        } catch is SubmissionConflict {}

        XCTAssertTrue(store.committed.figures.isEmpty, "the figures are undone with the report")
        XCTAssertTrue(store.committed.events.isEmpty)
    }

    func testAFileMadeBeforeSomeoneChangedAFigureIsRefused() async throws {
        let store = FakeEntryStore(forms: [Self.form])
        _ = try await EnterFigures(store: store).run(Self.command([Self.figure("HO_NGHEO", 30)]))
        var upload = Self.command(
            [EnterFigures.Figure(Self.figure("HO_NGHEO", 28).value, basis: .stored)],
            channel: .file("tệp Excel phong-dinh.xlsx"))
        upload.fileVersions = ["HO_NGHEO": .version(0), "THU_NSNN": .version(0)]

        do {
            _ = try await EnterFigures(store: store).run(upload)
            XCTFail("the file would put back an older figure")
        } catch let stale as StaleFigures {
            XCTAssertEqual(stale.figures.map(\.now.number), [30])
        }
        upload.fileVersions = ["HO_NGHEO": .version(1)]
        let outcome = try await EnterFigures(store: store).run(upload)
        XCTAssertEqual(outcome, EntryOutcome(updated: 1))
        XCTAssertEqual(
            store.committed.events.last?.detail, "1 số liệu thay đổi (tệp Excel phong-dinh.xlsx): HO_NGHEO: 30 → 28")
    }

    func testAnAPIWriteIsAuditedAsAFigureWithItsNewVersion() async throws {
        let store = FakeEntryStore(forms: [Self.form])
        let indicator = Indicator(
            code: "THU_NSNN", name: "Thu ngân sách", unitOfMeasure: "tỷ đồng", decimals: 1, valueType: .number,
            space: .sum, time: .sum)

        let outcome = try await EnterFigures(store: store).run(
            Self.command(
                [Self.figure("THU_NSNN", 1_234.5)], form: nil, channel: .api(tokenName: "may-chu", indicator: indicator)
            ))

        XCTAssertEqual(outcome.figures.map(\.version), [1])
        let event = try XCTUnwrap(store.committed.events.last)
        XCTAssertEqual(event.kind, .apiGhiSoLieu)
        XCTAssertEqual(event.subject, "so-lieu:THU_NSNN/PD@2000-01-01/2027")
        XCTAssertEqual(event.detail, "Qua API (mã “may-chu”): 1.234,5, chính thức, phiên bản 1")
    }

    func testEachBatchOfAFileChecksTheLockInsideItsOwnTransaction() async throws {
        let store = FakeEntryStore(forms: [Self.form], batchSize: 2)
        let other = UnitID("AN@2000-01-01")
        let values = [(Self.ward, Period.year(2026)), (Self.ward, .year(2026)), (other, Self.year), (other, Self.year)]
            .enumerated().map { index, place in
                IndicatorValue(
                    indicatorCode: index % 2 == 0 ? "HO_NGHEO" : "THU_NSNN", unitID: place.0, period: place.1,
                    number: Double(index))
            }
        // The second unit's report is submitted while the first batch goes in.
        store.beforeBatch = { number in
            if number == 1 { try? store.submitOutside(Self.form.code, unit: other, period: Self.year) }
        }

        do {
            _ = try await EnterFigures(store: store).runInBatches(values, actor: "phongdinh", subject: "tep:a.csv")
            XCTFail("a batch holding a locked figure must be refused")
        } catch let locked as LockedFigures {
            XCTAssertEqual(Set(locked.figures.map(\.key.unitID)), [other])
        }
        XCTAssertEqual(store.committed.figures.count, 2, "the first batch stays stored; the locked one is not written")
        XCTAssertTrue(store.log.contains("batch 1: submissions"), store.log.joined(separator: ", "))
    }

    func testAReportIsReviewedByTheLevelAboveOnly() async throws {
        let directory = UnitDirectory(versions: [
            UnitVersion(
                unitID: Self.city, code: "CT", name: "Thành phố", kind: .thanhPhoTrucThuoc, parentID: nil,
                validFrom: CivilDate(2000, 1, 1), validTo: nil),
            UnitVersion(
                unitID: Self.ward, code: "PD", name: "Phường Phong Dinh", kind: .phuong, parentID: Self.city,
                validFrom: CivilDate(2000, 1, 1), validTo: nil),
        ])
        let store = FakeEntryStore(forms: [Self.form])
        try store.submitOutside(Self.form.code, unit: Self.ward, period: Self.year)
        let wardAdmin = Account(username: "qt-pd", displayName: "Quản trị phường", role: .quanTri, unitID: Self.ward)
        let cityReviewer = Account(username: "tonghop", displayName: "Tổng hợp TP", role: .tongHop, unitID: Self.city)
        func review(_ account: Account, _ decision: ReviewSubmission.Decision) -> ReviewSubmission.Command {
            ReviewSubmission.Command(
                form: Self.form, unit: Self.ward, period: Self.year, reviewer: account, directory: directory,
                decision: decision)
        }

        do {
            try await ReviewSubmission(store: store).run(review(wardAdmin, .approve))
            XCTFail("a unit does not approve its own report")
        } catch let refusal as ReviewSubmission.NotReviewer {
            XCTAssertTrue(refusal.description.contains("Báo cáo của đơn vị mình do cấp trên duyệt"))
        }
        XCTAssertFalse(
            ReviewSubmission.mayReview(wardAdmin, unit: Self.ward, period: Self.year, form: Self.form, in: directory))
        let returned = try await ReviewSubmission(store: store).run(
            review(cityReviewer, .giveBack(reason: "  Số hộ nghèo chưa khớp  ")))

        XCTAssertEqual(returned.status, .traLai)
        XCTAssertEqual(store.submission(Self.form.code).submission.status, .traLai)
        XCTAssertEqual(store.committed.events.map(\.kind), [.traLai])
        XCTAssertEqual(store.committed.events.first?.detail, "Số hộ nghèo chưa khớp")
    }

    static let checkedPlan = EntryChecks.Plan(
        indicators: ["THU_NSNN": Indicator(code: "THU_NSNN", name: "Thu ngân sách", unitOfMeasure: "tỷ đồng")],
        references: [
            "THU_NSNN": EntryChecks.Reference(
                history: (2020...2026).map { EntryChecks.PastFigure(.year($0), 250 + Double($0 % 3)) })
        ])

    func testAnUnusualFigureWithoutANoteIsRefusedAndNothingIsWritten() async throws {
        let store = FakeEntryStore(forms: [Self.form])
        var command = Self.command([Self.figure("HO_NGHEO", 30), Self.figure("THU_NSNN", 2_550)])
        command.checks = Self.checkedPlan

        do {
            _ = try await EnterFigures(store: store).run(command)
            XCTFail("an unusual figure without a note was saved")
        } catch let unusual as UnusualFigures {
            XCTAssertEqual(unusual.findings.keys.sorted(), ["THU_NSNN"])
            XCTAssertTrue(
                UnusualFigures.fieldText(unusual.findings["THU_NSNN"] ?? []).contains(
                    "hãy ghi lý do vào ô “Ghi chú” của dòng này"))
        }
        XCTAssertTrue(store.committed.figures.isEmpty)
        XCTAssertTrue(store.committed.events.isEmpty)
        XCTAssertTrue(store.committed.flags.isEmpty)
    }

    func testTheNoteTheStoredFigureAlreadyHadDoesNotExplainANewUnusualNumber() async throws {
        let store = FakeEntryStore(forms: [Self.form])
        var first = Self.figure("THU_NSNN", 251)
        first.value.note = "Ước thực hiện năm 2027"
        _ = try await EnterFigures(store: store).run(Self.command([first]))
        var unusual = Self.figure("THU_NSNN", 2_550, seen: 1)
        unusual.value.note = "Ước thực hiện năm 2027"
        var command = Self.command([unusual])
        command.checks = Self.checkedPlan

        do {
            _ = try await EnterFigures(store: store).run(command)
            XCTFail("a carried-over note explained a new unusual number")
        } catch is UnusualFigures {}
        let key = ValueKey(indicatorCode: "THU_NSNN", unitID: Self.ward, period: Self.year)
        XCTAssertEqual(store.committed.figures[key]?.number, 251)
        // Changing only the status of a flagged or usual figure is not checked again.
        var status = Self.figure("THU_NSNN", 251, seen: 1)
        status.value.status = .uoc
        var statusOnly = Self.command([status])
        statusOnly.checks = Self.checkedPlan
        _ = try await EnterFigures(store: store).run(statusOnly)
        XCTAssertEqual(store.committed.figures[key]?.status, .uoc)
    }

    func testAnUnusualFigureWithANoteIsSavedAndFlaggedUntilItIsChangedToAUsualOne() async throws {
        let store = FakeEntryStore(forms: [Self.form])
        var unusual = Self.figure("THU_NSNN", 2_550)
        unusual.value.note = "Thu tiền sử dụng đất một lần của dự án khu đô thị"
        var command = Self.command([unusual])
        command.checks = Self.checkedPlan

        _ = try await EnterFigures(store: store).run(command)
        let key = ValueKey(indicatorCode: "THU_NSNN", unitID: Self.ward, period: Self.year)
        XCTAssertEqual(store.committed.figures[key]?.number, 2_550)
        XCTAssertEqual(store.committed.flags[key]?.note, "Thu tiền sử dụng đất một lần của dự án khu đô thị")
        XCTAssertEqual(store.committed.flags[key]?.number, 2_550)
        XCTAssertEqual(store.committed.flags[key]?.flaggedBy, "Cán bộ A")

        var usual = Self.command([Self.figure("THU_NSNN", 252, seen: 1)])
        usual.checks = Self.checkedPlan
        _ = try await EnterFigures(store: store).run(usual)
        XCTAssertNil(store.committed.flags[key])
        XCTAssertEqual(store.committed.figures[key]?.number, 252)
    }

    func testEventKindsKeepTheWordsStoredSinceTheFirstRelease() {
        // Entries already in databases carry these words; a kind must read them back.
        let stored = [
            "luu-nhap", "nop-bao-cao", "duyet", "tra-lai", "rut-lai", "api-ghi-so-lieu", "nhap-csv", "nhap-ho-so",
            "xep-loai-chat-luong", "tao-bieu-mau", "sua-bieu-mau", "tao-nghi-quyet", "sua-nghi-quyet",
            "them-chi-tieu", "sua-chi-tieu", "xoa-chi-tieu", "them-dieu-chinh", "sua-dieu-chinh", "xoa-dieu-chinh",
            "ghi văn bản chỉ đạo", "giao nhiệm vụ", "báo cáo tiến độ nhiệm vụ", "mở lại nhiệm vụ",
            "đánh dấu hoàn thành nhiệm vụ", "khoi-tao", "dang-nhap", "dang-nhap-sai", "dang-nhap-sai-nhieu-noi",
            "dang-xuat", "tao-tai-khoan", "doi-mat-khau", "khoa-tai-khoan", "mo-khoa-tai-khoan", "dat-dia-chi-thu",
            "cap-ma-api", "thu-hoi-ma-api",
        ]
        XCTAssertEqual(Set(AuditTrail.EventKind.allCases.map(\.rawValue)), Set(stored))
        for words in stored {
            XCTAssertEqual(words, VietnameseText.nfc(words), "stored in NFC")
            XCTAssertNotNil(AuditTrail.EventKind(rawValue: words), words)
        }
    }
}

/// An entry store in memory: each transaction works on a copy that replaces the committed state
/// only when the transaction ends without an error; `log` records what was read and when.
final class FakeEntryStore: FigureEntryStore, @unchecked Sendable {
    struct State: Sendable {
        var forms: [ReportingForm]
        var figures: [ValueKey: IndicatorValue] = [:]
        var submissions: [String: StoredSubmission] = [:]
        var events: [AuditTrail.Event] = []
        var flags: [ValueKey: FigureFlag] = [:]
    }

    private let lock = NSLock()
    private var state: State
    private var entries: [String] = []
    private let batchSize: Int
    /// Called before batch `number` (0-based) begins: another person's change lands there.
    var beforeBatch: (@Sendable (Int) -> Void)?
    /// The next report save finds the report changed by someone else.
    var failNextSubmissionSave = false

    init(forms: [ReportingForm], batchSize: Int = 2_000) {
        self.state = State(forms: forms)
        self.batchSize = batchSize
    }

    var committed: State { lock.withLock { state } }
    var log: [String] { lock.withLock { entries } }

    func note(_ entry: String) { lock.withLock { entries.append(entry) } }

    static func key(_ form: String, _ unit: UnitID, _ period: Period) -> String {
        "\(form)|\(unit.rawValue)|\(period.id)"
    }

    /// The ward's report of `form` for 2027 as stored now.
    func submission(_ form: String) -> StoredSubmission {
        let key = Self.key(form, EnterFiguresTests.ward, EnterFiguresTests.year)
        return committed.submissions[key]
            ?? StoredSubmission(
                submission: Submission(formCode: form, unitID: EnterFiguresTests.ward, period: EnterFiguresTests.year),
                version: 0)
    }

    /// Someone else submits a report, in a transaction of their own.
    func submitOutside(_ form: String, unit: UnitID, period: Period) throws {
        try lock.withLock {
            let key = Self.key(form, unit, period)
            let current =
                state.submissions[key]
                ?? StoredSubmission(submission: Submission(formCode: form, unitID: unit, period: period), version: 0)
            let next = try SubmissionWorkflow.submit(current.submission, by: "Người khác", at: Date())
            state.submissions[key] = StoredSubmission(submission: next, version: current.version + 1)
        }
    }

    func inEntryTransaction<T: Sendable>(
        _ body: @escaping @Sendable (any FigureEntryTransaction) async throws -> T
    ) async throws -> T {
        try await transaction(label: "") { tx in try await body(tx) }
    }

    func recordFiguresInBatches(
        _ values: [IndicatorValue],
        checkingEach check:
            @escaping @Sendable (any FigureEntryTransaction, ArraySlice<IndicatorValue>) async throws
            -> Void
    ) async throws -> EntryOutcome {
        var outcome = EntryOutcome()
        var start = 0
        var number = 0
        while start < values.count {
            let batch = values[start..<min(start + batchSize, values.count)]
            beforeBatch?(number)
            let counts = try await transaction(label: "batch \(number): ") { tx in
                try await check(tx, batch)
                var counts = EntryOutcome()
                for value in batch {
                    let before = tx.state.figures[value.key]
                    guard FigureVersions.changes(value, before) else {
                        counts.unchanged += 1
                        continue
                    }
                    _ = try await tx.saveFigure(value, expectedVersion: before?.version)
                    if before == nil { counts.inserted += 1 } else { counts.updated += 1 }
                }
                return counts
            }
            outcome.inserted += counts.inserted
            outcome.updated += counts.updated
            outcome.unchanged += counts.unchanged
            start += batch.count
            number += 1
        }
        return outcome
    }

    private func transaction<T: Sendable>(label: String, _ body: (Transaction) async throws -> T) async throws -> T {
        note(label + "begin")
        let tx = Transaction(state: committed, store: self, label: label)
        do {
            let result = try await body(tx)
            lock.withLock { state = tx.state }
            note(label + "commit")
            return result
        } catch {
            note(label + "rollback")
            throw error
        }
    }

    final class Transaction: FigureEntryTransaction, @unchecked Sendable {
        var state: State
        let store: FakeEntryStore
        let label: String

        init(state: State, store: FakeEntryStore, label: String) {
            self.state = state
            self.store = store
            self.label = label
        }

        func forms() async throws -> [ReportingForm] {
            store.note(label + "forms")
            return state.forms
        }

        func submissions(units: Set<UnitID>, periods: Set<Period>) async throws -> [StoredSubmission] {
            store.note(label + "submissions")
            return state.submissions.values.filter {
                units.contains($0.submission.unitID) && periods.contains($0.submission.period)
            }
        }

        func figures(unit: UnitID, period: Period) async throws -> [IndicatorValue] {
            store.note(label + "figures")
            return state.figures.values.filter { $0.unitID == unit && $0.period == period }
        }

        func saveFigure(_ value: IndicatorValue, expectedVersion: Int?) async throws -> IndicatorValue {
            let current = state.figures[value.key]
            guard current?.version == expectedVersion else {
                if let current { throw ValueConflict(current: current) }
                throw SubmissionWorkflow.Refusal(description: "Số liệu này đã bị xóa trong lúc bạn sửa.")
            }
            var saved = value
            saved.version = (current?.version ?? 0) + 1
            state.figures[value.key] = saved
            return saved
        }

        func saveSubmission(_ submission: Submission, expectedVersion: Int) async throws -> Int {
            let key = FakeEntryStore.key(submission.formCode, submission.unitID, submission.period)
            let current = state.submissions[key]
            if store.failNextSubmissionSave || (current?.version ?? 0) != expectedVersion {
                store.failNextSubmissionSave = false
                throw SubmissionConflict(current: current?.submission ?? submission)
            }
            state.submissions[key] = StoredSubmission(submission: submission, version: expectedVersion + 1)
            return expectedVersion + 1
        }

        func replaceFlags(_ flags: [FigureFlag], clearing: [ValueKey]) async throws {
            for key in clearing { state.flags[key] = nil }
            for flag in flags { state.flags[flag.key] = flag }
        }

        func record(_ event: AuditTrail.Event) async throws {
            state.events.append(event)
        }
    }
}
