import Foundation
import TiendoApplication
import TiendoCore

/// The synthetic dataset of the benchmark suite (issue 8, BENCHMARKS.md): the official units
/// of 2025 and the communes before the reform, 100 reported indicators and 10 ratios, monthly
/// figures for 2025–2030 for every commune, yearly figures for 2020–2024 for every old commune,
/// and one term resolution per province and per commune with 15–20 targets.
///
/// Every number is a pure function of the seed, the unit code, the indicator and the period, so
/// the same seed gives the same dataset on every machine and in any order of generation.
public struct BenchDataset: Sendable {
    /// How much of the country.
    public enum Scale: String, CaseIterable, Sendable {
        /// One province, its communes and their predecessors.
        case province
        /// 34 provinces, 3,321 communes and about 10,000 old communes.
        case national
    }

    /// The scale generated.
    public let scale: Scale
    /// The seed every number derives from.
    public let seed: UInt64
    /// The province of the province scale (Thành phố Huế by default).
    public let provinceCode: String

    /// Years of monthly figures for the communes formed in 2025.
    public static let monthlyYears = 2025...2030
    /// Years of yearly history for the communes before the reform.
    public static let historyYears = 2020...2024
    /// The year the suite evaluates.
    public static let evaluationYear = 2026

    /// Flows (a year is the sum of its months): `BM_001`…`BM_060`, and the ten pairs
    /// `BM_061`…`BM_080` whose odd member is a part of the even one.
    static let flowNumbers = 1...80
    /// Stocks (a year is its December figure): `BM_081`…`BM_100`.
    static let stockNumbers = 81...100
    /// The ratio indicators `TL_01`…`TL_10`: BM_(59+2k) / BM_(60+2k) × 100.
    static let ratioNumbers = 1...10

    /// Creates the description of a dataset.
    public init(scale: Scale, seed: UInt64 = 2025, provinceCode: String = "46") {
        self.scale = scale
        self.seed = seed
        self.provinceCode = provinceCode
    }

    // MARK: Indicators

    /// The code of reported indicator `number` (1…100).
    public static func reportedCode(_ number: Int) -> String {
        "BM_" + String(repeating: "0", count: 3 - String(number).count) + String(number)
    }

    /// The code of ratio indicator `number` (1…10).
    public static func ratioCode(_ number: Int) -> String { "TL_" + (number < 10 ? "0" : "") + String(number) }

    /// The 110 indicators: 80 flows, 20 stocks, 10 ratios of flow pairs.
    public static var indicators: [Indicator] {
        var all: [Indicator] = []
        for number in flowNumbers {
            let isPart = number > 60 && number % 2 == 1
            let isWhole = number > 60 && number % 2 == 0
            let name =
                isPart
                ? "Số việc đạt yêu cầu, nhóm \((number - 59) / 2) (thử nghiệm)"
                : isWhole
                    ? "Tổng số việc, nhóm \((number - 60) / 2) (thử nghiệm)" : "Chỉ số lũy kế số \(number) (thử nghiệm)"
            all.append(
                Indicator(
                    code: reportedCode(number), name: name, unitOfMeasure: "việc", valueType: .count, space: .sum,
                    time: .sum))
        }
        for number in stockNumbers {
            all.append(
                Indicator(
                    code: reportedCode(number), name: "Chỉ số thời điểm số \(number) (thử nghiệm)",
                    unitOfMeasure: "người", valueType: .count, space: .sum, time: .last))
        }
        for number in ratioNumbers {
            all.append(
                Indicator(
                    code: ratioCode(number), name: "Tỷ lệ việc đạt yêu cầu, nhóm \(number) (thử nghiệm)",
                    unitOfMeasure: "%", decimals: 1, valueType: .percentage,
                    space: .ratio(
                        numerator: reportedCode(59 + 2 * number), denominator: reportedCode(60 + 2 * number),
                        multiplier: 100),
                    time: .ratio))
        }
        return all
    }

    // MARK: Figures

