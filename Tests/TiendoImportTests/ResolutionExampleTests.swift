import TiendoCore
import XCTest

@testable import TiendoImport

/// The Huế resolution the demo loads (docs/examples/nghi-quyet-hue-2025-2030.yaml).
final class ResolutionExampleTests: XCTestCase {
    private func example() throws -> ResolutionDocument {
        let text = try String(contentsOf: TestFiles.exampleResolution, encoding: .utf8)
        return try ResolutionFile.parse(text: text, fileName: "nghi-quyet-hue-2025-2030.yaml")
    }

    private func target(_ number: Int, in document: ResolutionDocument) throws -> Target {
        try XCTUnwrap(document.targets.first { $0.number == number }, "chỉ tiêu \(number)")
    }

    func testExampleHasFourteenTargetsCoveringEveryMeasureConditionAndGroup() throws {
        let document = try example()

        XCTAssertEqual(document.targets.count, 14)
        XCTAssertEqual(document.targets.map(\.number), Array(1...14))
        XCTAssertEqual(
            Set(document.targets.map(\.measure.kindName)),
            ["level", "averageGrowth", "sum", "annualMean", "everyYear", "shareOfUnits"])
        XCTAssertEqual(Set(document.targets.map(\.condition.kindName)), ["atLeast", "atMost", "between"])
        let conditions = document.targets.map(\.condition)
        XCTAssertTrue(
            conditions.contains { if case .atLeast(let v, let e) = $0 { return e == v } else { return false } }, "plan")
        XCTAssertTrue(
            conditions.contains { if case .atLeast(_, nil) = $0 { return true } else { return false } }, "threshold")
        XCTAssertTrue(conditions.contains(where: { $0 == .between(low: 10, high: 11, direction: .higherIsBetter) }))
        XCTAssertTrue(
            conditions.contains { if case .between(_, _, .lowerIsBetter) = $0 { return true } else { return false } })
        XCTAssertEqual(Set(document.targets.map(\.group)), Set(TargetGroup.allCases))
        XCTAssertTrue(
            document.targets.contains {
                if case .averageGrowth(_, false) = $0.measure { return true } else { return false }
            })
        XCTAssertTrue(
            document.targets.contains {
                if case .shareOfUnits(.some, _) = $0.measure { return true } else { return false }
            })
        XCTAssertTrue(
            document.targets.contains {
                if case .shareOfUnits(nil, _) = $0.measure { return true } else { return false }
            })
    }

    func testExampleHeaderAndResolution() throws {
        let document = try example()

        XCTAssertEqual(document.id, "hue-2025-2030")
        XCTAssertEqual(document.issuingUnitCode, "46")
        XCTAssertEqual(document.issuingUnitCodeLine, 5)
        XCTAssertEqual(document.symbol, "01-NQ/ĐH")
        XCTAssertEqual(document.termStart, 2025)
        XCTAssertEqual(document.termEnd, 2030)
        XCTAssertEqual(document.adoptedOn, CivilDate(2025, 10, 15))
        XCTAssertTrue(document.title.hasPrefix("Nghị quyết Đại hội đại biểu Đảng bộ thành phố Huế"))

        let hue = UnitID(code: "46", validFrom: CivilDate(2025, 7, 1))
        let resolution = document.resolution(issuingUnitID: hue)
        XCTAssertEqual(resolution.issuingUnitID, hue)
        XCTAssertEqual(resolution.term, .term(2025, 2030))
        XCTAssertEqual(resolution.targets, document.targets)
        XCTAssertEqual(resolution.revisions, document.revisions)
    }

