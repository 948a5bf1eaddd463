import Foundation
import TiendoCore
import TiendoDemo
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// The lock on submitted reports, as the entry page and the API both meet it: one rule, checked
/// inside the write's own transaction (`EnterFigures`).
final class EntryLockTests: XCTestCase {
    static let path = "/nhap-lieu/\(DemoData.formCode)/19831/2027"
    static let ward = UnitID("19831@2025-07-01")
    static let households = ValueKey(indicatorCode: "SO_HO_NGHEO", unitID: ward, period: .year(2027))

    func testADraftFromAPageReadBeforeAColleagueSubmittedDoesNotLandInTheSubmittedReport() async throws {
        try await WebTestApp.withDemo { web in
            let officer = try await web.login("phongdinh")
            var fields = ReportingCycleTests.currentFields(try await web.get(Self.path, as: officer).body.string)
            let before = try await web.store.values().reported(Self.households)
            // A colleague submits the report while the officer is still typing.
            let stored = try await web.store.submission(form: DemoData.formCode, unit: Self.ward, period: .year(2027))
            try await web.store.saveSubmission(
                try SubmissionWorkflow.submit(stored.submission, by: "Cán bộ B", at: Date()),
                expectedVersion: stored.version)

            fields["v_SO_HO_NGHEO"] = "31"
            fields["action"] = "luu"
            let response = try await web.post(Self.path, form: fields, as: officer)

            XCTAssertEqual(response.status, .conflict)
            XCTAssertTrue(response.body.string.contains("Báo cáo đã nộp và đang chờ duyệt"), response.body.string)
            let after = try await web.store.values().reported(Self.households)
            XCTAssertEqual(after, before, "the submitted report keeps its figures")
            let events = try await web.store.events(
                subject: "bao-cao:\(DemoData.formCode)/\(Self.ward.rawValue)/2027")
            XCTAssertFalse(events.contains { $0.kind == .luuNhap })
        }
    }

    func testAFigureHeldByASubmittedReportOfAnotherFormIsLockedOnThePageAndThroughTheAPI() async throws {
        try await WebTestApp.withDemo { web in
            let other = ReportingForm(
                code: "HO-NGHEO-NAM", name: "Báo cáo giảm nghèo năm", indicatorCodes: ["SO_HO_NGHEO"],
                unitIDs: [Self.ward], periodKind: .year, calendar: .statistical, deadline: DeadlineRule(workingDays: 5))
            try await web.store.saveForm(other)
            let officer = try await web.login("phongdinh")
            let token = try await web.token("phongdinh")
            var fields = ReportingCycleTests.currentFields(try await web.get(Self.path, as: officer).body.string)
            let table = try await web.store.values()
            let before = try XCTUnwrap(table.reported(Self.households))
            let stored = try await web.store.submission(form: other.code, unit: Self.ward, period: .year(2027))
            try await web.store.saveSubmission(
                try SubmissionWorkflow.submit(stored.submission, by: "Cán bộ B", at: Date()),
                expectedVersion: stored.version)

            fields["v_SO_HO_NGHEO"] = "31"
            fields["action"] = "luu"
            let page = try await web.post(Self.path, form: fields, as: officer)
            let api = try await web.api(
                .PUT, "/api/v1/values/19831/SO_HO_NGHEO/2027", token: token,
                json: ["value": 31, "version": before.version])

            let message =
                "Báo cáo đã nộp và đang chờ duyệt; không sửa được số liệu. (biểu mẫu “Báo cáo giảm nghèo năm”)"
            XCTAssertEqual(page.status, .conflict)
            XCTAssertTrue(page.body.string.contains(message), page.body.string)
            XCTAssertEqual(api.status, .conflict)
            XCTAssertEqual(api.apiError["code"] as? String, "locked")
            XCTAssertEqual(api.apiError["message"] as? String, message)
            let after = try await web.store.values().reported(Self.households)
            XCTAssertEqual(after, before)
        }
    }
}
