import Foundation
import TiendoCore
import TiendoDemo
import XCTVapor
import XCTest

@testable import TiendoWeb

/// Submitting asks for confirmation (without JavaScript: the page shows the figures again with
/// "Xác nhận nộp"), a submitted report can be taken back until it is reviewed, and every control
/// of the entry page has a name a screen reader reads.
final class EntrySubmitConfirmationTests: XCTestCase {
    static let path = "/nhap-lieu/\(DemoData.formCode)/19831/2027"
    static let review = "/duyet/\(DemoData.formCode)/19831/2027"
    static let subject = "bao-cao:\(DemoData.formCode)/19831@2025-07-01/2027"

    /// Every field the page would post: figures, notes, versions, statuses (hidden or selected).
    static func postedFields(_ html: String) -> [String: String] {
        var fields = ReportingCycleTests.currentFields(html)
        let hidden = try! NSRegularExpression(
            pattern: "type=\"hidden\" name=\"((?:s_[A-Z_]+)|xac-nhan)\" value=\"([^\"]*)\"")
        for match in hidden.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            fields[String(html[Range(match.range(at: 1), in: html)!])] = String(
                html[Range(match.range(at: 2), in: html)!])
        }
        return fields
    }

    private func submissionStatus(_ web: WebTestApp) async throws -> SubmissionStatus {
        let snapshot = try await web.store.snapshot()
        let ward = try XCTUnwrap(snapshot.directory.unit(code: "19831", on: CivilDate(2027, 12, 31)))
        return try await web.store.submission(form: DemoData.formCode, unit: ward.unitID, period: .year(2027))
            .submission.status
    }

    func testSubmittingShowsTheFiguresToConfirmAndWritesNothingUntilConfirmed() async throws {
        try await WebTestApp.withDemo { web in
            let ward = try await web.login("phongdinh")
            var fields = ReportingCycleTests.currentFields(try await web.get(Self.path, as: ward).body.string)
            fields["v_SO_HO_NGHEO"] = "30"
            fields["action"] = "nop"
            let before = try await web.store.values().all

            let asked = try await web.post(Self.path, form: fields, as: ward)

            let html = asked.body.string
            XCTAssertEqual(asked.status, .ok, html)
            XCTAssertTrue(html.contains("Xác nhận nộp báo cáo"))
            XCTAssertTrue(html.contains("<dd>30 hộ"), "the typed figure is shown again: \(html)")
            XCTAssertTrue(html.contains("name=\"v_SO_HO_NGHEO\" value=\"30\""), "and carried to the confirmation")
            XCTAssertTrue(
                html.contains(
                    "id=\"v_SO_HO_NGHEO\" name=\"v_SO_HO_NGHEO\" value=\"30\" inputmode=\"decimal\" autocomplete=\"off\" readonly"
                ))
            XCTAssertFalse(html.contains("value=\"nop\""), "no second “Nộp báo cáo” while confirming")
            let after = try await web.store.values().all
            XCTAssertEqual(Set(after), Set(before), "nothing is saved by the first press")
            let status = try await submissionStatus(web)
            XCTAssertEqual(status, .chuaNop)

            // "Quay lại sửa" keeps what was typed, still unsaved.
            var back = Self.postedFields(html)
            back["action"] = "sua"
            let edit = try await web.post(Self.path, form: back, as: ward)
            XCTAssertEqual(edit.status, .ok)
            XCTAssertTrue(
                edit.body.string.contains(
                    "name=\"v_SO_HO_NGHEO\" value=\"30\" inputmode=\"decimal\" autocomplete=\"off\">"))
            XCTAssertTrue(edit.body.string.contains("value=\"nop\""))

            var confirm = Self.postedFields(html)
            confirm["action"] = "xac-nhan-nop"
            let confirmed = try await web.post(Self.path, form: confirm, as: ward)
            XCTAssertEqual(confirmed.status, .seeOther, confirmed.body.string)
            let submitted = try await submissionStatus(web)
            XCTAssertEqual(submitted, .daNop)
        }
    }

    func testASubmittedReportIsWithdrawnUntilReviewedAndTheWithdrawalIsAudited() async throws {
        try await WebTestApp.withDemo { web in
            let ward = try await web.login("phongdinh")
            var fields = ReportingCycleTests.currentFields(try await web.get(Self.path, as: ward).body.string)
            fields["action"] = "xac-nhan-nop"
            let submitted = try await web.post(Self.path, form: fields, as: ward)
            XCTAssertEqual(submitted.status, .seeOther, submitted.body.string)
            let page = try await web.get(Self.path, as: ward).body.string
            XCTAssertTrue(page.contains("Rút lại báo cáo"), page)

            let withdrawn = try await web.post(Self.path, form: ["action": "rut-lai"], as: ward)

            XCTAssertEqual(withdrawn.status, .seeOther, withdrawn.body.string)
            let back = try await web.get(withdrawn.headers.first(name: .location) ?? "", as: ward).body.string
            XCTAssertTrue(back.contains("Đã rút lại báo cáo; có thể sửa số liệu rồi nộp lại."), back)
            XCTAssertTrue(back.contains("value=\"luu\""), "editable again")
            let status = try await submissionStatus(web)
            XCTAssertEqual(status, .chuaNop)

            // Submitted again and approved: it can no longer be taken back.
            var again = ReportingCycleTests.currentFields(back)
            again["action"] = "xac-nhan-nop"
            let resubmitted = try await web.post(Self.path, form: again, as: ward)
            XCTAssertEqual(resubmitted.status, .seeOther, resubmitted.body.string)
            let city = try await web.login("tonghop")
            let approved = try await web.post(Self.review, form: ["action": "duyet"], as: city)
            XCTAssertEqual(approved.status, .seeOther)
            let approvedPage = try await web.get(Self.path, as: ward).body.string
            XCTAssertFalse(approvedPage.contains("Rút lại báo cáo"))
            let refused = try await web.post(Self.path, form: ["action": "rut-lai"], as: ward)
            XCTAssertEqual(refused.status, .conflict)
            XCTAssertTrue(
                refused.body.string.contains("Báo cáo đã được duyệt nên không rút lại được"), refused.body.string)

            let events = try await web.store.events(subject: Self.subject).map(\.action)
            XCTAssertEqual(events, ["nop-bao-cao", "rut-lai", "nop-bao-cao", "duyet"])
        }
    }

    func testAReturnedReportIsNotWithdrawn() async throws {
        try await WebTestApp.withDemo { web in
            let ward = try await web.login("phongdinh")
            var fields = ReportingCycleTests.currentFields(try await web.get(Self.path, as: ward).body.string)
            fields["action"] = "xac-nhan-nop"
            _ = try await web.post(Self.path, form: fields, as: ward)
            let city = try await web.login("tonghop")
            _ = try await web.post(Self.review, form: ["action": "tra-lai", "ly-do": "Sai số hộ"], as: city)

            let refused = try await web.post(Self.path, form: ["action": "rut-lai"], as: ward)

            XCTAssertEqual(refused.status, .conflict)
            XCTAssertTrue(refused.body.string.contains("Báo cáo đã bị trả lại nên không cần rút lại"))
            let status = try await submissionStatus(web)
            XCTAssertEqual(status, .traLai)
        }
    }

    func testEveryStatusAndNoteControlIsNamedAfterItsIndicator() async throws {
        try await WebTestApp.withDemo { web in
            let ward = try await web.login("phongdinh")
            let html = try await web.get(Self.path, as: ward).body.string
            let selects = html.components(separatedBy: "<select").dropFirst()
            let notes = html.components(separatedBy: "name=\"n_").dropFirst()

            XCTAssertFalse(selects.isEmpty)
            XCTAssertEqual(selects.count, notes.count)
            for select in selects {
                XCTAssertTrue(
                    select.prefix(200).contains("aria-label=\"Trạng thái số liệu – "), String(select.prefix(200)))
            }
            for note in notes {
                XCTAssertTrue(note.prefix(200).contains("aria-label=\"Ghi chú – "), String(note.prefix(200)))
            }
            XCTAssertTrue(html.contains("aria-label=\"Ghi chú – Số hộ nghèo"), "the indicator's name: \(html)")
        }
    }

    func testTheDirectiveFormNeedsNoCtrlKeyToPickSeveralUnits() async throws {
        try await WebTestApp.withDemo { web in
            let city = try await web.login("tonghop")
            let list = try await web.get("/van-ban-chi-dao", as: city).body.string
            let link = try XCTUnwrap(list.firstMatch(of: /href="(\/van-ban-chi-dao\/[^"\/]+)"/)?.1)
            let html = try await web.get(String(link), as: city).body.string

            XCTAssertFalse(html.contains("Ctrl"), html)
            XCTAssertFalse(html.contains("multiple"))
            if html.contains("Giao nhiệm vụ</button>") {
                XCTAssertTrue(html.contains("type=\"checkbox\" name=\"phoi-hop[]\""), html)
            }
        }
    }
}
