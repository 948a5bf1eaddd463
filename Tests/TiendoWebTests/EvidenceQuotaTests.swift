import Foundation
import TiendoCore
import XCTVapor
import XCTest

@testable import TiendoWeb

/// Evidence files have a size limit per file and a quota per unit, each refused in Vietnamese
/// naming the limit (and the use so far); nothing is stored on refusal.
final class EvidenceQuotaTests: XCTestCase {
    private let today = CivilDate.todayInVietnam()

    func testAnEvidenceFileOverTheLimitIsRefusedAndNothingIsStored() async throws {
        try await WebTestApp.withDemo { web in
            let ward = try await web.login("phongdinh")
            let book = try await web.store.followUpBook()
            let task = try XCTUnwrap(
                book.tasks.first { $0.leadUnit.rawValue.hasPrefix("19831") && $0.completedOn == nil })
            let before = book.reports.count

            let response = try await web.upload(
                SiteRoute.task(id: task.id.uuidString).path, file: Data(count: 10_500_000), fileName: "quet.pdf",
                form: ["don-vi": "19831", "ngay": VietnameseDate.short(today), "noi-dung": "Biên bản"], as: ward)

            XCTAssertEqual(response.status, .unprocessableEntity)
            XCTAssertTrue(
                response.body.string.contains("Tệp “quet.pdf” nặng 10,5 MB, quá giới hạn 10 MB cho mỗi tệp đính kèm"),
                response.body.string)
            let after = try await web.store.followUpBook().reports.count
            XCTAssertEqual(after, before)
        }
    }

    func testAUnitOverItsQuotaIsToldTheLimitAndItsUse() async throws {
        try await WebTestApp.withDemo { web in
            let book = try await web.store.followUpBook()
            let task = try XCTUnwrap(book.tasks.first { $0.completedOn == nil })
            let unit = task.leadUnit
            let usedBefore = try await FollowUpFiles.storedBytes(of: unit, store: web.store)
            for index in 0..<3 {
                try await web.store.addProgressReport(
                    TaskProgressReport(
                        taskID: task.id, unitID: unit, date: today, text: "Báo cáo \(index)", author: "kiemthu",
                        fileName: "minh-chung-\(index).pdf"),
                    file: Data(count: 400_000), today: today)
            }
            let used = try await FollowUpFiles.storedBytes(of: unit, store: web.store)
            XCTAssertEqual(used - usedBefore, 1_200_000)
            let quota = FollowUpFiles.Quota(maxFileBytes: 10_000_000, maxUnitBytes: usedBefore + 1_400_000)
            let small = File(data: ByteBuffer(bytes: [UInt8](repeating: 1, count: 100_000)), filename: "nho.pdf")
            let large = File(data: ByteBuffer(bytes: [UInt8](repeating: 1, count: 300_000)), filename: "lon.pdf")

            let accepted = try await FollowUpFiles.read(small, store: web.store, unit: unit, quota: quota)
            XCTAssertEqual(accepted?.data.count, 100_000)
            do {
                _ = try await FollowUpFiles.read(large, store: web.store, unit: unit, quota: quota)
                XCTFail("a file past the unit's quota must be refused")
            } catch let refusal as FileRefusal {
                XCTAssertTrue(
                    refusal.message.contains(
                        "Không lưu được tệp “lon.pdf” (0,3 MB): đơn vị đã lưu "
                            + "\(FollowUpFiles.megabytes(used)) MB tệp đính kèm, mức tối đa của mỗi đơn vị là "
                            + "\(FollowUpFiles.megabytes(quota.maxUnitBytes)) MB"), refusal.message)
            }
        }
    }

    func testTheLimitsComeFromTheEnvironment() {
        XCTAssertEqual(FollowUpFiles.Quota.fromEnvironment([:]), FollowUpFiles.Quota())
        let configured = FollowUpFiles.Quota.fromEnvironment([
            "TIENDO_EVIDENCE_FILE_MB": "5", "TIENDO_EVIDENCE_UNIT_MB": "x",
        ])
        XCTAssertEqual(configured.maxFileBytes, 5_000_000)
        XCTAssertEqual(configured.maxUnitBytes, 200_000_000, "a bad value keeps the default")
    }
}
