import Foundation
import TiendoCore
import TiendoStorage
import TiendoTestSupport
import XCTest

/// Directives, tasks and progress reports: numbered, audited, and turned into task figures in
/// the same transaction — on SQLite and (when configured) PostgreSQL.
final class FollowUpStoreTests: XCTestCase {
    let city = UnitVersion(
        unitID: UnitID("46"), code: "46", name: "Huế", kind: .thanhPhoTrucThuoc, parentID: nil,
        validFrom: CivilDate(2025, 7, 1))
    var wards: [UnitVersion] {
        [("19753", "Phong Dinh"), ("19774", "Phú Xuân")].map {
            UnitVersion(
                unitID: UnitID($0.0), code: $0.0, name: $0.1, kind: .phuong, parentID: city.unitID,
                validFrom: CivilDate(2025, 7, 1))
        }
    }

    func testATaskThreadIsKeptAndCountedOnTheDayAsked() async throws {
        try await TestDatabases.forEach { name, store, _ in
            try await store.importUnitVersions([city] + wards)
            let directive = Directive(
                kind: .thongBaoKetLuan, number: "125-TB/TU", date: CivilDate(2026, 9, 15),
                issuingBody: "Ban Thường vụ Thành ủy Huế", unitID: city.unitID, title: "về buổi làm việc",
                fileName: "125-TB-TU.pdf")
            try await store.saveDirective(directive, file: Data("%PDF-1.4".utf8), actor: "tonghop")
            let today = CivilDate(2026, 11, 29)
            var added: [FollowUpTask] = []
            for (ward, due) in [(wards[0], CivilDate(2026, 11, 20)), (wards[1], CivilDate(2026, 12, 15))] {
                let task = FollowUpTask(
                    directiveID: directive.id, number: 99, content: "Rà soát hộ nghèo", leadUnit: ward.unitID,
                    coordinatingUnits: [city.unitID], deadline: due,
                    linkedTargets: [TargetLink(resolutionID: "nq-hue", targetNumber: 3)])
                added.append(try await store.addTask(task, actor: "tonghop", today: today))
            }
            try await store.addProgressReport(
                TaskProgressReport(
                    taskID: added[1].id, unitID: wards[1].unitID, date: CivilDate(2026, 11, 25),
                    text: "Đã rà soát 3/5 tổ dân phố", author: "phuxuan", fileName: "bien-ban.docx"),
                file: Data("PK".utf8), today: today)

            let book = try await store.followUpBook()
            let values = try await store.values()
            let events = try await store.events(subject: TiendoStore.taskSubject(added[1].id))
            let file = try await store.directiveFile(directive.id)

            XCTAssertEqual(added.map(\.number), [1, 2], "numbers follow the directive's items (\(name))")
            XCTAssertEqual(book.tasks.map(\.linkedTargets.first?.targetNumber), [3, 3], name)
            XCTAssertEqual(book.status(of: book.tasks[0], on: today), .quaHanChuaHoanThanh, name)
            XCTAssertEqual(book.status(of: book.tasks[1], on: today), .dangThucHien, name)
            XCTAssertEqual(book.reports.first?.fileName, "bien-ban.docx", name)
            XCTAssertEqual(file?.data, Data("%PDF-1.4".utf8), name)
            XCTAssertEqual(events.map(\.action), ["giao nhiệm vụ", "báo cáo tiến độ nhiệm vụ"], name)
            let overdue = ValueKey(
                indicatorCode: TaskFigures.overdueCode, unitID: wards[0].unitID, period: .month(2026, 11))
            XCTAssertEqual(values.reported(overdue)?.number, 1, name)
            let december = ValueKey(
                indicatorCode: TaskFigures.assignedCode, unitID: wards[1].unitID, period: .month(2026, 12))
            XCTAssertEqual(values.reported(december)?.number, 1, name)

            // Done on the deadline: on time; the overdue count drops back to zero.
            try await store.setTaskCompletion(
                taskID: added[0].id, completedOn: CivilDate(2026, 11, 20), actor: "phongdinh", today: today)
            let after = try await store.values()
            XCTAssertEqual(after.reported(overdue)?.number, 0, name)
            let onTime = ValueKey(
                indicatorCode: TaskFigures.onTimeCode, unitID: wards[0].unitID, period: .month(2026, 11))
            XCTAssertEqual(after.reported(onTime)?.number, 1, name)

            // The same day again changes nothing.
            let again = try await store.refreshTaskFigures(today: today)
            XCTAssertEqual(again.inserted + again.updated, 0, name)
        }
    }
}
