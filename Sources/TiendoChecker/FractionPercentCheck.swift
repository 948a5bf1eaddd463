import Foundation
import TiendoCore

extension CheckRun {
    /// Words that may stand between a fraction's clause and its percentage: "28/38 trường, đạt 73,7%",
    /// "chiếm tỷ lệ 97%", "(75%)".
    private static let percentLinks: Set<String> = [
        "đạt", "chiếm", "bằng", "tỷ", "lệ", "tương", "ứng", "là", "với", "ước", "và", "hay", "hoặc", "khoảng",
        "gần", "trên", "dưới", "hơn",
    ]

    /// "x/y … z%": a fraction and the percentage written next to it must agree (x ÷ y rounded or cut
    /// to z's decimals).
    mutating func checkFractionsAndPercentages() {
        for block in reading.blocks {
            let indices = block.figures
            for (n, index) in indices.enumerated() {
                let f = figures[index]
                guard let computed = f.value.fractionPercent, !f.isPercent else { continue }
                var partner: Int? = nil
                // After it: "28/38 trường đạt chuẩn, đạt 73,68%".
                if n + 1 < indices.count {
                    let p = figures[indices[n + 1]]
                    if p.isPercent, p.unit == "%", p.role != .relative, p.sentenceIndex == f.sentenceIndex,
                        case .number = p.value
                    {
                        // The fraction's own description may run on; after a "," "và" or ";" only
                        // linking words may come, or the percentage describes something else.
                        var separated = false
                        var onlyLinks = true
                        let verdictTokens = Set(block.verdicts.flatMap { $0.start..<$0.end })
                        for k in f.tokenEnd..<p.tokenStart where !verdictTokens.contains(k) {
                            let t = block.tokens[k]
                            if t.isPunct(",") || t.isWord("và") || t.isWord("còn") || t.isPunct(";") {
                                separated = true
                            } else if separated, t.kind == .word, !Self.percentLinks.contains(t.key) {
                                onlyLinks = false
                            }
                        }
                        if onlyLinks && p.tokenStart - f.tokenEnd <= 14 { partner = indices[n + 1] }
                    }
                }
                // Before it: "đạt 75% (28/38 trường)".
                if partner == nil, n > 0 {
                    let p = figures[indices[n - 1]]
                    if p.isPercent, p.unit == "%", p.role != .relative, p.sentenceIndex == f.sentenceIndex,
                        case .number = p.value, p.tokenEnd <= f.tokenStart, f.tokenStart - p.tokenEnd <= 3,
                        (p.tokenEnd..<f.tokenStart).contains(where: { block.tokens[$0].isPunct("(") })
                    {
                        partner = indices[n - 1]
                    }
                }
                guard let partner else { continue }
                fractionPercentPartners.append(partner)
                let p = figures[partner]
                guard case .number(let stated) = p.value else { continue }
                coverage.fractionPercentPairs += 1
                if CheckArithmetic.percentAgrees(
                    computed: computed, stated: stated, decimals: p.decimals, qualifier: p.qualifier)
                {
                    continue
                }
                guard case .fraction(let part, let whole) = f.value else { continue }
                let fractionText = "\(CheckArithmetic.show(part))/\(CheckArithmetic.show(whole))"
                let arithmetic =
                    "\(fractionText) = \(CheckArithmetic.show(computed))%, báo cáo ghi \(p.text)"
                let severity: CheckSeverity = abs(computed - stated) >= 1 ? .nghiemTrong : .canXemLai
                add(
                    CheckFinding(
                        kind: .fractionPercentage, severity: severity, passages: [CheckArithmetic.passage(f)],
                        figures: [f.text, p.text], arithmetic: arithmetic,
                        message:
                            "\(f.text) là \(CheckArithmetic.show(computed))%, nhưng câu này ghi \(p.text)."))
            }
        }
    }
}
