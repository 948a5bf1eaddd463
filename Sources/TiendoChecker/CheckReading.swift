import Foundation
import TiendoCore

/// A period expression in a block: "năm 2025", "giai đoạn 2021-2025", "6 tháng đầu năm 2025",
/// "so với năm 2024" (a comparison), "đến năm 2030" (a deadline).
struct PeriodMention: Sendable {
    enum Kind: Sendable, Equatable {
        case period, comparison, deadline
    }

    /// Token range [start, end).
    var start: Int
    var end: Int
    var id: String
    var kind: Kind
    var sentence: Int
    /// The last year named.
    var year: Int?
}

/// A verdict phrase in a block: "(đạt)", "chưa đạt chỉ tiêu", "vượt kế hoạch".
struct VerdictMention: Sendable {
    var blockIndex: Int
    var start: Int
    var end: Int
    var word: VerdictWord
    var sentence: Int
    /// "05 chỉ tiêu chưa đạt": a category of a summary count, not a target's own verdict.
    var isSummary: Bool
    var text: String
}

/// One block read: its tokens, period expressions, figures and verdicts.
struct BlockReading: Sendable {
    var block: CheckBlock
    var index: Int
    var tokens: [CheckToken]
    var consumed: [Bool]
    var periods: [PeriodMention] = []
    /// Indices into ``CheckReading/figures``.
    var figures: [Int] = []
    var verdicts: [VerdictMention] = []
    /// "1." / "2)" / "Chỉ tiêu 3:" at the start of the block.
    var listNumber: Int?
    /// Whether the block starts with a list marker (number, letter, dash, bullet).
    var isListItem = false
    /// Index of the first ":" token of the block (target items put the target's wording before it).
    var firstColon: Int?
    let characters: [Character]

    init(block: CheckBlock, index: Int) {
        self.block = block
        self.index = index
        self.tokens = CheckTokenizer.tokens(block.text)
        self.consumed = Array(repeating: false, count: tokens.count)
        self.characters = Array(block.text)
    }

    var isTableRow: Bool { !block.cells.isEmpty }

    /// The text of tokens [from, to).
    func text(from: Int, to: Int) -> String {
        guard from < to, from >= 0, to <= tokens.count else { return "" }
        return String(characters[tokens[from].start..<tokens[to - 1].end])
    }

    /// Token range of sentence `s`.
    func sentenceRange(_ s: Int) -> Range<Int> {
        guard let first = tokens.firstIndex(where: { $0.sentence == s }) else { return 0..<0 }
        var last = first
        while last + 1 < tokens.count, tokens[last + 1].sentence == s { last += 1 }
        return first..<(last + 1)
    }

    /// Sentence `s` as written.
    func sentenceText(_ s: Int) -> String {
        let range = sentenceRange(s)
        return text(from: range.lowerBound, to: range.upperBound)
    }

    /// The table cell index of token `i` (cells are separated by "|").
    func cellIndex(of i: Int) -> Int {
        guard isTableRow else { return 0 }
        var cell = 0
        for k in 0..<min(i, tokens.count) where tokens[k].isPunct("|") { cell += 1 }
        return cell
    }

    /// Whether token `i` ends a clause: , ; : ( ) [ ] . ! ? … | and quotation marks.
    func isBoundary(_ i: Int) -> Bool {
        guard i >= 0, i < tokens.count else { return true }
        let t = tokens[i]
        // The dash of "2021 - 2025" belongs to the period, not to the sentence.
        if consumed[i] { return false }
        guard t.kind == .punct else { return false }
        // A dash standing alone joins compound names ("công nghiệp - xây dựng", "kinh tế - xã hội"),
        // so it does not end a clause.
        return ",;:()[].!?…|\"“”".contains(t.text)
    }

    /// The word key at `i`, "" when not a word.
    func word(_ i: Int) -> String {
        guard i >= 0, i < tokens.count, tokens[i].kind == .word else { return "" }
        return tokens[i].key
    }
}

/// A whole report read: blocks, figures, verdicts, and the period most figures refer to.
struct CheckReading: Sendable {
    var document: CheckDocument
    var blocks: [BlockReading]
    var figures: [CheckFigure]
    /// The period most explicitly dated figures refer to, used for undated ones.
    var documentPeriod: String?

    init(document: CheckDocument) {
        self.document = document
        var blocks: [BlockReading] = []
        var figures: [CheckFigure] = []
        for (index, block) in document.blocks.enumerated() {
            var reader = BlockReader(reading: BlockReading(block: block, index: index))
            let found = reader.read()
            var reading = reader.reading
            reading.figures = Array(figures.count..<(figures.count + found.count))
            figures.append(contentsOf: found)
            blocks.append(reading)
        }
        self.blocks = blocks
        self.figures = figures
        self.documentPeriod = nil
        readTargetItems()
        readParentheticalPlans()
        readPlanSections()
        readSectionPaths()
        readSources()
        resolveFootnotePeriods()
        documentPeriod = Self.dominantPeriod(figures)
    }

