import TiendoCore
import TiendoTestSupport
import XCTest

/// The one way a period, a unit code and a resolution id are found, on every surface.
final class SubjectLookupTests: XCTestCase {
    static let reform = CivilDate(2025, 7, 1)
    static let lastOldDay = CivilDate(2025, 6, 30)

    /// Part of Huế around the reorganisation of 1 July 2025, as the demo data has it: Xã Phong
    /// Bình (19831) and Phường Phong Hòa (19846) merged into Phường Phong Dinh, which took the
    /// code 19831; Phường Phong Hải (19843) merged into Phường Phong Quảng (19873). Two things
    /// the demo lacks are added to test the rule: 19843 is taken again by a new unit from 2027,
    /// and Phong Bình changed name in 2010 (two versions with one code).
    static func directory() -> UnitDirectory {
        var world = CoreFixture()
        let hue = world.unit("46", "Huế", kind: .thanhPhoTrucThuoc)
        world.unit("19831", "Phong Bình (cũ)", kind: .xa, parent: hue, to: CivilDate(2009, 12, 31))
        world.versions.append(
            UnitVersion(
                unitID: UnitID(code: "19831", validFrom: CivilDate(2000, 1, 1)), code: "19831", name: "Phong Bình",
                kind: .xa, parentID: hue, validFrom: CivilDate(2010, 1, 1), validTo: lastOldDay))
        world.unit("19846", "Phong Hòa", parent: hue, to: lastOldDay)
        world.unit("19843", "Phong Hải", parent: hue, to: lastOldDay)
        world.unit("19831", "Phong Dinh", parent: hue, from: reform)
        world.unit("19873", "Phong Quảng", parent: hue, from: reform)
        world.unit("19843", "Phong Hải Mới", parent: hue, from: CivilDate(2027, 1, 1))
        return UnitDirectory(versions: world.versions)
    }

    private func name(_ code: String, _ date: CivilDate) throws -> String {
        try SubjectLookup.unit(code: code, on: date, in: Self.directory()).fullName
    }

    // MARK: the version rule

    func testAReusedCodeNamesTheUnitInForceOnTheDate() throws {
        XCTAssertEqual(try name("19831", CivilDate(2024, 12, 31)), "Xã Phong Bình")
        XCTAssertEqual(try name("19831", Self.lastOldDay), "Xã Phong Bình")
        XCTAssertEqual(try name("19831", Self.reform), "Phường Phong Dinh")
        XCTAssertEqual(try name("19831", CivilDate(2027, 12, 31)), "Phường Phong Dinh")
        XCTAssertEqual(try name("19831", CivilDate(2005, 12, 31)), "Xã Phong Bình (cũ)", "the version of that day")
    }

    func testACeasedUnitIsFoundAfterItsLastDay() throws {
        XCTAssertEqual(try name("19846", CivilDate(2025, 12, 31)), "Phường Phong Hòa")
        XCTAssertEqual(try name("19846", CivilDate(2030, 12, 31)), "Phường Phong Hòa")
    }

    func testANewUnitIsFoundBeforeItsFirstDay() throws {
        XCTAssertEqual(try name("19873", CivilDate(2024, 12, 31)), "Phường Phong Quảng")
    }

    /// In the gap between two holders of a code, the one that held it last before the date:
    /// the newest holder (`.first` of `units(code:)`, what most copies took) did not exist yet.
    func testInAGapTheLastHolderBeforeTheDateIsMeant() throws {
        XCTAssertEqual(try name("19843", CivilDate(2026, 12, 31)), "Phường Phong Hải")
        XCTAssertEqual(try name("19843", CivilDate(2027, 12, 31)), "Phường Phong Hải Mới")
        XCTAssertEqual(Self.directory().units(code: "19843").first?.name, "Phong Hải Mới", "the old copies' answer")
    }

    /// Before any holder, the earliest one (not the newest, as `.first` gave, nor the oldest
    /// version of the oldest unit when a later version is nearer).
    func testBeforeEveryHolderTheEarliestIsMeant() throws {
        XCTAssertEqual(try name("19843", CivilDate(1999, 12, 31)), "Phường Phong Hải")
        XCTAssertEqual(try name("19831", CivilDate(1999, 12, 31)), "Xã Phong Bình (cũ)")
    }

    func testSpacesAroundACodeAreIgnored() throws {
        XCTAssertEqual(try name(" 19831 ", Self.reform), "Phường Phong Dinh")
    }

    // MARK: refusals

    func testAnUnknownCodeIsNotFound() {
        for code in ["99999", "", "1983"] {
            XCTAssertThrowsError(try SubjectLookup.unit(code: code, on: Self.reform, in: Self.directory())) { error in
                let lookup = error as? LookupError
                XCTAssertEqual(lookup?.kind, .notFound, code)
                XCTAssertEqual(lookup?.field, .unit, code)
                XCTAssertEqual(lookup?.message, "Không tìm thấy đơn vị có mã “\(code)”.")
            }
        }
    }

    func testEveryPeriodFormIsRead() throws {
        let read = try ["2027", "2027S1", "2027N9", "2027Q3", "2027M09", "2025-2030", " 2027q3 "].map {
            try SubjectLookup.period($0).id
        }

        XCTAssertEqual(read, ["2027", "2027S1", "2027N9", "2027Q3", "2027M09", "2025-2030", "2027Q3"])
    }

