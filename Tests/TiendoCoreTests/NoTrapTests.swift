import Foundation
import TiendoChecker
import TiendoCore
import XCTest

/// Data that no writer should produce, and text a hostile report may hold, give an answer
/// instead of a trap (issue 19: in a server shared by hundreds of offices a trap is an outage).
/// Each of these used to stop the process.
final class NoTrapTests: XCTestCase {
    private let unit = UnitID("46")

    // MARK: Numbers

    func testWholeIntIfFitsRefusesWhatIntWouldTrapOn() {
        XCTAssertEqual(3.9.wholeIntIfFits, 3)
        XCTAssertEqual((-3.9).wholeIntIfFits, -3)
        XCTAssertNil(Double.nan.wholeIntIfFits)
        XCTAssertNil(Double.infinity.wholeIntIfFits)
        XCTAssertNil((-Double.infinity).wholeIntIfFits)
        XCTAssertNil(1e20.wholeIntIfFits)
        XCTAssertNil(1.7e308.wholeIntIfFits)
        XCTAssertNil(Double(Int.max).wholeIntIfFits, "2⁶³ is one past Int.max")
    }

    // MARK: Periods and resolutions

    func testATermWrittenBackToFrontSpansItsFirstYearInsteadOfTrapping() {
        let reversed = Period.term(2030, 2025)
        XCTAssertEqual(reversed.years, 2030...2030)
        XCTAssertEqual(reversed.months.count, 12)
        XCTAssertEqual(reversed.subdivisions, [[.year(2030)]])
        XCTAssertEqual(reversed.span(in: .statistical).start, CivilDate(2030, 1, 1))
        XCTAssertFalse(reversed < .year(2020))
        XCTAssertEqual(Period.quarter(2025, 7).vietnameseLabel, "quý 7/2025")
    }

    func testPeriodIDsOutsideTheirBoundsAreRefusedNotTrapped() {
        for id in [
            "99999", "-1", "0", "", "2201", "1899", "2025Q0", "2025Q5", "2025M00", "2025M13", "2025S3", "2025N8",
            "2025-2024", "2025-2060", "9223372036854775808", "2025Q", "2025M1", "２０２５", "2025Q٣",
        ] {
            XCTAssertNil(Period(id: id), id)
        }
        XCTAssertEqual(Period(id: "1900"), .year(1900))
        XCTAssertEqual(Period(id: "2200Q4"), .quarter(2200, 4))
    }

    private func target(_ number: Int, _ measure: Measure = .level) -> Target {
        Target(
            number: number, group: .kinhTe, wording: "Chỉ tiêu \(number)", indicatorCode: "GRDP", measure: measure,
            condition: .atLeast(1, exceedBound: nil), deadlineYear: 2030)
    }

    func testAResolutionWithTwoTargetsUnderOneNumberOrABackwardsTermStillAnswers() {
        let resolution = Resolution(
            id: "x", issuingUnitID: unit, symbol: "01-NQ", title: "Thử", termStart: 2030, termEnd: 2025,
            adoptedOn: CivilDate(2025, 1, 1), targets: [target(1), target(1), target(2)])
        XCTAssertEqual(resolution.targets(on: CivilDate(2026, 1, 1)).map(\.number), [1, 2])
        XCTAssertEqual(resolution.termYears, [])
        XCTAssertTrue(resolution.isBeforeTerm(.year(2029)))
        XCTAssertFalse(resolution.isBeforeTerm(.year(2030)))
    }

    /// The assessor judges a period before the term (what the dashboard asked before issue 19)
    /// and a base year after the period without building a backwards range.
    func testTheAssessorAnswersForPeriodsBeforeTheTermAndTheBaseYear() {
        let indicator = Indicator(code: "GRDP", name: "GRDP", unitOfMeasure: "tỷ đồng")
        let values = (2025...2027).map {
            IndicatorValue(indicatorCode: "GRDP", unitID: unit, period: .year($0), number: Double($0 - 2000))
        }
        let directory = UnitDirectory(versions: [
            UnitVersion(
                unitID: unit, code: "46", name: "Huế", kind: .thanhPhoTrucThuoc, parentID: nil,
                validFrom: CivilDate(2025, 1, 1), validTo: nil)
        ])
        let assessor = Assessor(
            rollUp: RollUp(directory: directory, indicators: [indicator], values: ValueTable(values)))
        let measures: [Measure] = [
            .level, .averageGrowth(baseYear: 2027, geometric: false), .averageGrowth(baseYear: 2027, geometric: true),
            .sum(fromYear: 2026, toYear: 2030), .annualMean(fromYear: 2030, toYear: 2026),
            .everyYear(fromYear: 2026, toYear: 2030), .everyYear(fromYear: 2030, toYear: 2026),
            .shareOfUnits(unitCondition: nil, unitKinds: nil),
        ]
        for measure in measures {
            for period in [Period.year(1900), .year(2024), .quarter(2025, 1), .year(2026), .year(2200)] {
                let assessment = assessor.assess(target(1, measure), unit: unit, at: period, termStart: 2026)
                XCTAssertFalse(assessment.explanation.isEmpty, "\(measure) at \(period)")
            }
        }
    }

