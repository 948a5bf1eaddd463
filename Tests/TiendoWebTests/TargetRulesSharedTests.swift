import TiendoCore
import TiendoImport
import XCTest

@testable import TiendoWeb

/// The same bad target, typed on screen and written in a YAML file, gets the same sentence: the
/// screen prints it next to the input, the file puts its line and key in front of it.
final class TargetRulesSharedTests: XCTestCase {
    private let indicators: [String: Indicator] = [
        "GRDP": Indicator(code: "GRDP", name: "Tổng sản phẩm trên địa bàn", unitOfMeasure: "tỷ đồng"),
        "TL": Indicator(code: "TL", name: "Tỷ lệ", unitOfMeasure: "%", decimals: 2, valueType: .percentage),
    ]

    /// What the screen says about `input` once `change` is made to a valid level target.
    private func screen(_ input: String, code: String = "GRDP", _ change: (inout [String: String]) -> Void) -> String? {
        let target = Target(
            number: 1, group: .kinhTe, wording: "Chỉ tiêu thử", indicatorCode: code, measure: .level,
            condition: .atLeast(100, exceedBound: nil), deadlineYear: 2030)
        var fields = TargetFormInput.fields(for: target, termStart: 2025, termEnd: 2030)
        change(&fields)
        let rules = TargetRules(termStart: 2025, termEnd: 2030, indicators: indicators, takenNumbers: [])
        return TargetFormInput.read(fields, rules: rules).problems[input]
    }

    /// The one issue of a file holding one target with `lines` after its first four keys.
    private func file(_ lines: String, code: String = "GRDP") throws -> ImportIssue {
        let text = """
            ma: thu-nghiem
            don_vi_ban_hanh: "46"
            so_ky_hieu: 01-NQ/ĐH
            trich_yeu: Nghị quyết thử
            nhiem_ky: 2025-2030
            ngay_thong_qua: 15/10/2025
            chi_tieu:
              - so: 1
                nhom: kinh tế
                noi_dung: Chỉ tiêu thử
                chi_so: \(code)

            """ + lines.split(separator: "\n").map { "    " + $0 + "\n" }.joined()
        do {
            _ = try ResolutionFile.parse(text: text, fileName: "nq.yaml", knownIndicatorCodes: ["GRDP", "TL"])
        } catch {
            XCTAssertEqual(error.issues.count, 1, error.description)
            return try XCTUnwrap(error.issues.first)
        }
        XCTFail("the file was accepted")
        throw CancellationError()
    }

    /// The sentence as a clause after a file's line and key: "Năm hạn … (thường là 2030)." reads
    /// "năm hạn … (thường là 2030)".
    private func clause(_ sentence: String?) -> String? {
        guard var sentence else { return nil }
        if sentence.hasSuffix(".") { sentence.removeLast() }
        return sentence.prefix(1).lowercased() + sentence.dropFirst()
    }

    func testADeadlineOutsideTheTermGetsOneSentence() throws {
        let onScreen = screen("han") { $0["han"] = "2035" }
        let inFile = try file("dieu_kien: {toi_thieu: 100}\nhan: 2035")

        XCTAssertEqual(
            onScreen, "Năm hạn 2035 nằm ngoài nhiệm kỳ 2025–2030; hãy chọn một năm trong nhiệm kỳ (thường là 2030).")
        XCTAssertEqual(inFile.reason, clause(onScreen))
        XCTAssertEqual(inFile.field, "chi_tieu[1].han")
        XCTAssertEqual(inFile.line, 13)
    }

    func testABaseYearNotBeforeTheDeadlineGetsOneSentence() throws {
        let onScreen = screen("nam-goc") {
            $0["cach-tinh"] = "tang-truong"
            $0["nam-goc"] = "2030"
        }
        let inFile = try file("cach_tinh: tăng trưởng bình quân\nnam_goc: 2030\ndieu_kien: {toi_thieu: 10}")

        XCTAssertEqual(onScreen, "Năm gốc 2030 phải trước năm hạn 2030 để tính được tốc độ tăng trưởng bình quân.")
        XCTAssertEqual(inFile.reason, clause(onScreen))
        XCTAssertEqual(inFile.field, "chi_tieu[1].nam_goc")
    }

    func testYearsInTheWrongOrderGetOneSentence() throws {
        let onScreen = screen("tu-nam") {
            $0["cach-tinh"] = "tong"
            $0["tu-nam"] = "2029"
            $0["den-nam"] = "2027"
        }
        let inFile = try file("cach_tinh: tổng\ntu_nam: 2029\nden_nam: 2027\ndieu_kien: {toi_thieu: 1}")

        XCTAssertEqual(onScreen, "Năm bắt đầu 2029 sau năm kết thúc 2027; hãy đổi lại, ví dụ từ 2026 đến 2030.")
        XCTAssertEqual(inFile.reason, clause(onScreen))
        XCTAssertEqual(inFile.field, "chi_tieu[1].tu_nam")
    }

    func testAnExceedBoundBelowTheFloorGetsOneSentence() throws {
        let onScreen = screen("dk-vuot") { $0["dk-vuot"] = "90" }
        let inFile = try file("dieu_kien: {toi_thieu: 100, moc_vuot: 90}")

        XCTAssertEqual(
            onScreen, "Mốc vượt phải lớn hơn hoặc bằng mức tối thiểu 100; để trống nếu chỉ tiêu không có mức “vượt”.")
        XCTAssertEqual(inFile.reason, clause(onScreen))
        XCTAssertEqual(inFile.field, "chi_tieu[1].dieu_kien.moc_vuot")
    }