    /// The block holding footnote `n`.
    func footnoteBlock(_ n: Int) -> Int? {
        blocks.firstIndex { $0.block.location == .footnote(n) }
    }

    /// Where footnote `n` is referred to: (block, token index).
    func reference(toFootnote n: Int) -> (block: Int, token: Int)? {
        for reading in blocks where !reading.block.location.isFootnote {
            if let t = reading.tokens.firstIndex(where: { $0.footnote == n }) { return (reading.index, t) }
        }
        return nil
    }

    /// The figure a footnote reference at (block, token) hangs on: the nearest result or plan
    /// figure before it in its sentence (a projection or a change is not what a footnote explains),
    /// else the first such figure after it.
    func figure(referencedAt ref: (block: Int, token: Int)) -> Int? {
        let reading = blocks[ref.block]
        let sentence = reading.tokens[ref.token].sentence
        let inSentence = reading.figures.filter {
            figures[$0].sentenceIndex == sentence && (figures[$0].role == .actual || figures[$0].role == .plan)
        }
        if let before = inSentence.last(where: { figures[$0].tokenEnd <= ref.token }) { return before }
        return inSentence.first
    }

    /// "1. Thu ngân sách năm 2025 đạt 200 tỷ đồng: ước đạt 215,6 tỷ đồng, vượt chỉ tiêu" and
    /// "- Chỉ tiêu 4: Kết nạp 15 đảng viên mới. Kết quả: 16 đảng viên. Đánh giá: vượt.": in a
    /// paragraph that judges a target, the figures before the colon that opens the result are the
    /// target's plan, and the results after it are about what the wording names.
    private mutating func readTargetItems() {
        for reading in blocks where !reading.isTableRow && !reading.block.location.isFootnote {
            guard let verdict = reading.verdicts.first(where: { !$0.isSummary }),
                let colon = Self.resultColon(in: reading, before: verdict.start),
                verdict.sentence == reading.tokens[colon].sentence || reading.isListItem
            else { continue }
            let counted: Set<CheckFigure.Role> = [.actual, .change]
            let wording = reading.figures.filter { figures[$0].tokenEnd <= colon && counted.contains(figures[$0].role) }
            let results = reading.figures.filter {
                figures[$0].tokenStart > colon && figures[$0].tokenEnd <= verdict.start
                    && counted.contains(figures[$0].role)
            }
            guard !wording.isEmpty, !results.isEmpty else { continue }
            var words = Set<String>()
            for w in wording {
                figures[w].role = .plan
                figures[w].isCalledPlan = true
                words.formUnion(figures[w].keywords)
            }
            for r in results {
                figures[r].role = .actual
                figures[r].keywords.formUnion(words)
            }
        }
    }

    /// "…, đạt chỉ tiêu Nghị quyết (trên 80%; trên 50%)": figures in brackets right after a verdict
    /// that names the plan are that plan, as the text calls it.
    private mutating func readParentheticalPlans() {
        for reading in blocks where !reading.block.location.isFootnote {
            for verdict in reading.verdicts where !verdict.isSummary && verdict.end - verdict.start > 1 {
                var open = verdict.end
                while open < reading.tokens.count, open - verdict.end < 3, reading.tokens[open].kind == .word {
                    open += 1
                }
                guard open < reading.tokens.count, reading.tokens[open].isPunct("("),
                    let close = (open..<reading.tokens.count).first(where: { reading.tokens[$0].isPunct(")") })
                else { continue }
                for f in reading.figures where figures[f].tokenStart > open && figures[f].tokenEnd <= close {
                    figures[f].role = .plan
                    figures[f].isCalledPlan = true
                }
            }
        }
    }

    /// Words of a heading that announce targets or directions for a coming period.
    private static let planHeadingWords: [[String]] = [
        ["mục", "tiêu"], ["chỉ", "tiêu"], ["phương", "hướng"], ["kế", "hoạch"],
    ]

    /// Words of a heading that announce results or a review, even of targets ("KẾT QUẢ THỰC HIỆN
    /// CÁC CHỈ TIÊU CHỦ YẾU") or a forecast ("DỰ BÁO TÌNH HÌNH").
    private static let reviewHeadingWords: [[String]] = [
        ["kết", "quả"], ["thực", "hiện"], ["đánh", "giá"], ["tình", "hình"], ["dự", "báo"],
    ]

    /// Whether a paragraph is a heading: written in capitals ("PHẦN THỨ HAI", "III. CÁC CHỈ TIÊU
    /// CHỦ YẾU ĐẾN NĂM 2030").
    private static func isHeading(_ reading: BlockReading) -> Bool {
        guard case .paragraph = reading.block.location, !reading.isTableRow else { return false }
        let letters = reading.block.text.filter(\.isLetter)
        return letters.count >= 6 && letters.allSatisfy { !$0.isLowercase }
    }

