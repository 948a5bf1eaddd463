import Foundation

/// The kind of review report (báo cáo) a committee writes about a term resolution: the
/// mid-term review, the final review, or the yearly report. The kind decides the subject line
/// and the heading of the part about the work ahead; narratives are written for one kind.
public enum ReportKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Báo cáo sơ kết (mid-term review), usually at the middle of the term.
    case soKet = "so-ket"
    /// Báo cáo tổng kết (final review), at the end of the term.
    case tongKet = "tong-ket"
    /// Báo cáo năm (yearly report on the resolution).
    case nam

    /// Reads the kind as typed on the command line or in a form: "so-ket", "sơ kết", "tong-ket",
    /// "tổng kết", "nam", "năm" (any case, with or without diacritics).
    public init?(text: String) {
        switch VietnameseText.searchKey(text).replacingOccurrences(of: " ", with: "-") {
        case "so-ket", "soket": self = .soKet
        case "tong-ket", "tongket": self = .tongKet
        case "nam", "hang-nam", "bao-cao-nam": self = .nam
        default: return nil
        }
    }

    /// The words officers use: "sơ kết", "tổng kết", "năm".
    public var vietnameseName: String {
        switch self {
        case .soKet: return "sơ kết"
        case .tongKet: return "tổng kết"
        case .nam: return "năm"
        }
    }

    /// The subject line (trích yếu) under "BÁO CÁO", e.g. "sơ kết giữa nhiệm kỳ thực hiện Nghị
    /// quyết Đại hội …, nhiệm kỳ 2025–2030" — the resolution's title after the kind's words; a
    /// yearly report names the year and the next one.
    public func subject(resolutionTitle: String, period: Period) -> String {
        let title = VietnameseText.normalizedName(resolutionTitle)
        switch self {
        case .soKet:
            return "Sơ kết giữa nhiệm kỳ thực hiện \(title)"
        case .tongKet:
            return "Tổng kết thực hiện \(title)"
        case .nam:
            return
                "Kết quả thực hiện \(title) trong \(period.vietnameseLabel); phương hướng, nhiệm vụ năm \(period.year + 1)"
        }
    }

    /// The heading of the second part (PHẦN THỨ HAI), about the work ahead.
    public func partTwoHeading(termStart: Int, termEnd: Int, period: Period) -> String {
        switch self {
        case .soKet:
            return "PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM NỬA CUỐI NHIỆM KỲ \(termStart)–\(termEnd)"
        case .tongKet:
            return "PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP NHIỆM KỲ \(termEnd)–\(termEnd + termEnd - termStart)"
        case .nam:
            return "PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP NĂM \(period.year + 1)"
        }
    }
}

/// When a review report may be made and the date it carries (issue 23, "right kind, right date"):
/// one rule for the command line and the report page.
public enum ReportTiming {
    /// The date a report on `period` carries unless the office types another: the period's
    /// cut-off in the administrative calendar (14/12/2027 for the year 2027), when reports are
    /// signed.
    public static func defaultDate(for period: Period) -> CivilDate {
        period.span(in: .administrative).end
    }

    /// Why a report of `kind` cannot be made at `period` of a term `termStart`–`termEnd`, nil
    /// when it can: a tổng kết reviews the whole term, so it is made in the term's last year or
    /// after, never earlier.
    public static func kindProblem(_ kind: ReportKind, period: Period, termStart: Int, termEnd: Int) -> String? {
        guard kind == .tongKet, period.year < termEnd else { return nil }
        return "Báo cáo tổng kết nhiệm kỳ \(termStart)–\(termEnd) chỉ lập từ năm cuối nhiệm kỳ (năm \(termEnd)); "
            + "với \(period.vietnameseLabel) hãy chọn báo cáo sơ kết hoặc báo cáo năm."
    }

    /// Why a report on `period` cannot carry `date`, nil when it can: a report is not dated
    /// before the period it reports on begins.
    public static func dateProblem(_ date: CivilDate, period: Period) -> String? {
        let span = period.span(in: .administrative)
        guard date < span.start else { return nil }
        return "Ngày ban hành \(VietnameseDate.short(date)) trước khi \(period.vietnameseLabel) bắt đầu "
            + "(\(VietnameseDate.short(span.start))); hãy chọn ngày từ \(VietnameseDate.short(span.end)) trở đi."
    }

    /// The warning for a report dated before its period's cut-off, nil otherwise: its figures for
    /// the period can only be estimates, and the office should mean it.
    public static func dateWarning(_ date: CivilDate, period: Period) -> String? {
        let span = period.span(in: .administrative)
        guard date >= span.start, date < span.end else { return nil }
        return "Ngày ban hành \(VietnameseDate.short(date)) trước ngày khóa sổ \(period.vietnameseLabel) "
            + "(\(VietnameseDate.short(span.end))): số liệu của kỳ chỉ là số ước."
    }
}
