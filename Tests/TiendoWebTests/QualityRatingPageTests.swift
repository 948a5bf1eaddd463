import Foundation
import TiendoCore
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// The /xep-loai page: a ward officer types the list (or uploads the CSV) and sees the counts,
/// the rates and the 20% warning; bad lines are refused with their line and nothing is written.
final class QualityRatingPageTests: XCTestCase {
    static let members = """
        Nguyễn Văn An; Chi bộ Khu vực 3; HTXSNV
        Trần Thị Bình; Chi bộ Khu vực 3; Hoàn thành xuất sắc nhiệm vụ
        Lê Văn Cường; Chi bộ Khu vực 3; HTTNV
        Phạm Thị Dung; Chi bộ Khu vực 3; HTTNV
        Võ Văn Em; Chi bộ Khu vực 3; HTTNV
        Hồ Thị Giang; Chi bộ Khu vực 3; HTTNV
        Đỗ Văn Hải; Chi bộ Khu vực 3; HTTNV
        Bùi Thị Khánh; Chi bộ Khu vực 3; HTTNV
        Ngô Văn Long; Chi bộ Khu vực 3; HTTNV
        Lý Thị Mai; Chi bộ Khu vực 3; HTTNV
        Đặng Văn Nam; Chi bộ Khu vực 3; Hoàn thành nhiệm vụ; chuyển sinh hoạt đến tháng 9
        """

    func testOfficerTypesAListOverTheCapAndSeesTheWarning() async throws {
        try await WebTestApp.withDemo { web in
            let officer = try await web.login("phongdinh")
            let saved = try await web.post(
                "/xep-loai",
                form: [
                    "don-vi": "19831", "nam": "2027", "dang-vien": Self.members,
                    "tccs":
                        "Chi bộ Khu vực 3; Đảng bộ phường Phong Dinh; HTTNV\nChi bộ Khu vực 1; Đảng bộ phường Phong Dinh; HTNV",
                ], as: officer)
            XCTAssertEqual(saved.status, .seeOther, saved.body.string)
            let location = try XCTUnwrap(saved.headers.first(name: .location))

            let page = try await web.get(location, as: officer)
            let html = page.body.string

            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(html.contains("Đã lưu danh sách xếp loại chất lượng năm 2027: 13 tổ chức đảng, đảng viên."))
            XCTAssertTrue(
                html.contains(
                    "Chi bộ Khu vực 3: 2 đảng viên “Hoàn thành xuất sắc nhiệm vụ” vượt 20% số “Hoàn thành tốt nhiệm vụ” (8 → tối đa 1)"
                ), html)
            XCTAssertTrue(html.contains("90,9%"), "10 of 11 members good or better")
            XCTAssertTrue(html.contains("50,0%"), "1 of 2 organisations")
            XCTAssertTrue(html.contains("chuyển sinh hoạt đến tháng 9"))
            // The figures reach the indicators of the ward.
            let directory = try await web.store.directory()
            let ward = try XCTUnwrap(directory.unit(code: "19831", on: CivilDate(2027, 12, 31)))
            let rate = try await web.store.snapshot().rollUp.figure(
                "TY_LE_DANG_VIEN_HTT_TRO_LEN", unit: ward.unitID, period: .year(2027))
            XCTAssertEqual(rate.figure?.number ?? 0, 1000.0 / 11.0, accuracy: 1e-9)
        }
    }