    func testAShareAbove100PercentGetsOneSentence() throws {
        let onScreen = screen("dk-muc") {
            $0["cach-tinh"] = "ty-le-don-vi"
            $0["dv-loai"] = "toi-thieu"
            $0["dv-muc"] = "95"
            $0["dk-muc"] = "120"
        }
        let inFile = try file("cach_tinh: tỷ lệ đơn vị\ndon_vi_dat_khi: {toi_thieu: 95}\ndieu_kien: {toi_thieu: 120}")

        XCTAssertEqual(onScreen, "Tỷ lệ đơn vị đạt tính bằng %, phải từ 0 đến 100; ở đây là 120.")
        XCTAssertEqual(inFile.reason, clause(onScreen))
    }

    func testTolerancesGetOneSentence() throws {
        let relative = screen("gan-dat") {
            $0["gan-dat-loai"] = "tuong-doi"
            $0["gan-dat"] = "100"
        }
        let absolute = screen("gan-dat") {
            $0["gan-dat-loai"] = "tuyet-doi"
            $0["gan-dat"] = "-1"
        }

        XCTAssertEqual(
            try file("dieu_kien: {toi_thieu: 100}\ngan_dat: {tuong_doi: 100}").reason, clause(relative))
        XCTAssertEqual(try file("dieu_kien: {toi_thieu: 100}\ngan_dat: {tuyet_doi: -1}").reason, clause(absolute))
        XCTAssertEqual(
            relative, "Ngưỡng gần đạt tương đối tính bằng % của mức chỉ tiêu, phải từ 0 đến dưới 100; ví dụ 2.")
    }

    func testSentencesThatNameFieldsUseEachPlacesNames() throws {
        let onScreen = screen("dk-tu") {
            $0["dk-loai"] = "khoang"
            $0["dk-tu"] = "11"
            $0["dk-den"] = "10"
        }
        let inFile = try file("dieu_kien: {tu: 11, den: 10}")

        XCTAssertEqual(
            onScreen,
            "Cận dưới (11) lớn hơn cận trên (10); hãy ghi số nhỏ ở ô “từ”, số lớn ở ô “đến” — chỉ tiêu giảm thì ghi số âm và chọn “càng thấp càng tốt” ở ô hướng."
        )
        XCTAssertEqual(
            inFile.reason,
            "cận dưới “tu” (11) lớn hơn cận trên “den” (10); hãy ghi số nhỏ ở “tu”, số lớn ở “den” — chỉ tiêu giảm thì ghi số âm và chọn “càng thấp càng tốt” ở “huong”"
        )
    }

    func testARevisionBeforeTheAdoptionGetsOneSentence() throws {
        let resolution = Resolution(
            id: "thu-nghiem", issuingUnitID: UnitID("46@2025-07-01"), symbol: "01-NQ/ĐH", title: "Nghị quyết thử",
            termStart: 2025, termEnd: 2030, adoptedOn: CivilDate(2025, 10, 15),
            targets: [
                Target(
                    number: 1, group: .kinhTe, wording: "Chỉ tiêu thử", indicatorCode: "GRDP", measure: .level,
                    condition: .atLeast(100, exceedBound: nil), deadlineYear: 2030)
            ])
        var fields = ResolutionFormInput.fields(for: nil, of: resolution)
        fields["so-ky-hieu"] = "05-NQ/TU"
        fields["trich-yeu"] = "Điều chỉnh"
        fields["ngay-hieu-luc"] = "01/10/2025"
        fields["dc-1"] = "1"
        fields["dc-1-dk-muc"] = "105"
        let onScreen = ResolutionFormInput.readRevision(fields, of: resolution).problems["ngay-hieu-luc"]
        let text = """
            ma: thu-nghiem
            don_vi_ban_hanh: "46"
            so_ky_hieu: 01-NQ/ĐH
            trich_yeu: Nghị quyết thử
            nhiem_ky: 2025-2030
            ngay_thong_qua: 15/10/2025
            chi_tieu:
              - so: 1
                nhom: kinh tế
                noi_dung: Chỉ tiêu thử
                chi_so: GRDP
                dieu_kien: {toi_thieu: 100}
            dieu_chinh:
              - so_ky_hieu: 05-NQ/TU
                trich_yeu: Điều chỉnh
                ngay_hieu_luc: 01/10/2025
                chi_tieu:
                  - so: 1
                    dieu_kien: {toi_thieu: 105}

            """

        var inFile: [ImportIssue] = []
        do {
            _ = try ResolutionFile.parse(text: text, fileName: "nq.yaml", knownIndicatorCodes: ["GRDP"])
        } catch {
            inFile = error.issues
        }

        XCTAssertEqual(onScreen, "Ngày hiệu lực phải sau ngày thông qua nghị quyết (15/10/2025).")
        XCTAssertEqual(inFile.map(\.reason), [clause(onScreen)].compactMap { $0 })
        XCTAssertEqual(inFile.map(\.field), ["dieu_chinh[1].ngay_hieu_luc"])
    }
}
