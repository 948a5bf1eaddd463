import Foundation
import Logging
import TiendoApplication
import TiendoCore
import XCTVapor
import XCTest

@testable import TiendoWeb

/// The follow-up thread as officers live it: the city office records a conclusion and assigns
/// tasks to wards, a ward reports progress with evidence and marks its task done, the home page
/// reminds, the dashboard shows the task on its target's row.
final class FollowUpPageTests: XCTestCase {
    /// Asked when used, as the server asks: XCTest creates every test case when the run starts,
    /// so a stored value went stale when a long run crossed midnight in Vietnam (17:00 UTC).
    var today: CivilDate { CivilDate.todayInVietnam() }

    private func recordDirective(_ web: WebTestApp, as office: WebTestApp.Session) async throws -> String {
        let response = try await web.upload(
            SiteRoute.directives.path, file: Data("%PDF-1.4 kết luận".utf8), fileName: "98-TB-TU.pdf",
            form: [
                "loai": "thongBaoKetLuan", "so": "98-TB/TU", "ngay": VietnameseDate.short(today.adding(days: -30)),
                "co-quan": "Ban Thường vụ Thành ủy Huế", "trich-yeu": "về buổi làm việc với Đảng ủy phường Phong Dinh",
            ], as: office)
        XCTAssertEqual(response.status, .seeOther, response.body.string)
        let location = try XCTUnwrap(response.headers.first(name: .location))
        XCTAssertTrue(location.hasPrefix("/van-ban-chi-dao/"), location)
        return location
    }

