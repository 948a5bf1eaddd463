import TiendoCore
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// Creating and editing resolutions, targets and revisions through the pages, as an office does.
final class ResolutionEditingTests: XCTestCase {
    static let hue = "hue-2025-2030"

    private func resolution(_ web: WebTestApp, _ id: String) async throws -> Resolution {
        let all = try await web.store.resolutions()
        return try XCTUnwrap(all.first { $0.id == id })
    }

    /// The fields of a target form, as an officer fills them in.
    private func targetForm(_ number: Int, _ code: String, measure: String, _ extra: [String: String])
        -> [String: String]
    {
        var form = [
            "so": String(number), "nhom": "kinhTe", "noi-dung": "Chỉ tiêu số \(number)", "chi-so": code,
            "cach-tinh": measure, "han": "2030", "nam-goc": "2025", "binh-quan": "nhan", "tu-nam": "2026",
            "den-nam": "2030", "dk-loai": "toi-thieu", "dk-huong": "cao", "gan-dat-loai": "", "action": "luu",
        ]
        form.merge(extra) { _, new in new }
        return form
    }

    func testANewResolutionAndATargetOfEachMeasureRoundTrip() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("tonghop")
            let directory = try await web.store.directory()
            let ward = try XCTUnwrap(directory.unit(code: "19831", on: .todayInVietnam()))

            let created = try await web.post(
                "/nghi-quyet",
                form: [
                    "ma": "phong-dinh-thu", "so-ky-hieu": "05-NQ/ĐU", "trich-yeu": "Nghị quyết về phát triển kinh tế",
                    "don-vi": ward.unitID.rawValue, "tu-nam": "2025", "den-nam": "2030", "ngay": "05/09/2025",
                ], as: session)
            XCTAssertEqual(created.status, .seeOther)
            XCTAssertEqual(created.headers.first(name: .location), "/nghi-quyet/phong-dinh-thu?da=tao")

            let path = "/nghi-quyet/phong-dinh-thu/chi-tieu/moi"
            let forms = [
                targetForm(
                    1, "TY_LE_HO_NGHEO", measure: "muc-dat", ["dk-loai": "toi-da", "dk-muc": "1,5", "goc": "2,6"]),
                targetForm(
                    2, "GRDP", measure: "tang-truong",
                    ["binh-quan": "cong", "dk-loai": "khoang", "dk-tu": "-10", "dk-den": "-5", "dk-huong": "thap"]),
                targetForm(
                    3, "VON_DAU_TU", measure: "tong",
                    [
                        "dk-loai": "ke-hoach", "dk-muc": "12.000", "xac-nhan": "1", "gan-dat-loai": "tuong-doi",
                        "gan-dat": "5",
                    ]),
                targetForm(
                    4, "LAO_DONG_VIEC_LAM", measure: "binh-quan-nam",
                    ["tu-nam": "2026", "den-nam": "2029", "han": "2029", "dk-muc": "450", "dk-vuot": "500"]),
                targetForm(
                    5, "DANG_VIEN_MOI", measure: "hang-nam",
                    ["dk-loai": "khoang", "dk-tu": "25", "dk-den": "35", "thap-phan": "0"]),
                targetForm(
                    6, "TY_LE_BHYT", measure: "ty-le-don-vi",
                    ["loai-xa": "1", "loai-phuong": "1", "dv-loai": "toi-thieu", "dv-muc": "95", "dk-muc": "90"]),
                targetForm(
                    7, "DAT_CHUAN_NTM", measure: "ty-le-don-vi", ["loai-dacKhu": "1", "dv-loai": "", "dk-muc": "100"]),
                // "Tỷ lệ hộ nghèo giảm bình quân 1,5%/năm": points a year, a fall written negative.
                targetForm(8, "TY_LE_HO_NGHEO", measure: "thay-doi", ["dk-loai": "toi-da", "dk-muc": "-1,5"]),
            ]
            for form in forms {
                let saved = try await web.post(path, form: form, as: session)
                XCTAssertEqual(saved.status, .seeOther, saved.body.string)
            }

