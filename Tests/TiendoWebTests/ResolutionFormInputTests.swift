import TiendoCore
import XCTest

@testable import TiendoWeb

final class ResolutionFormInputTests: XCTestCase {
    private let indicators: [String: Indicator] = [
        "GTSX": Indicator(code: "GTSX", name: "Giá trị sản xuất", unitOfMeasure: "tỷ đồng"),
        "TL": Indicator(code: "TL", name: "Tỷ lệ", unitOfMeasure: "%", decimals: 2, valueType: .percentage),
        "NTM": Indicator(code: "NTM", name: "Đạt chuẩn nông thôn mới", unitOfMeasure: "", valueType: .yesNo),
    ]

    private func rules(taken: Set<Int> = []) -> TargetFormInput.Rules {
        TargetFormInput.Rules(termStart: 2025, termEnd: 2030, indicators: indicators, takenNumbers: taken)
    }

    private func fields(_ target: Target) -> [String: String] {
        TargetFormInput.fields(for: target, termStart: 2025, termEnd: 2030)
    }

    private func target(_ measure: Measure, _ condition: Condition, code: String = "GTSX") -> Target {
        Target(
            number: 4, group: .vanHoaXaHoiMoiTruong, wording: "Chỉ tiêu thử", indicatorCode: code, measure: measure,
            condition: condition, deadlineYear: 2030, baseline: 2.6, tolerance: .absolute(0.5), decimals: 1)
    }

    func testEveryMeasureAndConditionRoundTripsThroughTheFields() {
        let targets = [
            target(.level, .atMost(1.5, exceedBound: nil), code: "TL"),
            target(.level, .atLeast(98, exceedBound: 99), code: "TL"),
            target(
                .averageGrowth(baseYear: 2025, geometric: true), .between(low: 10, high: 11, direction: .higherIsBetter)
            ),
            target(
                .averageGrowth(baseYear: 2024, geometric: false),
                .between(low: -10, high: -5, direction: .lowerIsBetter)),
            target(.sum(fromYear: 2026, toYear: 2030), .plan(250_000)),
            target(.annualMean(fromYear: 2026, toYear: 2029), .atLeast(18_000, exceedBound: nil)),
            target(.everyYear(fromYear: 2026, toYear: 2030), .atMost(3, exceedBound: 1)),
            target(.shareOfUnits(unitCondition: nil, unitKinds: [.xa]), .atLeast(100, exceedBound: nil), code: "NTM"),
            target(
                .shareOfUnits(unitCondition: .atLeast(95, exceedBound: nil), unitKinds: [.xa, .phuong, .dacKhu]),
                .plan(90), code: "TL"),
            target(.shareOfUnits(unitCondition: .atMost(2, exceedBound: nil), unitKinds: nil), .plan(50), code: "TL"),
        ]

        for original in targets {
            let reading = TargetFormInput.read(fields(original), rules: rules())

            XCTAssertEqual(reading.target, original, reading.problems.messages.map(\.text).joined(separator: "; "))
        }
    }

    func testVietnameseNumbersAreReadAndAmbiguousOnesAreExplained() {
        var posted = fields(target(.sum(fromYear: 2026, toYear: 2030), .plan(1)))
        posted["dk-muc"] = "25.000"
        posted["goc"] = "1.234,5"

        let reading = TargetFormInput.read(posted, rules: rules())

        XCTAssertEqual(reading.target?.condition, .plan(25_000))
        XCTAssertEqual(reading.target?.baseline, 1234.5)
        XCTAssertEqual(
            reading.notes["dk-muc"],
            "“25.000” được hiểu là 25.000 (hai mươi lăm nghìn) theo cách viết Việt Nam (dấu chấm phân cách hàng nghìn); nếu là số thập phân, hãy viết 25,000"
        )
        XCTAssertNil(reading.notes["goc"])
    }

