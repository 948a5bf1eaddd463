import TiendoCore
import TiendoStorage
import TiendoTestSupport
import XCTest

/// Quality ratings in the database, on SQLite and (when configured) PostgreSQL: a list replaces
/// the unit-year's list, the derived figures follow it, re-importing changes nothing.
final class QualityRatingStoreTests: XCTestCase {
    private let reform = CivilDate(2025, 7, 1)

    private func units() -> (city: UnitVersion, ward: UnitVersion) {
        let city = UnitVersion(
            unitID: UnitID(code: "46", validFrom: reform), code: "46", name: "Huế", kind: .thanhPhoTrucThuoc,
            parentID: nil, validFrom: reform)
        let ward = UnitVersion(
            unitID: UnitID(code: "19831", validFrom: reform), code: "19831", name: "Phong Dinh", kind: .phuong,
            parentID: city.unitID, validFrom: reform)
        return (city, ward)
    }

    private func rating(
        _ ward: UnitVersion, _ kind: RatedSubjectKind, _ group: String, _ name: String, _ level: QualityLevel,
        year: Int = 2027
    ) -> QualityRating {
        QualityRating(year: year, unitID: ward.unitID, kind: kind, group: group, subject: name, level: level)
    }

    func testListReplacesTheUnitYearAndFeedsTheIndicators() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let (city, ward) = units()
            try await store.importUnitVersions([city, ward])
            let first = [
                rating(ward, .toChucCoSoDang, "Đảng bộ phường", "Chi bộ Khu vực 1", .httnv),
                rating(ward, .toChucCoSoDang, "Đảng bộ phường", "Chi bộ Khu vực 2", .htnv),
                rating(ward, .dangVien, "Chi bộ Khu vực 1", "Nguyễn Văn An", .htxsnv),
                rating(ward, .dangVien, "Chi bộ Khu vực 1", "Trần Thị Bình", .httnv),
                rating(ward, .dangVien, "Chi bộ Khu vực 1", "Lê Văn Cường", .khtnv),
            ]
            let other = [rating(ward, .dangVien, "Chi bộ Khu vực 1", "Nguyễn Văn An", .httnv, year: 2026)]
            try await store.replaceQualityRatings(
                [QualityRatingList(unitID: ward.unitID, year: 2026, ratings: other)], author: "Kiểm thử")

            let write = try await store.replaceQualityRatings(
                [QualityRatingList(unitID: ward.unitID, year: 2027, ratings: first)], author: "Kiểm thử")
            let again = try await store.replaceQualityRatings(
                [QualityRatingList(unitID: ward.unitID, year: 2027, ratings: first)], author: "Kiểm thử")
            let stored = try await store.qualityRatings(unit: ward.unitID, year: 2027)
            let snapshot = try await store.snapshot()
            let rollUp = snapshot.rollUp

            XCTAssertEqual(stored, first, name)
            XCTAssertEqual(write.ratings, 5, name)
            XCTAssertEqual(write.values, ImportCounts(inserted: 14), name)
            XCTAssertEqual(again.replaced, 5, name)
            XCTAssertEqual(again.values, ImportCounts(unchanged: 14), name)
            XCTAssertTrue(
                Set(QualityIndicators.allCodes).isSubset(of: Set(snapshot.indicators.map(\.code))), name)
            XCTAssertEqual(
                rollUp.figure("TY_LE_TCCS_HTT_TRO_LEN", unit: ward.unitID, period: .year(2027)).figure?.number, 50, name
            )
            XCTAssertEqual(
                rollUp.figure("XL_DANG_VIEN_TONG", unit: city.unitID, period: .year(2027)).figure?.number, 3, name)
            let cityRate = rollUp.figure("TY_LE_DANG_VIEN_HTT_TRO_LEN", unit: city.unitID, period: .year(2027))
            XCTAssertEqual(cityRate.figure?.number ?? 0, 200.0 / 3.0, accuracy: 1e-9, name)
            let got1 = try await store.qualityRatingYears(unit: ward.unitID)
            XCTAssertEqual(got1, [2027, 2026], name)
            let got2 = try await store.qualityRatings(unit: ward.unitID, year: 2026)
            XCTAssertEqual(got2, other, name)

            // A new list without organisations: their figures go, the members' change.
            let second = [
                rating(ward, .dangVien, "Chi bộ Khu vực 1", "Nguyễn Văn An", .httnv),
                rating(ward, .dangVien, "Chi bộ Khu vực 1", "Trần Thị Bình", .httnv),
            ]
            let replaced = try await store.replaceQualityRatings(
                [QualityRatingList(unitID: ward.unitID, year: 2027, ratings: second)], author: "Kiểm thử")
            let after = try await store.snapshot()

            XCTAssertEqual(replaced.valuesRemoved, 7, name)
            let got3 = try await store.qualityRatings(unit: ward.unitID, year: 2027)
            XCTAssertEqual(got3, second, name)
            XCTAssertNil(
                after.values.reported(
                    ValueKey(indicatorCode: "XL_TCCS_TONG", unitID: ward.unitID, period: .year(2027))), name)
            XCTAssertEqual(
                after.rollUp.figure("TY_LE_DANG_VIEN_HTT_TRO_LEN", unit: ward.unitID, period: .year(2027)).figure?
                    .number, 100, name)
            let got4 = try await store.qualityRatings(unit: ward.unitID, year: 2026)
            XCTAssertEqual(got4, other, name)
        }
    }

    func testAFailedWriteLeavesTheOldList() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let (city, ward) = units()
            try await store.importUnitVersions([city, ward])
            let list = [rating(ward, .dangVien, "", "Nguyễn Văn An", .httnv)]
            try await store.replaceQualityRatings(
                [QualityRatingList(unitID: ward.unitID, year: 2027, ratings: list)], author: "Kiểm thử")
            // The same subject twice breaks the unique index: the transaction is undone.
            let broken = [
                rating(ward, .dangVien, "", "Trần Thị Bình", .httnv),
                rating(ward, .dangVien, "", "trần thị  bình", .htnv),
            ]
            do {
                try await store.replaceQualityRatings(
                    [QualityRatingList(unitID: ward.unitID, year: 2027, ratings: broken)], author: "Kiểm thử")
                XCTFail("a duplicate subject must be refused by the database", file: #filePath, line: #line)
            } catch {}

            let got5 = try await store.qualityRatings(unit: ward.unitID, year: 2027)
            XCTAssertEqual(got5, list, name)
        }
    }
}