    /// The monthly figure of reported indicator `number` for the commune `unitCode`.
    public func monthly(_ unitCode: String, indicator number: Int, year: Int, month: Int) -> Double {
        let t = Double(year - 2025) + Double(month - 1) / 12
        if number > 60 && number <= 80 && number % 2 == 1 {
            // A part of the next indicator: a share that improves a little every year.
            let whole = monthly(unitCode, indicator: number + 1, year: year, month: month)
            var random = stream(unitCode, number, 0)
            let share = min(0.99, random.uniform(0.55...0.95) + random.uniform(0...0.02) * t)
            return (whole * share).rounded()
        }
        var random = stream(unitCode, number, 0)
        let isStock = Self.stockNumbers.contains(number)
        let base = isStock ? random.uniform(500...50_000) : random.uniform(20...1_000)
        let growth = isStock ? random.uniform(-0.01...0.04) : random.uniform(-0.03...0.13)
        var noise = stream(unitCode, number, year * 100 + month)
        let jitter = isStock ? noise.uniform(0.99...1.01) : noise.uniform(0.85...1.15)
        return (base * pow(1 + growth, t) * jitter).rounded()
    }

    /// The yearly figure of reported indicator `number` for an old commune (2020–2024).
    public func yearly(_ unitCode: String, indicator number: Int, year: Int) -> Double {
        if Self.stockNumbers.contains(number) { return monthly(unitCode, indicator: number, year: year, month: 12) }
        return (1...12).reduce(0) { $0 + monthly(unitCode, indicator: number, year: year, month: $1) }
    }

    /// Every monthly figure of one commune formed in 2025: 100 indicators × 72 months.
    public func communeValues(_ unit: UnitVersion) -> [IndicatorValue] {
        var values: [IndicatorValue] = []
        values.reserveCapacity(100 * 72)
        for number in 1...100 {
            let code = Self.reportedCode(number)
            for year in Self.monthlyYears {
                for month in 1...12 {
                    values.append(
                        IndicatorValue(
                            indicatorCode: code, unitID: unit.unitID, period: .month(year, month),
                            number: monthly(unit.code, indicator: number, year: year, month: month),
                            author: Self.author, enteredAt: Self.enteredAt))
                }
            }
        }
        return values
    }

    /// Every yearly figure of one old commune: 100 indicators × 5 years.
    public func historyValues(_ unit: UnitVersion) -> [IndicatorValue] {
        var values: [IndicatorValue] = []
        values.reserveCapacity(100 * 5)
        for number in 1...100 {
            let code = Self.reportedCode(number)
            for year in Self.historyYears {
                values.append(
                    IndicatorValue(
                        indicatorCode: code, unitID: unit.unitID, period: .year(year),
                        number: yearly(unit.code, indicator: number, year: year), author: Self.author,
                        enteredAt: Self.enteredAt))
            }
        }
        return values
    }

    /// The author recorded on every generated figure and in its audit row.
    public static let author = "du-lieu-thu-nghiem"
    static let enteredAt = Date(timeIntervalSince1970: 1_767_225_600)  // 01/01/2026

    // MARK: Resolutions

