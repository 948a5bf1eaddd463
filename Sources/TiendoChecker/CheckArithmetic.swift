import Foundation
import TiendoCore

/// Comparing figures as written, and writing the numbers of a finding.
enum CheckArithmetic {

    /// `x` the Vietnamese way with up to `decimals` places: 73.684 → "73,68".
    static func show(_ x: Double, decimals: Int = 2) -> String {
        VietnameseNumber.format(x, maxDecimals: max(0, decimals))
    }

    /// Whether two written numbers state the same value: equal once rounded to the coarser of their
    /// precisions ("366,25" and "366,3" agree); a bounded figure ("trên 93%") agrees with any value
    /// inside its bound; "khoảng x" agrees within 5%. Two bounded figures are not compared (nil).
    static func agree(
        _ a: Double, decimals da: Int, qualifier qa: CheckFigure.Qualifier?, _ b: Double, decimals db: Int,
        qualifier qb: CheckFigure.Qualifier?
    ) -> Bool? {
        switch (qa, qb) {
        case (nil, nil):
            let d = min(da, db)
            return VietnameseNumber.rounded(a, decimals: d) == VietnameseNumber.rounded(b, decimals: d)
        case (let q?, nil):
            return within(b, bound: a, qualifier: q)
        case (nil, let q?):
            return within(a, bound: b, qualifier: q)
        default:
            return nil
        }
    }

    /// Whether `value` lies inside what "trên/dưới/khoảng `bound`" allows.
    static func within(_ value: Double, bound: Double, qualifier: CheckFigure.Qualifier) -> Bool {
        switch qualifier {
        case .atLeast: return value >= bound - 1e-9
        case .atMost: return value <= bound + 1e-9
        case .about: return abs(value - bound) <= max(abs(bound) * 0.05, 1e-9)
        }
    }

    /// Whether a stated percentage with `decimals` places is `computed` rounded half up to that many
    /// places (97,57% written "97%" is not: it rounds to 98%).
    static func percentAgrees(computed: Double, stated: Double, decimals: Int, qualifier: CheckFigure.Qualifier?)
        -> Bool
    {
        if let qualifier {
            if qualifier == .about { return abs(computed - stated) <= 1 }
            return within(computed, bound: stated, qualifier: qualifier)
        }
        return VietnameseNumber.rounded(computed, decimals: decimals) == stated
    }

    /// The sentence of a figure, shortened around the figure when long.
    static func quote(_ figure: CheckFigure, limit: Int = 220) -> String {
        quote(figure.sentence, around: figure.text, limit: limit)
    }

    /// `sentence` shortened to about `limit` characters around `focus`.
    static func quote(_ sentence: String, around focus: String, limit: Int = 220) -> String {
        let chars = Array(sentence)
        guard chars.count > limit else { return sentence }
        var center = chars.count / 2
        if let range = sentence.range(of: focus) {
            center = sentence.distance(from: sentence.startIndex, to: range.lowerBound) + focus.count / 2
        }
        let half = limit / 2
        var start = max(0, center - half)
        var end = min(chars.count, start + limit)
        start = max(0, end - limit)
        // Cut at word boundaries.
        while start > 0, start < chars.count, !chars[start - 1].isWhitespace { start += 1 }
        while end < chars.count, end > start, !chars[end].isWhitespace { end -= 1 }
        let body = String(chars[start..<end]).trimmingCharacters(in: .whitespaces)
        return (start > 0 ? "…" : "") + body + (end < chars.count ? "…" : "")
    }

    /// The passage of a figure.
    static func passage(_ figure: CheckFigure) -> CheckPassage {
        CheckPassage(location: figure.location, quote: quote(figure), figure: figure.text)
    }

    /// The subject of a figure, short, for messages: "tổng thu ngân sách của phường".
    static func subjectLabel(_ figure: CheckFigure) -> String {
        var words = figure.subject.split(separator: " ").map(String.init)
        let trailing: Set<String> = [
            "ước", "đạt", "là", "có", "được", "đã", "còn", "lên", "xuống", "chiếm", "bằng", "với", "và", ":",
        ]
        while let last = words.last, trailing.contains(last.lowercased()) { words.removeLast() }
        let text = words.joined(separator: " ")
        if text.count <= 90 { return text }
        return String(text.prefix(87)) + "…"
    }

    /// "năm 2025", "giai đoạn 2021-2025", "6 tháng đầu năm 2025"; nil for no period.
    static func periodLabel(_ id: String?) -> String? {
        guard let id else { return nil }
        if let period = Period(id: id) { return period.vietnameseLabel }
        return id
    }
}
