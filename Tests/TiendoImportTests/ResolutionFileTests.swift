import TiendoCore
import XCTest

@testable import TiendoImport

final class ResolutionFileTests: XCTestCase {
    /// A small valid file; `targets` replaces the list under `chi_tieu` (lines 12 onwards).
    private func yaml(targets: String? = nil, top: String = "", indicators: String? = nil) -> String {
        let header = """
            ma: thu-nghiem
            don_vi_ban_hanh: "46"
            so_ky_hieu: 01-NQ/ĐH
            trich_yeu: Nghị quyết thử
            nhiem_ky: 2025-2030
            ngay_thong_qua: 15/10/2025
            chi_so:

            """
        let indicatorList =
            indicators ?? """
                  - ma: GRDP
                    ten: Tổng sản phẩm trên địa bàn
                    don_vi_tinh: tỷ đồng

                """
        let targetList =
            targets ?? """
                  - so: 1
                    nhom: kinh tế
                    noi_dung: Tăng trưởng bình quân 10–11%/năm
                    chi_so: GRDP
                    cach_tinh: tăng trưởng bình quân
                    dieu_kien: {tu: 10, den: 11}

                """
        return header + indicatorList + "chi_tieu:\n" + targetList + top
    }

    private func parse(_ text: String, known: Set<String> = []) throws -> ResolutionDocument {
        try ResolutionFile.parse(text: text, fileName: "nq.yaml", knownIndicatorCodes: known)
    }

