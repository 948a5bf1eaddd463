import TiendoCore
import XCTest

@testable import TiendoImport

final class LineageFileTests: XCTestCase {
    private let header = "new_code,new_name,new_province_code,old_code,old_name,share"
    private let reform = CivilDate(2025, 7, 1)
    private let old = CivilDate(2000, 1, 1)

    private func failure(
        _ text: String, known: [UnitVersion]? = nil, file: StaticString = #filePath, line: UInt = #line
    ) -> ImportFailure? {
        do {
            _ = try LineageFile.parse(text: text, fileName: "vn_lineage_2025.csv", knownNewUnits: known)
            XCTFail("expected the file to be rejected", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Real data

    func testRealFileHas10604RowsAndPhongDinhIsThreeOldCommunes() throws {
        let text = try TestFiles.referenceData("vn_lineage_2025.csv")

        let rows = try LineageFile.parse(text: text, fileName: "vn_lineage_2025.csv")

        XCTAssertEqual(rows.count, 10_604)
        let phongDinh = rows.filter { $0.newCode == "19831" }
        XCTAssertEqual(phongDinh.map(\.oldName), ["Xã Phong Bình", "Xã Phong Chương", "Phường Phong Hòa"])
        XCTAssertEqual(phongDinh.map(\.oldKind), [.xa, .xa, .phuong])
        XCTAssertEqual(phongDinh.map(\.oldShortName), ["Phong Bình", "Phong Chương", "Phong Hòa"])
        XCTAssertTrue(phongDinh.allSatisfy { $0.share == .full && $0.newProvinceCode == "46" })
        XCTAssertEqual(rows.first { $0.oldName.hasPrefix("Thị trấn") }?.oldKind, .thiTran)
        XCTAssertEqual(rows.first { $0.oldCode == "755" }?.oldKind, .huyen, "Huyện Côn Đảo became a special zone")
    }

    func testRealPlanWeightsOfEveryOldCommuneAddUpToOne() throws {
        let rows = try LineageFile.parse(
            text: try TestFiles.referenceData("vn_lineage_2025.csv"), fileName: "vn_lineage_2025.csv")
        let units = try UnitListFile.parse(
            text: try TestFiles.referenceData("vn_units_2025.csv"), fileName: "vn_units_2025.csv")

        let plan = LineagePlan.build(rows: rows, newUnits: UnitListFile.versions(units))

        XCTAssertEqual(plan.links.count, 10_604)
        XCTAssertEqual(plan.oldVersions.count, Set(rows.map(\.oldCode)).count)
        let sums = Dictionary(grouping: plan.links, by: \.source).mapValues { $0.reduce(0) { $0 + $1.weight } }
        XCTAssertEqual(sums.count, plan.oldVersions.count)
        for (source, sum) in sums { XCTAssertEqual(sum, 1, accuracy: 1e-9, "\(source)") }
        XCTAssertEqual(plan.oldVersions.map(\.code), plan.oldVersions.map(\.code).sorted())

        let phongDinh = UnitID(code: "19831", validFrom: reform)
        let predecessors = plan.links.filter { $0.successor == phongDinh }
        XCTAssertEqual(
            predecessors.map(\.source),
            [
                UnitID(code: "19831", validFrom: old), UnitID(code: "19837", validFrom: old),
                UnitID(code: "19846", validFrom: old),
            ])
        XCTAssertTrue(predecessors.allSatisfy { $0.weight == 1 && !$0.weightIsEstimated && $0.date == reform })
        let phongBinh = try XCTUnwrap(plan.oldVersions.first { $0.code == "19831" })
        XCTAssertEqual(phongBinh.fullName, "Xã Phong Bình")
        XCTAssertEqual(phongBinh.parentID, UnitID(code: "46", validFrom: reform))
        XCTAssertEqual(phongBinh.validTo, CivilDate(2025, 6, 30))

        // The directory can now tell the old ward from the new one that reuses its code.
        let directory = UnitDirectory(versions: UnitListFile.versions(units) + plan.oldVersions, links: plan.links)
        XCTAssertEqual(directory.unit(code: "19831", on: CivilDate(2024, 12, 31))?.name, "Phong Bình")
        XCTAssertEqual(directory.unit(code: "19831", on: reform)?.name, "Phong Dinh")
    }

    func testRealFileAgainstTheUnitListReportsTheCodesTheListDoesNotHave() throws {
        let units = try UnitListFile.parse(
            text: try TestFiles.referenceData("vn_units_2025.csv"), fileName: "vn_units_2025.csv")
        let text = try TestFiles.referenceData("vn_lineage_2025.csv")

        let failure = try XCTUnwrap(failure(text, known: UnitListFile.versions(units)))

        // The converted data set names two new communes by codes the official list does not use.
        XCTAssertEqual(failure.issues.map(\.line), [2636, 2637, 2638, 2639, 2640, 7136])
        XCTAssertTrue(failure.issues.allSatisfy { $0.field == "new_code" })
        XCTAssertTrue(
            failure.issues[0].reason.contains("“06970” (Xã Ba Chẽ) không có trong danh sách"), failure.description)
    }

    // MARK: - Weights

    func testPartialSharesAreSplitEvenlyAndMarkedEstimated() throws {
        let text =
            header + "\n"
            + "00004,Phường Ba Đình,01,00016,Phường Ngọc Hà,partial\n"
            + "00008,Phường Ngọc Hà,01,00016,Phường Ngọc Hà,partial\n"
            + "00025,Phường Giảng Võ,01,00016,Phường Ngọc Hà,partial\n"
            + "00025,Phường Giảng Võ,01,00017,Phường Kim Mã,partial\n"
            + "00004,Phường Ba Đình,01,00018,Thị Trấn X,full\n"

        let plan = LineagePlan.build(rows: try LineageFile.parse(text: text, fileName: "l.csv"))

        XCTAssertEqual(plan.links.map(\.weight)[0...2], [1.0 / 3, 1.0 / 3, 1.0 / 3])
        XCTAssertEqual(plan.links[3].weight, 1, "a partial share listed once still carries the whole territory")
        XCTAssertTrue(plan.links[0...3].allSatisfy(\.weightIsEstimated))
        XCTAssertEqual(plan.links[4].weight, 1)
        XCTAssertFalse(plan.links[4].weightIsEstimated)
        XCTAssertEqual(plan.oldVersions.map(\.kind), [.phuong, .phuong, .thiTran])
        XCTAssertEqual(plan.oldVersions.map(\.name), ["Ngọc Hà", "Kim Mã", "X"])
        XCTAssertEqual(
            plan.oldVersions.map(\.parentID), Array(repeating: UnitID(code: "01", validFrom: reform), count: 3))
    }

    func testFullAndPartialForTheSameOldCommuneStillAddUpToOne() throws {
        let text =
            header + "\n"
            + "00004,Phường Ba Đình,01,00016,Phường Ngọc Hà,full\n"
            + "00008,Phường Ngọc Hà,01,00016,Phường Ngọc Hà,partial\n"

        let plan = LineagePlan.build(rows: try LineageFile.parse(text: text, fileName: "l.csv"))

        XCTAssertEqual(plan.links.map(\.weight), [0.5, 0.5])
        XCTAssertTrue(plan.links.allSatisfy(\.weightIsEstimated))
        XCTAssertEqual(plan.oldVersions.count, 1)
    }

    func testBuildIsDeterministic() throws {
        let text =
            header + "\n"
            + "00025,Phường Giảng Võ,01,00030,Xã B,full\n"
            + "00004,Phường Ba Đình,01,00010,Xã A,full\n"
        let rows = try LineageFile.parse(text: text, fileName: "l.csv")

        let first = LineagePlan.build(rows: rows)
        let second = LineagePlan.build(rows: rows)

        XCTAssertEqual(first.oldVersions, second.oldVersions)
        XCTAssertEqual(first.links, second.links)
        XCTAssertEqual(first.oldVersions.map(\.code), ["00010", "00030"])
        XCTAssertEqual(first.links.map(\.source.rawValue), ["00030@2000-01-01", "00010@2000-01-01"])
    }

    // MARK: - Bad lines

    func testBadShareCodesAndNamesAreAllReported() throws {
        let text =
            header + "\n"
            + "00004,Phường Ba Đình,01,00016,Phường Ngọc Hà,half\n"
            + "0004,Phường Ba Đình,01,00016,Phường Ngọc Hà,full\n"
            + "00004,Phường Ba Đình,1,00017,Phường Kim Mã,full\n"
            + "00004,Phường Ba Đình,01,0001X,Phường Kim Mã,full\n"
            + "00004,Phường Ba Đình,01,00019,Ngọc Khánh,full\n"
            + "00004,Phường Ba Đình,01,00020,Phường A\n"

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(failure.issues.map(\.line), [2, 3, 4, 5, 6, 7])
        XCTAssertEqual(
            failure.issues.map(\.field), ["share", "new_code", "new_province_code", "old_code", "old_name", nil])
        XCTAssertEqual(
            failure.issues[0].description,
            "vn_lineage_2025.csv, dòng 2, cột “share”: phần sáp nhập “half” không hợp lệ; hãy ghi full (nhận toàn bộ đơn vị cũ) hoặc partial (nhận một phần)"
        )
    }

    func testDuplicateRowsAndInconsistentNames() throws {
        let text =
            header + "\n"
            + "00004,Phường Ba Đình,01,00016,Phường Ngọc Hà,full\n"
            + "00004,Phường Ba Đình,01,00016,Phường Ngọc Hà,full\n"
            + "00004,Phường Ba Dinh,01,00017,Phường Kim Mã,full\n"
            + "00008,Phường X,01,00017,Phường Kim Ma,partial\n"

        let failure = try XCTUnwrap(failure(text))

        XCTAssertEqual(failure.issues.map(\.line), [3, 4, 5])
        XCTAssertEqual(failure.issues.map(\.field), ["old_code", "new_name", "old_name"])
        XCTAssertTrue(failure.issues[0].reason.contains("dòng 2"), failure.description)
    }

    func testKnownUnitsCheckTheProvince() throws {
        let hue = UnitID(code: "46", validFrom: reform)
        let known = [
            UnitVersion(
                unitID: hue, code: "46", name: "Huế", kind: .thanhPhoTrucThuoc, parentID: nil, validFrom: reform),
            UnitVersion(
                unitID: UnitID(code: "19831", validFrom: reform), code: "19831", name: "Phong Dinh", kind: .phuong,
                parentID: hue, validFrom: reform),
        ]
        let text = header + "\n19831,Phường Phong Dinh,01,19831,Xã Phong Bình,full\n"

        let failure = try XCTUnwrap(failure(text, known: known))

        XCTAssertEqual(failure.issues.map(\.field), ["new_province_code"])
        XCTAssertTrue(failure.issues[0].reason.contains("mã “46”"), failure.description)
    }
}