    func testABadNumberIsRefusedNextToItsField() {
        var posted = fields(target(.level, .atLeast(100, exceedBound: nil), code: "TL"))
        posted["dk-muc"] = "12a"

        let reading = TargetFormInput.read(posted, rules: rules())

        XCTAssertNil(reading.target)
        XCTAssertEqual(reading.problems["dk-muc"], "“12a” không phải là số; hãy nhập số theo dạng 1.234,5")
        XCTAssertEqual(reading.problems.count, 1)
    }

    func testTheImportsChecksApplyOnScreen() {
        func problems(_ change: (inout [String: String]) -> Void, taken: Set<Int> = [], code: String = "TL")
            -> FieldMessages
        {
            var posted = fields(target(.level, .atLeast(100, exceedBound: nil), code: code))
            change(&posted)
            return TargetFormInput.read(posted, rules: rules(taken: taken)).problems
        }

        XCTAssertEqual(
            problems({ $0["han"] = "2032" })["han"],
            "Năm hạn 2032 nằm ngoài nhiệm kỳ 2025–2030; hãy chọn một năm trong nhiệm kỳ (thường là 2030).")
        XCTAssertEqual(
            problems({ _ in }, taken: [4])["so"],
            "Số 4 đã là số của một chỉ tiêu khác trong nghị quyết này; hãy chọn số khác.")
        XCTAssertNotNil(problems({ $0["so"] = "0" })["so"])
        XCTAssertNotNil(problems({ $0["noi-dung"] = "  " })["noi-dung"])
        XCTAssertEqual(
            problems({ $0["chi-so"] = "KHONG_CO" })["chi-so"],
            "Chỉ số “KHONG_CO” chưa có trong hệ thống; hãy chọn một chỉ số trong danh sách.")
        XCTAssertEqual(
            problems({
                $0["cach-tinh"] = "tang-truong"
                $0["nam-goc"] = "2030"
            })["nam-goc"],
            "Năm gốc 2030 phải trước năm hạn 2030 để tính được tốc độ tăng trưởng bình quân.")
        XCTAssertEqual(
            problems({
                $0["cach-tinh"] = "tong"
                $0["tu-nam"] = "2029"
                $0["den-nam"] = "2027"
            })["tu-nam"],
            "Năm bắt đầu 2029 sau năm kết thúc 2027; hãy đổi lại, ví dụ từ 2026 đến 2030.")
        XCTAssertNotNil(
            problems({
                $0["cach-tinh"] = "hang-nam"
                $0["tu-nam"] = "2024"
            })["tu-nam"])
        XCTAssertEqual(
            problems({
                $0["dk-loai"] = "khoang"
                $0["dk-tu"] = "11"
                $0["dk-den"] = "10"
            })["dk-tu"]?.hasPrefix("Cận dưới (11) lớn hơn cận trên (10)"), true)
        XCTAssertEqual(
            problems({ $0["dk-vuot"] = "90" })["dk-vuot"],
            "Mốc vượt phải lớn hơn hoặc bằng mức tối thiểu 100; để trống nếu chỉ tiêu không có mức “vượt”.")
        XCTAssertEqual(
            problems({
                $0["cach-tinh"] = "ty-le-don-vi"
                $0["dk-muc"] = "120"
            })["dk-muc"],
            "Tỷ lệ đơn vị đạt tính bằng %, phải từ 0 đến 100; ở đây là 120.")
        XCTAssertEqual(
            problems({ $0["cach-tinh"] = "ty-le-don-vi" })["dv-loai"]?.hasPrefix(
                "Chỉ số “Tỷ lệ” không phải loại có/không"), true)
        XCTAssertNotNil(
            problems({
                $0["gan-dat-loai"] = "tuong-doi"
                $0["gan-dat"] = "100"
            })["gan-dat"])
        XCTAssertNotNil(problems({ $0["thap-phan"] = "7" })["thap-phan"])
        XCTAssertEqual(
            problems({ $0["han"] = "hai nghìn" })["han"],
            "“hai nghìn” không phải là năm; hãy nhập năm hạn bốn chữ số, ví dụ 2030.")
    }