    /// The term resolution of `unit`: 15–20 targets over the 110 indicators, their plans set
    /// from the unit's own 2025 figures (`communes` are those a province adds up).
    public func resolution(for unit: UnitVersion, communes: [UnitVersion]) -> Resolution {
        var random = stream(unit.code, 0, 1)
        let count = 15 + Int(random.next() % 6)
        var chosen: [Int] = []  // 1…100 reported, 101…110 ratios
        while chosen.count < count {
            let candidate = 1 + Int(random.next() % 110)
            if !chosen.contains(candidate) { chosen.append(candidate) }
        }
        let members = communes.isEmpty ? [unit] : communes
        func total(_ number: Int, _ year: Int) -> Double {
            members.reduce(0) { $0 + monthly($1.code, indicator: number, year: year, month: 12) }
        }
        let groups = TargetGroup.allCases
        var targets: [Target] = []
        for (index, pick) in chosen.enumerated() {
            let group = groups[index * groups.count / count]
            if pick > 100 {
                let number = pick - 100
                let plan = (random.uniform(70...95)).rounded()
                targets.append(
                    Target(
                        number: index + 1, group: group,
                        wording: "Tỷ lệ việc đạt yêu cầu nhóm \(number) đạt từ \(Int(plan))% trở lên",
                        indicatorCode: Self.ratioCode(number), measure: .level,
                        condition: .atLeast(plan, exceedBound: nil),
                        deadlineYear: 2030))
            } else if Self.stockNumbers.contains(pick) {
                let baseline = total(pick, 2025)
                let plan = (baseline * random.uniform(1.0...1.15)).rounded()
                targets.append(
                    Target(
                        number: index + 1, group: group,
                        wording: "Đến năm 2030, chỉ số thời điểm số \(pick) đạt \(Int(plan)) người",
                        indicatorCode: Self.reportedCode(pick), measure: .level,
                        condition: .atLeast(plan, exceedBound: nil), deadlineYear: 2030, baseline: baseline))
            } else {
                let plan = (random.uniform(3...10) * 2).rounded() / 2
                targets.append(
                    Target(
                        number: index + 1, group: group,
                        wording: "Chỉ số lũy kế số \(pick) tăng bình quân \(plan)%/năm",
                        indicatorCode: Self.reportedCode(pick),
                        measure: .averageGrowth(baseYear: 2025, geometric: true),
                        condition: .atLeast(plan, exceedBound: nil), deadlineYear: 2030))
            }
        }
        let isProvince = unit.parentID == nil
        return Resolution(
            id: "bench-" + unit.code, issuingUnitID: unit.unitID,
            symbol: isProvince ? "01-NQ/ĐH" : "01-NQ/ĐH-\(unit.code)",
            title: "Nghị quyết Đại hội đại biểu Đảng bộ \(unit.fullName) lần thứ I, nhiệm kỳ 2025 - 2030 (thử nghiệm)",
            termStart: 2025, termEnd: 2030, adoptedOn: isProvince ? CivilDate(2025, 10, 15) : CivilDate(2025, 9, 30),
            targets: targets)
    }

    // MARK: Units

    /// The unit list to import: the whole country, or the chosen province and its communes.
    public func unitListText(_ national: String) -> String {
        guard scale == .province else { return national }
        return filterLines(national) { fields in fields[0] == provinceCode || fields[1] == provinceCode }
    }

    /// The lineage to import, limited like the unit list, and without the rows whose new commune
    /// is not in `unitList` (the shared file has 6 such rows, for 06970 and 23737; the import
    /// would rightly refuse the whole file for them). Also returns how many rows were left out.
    public func lineageText(_ national: String, unitList: String) -> (text: String, skipped: Int) {
        var known = Set<Substring>()
        for line in unitList.split(whereSeparator: \.isNewline).dropFirst() {
            if let code = line.split(separator: ",", maxSplits: 1).first { known.insert(code) }
        }
        var skipped = 0
        let text = filterLines(national) { fields in
            guard scale == .national || fields[2] == provinceCode else { return false }
            if known.contains(fields[0]) { return true }
            skipped += 1
            return false
        }
        return (text, skipped)
    }

    private func filterLines(_ text: String, keep: ([Substring]) -> Bool) -> String {
        var lines = text.split(whereSeparator: \.isNewline)
        let header = lines.removeFirst()
        let kept = lines.filter { line in
            let fields = line.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false)
            return fields.count >= 3 && keep(fields)
        }
        return ([header] + kept).joined(separator: "\n") + "\n"
    }

    // MARK: Randomness

    /// A SplitMix64 stream for (unit, indicator, salt) under the seed: FNV-1a of the three, so
    /// the stream does not depend on Swift's per-process hashing.
    private func stream(_ unitCode: String, _ indicator: Int, _ salt: Int) -> DemoRandom {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        for byte in unitCode.utf8 { mix(byte) }
        withUnsafeBytes(of: Int64(indicator).littleEndian) { for byte in $0 { mix(byte) } }
        withUnsafeBytes(of: Int64(salt).littleEndian) { for byte in $0 { mix(byte) } }
        return DemoRandom(state: hash)
    }
}
