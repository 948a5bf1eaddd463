import Foundation

/// Checks at entry: whether a new figure is unusual for its unit — far from the unit's own past
/// figures (median and MAD of past periods; for a monthly series, its change since the same
/// month a year before against the changes of earlier years), far from the figures of the
/// units beside it (rates, when the unit has too little history of its own), or a share's part
/// above its total (a numerator above its denominator).
///
/// An unusual figure is not refused: it needs a note saying why (`EnterFigures` refuses it
/// without one) and is flagged for the reviewer (`FigureFlag`). Robust statistics, so that one
/// odd past period does not hide the next: a figure is unusual when it lies more than
/// ``threshold`` robust standard deviations (1,4826 × MAD) from the median *and* further than a
/// change an office would call ordinary (``ordinaryChange``).
public enum EntryChecks {
    /// Robust standard deviations from the median past which a figure is unusual (the
    /// modified z-score's 3,5 of Iglewicz and Hoaglin).
    public static let threshold = 3.5
    /// Past figures of the unit needed before its history is used (fewer: its peers are).
    public static let minimumHistory = 4
    /// Past periods compared (the latest ones).
    public static let historyWindow = 12
    /// Year-on-year changes of a monthly series needed before seasonality is used.
    public static let minimumSeasonalChanges = 6
    /// Units beside it needed before peers are used.
    public static let minimumPeers = 5

