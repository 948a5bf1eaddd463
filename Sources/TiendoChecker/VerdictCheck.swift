import Foundation
import TiendoCore

extension CheckRun {

    /// A target called "đạt" (or "vượt") whose figure misses its plan — given in the same sentence,
    /// before the colon of a target item, or in a footnote — or called "chưa đạt" though the figure
    /// meets the plan.
    mutating func checkVerdicts() {
        for block in reading.blocks where !block.block.location.isFootnote {
            // One verdict per target: the first one of each sentence that is not a summary count.
            var seenSentences = Set<Int>()
            for verdict in block.verdicts where !verdict.isSummary && verdict.word != .noData {
                guard !seenSentences.contains(verdict.sentence) else { continue }
                seenSentences.insert(verdict.sentence)
                // "bằng 52,4% chỉ tiêu cả nhiệm kỳ, đạt yêu cầu tiến độ": a verdict on the schedule
                // (mid-term), not on the target, which neither the share nor the plan can judge.
                if block.tokens.longestMatch(Self.scheduleWords, at: verdict.end) != nil {
                    coverage.verdictsWithoutPlan += 1
                    continue
                }
                // "… 83,33% …; 48,61% …, đạt chỉ tiêu" against "trên 80%; trên 50%": a target of
                // several parts is judged part by part, in order.
                if let parts = partPairs(for: verdict, in: block) {
                    judgeParts(verdict, parts, in: block)
                    continue
                }
                guard let (actual, plan) = pair(for: verdict, in: block) else {
                    if let relative = relativeFigure(for: verdict, in: block) {
                        checkRelative(verdict, relative, in: block)
                    } else {
                        coverage.verdictsWithoutPlan += 1
                    }
                    continue
                }
                judge(verdict, actual: actual, plan: plan, in: block)
            }
        }
    }

    /// Words after a verdict that make it a verdict on progress along the term ("đạt yêu cầu tiến
    /// độ", "đạt yêu cầu lộ trình"), not on the target itself.
    private static let scheduleWords: [[String]] = [["tiến", "độ"], ["lộ", "trình"]]

    /// Whether a result figure can be judged against a plan figure: same unit, or both percentages,
    /// or a fraction against a percentage.
    private func comparable(_ actual: CheckFigure, _ plan: CheckFigure) -> Bool {
        if actual.isPercent && plan.isPercent { return true }
        if actual.value.fractionPercent != nil && plan.isPercent { return true }
        if case .fraction = actual.value, case .fraction = plan.value { return true }
        return !actual.isPercent && !plan.isPercent && actual.unit == plan.unit
    }

    /// The figure and the plan a verdict speaks of.
    private func pair(for verdict: VerdictMention, in block: BlockReading) -> (Int, Int)? {
        let inBlock = block.figures
        let actuals = inBlock.filter { figures[$0].role == .actual && figures[$0].tokenEnd <= verdict.start }
        let plans = inBlock.filter { figures[$0].role == .plan }
        // Prefer the result in the verdict's sentence, the nearest before it.
        let sameSentence = actuals.filter { figures[$0].sentenceIndex == verdict.sentence }
        let actualCandidates = sameSentence.isEmpty ? actuals : sameSentence
        guard !actualCandidates.isEmpty else { return nil }
        // Plans in footnotes referred to from the verdict's sentence; from the rest of the block
        // only when the block judges a single target.
        let footnotePlans = self.footnotePlans(for: verdict, in: block)
        for actual in actualCandidates.reversed() {
            let a = figures[actual]
            // A plan of another sentence is only one the text calls a plan, and of the same subject
            // (not the year's total revenue for its land revenue, not a poverty rate for a labour rate).
            let samePlans = plans.filter {
                comparable(a, figures[$0])
                    && (figures[$0].sentenceIndex == verdict.sentence
                        || (figures[$0].isCalledPlan && planFits(a, figures[$0])))
            }
            let preferred =
                samePlans.filter { figures[$0].sentenceIndex == verdict.sentence }.first ?? samePlans.first
                ?? footnotePlans.first { comparable(a, figures[$0]) && planFits(a, figures[$0]) }
            if let plan = preferred { return (actual, plan) }
        }
        return nil
    }

    /// The plans of the footnotes a verdict's sentence refers to (of the whole block when it judges
    /// one target), those of its own sentence first; only figures the footnote calls plans.
    private func footnotePlans(for verdict: VerdictMention, in block: BlockReading) -> [Int] {
        let verdictSentences = Set(block.verdicts.filter { !$0.isSummary }.map(\.sentence))
        var footnotePlans: [Int] = []
        for token in block.tokens where token.kind == .footnoteRef {
            guard token.sentence == verdict.sentence || verdictSentences.count == 1 else { continue }
            guard let n = token.footnote, let fb = reading.footnoteBlock(n) else { continue }
            let plans = reading.blocks[fb].figures.filter { figures[$0].role == .plan && figures[$0].isCalledPlan }
            footnotePlans = token.sentence == verdict.sentence ? plans + footnotePlans : footnotePlans + plans
        }
        return footnotePlans
    }