    func testInvalidPeriodsGetTheOnePeriodFormatMessage() {
        for text in ["2027X", "", "27", "2027Q5", "2027M9", "2027S3", "2030-2025", "abcd", "2027-Q3", "2027-09"] {
            XCTAssertThrowsError(try SubjectLookup.period(text)) { error in
                let lookup = error as? LookupError
                XCTAssertEqual(lookup?.kind, .invalid, text)
                XCTAssertEqual(lookup?.field, .period, text)
                XCTAssertEqual(
                    lookup?.message,
                    "Kỳ “\(text)” không hợp lệ; hãy viết dạng 2027, 2027S1, 2027N9, 2027Q3 hoặc 2027M09.")
            }
        }
    }

    func testAPeriodOfAnotherKindThanTheFormIsRefusedWithAnExample() {
        XCTAssertThrowsError(try SubjectLookup.period("2026", kind: .quarter, form: "Biểu 01")) { error in
            XCTAssertEqual(
                (error as? LookupError)?.message,
                "Kỳ “2026” không hợp lệ cho biểu mẫu “Biểu 01” (quý); hãy viết dạng 2026Q3.")
        }
        XCTAssertThrowsError(try SubjectLookup.period("2026Q1", kind: .year)) { error in
            XCTAssertEqual(
                (error as? LookupError)?.message, "Kỳ “2026Q1” không hợp lệ cho biểu mẫu này (năm); hãy viết dạng 2026."
            )
        }
        XCTAssertEqual(try SubjectLookup.period("2026M03", kind: .month), .month(2026, 3))
    }

    func testTheReasonOfAFileLineIsTheMessageInLowerCaseWithoutFullStop() {
        XCTAssertEqual(
            LookupError.invalidPeriod("2027X").reason,
            "kỳ “2027X” không hợp lệ; hãy viết dạng 2027, 2027S1, 2027N9, 2027Q3 hoặc 2027M09")
    }

    // MARK: resolutions

    static func snapshot() -> Snapshot {
        let directory = directory()
        let ward = UnitID(code: "19831", validFrom: reform)
        func resolution(_ id: String, _ issuer: UnitID, _ start: Int) -> Resolution {
            Resolution(
                id: id, issuingUnitID: issuer, symbol: "01-NQ/ĐH", title: "Nghị quyết \(id)", termStart: start,
                termEnd: start + 5, adoptedOn: CivilDate(start, 1, 1), targets: [])
        }
        return Snapshot(
            directory: directory, indicators: [], values: ValueTable([]),
            resolutions: [
                resolution("phong-dinh-2020", ward, 2020), resolution("phong-dinh-2025", ward, 2025),
                resolution("hue-2025", UnitID(code: "46", validFrom: CivilDate(2000, 1, 1)), 2025),
            ])
    }

    private func ward() throws -> UnitVersion {
        try SubjectLookup.unit(code: "19831", on: CivilDate(2027, 12, 31), in: Self.directory())
    }

    private func refusal(_ id: String?, for unit: UnitVersion) -> LookupError? {
        do {
            _ = try SubjectLookup.resolution(id: id, for: unit, in: Self.snapshot())
            return nil
        } catch {
            return error
        }
    }

    func testWithoutAnIdTheUnitsNewestResolutionIsJudged() throws {
        let ward = try ward()

        XCTAssertEqual(try SubjectLookup.resolution(id: nil, for: ward, in: Self.snapshot()).id, "phong-dinh-2025")
        XCTAssertEqual(try SubjectLookup.resolution(id: "", for: ward, in: Self.snapshot()).id, "phong-dinh-2025")
        XCTAssertEqual(
            try SubjectLookup.resolution(id: "phong-dinh-2020", for: ward, in: Self.snapshot()).id, "phong-dinh-2020")
    }

    func testAResolutionIsFoundOnlyForTheUnitThatIssuedIt() throws {
        let error = refusal("hue-2025", for: try ward())

        XCTAssertEqual(error?.kind, .notFound)
        XCTAssertEqual(error?.field, .resolution)
        XCTAssertEqual(
            error?.message,
            "Nghị quyết “hue-2025” do Thành phố Huế ban hành; chỉ tiêu của nghị quyết được đánh giá "
                + "và báo cáo cho Thành phố Huế, không cho Phường Phong Dinh.")
    }

    func testAnUnknownResolutionListsTheUnitsOwn() throws {
        XCTAssertEqual(
            refusal("khong-co", for: try ward())?.message,
            "Không có nghị quyết mã “khong-co”; các nghị quyết do Phường Phong Dinh ban hành: "
                + "phong-dinh-2025, phong-dinh-2020.")
        let ceased = try SubjectLookup.unit(code: "19846", on: Self.reform, in: Self.directory())
        XCTAssertEqual(refusal("khong-co", for: ceased)?.message, "Không có nghị quyết mã “khong-co”.")
        XCTAssertEqual(
            refusal(nil, for: ceased)?.message,
            "Chưa có nghị quyết nào do Phường Phong Hòa ban hành; hãy nhập bằng “tiendo resolution import”.")
    }
}