            let stored = try await resolution(web, "phong-dinh-thu")
            XCTAssertEqual(stored.issuingUnitID, ward.unitID)
            XCTAssertEqual(stored.symbol, "05-NQ/ĐU")
            XCTAssertEqual(stored.adoptedOn, CivilDate(2025, 9, 5))
            XCTAssertEqual(
                stored.targets.map(\.measure),
                [
                    .level, .averageGrowth(baseYear: 2025, geometric: false), .sum(fromYear: 2026, toYear: 2030),
                    .annualMean(fromYear: 2026, toYear: 2029), .everyYear(fromYear: 2026, toYear: 2030),
                    .shareOfUnits(unitCondition: .atLeast(95, exceedBound: nil), unitKinds: [.xa, .phuong]),
                    .shareOfUnits(unitCondition: nil, unitKinds: [.dacKhu]), .averageChange(baseYear: 2025),
                ])
            XCTAssertEqual(
                stored.targets.map(\.condition),
                [
                    .atMost(1.5, exceedBound: nil), .between(low: -10, high: -5, direction: .lowerIsBetter),
                    .plan(12_000),
                    .atLeast(450, exceedBound: 500), .between(low: 25, high: 35, direction: .higherIsBetter),
                    .atLeast(90, exceedBound: nil), .atLeast(100, exceedBound: nil), .atMost(-1.5, exceedBound: nil),
                ])
            XCTAssertEqual(stored.targets[0].baseline, 2.6)
            XCTAssertEqual(stored.targets[2].tolerance, .relative(0.05))
            XCTAssertEqual(stored.targets[3].deadlineYear, 2029)
            XCTAssertEqual(stored.targets[4].decimals, 0)
            XCTAssertEqual(stored.targets.map(\.group), Array(repeating: .kinhTe, count: 8))

