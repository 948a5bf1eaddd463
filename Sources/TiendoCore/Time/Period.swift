import Foundation

/// A reporting or evaluation period, identified as offices write it: `2025` (year), `2025S1`,
/// `2025S2` (six months), `2025N9` (nine months), `2025Q1`…`2025Q4`, `2025M01`…`2025M12`,
/// and a term `2025-2030`.
public enum Period: Hashable, Sendable, Comparable, CustomStringConvertible {
    case year(Int)
    /// Six months: half 1 (January–June) or 2 (July–December).
    case half(Int, Int)
    /// The first nine months of a year (a provincial custom for the N9 review).
    case nineMonths(Int)
    case quarter(Int, Int)
    case month(Int, Int)
    /// A term such as 2025–2030, inclusive of both years.
    case term(Int, Int)

    /// The kinds of period, used by reporting forms to say what they collect.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case year, half, nineMonths, quarter, month, term

        /// The Vietnamese name shown to officers.
        public var vietnameseName: String {
            switch self {
            case .year: return "năm"
            case .half: return "6 tháng"
            case .nineMonths: return "9 tháng"
            case .quarter: return "quý"
            case .month: return "tháng"
            case .term: return "nhiệm kỳ"
            }
        }
    }

    /// Parses a period id; returns nil for anything that is not one of the forms above.
    public init?(id raw: String) {
        let id = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard id.count >= 4, let year = Int(id.prefix(4)), (1900...2200).contains(year) else { return nil }
        let rest = id.dropFirst(4)
        if rest.isEmpty {
            self = .year(year)
            return
        }
        if rest.first == "-" {
            let endText = rest.dropFirst()
            guard endText.count == 4, let end = Int(endText), end > year, end - year <= 20 else { return nil }
            self = .term(year, end)
            return
        }
        // `rest` is not empty: the empty case returned above.
        let tag = rest.first!
        let numberText = rest.dropFirst()
        guard !numberText.isEmpty, numberText.allSatisfy(\.isNumber), let n = Int(numberText) else { return nil }
        switch tag {
        case "S" where (1...2).contains(n) && numberText.count == 1: self = .half(year, n)
        case "N" where n == 9 && numberText.count == 1: self = .nineMonths(year)
        case "Q" where (1...4).contains(n) && numberText.count == 1: self = .quarter(year, n)
        case "M" where (1...12).contains(n) && numberText.count == 2: self = .month(year, n)
        default: return nil
        }
    }

    /// The canonical id, e.g. `2025M03`.
    public var id: String {
        switch self {
        case .year(let y): return "\(y)"
        case .half(let y, let h): return "\(y)S\(h)"
        case .nineMonths(let y): return "\(y)N9"
        case .quarter(let y, let q): return "\(y)Q\(q)"
        case .month(let y, let m): return "\(y)M" + (m < 10 ? "0\(m)" : "\(m)")
        case .term(let a, let b): return "\(a)-\(b)"
        }
    }

    public var description: String { id }

    /// The kind of this period.
    public var kind: Kind {
        switch self {
        case .year: return .year
        case .half: return .half
        case .nineMonths: return .nineMonths
        case .quarter: return .quarter
        case .month: return .month
        case .term: return .term
        }
    }

    /// The year the period belongs to (the last year for a term).
    public var year: Int {
        switch self {
        case .year(let y), .half(let y, _), .nineMonths(let y), .quarter(let y, _), .month(let y, _): return y
        case .term(_, let b): return b
        }
    }

    /// The calendar months covered, as (year, month) pairs in order.
    public var months: [(year: Int, month: Int)] {
        switch self {
        case .year(let y): return (1...12).map { (y, $0) }
        case .half(let y, let h): return ((h - 1) * 6 + 1...h * 6).map { (y, $0) }
        case .nineMonths(let y): return (1...9).map { (y, $0) }
        case .quarter(let y, let q): return ((q - 1) * 3 + 1...q * 3).map { (y, $0) }
        case .month(let y, let m): return [(y, m)]
        case .term: return years.flatMap { y in (1...12).map { (y, $0) } }
        }
    }

    /// The years a term or a year spans. A term written back to front (`Period(id:)` refuses
    /// one, but the enum can be built directly) spans its first year only, never a backwards
    /// range.
    public var years: ClosedRange<Int> {
        switch self {
        case .term(let a, let b): return a...max(a, b)
        default: return year...year
        }
    }

    /// The periods one level finer that make this one up, tried in order by time aggregation:
    /// a year from quarters, then from months; a term from its years.
    public var subdivisions: [[Period]] {
        switch self {
        case .year(let y): return [(1...4).map { .quarter(y, $0) }, (1...12).map { .month(y, $0) }]
        case .half(let y, let h):
            return [[.quarter(y, 2 * h - 1), .quarter(y, 2 * h)], months.map { .month($0.year, $0.month) }]
        case .nineMonths(let y): return [(1...3).map { .quarter(y, $0) }, (1...9).map { .month(y, $0) }]
        case .quarter: return [months.map { .month($0.year, $0.month) }]
        case .month: return []
        case .term: return [years.map { .year($0) }]
        }
    }

    /// The period of the same kind just before this one ("last period's value" on entry forms).
    public var previous: Period {
        switch self {
        case .year(let y): return .year(y - 1)
        case .half(let y, 1): return .half(y - 1, 2)
        case .half(let y, let h): return .half(y, h - 1)
        case .nineMonths(let y): return .nineMonths(y - 1)
        case .quarter(let y, 1): return .quarter(y - 1, 4)
        case .quarter(let y, let q): return .quarter(y, q - 1)
        case .month(let y, 1): return .month(y - 1, 12)
        case .month(let y, let m): return .month(y, m - 1)
        case .term(let a, let b): return .term(a - (b - a + 1), a - 1)
        }
    }

    /// The periods of `kind` around `year` that a form offers for entry: last year's, this
    /// year's and next year's (so an estimate for the coming year can be entered).
    public static func entryWindow(kind: Kind, around year: Int) -> [Period] {
        let years = (year - 1)...(year + 1)
        switch kind {
        case .year: return years.map { .year($0) }
        case .half: return years.flatMap { y in [Period.half(y, 1), .half(y, 2)] }
        case .nineMonths: return years.map { .nineMonths($0) }
        case .quarter: return years.flatMap { y in (1...4).map { Period.quarter(y, $0) } }
        case .month: return years.flatMap { y in (1...12).map { Period.month(y, $0) } }
        case .term: return []
        }
    }

    /// The days the period covers in a reporting calendar.
    public func span(in calendar: ReportingCalendar) -> DateSpan {
        // `months` is never empty (12, 6, 9, 3 or 1 months, or 12 per year of a term), and its
        // months are 1–12: `Period(id:)` checks the month, quarter and half it reads, and the
        // code that builds periods directly (`previous`, `subdivisions`, `entryWindow`, task
        // figures) only counts within those bounds. So the dates below exist.
        let first = months.first!
        let last = months.last!
        switch calendar {
        case .statistical:
            return DateSpan(
                CivilDate(first.year, first.month, 1),
                CivilDate(last.year, last.month, CivilDate.daysIn(month: last.month, year: last.year)))
        case .administrative:
            // Decree 09/2019/NĐ-CP Art. 12: from the 15th of the month before to the 14th.
            let start = CivilDate(first.year, first.month, 15).adding(months: -1)
            return DateSpan(start, CivilDate(last.year, last.month, 14))
        }
    }

    /// Orders periods by their end, then by length (shorter first).
    public static func < (lhs: Period, rhs: Period) -> Bool {
        // `months` is never empty (see `span`).
        let l = lhs.months
        let r = rhs.months
        let le = l.last!.year * 12 + l.last!.month
        let re = r.last!.year * 12 + r.last!.month
        if le != re { return le < re }
        return l.count < r.count
    }

    /// The Vietnamese label as a report writes it: "năm 2027", "6 tháng đầu năm 2025",
    /// "quý I/2025", "tháng 03/2025", "giai đoạn 2026–2030".
    public var vietnameseLabel: String {
        switch self {
        case .year(let y): return "năm \(y)"
        case .half(let y, 1): return "6 tháng đầu năm \(y)"
        case .half(let y, _): return "6 tháng cuối năm \(y)"
        case .nineMonths(let y): return "9 tháng năm \(y)"
        case .quarter(let y, let q):
            let roman = ["I", "II", "III", "IV"]
            return "quý \(roman.indices.contains(q - 1) ? roman[q - 1] : String(q))/\(y)"
        case .month(let y, let m): return String(format: "tháng %02d/%d", m, y)
        case .term(let a, let b): return "giai đoạn \(a)–\(b)"
        }
    }
}

/// Which days a period covers (domain.md, "Periods and reporting calendars").
public enum ReportingCalendar: String, Sendable, Codable, CaseIterable {
    /// Calendar months (Decree 60/2018/NĐ-CP).
    case statistical
    /// Cut-off from the 15th of the previous month to the 14th (Decree 09/2019/NĐ-CP Art. 12).
    case administrative

    /// The Vietnamese name shown to officers.
    public var vietnameseName: String {
        switch self {
        case .statistical: return "lịch thống kê (theo tháng dương lịch)"
        case .administrative: return "lịch hành chính (từ ngày 15 tháng trước đến ngày 14)"
        }
    }
}

extension Period: Codable {
    /// Decodes a period from its id, e.g. "2027N9".
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let period = Period(id: raw) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "kỳ không hợp lệ: \(raw)")
        }
        self = period
    }

    /// Encodes a period as its id.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(id)
    }
}