    // MARK: The value table

    /// More distinct periods than the packed key's 20 bits hold: the table keeps the extra keys
    /// unpacked instead of trapping on its precondition.
    func testAValueTableBeyondThePackedKeysBitsKeepsEveryFigure() {
        var table = ValueTable()
        let count = (1 << 20) + 3
        for year in 0..<count {
            table.insert(IndicatorValue(indicatorCode: "GRDP", unitID: unit, period: .year(year), number: Double(year)))
        }
        XCTAssertEqual(table.count, count)
        for year in [0, 1 << 19, (1 << 20) - 1, 1 << 20, count - 1] {
            XCTAssertEqual(
                table.reported(ValueKey(indicatorCode: "GRDP", unitID: unit, period: .year(year)))?.number,
                Double(year))
        }
        // A later version of a figure beyond the bits replaces it, as for any other.
        table.insert(
            IndicatorValue(indicatorCode: "GRDP", unitID: unit, period: .year(count - 1), number: -1, version: 2))
        XCTAssertEqual(
            table.reported(ValueKey(indicatorCode: "GRDP", unitID: unit, period: .year(count - 1)))?.number, -1)
        XCTAssertEqual(table.count, count)
        XCTAssertEqual(table.all.count, count)
    }

    // MARK: The report audit on hostile text

    /// Numbers far too large for an `Int` where the audit reads a list number, a quarter, a
    /// month, a level or a count of targets, a fraction over zero next to a percentage, and a
    /// judged paragraph that opens with a colon.
    func testTheAuditReadsHostileNumbersWithoutTrapping() {
        let huge = "99999999999999999999999"
        let texts = [
            "\(huge). Chỉ tiêu tăng trưởng đạt 8%.",
            "(\(huge)) Thu ngân sách đạt 366,3 tỷ đồng.",
            "Chỉ tiêu số \(huge): đạt.",
            "Quý \(huge)/2025 thu ngân sách đạt 100 tỷ đồng.",
            "Tháng \(huge) năm 2025 kết nạp 24 đảng viên mới.",
            "Có 12 trường đạt chuẩn quốc gia mức độ \(huge).",
            "Có \(huge)/\(huge) chỉ tiêu đạt và vượt, \(huge) chỉ tiêu chưa đạt.",
            "Có \(huge) chỉ tiêu đạt; tổng số 14 chỉ tiêu.",
            "Tỷ lệ hộ nghèo 3/0 hộ (50%). Tỷ lệ hộ nghèo 3/0 hộ đạt 50%.",
            "Kết quả: 5/0 chỉ tiêu đạt (100%), 0/0 chỉ tiêu chưa đạt.",
            "Năm 2025 kết nạp \(huge) đảng viên mới. Năm 2025 kết nạp 247 đảng viên mới.",
            "Tổng vốn \(huge) tỷ đồng, trong đó: \(huge) tỷ đồng, \(huge) tỷ đồng.",
            "từ \(huge) đến \(huge)9% dân số.",
            // A paragraph that opens with the colon before its result (found by the random test).
            ": kết nạp 15 đảng viên mới, đạt chỉ tiêu.",
            ":",
        ]
        for text in texts {
            _ = ReportCheck.run(text: text)
        }
    }

    /// Random sentences of the words, numbers and marks the audit looks for, in any order: the
    /// audit answers each without trapping (a seeded generator, so a failure repeats).
    func testTheAuditReadsRandomReportTextWithoutTrapping() {
        let pieces = [
            "1.", "(2)", "chỉ", "tiêu", "số", "quý", "I", "IV", "tháng", "năm", "2025", "2021", "–", "-", "/", "%",
            "(", ")", ";", ",", ".", ":", "đạt", "vượt", "chưa", "không", "trong", "đó", "tổng", "có", "từ", "đến",
            "6", "9", "đầu", "cuối", "nhiệm", "kỳ", "gốc", "giai", "đoạn", "mức", "độ", "12,5", "1.912,4", "0", "0/0",
            "3/0", "14/14", "99999999999999999999999", "tỷ", "đồng", "hộ", "đảng", "viên", "|", "[1]", "ước", "dự",
            "báo", "2026-01-26", "tăng", "giảm", "so", "với", "\n", "\n\n", "STT",
        ]
        var random = SplitMix64(state: 19)
        for _ in 0..<400 {
            let length = Int(random.next() % 60) + 1
            let text = (0..<length).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }
                .joined(separator: " ")
            _ = ReportCheck.run(text: text)
        }
    }
}