    /// Whether a plan figure of another sentence or a footnote speaks of the result's subject: the
    /// same body, no exclusive kinds apart, and one's words within the other's (a footnote's figures
    /// carry the words of the figure they hang on).
    private func planFits(_ actual: CheckFigure, _ plan: CheckFigure) -> Bool {
        if let x = actual.body, let y = plan.body, x != y { return false }
        for group in CheckVocabulary.exclusiveKinds {
            if let ma = group.member(of: actual.keywords), let mp = group.member(of: plan.keywords), ma != mp {
                return false
            }
        }
        let unitWords = Set(
            (actual.unit + " " + plan.unit).split(whereSeparator: { $0 == " " || $0 == "/" }).map(String.init))
        let ka = actual.keywords.subtracting(unitWords)
        var kp = plan.keywords.subtracting(unitWords)
        // "Tổng thu ngân sách đạt 120 tỷ đồng, dự toán giao 100 tỷ đồng": a plan that names nothing
        // is the plan of the result its sentence gives before it.
        if kp.isEmpty, !plan.location.isFootnote,
            let owner = reading.blocks[plan.blockIndex].figures.last(where: {
                figures[$0].sentenceIndex == plan.sentenceIndex && figures[$0].tokenEnd <= plan.tokenStart
                    && figures[$0].role == .actual
            })
        {
            kp = figures[owner].keywords.subtracting(unitWords)
        }
        return ka.isSubset(of: kp) || kp.isSubset(of: ka)
    }

    /// The parts of a target and their plans, in order: two or more results of the verdict's
    /// sentence before it ("tổ chức đảng … 83,33%; đảng viên … 48,61%, đạt chỉ tiêu") and as many
    /// plans of the same kind in the footnotes it refers to or before its item's colon ("trên 80%;
    /// trên 50%"). Nil when the target has one part or the counts differ.
    private func partPairs(for verdict: VerdictMention, in block: BlockReading) -> [(Int, Int)]? {
        let actuals = block.figures.filter {
            let f = figures[$0]
            return f.role == .actual && f.sentenceIndex == verdict.sentence && f.tokenEnd <= verdict.start
                && (f.isPercent || f.value.fractionPercent != nil)
        }
        guard actuals.count >= 2 else { return nil }
        // The thresholds in brackets right after the verdict ("đạt chỉ tiêu (trên 80%; trên 50%)"),
        // else before it in its sentence or its item's wording, else in its footnotes.
        var plans = block.figures.filter {
            let f = figures[$0]
            return f.role == .plan && f.isPercent && f.isCalledPlan && f.sentenceIndex == verdict.sentence
                && f.tokenStart >= verdict.end
        }
        if let first = plans.first, figures[first].tokenStart - verdict.end > 4 { plans = [] }
        if plans.count < 2 {
            plans = block.figures.filter {
                let f = figures[$0]
                return f.role == .plan && f.isPercent && f.isCalledPlan && f.tokenEnd <= verdict.start
                    && (f.sentenceIndex == verdict.sentence || f.sentenceIndex == 0)
            }
        }
        if plans.count < 2 {
            plans = footnotePlans(for: verdict, in: block).filter { figures[$0].isPercent }
        }
        // The parts are the results right before the verdict, as many as the plan has thresholds
        // (a long sentence may give other results before them).
        guard plans.count >= 2, actuals.count >= plans.count else { return nil }
        return Array(zip(actuals.suffix(plans.count), plans))
    }

    /// Whether a result meets its plan (nil when the plan cannot judge it: "khoảng", a range of a
    /// fall).
    private func meets(_ a: CheckFigure, _ p: CheckFigure) -> Bool? {
        let value: Double
        if p.isPercent, let percent = a.value.fractionPercent {
            value = percent
        } else if case .number(let x) = a.value {
            value = x
        } else {
            return nil
        }
        let lower = lowerIsBetter(p, a)
        switch p.value {
        case .range(let lo, let hi): return lower ? value <= hi + 1e-9 : value >= lo - 1e-9
        case .number(let x):
            switch p.qualifier {
            case .atLeast?: return value >= x - 1e-9
            case .atMost?: return value <= x + 1e-9
            case .about?: return nil
            case nil: return lower ? value <= x + 1e-9 : value >= x - 1e-9
            }
        case .fraction: return nil
        }
    }

