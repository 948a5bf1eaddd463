import Foundation
import TiendoCore

/// The kinds of contradiction the audit looks for.
public enum CheckFindingKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// The same subject and period given different values in two places.
    case restatedFigure
    /// "x/y … z%" where z is not x ÷ y.
    case fractionPercentage
    /// A list of parts whose sum (or mean) differs from the stated total.
    case partsTotal
    /// A target called "đạt" whose figure misses its plan, or the reverse.
    case verdictFigure
    /// A count such as "07/14 chỉ tiêu đạt" that disagrees with the list of targets.
    case verdictCount
    /// A figure that differs from Tiendo's data for the unit and period.
    case dataMismatch

    /// The Vietnamese name shown in findings.
    public var vietnameseName: String {
        switch self {
        case .restatedFigure: return "Số liệu nhắc lại không khớp"
        case .fractionPercentage: return "Phân số và tỷ lệ phần trăm không khớp"
        case .partsTotal: return "Tổng không khớp với các thành phần"
        case .verdictFigure: return "Đánh giá không khớp với số liệu"
        case .verdictCount: return "Số chỉ tiêu đạt không khớp với danh sách chỉ tiêu"
        case .dataMismatch: return "Khác với số liệu trong Tiến độ"
        }
    }
}

/// How much a finding matters.
public enum CheckSeverity: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// A contradiction a reader will notice: fix before signing.
    case nghiemTrong
    /// Probably a contradiction, or a small one: look at it.
    case canXemLai

    /// "nghiêm trọng", "cần xem lại".
    public var vietnameseName: String {
        switch self {
        case .nghiemTrong: return "nghiêm trọng"
        case .canXemLai: return "cần xem lại"
        }
    }

    public static func < (lhs: CheckSeverity, rhs: CheckSeverity) -> Bool {
        lhs == .nghiemTrong && rhs == .canXemLai
    }
}

/// A passage a finding points at: where it is and what it says.
public struct CheckPassage: Hashable, Sendable, Codable {
    /// Where the passage is.
    public var location: CheckLocation
    /// The sentence quoted (shortened around the figure when long).
    public var quote: String
    /// The figure in the passage as written, e.g. "28/38 trường".
    public var figure: String

    /// Creates a passage.
    public init(location: CheckLocation, quote: String, figure: String) {
        self.location = location
        self.quote = quote
        self.figure = figure
    }

    /// "đoạn 4: “…kết nạp 243 đảng viên mới…”".
    public var vietnameseText: String { "\(location.vietnameseLabel): “\(quote)”" }
}

/// One contradiction found in a report.
public struct CheckFinding: Hashable, Sendable, Codable {
    /// What kind of contradiction.
    public var kind: CheckFindingKind
    /// How much it matters.
    public var severity: CheckSeverity
    /// The passages involved, in reading order.
    public var passages: [CheckPassage]
    /// The figures involved, as written ("243 đảng viên", "247 đảng viên").
    public var figures: [String]
    /// The arithmetic that shows the contradiction: "28/38 = 73,68%, báo cáo ghi 75%".
    public var arithmetic: String
    /// One Vietnamese sentence saying what is wrong.
    public var message: String

    /// Creates a finding.
    public init(
        kind: CheckFindingKind, severity: CheckSeverity, passages: [CheckPassage], figures: [String],
        arithmetic: String, message: String
    ) {
        self.kind = kind
        self.severity = severity
        self.passages = passages
        self.figures = figures
        self.arithmetic = arithmetic
        self.message = message
    }

    /// The finding as printed: severity and kind, the message, the passages, the arithmetic.
    public var vietnameseText: String {
        var lines = ["[\(severity.vietnameseName)] \(kind.vietnameseName): \(message)"]
        for passage in passages { lines.append("   - \(passage.vietnameseText)") }
        lines.append("   Số liệu: \(figures.joined(separator: "; ")). Phép tính: \(arithmetic).")
        return lines.joined(separator: "\n")
    }
}