    private func failure(
        _ text: String, known: Set<String> = [], file: StaticString = #filePath, line: UInt = #line
    ) -> ImportFailure? {
        do {
            _ = try ResolutionFile.parse(text: text, fileName: "nq.yaml", knownIndicatorCodes: known)
            XCTFail("expected the file to be rejected", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    /// A target block at lines 12… with `lines` after the fixed first four keys.
    private func target(_ lines: String, number: Int = 1, indicator: String = "GRDP") -> String {
        "  - so: \(number)\n    nhom: kinh tế\n    noi_dung: Chỉ tiêu thử\n    chi_so: \(indicator)\n"
            + lines.split(separator: "\n").map { "    " + $0 + "\n" }.joined()
    }

    // MARK: - Happy paths

    func testSmallFileParses() throws {
        let document = try parse(yaml())

        XCTAssertEqual(document.targets.count, 1)
        XCTAssertEqual(document.targets[0].measure, .averageGrowth(baseYear: 2025, geometric: true))
        XCTAssertEqual(document.targets[0].deadlineYear, 2030)
        XCTAssertEqual(document.indicators.map(\.code), ["GRDP"])
        XCTAssertTrue(document.assumptions.isEmpty)
    }

    func testByteOrderMarkCRLFAndISODates() throws {
        let text =
            "\u{FEFF}"
            + yaml().replacingOccurrences(of: "15/10/2025", with: "2025-10-15")
            .replacingOccurrences(of: "\n", with: "\r\n")

        let document = try parse(text)

        XCTAssertEqual(document.adoptedOn, CivilDate(2025, 10, 15))
    }

    func testEveryConditionForm() throws {
        let cases: [(String, Condition)] = [
            ("{toi_thieu: 100}", .atLeast(100, exceedBound: nil)),
            ("{tren: 98}", .atLeast(98, exceedBound: nil)),
            ("{toi_thieu: 98, moc_vuot: 99}", .atLeast(98, exceedBound: 99)),
            ("{toi_da: 1.5}", .atMost(1.5, exceedBound: nil)),
            ("{duoi: \"1,5\"}", .atMost(1.5, exceedBound: nil)),
            ("{toi_da: 3, moc_vuot: 2}", .atMost(3, exceedBound: 2)),
            ("{ke_hoach: \"25.000\"}", .plan(25_000)),
            ("{ke_hoach: 25000}", .plan(25_000)),
            ("{tu: 65, den: 80}", .between(low: 65, high: 80, direction: .higherIsBetter)),
            ("{tu: 1, den: 2, huong: càng thấp càng tốt}", .between(low: 1, high: 2, direction: .lowerIsBetter)),
            ("{tu: \"10%\", den: \"11%/năm\"}", .between(low: 10, high: 11, direction: .higherIsBetter)),
        ]
        for (written, expected) in cases {
            let document = try parse(yaml(targets: target("dieu_kien: \(written)")))
            XCTAssertEqual(document.targets[0].condition, expected, written)
        }
    }

    func testBlockStyleConditionAndVietnameseKeys() throws {
        let document = try parse(
            yaml(targets: target("Cách tính: Hàng năm\ndieu_kien:\n  tu: 65\n  den: 80\n  huong: cang cao cang tot")))

        XCTAssertEqual(document.targets[0].measure, .everyYear(fromYear: 2026, toYear: 2030))
        XCTAssertEqual(document.targets[0].condition, .between(low: 65, high: 80, direction: .higherIsBetter))
    }

    func testEveryMeasureWithItsKeysAndDefaults() throws {
        let cases: [(String, Measure)] = [
            ("cach_tinh: mức đạt", .level),
            ("", .level),
            (
                "cach_tinh: tăng trưởng bình quân\nnam_goc: 2024\nbinh_quan: cộng",
                .averageGrowth(baseYear: 2024, geometric: false)
            ),
            ("cach_tinh: tang_truong_binh_quan", .averageGrowth(baseYear: 2025, geometric: true)),
            ("cach_tinh: thay đổi bình quân", .averageChange(baseYear: 2025)),
            ("cach_tinh: thay_doi_binh_quan\nnam_goc: 2024", .averageChange(baseYear: 2024)),
            ("cach_tinh: tổng", .sum(fromYear: 2026, toYear: 2030)),
            ("cach_tinh: tổng\ntu_nam: 2025\nden_nam: 2029\nhan: 2029", .sum(fromYear: 2025, toYear: 2029)),
            ("cach_tinh: bình quân năm\nhan: 2028", .annualMean(fromYear: 2026, toYear: 2028)),
            ("cach_tinh: hằng năm\ntu_nam: 2027", .everyYear(fromYear: 2027, toYear: 2030)),
            ("cach_tinh: tỷ lệ đơn vị", .shareOfUnits(unitCondition: nil, unitKinds: nil)),
            (
                "cach_tinh: ty_le_don_vi\nloai_don_vi: [xã, phường]\ndon_vi_dat_khi: {toi_da: 2}",
                .shareOfUnits(unitCondition: .atMost(2, exceedBound: nil), unitKinds: [.xa, .phuong])
            ),
        ]
        let yesNo = "  - ma: NTM\n    ten: Đạt chuẩn nông thôn mới\n    kieu_gia_tri: có/không\n"
        for (written, expected) in cases {
            let indicator = written == "cach_tinh: tỷ lệ đơn vị" ? "NTM" : "GRDP"
            let text = yaml(
                targets: target(written + "\ndieu_kien: {toi_thieu: 1}", indicator: indicator),
                indicators: "  - ma: GRDP\n    ten: GRDP\n    don_vi_tinh: tỷ đồng\n" + yesNo)
            XCTAssertEqual(try parse(text).targets[0].measure, expected, written)
        }
    }

    func testToleranceDecimalsBaselineAndDeadline() throws {
        let document = try parse(
            yaml(
                targets: target(
                    "dieu_kien: {toi_thieu: 100}\ngan_dat: {tuyet_doi: \"0,5\"}\nso_thap_phan: 1\nso_lieu_goc: \"95,2\"\nhan: 2028"
                )
                    + target("dieu_kien: {toi_thieu: 100}\ngan_dat:\n  tuong_doi: 5", number: 2)))

        XCTAssertEqual(document.targets[0].tolerance, .absolute(0.5))
        XCTAssertEqual(document.targets[0].decimals, 1)
        XCTAssertEqual(document.targets[0].baseline, 95.2)
        XCTAssertEqual(document.targets[0].deadlineYear, 2028)
        XCTAssertEqual(document.targets[1].tolerance, .relative(0.05))
        XCTAssertNil(document.targets[1].decimals)
    }

    func testEverySpaceAndTimeAggregationAndValueType() throws {
        let indicators = """
              - {ma: A, ten: A, tong_hop_len_cap_tren: cộng, tong_hop_theo_thoi_gian: cộng}
              - {ma: B, ten: B, tong_hop_len_cap_tren: trung bình, tong_hop_theo_thoi_gian: trung bình, kieu_gia_tri: số}
              - {ma: C, ten: C, tong_hop_len_cap_tren: nhỏ nhất, tong_hop_theo_thoi_gian: số cuối kỳ, kieu_gia_tri: số đếm}
              - {ma: D, ten: D, tong_hop_len_cap_tren: lớn nhất}
              - {ma: E, ten: E, tong_hop_len_cap_tren: không tổng hợp, kieu_gia_tri: tỷ lệ phần trăm}
              - {ma: F, ten: F, don_vi_tinh: "%", tu_so: A, mau_so: C}
              - {ma: G, ten: G, tong_hop_len_cap_tren: tỷ số, tu_so: A, mau_so: B, he_so: 1000, tong_hop_theo_thoi_gian: tỷ số}
              - {ma: GRDP, ten: GRDP, kieu_gia_tri: có/không}

            """

        let byCode = Dictionary(
            uniqueKeysWithValues: try parse(yaml(indicators: indicators)).indicators.map { ($0.code, $0) })

        XCTAssertEqual(byCode["A"]?.space, .sum)
        XCTAssertEqual(byCode["A"]?.time, .sum)
        XCTAssertEqual(byCode["B"]?.space, .mean)
        XCTAssertEqual(byCode["B"]?.time, .mean)
        XCTAssertEqual(byCode["C"]?.space, .min)
        XCTAssertEqual(byCode["C"]?.time, .last)
        XCTAssertEqual(byCode["C"]?.valueType, .count)
        XCTAssertEqual(byCode["D"]?.space, .max)
        XCTAssertEqual(byCode["E"]?.space, SpaceAggregation.none)
        XCTAssertEqual(byCode["E"]?.valueType, .percentage)
        XCTAssertEqual(byCode["E"]?.time, .last)
        XCTAssertEqual(byCode["F"]?.space, .ratio(numerator: "A", denominator: "C", multiplier: 100))
        XCTAssertEqual(byCode["F"]?.time, .ratio)
        XCTAssertEqual(byCode["F"]?.valueType, .percentage)
        XCTAssertEqual(byCode["F"]?.decimals, 2)
        XCTAssertEqual(byCode["G"]?.space, .ratio(numerator: "A", denominator: "B", multiplier: 1000))
        XCTAssertEqual(byCode["G"]?.valueType, .number)
        XCTAssertEqual(byCode["GRDP"]?.valueType, .yesNo)
    }

    func testIndicatorsMayComeFromTheSystem() throws {
        let text = yaml(targets: target("dieu_kien: {toi_thieu: 1}", indicator: "THU_NSNN"))

        XCTAssertEqual(try parse(text, known: ["THU_NSNN"]).targets[0].indicatorCode, "THU_NSNN")
        let issue = try XCTUnwrap(failure(text)?.issues.first)
        XCTAssertEqual(issue.line, 15)
        XCTAssertEqual(issue.field, "chi_tieu[1].chi_so")
        XCTAssertTrue(issue.reason.contains("chưa được khai báo trong mục chi_so"), issue.reason)
    }

    func testChiSoSectionIsOptional() throws {
        let text = yaml().replacingOccurrences(
            of: "chi_so:\n  - ma: GRDP\n    ten: Tổng sản phẩm trên địa bàn\n    don_vi_tinh: tỷ đồng\n", with: "")

        let document = try parse(text, known: ["GRDP"])

        XCTAssertTrue(document.indicators.isEmpty)
        XCTAssertEqual(document.targets.count, 1)
    }

    func testRevisionMayAddACompleteNewTarget() throws {
        let text = yaml(
            top: """
                dieu_chinh:
                  - so_ky_hieu: 05-NQ/TU
                    trich_yeu: Điều chỉnh
                    ngay_hieu_luc: 2028-01-01
                    chi_tieu:
                      - so: 2
                        nhom: kinh tế
                        noi_dung: Chỉ tiêu mới
                        chi_so: GRDP
                        dieu_kien: {toi_thieu: 5}
                      - so: 1
                        dieu_kien: {tu: 9, den: 10}

                """)

        let revision = try XCTUnwrap(try parse(text).revisions.first)

        XCTAssertEqual(revision.targets.map(\.number), [2, 1])
        XCTAssertEqual(revision.targets[1].measure, .averageGrowth(baseYear: 2025, geometric: true))
        XCTAssertEqual(revision.targets[1].condition, .between(low: 9, high: 10, direction: .higherIsBetter))
    }

    // MARK: - Bad files

    func testTabIndentationIsASyntaxErrorOnItsLine() throws {
        let text = yaml().replacingOccurrences(of: "    nhom: kinh tế", with: "\tnhom: kinh tế")

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(failure.issues.count, 1)
        XCTAssertEqual(failure.issues[0].line, 13)
        XCTAssertTrue(failure.issues[0].reason.contains("Tab"), failure.description)
    }

    func testUnquotedPercentSignAndColonInValue() throws {
        let percent = try XCTUnwrap(
            failure(yaml().replacingOccurrences(of: "don_vi_tinh: tỷ đồng", with: "don_vi_tinh: %")))
        XCTAssertEqual(percent.issues.map(\.line), [10])
        XCTAssertTrue(percent.issues[0].reason.contains("ngoặc kép"), percent.description)

        let colon = try XCTUnwrap(
            failure(yaml().replacingOccurrences(of: "noi_dung: Tăng trưởng", with: "noi_dung: Chỉ tiêu 1: Tăng trưởng"))
        )
        XCTAssertEqual(colon.issues.map(\.line), [14])
        XCTAssertTrue(colon.issues[0].reason.contains("dấu hai chấm"), colon.description)
    }

    func testUnclosedQuote() throws {
        let failure = try XCTUnwrap(
            failure(yaml().replacingOccurrences(of: "so_ky_hieu: 01-NQ/ĐH", with: "so_ky_hieu: \"01-NQ/ĐH")))

        XCTAssertEqual(failure.issues.count, 1)
        XCTAssertTrue(failure.issues[0].reason.contains("ngoặc kép"), failure.description)
        XCTAssertTrue(failure.description.hasPrefix("nq.yaml, dòng 3"), failure.description)
    }

    func testDuplicateKeyInOneTarget() throws {
        let failure = try XCTUnwrap(failure(yaml(targets: target("dieu_kien: {toi_thieu: 1}\nnhom: kinh tế"))))

        XCTAssertEqual(failure.issues.count, 1)
        XCTAssertEqual(failure.issues[0].line, 17, "the second occurrence")
        XCTAssertTrue(
            failure.issues[0].reason.contains("“nhom” được ghi hai lần trong cùng một mục (lần đầu ở dòng 13)"),
            failure.description)
    }

    func testUnknownKeySuggestsTheRightOne() throws {
        let text = yaml(targets: target("dieu_kien: {toi_thieu: 1}\ncach_thinh: tổng"))

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(failure.issues.count, 1)
        XCTAssertEqual(failure.issues[0].line, 17)
        XCTAssertEqual(failure.issues[0].field, "chi_tieu[1].cach_thinh")
        XCTAssertEqual(
            failure.issues[0].description,
            "nq.yaml, dòng 17, khóa “chi_tieu[1].cach_thinh”: khóa “cach_thinh” không có trong mẫu chỉ tiêu; có phải là “cach_tinh”? Hãy sửa tên khóa"
        )
    }

    func testConditionKeyAtTargetLevelSaysWhereItBelongs() throws {
        let failure = try XCTUnwrap(failure(yaml(targets: target("tu: 10\nden: 11"))))

        XCTAssertEqual(failure.issues.map(\.line), [12, 16, 17])
        XCTAssertTrue(failure.issues[0].reason.contains("thiếu khóa “dieu_kien”"), failure.description)
        XCTAssertTrue(failure.issues[1].reason.contains("phải nằm trong “dieu_kien”"), failure.description)
    }

    func testMissingRequiredKeysAreAllReported() throws {
        let failure = try XCTUnwrap(
            failure(yaml(targets: "  - so: 1\n    chi_so: GRDP\n    dieu_kien: {toi_thieu: 1}\n")))

        XCTAssertEqual(failure.issues.map(\.field), ["chi_tieu[1].nhom", "chi_tieu[1].noi_dung"])
        XCTAssertEqual(failure.issues.map(\.line), [12, 12])
        XCTAssertTrue(failure.issues[0].reason.hasPrefix("thiếu khóa “nhom”"), failure.description)
    }

    func testMissingTopLevelKeys() throws {
        let text = yaml().replacingOccurrences(of: "so_ky_hieu: 01-NQ/ĐH\n", with: "")
            .replacingOccurrences(of: "nhiem_ky: 2025-2030\n", with: "")

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(failure.issues.map(\.field), ["so_ky_hieu", "nhiem_ky"])
    }

    func testDuplicateTargetNumbers() throws {
        let text = yaml(targets: target("dieu_kien: {toi_thieu: 1}") + target("dieu_kien: {toi_thieu: 2}"))

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(failure.issues.count, 1)
        XCTAssertEqual(failure.issues[0].line, 17)
        XCTAssertEqual(failure.issues[0].field, "chi_tieu[2].so")
        XCTAssertTrue(failure.issues[0].reason.contains("đã dùng ở dòng 12"), failure.description)
    }

    func testBadNumbers() throws {
        let text = yaml(
            targets: target("dieu_kien: {toi_thieu: 12a}")
                + target("dieu_kien: {ke_hoach: \"25.000 tỷ đồng\"}", number: 2))

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(failure.issues.map(\.line), [16, 21])
        XCTAssertEqual(
            failure.issues.map(\.field), ["chi_tieu[1].dieu_kien.toi_thieu", "chi_tieu[2].dieu_kien.ke_hoach"])
        XCTAssertTrue(failure.issues[0].reason.contains("“12a” không phải là số"), failure.description)
        XCTAssertTrue(failure.issues[1].reason.contains("đơn vị tính"), failure.description)
    }

    func testDecimalCommaInsideBracesNeedsQuotes() throws {
        let failure = try XCTUnwrap(failure(yaml(targets: target("dieu_kien: {toi_da: 1,5}"))))

        XCTAssertEqual(failure.issues.count, 1)
        XCTAssertEqual(failure.issues[0].line, 16)
        XCTAssertTrue(failure.issues[0].reason.contains("{toi_da: \"1,5\"}"), failure.description)
    }

    func testLowAboveHigh() throws {
        let failure = try XCTUnwrap(failure(yaml(targets: target("dieu_kien:\n  tu: 80\n  den: 65"))))

        XCTAssertEqual(failure.issues.count, 1)
        XCTAssertEqual(failure.issues[0].line, 17)
        XCTAssertEqual(failure.issues[0].field, "chi_tieu[1].dieu_kien.tu")
        XCTAssertTrue(
            failure.issues[0].reason.hasPrefix("cận dưới “tu” (80) lớn hơn cận trên “den” (65)"), failure.description)
    }

    func testConditionFormsThatDoNotFit() throws {
        let text = yaml(
            targets: target("dieu_kien: {toi_thieu: 1, toi_da: 2}") + target("dieu_kien: {tu: 1}", number: 2)
                + target("dieu_kien: {}", number: 3) + target("dieu_kien: 100", number: 4)
                + target("dieu_kien: {toi_thieu: 1, tren: 1}", number: 5))

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(failure.issues.count, 5, failure.description)
        XCTAssertTrue(failure.issues[0].reason.contains("chỉ được ghi một cách"), failure.description)
        XCTAssertTrue(failure.issues[1].reason.contains("thiếu “den”"), failure.description)
        XCTAssertTrue(failure.issues[2].reason.contains("chưa có mức cần đạt"), failure.description)
        XCTAssertTrue(failure.issues[3].reason.contains("phải là một nhóm khóa"), failure.description)
        XCTAssertTrue(failure.issues[4].reason.contains("cùng một nghĩa"), failure.description)
    }

    func testDeadlineAndYearsOutsideTheTerm() throws {
        let text = yaml(
            targets: target("dieu_kien: {toi_thieu: 1}\nhan: 2035")
                + target("cach_tinh: tổng\ntu_nam: 2030\nden_nam: 2026\ndieu_kien: {toi_thieu: 1}", number: 2)
                + target("cach_tinh: tăng trưởng bình quân\nnam_goc: 2030\ndieu_kien: {toi_thieu: 1}", number: 3))

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(failure.issues.map(\.field), ["chi_tieu[1].han", "chi_tieu[2].tu_nam", "chi_tieu[3].nam_goc"])
        XCTAssertTrue(failure.issues[0].reason.contains("nằm ngoài nhiệm kỳ 2025–2030"), failure.description)
    }

    func testKeysOfAnotherMeasure() throws {
        let failure = try XCTUnwrap(
            failure(yaml(targets: target("cach_tinh: mức đạt\nnam_goc: 2025\ntu_nam: 2026\ndieu_kien: {toi_thieu: 1}")))
        )

        XCTAssertEqual(failure.issues.map(\.field), ["chi_tieu[1].nam_goc", "chi_tieu[1].tu_nam"])
        XCTAssertTrue(
            failure.issues[0].reason.contains("chỉ dùng khi cach_tinh là “tăng trưởng bình quân”"), failure.description)
        XCTAssertTrue(failure.issues[1].reason.contains("“tổng”, “bình quân năm”, “hằng năm”"), failure.description)
    }

    func testUnknownChoiceValues() throws {
        let text = yaml(
            targets: target("cach_tinh: tăng trưởg bình quân\ndieu_kien: {toi_thieu: 1}").replacingOccurrences(
                of: "nhom: kinh tế", with: "nhom: kinh doanh"))

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(failure.issues.map(\.field), ["chi_tieu[1].nhom", "chi_tieu[1].cach_tinh"])
        XCTAssertTrue(failure.issues[1].reason.contains("có phải là “tăng trưởng bình quân”?"), failure.description)
    }

    func testBadDatesAndTerm() throws {
        let text = yaml().replacingOccurrences(of: "15/10/2025", with: "31/02/2025")
            .replacingOccurrences(of: "nhiem_ky: 2025-2030", with: "nhiem_ky: 2030-2025")

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(failure.issues.map(\.field), ["nhiem_ky", "ngay_thong_qua"])
        XCTAssertTrue(failure.issues[1].reason.contains("ngày “31/02/2025” không hợp lệ"), failure.description)
    }

    func testIndicatorProblems() throws {
        let indicators = """
              - {ma: GRDP, ten: GRDP}
              - {ma: TY_LE, ten: Tỷ lệ, don_vi_tinh: "%", tong_hop_len_cap_tren: cộng}
              - {ma: R, ten: R, tong_hop_len_cap_tren: tỷ số, tu_so: SO_HO}
              - {ma: GRDP, ten: Trùng}
              - {ma: "MA CO DAU CACH", ten: X}

            """

        let failure = try XCTUnwrap(failure(yaml(indicators: indicators)))

        XCTAssertEqual(
            failure.issues.map(\.field),
            ["chi_so[2].tong_hop_len_cap_tren", "chi_so[3].mau_so", "chi_so[3].tu_so", "chi_so[4].ma", "chi_so[5].ma"])
        XCTAssertEqual(failure.issues.map(\.line), [9, 10, 10, 11, 12])
        XCTAssertTrue(failure.issues[0].reason.contains("không được cộng các tỷ lệ phần trăm"), failure.description)
        XCTAssertTrue(failure.issues[2].reason.contains("“SO_HO” chưa được khai báo"), failure.description)
        XCTAssertTrue(failure.issues[3].reason.contains("đã khai báo ở dòng 8"), failure.description)
    }

    func testShareOfUnitsNeedsAYesNoIndicatorOrAUnitCondition() throws {
        let failure = try XCTUnwrap(
            failure(yaml(targets: target("cach_tinh: tỷ lệ đơn vị\ndieu_kien: {toi_thieu: 100}"))))

        XCTAssertEqual(failure.issues.map(\.field), ["chi_tieu[1].cach_tinh"])
        XCTAssertTrue(failure.issues[0].reason.contains("don_vi_dat_khi"), failure.description)
    }

    func testRevisionProblems() throws {
        let text = yaml(
            top: """
                dieu_chinh:
                  - so_ky_hieu: 05-NQ/TU
                    trich_yeu: Điều chỉnh
                    ngay_hieu_luc: 01/10/2025
                    chi_tieu:
                      - so: 7
                        dieu_kien: {toi_thieu: 5}

                """)

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(
            failure.issues.map(\.field),
            [
                "dieu_chinh[1].ngay_hieu_luc", "dieu_chinh[1].chi_tieu[1].nhom", "dieu_chinh[1].chi_tieu[1].noi_dung",
                "dieu_chinh[1].chi_tieu[1].chi_so",
            ])
        XCTAssertTrue(failure.issues[0].reason.contains("phải sau ngày thông qua"), failure.description)
        XCTAssertTrue(failure.issues[2].reason.contains("không có trong nghị quyết ban đầu"), failure.description)
    }

    func testARevisionOfABrokenTargetAddsNoSecondError() throws {
        let text = yaml(
            targets: target("cach_tinh: không biết\ndieu_kien: {toi_thieu: 1}"),
            top: """
                dieu_chinh:
                  - so_ky_hieu: 05-NQ/TU
                    trich_yeu: Điều chỉnh
                    ngay_hieu_luc: 01/01/2028
                    chi_tieu:
                      - so: 1
                        dieu_kien: {toi_thieu: 5}

                """)

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(failure.issues.map(\.field), ["chi_tieu[1].cach_tinh"])
    }

    func testEmptyFileAndNotAMapping() throws {
        XCTAssertTrue(try XCTUnwrap(failure("")).description.contains("tệp trống"))
        XCTAssertTrue(try XCTUnwrap(failure("# chỉ có chú thích\n")).description.contains("tệp trống"))
        let list = try XCTUnwrap(failure("- a\n- b\n"))
        XCTAssertTrue(list.description.contains("phải là một nhóm khóa"), list.description)
    }

    func testAllIssuesOfAFileComeTogetherInLineOrder() throws {
        let text = yaml(
            targets: target("dieu_kien: {tu: 11, den: 10}")
                + target("cach_thinh: tổng\ndieu_kien: {toi_thieu: abc}", number: 2)
        )
        .replacingOccurrences(of: "ma: thu-nghiem", with: "ma: thử nghiệm")

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(failure.issues.count, 4, failure.description)
        XCTAssertEqual(failure.issues.map(\.line), [1, 16, 21, 22])
        XCTAssertEqual(failure.description.split(separator: "\n").count, 4)
        XCTAssertTrue(failure.report().hasPrefix("Tệp “nq.yaml” có 4 lỗi nên chưa nhập gì"), failure.report())
    }

    func testUnknownIssuingUnitMessagePointsAtTheLine() throws {
        let document = try parse(yaml())

        let failure = document.unknownIssuingUnitFailure()

        XCTAssertEqual(failure.issues.map(\.line), [2])
        XCTAssertTrue(
            failure.description.hasPrefix(
                "nq.yaml, dòng 2, khóa “don_vi_ban_hanh”: không có đơn vị nào mang mã “46” vào ngày 15/10/2025"),
            failure.description)
    }
}
