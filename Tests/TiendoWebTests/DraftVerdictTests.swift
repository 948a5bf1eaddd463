import TiendoCore
import TiendoDemo
import XCTVapor
import XCTest

@testable import TiendoWeb

/// Verdicts that rest on figures of a report not yet approved say so on the dashboard, the
/// indicator page and the API; the switch "Chỉ tính số liệu đã duyệt" (`duyet=1`) judges on
/// approved figures only, and the kept pages of the two views never mix.
final class DraftVerdictTests: XCTestCase {
    static let entry = "/nhap-lieu/\(DemoData.formCode)/19831/2027"
    static let review = "/duyet/\(DemoData.formCode)/19831/2027"
    static let board = "/?don-vi=19831&ky=2027"
    static let mark = "dựa trên số liệu chưa duyệt"

    /// A draft nobody submitted is what the issue saw pass for a plain verdict: the first draft
    /// starts the report ("chưa nộp"), so its figures are marked like submitted ones.
    func testADraftNobodySubmittedIsMarkedAsADraft() async throws {
        try await WebTestApp.withDemo { web in
            let city = try await web.login("tonghop")
            let ward = try await web.login("phongdinh")
            var fields = ReportingCycleTests.currentFields(try await web.get(Self.entry, as: ward).body.string)
            fields["v_SO_HO_NGHEO"] = "30"
            fields["action"] = "luu"
            let saved = try await web.post(Self.entry, form: fields, as: ward)
            XCTAssertEqual(saved.status, .seeOther, saved.body.string)

            let report = try await web.store.submission(
                form: DemoData.formCode, unit: UnitID("19831@2025-07-01"), period: .year(2027))
            XCTAssertEqual(report.submission.status, .chuaNop)
            XCTAssertEqual(report.version, 1, "the draft started the report")
            let board = try await web.get(Self.board, as: city).body.string
            XCTAssertTrue(board.contains("* \(Self.mark)"), board)
            // A second draft of the same report keeps the one row.
            fields = ReportingCycleTests.currentFields(try await web.get(Self.entry, as: ward).body.string)
            fields["v_SO_HO_NGHEO"] = "31"
            fields["action"] = "luu"
            let again = try await web.post(Self.entry, form: fields, as: ward)
            XCTAssertEqual(again.status, .seeOther, again.body.string)
            let still = try await web.store.submission(
                form: DemoData.formCode, unit: UnitID("19831@2025-07-01"), period: .year(2027))
            XCTAssertEqual(still.version, 1)
        }
    }

    /// The ward submits its 2027 report with 30 poor households (not yet approved).
    private func submitWardReport(_ web: WebTestApp) async throws -> WebTestApp.Session {
        let ward = try await web.login("phongdinh")
        var fields = ReportingCycleTests.currentFields(try await web.get(Self.entry, as: ward).body.string)
        for key in fields.keys where key.hasPrefix("v_") { fields["s_" + key.dropFirst(2)] = "chinhThuc" }
        fields["v_SO_HO_NGHEO"] = "30"
        fields["action"] = "xac-nhan-nop"
        let submitted = try await web.post(Self.entry, form: fields, as: ward)
        XCTAssertEqual(submitted.status, .seeOther, submitted.body.string)
        return ward
    }