    private mutating func judgeParts(_ verdict: VerdictMention, _ parts: [(Int, Int)], in block: BlockReading) {
        var results: [(Int, Int, Bool)] = []
        for (actual, plan) in parts {
            guard let met = meets(figures[actual], figures[plan]) else {
                coverage.verdictsWithoutPlan += 1
                return
            }
            results.append((actual, plan, met))
        }
        coverage.verdicts += 1
        let allMet = results.allSatisfy(\.2)
        let stated = verdict.word
        if stated.isMet == allMet || (stated == .near && !allMet) { return }
        let quote = CheckArithmetic.quote(block.sentenceText(verdict.sentence), around: verdict.text)
        let shown = results.map { "\(figures[$0.0].text) so với \(figures[$0.1].text)" }.joined(separator: "; ")
        var passages = [CheckPassage(location: block.block.location, quote: quote, figure: figures[results[0].0].text)]
        for (_, plan, _) in results where figures[plan].location != block.block.location {
            let passage = CheckArithmetic.passage(figures[plan])
            if !passages.contains(passage) { passages.append(passage) }
        }
        if stated.isMet, let missed = results.first(where: { !$0.2 }) {
            let a = figures[missed.0]
            let p = figures[missed.1]
            add(
                CheckFinding(
                    kind: .verdictFigure, severity: .nghiemTrong, passages: passages, figures: [a.text, p.text],
                    arithmetic: "\(shown); \(a.text) chưa đạt mức \(p.text), báo cáo đánh giá “\(verdict.text)”",
                    message:
                        "Chỉ tiêu được đánh giá “\(verdict.text)” nhưng phần \(a.text) chưa đạt kế hoạch \(p.text) (các phần của chỉ tiêu so theo thứ tự)."
                ))
        } else if !stated.isMet {
            let a = figures[results[0].0]
            let p = figures[results[0].1]
            add(
                CheckFinding(
                    kind: .verdictFigure, severity: .canXemLai, passages: passages, figures: [a.text, p.text],
                    arithmetic: "\(shown): mọi phần đều đạt, báo cáo đánh giá “\(verdict.text)”",
                    message: "Chỉ tiêu được đánh giá “\(verdict.text)” nhưng mọi phần của nó đều đã đạt kế hoạch."))
        }
    }

    /// "đạt 110% kế hoạch, vượt chỉ tiêu": a share of the plan near the verdict.
    private func relativeFigure(for verdict: VerdictMention, in block: BlockReading) -> Int? {
        block.figures.last {
            let f = figures[$0]
            guard f.role == .relative, f.isPercent, f.sentenceIndex == verdict.sentence else { return false }
            let follower = block.tokens.longestMatch(CheckVocabulary.relativeFollowers, at: f.tokenEnd)
            return follower == ["kế", "hoạch"] || follower == ["kh"] || follower == ["chỉ", "tiêu"]
                || follower == ["dự", "toán"] || follower == ["mục", "tiêu"] || follower == ["nghị", "quyết"]
                || follower == ["nq"]
        }
    }

    /// Whether the plan is for a span of years ("2026-2030") that ends after the year of the result
    /// judged against it (its own period, else the report's).
    private func isPlanOfUnfinishedTerm(_ plan: CheckFigure, for actual: CheckFigure) -> Bool {
        // A rate or an average ("9–10%/năm", "bình quân") is judged the same at any point of the term.
        guard !plan.isPercent, !actual.isPercent, !plan.isAverage, !actual.isAverage else { return false }
        guard let span = plan.period, span.contains("-"), let end = Int(span.suffix(4)) else { return false }
        // The result's own year, or the report's when the result is dated by the span itself.
        let candidates = [actual.period, reading.documentPeriod].compactMap { $0 }.filter { !$0.contains("-") }
        guard let period = candidates.first, let year = Int(period.prefix(4)) else { return false }
        return year < end
    }

    /// Whether the figure is written as a fall: "giảm 4,8%/năm", "giảm bình quân 5–10%/năm".
    private func isFall(_ f: CheckFigure) -> Bool {
        let block = reading.blocks[f.blockIndex]
        var k = f.tokenStart - 1
        while k >= 0, ["bình", "quân", "được", "ước", "khoảng"].contains(block.word(k)) { k -= 1 }
        return block.word(k) == "giảm"
    }

    private func lowerIsBetter(_ plan: CheckFigure, _ actual: CheckFigure) -> Bool {
        // Both written as falls: a bigger fall is better ("giảm 4,8%/năm" against "giảm 5–10%/năm").
        if isFall(plan) && isFall(actual) { return false }
        if plan.qualifier == .atMost { return true }
        if plan.qualifier == .atLeast { return false }
        let words = Set(
            (plan.subject + " " + actual.subject).split(whereSeparator: { !$0.isLetter }).map {
                CheckTokenizer.wordKey(String($0))
            })
        return !words.union(plan.keywords).union(actual.keywords).isDisjoint(with: CheckVocabulary.lowerIsBetterWords)
    }