    /// "PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ NHIỆM KỲ 2025–2030" / "III. CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM
    /// 2030": under a heading that announces the targets of a coming term, results are not
    /// reported — "kết nạp từ 90 đảng viên mới trở lên trong nhiệm kỳ" is the new term's target, of
    /// that term, not a restatement of the 86 admitted in the term reviewed. Such a section lasts
    /// until the next heading; a figure its own sentence dates keeps that date.
    private mutating func readPlanSections() {
        var headingPeriod: String? = nil
        var inPlanSection = false
        var sectionPeriod: String? = nil
        var sectionDeadline: Int? = nil
        for reading in blocks where !reading.block.location.isFootnote {
            if Self.isHeading(reading) {
                let has = { (phrases: [[String]]) in
                    reading.tokens.indices.contains { reading.tokens.longestMatch(phrases, at: $0) != nil }
                }
                if let span = reading.periods.last(where: { $0.kind == .period && $0.id.contains("-") }) {
                    headingPeriod = span.id
                }
                inPlanSection = has(Self.planHeadingWords) && !has(Self.reviewHeadingWords)
                sectionDeadline = reading.periods.last { $0.kind == .deadline }?.year
                sectionPeriod = reading.periods.last { $0.kind == .period }?.id ?? headingPeriod
                continue
            }
            guard inPlanSection else { continue }
            for f in reading.figures {
                if figures[f].role == .actual { figures[f].role = .plan }
                if figures[f].role == .plan { figures[f].isCalledPlan = true }
                if figures[f].periodStrength < 2, let sectionPeriod {
                    figures[f].period = sectionPeriod
                    figures[f].periodStrength = 1
                }
                if figures[f].deadline == nil { figures[f].deadline = sectionDeadline }
            }
        }
    }

    /// The heading level of a paragraph that is a heading of the report's outline: 1 for "PHẦN THỨ
    /// HAI", "I. …" or a line in capitals, 2 for "1. …", 3 for "1.1. …" or "a) …"; nil for text. A
    /// heading is short and states no figure.
    private static func headingLevel(_ reading: BlockReading) -> Int? {
        guard case .paragraph = reading.block.location, !reading.isTableRow, reading.figures.isEmpty else {
            return nil
        }
        let words = reading.tokens.filter { $0.kind == .word }.count
        guard words >= 1, words <= 14 else { return nil }
        if isHeading(reading) { return 1 }
        let text = reading.block.text
        func matches(_ pattern: String) -> Bool { text.range(of: pattern, options: .regularExpression) != nil }
        if matches("^[IVXL]+[.)/] ") { return 1 }
        if matches("^[0-9]+[.][0-9]+[.]? ") { return 3 }
        if matches("^[0-9]+[.)] ") { return 2 }
        if matches("^[a-zđ][)] ") || matches("^[a-zđ][.] ") { return 3 }
        return nil
    }

    /// "a) Công nghiệp – xây dựng" / "b) Nông nghiệp": the sector a heading's section is about (none
    /// when it names several or none); its figures, and its sub-sections', speak of that sector
    /// even when their sentence does not name it ("giá trị sản xuất tăng bình quân 15,4%/năm").
    private mutating func readSectionPaths() {
        var path: [(level: Int, sectors: Set<String>)] = []
        for reading in blocks where !reading.block.location.isFootnote {
            if let level = Self.headingLevel(reading) {
                path.removeAll { $0.level >= level }
                var sectors = Set<String>()
                for k in reading.tokens.indices {
                    if let (_, member) = CheckVocabulary.sectorPhrases.first(where: {
                        reading.tokens.matches($0.0, at: k)
                    }) {
                        sectors.insert(member)
                    }
                }
                path.append((level, sectors.count == 1 ? sectors : []))
                continue
            }
            let words = path.reduce(into: Set<String>()) { $0.formUnion($1.sectors) }
            guard !words.isEmpty else { continue }
            for f in reading.figures { figures[f].sectionWords = words }
        }
    }

    /// "Theo Đảng ủy Khối các cơ quan tỉnh, …" / "* Theo Thị ủy Sa Đéc, …": a paragraph that opens by
    /// naming its source (a name in capitals after "Theo", up to the first comma) gives that
    /// source's figures, and so do the paragraphs after it until another source or a heading.
    private mutating func readSources() {
        var current: String? = nil
        for reading in blocks where !reading.block.location.isFootnote && !reading.isTableRow {
            if Self.headingLevel(reading) != nil {
                current = nil
                continue
            }
            let words = reading.tokens.indices.filter { reading.tokens[$0].kind == .word }
            if let first = words.first, reading.tokens[first].key == "theo", words.count > 1,
                reading.tokens[words[1]].text.first?.isUppercase == true,
                !reading.tokens[..<first].contains(where: { $0.kind == .number }),
                let comma = reading.tokens[first...].firstIndex(where: { $0.isPunct(",") }), comma - first <= 10
            {
                current = reading.tokens[(first + 1)..<comma].filter { $0.kind == .word }.map(\.key).joined(
                    separator: " ")
            }
            guard let current else { continue }
            for f in reading.figures { figures[f].source = current }
        }
    }

