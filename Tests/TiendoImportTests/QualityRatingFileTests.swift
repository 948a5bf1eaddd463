import TiendoCore
import TiendoImport
import XCTest

/// The CSV list of quality ratings and the lines typed on the web page: what is accepted, and
/// every problem with its line and column.
final class QualityRatingFileTests: XCTestCase {
    func testReadsSemicolonFileWithBOMAndEveryLevelForm() throws {
        let text = """
            \u{FEFF}nam;ma_don_vi;loai;nhom;ten;xep_loai;ghi_chu
            2027;19831;dang-vien;Chi bộ Khu vực 3;Nguyễn Văn An;HTXSNV;
            2027;19831;Đảng viên;Chi bộ Khu vực 3;Trần Thị Bình;hoan thanh tot nhiem vu;chuyển đến tháng 6
            2027;19831;dv;Chi bộ Khu vực 3;Lê Văn Cường;Hoàn thành nhiệm vụ;
            2027;19831;tccs;Đảng bộ phường Phong Dinh;Chi bộ Khu vực 3;KHTNV;
            """
        let rows = try QualityRatingFile.parse(text: text, fileName: "xep-loai.csv")

        XCTAssertEqual(rows.map(\.level), [.htxsnv, .httnv, .htnv, .khtnv])
        XCTAssertEqual(rows.map(\.kind), [.dangVien, .dangVien, .dangVien, .toChucCoSoDang])
        XCTAssertEqual(rows.map(\.line), [2, 3, 4, 5])
        XCTAssertEqual(rows[1].note, "chuyển đến tháng 6")
        XCTAssertNil(rows[0].note)
        XCTAssertEqual(rows[0].group, "Chi bộ Khu vực 3")
    }

    /// docs/xep-loai.md's example, checked by hand there: 19 members (17 good or better) and
    /// 3 organisations, with the two warnings the page lists.
    func testDocumentedExample() throws {
        let url = TestFiles.repositoryRoot.appendingPathComponent("docs/examples/xep-loai-phong-dinh-2027.csv")
        let rows = try QualityRatingFile.parse(text: try String(contentsOf: url, encoding: .utf8), fileName: "vd.csv")
        let ratings = rows.map { $0.rating(unitID: UnitID("19831@2025-07-01")) }
        let tallies = QualityTally.of(ratings)

        XCTAssertEqual(tallies.map(\.total), [3, 19])
        XCTAssertEqual(tallies.map(\.goodOrBetter), [2, 17])
        XCTAssertEqual(
            QualityRatingRules.warnings(ratings).map(\.message),
            [
                "Đảng bộ phường Phong Dinh: 1 tổ chức cơ sở đảng “Hoàn thành xuất sắc nhiệm vụ” vượt 20% số “Hoàn thành tốt nhiệm vụ” (1 → tối đa 0)",
                "Chi bộ Khu vực 3: 3 đảng viên “Hoàn thành xuất sắc nhiệm vụ” vượt 20% số “Hoàn thành tốt nhiệm vụ” (8 → tối đa 1)",
            ])
    }