    func testADirectiveBecomesTasksThatAWardReportsOnAndCompletes() async throws {
        try await WebTestApp.withDemo { web in
            let office = try await web.login("tonghop")
            let directivePath = try await recordDirective(web, as: office)
            for (ward, days) in [("19831", 3), ("19753", -2)] {
                let added = try await web.post(
                    directivePath,
                    form: [
                        "noi-dung": "Rà soát hộ nghèo, báo cáo Thường trực Thành ủy", "chu-tri": ward,
                        "phoi-hop[]": "46", "thoi-han": VietnameseDate.short(today.adding(days: days)),
                        "chi-tieu[]": "hue-2025-2030#6",
                    ], as: office)
                XCTAssertEqual(added.status, .seeOther, added.body.string)
            }

            // The ward sees its own task, due in three days, on its home page and its task list.
            let ward = try await web.login("phongdinh")
            let home = try await web.get("/", as: ward).body.string
            XCTAssertTrue(home.contains("Nhắc việc"), home)
            XCTAssertTrue(home.contains("nhiệm vụ đến hạn trong 7 ngày tới"), home)
            XCTAssertTrue(
                home.contains("Rà soát hộ nghèo, báo cáo Thường trực Thành ủy</a> — Phường Phong Dinh, còn 3 ngày"),
                home)
            let list = try await web.get(SiteRoute.tasks(status: nil, unitCode: nil, day: nil).href, as: ward)
            let html = list.body.string
            XCTAssertTrue(html.contains("Rà soát hộ nghèo"), html)
            XCTAssertEqual(
                html.components(separatedBy: "Rà soát hộ nghèo, báo cáo Thường trực Thành ủy").count - 1, 1,
                "the other ward's task is not the ward's business")
            let taskPath = try XCTUnwrap(
                html.components(separatedBy: "href=\"")
                    .first { $0.hasPrefix("/nhiem-vu/") && $0.contains("\">Rà soát hộ nghèo, báo cáo") }
                    .map { String($0.prefix { $0 != "\"" }) })

            let reported = try await web.upload(
                taskPath, file: Data("PK biên bản".utf8), fileName: "bien-ban-ra-soat.docx",
                form: [
                    "don-vi": "19831", "ngay": VietnameseDate.short(today), "noi-dung": "Đã rà soát 12/12 tổ dân phố",
                ],
                as: ward)
            XCTAssertEqual(reported.status, .seeOther, reported.body.string)
            let page = try await web.get(taskPath, as: ward).body.string
            XCTAssertTrue(page.contains("Đang thực hiện"), page)
            XCTAssertTrue(page.contains("Đã rà soát 12/12 tổ dân phố"), page)
            let fileLink = try XCTUnwrap(
                page.components(separatedBy: "href=\"").map { $0.prefix { $0 != "\"" } }
                    .first { $0.contains("/minh-chung/") }.map(String.init))
            let file = try await web.get(fileLink, as: office)
            XCTAssertEqual(file.status, .ok)
            XCTAssertEqual(file.body.string, "PK biên bản")
            XCTAssertTrue(file.headers.first(name: .contentDisposition)?.hasPrefix("attachment") ?? false)

            let done = try await web.post(
                taskPath + "/hoan-thanh", form: ["ngay": VietnameseDate.short(today)], as: ward)
            XCTAssertEqual(done.status, .seeOther, done.body.string)
            let after = try await web.get(taskPath, as: ward).body.string
            XCTAssertTrue(after.contains("Hoàn thành đúng hạn"), after)

            // The city office: one task done on time, one overdue; the overdue list has just one.
            let overdue = try await web.get(
                SiteRoute.tasks(status: TaskStatus.quaHanChuaHoanThanh.slug, unitCode: nil, day: nil).href,
                as: office
            ).body.string
            XCTAssertTrue(overdue.contains("Phường Phú Xuân"), overdue)
            XCTAssertTrue(overdue.contains("quá hạn 2 ngày"), overdue)
            let directivePage = try await web.get(directivePath, as: office).body.string
            XCTAssertTrue(directivePage.contains("98-TB/TU"), directivePage)
            XCTAssertTrue(directivePage.contains("1 hoàn thành đúng hạn"), directivePage)

            // The poverty target's row on the city's board carries both tasks with their status.
            let board = try await web.get("/?don-vi=46", as: office).body.string
            XCTAssertTrue(board.contains("Phường Phong Dinh: Rà soát hộ nghèo"), board)
            XCTAssertTrue(board.contains("task-status task-qua-han-chua-hoan-thanh"), board)

            // The task figures follow: Phong Dinh has one task done on time in the deadline's month.
            let deadline = today.adding(days: 3)
            let onTime = try await web.store.values().all.first {
                $0.indicatorCode == TaskFigures.onTimeCode && $0.period == .month(deadline.year, deadline.month)
                    && $0.unitID.rawValue.hasPrefix("19831")
            }
            XCTAssertEqual(onTime?.number, 1)
        }
    }

    func testABadTaskIsRefusedFieldByFieldAndNothingIsWritten() async throws {
        try await WebTestApp.withDemo { web in
            let office = try await web.login("tonghop")
            let directivePath = try await recordDirective(web, as: office)
            let before = try await web.store.followUpBook().tasks.count

            let response = try await web.post(
                directivePath, form: ["noi-dung": " ", "chu-tri": "99999", "thoi-han": "31/02/2026"], as: office)

            let html = response.body.string
            XCTAssertEqual(response.status, .unprocessableEntity)
            XCTAssertTrue(html.contains("Chưa giao được nhiệm vụ: có 3 ô cần sửa."), html)
            XCTAssertTrue(html.contains("Hãy nhập nội dung nhiệm vụ."), html)
            XCTAssertTrue(html.contains("Không có đơn vị mã “99999” trong phạm vi của bạn"), html)
            XCTAssertTrue(html.contains("Thời hạn “31/02/2026” không hợp lệ"), html)
            let after = try await web.store.followUpBook().tasks.count
            XCTAssertEqual(after, before)
        }
    }