    private mutating func judge(_ verdict: VerdictMention, actual: Int, plan: Int, in block: BlockReading) {
        let a = figures[actual]
        let p = figures[plan]
        // "Tổng vốn đầu tư toàn xã hội giai đoạn 2026–2030 đạt 250.000 tỷ đồng | 51.000 tỷ đồng | Đạt"
        // in a review of 2026: a plan for a term not yet over is judged on the share due so far
        // (pro rata for a sum), which the text does not state; the full plan cannot judge it.
        if isPlanOfUnfinishedTerm(p, for: a) {
            coverage.verdictsWithoutPlan += 1
            return
        }
        // The result as a number in the plan's terms.
        let value: Double
        if p.isPercent, let percent = a.value.fractionPercent {
            value = percent
        } else if case .fraction(let part, _) = a.value {
            value = part
        } else if case .number(let x) = a.value {
            value = x
        } else {
            coverage.verdictsWithoutPlan += 1
            return
        }
        let lower = lowerIsBetter(p, a)
        let satisfied: Bool
        let planText: String
        switch p.value {
        case .range(let lo, let hi):
            satisfied = lower ? value <= hi + 1e-9 : value >= lo - 1e-9
            planText = p.text
        case .number(let x):
            switch p.qualifier {
            case .atLeast?: satisfied = value >= x - 1e-9
            case .atMost?: satisfied = value <= x + 1e-9
            case .about?:
                coverage.verdictsWithoutPlan += 1
                return
            case nil: satisfied = lower ? value <= x + 1e-9 : value >= x - 1e-9
            }
            planText = p.text
        case .fraction(let part, _):
            satisfied = value >= part - 1e-9
            planText = p.text
        }
        coverage.verdicts += 1
        let stated = verdict.word
        if stated.isMet == satisfied || (stated == .near && !satisfied) { return }

        let converted = p.isPercent && a.value.fractionPercent != nil
        let shown = converted ? CheckArithmetic.show(value, decimals: 2) + "%" : a.text
        let relation: String
        if satisfied {
            relation = "\(a.text) đáp ứng kế hoạch \(planText)"
        } else {
            relation =
                lower ? "\(shown) cao hơn mức kế hoạch \(planText)" : "\(shown) thấp hơn mức kế hoạch \(planText)"
        }
        let arithmetic = relation + ", báo cáo đánh giá “\(verdict.text)”"
        let message: String
        let severity: CheckSeverity
        if stated.isMet {
            message = "Chỉ tiêu được đánh giá “\(verdict.text)” nhưng số liệu \(a.text) chưa đạt kế hoạch \(planText)."
            severity = .nghiemTrong
        } else {
            message = "Chỉ tiêu được đánh giá “\(verdict.text)” nhưng số liệu \(a.text) đã đạt kế hoạch \(planText)."
            severity = .canXemLai
        }
        var passages = [
            CheckPassage(
                location: block.block.location,
                quote: CheckArithmetic.quote(block.sentenceText(verdict.sentence), around: verdict.text),
                figure: a.text)
        ]
        if p.location != block.block.location || p.sentenceIndex != verdict.sentence {
            passages.append(CheckArithmetic.passage(p))
        }
        add(
            CheckFinding(
                kind: .verdictFigure, severity: severity, passages: passages, figures: [a.text, p.text],
                arithmetic: arithmetic, message: message))
    }

    private mutating func checkRelative(_ verdict: VerdictMention, _ relative: Int, in block: BlockReading) {
        let r = figures[relative]
        guard case .number(let x) = r.value else { return }
        coverage.verdicts += 1
        let satisfied = x >= 100 - 1e-9
        if verdict.word.isMet == satisfied || (verdict.word == .near && !satisfied) { return }
        let arithmetic =
            "\(r.text) kế hoạch \(satisfied ? "≥" : "<") 100%, báo cáo đánh giá “\(verdict.text)”"
        add(
            CheckFinding(
                kind: .verdictFigure, severity: verdict.word.isMet ? .nghiemTrong : .canXemLai,
                passages: [
                    CheckPassage(
                        location: block.block.location,
                        quote: CheckArithmetic.quote(block.sentenceText(verdict.sentence), around: verdict.text),
                        figure: r.text)
                ], figures: [r.text], arithmetic: arithmetic,
                message: "Chỉ tiêu thực hiện \(r.text) kế hoạch nhưng được đánh giá “\(verdict.text)”."))
    }
}
