import TiendoCore
import TiendoTestSupport
import XCTest

final class RollUpTests: XCTestCase {
    func testYearIsSummedFromQuartersForFlowsAndTakenLastForStocks() {
        var world = CoreFixture()
        let ward = world.unit("90001", "A")
        world.indicator("THU", time: .sum)
        world.indicator("DANG_VIEN", time: .last)
        for (q, n) in [10.0, 20, 30, 40].enumerated() {
            world.value("THU", ward, "2025Q\(q + 1)", n)
            world.value("DANG_VIEN", ward, "2025Q\(q + 1)", 200 + n)
        }

        let revenue = world.rollUp.figure("THU", unit: ward, period: .year(2025)).figure
        let members = world.rollUp.figure("DANG_VIEN", unit: ward, period: .year(2025)).figure

        XCTAssertEqual(revenue?.number, 100)
        XCTAssertEqual(revenue?.source, .shorterPeriods(count: 4))
        XCTAssertEqual(members?.number, 240)
    }

    func testMissingQuarterMeansMissingYearNotAPartialSum() {
        var world = CoreFixture()
        let ward = world.unit("90001", "A")
        world.indicator("THU")
        for q in 1...3 { world.value("THU", ward, "2025Q\(q)", 10) }

        let outcome = world.rollUp.figure("THU", unit: ward, period: .year(2025))

        XCTAssertEqual(outcome, .missing)
    }

    func testMissingChildMeansMissingTotal() {
        var world = CoreFixture()
        let city = world.unit("90", "Mẫu", kind: .thanhPhoTrucThuoc)
        let a = world.unit("90001", "A", parent: city)
        world.unit("90002", "B", parent: city)
        world.indicator("THU")
        world.value("THU", a, "2025", 10)

        XCTAssertEqual(world.rollUp.figure("THU", unit: city, period: .year(2025)), .missing)
    }

    func testZeroDenominatorIsNotComparable() {
        var world = CoreFixture()
        let ward = world.unit("90001", "A")
        world.indicator("N")
        world.indicator("D")
        world.indicator("R", space: .ratio(numerator: "N", denominator: "D", multiplier: 100), time: .ratio)
        world.value("N", ward, "2025", 0)
        world.value("D", ward, "2025", 0)

        let outcome = world.rollUp.figure("R", unit: ward, period: .year(2025))

        XCTAssertEqual(outcome, .notComparable(reason: "mẫu số bằng 0, không tính được tỷ lệ"))
    }

    func testHugeEntriesNeverRollUpToInfinity() {
        var world = CoreFixture()
        let city = world.unit("90", "Mẫu", kind: .thanhPhoTrucThuoc)
        let a = world.unit("90001", "A", parent: city)
        let b = world.unit("90002", "B", parent: city)
        world.indicator("THU")
        // As two wards' API writes did before entry refused absurd values.
        world.value("THU", a, "2025", 1.7e308)
        world.value("THU", b, "2025", 1.7e308)
        world.value("THU", a, "2026", .infinity)

        let total = world.rollUp.figure("THU", unit: city, period: .year(2025))
        let stored = world.rollUp.figure("THU", unit: a, period: .year(2026))

        XCTAssertEqual(total, .notComparable(reason: RollUp.nonFiniteReason))
        XCTAssertEqual(stored, .notComparable(reason: RollUp.nonFiniteReason))
        XCTAssertEqual(world.rollUp.figure("THU", unit: a, period: .year(2025)).figure?.number, 1.7e308)
    }