    func testExampleTargetsReadAsWritten() throws {
        let document = try example()

        let growth = try target(1, in: document)
        XCTAssertEqual(growth.measure, .averageGrowth(baseYear: 2025, geometric: true))
        XCTAssertEqual(growth.condition, .between(low: 10, high: 11, direction: .higherIsBetter))
        XCTAssertEqual(growth.deadlineYear, 2030)
        XCTAssertEqual(growth.indicatorCode, "GRDP")
        XCTAssertEqual(growth.group, .kinhTe)

        XCTAssertEqual(
            try target(2, in: document).condition, .atLeast(150, exceedBound: nil), "“trên 150” is read as ≥ 150")
        XCTAssertEqual(try target(2, in: document).baseline, 86.4)

        let investment = try target(3, in: document)
        XCTAssertEqual(investment.measure, .sum(fromYear: 2026, toYear: 2030))
        XCTAssertEqual(investment.condition, .plan(250_000))

        XCTAssertEqual(try target(4, in: document).condition, .plan(20_000))
        XCTAssertEqual(try target(4, in: document).baseline, 12_650)

        let exports = try target(5, in: document)
        XCTAssertEqual(exports.measure, .averageGrowth(baseYear: 2025, geometric: false))
        XCTAssertEqual(exports.condition, .atLeast(12, exceedBound: nil))
        XCTAssertEqual(exports.decimals, 1)

        let poverty = try target(6, in: document)
        XCTAssertEqual(poverty.measure, .level)
        XCTAssertEqual(poverty.condition, .atMost(1.5, exceedBound: nil))
        XCTAssertEqual(poverty.group, .vanHoaXaHoiMoiTruong)

        let jobs = try target(7, in: document)
        XCTAssertEqual(jobs.measure, .annualMean(fromYear: 2026, toYear: 2030))
        XCTAssertEqual(jobs.condition, .atLeast(18_000, exceedBound: nil))

        XCTAssertEqual(try target(8, in: document).measure, .shareOfUnits(unitCondition: nil, unitKinds: [.xa]))
        XCTAssertEqual(
            try target(9, in: document).measure,
            .shareOfUnits(unitCondition: .atLeast(95, exceedBound: nil), unitKinds: nil))
        XCTAssertEqual(try target(9, in: document).condition, .atLeast(90, exceedBound: nil))

        let waste = try target(10, in: document)
        XCTAssertEqual(waste.deadlineYear, 2028)
        XCTAssertEqual(waste.tolerance, .absolute(0.5))

        let accidents = try target(11, in: document)
        XCTAssertEqual(accidents.condition, .between(low: -10, high: -5, direction: .lowerIsBetter))
        XCTAssertEqual(accidents.tolerance, .relative(0.1))
        XCTAssertEqual(accidents.group, .quocPhongAnNinh)

        XCTAssertEqual(try target(12, in: document).measure, .everyYear(fromYear: 2026, toYear: 2030))
        XCTAssertEqual(try target(12, in: document).condition, .atLeast(80, exceedBound: nil))

        let members = try target(13, in: document)
        XCTAssertEqual(members.measure, .everyYear(fromYear: 2026, toYear: 2030))
        XCTAssertEqual(members.condition, .between(low: 1000, high: 1200, direction: .higherIsBetter))
        XCTAssertEqual(members.group, .xayDungDang)

        XCTAssertEqual(
            try target(14, in: document).wording, "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt trên 98%")
    }