    func testCommaFileWithoutOptionalColumns() throws {
        let text = "ten,xep_loai,loai,ma_don_vi,nam\nNguyễn Văn An,HTTNV,dang-vien,19831,2027\n"
        let rows = try QualityRatingFile.parse(text: text, fileName: "x.csv")
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows[0].group, "")
        XCTAssertEqual(rows[0].unitCode, "19831")
    }

    func testEveryProblemHasLineAndColumnInVietnamese() {
        let text = """
            nam;ma_don_vi;loai;nhom;ten;xep_loai;ghi_chu
            27;19831;dang-vien;Chi bộ 1;Đỗ Văn Giang;HTTNV;
            2027;Phong Dinh;dang-vien;Chi bộ 1;Trần Thị Bình;HTTNV;
            2027;19831;đoàn viên;Chi bộ 1;Lê Văn Cường;HTTNV;
            2027;19831;dang-vien;Chi bộ 1;;HTTNV;
            2027;19831;dang-vien;Chi bộ 1;Phạm Văn Dũng;Khá;
            2027;19831;dang-vien;Chi bộ 1;Võ Thị Em;;
            2027;19831;dang-vien;Chi bộ 1;Hồ Văn Phúc;HTTNV
            2027;19831;dang-vien;Chi bộ 2;nguyễn  văn an;HTNV;
            2027;19831;dang-vien;Chi bộ 2;Nguyễn Văn An;HTNV;
            """
        XCTAssertThrowsError(try QualityRatingFile.parse(text: text, fileName: "xep-loai.csv")) { error in
            let failure = error as! ImportFailure
            let lines = failure.issues.map(\.description)
            XCTAssertTrue(lines[0].hasPrefix("xep-loai.csv, dòng 2, cột “nam”: năm “27” không hợp lệ"), lines[0])
            XCTAssertTrue(
                lines.contains { $0.hasPrefix("xep-loai.csv, dòng 3, cột “ma_don_vi”: mã đơn vị “Phong Dinh”") })
            XCTAssertTrue(
                lines.contains { $0.hasPrefix("xep-loai.csv, dòng 4, cột “loai”: loại “đoàn viên” không hợp lệ") })
            XCTAssertTrue(lines.contains { $0.hasPrefix("xep-loai.csv, dòng 5, cột “ten”: ô tên để trống") })
            XCTAssertTrue(
                lines.contains {
                    $0.hasPrefix(
                        "xep-loai.csv, dòng 6, cột “xep_loai”: mức xếp loại “Khá” không hợp lệ; hãy ghi một trong bốn mức"
                    )
                })
            XCTAssertTrue(lines.contains { $0.hasPrefix("xep-loai.csv, dòng 7, cột “xep_loai”: ô xếp loại để trống") })
            XCTAssertTrue(
                lines.contains { $0.hasPrefix("xep-loai.csv, dòng 8: dòng có 6 ô nhưng dòng tiêu đề có 7 cột") })
            // The same member twice (case and spacing aside), even in another group.
            XCTAssertTrue(
                lines.contains {
                    $0.hasPrefix("xep-loai.csv, dòng 10, cột “ten”: “Nguyễn Văn An” (đảng viên) đã có ở dòng 9")
                })
            XCTAssertEqual(failure.issues.count, 8, "\(lines)")
            XCTAssertTrue(failure.headline.contains("nên chưa nhập gì"))
        }
    }

    func testSameNameIsAllowedForAnotherKindYearOrUnit() throws {
        let text = """
            nam;ma_don_vi;loai;nhom;ten;xep_loai;ghi_chu
            2027;19831;tccs;Đảng bộ phường;Chi bộ Khu vực 3;HTTNV;
            2027;19831;chi-bo;Đảng bộ cơ sở;Chi bộ Khu vực 3;HTTNV;
            2026;19831;tccs;Đảng bộ phường;Chi bộ Khu vực 3;HTTNV;
            2027;19753;tccs;Đảng bộ phường;Chi bộ Khu vực 3;HTTNV;
            """
        XCTAssertEqual(try QualityRatingFile.parse(text: text, fileName: "x.csv").count, 4)
    }

    func testMissingColumnIsNamed() {
        let text = "nam;ma_don_vi;loai;ten\n2027;19831;dang-vien;An\n"
        XCTAssertThrowsError(try QualityRatingFile.parse(text: text, fileName: "x.csv")) { error in
            let issue = (error as! ImportFailure).issues[0]
            XCTAssertEqual(issue.field, "xep_loai")
            XCTAssertTrue(issue.reason.contains("thiếu cột “xep_loai”"))
        }
    }

    func testTypedLinesWithSemicolonsOrTabs() throws {
        let text =
            "Nguyễn Văn An; Chi bộ Khu vực 3; HTXSNV\n\nTrần Thị Bình\tChi bộ Khu vực 3\tHoàn thành tốt nhiệm vụ\tmới chuyển đến\n"
        let rows = try QualityRatingFile.parseLines(
            text, boxName: "Ô “Đảng viên”", year: 2027, unitCode: "19831", kind: .dangVien)
        XCTAssertEqual(rows.map(\.subject), ["Nguyễn Văn An", "Trần Thị Bình"])
        XCTAssertEqual(rows.map(\.line), [1, 3])
        XCTAssertEqual(rows[1].note, "mới chuyển đến")
        XCTAssertEqual(rows.map(\.level), [.htxsnv, .httnv])
        // What the page shows is read back as it is.
        let back = try QualityRatingFile.parseLines(
            QualityRatingFile.lines(rows.map { $0.rating(unitID: UnitID("19831@2025-07-01")) }),
            boxName: "b", year: 2027, unitCode: "19831", kind: .dangVien)
        XCTAssertEqual(back.map(\.subject), rows.map(\.subject))
        XCTAssertEqual(back.map(\.note), rows.map(\.note))
    }

    func testTypedLineProblems() {
        let text =
            "Nguyễn Văn An; HTXSNV\n; Chi bộ 1; HTT\nLê Văn C; Chi bộ 1; giỏi\nLê Văn D; Chi bộ 1; HTT\nlê văn d; Chi bộ 2; HT"
        XCTAssertThrowsError(
            try QualityRatingFile.parseLines(
                text, boxName: "Ô “Đảng viên”", year: 2027, unitCode: "19831", kind: .dangVien)
        ) { error in
            let lines = (error as! ImportFailure).issues.map(\.description)
            XCTAssertEqual(lines.count, 4, "\(lines)")
            XCTAssertTrue(lines[0].hasPrefix("Ô “Đảng viên”, dòng 1: dòng có 2 phần"), lines[0])
            XCTAssertTrue(lines[1].hasPrefix("Ô “Đảng viên”, dòng 2, trường “tên”: tên để trống"), lines[1])
            XCTAssertTrue(lines[2].hasPrefix("Ô “Đảng viên”, dòng 3, trường “xếp loại”: mức xếp loại “giỏi”"), lines[2])
            XCTAssertTrue(
                lines[3].hasPrefix("Ô “Đảng viên”, dòng 5, trường “tên”: “lê văn d” (đảng viên) đã có ở dòng 4"),
                lines[3])
        }
    }
}