            let page = try await web.get("/nghi-quyet/phong-dinh-thu", as: session)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("giảm 5–10%/năm"), "the plan is printed as the report prints it")
            XCTAssertTrue(page.body.string.contains("12.000 tỷ đồng"))
            XCTAssertTrue(page.body.string.contains("giảm từ 1,5%/năm trở lên"), "a fall in points a year")
            let events = try await web.store.events(subject: "nghi-quyet:phong-dinh-thu")
            XCTAssertEqual(events.map(\.action), ["tao-nghi-quyet"] + Array(repeating: "them-chi-tieu", count: 8))
        }
    }

    func testAnAmbiguousNumberIsShownHowItWasReadBeforeItIsSaved() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("tonghop")
            let form = targetForm(15, "VON_DAU_TU", measure: "tong", ["dk-loai": "ke-hoach", "dk-muc": "25.000"])
            let path = "/nghi-quyet/\(Self.hue)/chi-tieu/moi"

            let first = try await web.post(path, form: form, as: session)
            let unsaved = try await resolution(web, Self.hue)
            var confirmed = form
            confirmed["xac-nhan"] = "1"
            let second = try await web.post(path, form: confirmed, as: session)

            XCTAssertEqual(first.status, .unprocessableEntity)
            XCTAssertTrue(first.body.string.contains("“25.000” được hiểu là 25.000 (hai mươi lăm nghìn)"))
            XCTAssertTrue(first.body.string.contains("name=\"xac-nhan\" value=\"1\""))
            XCTAssertFalse(unsaved.targets.contains { $0.number == 15 })
            XCTAssertEqual(second.status, .seeOther)
            let saved = try await resolution(web, Self.hue)
            XCTAssertEqual(saved.targets.first { $0.number == 15 }?.condition, .plan(25_000))
        }
    }

    func testABadNumberIsRefusedNextToItsFieldAndNothingIsWritten() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("tonghop")
            let before = try await web.store.resolutions()
            let stored = try XCTUnwrap(before.first { $0.id == Self.hue }?.targets.first { $0.number == 6 })
            var form = TargetFormInput.fields(for: stored, termStart: 2025, termEnd: 2030)
            form["dk-muc"] = "1,5 phần trăm"
            form["action"] = "luu"

            let response = try await web.post("/nghi-quyet/\(Self.hue)/chi-tieu/6", form: form, as: session)

            let html = response.body.string
            XCTAssertEqual(response.status, .unprocessableEntity)
            XCTAssertTrue(html.contains("Có 1 ô chưa đúng; chưa có gì được lưu."))
            let input = try XCTUnwrap(html.range(of: "name=\"dk-muc\""))
            let error = try XCTUnwrap(
                html.range(
                    of:
                        "<span class=\"field-error\">“1,5 phần trăm” không phải là số; hãy nhập số theo dạng 1.234,5</span>"
                ))
            let nextInput = try XCTUnwrap(html.range(of: "<input", range: input.upperBound..<html.endIndex))
            XCTAssertLessThan(error.lowerBound, nextInput.lowerBound, "the message stands right under its field")
            XCTAssertTrue(html.contains("value=\"1,5 phần trăm\""), "what was typed is shown back")
            let after = try await web.store.resolutions()
            XCTAssertEqual(after, before)
        }
    }

    func testThePreviewShowsWhatTheAssessorWillPrintAndSavesNothing() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("tonghop")
            let before = try await web.store.resolutions()
            let stored = try XCTUnwrap(before.first { $0.id == Self.hue }?.targets.first { $0.number == 1 })
            var form = TargetFormInput.fields(for: stored, termStart: 2025, termEnd: 2030)
            form["dk-tu"] = "9,5"
            form["dk-den"] = "10,5"
            form["action"] = "xem-truoc"

            let response = try await web.post("/nghi-quyet/\(Self.hue)/chi-tieu/1", form: form, as: session)

            var previewed = stored
            previewed.condition = .between(low: 9.5, high: 10.5, direction: .higherIsBetter)
            let snapshot = try await web.store.snapshot()
            let city = try XCTUnwrap(snapshot.directory.unit(code: "46", on: CivilDate(2027, 12, 31)))
            let judged = Assessor(rollUp: snapshot.rollUp).assess(
                previewed, unit: city.unitID, at: .year(2027), termStart: 2025)
            let html = response.body.string
            XCTAssertEqual(response.status, .ok)
            XCTAssertEqual(judged.planText, "9,5–10,5%/năm")
            XCTAssertTrue(html.contains("<strong>\(judged.planText)</strong>"), html)
            XCTAssertTrue(
                judged.explanation.hasSuffix("(kế hoạch 9,5–10,5%/năm)")
                    || judged.explanation.contains("kế hoạch 9,5–10,5%/năm"))
            XCTAssertTrue(html.contains("Kế hoạch: 9,5–10,5%/năm."), "the report's footnote")
            XCTAssertTrue(html.contains("Đạt khi kết quả từ 9,5%/năm trở lên; cao hơn 10,5%/năm là “vượt”"))
            let after = try await web.store.resolutions()
            XCTAssertEqual(after, before, "a preview saves nothing")
        }
    }

    func testARevisionChangesTheTargetFromItsEffectiveDate() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("tonghop")
            let form = [
                "so-ky-hieu": "20-NQ/TU", "trich-yeu": "Nghị quyết điều chỉnh chỉ tiêu tăng trưởng",
                "ngay-hieu-luc": "01/01/2027", "dc-1": "1",
                "dc-1-noi-dung": "Tốc độ tăng trưởng kinh tế (GRDP) bình quân 11–12%/năm", "dc-1-dk-loai": "khoang",
                "dc-1-dk-tu": "11", "dc-1-dk-den": "12", "dc-1-dk-huong": "cao", "action": "luu",
            ]

            let saved = try await web.post("/nghi-quyet/\(Self.hue)/dieu-chinh/moi", form: form, as: session)

            XCTAssertEqual(saved.status, .seeOther, saved.body.string)
            let stored = try await resolution(web, Self.hue)
            XCTAssertEqual(stored.revisions.map(\.symbol), ["20-NQ/TU", "12-NQ/TU"], "in date order")
            let before = stored.targets(on: CivilDate(2026, 12, 31)).first { $0.number == 1 }
            let after = stored.targets(on: CivilDate(2027, 1, 1)).first { $0.number == 1 }
            XCTAssertEqual(before?.condition, .between(low: 10, high: 11, direction: .higherIsBetter))
            XCTAssertEqual(after?.condition, .between(low: 11, high: 12, direction: .higherIsBetter))
            XCTAssertEqual(after?.measure, .averageGrowth(baseYear: 2025, geometric: true))
            let board2026 = try await web.get("/?don-vi=46&ky=2026&nghi-quyet=\(Self.hue)", as: session)
            let board2027 = try await web.get("/?don-vi=46&ky=2027&nghi-quyet=\(Self.hue)", as: session)
            XCTAssertTrue(
                board2026.body.string.contains("kế hoạch 10–11%/năm"), "earlier reviews keep the earlier wording")
            XCTAssertTrue(board2027.body.string.contains("kế hoạch 11–12%/năm"))
            let page = try await web.get("/nghi-quyet/\(Self.hue)", as: session)
            XCTAssertTrue(page.body.string.contains("Từ 01/01/2027 (20-NQ/TU) điều chỉnh"))
        }
    }

    func testARevisionWithProblemsIsShownBackAndNotSaved() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("tonghop")
            let before = try await web.store.resolutions()

            let response = try await web.post(
                "/nghi-quyet/\(Self.hue)/dieu-chinh/moi",
                form: [
                    "so-ky-hieu": "20-NQ/TU", "trich-yeu": "Điều chỉnh", "ngay-hieu-luc": "01/01/2024", "dc-6": "1",
                    "dc-6-noi-dung": "Tỷ lệ hộ nghèo còn dưới 1%", "dc-6-dk-loai": "toi-da", "dc-6-dk-muc": "một",
                    "action": "luu",
                ], as: session)

            let html = response.body.string
            XCTAssertEqual(response.status, .unprocessableEntity)
            XCTAssertTrue(html.contains("Ngày hiệu lực phải sau ngày thông qua nghị quyết (15/10/2025)."))
            XCTAssertTrue(html.contains("“một” không phải là số"))
            let after = try await web.store.resolutions()
            XCTAssertEqual(after, before)
        }
    }

    func testAHeaderEditAndItsProblems() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("tonghop")
            let stored = try await resolution(web, Self.hue)
            var form = ResolutionFormInput.fields(for: .init(stored))
            form["trich-yeu"] = "Nghị quyết Đại hội (bản sửa)"
            var bad = form
            bad["ngay"] = "15/13/2025"

            let refused = try await web.post("/nghi-quyet/\(Self.hue)", form: bad, as: session)
            let saved = try await web.post("/nghi-quyet/\(Self.hue)", form: form, as: session)

            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains("Ngày “15/13/2025” không hợp lệ"))
            XCTAssertEqual(saved.status, .seeOther)
            let after = try await resolution(web, Self.hue)
            XCTAssertEqual(after.title, "Nghị quyết Đại hội (bản sửa)")
            XCTAssertEqual(after.targets, stored.targets)
            XCTAssertEqual(after.revisions, stored.revisions)
        }
    }

    func testDeletingATargetAndARevision() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("tonghop")

            let revised = try await web.post("/nghi-quyet/\(Self.hue)/chi-tieu/3", form: ["action": "xoa"], as: session)
            let removed = try await web.post(
                "/nghi-quyet/\(Self.hue)/chi-tieu/14", form: ["action": "xoa"], as: session)
            let revision = try await web.post(
                "/nghi-quyet/\(Self.hue)/dieu-chinh/1", form: ["action": "xoa"], as: session)

            XCTAssertEqual(revised.status, .conflict)
            XCTAssertTrue(revised.body.string.contains("được điều chỉnh bởi văn bản 12-NQ/TU"))
            XCTAssertEqual(removed.status, .seeOther)
            XCTAssertEqual(revision.status, .seeOther)
            let stored = try await resolution(web, Self.hue)
            XCTAssertEqual(stored.targets.map(\.number), Array(1...13))
            XCTAssertTrue(stored.revisions.isEmpty)
        }
    }

    func testEditingARevisedTargetKeepsTheRevisedLevelAndCarriesTheRest() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("tonghop")
            let stored = try await resolution(web, Self.hue)
            let six = try XCTUnwrap(stored.targets.first { $0.number == 6 })
            var form = TargetFormInput.fields(for: six, termStart: 2025, termEnd: 2030)
            form["goc"] = "2,7"
            form["dk-muc"] = "1,4"
            form["action"] = "luu"

            let page = try await web.get("/nghi-quyet/\(Self.hue)/chi-tieu/6", as: session)
            let saved = try await web.post("/nghi-quyet/\(Self.hue)/chi-tieu/6", form: form, as: session)

            XCTAssertTrue(
                page.body.string.contains("Chỉ tiêu này được văn bản 12-NQ/TU điều chỉnh từ ngày 01/01/2028."))
            XCTAssertEqual(saved.status, .seeOther)
            let after = try await resolution(web, Self.hue)
            let adopted = after.targets(on: CivilDate(2027, 12, 31)).first { $0.number == 6 }
            let revised = after.targets(on: CivilDate(2028, 1, 1)).first { $0.number == 6 }
            XCTAssertEqual(adopted?.condition, .atMost(1.4, exceedBound: nil))
            XCTAssertEqual(revised?.condition, .atMost(1, exceedBound: nil))
            XCTAssertEqual(revised?.baseline, 2.7)
        }
    }
}