    func testASubmittedReportMarksTheBoardTheSwitchLeavesItOutAndApprovalClearsIt() async throws {
        try await WebTestApp.withDemo { web in
            let city = try await web.login("tonghop")
            let before = try await web.get(Self.board, as: city).body.string
            XCTAssertFalse(before.contains(Self.mark), "the demo's imported figures count as approved")
            XCTAssertTrue(before.contains("Chỉ tính số liệu đã duyệt"), "the switch is there")

            _ = try await submitWardReport(web)

            // The server followed the report's state from the change log: what it holds is what a
            // whole read gives.
            let followed = try await web.store.snapshot().reports
            let readAgain = try await web.store.reportStates()
            XCTAssertEqual(followed, readAgain)
            XCTAssertEqual(followed.openCount, 1)

            let marked = try await web.get(Self.board, as: city).body.string
            XCTAssertTrue(marked.contains("class=\"draft-mark\""), marked)
            XCTAssertTrue(marked.contains("* \(Self.mark)"))
            XCTAssertTrue(marked.contains("kết quả dựa trên số liệu chưa duyệt"), "the count above the table")
            XCTAssertTrue(marked.contains("class=\"draft-legend"), "the legend under the table")
            XCTAssertTrue(marked.contains("href=\"/?don-vi=19831&amp;ky=2027&amp;duyet=1\""), marked)

            let approvedOnly = try await web.get(Self.board + "&duyet=1", as: city).body.string
            XCTAssertFalse(approvedOnly.contains("class=\"draft-mark\""))
            XCTAssertTrue(approvedOnly.contains("Đang chỉ tính số liệu đã duyệt"))
            XCTAssertTrue(approvedOnly.contains("value=\"1\" checked"), "the switch stays on in the filter form")
            XCTAssertTrue(
                approvedOnly.contains("?don-vi=19831&amp;duyet=1\" ")
                    || approvedOnly.contains("?don-vi=19831&amp;duyet=1\">"), "links keep it")
            XCTAssertNotEqual(approvedOnly, marked)

            // The kept pages of the two views stay apart, both ways round.
            let markedAgain = try await web.get(Self.board, as: city).body.string
            let approvedOnlyAgain = try await web.get(Self.board + "&duyet=1", as: city).body.string
            XCTAssertEqual(markedAgain, marked)
            XCTAssertEqual(approvedOnlyAgain, approvedOnly)

            let indicator = try await web.get("/chi-so/SO_HO_NGHEO?don-vi=19831", as: city).body.string
            XCTAssertTrue(indicator.contains("* \(Self.mark)"), indicator)
            let indicatorApproved = try await web.get("/chi-so/SO_HO_NGHEO?don-vi=19831&duyet=1", as: city).body
                .string
            XCTAssertFalse(indicatorApproved.contains("class=\"draft-mark\""))
            XCTAssertTrue(indicatorApproved.contains("Đang chỉ tính số liệu đã duyệt"))

            let approved = try await web.post(Self.review, form: ["action": "duyet"], as: city)
            XCTAssertEqual(approved.status, .seeOther)
            let afterApproval = try await web.store.snapshot().reports
            XCTAssertEqual(afterApproval.openCount, 0)
            let readAfterApproval = try await web.store.reportStates()
            XCTAssertEqual(afterApproval, readAfterApproval)
            let after = try await web.get(Self.board, as: city).body.string
            XCTAssertFalse(after.contains("class=\"draft-mark\""), "approval clears the mark")
            XCTAssertTrue(after.contains("Tỷ lệ hộ nghèo (chuẩn đa chiều) giảm còn dưới 1%"))
        }
    }

    func testTheAPISaysWhichVerdictsRestOnUnapprovedFigures() async throws {
        try await WebTestApp.withDemo { web in
            _ = try await submitWardReport(web)
            let token = try await web.token("tonghop")

            let all = try await web.api(.GET, "/api/v1/verdicts?unit=19831&period=2027", token: token)
            let approvedOnly = try await web.api(
                .GET, "/api/v1/verdicts?unit=19831&period=2027&approvedOnly=true", token: token)
            let bad = try await web.api(.GET, "/api/v1/verdicts?unit=19831&period=2027&approvedOnly=co", token: token)

            func targets(_ response: XCTHTTPResponse) -> [[String: Any]] {
                ((response.object["resolutions"] as? [[String: Any]])?.first?["targets"] as? [[String: Any]]) ?? []
            }
            XCTAssertEqual(all.status, .ok)
            XCTAssertEqual(all.object["approvedOnly"] as? Bool, false)
            XCTAssertTrue(targets(all).contains { $0["restsOnUnapproved"] as? Bool == true })
            XCTAssertEqual(approvedOnly.object["approvedOnly"] as? Bool, true)
            XCTAssertFalse(targets(approvedOnly).isEmpty)
            XCTAssertTrue(targets(approvedOnly).allSatisfy { $0["restsOnUnapproved"] as? Bool == false })
            XCTAssertEqual(bad.status, .unprocessableEntity)

            let rollUp = try await web.api(
                .GET, "/api/v1/rollups?unit=19831&indicator=SO_HO_NGHEO&period=2027", token: token)
            XCTAssertEqual(rollUp.object["restsOnUnapproved"] as? Bool, true)
        }
    }
}
