import Foundation
import TiendoApplication
import TiendoCore
import TiendoStorage

/// The demo's follow-up thread: the city's notice of conclusions after a working session with
/// several wards, its items as tasks, and the wards' progress — dated so that around the end of
/// November 2026 some tasks are done, some late, some overdue and some due within days.
enum DemoFollowUp {
    /// The notice's number; loading twice does not record it twice.
    static let number = "215-TB/TU"

    struct Item {
        let content: String
        let lead: String
        let coordinating: [String]
        let deadline: CivilDate
        let targets: [Int]
        let reports: [(unit: String, date: CivilDate, text: String, author: String)]
        let completedOn: CivilDate?
    }

    static let items: [Item] = [
        Item(
            content: "Rà soát, cập nhật danh sách hộ nghèo, hộ cận nghèo; đề xuất giải pháp giảm nghèo bền vững",
            lead: "19831", coordinating: [], deadline: CivilDate(2026, 10, 31), targets: [6],
            reports: [
                (
                    "19831", CivilDate(2026, 10, 20), "Đã rà soát 12/12 tổ dân phố; còn 41 hộ nghèo, 63 hộ cận nghèo.",
                    "phongdinh"
                )
            ], completedOn: CivilDate(2026, 10, 28)),
        Item(
            content: "Hoàn thành giải phóng mặt bằng các dự án chỉnh trang đô thị trên địa bàn phường",
            lead: "19753", coordinating: ["19774"], deadline: CivilDate(2026, 11, 15), targets: [3],
            reports: [
                (
                    "19753", CivilDate(2026, 11, 5), "Đã bàn giao 18/25 hộ; 7 hộ chưa thống nhất phương án bồi thường.",
                    "Văn phòng Đảng ủy phường Phú Xuân"
                )
            ], completedOn: nil),
        Item(
            content: "Tập trung các giải pháp thu ngân sách, phấn đấu hoàn thành vượt dự toán năm 2026",
            lead: "19774", coordinating: [], deadline: CivilDate(2026, 12, 31), targets: [4], reports: [],
            completedOn: nil),
        Item(
            content:
                "Nâng tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn; đẩy mạnh số hóa hồ sơ, kết quả giải quyết",
            lead: "19831", coordinating: ["19753"], deadline: CivilDate(2026, 12, 5), targets: [14],
            reports: [
                (
                    "19831", CivilDate(2026, 11, 16),
                    "Đã số hóa 1.240 hồ sơ tồn; bố trí thêm 01 công chức tại bộ phận một cửa.", "phongdinh"
                )
            ], completedOn: nil),
        Item(
            content: "Tổ chức đối thoại với Nhân dân về công tác chỉnh trang đô thị và trật tự xây dựng",
            lead: "19815", coordinating: [], deadline: CivilDate(2026, 9, 30), targets: [],
            reports: [
                (
                    "19815", CivilDate(2026, 10, 8), "Đã tổ chức đối thoại tại 3 tổ dân phố, 214 lượt người dự.",
                    "Văn phòng Đảng ủy phường An Cựu"
                )
            ],
            completedOn: CivilDate(2026, 10, 10)),
        Item(
            content: "Kiện toàn chi bộ tổ dân phố sau sắp xếp; hoàn thành chuyển sinh hoạt đảng",
            lead: "19777", coordinating: [], deadline: CivilDate(2026, 11, 20), targets: [], reports: [],
            completedOn: nil),
    ]

    /// Records the notice and its tasks unless it is already there; returns the number of tasks.
    static func load(into store: TiendoStore, cityCode: String, resolutionID: String) async throws -> Int {
        let book = try await store.followUpBook()
        if book.directives.values.contains(where: { $0.number == number }) { return 0 }
        let directory = try await store.directory()
        let date = CivilDate(2026, 9, 15)
        func unit(_ code: String) throws -> UnitID {
            guard let version = directory.unit(code: code, on: date) else {
                throw StorageError("Dữ liệu minh họa thiếu đơn vị mã \(code).")
            }
            return version.unitID
        }
        let directive = Directive(
            kind: .thongBaoKetLuan, number: number, date: date, issuingBody: "Ban Thường vụ Thành ủy Huế",
            unitID: try unit(cityCode),
            title:
                "kết luận của đồng chí Bí thư Thành ủy tại buổi làm việc với Ban Thường vụ Đảng ủy các phường Phong Dinh, "
                + "Phú Xuân, Kim Long, An Cựu, Vỹ Dạ về tình hình thực hiện Nghị quyết Đại hội")
        let at = Date(timeIntervalSince1970: 1_789_430_400)  // 15/09/2026
        try await store.saveDirective(directive, file: nil, actor: "tonghop", at: at)
        let today = CivilDate.todayInVietnam()
        for (index, item) in items.enumerated() {
            let task = try await store.addTask(
                FollowUpTask(
                    directiveID: directive.id, number: index + 1, content: item.content, leadUnit: try unit(item.lead),
                    coordinatingUnits: try item.coordinating.map(unit), deadline: item.deadline,
                    linkedTargets: item.targets.map { TargetLink(resolutionID: resolutionID, targetNumber: $0) }),
                actor: "tonghop", today: today, at: at)
            for report in item.reports {
                try await store.addProgressReport(
                    TaskProgressReport(
                        taskID: task.id, unitID: try unit(report.unit), date: report.date, text: report.text,
                        author: report.author),
                    file: nil, today: today, at: at)
            }
            if let done = item.completedOn {
                try await store.setTaskCompletion(
                    taskID: task.id, completedOn: done, actor: item.reports.last?.author ?? "tonghop", today: today,
                    at: at)
            }
        }
        return items.count
    }
}
