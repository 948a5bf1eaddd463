import Foundation
import XCTest

@testable import TiendoCore

/// One rule for every entry path: plausible ranges, figures Tiendo computes, stale files.
final class FigureRulesTests: XCTestCase {
    static let money = Indicator(code: "THU_NSNN", name: "Thu ngân sách", unitOfMeasure: "tỷ đồng", decimals: 1)
    static let dong = Indicator(code: "THU_DONG", name: "Thu ngân sách", unitOfMeasure: "đồng")
    static let count = Indicator(code: "SO_HO", name: "Số hộ", unitOfMeasure: "hộ", valueType: .count)
    static let share = Indicator(code: "TY_LE", name: "Tỷ lệ", unitOfMeasure: "%", valueType: .percentage)

    func testEveryKindOfIndicatorHasAFiniteRangeNamedInVietnamese() {
        XCTAssertEqual(
            FigureReading.check(1.7e308, for: Self.money).error,
            "Số liệu quá lớn; chỉ nhận từ -1.000.000.000.000.000 đến 1.000.000.000.000.000 tỷ đồng.")
        XCTAssertNil(FigureReading.check(-12.5, for: Self.money).error, "a number may be negative (a loss)")
        XCTAssertNil(FigureReading.check(2e15, for: Self.dong).error, "the state budget in đồng fits")
        XCTAssertNotNil(FigureReading.check(2e18, for: Self.dong).error)
        XCTAssertEqual(
            FigureReading.check(2e12, for: Self.count).error,
            "Số đếm quá lớn; chỉ nhận từ 0 đến 1.000.000.000.000 hộ.")
        XCTAssertNotNil(FigureReading.check(.infinity, for: Self.money).error)
        XCTAssertNotNil(FigureReading.check(.nan, for: Self.count).error)
        XCTAssertNotNil(FigureReading.check(100.5, for: Self.share).error)
        XCTAssertNil(FigureReading.check(100, for: Self.share).error)
        XCTAssertNotNil(FigureReading.read("1" + String(repeating: "0", count: 30), for: Self.money).error)
    }

    func testTaskRatingAndDossierFiguresAreComputedByTiendo() {
        XCTAssertTrue(FigureRules.computedBy(TaskFigures.overdueCode)?.contains("nhiệm vụ") ?? false)
        XCTAssertTrue(FigureRules.computedBy(TaskFigures.onTimeShareCode)?.contains("nhiệm vụ") ?? false)
        for code in QualityIndicators.allCodes {
            XCTAssertTrue(FigureRules.computedBy(code)?.contains("xếp loại") ?? false, code)
        }
        for code in DossierIndicators.codes {
            XCTAssertTrue(FigureRules.computedBy(code)?.contains("hồ sơ") ?? false, code)
        }
        XCTAssertNil(FigureRules.computedBy("SO_HO_NGHEO"))
        XCTAssertNil(FigureRules.computedRefusal(Self.money))
    }

    func testAFigureChangedSinceTheFileIsStaleOnlyWhenTheFileWouldChangeIt() {
        let unit = UnitID("19831")
        func value(_ code: String, _ number: Double, version: Int = 1) -> IndicatorValue {
            IndicatorValue(
                indicatorCode: code, unitID: unit, period: .year(2027), number: number, author: "Cán bộ B",
                version: version)
        }
        let stored = ["A": value("A", 10, version: 3), "B": value("B", 20, version: 2), "C": value("C", 30)]
        let file = [value("A", 9), value("B", 20), value("C", 31), value("D", 1)]
        let seen: [String: FigureVersions.Seen] = [
            "A": .version(2), "B": .version(1), "C": .version(1), "D": .version(0),
        ]

        let stale = FigureVersions.stale(file, seen: { seen[$0.indicatorCode] }, current: { stored[$0.indicatorCode] })

        XCTAssertEqual(
            stale.map(\.inFile.indicatorCode), ["A"], "B is as stored now, C was not changed since, D is new")
        let old = FigureVersions.stale(file, seen: { _ in .unknown }, current: { stored[$0.indicatorCode] })
        XCTAssertEqual(old.map(\.inFile.indicatorCode), ["A", "C"], "an old file may not overwrite")
        XCTAssertEqual(FigureVersions.vietnameseTime(Date(timeIntervalSince1970: 1_796_000_000)), "30/11/2026 07:53")
        XCTAssertEqual(FigureVersions.vietnameseTime(Date(timeIntervalSince1970: 1e300)), "—")
    }

    func testADeadlineWithAnAbsurdNumberOfDaysStillAnswers() {
        let rule = DeadlineRule(workingDays: Int.max)
        XCTAssertGreaterThan(rule.deadline(for: .year(2027), calendar: .statistical).year, 2027)
    }
}