    /// Which comparison found a figure unusual.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The unit's own past periods.
        case history
        /// The same month of earlier years (a monthly series).
        case season
        /// The units beside it in the same period.
        case peers
        /// A share's part above its total.
        case share
    }

    /// Why a figure is unusual, in Vietnamese.
    public struct Finding: Sendable, Hashable, Codable {
        public var kind: Kind
        public var text: String

        public init(_ kind: Kind, _ text: String) {
            self.kind = kind
            self.text = text
        }
    }

    /// What one indicator's new figure of one unit and period is compared with.
    public struct Reference: Sendable, Hashable {
        /// The unit's own figures of earlier periods of the same kind, oldest first.
        public var history: [PastFigure]
        /// The figures of the units beside it (same parent) for the same period.
        public var peers: [Double]

        public init(history: [PastFigure] = [], peers: [Double] = []) {
            self.history = history
            self.peers = peers
        }
    }

    /// One past figure of the unit.
    public struct PastFigure: Sendable, Hashable {
        public var period: Period
        public var number: Double

        public init(_ period: Period, _ number: Double) {
            self.period = period
            self.number = number
        }
    }

    /// A share indicator whose part and total are both entered (e.g. "tỷ lệ hộ nghèo" from
    /// "số hộ nghèo" and "tổng số hộ").
    public struct Share: Sendable, Hashable {
        public var name: String
        public var part: Indicator
        public var total: Indicator
    }

    /// Everything the checks of one entry (one unit, one period) compare with, read by the
    /// caller from its snapshot before the transaction.
    public struct Plan: Sendable {
        /// The indicators of the entry, by code.
        public var indicators: [String: Indicator]
        /// What each indicator's figure is compared with, by code.
        public var references: [String: Reference]
        /// The shares whose part or total is among the indicators.
        public var shares: [Share]

        public init(indicators: [String: Indicator], references: [String: Reference], shares: [Share] = []) {
            self.indicators = indicators
            self.references = references
            self.shares = shares
        }

        /// The plan for figures of `codes` of `unit` for `period`, from `snapshot`: the unit's own
        /// past figures of the same kind of period, its peers under the same parent on `date`,
        /// and the shares that combine the indicators.
        public init(snapshot: Snapshot, unit: UnitID, period: Period, codes: [String], on date: CivilDate) {
            let byCode = Dictionary(snapshot.indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            var indicators: [String: Indicator] = [:]
            var references: [String: Reference] = [:]
            let parent = snapshot.directory.version(of: unit, on: date)?.parentID
            let peers =
                parent.map { snapshot.directory.children(of: $0, on: date).map(\.unitID).filter { $0 != unit } } ?? []
            for code in codes {
                guard let indicator = byCode[code] else { continue }
                indicators[code] = indicator
                let history = snapshot.values.reported(code, unit: unit)
                    .filter { $0.period.kind == period.kind && $0.period < period }
                    .sorted { $0.period < $1.period }
                    .map { PastFigure($0.period, $0.number) }
                let peerFigures =
                    indicator.valueType == .percentage
                    ? peers.compactMap {
                        snapshot.values.reportedNumber(ValueKey(indicatorCode: code, unitID: $0, period: period))?
                            .number
                    } : []
                references[code] = Reference(history: history, peers: peerFigures)
            }
            let entered = Set(indicators.keys)
            let shares = snapshot.indicators.compactMap { share -> Share? in
                guard let parts = share.ratioParts, share.valueType == .percentage || parts.multiplier == 100,
                    entered.contains(parts.numerator) || entered.contains(parts.denominator),
                    let part = byCode[parts.numerator], let total = byCode[parts.denominator]
                else { return nil }
                return Share(name: share.name, part: part, total: total)
            }
            self.init(indicators: indicators, references: references, shares: shares)
        }
    }

    /// Why each of `changed` is unusual, by indicator code (codes with nothing unusual are left
    /// out). `figures` are the entry's figures after the change, by code (what the shares read).
    public static func findings(
        _ changed: [IndicatorValue], figures: [String: Double], plan: Plan
    ) -> [String: [Finding]] {
        var result: [String: [Finding]] = [:]
        for value in changed {
            guard let indicator = plan.indicators[value.indicatorCode],
                let reference = plan.references[value.indicatorCode]
            else { continue }
            let found = findings(value.number, indicator, period: value.period, reference: reference)
            if !found.isEmpty { result[value.indicatorCode, default: []] += found }
        }
        let changedCodes = Set(changed.map(\.indicatorCode))
        for share in plan.shares {
            guard let part = figures[share.part.code], let total = figures[share.total.code], part > total
            else { continue }
            let text =
                "“\(share.part.name)” (\(shown(part, share.part))) lớn hơn “\(share.total.name)” "
                + "(\(shown(total, share.total))), trong khi tỷ lệ “\(share.name)” lấy số thứ nhất chia số thứ hai: "
                + "phần không thể lớn hơn tổng."
            // On the part when it changed (one note explains the pair), else on the total.
            let code =
                changedCodes.contains(share.part.code)
                ? share.part.code : changedCodes.contains(share.total.code) ? share.total.code : nil
            if let code, result[code]?.contains(where: { $0.kind == .share && $0.text == text }) != true {
                result[code, default: []].append(Finding(.share, text))
            }
        }
        return result
    }

    /// Why `number` is unusual for `indicator` in `period` given `reference` (empty: it is not).
    public static func findings(
        _ number: Double, _ indicator: Indicator, period: Period, reference: Reference
    ) -> [Finding] {
        guard number.isFinite else { return [] }
        if case .month(let year, let month) = period, let seasonal = seasonal(number, indicator, year, month, reference)
        {
            return seasonal
        }
        let recent = reference.history.suffix(historyWindow).map(\.number)
        if recent.count >= minimumHistory {
            guard let spread = Spread(recent),
                spread.isUnusual(number, ordinary: ordinaryChange(indicator, spread.median))
            else { return [] }
            return [
                Finding(
                    .history,
                    "Khác xa các kỳ trước của đơn vị: \(recent.count) kỳ gần nhất từ "
                        + "\(shown(spread.low, indicator)) đến \(shown(spread.high, indicator)) "
                        + "(trung vị \(shown(spread.median, indicator))).")
            ]
        }
        if reference.peers.count >= minimumPeers, let spread = Spread(reference.peers),
            spread.isUnusual(number, ordinary: max(peerPoints, ordinaryChange(indicator, spread.median)))
        {
            return [
                Finding(
                    .peers,
                    "Khác xa các đơn vị cùng cấp: \(reference.peers.count) đơn vị khác cùng kỳ từ "
                        + "\(shown(spread.low, indicator)) đến \(shown(spread.high, indicator)) "
                        + "(trung vị \(shown(spread.median, indicator))).")
            ]
        }
        return []
    }

    /// The monthly check on year-on-year changes, or nil when there are too few of them (then
    /// the plain history check runs).
    static func seasonal(
        _ number: Double, _ indicator: Indicator, _ year: Int, _ month: Int, _ reference: Reference
    ) -> [Finding]? {
        var byPeriod: [Period: Double] = [:]
        for past in reference.history { byPeriod[past.period] = past.number }
        guard let lastYear = byPeriod[.month(year - 1, month)] else { return nil }
        let changes = reference.history.compactMap { past -> Double? in
            guard case .month(let y, let m) = past.period, let before = byPeriod[.month(y - 1, m)] else { return nil }
            return past.number - before
        }
        guard changes.count >= minimumSeasonalChanges, let spread = Spread(changes.suffix(36)) else { return nil }
        let change = number - lastYear
        guard spread.isUnusual(change, ordinary: ordinaryChange(indicator, lastYear)) else { return [] }
        return [
            Finding(
                .season,
                "Khác xa cùng kỳ các năm trước: so với tháng \(month)/\(year - 1) (\(shown(lastYear, indicator))) "
                    + "số mới \(change >= 0 ? "tăng" : "giảm") \(shown(abs(change), indicator)), trong khi "
                    + "\(spread.count) lần so cùng kỳ trước đó thay đổi từ \(signed(spread.low, indicator)) đến "
                    + "\(signed(spread.high, indicator)).")
        ]
    }

    /// The least change an office would call unusual at all, whatever the spread: 5 points of a
    /// rate, a fifth of the usual level (monthly commune figures swing by a tenth or more from
    /// noise alone; the typos worth catching — a digit too many or too few — are far larger),
    /// and never less than the indicator's last decimal. On the benchmark data (noise only, no
    /// anomaly) a tenth flagged 1,12% of figures, a fifth 0,58%.
    static func ordinaryChange(_ indicator: Indicator, _ level: Double) -> Double {
        let step = pow(10, -Double(min(max(indicator.decimals, 0), 6)))
        if indicator.valueType == .percentage { return max(5, step) }
        if indicator.valueType == .yesNo { return 1 }
        return max(abs(level) * 0.2, step)
    }

    /// The least distance from peers' median that counts for a rate: 10 points (communes differ).
    static let peerPoints = 10.0

    /// Median, robust spread and range of a sample.
    struct Spread {
        let median: Double
        /// 1,4826 × the median absolute deviation: a standard deviation for normal data.
        let scale: Double
        let low: Double
        let high: Double
        let count: Int

        init?<C: Collection>(_ sample: C) where C.Element == Double {
            let finite = sample.filter(\.isFinite)
            guard let low = finite.min(), let high = finite.max() else { return nil }
            let middle = EntryChecks.median(finite)
            median = middle
            scale = 1.4826 * EntryChecks.median(finite.map { abs($0 - middle) })
            self.low = low
            self.high = high
            count = finite.count
        }

        /// Whether `x` lies beyond `threshold` robust deviations and beyond `ordinary`.
        func isUnusual(_ x: Double, ordinary: Double) -> Bool {
            abs(x - median) > max(threshold * scale, ordinary)
        }
    }

    /// The median of a non-empty sample (0 for an empty one).
    static func median(_ sample: [Double]) -> Double {
        let sorted = sample.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func shown(_ number: Double, _ indicator: Indicator) -> String {
        if indicator.valueType == .yesNo { return FigureReading.display(number, indicator) }
        let unit = indicator.unitOfMeasure.trimmingCharacters(in: .whitespaces)
        return FigureText.withUnit(
            VietnameseNumber.format(number, maxDecimals: min(max(indicator.decimals, 1), 6)),
            indicator.valueType == .percentage && unit.isEmpty ? "%" : unit)
    }

    static func signed(_ number: Double, _ indicator: Indicator) -> String {
        (number > 0 ? "+" : number < 0 ? "−" : "") + shown(abs(number), indicator)
    }
}

/// A figure saved although unusual, with the note that explains it: what the reviewer sees on
/// the report and the board of flagged figures.
public struct FigureFlag: Sendable, Hashable {
    public var key: ValueKey
    /// The figure as flagged (a later change that is not unusual removes the flag).
    public var number: Double
    /// Why it is unusual.
    public var findings: [String]
    /// The unit's note.
    public var note: String
    /// Who saved it, and when.
    public var flaggedBy: String
    public var flaggedAt: Date

    public init(key: ValueKey, number: Double, findings: [String], note: String, flaggedBy: String, flaggedAt: Date) {
        self.key = key
        self.number = number
        self.findings = findings
        self.note = note
        self.flaggedBy = flaggedBy
        self.flaggedAt = flaggedAt
    }
}

/// An entry refused because a changed figure is unusual and has no note explaining it; nothing
/// was saved.
public struct UnusualFigures: Error, Sendable, CustomStringConvertible {
    /// Why each figure without a note is unusual, by indicator code.
    public let findings: [String: [EntryChecks.Finding]]

    public init(_ findings: [String: [EntryChecks.Finding]]) { self.findings = findings }

    /// What to write next to one figure.
    public static func fieldText(_ findings: [EntryChecks.Finding]) -> String {
        "Số liệu khác thường: " + findings.map(\.text).joined(separator: " ")
            + " Nếu số liệu đúng, hãy ghi lý do vào ô “Ghi chú” của dòng này (ghi chú đã có từ trước không được "
            + "tính) rồi lưu lại."
    }

    public var description: String {
        "Có \(findings.count) số liệu khác thường chưa có ghi chú; chưa có gì được lưu. "
            + "Nếu số liệu đúng, hãy ghi chú lý do ở từng số liệu được đánh dấu rồi lưu lại."
    }
}

// MARK: - Measuring the checks on stored data

extension EntryChecks {
    /// How often the checks would flag the figures already stored, each checked as if it were
    /// entered now against the figures before it (its unit's earlier periods, its peers in the
    /// same period, its entry's other figures): what an office would meet.
    public struct Survey: Sendable, Equatable {
        /// Figures checked (figures people report; those Tiendo computes are left out).
        public var checked = 0
        /// Figures found unusual.
        public var flagged = 0
        /// Figures found unusual, by the comparison that found them.
        public var byKind: [Kind: Int] = [:]
        /// Figures that had enough history (or peers) to be compared at all.
        public var comparable = 0

        /// The share flagged, 0–1 (nil when nothing was checked).
        public var share: Double? { checked == 0 ? nil : Double(flagged) / Double(checked) }
    }

    /// The survey of `snapshot`'s reported figures; with `every` > 1 only one entry (unit and
    /// period) in that many is checked, for a national database.
    public static func survey(_ snapshot: Snapshot, every: Int = 1) -> Survey {
        struct Place: Hashable {
            let unit: UnitID
            let period: Period
        }
        var groups: [Place: [IndicatorValue]] = [:]
        for value in snapshot.values.all where FigureRules.computedBy(value.indicatorCode) == nil {
            groups[Place(unit: value.unitID, period: value.period), default: []].append(value)
        }
        let places = groups.keys.sorted { ($0.unit, $0.period) < ($1.unit, $1.period) }
        var survey = Survey()
        let stride = max(every, 1)
        for (index, place) in places.enumerated() where index % stride == 0 {
            guard let values = groups[place] else { continue }
            let plan = Plan(
                snapshot: snapshot, unit: place.unit, period: place.period, codes: values.map(\.indicatorCode),
                on: place.period.span(in: .statistical).end)
            let figures = Dictionary(values.map { ($0.indicatorCode, $0.number) }, uniquingKeysWith: { a, _ in a })
            let found = findings(values, figures: figures, plan: plan)
            survey.checked += values.count
            survey.flagged += found.count
            for value in values {
                guard let reference = plan.references[value.indicatorCode] else { continue }
                if reference.history.count >= minimumHistory || reference.peers.count >= minimumPeers {
                    survey.comparable += 1
                }
            }
            for kinds in found.values {
                for kind in Set(kinds.map(\.kind)) { survey.byKind[kind, default: 0] += 1 }
            }
        }
        return survey
    }
}