    func testAnExecutableEvidenceFileIsRefused() async throws {
        try await WebTestApp.withDemo { web in
            let ward = try await web.login("phongdinh")
            let book = try await web.store.followUpBook()
            let task = try XCTUnwrap(
                book.tasks.first { $0.leadUnit.rawValue.hasPrefix("19831") && $0.completedOn == nil })
            let reportsBefore = book.reports.count

            let response = try await web.upload(
                SiteRoute.task(id: task.id.uuidString).path, file: Data("<script>".utf8), fileName: "trang.html",
                form: ["don-vi": "19831", "ngay": VietnameseDate.short(today), "noi-dung": "Xem tệp"], as: ward)

            XCTAssertEqual(response.status, .unprocessableEntity)
            XCTAssertTrue(response.body.string.contains("Tệp “trang.html” không được nhận"), response.body.string)
            let reportsAfter = try await web.store.followUpBook().reports.count
            XCTAssertEqual(reportsAfter, reportsBefore)
        }
    }

    func testAWardCannotRecordDirectivesNorCompleteAnotherWardsTask() async throws {
        try await WebTestApp.withDemo { web in
            let ward = try await web.login("phongdinh")
            let book = try await web.store.followUpBook()
            let other = try XCTUnwrap(book.tasks.first { $0.leadUnit.rawValue.hasPrefix("19777") })

            let create = try await web.upload(
                SiteRoute.directives.path, file: Data(), fileName: "",
                form: ["loai": "chiThi", "so": "1-CT/ĐU", "ngay": "01/10/2026", "co-quan": "x", "trich-yeu": "y"],
                as: ward)
            let view = try await web.get(SiteRoute.task(id: other.id.uuidString).path, as: ward)
            let complete = try await web.post(
                SiteRoute.taskCompletion(id: other.id.uuidString).path, form: [:], as: ward)

            XCTAssertEqual(create.status, .forbidden)
            XCTAssertEqual(view.status, .forbidden)
            XCTAssertEqual(complete.status, .forbidden)
            let after = try await web.store.followUpBook()
            XCTAssertEqual(after.directives.count, book.directives.count)
            XCTAssertNil(after.tasks.first { $0.id == other.id }?.completedOn)
        }
    }

    func testTheTaskListLooksAtAChosenDay() async throws {
        try await WebTestApp.withDemo { web in
            let office = try await web.login("tonghop")

            // The demo's notice: on 29/11/2026 two tasks are overdue (Phú Xuân, Vỹ Dạ).
            let html = try await web.get(
                SiteRoute.tasks(status: TaskStatus.quaHanChuaHoanThanh.slug, unitCode: nil, day: "29/11/2026").href,
                as: office
            ).body.string

            XCTAssertTrue(html.contains("Tình hình ngày 29/11/2026: 2 nhiệm vụ: 2 quá hạn chưa hoàn thành."), html)
            XCTAssertTrue(html.contains("quá hạn 14 ngày"), html)
            XCTAssertTrue(html.contains("quá hạn 9 ngày"), html)
        }
    }
}

/// The reminder job inside `serve`: not before the configured hour, then once a day.
final class ReminderSchedulerTests: XCTestCase {
    func testTheJobRunsOnceADayAfterTheHour() async throws {
        try await WebTestApp.withDemo { web in
            var settings = MailSettings()
            settings.reminderHour = 7
            let logger = Logger(label: "kiem-thu")
            // 29/11/2026 06:30 and 08:00 in Vietnam (UTC+7).
            let early = Date(timeIntervalSince1970: 1_795_908_600)
            let later = early.addingTimeInterval(90 * 60)

            await ReminderScheduler.runIfDue(store: web.store, settings: settings, logger: logger, now: early)
            let before = try await web.store.setting("job:nhac-viec")
            await ReminderScheduler.runIfDue(store: web.store, settings: settings, logger: logger, now: later)
            let after = try await web.store.setting("job:nhac-viec")
            let claimedAgain = try await TaskReminders.claim(CivilDate(2026, 11, 29), store: web.store)

            XCTAssertNil(before, "nothing before 7 o'clock")
            XCTAssertEqual(after, "2026-11-29")
            XCTAssertFalse(claimedAgain, "another instance finds the day taken")
        }
    }
}