    func testExampleIndicatorsIncludeRatios() throws {
        let document = try example()
        let byCode = Dictionary(uniqueKeysWithValues: document.indicators.map { ($0.code, $0) })

        XCTAssertEqual(document.indicators.count, 25)
        let poverty = try XCTUnwrap(byCode["TY_LE_HO_NGHEO"])
        XCTAssertEqual(poverty.space, .ratio(numerator: "SO_HO_NGHEO", denominator: "TONG_SO_HO", multiplier: 100))
        XCTAssertEqual(poverty.time, .ratio)
        XCTAssertEqual(poverty.valueType, .percentage)
        XCTAssertEqual(poverty.decimals, 2)
        XCTAssertEqual(poverty.unitOfMeasure, "%")
        XCTAssertEqual(
            byCode["GRDP_DAU_NGUOI"]?.space,
            .ratio(numerator: "GRDP_HIEN_HANH", denominator: "DAN_SO", multiplier: 1000))
        XCTAssertEqual(
            byCode["TY_LE_BHYT"]?.space, .ratio(numerator: "SO_NGUOI_BHYT", denominator: "DAN_SO", multiplier: 100))
        let rural = try XCTUnwrap(byCode["DAT_CHUAN_NTM"])
        XCTAssertEqual(rural.valueType, .yesNo)
        XCTAssertEqual(rural.space, SpaceAggregation.none)
        XCTAssertEqual(rural.time, .last)
        XCTAssertEqual(byCode["GRDP"]?.space, .sum)
        XCTAssertEqual(byCode["GRDP"]?.time, .sum)
        XCTAssertEqual(byCode["SO_HO_NGHEO"]?.time, .last)
        XCTAssertEqual(byCode["SO_HO_NGHEO"]?.valueType, .count)
        XCTAssertEqual(byCode["DAN_SO"]?.time, .mean)
        for target in document.targets { XCTAssertNotNil(byCode[target.indicatorCode], "chỉ tiêu \(target.number)") }
        XCTAssertTrue(document.referencedIndicatorCodes.isSubset(of: Set(byCode.keys)))
    }

    func testExampleRevisionKeepsWhatItDoesNotChange() throws {
        let document = try example()

        XCTAssertEqual(document.revisions.count, 1)
        let revision = document.revisions[0]
        XCTAssertEqual(revision.symbol, "12-NQ/TU")
        XCTAssertEqual(revision.effectiveFrom, CivilDate(2028, 1, 1))
        XCTAssertEqual(revision.targets.map(\.number), [3, 6])
        let investment = revision.targets[0]
        XCTAssertEqual(investment.condition, .plan(220_000))
        XCTAssertEqual(investment.measure, .sum(fromYear: 2026, toYear: 2030), "kept from the adopted target")
        XCTAssertEqual(investment.indicatorCode, "VON_DAU_TU")
        XCTAssertEqual(investment.group, .kinhTe)
        XCTAssertEqual(revision.targets[1].condition, .atMost(1, exceedBound: nil))
        XCTAssertEqual(revision.targets[1].baseline, 2.6)

        let resolution = document.resolution(issuingUnitID: UnitID("46@2025-07-01"))
        XCTAssertEqual(
            resolution.targets(on: CivilDate(2027, 12, 31)).first { $0.number == 3 }?.condition, .plan(250_000))
        XCTAssertEqual(
            resolution.targets(on: CivilDate(2028, 1, 1)).first { $0.number == 3 }?.condition, .plan(220_000))
    }

    func testExampleSaysHowAmbiguousNumbersWereRead() throws {
        let document = try example()

        let assumption = try XCTUnwrap(document.assumptions.first { $0.reason.contains("“250.000”") })
        XCTAssertEqual(assumption.field, "chi_tieu[3].dieu_kien.ke_hoach")
        XCTAssertNotNil(assumption.line)
    }

    func testMinimalExampleInTheDocumentationParses() throws {
        let doc = try String(
            contentsOf: TestFiles.repositoryRoot.appendingPathComponent("docs/resolution-yaml.md"), encoding: .utf8)
        let section = try XCTUnwrap(doc.range(of: "## 9."))
        let rest = doc[section.upperBound...]
        let start = try XCTUnwrap(rest.range(of: "```yaml\n"))
        let end = try XCTUnwrap(rest[start.upperBound...].range(of: "```"))

        let document = try ResolutionFile.parse(
            text: String(rest[start.upperBound..<end.lowerBound]), fileName: "mau.yaml")

        XCTAssertEqual(document.issuingUnitCode, "19831")
        XCTAssertEqual(document.targets.first?.condition, .between(low: 10, high: 11, direction: .higherIsBetter))
    }
}
