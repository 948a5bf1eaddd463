import Foundation
import TiendoCore
import TiendoStorage
import TiendoTestSupport
import XCTest

/// Explanation requests as stored (M037, SQLite and PostgreSQL): a request and its answer with a
/// file read back whole, each write in the audit trail, a second answer refused without change.
final class ExplanationStoreTests: XCTestCase {
    func testARequestAndItsAnswerAreStoredAuditedAndAnsweredOnce() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let request = ExplanationRequest(
                unitID: UnitID("19831@2025-07-01"), indicatorCode: "TY_LE_HO_NGHEO",
                target: TargetLink(resolutionID: "phong-dinh-2025-2030", targetNumber: 3),
                question: "Vì sao chỉ tiêu 3 chưa đạt?", dueDate: CivilDate(2026, 12, 14), askedBy: "tonghop",
                askedOn: CivilDate(2026, 12, 7))
            try await store.addExplanationRequest(request, at: Date())
            let figure = ExplanationRequest(
                unitID: UnitID("19831@2025-07-01"), indicatorCode: "SO_HO_NGHEO", period: .quarter(2026, 3),
                question: "Số liệu quý III?", dueDate: CivilDate(2026, 12, 10), askedBy: "lanhdao",
                askedOn: CivilDate(2026, 12, 7))
            try await store.addExplanationRequest(figure, at: Date().addingTimeInterval(1))

            let answer = ExplanationAnswer(
                text: "Chuẩn nghèo đa chiều mới\nnâng mức thu nhập", author: "phongdinh", date: CivilDate(2026, 12, 9),
                fileName: "danh-sách.pdf")
            try await store.answerExplanationRequest(
                request.id, answer: answer, file: Data([0x25, 0x50, 0x00, 0xFF]), at: Date())
            do {
                try await store.answerExplanationRequest(request.id, answer: answer, file: nil, at: Date())
                XCTFail("answered twice on \(name)")
            } catch {}

            let stored = try await store.explanationRequests()
            XCTAssertEqual(stored.map(\.id), [request.id, figure.id], name)
            var expected = request
            expected.answer = answer
            XCTAssertEqual(stored.first, expected, name)
            XCTAssertEqual(stored.last, figure, name)
            let ofWard = try await store.explanationRequests(unit: figure.unitID)
            XCTAssertEqual(ofWard.map(\.id), stored.filter { $0.unitID == figure.unitID }.map(\.id), name)
            let ofNobody = try await store.explanationRequests(unit: UnitID("00000@2025-07-01"))
            XCTAssertEqual(ofNobody, [], name)
            // The answer's file counts toward the answering unit's file quota.
            let used = try await store.storedFileBytes(of: request.unitID)
            XCTAssertEqual(used, 4, name)
            let file = try await store.explanationAnswerFile(request.id)
            XCTAssertEqual(file?.name, "danh-sách.pdf", name)
            XCTAssertEqual(file?.data, Data([0x25, 0x50, 0x00, 0xFF]), name)
            let trail = try await store.events(subject: TiendoStore.explanationSubject(request.id))
            XCTAssertEqual(
                trail.map(\.action), [TiendoStore.explanationAskedAction, TiendoStore.explanationAnsweredAction], name)
            XCTAssertEqual(trail.map(\.actor), ["tonghop", "phongdinh"], name)
        }
    }
}