    /// The colon after which a target item gives its result: "Kết quả:", "Thực hiện:", or else the
    /// first colon of the first sentence — not the one of "Chỉ tiêu 3:", "trong đó:", "gồm:" or
    /// "Đánh giá:".
    private static func resultColon(in reading: BlockReading, before end: Int) -> Int? {
        let colons = (0..<end).filter { reading.tokens[$0].isPunct(":") }
        let labelled = colons.first {
            let w1 = reading.word($0 - 1)
            let w2 = reading.word($0 - 2)
            return (w2 == "kết" && w1 == "quả") || (w2 == "thực" && w1 == "hiện")
        }
        if let labelled { return labelled }
        return colons.first { colon in
            let before = reading.word(colon - 1)
            if ["đó", "gồm", "sau", "thể", "ra"].contains(before) { return false }
            if reading.word(colon - 2) == "đánh" && before == "giá" { return false }
            // "Chỉ tiêu 3:" introduces the item, not its result. A paragraph may open with the
            // colon itself (": đạt"), so there may be no token before it (issue 19: this trapped).
            if colon > 0, reading.tokens[colon - 1].kind == .number,
                reading.word(colon - 2) == "tiêu" || reading.word(colon - 2) == "số"
            {
                return false
            }
            return reading.tokens[colon].sentence == 0
        }
    }

    /// A footnote speaks of the figure it hangs on: its figures take that figure's subject words,
    /// and its period when they have none ("Kế hoạch: từ 98% trở lên. Số liệu đầu nhiệm kỳ: 97,2%"
    /// is about the dossiers target, not about any other 97,2%).
    private mutating func resolveFootnotePeriods() {
        for reading in blocks {
            guard case .footnote(let n) = reading.block.location, let ref = reference(toFootnote: n),
                let anchor = figure(referencedAt: ref)
            else { continue }
            let anchorFigure = figures[anchor]
            // "[4] Chỉ tiêu Nghị quyết: …", "[4] Kế hoạch năm: …": a footnote that says it gives the
            // plan calls its figures plans.
            let saysPlan = reading.tokens.indices.contains {
                reading.tokens.longestMatch(CheckVocabulary.calledPlanMarkers, at: $0) != nil
            }
            for f in reading.figures {
                figures[f].sectionWords = anchorFigure.sectionWords
                if saysPlan, figures[f].role == .plan { figures[f].isCalledPlan = true }
                figures[f].keywords.formUnion(anchorFigure.keywords.filter { !$0.hasPrefix("#") })
                if figures[f].period == nil, let period = anchorFigure.period {
                    figures[f].period = period
                    figures[f].periodStrength = 1
                }
            }
        }
    }

    /// The period of at least half of the explicitly dated result figures.
    private static func dominantPeriod(_ figures: [CheckFigure]) -> String? {
        var counts: [String: Int] = [:]
        var total = 0
        for f in figures where f.role == .actual && f.periodIsExplicit {
            guard let p = f.period else { continue }
            counts[p, default: 0] += 1
            total += 1
        }
        guard let best = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), best.value * 2 >= total
        else { return nil }
        return best.key
    }

    /// Whether two figures refer to the same period: equal periods, or both undated, or one undated
    /// and the other dated with the report's main period.
    func samePeriod(_ a: CheckFigure, _ b: CheckFigure) -> Bool {
        // A labelled year ("ước năm 2027: 52.020") is only the same as a figure its own sentence
        // dates that year, not one under a table header "Ước thực hiện năm 2027" (which may be a
        // total over several years).
        if a.hasLabelPeriod && b.periodStrength < 2 || b.hasLabelPeriod && a.periodStrength < 2 { return false }
        // "đến năm 2027 có 16/17 trường" and "đến năm 2030 có 100% trường": two milestones.
        if let x = a.deadline, let y = b.deadline, x != y { return false }
        switch (a.period, b.period) {
        case (nil, nil): return true
        case (let x?, let y?): return x == y
        case (nil, let y?):
            // A labelled year ("năm 2022: 65") is only the same as a figure dated that year.
            return y == documentPeriod && !b.hasLabelPeriod
        case (let y?, nil):
            return y == documentPeriod && !a.hasLabelPeriod
        }
    }
}
