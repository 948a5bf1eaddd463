import Foundation
import TiendoCore
import XCTest

final class FollowUpTests: XCTestCase {
    let directive = Directive(
        kind: .thongBaoKetLuan, number: "125-TB/TU", date: CivilDate(2026, 9, 15),
        issuingBody: "Ban Thường vụ Thành ủy Huế", unitID: UnitID("46"),
        title: "kết luận của đồng chí Bí thư Thành ủy tại buổi làm việc với Đảng ủy phường Phong Dinh")
    let ward = UnitID("phong-dinh")
    let other = UnitID("an-cuu")

    func task(_ number: Int, due: CivilDate, done: CivilDate? = nil, lead: UnitID? = nil) -> FollowUpTask {
        FollowUpTask(
            directiveID: directive.id, number: number, content: "Nhiệm vụ \(number)", leadUnit: lead ?? ward,
            deadline: due, completedOn: done)
    }

    func testStatusIsDerivedFromDeadlineReportsAndCompletion() {
        let due = CivilDate(2026, 11, 30)
        let open = task(1, due: due)
        let report = TaskProgressReport(
            taskID: open.id, unitID: ward, date: CivilDate(2026, 10, 5), text: "Đã họp triển khai", author: "phongdinh")

        XCTAssertEqual(open.status(on: CivilDate(2026, 10, 1), reports: [report]), .chuaThucHien, "report not yet made")
        XCTAssertEqual(open.status(on: CivilDate(2026, 10, 5), reports: [report]), .dangThucHien)
        XCTAssertEqual(open.status(on: due, reports: [report]), .dangThucHien, "the deadline day is still in time")
        XCTAssertEqual(open.status(on: due.adding(days: 1), reports: [report]), .quaHanChuaHoanThanh)
        XCTAssertEqual(task(2, due: due, done: due).status(on: CivilDate(2027, 1, 1), reports: []), .hoanThanhDungHan)
        XCTAssertEqual(
            task(3, due: due, done: CivilDate(2026, 12, 2)).status(on: CivilDate(2027, 1, 1), reports: []),
            .hoanThanhQuaHan)
        XCTAssertEqual(
            task(4, due: due, done: CivilDate(2026, 12, 2)).status(on: CivilDate(2026, 12, 1), reports: []),
            .quaHanChuaHoanThanh, "looked at before it was done, it was overdue")
    }

    func testDigestListsOverdueAndDueSoonOnTheChosenDay() {
        let today = CivilDate(2026, 11, 29)
        let tasks = [
            task(1, due: CivilDate(2026, 11, 20)),  // overdue 9 days
            task(2, due: CivilDate(2026, 11, 29)),  // due today
            task(3, due: CivilDate(2026, 12, 6)),  // in 7 days
            task(4, due: CivilDate(2026, 12, 7)),  // in 8 days: outside a 7-day window
            task(5, due: CivilDate(2026, 11, 1), done: CivilDate(2026, 11, 25)),  // done late: not reminded
        ]

        let digest = ReminderDigest(
            tasks: tasks, directives: [directive.id: directive], reports: [], today: today, withinDays: 7)

        XCTAssertEqual(digest.overdue.map(\.task.number), [1])
        XCTAssertEqual(digest.overdue.first?.whenText, "quá hạn 9 ngày")
        XCTAssertEqual(digest.dueSoon.map(\.task.number), [2, 3])
        XCTAssertEqual(digest.dueSoon.map(\.whenText), ["đến hạn hôm nay", "còn 7 ngày"])
        let text = digest.plainText(unitName: { _ in "Phường Phong Dinh" })
        XCTAssertTrue(text.hasPrefix("Nhắc việc ngày 29/11/2026"), text)
        XCTAssertTrue(text.contains("Nhiệm vụ quá hạn chưa hoàn thành: 1"), text)
        XCTAssertTrue(
            text.contains("Theo Thông báo kết luận số 125-TB/TU ngày 15/09/2026 của Ban Thường vụ Thành ủy Huế."), text)
    }

    func testTaskFiguresCountTheLeadUnitInTheMonthOfTheDeadline() {
        let today = CivilDate(2026, 12, 10)
        let tasks = [
            task(1, due: CivilDate(2026, 11, 20), done: CivilDate(2026, 11, 18)),  // on time
            task(2, due: CivilDate(2026, 11, 25), done: CivilDate(2026, 12, 1)),  // late
            task(3, due: CivilDate(2026, 11, 30)),  // overdue
            task(4, due: CivilDate(2026, 11, 30), lead: other),  // another unit
            task(5, due: CivilDate(2026, 12, 31)),  // not yet due: assigned, not judged
        ]

        let values = TaskFigures.values(
            tasks: tasks, reports: [], directory: UnitDirectory(versions: []), today: today, author: "Tiến độ",
            at: Date())
        func figure(_ code: String, _ unit: UnitID, _ month: Int) -> Double? {
            values.first { $0.indicatorCode == code && $0.unitID == unit && $0.period == .month(2026, month) }?.number
        }

        XCTAssertEqual(figure(TaskFigures.assignedCode, ward, 11), 3)
        XCTAssertEqual(figure(TaskFigures.onTimeCode, ward, 11), 1)
        XCTAssertEqual(figure(TaskFigures.lateCode, ward, 11), 1)
        XCTAssertEqual(figure(TaskFigures.overdueCode, ward, 11), 1)
        XCTAssertEqual(figure(TaskFigures.judgedCode, ward, 11), 3)
        XCTAssertEqual(figure(TaskFigures.assignedCode, other, 11), 1)
        XCTAssertEqual(figure(TaskFigures.overdueCode, other, 11), 1)
        XCTAssertEqual(figure(TaskFigures.assignedCode, ward, 12), 1)
        XCTAssertEqual(figure(TaskFigures.judgedCode, ward, 12), 0)
    }