    func testBadLinesAreRefusedWithTheirLineAndNothingIsWritten() async throws {
        try await WebTestApp.withDemo { web in
            let officer = try await web.login("phongdinh")
            let refused = try await web.post(
                "/xep-loai",
                form: [
                    "don-vi": "19831", "nam": "2027",
                    "dang-vien":
                        "Nguyễn Văn An; Chi bộ 1; HTTNV\nTrần Thị Bình; Chi bộ 1; Khá\nnguyễn văn an; Chi bộ 2; HTNV",
                ], as: officer)
            let html = refused.body.string

            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(html.contains("Danh sách có 2 lỗi nên chưa lưu gì"), html)
            XCTAssertTrue(
                html.contains("Ô “Đảng viên”, dòng 2, trường “xếp loại”: mức xếp loại “Khá” không hợp lệ"), html)
            XCTAssertTrue(html.contains("dòng 3, trường “tên”: “nguyễn văn an” (đảng viên) đã có ở dòng 1"), html)
            XCTAssertTrue(html.contains("Trần Thị Bình; Chi bộ 1; Khá"), "what was typed is kept to be fixed")
            let directory = try await web.store.directory()
            let ward = try XCTUnwrap(directory.unit(code: "19831", on: CivilDate(2027, 12, 31)))
            let got7 = try await web.store.qualityRatings(unit: ward.unitID, year: 2027)
            XCTAssertEqual(got7, [])
        }
    }

    func testUploadedFileReplacesTheListAndAFileOfAnotherYearIsRefused() async throws {
        try await WebTestApp.withDemo { web in
            let officer = try await web.login("phongdinh")
            let file =
                "\u{FEFF}nam;ma_don_vi;loai;nhom;ten;xep_loai;ghi_chu\n"
                + "2027;19831;dang-vien;Chi bộ Khu vực 1;Nguyễn Văn An;HTXSNV;\n"
                + "2027;19831;dang-vien;Chi bộ Khu vực 1;Trần Thị Bình;HTTNV;\n"
            let uploaded = try await web.upload(
                "/xep-loai/tai-len", file: Data(file.utf8), fileName: "xep-loai.csv",
                form: ["don-vi": "19831", "nam": "2027"], as: officer)
            XCTAssertEqual(uploaded.status, .seeOther, uploaded.body.string)
            let page = try await web.get(try XCTUnwrap(uploaded.headers.first(name: .location)), as: officer)
            XCTAssertTrue(
                page.body.string.contains(
                    "Chi bộ Khu vực 1: 1 đảng viên “Hoàn thành xuất sắc nhiệm vụ” vượt 20% số “Hoàn thành tốt nhiệm vụ” (1 → tối đa 0)"
                ))

            let wrongYear = try await web.upload(
                "/xep-loai/tai-len", file: Data(file.utf8), fileName: "xep-loai.csv",
                form: ["don-vi": "19831", "nam": "2026"], as: officer)
            XCTAssertEqual(wrongYear.status, .unprocessableEntity)
            XCTAssertTrue(
                wrongYear.body.string.contains("xep-loai.csv, dòng 2, cột “nam”: năm 2027 khác năm của trang (2026)"))
        }
    }

    func testReaderSeesButCannotEnterAndOtherWardsAreOutOfScope() async throws {
        try await WebTestApp.withDemo { web in
            let reader = try await web.login("lanhdao")
            let officer = try await web.login("phongdinh")

            let page = try await web.get("/xep-loai?don-vi=19831&nam=2027", as: reader)
            let post = try await web.post(
                "/xep-loai", form: ["don-vi": "19831", "nam": "2027", "dang-vien": "An; ; HTTNV"], as: reader)
            let otherWard = try await web.get("/xep-loai?don-vi=19753&nam=2027", as: officer)
            let otherWardPost = try await web.post(
                "/xep-loai", form: ["don-vi": "19753", "nam": "2027", "dang-vien": "An; ; HTTNV"], as: officer)

            XCTAssertEqual(page.status, .ok)
            XCTAssertFalse(page.body.string.contains("<textarea"), "a reader gets no entry form")
            XCTAssertTrue(page.body.string.contains("Xếp loại chất lượng"), "the navigation links the page")
            XCTAssertEqual(post.status, .forbidden)
            XCTAssertEqual(otherWard.status, .forbidden)
            XCTAssertEqual(otherWardPost.status, .forbidden)
        }
    }
}