    func testANewTargetStartsFromTheFormatsDefaults() {
        let defaults = TargetFormInput.defaultFields(termStart: 2025, termEnd: 2030, number: 15)

        XCTAssertEqual(defaults["so"], "15")
        XCTAssertEqual(defaults["cach-tinh"], "muc-dat")
        XCTAssertEqual(defaults["han"], "2030")
        XCTAssertEqual(defaults["nam-goc"], "2025")
        XCTAssertEqual(defaults["tu-nam"], "2026")
        XCTAssertEqual(defaults["den-nam"], "2030")
    }

    // MARK: - Header

    func testAHeaderIsReadWithItsDateAndTerm() {
        let ward = UnitID("19831@2025-07-01")
        let posted = [
            "ma": "phong-dinh-2025-2030", "so-ky-hieu": "01-NQ/ĐH", "trich-yeu": "Nghị quyết Đại hội",
            "don-vi": ward.rawValue, "tu-nam": "2025", "den-nam": "2030", "ngay": "20/08/2025",
        ]

        let reading = ResolutionFormInput.readHeader(posted, fixedID: nil, takenIDs: [], allowedUnits: [ward])

        XCTAssertEqual(
            reading.header,
            .init(
                id: "phong-dinh-2025-2030", issuingUnitID: ward, symbol: "01-NQ/ĐH", title: "Nghị quyết Đại hội",
                termStart: 2025, termEnd: 2030, adoptedOn: CivilDate(2025, 8, 20)))
    }

    func testAHeaderWithProblemsSaysWhereEachIs() {
        let posted = [
            "ma": "Phong Dinh", "so-ky-hieu": "", "trich-yeu": "x", "don-vi": "46@2025-07-01", "tu-nam": "2030",
            "den-nam": "2025", "ngay": "31/02/2025",
        ]

        let reading = ResolutionFormInput.readHeader(posted, fixedID: nil, takenIDs: [], allowedUnits: [])

        XCTAssertNil(reading.header)
        XCTAssertNotNil(reading.problems["ma"])
        XCTAssertNotNil(reading.problems["so-ky-hieu"])
        XCTAssertEqual(
            reading.problems["don-vi"], "Đơn vị này ngoài phạm vi quản lý của bạn; hãy chọn đơn vị trong danh sách.")
        XCTAssertNotNil(reading.problems["den-nam"])
        XCTAssertEqual(
            reading.problems["ngay"],
            "Ngày “31/02/2025” không hợp lệ; hãy nhập theo dạng ngày/tháng/năm, ví dụ 15/10/2025.")
    }

    func testATermThatNoLongerHoldsTheTargetsIsRefused() {
        let unit = UnitID("46@2025-07-01")
        let resolution = Resolution(
            id: "hue", issuingUnitID: unit, symbol: "01-NQ/ĐH", title: "Nghị quyết", termStart: 2025, termEnd: 2030,
            adoptedOn: CivilDate(2025, 10, 15), targets: [target(.sum(fromYear: 2026, toYear: 2030), .plan(1))])
        var posted = ResolutionFormInput.fields(for: .init(resolution))
        posted["den-nam"] = "2029"

        let reading = ResolutionFormInput.readHeader(
            posted, fixedID: "hue", takenIDs: [], allowedUnits: [unit], existing: resolution)

        XCTAssertEqual(
            reading.problems["den-nam"],
            "Chỉ tiêu số 4 dùng năm 2030, 2026, 2030, nằm ngoài nhiệm kỳ mới 2025–2029; hãy sửa chỉ tiêu trước hoặc giữ nhiệm kỳ cũ."
        )
    }

    // MARK: - Revisions

    private func resolution() -> Resolution {
        Resolution(
            id: "hue", issuingUnitID: UnitID("46@2025-07-01"), symbol: "01-NQ/ĐH", title: "Nghị quyết",
            termStart: 2025, termEnd: 2030, adoptedOn: CivilDate(2025, 10, 15),
            targets: [
                Target(
                    number: 6, group: .vanHoaXaHoiMoiTruong, wording: "Tỷ lệ hộ nghèo giảm còn dưới 1,5%",
                    indicatorCode: "TL", measure: .level, condition: .atMost(1.5, exceedBound: nil), deadlineYear: 2030,
                    baseline: 2.6),
                Target(
                    number: 3, group: .kinhTe, wording: "Tổng vốn đầu tư đạt 250.000 tỷ đồng", indicatorCode: "GTSX",
                    measure: .sum(fromYear: 2026, toYear: 2030), condition: .plan(250_000), deadlineYear: 2030),
            ])
    }

