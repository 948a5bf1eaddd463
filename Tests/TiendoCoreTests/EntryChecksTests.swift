import Foundation
import XCTest

@testable import TiendoCore

/// Checks at entry: an unusual figure is found against its unit's history, the same months of
/// earlier years, its peers and its share's total; it needs a note and is then flagged.
final class EntryChecksTests: XCTestCase {
    static let revenue = Indicator(code: "THU_NSNN", name: "Thu ngân sách", unitOfMeasure: "tỷ đồng", decimals: 1)
    static let poorShare = Indicator(
        code: "TL_HO_NGHEO", name: "Tỷ lệ hộ nghèo", unitOfMeasure: "%", decimals: 2, valueType: .percentage,
        space: .ratio(numerator: "HO_NGHEO", denominator: "TONG_HO", multiplier: 100))
    static let poor = Indicator(code: "HO_NGHEO", name: "Số hộ nghèo", unitOfMeasure: "hộ", valueType: .count)
    static let households = Indicator(code: "TONG_HO", name: "Tổng số hộ", unitOfMeasure: "hộ", valueType: .count)
    static let coverage = Indicator(
        code: "BHYT", name: "Tỷ lệ bao phủ bảo hiểm y tế", unitOfMeasure: "%", decimals: 1, valueType: .percentage,
        space: .mean)

    static func quarters(_ numbers: [Double], from year: Int = 2024) -> [EntryChecks.PastFigure] {
        numbers.enumerated().map { index, number in
            EntryChecks.PastFigure(.quarter(year + index / 4, index % 4 + 1), number)
        }
    }

    func testAFigureFarFromTheUnitsOwnPastIsUnusualAndAnOrdinaryOneIsNot() {
        let reference = EntryChecks.Reference(history: Self.quarters([100, 104, 98, 101, 103, 99, 102, 105]))

        let unusual = EntryChecks.findings(1_020, Self.revenue, period: .quarter(2026, 1), reference: reference)
        XCTAssertEqual(unusual.map(\.kind), [.history])
        XCTAssertEqual(
            unusual.first?.text,
            "Khác xa các kỳ trước của đơn vị: 8 kỳ gần nhất từ 98 tỷ đồng đến 105 tỷ đồng (trung vị 101,5 tỷ đồng).")
        XCTAssertEqual(EntryChecks.findings(108, Self.revenue, period: .quarter(2026, 1), reference: reference), [])
        XCTAssertEqual(EntryChecks.findings(94, Self.revenue, period: .quarter(2026, 1), reference: reference), [])
    }

    func testOneOddPastPeriodDoesNotHideTheNextOddOne() {
        // A mean and standard deviation would be dragged by the 900; the median and MAD are not.
        let reference = EntryChecks.Reference(history: Self.quarters([100, 102, 900, 101, 99, 103]))

        XCTAssertEqual(
            EntryChecks.findings(700, Self.revenue, period: .quarter(2025, 3), reference: reference).map(\.kind),
            [.history])
    }

    func testAConstantSeriesFlagsOnlyAChangeBeyondAFifth() {
        let reference = EntryChecks.Reference(history: Self.quarters([50, 50, 50, 50, 50]))

        XCTAssertEqual(EntryChecks.findings(59, Self.revenue, period: .quarter(2025, 2), reference: reference), [])
        XCTAssertEqual(EntryChecks.findings(41, Self.revenue, period: .quarter(2025, 2), reference: reference), [])
        XCTAssertEqual(
            EntryChecks.findings(61, Self.revenue, period: .quarter(2025, 2), reference: reference).map(\.kind),
            [.history])
    }

    func testTooLittleHistoryAndNoPeersFlagsNothing() {
        let reference = EntryChecks.Reference(history: Self.quarters([100, 101, 99]))

        XCTAssertEqual(EntryChecks.findings(5_000, Self.revenue, period: .quarter(2024, 4), reference: reference), [])
    }

    func testARateFarFromItsPeersIsUnusualWhenTheUnitHasLittleHistory() {
        let peers: [Double] = [91.2, 92.5, 90.8, 93.1, 92.0, 91.7]

        let unusual = EntryChecks.findings(
            45, Self.coverage, period: .year(2026), reference: EntryChecks.Reference(peers: peers))
        XCTAssertEqual(unusual.map(\.kind), [.peers])
        XCTAssertTrue(unusual.first?.text.contains("6 đơn vị khác cùng kỳ từ 90,8% đến 93,1%") == true)
        XCTAssertEqual(
            EntryChecks.findings(
                88, Self.coverage, period: .year(2026), reference: EntryChecks.Reference(peers: peers)),
            [])
        // Its own steady history wins over peers: a unit always far from its neighbours is not flagged.
        let ownHistory = EntryChecks.Reference(
            history: (2019...2025).map { EntryChecks.PastFigure(.year($0), 46 + Double($0 % 3)) }, peers: peers)
        XCTAssertEqual(EntryChecks.findings(45, Self.coverage, period: .year(2026), reference: ownHistory), [])
    }