    func testSplitApportionsAdditiveFiguresByWeight() {
        var world = CoreFixture()
        let reform = CivilDate(2025, 7, 1)
        let old = world.unit("90001", "Cũ", to: CivilDate(2025, 6, 30))
        let east = world.unit("90011", "Đông", from: reform)
        let west = world.unit("90012", "Tây", from: reform)
        world.links = [
            LineageLink(source: old, successor: east, weight: 0.6, date: reform),
            LineageLink(source: old, successor: west, weight: 0.4, date: reform),
        ]
        world.indicator("HO", unit: "hộ")
        world.value("HO", old, "2024", 5000)

        let eastHistory = world.rollUp.figure("HO", unit: east, period: .year(2024)).figure?.number
        let westHistory = world.rollUp.figure("HO", unit: west, period: .year(2024)).figure?.number

        XCTAssertEqual(eastHistory, 3000)
        XCTAssertEqual(westHistory, 2000)
    }

    func testRatioHistoryOfMergedUnitIsRecomputedFromSummedParts() {
        var world = CoreFixture()
        let reform = CivilDate(2025, 7, 1)
        let a = world.unit("90001", "A", to: CivilDate(2025, 6, 30))
        let b = world.unit("90002", "B", to: CivilDate(2025, 6, 30))
        let c = world.unit("90001", "C", from: reform)
        world.links = [
            LineageLink(source: a, successor: c, date: reform), LineageLink(source: b, successor: c, date: reform),
        ]
        world.indicator("N")
        world.indicator("D")
        world.indicator("R", space: .ratio(numerator: "N", denominator: "D", multiplier: 100), time: .ratio)
        world.value("N", a, "2024", 30)
        world.value("D", a, "2024", 2000)
        world.value("N", b, "2024", 10)
        world.value("D", b, "2024", 3000)

        let rate = world.rollUp.figure("R", unit: c, period: .year(2024)).figure?.number

        XCTAssertEqual(rate!, 0.8, accuracy: 1e-12)
    }

    func testNonAdditiveHistoryOfMergedUnitIsNotComparable() {
        var world = CoreFixture()
        let reform = CivilDate(2025, 7, 1)
        let a = world.unit("90001", "A", to: CivilDate(2025, 6, 30))
        let b = world.unit("90002", "B", to: CivilDate(2025, 6, 30))
        let c = world.unit("90001", "C", from: reform)
        world.links = [
            LineageLink(source: a, successor: c, date: reform), LineageLink(source: b, successor: c, date: reform),
        ]
        world.indicator("DIEM", space: .mean)
        world.value("DIEM", a, "2024", 80)
        world.value("DIEM", b, "2024", 90)

        let outcome = world.rollUp.figure("DIEM", unit: c, period: .year(2024))

        guard case .notComparable(let reason) = outcome else {
            return XCTFail("expected không so sánh được, got \(outcome)")
        }
        XCTAssertTrue(reason.contains("không so sánh được"), reason)
    }

    func testReusedCodeDoesNotJoinHistory() {
        var world = CoreFixture()
        let reform = CivilDate(2025, 7, 1)
        let old = world.unit("90001", "A", to: CivilDate(2025, 6, 30))
        let successor = world.unit("90001", "C", from: reform)
        world.indicator("THU")
        world.value("THU", old, "2024", 100)

        // No lineage link: the same code alone must not carry A's history to C.
        XCTAssertEqual(world.rollUp.figure("THU", unit: successor, period: .year(2024)), .missing)
        XCTAssertEqual(world.rollUp.directory.unit(code: "90001", on: CivilDate(2024, 1, 1))?.name, "A")
        XCTAssertEqual(world.rollUp.directory.unit(code: "90001", on: CivilDate(2026, 1, 1))?.name, "C")
    }

    func testEstimateFlowsUpToTheTotal() {
        var world = CoreFixture()
        let city = world.unit("90", "Mẫu", kind: .thanhPhoTrucThuoc)
        let a = world.unit("90001", "A", parent: city)
        let b = world.unit("90002", "B", parent: city)
        world.indicator("THU")
        world.value("THU", a, "2025", 10)
        world.value("THU", b, "2025", 20, status: .uoc)

        let total = world.rollUp.figure("THU", unit: city, period: .year(2025)).figure

        XCTAssertEqual(total?.number, 30)
        XCTAssertEqual(total?.isEstimate, true)
    }
}