    func testARevisionChangesTheChosenTargetsFromItsEffectiveDate() {
        var posted = ResolutionFormInput.fields(for: nil, of: resolution())
        posted["so-ky-hieu"] = "12-NQ/TU"
        posted["trich-yeu"] = "Điều chỉnh một số chỉ tiêu"
        posted["ngay-hieu-luc"] = "01/01/2028"
        posted["dc-6"] = "1"
        posted["dc-6-noi-dung"] = "Tỷ lệ hộ nghèo giảm còn dưới 1%"
        posted["dc-6-dk-muc"] = "1"

        let reading = ResolutionFormInput.readRevision(posted, of: resolution())
        var revised = resolution()
        revised.revisions = [reading.revision].compactMap { $0 }

        XCTAssertEqual(reading.revision?.targets.map(\.number), [6])
        XCTAssertEqual(reading.revision?.targets.first?.baseline, 2.6, "everything but wording and condition is kept")
        XCTAssertEqual(
            revised.targets(on: CivilDate(2027, 12, 31)).first { $0.number == 6 }?.condition,
            .atMost(1.5, exceedBound: nil))
        XCTAssertEqual(
            revised.targets(on: CivilDate(2028, 1, 1)).first { $0.number == 6 }?.condition, .atMost(1, exceedBound: nil)
        )
        XCTAssertEqual(
            revised.targets(on: CivilDate(2028, 1, 1)).first { $0.number == 6 }?.wording,
            "Tỷ lệ hộ nghèo giảm còn dưới 1%")
    }

    func testARevisionMustChangeSomethingAfterTheAdoption() {
        var posted = ResolutionFormInput.fields(for: nil, of: resolution())
        posted["so-ky-hieu"] = "12-NQ/TU"
        posted["trich-yeu"] = "Điều chỉnh"
        posted["ngay-hieu-luc"] = "01/10/2025"
        let none = ResolutionFormInput.readRevision(posted, of: resolution())
        posted["ngay-hieu-luc"] = "01/01/2028"
        posted["dc-3"] = "1"
        let unchanged = ResolutionFormInput.readRevision(posted, of: resolution())

        XCTAssertEqual(
            none.problems["ngay-hieu-luc"], "Ngày hiệu lực phải sau ngày thông qua nghị quyết (15/10/2025).")
        XCTAssertEqual(none.problems["chi-tieu"], "Hãy chọn ít nhất một chỉ tiêu được điều chỉnh.")
        XCTAssertEqual(
            unchanged.problems["dc-3-noi-dung"],
            "Chỉ tiêu số 3 chưa có gì thay đổi so với trước; hãy sửa nội dung hoặc mức cần đạt, hoặc bỏ chọn chỉ tiêu này."
        )
        XCTAssertNil(unchanged.revision)
    }

    func testEditingAnAdoptedTargetCarriesToItsRevisionWhatTheRevisionDidNotChange() {
        let old = resolution().targets[0]
        var revised = old
        revised.wording = "Tỷ lệ hộ nghèo giảm còn dưới 1%"
        revised.condition = .atMost(1, exceedBound: nil)
        var edited = old
        edited.indicatorCode = "TL2"
        edited.condition = .atMost(1.4, exceedBound: nil)

        let result = ResolutionRules.following(revised, from: old, to: edited)

        XCTAssertEqual(result.indicatorCode, "TL2")
        XCTAssertEqual(result.condition, .atMost(1, exceedBound: nil), "the revised condition stays")
        XCTAssertEqual(result.wording, "Tỷ lệ hộ nghèo giảm còn dưới 1%")
    }
}