/// What the audit read and compared: the header of every result, so a report without findings
/// still says what was checked.
public struct CheckCoverage: Hashable, Sendable, Codable {
    /// Figures read.
    public var figures = 0
    /// Body paragraphs read.
    public var paragraphs = 0
    /// Footnotes read.
    public var footnotes = 0
    /// Table rows read.
    public var tableRows = 0
    /// Pairs of figures recognised as the same subject and period, compared.
    public var restatedPairs = 0
    /// Fractions next to a percentage, compared.
    public var fractionPercentPairs = 0
    /// Totals compared with their parts.
    public var partsTotals = 0
    /// Target verdicts compared with their figure and plan.
    public var verdicts = 0
    /// Verdicts found without a plan or figure to compare with.
    public var verdictsWithoutPlan = 0
    /// Summary counts ("07/14 chỉ tiêu đạt") compared with the list of targets.
    public var verdictCounts = 0
    /// Figures compared with Tiendo's data (0 when no data was given).
    public var dataComparisons = 0
    /// Whether figures were checked against Tiendo's data.
    public var checkedAgainstData = false

    /// Creates an empty coverage.
    public init() {}

    /// "Đã kiểm tra 48 số liệu trong 23 đoạn và 5 chú thích: 6 cặp số liệu nhắc lại, 3 phân số –
    /// tỷ lệ, 2 tổng – thành phần, 14 đánh giá chỉ tiêu, 1 dòng tổng hợp số chỉ tiêu."
    public var vietnameseText: String {
        var places = ["\(paragraphs) đoạn"]
        if tableRows > 0 { places.append("\(tableRows) dòng bảng") }
        if footnotes > 0 { places.append("\(footnotes) chú thích") }
        // `places` starts with one element, so `last!` holds.
        let placesText =
            places.count == 1 ? places[0] : places.dropLast().joined(separator: ", ") + " và " + places.last!
        var checks = [
            "\(restatedPairs) cặp số liệu nhắc lại", "\(fractionPercentPairs) phân số – tỷ lệ",
            "\(partsTotals) tổng – thành phần", "\(verdicts) đánh giá chỉ tiêu",
            "\(verdictCounts) dòng tổng hợp số chỉ tiêu",
        ]
        if checkedAgainstData { checks.append("\(dataComparisons) số liệu đối chiếu với dữ liệu Tiến độ") }
        var text = "Đã kiểm tra \(figures) số liệu trong \(placesText): " + checks.joined(separator: ", ") + "."
        if verdictsWithoutPlan > 0 {
            text +=
                " \(verdictsWithoutPlan) đánh giá chỉ tiêu không có số liệu hoặc kế hoạch đi kèm nên không đối chiếu được."
        }
        return text
    }
}

/// The result of auditing a report: what was checked, and every contradiction found.
public struct CheckReport: Hashable, Sendable, Codable {
    /// What was read and compared.
    public var coverage: CheckCoverage
    /// The contradictions, serious ones first, then in reading order.
    public var findings: [CheckFinding]

    /// Creates a report.
    public init(coverage: CheckCoverage, findings: [CheckFinding]) {
        self.coverage = coverage
        self.findings = findings
    }

    /// Whether anything was found.
    public var hasFindings: Bool { !findings.isEmpty }

    /// "Phát hiện 3 điểm mâu thuẫn (2 nghiêm trọng, 1 cần xem lại)." or "Không phát hiện mâu thuẫn nào."
    public var summaryLine: String {
        guard hasFindings else { return "Không phát hiện mâu thuẫn nào giữa các số liệu." }
        let serious = findings.filter { $0.severity == .nghiemTrong }.count
        let review = findings.count - serious
        var parts: [String] = []
        if serious > 0 { parts.append("\(serious) nghiêm trọng") }
        if review > 0 { parts.append("\(review) cần xem lại") }
        return "Phát hiện \(findings.count) điểm mâu thuẫn (\(parts.joined(separator: ", ")))."
    }

    /// The whole result as text: the coverage, the summary line, then each finding numbered.
    public var vietnameseText: String {
        var lines = [coverage.vietnameseText, summaryLine]
        for (index, finding) in findings.enumerated() {
            lines.append("")
            lines.append("\(index + 1). " + finding.vietnameseText)
        }
        return lines.joined(separator: "\n")
    }
}