    func testAMonthlySeriesIsComparedWithTheSameMonthOfEarlierYears() {
        // Collections peak in December every year: a December peak is usual, a June at the same
        // level is not, although both would look odd against the months just before.
        var history: [EntryChecks.PastFigure] = []
        for year in 2022...2025 {
            for month in 1...12 {
                let base = 100 + Double(year - 2022) * 5 + Double(month % 3)
                history.append(EntryChecks.PastFigure(.month(year, month), month == 12 ? base * 3 : base))
            }
        }
        let reference = EntryChecks.Reference(history: history.filter { $0.period < .month(2026, 1) })
        let withJune = EntryChecks.Reference(
            history: reference.history + (1...5).map { EntryChecks.PastFigure(.month(2026, $0), 120 + Double($0 % 3)) }
        )

        XCTAssertEqual(EntryChecks.findings(125, Self.revenue, period: .month(2026, 6), reference: withJune), [])
        let june = EntryChecks.findings(360, Self.revenue, period: .month(2026, 6), reference: withJune)
        XCTAssertEqual(june.map(\.kind), [.season])
        XCTAssertTrue(june.first?.text.hasPrefix("Khác xa cùng kỳ các năm trước: so với tháng 6/2025") == true)
        var december = reference
        december.history += (1...11).map { EntryChecks.PastFigure(.month(2026, $0), 120 + Double($0 % 3)) }
        XCTAssertEqual(EntryChecks.findings(360, Self.revenue, period: .month(2026, 12), reference: december), [])
    }

    func testAPartAboveItsTotalIsUnusualOnTheFigureThatChanged() {
        let plan = EntryChecks.Plan(
            indicators: ["HO_NGHEO": Self.poor, "TONG_HO": Self.households],
            references: ["HO_NGHEO": .init(), "TONG_HO": .init()],
            shares: [EntryChecks.Share(name: Self.poorShare.name, part: Self.poor, total: Self.households)])
        let changed = IndicatorValue(
            indicatorCode: "HO_NGHEO", unitID: UnitID("PD@2000-01-01"), period: .year(2026), number: 1_250)

        let findings = EntryChecks.findings([changed], figures: ["HO_NGHEO": 1_250, "TONG_HO": 1_200], plan: plan)
        XCTAssertEqual(findings.keys.sorted(), ["HO_NGHEO"])
        XCTAssertEqual(findings["HO_NGHEO"]?.map(\.kind), [.share])
        XCTAssertEqual(
            EntryChecks.findings([changed], figures: ["HO_NGHEO": 1_150, "TONG_HO": 1_200], plan: plan), [:])
        // Both typed at once: one note, on the part, explains the pair; the total alone gets it
        // when only the total changed.
        let total = IndicatorValue(
            indicatorCode: "TONG_HO", unitID: UnitID("PD@2000-01-01"), period: .year(2026), number: 1_200)
        let both = EntryChecks.findings([changed, total], figures: ["HO_NGHEO": 1_250, "TONG_HO": 1_200], plan: plan)
        XCTAssertEqual(both.keys.sorted(), ["HO_NGHEO"])
        let totalOnly = EntryChecks.findings([total], figures: ["HO_NGHEO": 1_250, "TONG_HO": 1_200], plan: plan)
        XCTAssertEqual(totalOnly.keys.sorted(), ["TONG_HO"])
    }

    func testThePlanReadsTheUnitsPastPeersAndSharesFromASnapshot() {
        let province = UnitVersion(
            unitID: UnitID("T@2025-07-01"), code: "T", name: "Cần Thơ", kind: .thanhPhoTrucThuoc, parentID: nil,
            validFrom: CivilDate(2025, 7, 1))
        let wards = (1...6).map { n in
            UnitVersion(
                unitID: UnitID("P\(n)@2025-07-01"), code: "P\(n)", name: "Phường \(n)", kind: .phuong,
                parentID: province.unitID, validFrom: CivilDate(2025, 7, 1))
        }
        var values = ValueTable()
        for (index, ward) in wards.enumerated() {
            values.insert(
                IndicatorValue(
                    indicatorCode: "BHYT", unitID: ward.unitID, period: .year(2026), number: 90 + Double(index)))
            values.insert(
                IndicatorValue(indicatorCode: "THU_NSNN", unitID: ward.unitID, period: .year(2025), number: 10))
        }
        values.insert(
            IndicatorValue(indicatorCode: "THU_NSNN", unitID: wards[0].unitID, period: .year(2027), number: 99))
        let snapshot = Snapshot(
            directory: UnitDirectory(versions: [province] + wards, links: []),
            indicators: [Self.revenue, Self.coverage, Self.poorShare, Self.poor, Self.households], values: values,
            resolutions: [])

        let plan = EntryChecks.Plan(
            snapshot: snapshot, unit: wards[0].unitID, period: .year(2026), codes: ["BHYT", "THU_NSNN", "HO_NGHEO"],
            on: CivilDate(2026, 12, 31))
        XCTAssertEqual(plan.references["BHYT"]?.peers.sorted(), [91, 92, 93, 94, 95])
        XCTAssertEqual(plan.references["THU_NSNN"]?.history, [EntryChecks.PastFigure(.year(2025), 10)])
        XCTAssertEqual(plan.references["THU_NSNN"]?.peers, [])
        XCTAssertEqual(plan.shares.map(\.name), ["Tỷ lệ hộ nghèo"])
    }
}
