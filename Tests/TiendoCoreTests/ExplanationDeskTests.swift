import Foundation
import TiendoCore
import TiendoTestSupport
import XCTest

/// Yêu cầu giải trình: who may ask (a leader or reviewer over the unit), who may answer (the
/// asked unit's data-entry accounts), what is refused before anything is written, the status
/// (overdue = due date passed with no answer), the lists of "Việc của tôi" and the report's draft.
final class ExplanationDeskTests: XCTestCase {
    /// Keeps requests in memory and counts writes.
    private actor MemoryStore: ExplanationStore {
        var requests: [ExplanationRequest] = []
        var writes = 0

        func explanationRequests() async throws -> [ExplanationRequest] { requests }
        func explanationRequests(unit: UnitID) async throws -> [ExplanationRequest] {
            requests.filter { $0.unitID == unit }
        }
        func addExplanationRequest(_ request: ExplanationRequest, at time: Date) async throws {
            requests.append(request)
            writes += 1
        }
        func answerExplanationRequest(_ id: UUID, answer: ExplanationAnswer, file: Data?, at time: Date) async throws {
            guard let index = requests.firstIndex(where: { $0.id == id }) else { return }
            requests[index].answer = answer
            writes += 1
        }
        func explanationAnswerFile(_ id: UUID) async throws -> StoredFile? { nil }
    }

    private struct World {
        let snapshot: Snapshot
        let city: UnitID
        let ward: UnitID
        let otherWard: UnitID
    }

    private let today = CivilDate(2026, 12, 7)

    private func world() -> World {
        var fixture = CoreFixture()
        let city = fixture.unit("90", "Mẫu", kind: .thanhPhoTrucThuoc)
        let ward = fixture.unit("90001", "Phường A", parent: city)
        let other = fixture.unit("90002", "Phường B", parent: city)
        fixture.indicator("HO_NGHEO", "Số hộ nghèo")
        fixture.indicator("TONG_HO", "Tổng số hộ")
        fixture.indicator(
            "TY_LE", "Tỷ lệ hộ nghèo", space: .ratio(numerator: "HO_NGHEO", denominator: "TONG_HO", multiplier: 100))
        fixture.value("HO_NGHEO", ward, "2026", 120)
        let resolution = Resolution(
            id: "NQ-A", issuingUnitID: ward, symbol: "01-NQ/ĐU", title: "Nghị quyết", termStart: 2025, termEnd: 2030,
            adoptedOn: CivilDate(2025, 7, 1),
            targets: [
                Target(
                    number: 1, group: .vanHoaXaHoiMoiTruong, wording: "Tỷ lệ hộ nghèo dưới 1%", indicatorCode: "TY_LE",
                    measure: .level, condition: .atMost(1, exceedBound: nil), deadlineYear: 2030)
            ])
        let snapshot = Snapshot(
            directory: UnitDirectory(versions: fixture.versions, links: fixture.links), indicators: fixture.indicators,
            values: ValueTable(fixture.values), resolutions: [resolution])
        return World(snapshot: snapshot, city: city, ward: ward, otherWard: other)
    }

    private func question(_ world: World, text: String = "Vì sao tăng?", due: CivilDate? = CivilDate(2026, 12, 14))
        -> ExplanationDesk.Question
    {
        .init(unitID: world.ward, indicatorCode: "HO_NGHEO", period: .year(2026), text: text, dueDate: due)
    }

    func testACityReviewerOrLeaderAsksAWardButTheWardAndAnotherWardDoNot() async throws {
        let world = world()
        let store = MemoryStore()
        let desk = ExplanationDesk(store: store)
        let reviewer = Account(username: "tonghop", displayName: "TH", role: .tongHop, unitID: world.city)
        let leader = Account(username: "lanhdao", displayName: "LĐ", role: .xem, unitID: world.city)
        let wardOfficer = Account(username: "phuonga", displayName: "A", role: .baoCao, unitID: world.ward)
        let otherReviewer = Account(username: "thb", displayName: "B", role: .tongHop, unitID: world.otherWard)

        let asked = try await desk.ask(question(world), by: reviewer, snapshot: world.snapshot, today: today)
        _ = try await desk.ask(question(world), by: leader, snapshot: world.snapshot, today: today)

        XCTAssertEqual(asked.unitID, world.ward)
        XCTAssertEqual(asked.askedBy, "tonghop")
        for refused in [wardOfficer, otherReviewer] {
            XCTAssertThrowsError(
                try ExplanationDesk.check(question(world), by: refused, snapshot: world.snapshot, today: today)
            ) { XCTAssertEqual(($0 as? ExplanationError)?.kind, .forbidden, refused.username) }
        }
        let writes = await store.writes
        XCTAssertEqual(writes, 2)
    }

    func testBadInputIsRefusedWithTheFieldAndNothingIsWritten() async throws {
        let world = world()
        let store = MemoryStore()
        let desk = ExplanationDesk(store: store)
        let reviewer = Account(username: "tonghop", displayName: "TH", role: .tongHop, unitID: world.city)
        var unknownTarget = question(world)
        unknownTarget.target = TargetLink(resolutionID: "NQ-A", targetNumber: 9)
        var noSubject = question(world)
        noSubject.period = nil

        let cases: [(ExplanationDesk.Question, String)] = [
            (question(world, text: "  \n "), "noi-dung"),
            (question(world, due: CivilDate(2026, 12, 6)), "han"),
            (question(world, due: nil), "han"),
            (unknownTarget, "ve"),
            (noSubject, "ve"),
        ]
        for (input, field) in cases {
            do {
                _ = try await desk.ask(input, by: reviewer, snapshot: world.snapshot, today: today)
                XCTFail("accepted: \(field)")
            } catch let error as ExplanationError {
                XCTAssertEqual(error.field, field, error.message)
                XCTAssertFalse(error.message.isEmpty)
            }
        }
        let writes = await store.writes
        XCTAssertEqual(writes, 0)
    }

