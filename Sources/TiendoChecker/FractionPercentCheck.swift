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

    /// "Đảng bộ thành phố có 709 tổ chức cơ sở đảng. Qua đánh giá có 439 TCCSĐ đạt trong sạch vững
    /// mạnh (chiếm 62,62%), trong đó có 107 TCCSĐ … (chiếm 24,37%)": a count with the share it
    /// "chiếm" of the whole the paragraph stated before it — the count the part of a "trong đó"
    /// belongs to, else the nearest earlier count of the same thing introduced with "có" or "tổng
    /// số" — must agree with that share. Only a near miss (under 5 points) is reported: a share
    /// far off is of another whole the text does not name.
    mutating func checkSharesOfStatedTotals() {
        for block in reading.blocks {
            let indices = block.figures
            for (n, index) in indices.enumerated() where n + 1 < indices.count {
                let f = figures[index]
                let p = figures[indices[n + 1]]
                guard case .number(let part) = f.value, !f.isPercent, !f.unit.isEmpty, f.role == .actual,
                    p.isPercent, p.unit == "%", case .number(let stated) = p.value,
                    p.sentenceIndex == f.sentenceIndex, p.tokenStart >= f.tokenEnd, p.tokenStart - f.tokenEnd <= 12,
                    (max(f.tokenEnd, p.tokenStart - 3)..<p.tokenStart).contains(where: {
                        block.tokens[$0].isWord("chiếm")
                    }),
                    !(f.tokenEnd..<p.tokenStart).contains(where: { block.tokens[$0].isPunct(";") })
                else { continue }
                guard let whole = statedWhole(of: index, in: block), case .number(let total) = figures[whole].value,
                    total > part
                else { continue }
                let computed = part / total * 100
                coverage.fractionPercentPairs += 1
                if CheckArithmetic.percentAgrees(
                    computed: computed, stated: stated, decimals: p.decimals, qualifier: p.qualifier)
                {
                    continue
                }
                guard abs(computed - stated) < 5 else { continue }
                let w = figures[whole]
                add(
                    CheckFinding(
                        kind: .fractionPercentage, severity: abs(computed - stated) >= 0.5 ? .nghiemTrong : .canXemLai,
                        passages: [CheckArithmetic.passage(f)]
                            + (w.sentenceIndex == f.sentenceIndex ? [] : [CheckArithmetic.passage(w)]),
                        figures: [f.text, p.text, w.text],
                        arithmetic:
                            "\(f.text) / \(w.text) = \(CheckArithmetic.show(computed))%, báo cáo ghi \(p.text)",
                        message:
                            "\(f.text) trên tổng số \(w.text) là \(CheckArithmetic.show(computed))%, nhưng câu này ghi chiếm \(p.text)."
                    ))
            }
        }
    }

    /// The whole a count's share is of (see ``checkSharesOfStatedTotals()``).
    private func statedWhole(of index: Int, in block: BlockReading) -> Int? {
        let f = figures[index]
        let earlier = block.figures.filter {
            let w = figures[$0]
            return $0 != index && w.tokenEnd <= f.tokenStart && w.unit == f.unit && !w.isPercent
                && w.role == .actual && w.value.single != nil
                && (w.body == nil || f.body == nil || w.body == f.body || w.body == w.unit || f.body == f.unit)
        }
        if f.isBreakdownPart {
            return earlier.last { figures[$0].sentenceIndex == f.sentenceIndex && !figures[$0].isBreakdownPart }
        }
        return earlier.last { w in
            let k = figures[w].tokenStart
            return block.word(k - 1) == "có" || (block.word(k - 2) == "tổng" && block.word(k - 1) == "số")
        }
    }
}
