import TiendoCore
import TiendoImport
import XCTest

final class DossierLogFileTests: XCTestCase {
    static let header =
        "ma_ho_so;ma_don_vi;thu_tuc;ngay_tiep_nhan;han_tra;ngay_tra;kenh;so_hoa;ket_qua_dien_tu;so_lan_bo_sung"

    func testReadsBothDateFormsChannelsAndFlags() throws {
        let text =
            "\u{FEFF}" + Self.header + "\r\n"
            + "H001;19831;Đăng ký khai sinh;02/03/2026;2026-03-10;09/03/2026;Trực tuyến;có;có;0\r\n"
            + "H002;19831;\"Chứng thực bản sao; từ bản chính\";5/3/2026;12/03/2026;;truc tiep;khong;không;2\r\n"
            + "H003;19753;Đăng ký kết hôn;2026-03-06;2026-03-13;;BƯU CHÍNH;Có;Không;\r\n"
        let rows = try DossierLogFile.parse(text: text, fileName: "ho-so.csv")
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(rows[0].line, 2)
        XCTAssertEqual(rows[0].received, CivilDate(2026, 3, 2))
        XCTAssertEqual(rows[0].due, CivilDate(2026, 3, 10))
        XCTAssertEqual(rows[0].finished, CivilDate(2026, 3, 9))
        XCTAssertEqual(rows[0].channel, .trucTuyen)
        XCTAssertTrue(rows[0].digitised)
        XCTAssertTrue(rows[0].electronicResult)
        XCTAssertEqual(rows[1].procedure, "Chứng thực bản sao; từ bản chính")
        XCTAssertEqual(rows[1].received, CivilDate(2026, 3, 5))
        XCTAssertNil(rows[1].finished)
        XCTAssertEqual(rows[1].channel, .trucTiep)
        XCTAssertFalse(rows[1].digitised)
        XCTAssertEqual(rows[1].supplementRequests, 2)
        XCTAssertEqual(rows[2].channel, .buuChinh)
        XCTAssertEqual(rows[2].supplementRequests, 0)
        XCTAssertEqual(rows[2].unitCode, "19753")
    }

    func testCommaSeparatedWithoutTheOptionalColumn() throws {
        let text =
            "ma_don_vi,ma_ho_so,thu_tuc,ngay_tiep_nhan,han_tra,ngay_tra,kenh,so_hoa,ket_qua_dien_tu\n"
            + "19831,H9,Khai tử,2026-01-05,2026-01-08,2026-01-07,trực tiếp,không,không\n"
        let rows = try DossierLogFile.parse(text: text, fileName: "a.csv")
        XCTAssertEqual(rows.map(\.id), ["H9"])
        XCTAssertEqual(rows[0].unitCode, "19831")
    }

    func testEveryBadLineIsReportedWithLineAndColumn() {
        let text =
            Self.header + "\n"
            + "H1;19831;Khai sinh;31/02/2026;10/03/2026;;trực tuyến;có;không;0\n"  // line 2: no 31/02
            + "H2;19831;Khai sinh;10/03/2026;05/03/2026;;trực tuyến;có;không;0\n"  // line 3: due before received
            + "H3;19831;Khai sinh;10/03/2026;15/03/2026;09/03/2026;trực tuyến;có;có;0\n"  // line 4: finished before
            + "H1;19831;Khai sinh;10/03/2026;15/03/2026;;trực tuyến;có;không;0\n"  // line 5: duplicate id
            + "H5;19831;Khai sinh;10/03/2026;15/03/2026;;fax;có;không;0\n"  // line 6: channel
            + "H6;19831;Khai sinh;10/03/2026;15/03/2026;;trực tiếp;chắc có;không;-1\n"  // line 7: flag, count
            + "H7;19831;Khai sinh;10/03/2026;15/03/2026;;trực tiếp;có;có;0\n"  // line 8: e-result while open
            + ";;;;;;trực tiếp;có;không;0\n"  // line 9: everything missing
            + "H9;19831;Khai sinh\n"  // line 10: too few cells
        XCTAssertThrowsError(try DossierLogFile.parse(text: text, fileName: "loi.csv")) { error in
            let failure = error as! ImportFailure
            let found = failure.issues.map { "\($0.line ?? 0) \($0.field ?? "-")" }
            XCTAssertEqual(
                found,
                [
                    "2 ngay_tiep_nhan", "3 han_tra", "4 ngay_tra", "5 ma_ho_so", "6 kenh", "7 so_hoa",
                    "7 so_lan_bo_sung", "8 ket_qua_dien_tu", "9 ma_ho_so", "9 ma_don_vi", "9 thu_tuc",
                    "9 ngay_tiep_nhan", "9 han_tra", "10 -",
                ])
            let text = failure.description
            XCTAssertTrue(
                text.contains("loi.csv, dòng 2, cột “ngay_tiep_nhan”: ngày tiếp nhận “31/02/2026” không hợp lệ"))
            XCTAssertTrue(text.contains("hạn trả kết quả 05/03/2026 trước ngày tiếp nhận 10/03/2026"))
            XCTAssertTrue(text.contains("ngày trả kết quả 09/03/2026 trước ngày tiếp nhận 10/03/2026"))
            XCTAssertTrue(text.contains("hồ sơ mã “H1” đã có ở dòng 2"))
            XCTAssertTrue(text.contains("kênh tiếp nhận “fax” không hợp lệ"))
            XCTAssertTrue(text.contains("chưa thể có kết quả điện tử"))
        }
    }

    func testAMissingColumnIsNamed() {
        let text =
            "ma_ho_so;ma_don_vi;thu_tuc;ngay_tiep_nhan;han_tra;ngay_tra;kenh;so_hoa\nH1;1;x;01/01/2026;02/01/2026;;trực tiếp;có\n"
        XCTAssertThrowsError(try DossierLogFile.parse(text: text, fileName: "a.csv")) { error in
            let failure = error as! ImportFailure
            XCTAssertEqual(failure.issues.map(\.field), ["ket_qua_dien_tu"])
        }
    }

    func testWrittenLogReadsBack() throws {
        let record = DossierRecord(
            id: "X-1", unitID: UnitID("u"), procedure: "Cấp giấy phép xây dựng; nhà ở riêng lẻ",
            received: CivilDate(2026, 2, 3), due: CivilDate(2026, 2, 20), finished: nil, channel: .buuChinh,
            digitised: true, electronicResult: false, supplementRequests: 1)
        let text = DossierLogFile.text([(record, "19831")])
        let rows = try DossierLogFile.parse(text: text, fileName: "x.csv")
        XCTAssertEqual(rows.first?.record(unitID: UnitID("u")), record)
    }
}