    func testTaskSharesRollUpAsARatioOfSums() {
        let province = UnitVersion(
            unitID: UnitID("46"), code: "46", name: "Huế", kind: .thanhPhoTrucThuoc, parentID: nil,
            validFrom: CivilDate(2025, 7, 1))
        let wards = [ward, other].map {
            UnitVersion(
                unitID: $0, code: $0.rawValue, name: $0.rawValue, kind: .phuong, parentID: province.unitID,
                validFrom: CivilDate(2025, 7, 1))
        }
        let tasks = [
            task(1, due: CivilDate(2026, 11, 20), done: CivilDate(2026, 11, 18)),
            task(2, due: CivilDate(2026, 11, 20)),
            task(3, due: CivilDate(2026, 11, 20), done: CivilDate(2026, 11, 2), lead: other),
        ]
        let directory = UnitDirectory(versions: [province] + wards, links: [])
        let values = TaskFigures.values(
            tasks: tasks, reports: [], directory: directory, today: CivilDate(2026, 12, 1), author: "Tiến độ",
            at: Date())
        let rollUp = RollUp(directory: directory, indicators: TaskFigures.indicators, values: ValueTable(values))

        // Ward: 1 of 2 on time = 50 %; other: 1 of 1 = 100 %; province: 2 of 3, not the mean 75 %.
        // Every unit has all twelve months (zeros where there is no task), so the year rolls up.
        XCTAssertEqual(values.filter { $0.indicatorCode == TaskFigures.assignedCode }.count, 2 * 12)
        XCTAssertFalse(values.contains { $0.unitID == province.unitID }, "the province's figure is its wards' sum")
        let november = rollUp.figure(TaskFigures.onTimeShareCode, unit: province.unitID, period: .month(2026, 11))
        XCTAssertEqual(november.figure?.number ?? 0, 200.0 / 3, accuracy: 1e-9)
        let share = rollUp.figure(TaskFigures.onTimeShareCode, unit: province.unitID, period: .year(2026)).figure
        XCTAssertEqual(share?.number ?? 0, 200.0 / 3, accuracy: 1e-9)
    }

    func testTaskFormRefusesEveryBadFieldAtOnce() {
        let input = TaskFormInput(
            content: "  ", leadUnitCode: "99999", coordinatingUnitCodes: [], deadline: "31/02/2026", linkedTargets: [])

        let result = input.read(directive: directive, number: 1, unit: { _ in nil }, targetExists: { _ in true })

        guard case .failure(let error) = result else { return XCTFail("accepted bad input") }
        XCTAssertEqual(error.messages["noi-dung"], "Hãy nhập nội dung nhiệm vụ.")
        XCTAssertEqual(
            error.messages["chu-tri"], "Không có đơn vị mã “99999” trong phạm vi của bạn; hãy chọn trong danh sách.")
        XCTAssertEqual(error.messages["thoi-han"], "Thời hạn “31/02/2026” không hợp lệ; hãy viết dạng 31/12/2026.")
    }

    func testTaskDeadlineBeforeTheDirectiveIsRefused() {
        let unit = UnitVersion(
            unitID: ward, code: "19753", name: "Phong Dinh", kind: .phuong, parentID: nil,
            validFrom: CivilDate(2025, 7, 1))
        let input = TaskFormInput(
            content: "Rà soát hộ nghèo", leadUnitCode: "19753", coordinatingUnitCodes: ["19753"],
            deadline: "01/09/2026",
            linkedTargets: [])

        let result = input.read(directive: directive, number: 1, unit: { $0 == "19753" ? unit : nil }) { _ in true }

        guard case .failure(let error) = result else { return XCTFail("accepted a deadline before the directive") }
        XCTAssertEqual(
            error.messages["thoi-han"],
            "Thời hạn 01/09/2026 trước ngày ban hành văn bản (15/09/2026); hãy kiểm tra lại.")
    }

    func testDirectiveFormReadsAVietnameseDate() throws {
        let input = DirectiveFormInput(
            kind: "thongBaoKetLuan", number: " 125-TB/TU ", date: "15/9/2026",
            issuingBody: "Ban Thường vụ Thành ủy Huế",
            title: "về kết quả buổi làm việc")

        let directive = try input.read(unit: UnitID("46"), fileName: nil).get()

        XCTAssertEqual(directive.number, "125-TB/TU")
        XCTAssertEqual(directive.date, CivilDate(2026, 9, 15))
        XCTAssertEqual(
            directive.citation, "Thông báo kết luận số 125-TB/TU ngày 15/09/2026 của Ban Thường vụ Thành ủy Huế")
    }
}
