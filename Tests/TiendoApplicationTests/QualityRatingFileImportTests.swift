import Foundation
import TiendoCore
import TiendoDemo
import TiendoImport
import TiendoStorage
import TiendoTestSupport
import XCTest

@testable import TiendoApplication

/// `tiendo import xep-loai`: a ward's list for a year, from a CSV file, on the demo.
final class QualityRatingFileImportTests: XCTestCase {
    static let officer = FigureFiles.Person(username: "phongdinh", displayName: "Cán bộ Phong Dinh")

    static let file = """
        nam;ma_don_vi;loai;nhom;ten;xep_loai;ghi_chu
        2027;19831;tccs;Đảng bộ phường Phong Dinh;Chi bộ Khu vực 1;HTTNV;
        2027;19831;tccs;Đảng bộ phường Phong Dinh;Chi bộ Khu vực 3;HTTNV;
        2027;19831;dang-vien;Chi bộ Khu vực 3;Nguyễn Văn An;HTXSNV;
        2027;19831;dang-vien;Chi bộ Khu vực 3;Trần Thị Bình;HTXSNV;
        2027;19831;dang-vien;Chi bộ Khu vực 3;Lê Văn Cường;HTTNV;
        2027;19831;dang-vien;Chi bộ Khu vực 3;Phạm Thị Dung;HTTNV;
        2027;19831;dang-vien;Chi bộ Khu vực 3;Võ Văn Em;HTTNV;
        2027;19831;dang-vien;Chi bộ Khu vực 3;Hồ Thị Giang;HTTNV;
        2027;19831;dang-vien;Chi bộ Khu vực 3;Đỗ Văn Hải;HTTNV;
        2027;19831;dang-vien;Chi bộ Khu vực 3;Bùi Thị Khánh;HTNV;

        """

    func testImportStoresTheListWarnsAndAgainChangesNothing() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)

            let first = try await QualityRatingFiles.importCSV(
                data: Data(Self.file.utf8), fileName: "xep-loai-2027.csv", person: Self.officer, store: store)
            let again = try await QualityRatingFiles.importCSV(
                data: Data(Self.file.utf8), fileName: "xep-loai-2027.csv", person: Self.officer, store: store)
            let ward = try XCTUnwrap(first.lists.first?.unit)
            let stored = try await store.qualityRatings(unit: ward.unitID, year: 2027)
            let rollUp = try await store.snapshot().rollUp

            XCTAssertEqual(stored.count, 10, name)
            XCTAssertEqual(
                first.warningLines,
                [
                    "Phường Phong Dinh, năm 2027 — Chi bộ Khu vực 3: 2 đảng viên “Hoàn thành xuất sắc nhiệm vụ” vượt 20% số “Hoàn thành tốt nhiệm vụ” (5 → tối đa 1)"
                ], name)
            XCTAssertTrue(first.summary.contains("Đã nhập 10 xếp loại chất lượng của 1 danh sách"), first.summary)
            XCTAssertTrue(
                first.summary.contains(
                    "- Phường Phong Dinh, năm 2027: 2 tổ chức cơ sở đảng (HTXSNV 0, HTTNV 2, HTNV 0, KHTNV 0; hoàn thành tốt nhiệm vụ trở lên 100,0%)"
                ), first.summary)
            XCTAssertTrue(
                first.summary.contains(
                    "8 đảng viên (HTXSNV 2, HTTNV 5, HTNV 1, KHTNV 0; hoàn thành tốt nhiệm vụ trở lên 87,5%)"),
                first.summary)
            XCTAssertTrue(first.summary.contains("! Phường Phong Dinh, năm 2027 — Chi bộ Khu vực 3"), first.summary)
            XCTAssertEqual(again.write.values.inserted + again.write.values.updated, 0, name)
            XCTAssertEqual(again.write.replaced, 10, name)
            XCTAssertEqual(
                rollUp.figure("TY_LE_DANG_VIEN_HTT_TRO_LEN", unit: ward.unitID, period: .year(2027)).figure?.number,
                87.5, name)
            let events = try await store.events(subject: "xep-loai:19831:2027")
            XCTAssertEqual(events.count, 2, name)
        }
    }

    func testUnknownUnitAndScopeAreRefusedAndNothingIsWritten() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let directory = try await store.directory()
            let ward = try XCTUnwrap(directory.unit(code: "19831", on: CivilDate(2027, 12, 31)))
            let text =
                Self.file
                + "2027;99999;dang-vien;Chi bộ 1;Ngô Văn Long;HTTNV;\n2027;19753;dang-vien;;Lý Thị Mai;HTNV;\n"
                + "2027;19831;dang-vien;;Tạ Văn Nhân;Khá;\n"
            let scoped = FigureFiles.Person(
                username: "phongdinh", displayName: "Cán bộ Phong Dinh", allowedUnits: [ward.unitID])

            do {
                _ = try await QualityRatingFiles.importCSV(
                    data: Data(text.utf8), fileName: "xep-loai.csv", person: scoped, store: store)
                XCTFail("refused", file: #filePath, line: #line)
            } catch let failure as ImportFailure {
                XCTAssertEqual(
                    failure.issues.map(\.description),
                    [
                        "xep-loai.csv, dòng 12, cột “ma_don_vi”: không có đơn vị mã “99999” trong danh mục đơn vị; hãy kiểm tra mã (mã 5 chữ số của xã, phường hoặc 2 chữ số của tỉnh theo danh mục đơn vị hành chính)",
                        "xep-loai.csv, dòng 13, cột “ma_don_vi”: Phường Phú Xuân không thuộc phạm vi tài khoản của bạn",
                        "xep-loai.csv, dòng 14, cột “xep_loai”: mức xếp loại “Khá” không hợp lệ; hãy ghi một trong bốn mức: "
                            + "“Hoàn thành xuất sắc nhiệm vụ” (HTXSNV), “Hoàn thành tốt nhiệm vụ” (HTTNV), “Hoàn thành nhiệm vụ” (HTNV), "
                            + "“Không hoàn thành nhiệm vụ” (KHTNV)",
                    ], name)
            }
            do {
                _ = try await QualityRatingFiles.importCSV(
                    data: Data([0x6E, 0x61, 0x6D, 0xFF, 0xFE, 0x3B]), fileName: "cu.csv", person: Self.officer,
                    store: store)
                XCTFail("refused", file: #filePath, line: #line)
            } catch let failure as ImportFailure {
                XCTAssertTrue(failure.issues[0].reason.contains("không phải văn bản UTF-8"), name)
            }

            let got6 = try await store.qualityRatings(unit: ward.unitID, year: 2027)
            XCTAssertEqual(got6, [], name)
            let values = try await store.snapshot().values
            XCTAssertNil(
                values.reported(
                    ValueKey(indicatorCode: "XL_DANG_VIEN_TONG", unitID: ward.unitID, period: .year(2027))), name)
        }
    }
}
