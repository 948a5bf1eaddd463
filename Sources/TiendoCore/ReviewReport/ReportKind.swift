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
