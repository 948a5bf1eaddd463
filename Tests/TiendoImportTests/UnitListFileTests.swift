import TiendoCore
import XCTest

@testable import TiendoImport

final class UnitListFileTests: XCTestCase {
    private let header = "code,parent_code,level,kind,name,full_name,name_ascii"

    private func failure(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> ImportFailure? {
        do {
            _ = try UnitListFile.parse(text: text, fileName: "vn_units_2025.csv")
            XCTFail("expected the file to be rejected", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Happy paths

    func testRealListHas34ProvincesAnd3321Communes() throws {
        let text = try TestFiles.referenceData("vn_units_2025.csv")

        let rows = try UnitListFile.parse(text: text, fileName: "vn_units_2025.csv")

        XCTAssertEqual(rows.filter { $0.level == .province }.count, 34)
        XCTAssertEqual(rows.filter { $0.level == .commune }.count, 3321)
        XCTAssertEqual(rows.filter { $0.kind == .xa }.count, 2611)
        XCTAssertEqual(rows.filter { $0.kind == .phuong }.count, 697)
        XCTAssertEqual(rows.filter { $0.kind == .dacKhu }.count, 13)
        let hue = try XCTUnwrap(rows.first { $0.code == "46" })
        XCTAssertEqual(hue.kind, .thanhPhoTrucThuoc)
        XCTAssertEqual(hue.fullName, "Thành phố Huế")
        XCTAssertEqual(rows.first?.line, 2)
    }

    func testVersionsStartOnTheReformDayAndHangUnderTheirProvince() throws {
        let text = try TestFiles.referenceData("vn_units_2025.csv")
        let rows = try UnitListFile.parse(text: text, fileName: "vn_units_2025.csv")

        let versions = UnitListFile.versions(rows)

        let reform = CivilDate(2025, 7, 1)
        let phongDinh = try XCTUnwrap(versions.first { $0.code == "19831" })
        XCTAssertEqual(phongDinh.unitID, UnitID(code: "19831", validFrom: reform))
        XCTAssertEqual(phongDinh.parentID, UnitID(code: "46", validFrom: reform))
        XCTAssertEqual(phongDinh.fullName, "Phường Phong Dinh")
        XCTAssertEqual(phongDinh.validFrom, reform)
        XCTAssertNil(phongDinh.validTo)
        let directory = UnitDirectory(versions: versions)
        XCTAssertEqual(directory.children(of: UnitID(code: "46", validFrom: reform), on: reform).count, 40)
    }

    func testByteOrderMarkCRLFQuotesAndNFC() throws {
        let nfd = "Phường".decomposedStringWithCanonicalMapping  // typed with combining marks
        let text =
            "\u{FEFF}" + header + "\r\n"
            + "46,,province,Thành phố,Huế,Thành phố Huế,Hue\r\n"
            + "19831,46,commune,\(nfd),\"Phong Dinh\",\"\(nfd) Phong Dinh\",\"Phong Dinh, Hue\"\r\n"

        let rows = try UnitListFile.parse(text: text, fileName: "u.csv")

        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows[1].kind, .phuong)
        XCTAssertEqual(rows[1].fullName, "Phường Phong Dinh")
        XCTAssertEqual(
            Array(rows[1].fullName.unicodeScalars),
            Array("Phường Phong Dinh".precomposedStringWithCanonicalMapping.unicodeScalars), "names are stored in NFC")
        XCTAssertEqual(rows[1].nameASCII, "Phong Dinh, Hue")
        XCTAssertEqual(rows[1].line, 3)
    }

    func testParentMayComeAfterItsCommunes() throws {
        let text =
            header
            + "\n19831,46,commune,Phường,Phong Dinh,Phường Phong Dinh,Phong Dinh\n46,,province,Thành phố,Huế,Thành phố Huế,Hue\n"

        XCTAssertEqual(try UnitListFile.parse(text: text, fileName: "u.csv").count, 2)
    }

    // MARK: - Bad lines

    func testUnknownKindGivesTheExampleMessage() throws {
        let text =
            header + "\n46,,province,Thành phố,Huế,Thành phố Huế,Hue\n" + String(repeating: "\n", count: 9)
            + "19831,46,commune,Huyen,Phong Dinh,Phường Phong Dinh,Phong Dinh\n"

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(
            failure.description,
            "vn_units_2025.csv, dòng 12, cột “kind”: loại đơn vị “Huyen” không hợp lệ; hãy dùng một trong: Tỉnh, Thành phố, Xã, Phường, Đặc khu"
        )
    }

    func testKindOfTheWrongLevel() throws {
        let text = header + "\n46,,province,Xã,Huế,Xã Huế,Hue\n"

        let issue = try XCTUnwrap(failure(text)?.issues.first)

        XCTAssertEqual(issue.line, 2)
        XCTAssertEqual(issue.field, "kind")
        XCTAssertTrue(issue.reason.contains("Tỉnh, Thành phố"), issue.reason)
    }

    func testBadCodesNameLineAndColumn() throws {
        let text =
            header + "\n"
            + "46,,province,Thành phố,Huế,Thành phố Huế,Hue\n"
            + "1983A,46,commune,Phường,A,Phường A,A\n"
            + "1983,46,commune,Phường,B,Phường B,B\n"
            + "4,,province,Tỉnh,C,Tỉnh C,C\n"

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(failure.issues.map(\.line), [3, 4, 5])
        XCTAssertEqual(failure.issues.map(\.field), ["code", "code", "code"])
        XCTAssertTrue(failure.issues[0].reason.contains("chỉ được gồm chữ số"), failure.description)
        XCTAssertTrue(failure.issues[1].reason.contains("có 4 chữ số, phải có 5 chữ số"), failure.description)
        XCTAssertTrue(failure.issues[2].reason.contains("Excel"), failure.description)
    }

    func testMissingParentAndParentThatIsACommune() throws {
        let text =
            header + "\n"
            + "46,,province,Thành phố,Huế,Thành phố Huế,Hue\n"
            + "19831,99,commune,Phường,Phong Dinh,Phường Phong Dinh,Phong Dinh\n"
            + "19832,19831,commune,Xã,X,Xã X,X\n"
            + "19833,,commune,Xã,Y,Xã Y,Y\n"

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(failure.issues.map(\.line), [3, 4, 5])
        XCTAssertEqual(failure.issues.map(\.field), ["parent_code", "parent_code", "parent_code"])
        XCTAssertTrue(failure.issues[0].reason.contains("mã “99” không có trong tệp"), failure.description)
        XCTAssertTrue(failure.issues[1].reason.contains("có 5 chữ số, phải có 2 chữ số"), failure.description)
        XCTAssertTrue(failure.issues[2].reason.contains("để trống"), failure.description)
    }

    func testDuplicateCodeNamesTheFirstLine() throws {
        let text =
            header + "\n"
            + "46,,province,Thành phố,Huế,Thành phố Huế,Hue\n"
            + "19831,46,commune,Phường,Phong Dinh,Phường Phong Dinh,Phong Dinh\n"
            + "19831,46,commune,Phường,Phong Dinh,Phường Phong Dinh,Phong Dinh\n"

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(failure.issues.count, 1)
        XCTAssertEqual(
            failure.issues[0].description,
            "vn_units_2025.csv, dòng 4, cột “code”: mã “19831” đã có ở dòng 3; mỗi mã chỉ được xuất hiện một lần — hãy xóa dòng trùng hoặc sửa mã"
        )
    }

    func testWrongColumnCountAndBadLevelAreAllReported() throws {
        let text =
            header + "\n"
            + "46,,province,Thành phố,Huế,Thành phố Huế\n"
            + "47,,tinh,Tỉnh,X,Tỉnh X,X\n"
            + "48,,province,Tỉnh,,Tỉnh Y,Y\n"

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(failure.issues.map(\.line), [2, 3, 4])
        XCTAssertNil(failure.issues[0].field)
        XCTAssertTrue(failure.issues[0].reason.contains("6 ô"), failure.description)
        XCTAssertEqual(failure.issues[1].field, "level")
        XCTAssertEqual(failure.issues[2].field, "name")
        XCTAssertTrue(failure.description.contains("vn_units_2025.csv, dòng 2: dòng có 6 ô"), failure.description)
    }

    func testMissingHeaderColumn() throws {
        let failure = try XCTUnwrap(failure("code,parent_code,level,kind,name,full_name\n46,,province,Tỉnh,A,Tỉnh A\n"))

        XCTAssertEqual(failure.issues.map(\.field), ["name_ascii"])
        XCTAssertEqual(failure.issues[0].line, 1)
    }
}