    func testAVerdictRequestGoesToTheTargetsIssuingUnit() throws {
        let world = world()
        let reviewer = Account(username: "tonghop", displayName: "TH", role: .tongHop, unitID: world.city)
        let input = ExplanationDesk.Question(
            unitID: world.otherWard, indicatorCode: "", target: TargetLink(resolutionID: "NQ-A", targetNumber: 1),
            text: "Vì sao chưa đạt?", dueDate: today)

        let request = try ExplanationDesk.check(input, by: reviewer, snapshot: world.snapshot, today: today)

        XCTAssertEqual(request.unitID, world.ward)
        XCTAssertEqual(request.indicatorCode, "TY_LE")
        XCTAssertNil(request.period)
    }

    func testOnlyTheAskedUnitsDataAccountsAnswerOnceAndOverdueMeansNoAnswerByTheDueDate() async throws {
        let world = world()
        let store = MemoryStore()
        let desk = ExplanationDesk(store: store)
        let reviewer = Account(username: "tonghop", displayName: "TH", role: .tongHop, unitID: world.city)
        let wardOfficer = Account(username: "phuonga", displayName: "A", role: .baoCao, unitID: world.ward)
        let wardViewer = Account(username: "xema", displayName: "A", role: .xem, unitID: world.ward)
        let asked = try await desk.ask(question(world), by: reviewer, snapshot: world.snapshot, today: today)

        XCTAssertEqual(asked.status(on: CivilDate(2026, 12, 14)), .choTraLoi)
        XCTAssertEqual(asked.status(on: CivilDate(2026, 12, 15)), .quaHanChuaTraLoi)
        for refused in [reviewer, wardViewer] {
            XCTAssertThrowsError(
                try ExplanationDesk.checkAnswer(asked, text: "x", fileName: nil, by: refused, today: today)
            ) { XCTAssertEqual(($0 as? ExplanationError)?.kind, .forbidden) }
        }
        XCTAssertThrowsError(
            try ExplanationDesk.checkAnswer(asked, text: " ", fileName: nil, by: wardOfficer, today: today)
        ) { XCTAssertEqual(($0 as? ExplanationError)?.field, "noi-dung") }
        XCTAssertEqual(ExplanationDesk.work(for: wardOfficer, requests: [asked]).toAnswer.map(\.id), [asked.id])
        XCTAssertEqual(ExplanationDesk.work(for: reviewer, requests: [asked]).awaiting.map(\.id), [asked.id])

        let answered = try await desk.answer(
            asked.id, text: "Rà soát lại theo chuẩn mới", file: nil, by: wardOfficer, today: CivilDate(2026, 12, 16))

        XCTAssertEqual(answered.status(on: CivilDate(2026, 12, 16)), .daTraLoiQuaHan)
        XCTAssertEqual(answered.status(on: CivilDate(2026, 12, 15)), .quaHanChuaTraLoi, "not yet answered that day")
        XCTAssertThrowsError(
            try ExplanationDesk.checkAnswer(answered, text: "lần hai", fileName: nil, by: wardOfficer, today: today))
        XCTAssertTrue(ExplanationDesk.work(for: wardOfficer, requests: [answered]).isEmpty)
    }

    func testAnsweredExplanationsBecomeTheLimitationsDraftOneParagraphEach() throws {
        let world = world()
        var figure = ExplanationRequest(
            unitID: world.ward, indicatorCode: "HO_NGHEO", period: .year(2026), question: "Vì sao tăng?",
            dueDate: today, askedBy: "tonghop", askedOn: today)
        figure.answer = ExplanationAnswer(text: "Có 12 hộ mới\ndo thiên tai", author: "phuonga", date: today)
        var verdict = ExplanationRequest(
            unitID: world.ward, indicatorCode: "TY_LE", target: TargetLink(resolutionID: "NQ-A", targetNumber: 1),
            question: "Vì sao chưa đạt?", dueDate: today, askedBy: "tonghop", askedOn: today)
        verdict.answer = ExplanationAnswer(text: "Chuẩn nghèo mới cao hơn", author: "phuonga", date: today)
        let unanswered = ExplanationRequest(
            unitID: world.ward, indicatorCode: "HO_NGHEO", period: .year(2025), question: "?", dueDate: today,
            askedBy: "tonghop", askedOn: today)
        let resolution = try XCTUnwrap(world.snapshot.resolutions.first)

        let draft = ExplanationDesk.draftLimitations(
            [figure, verdict, unanswered], resolution: resolution, indicators: world.snapshot.indicators,
            reportUnit: world.ward, includes: { $0 == world.ward }, unitName: { $0.rawValue }, upTo: today)

        XCTAssertEqual(
            draft.split(separator: "\n"),
            [
                "Số liệu năm 2026 (số hộ nghèo) — Có 12 hộ mới do thiên tai",
                "Kết quả đánh giá chỉ tiêu 1: Tỷ lệ hộ nghèo dưới 1% — Chuẩn nghèo mới cao hơn",
            ])
        let work = ExplanationWork(toAnswer: [unanswered])
        XCTAssertTrue(
            work.plainText(today: CivilDate(2026, 12, 9), unitName: { _ in "Phường A" }).contains(
                "- [quá hạn 2 ngày, hạn 07/12/2026]"))
    }
}
