import Foundation
import TiendoCore

/// Reads one block: marks what is not a figure (dates, document symbols, years, ordinals, list
/// markers), finds period expressions, figures and verdict phrases.
struct BlockReader {
    var reading: BlockReading
    private var figureEnds: [Int] = []

    init(reading: BlockReading) {
        self.reading = reading
    }

    private var tokens: [CheckToken] { reading.tokens }

    private func tok(_ i: Int) -> CheckToken? {
        i >= 0 && i < reading.tokens.count ? reading.tokens[i] : nil
    }

    /// The year written after a quarter or a month at `start` — "quý 2/2025", "tháng 03 năm 2025" —
    /// and where the period ends; no year when none is written.
    private func yearAfter(_ start: Int) -> (year: Int?, end: Int) {
        if tok(start)?.isPunct("/") == true || tok(start)?.isWord("năm") == true, Self.isYear(tok(start + 1)) {
            return (Int(tok(start + 1)!.value!), start + 2)
        }
        return (nil, start)
    }

    private mutating func consume(_ range: Range<Int>) {
        for i in range where i >= 0 && i < reading.consumed.count { reading.consumed[i] = true }
    }

    mutating func read() -> [CheckFigure] {
        markListMarker()
        markTableNumbering()
        findPeriods()
        markNonFigures()
        var figures: [CheckFigure] = []
        var i = 0
        while i < tokens.count {
            if tokens[i].kind == .number, !reading.consumed[i], tokens[i].value != nil,
                let figure = readFigure(at: i, previousEnd: min(figureEnds.last ?? 0, i))
            {
                figures.append(figure)
                figureEnds.append(max(figure.tokenEnd, figure.clauseEnd))
                i = figure.tokenEnd
                continue
            }
            i += 1
        }
        inheritCoordinatedSubjects(&figures)
        inheritCountedThings(&figures)
        if reading.isTableRow { applyTableHeader(&figures) }
        findVerdicts(&figures)
        reading.firstColon = tokens.firstIndex { $0.isPunct(":") }
        return figures
    }

    // MARK: - Not figures

    /// "1.", "2)", "a)", "-", "+", "•", "Chỉ tiêu 3:" at the start of the block.
    private mutating func markListMarker() {
        if reading.block.isListItem {
            reading.isListItem = true
            reading.listNumber = reading.block.listNumber
        }
        guard let first = tok(0) else { return }
        if first.kind == .punct, "-–+•*".contains(first.text) {
            reading.isListItem = true
            return
        }
        if first.kind == .number, let next = tok(1), next.kind == .punct, next.text == "." || next.text == ")",
            !next.spaceBefore, tok(2)?.spaceBefore ?? true
        {
            reading.isListItem = true
            reading.listNumber = first.value.flatMap(\.wholeIntIfFits)
            consume(0..<1)
            return
        }
        if first.kind == .punct, first.text == "(", let n = tok(1), n.kind == .number, tok(2)?.isPunct(")") == true {
            reading.isListItem = true
            reading.listNumber = n.value.flatMap(\.wholeIntIfFits)
            consume(1..<2)
            return
        }
        if first.kind == .word, first.text.count <= 4, let next = tok(1), next.isPunct(")") || next.isPunct("."),
            !next.spaceBefore, first.text.allSatisfy({ "IVXLivxabcdđefgh".contains($0) })
        {
            reading.isListItem = true
            return
        }
        if first.isWord("chỉ"), tok(1)?.isWord("tiêu") == true {
            var k = 2
            if tok(k)?.isWord("số") == true { k += 1 }
            if let n = tok(k), n.kind == .number, let v = n.value, v < 100 {
                reading.isListItem = true
                reading.listNumber = Int(v)
                consume(k..<(k + 1))
            }
        }
    }

    /// The "STT" cell of a table row is a row number, not a figure.
    private mutating func markTableNumbering() {
        guard reading.isTableRow else { return }
        let headerFirst = VietnameseText.searchKey(reading.block.header.first ?? "")
        let firstCell = reading.block.cells.first ?? ""
        let looksNumbered = ["stt", "tt", "so tt", "so thu tu"].contains(headerFirst)
        let isSmallInteger = !firstCell.isEmpty && firstCell.count <= 3 && firstCell.allSatisfy(\.isNumber)
        guard looksNumbered || isSmallInteger else { return }
        if let bar = tokens.firstIndex(where: { $0.isPunct("|") }) {
            for k in 0..<bar where tokens[k].kind == .number { consume(k..<(k + 1)) }
            if isSmallInteger { reading.listNumber = Int(firstCell) }
        }
    }

    /// A year token: four digits, so its value (never nil then) converts to `Int` without a trap,
    /// which is why the callers below may write `Int(tok(k)!.value!)` once this said true.
    private static func isYear(_ t: CheckToken?) -> Bool {
        guard let t, t.kind == .number, !t.hasThousandsDots, t.decimals == 0, t.text.count == 4, let v = t.value
        else { return false }
        return (1900...2100).contains(Int(v))
    }

    private static let romanQuarters = ["i": 1, "ii": 2, "iii": 3, "iv": 4]

    /// Words naming a span of years before its years: "nhiệm kỳ 2015–2020", "giai đoạn 2016–2020".
    private static let periodNouns: [[String]] = [["nhiệm", "kỳ"], ["giai", "đoạn"], ["thời", "kỳ"]]

    /// Period expressions; their numbers are not figures.
    private mutating func findPeriods() {
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            // "ngày 9 tháng 1 năm 2021": a date, not a period.
            if t.isWord("ngày"), let d = tok(i + 1), d.kind == .number, !d.hasThousandsDots, (d.value ?? 99) <= 31 {
                var end = i + 2
                // "ngày 24/12", "ngày 1/7/2025".
                while tok(end)?.text == "/", tok(end)?.spaceBefore == false, tok(end + 1)?.kind == .number,
                    tok(end + 1)?.spaceBefore == false
                {
                    end += 2
                }
                if tok(end)?.isWord("tháng") == true, tok(end + 1)?.kind == .number {
                    end += 2
                    if tok(end)?.isWord("năm") == true, Self.isYear(tok(end + 1)) { end += 2 }
                }
                if ["từ", "đến", "tới"].contains(reading.word(i - 1)) {
                    // "từ ngày 01/7/2025 đến ngày 30/11/2025": a span of its own.
                    addPeriod(i, end, id: "ngày " + reading.text(from: i + 1, to: end), year: nil)
                    i = end
                    continue
                }
                consume(i..<end)
                i = end
                continue
            }
            // "6 tháng đầu năm 2025", "6 tháng cuối năm", "9 tháng (đầu năm) 2025".
            if t.kind == .number, let v = t.value, v == 6 || v == 9, tok(i + 1)?.isWord("tháng") == true {
                var end = i + 2
                var tag = v == 9 ? "N9" : "S1"
                if tok(end)?.isWord("đầu") == true {
                    end += 1
                } else if tok(end)?.isWord("cuối") == true, v == 6 {
                    tag = "S2"
                    end += 1
                }
                var year: Int? = nil
                if tok(end)?.isWord("năm") == true {
                    end += 1
                    if Self.isYear(tok(end)) {
                        year = Int(tok(end)!.value!)
                        end += 1
                    }
                } else if Self.isYear(tok(end)) {
                    year = Int(tok(end)!.value!)
                    end += 1
                } else if tok(end)?.isPunct("/") == true, Self.isYear(tok(end + 1)) {
                    year = Int(tok(end + 1)!.value!)
                    end += 2
                }
                addPeriod(i, end, id: (year.map(String.init) ?? "") + tag, year: year)
                i = end
                continue
            }
            // "quý I/2025", "quý II năm 2025".
            if t.isWord("quý"), let q = tok(i + 1) {
                var quarter: Int? = nil
                if q.kind == .word { quarter = Self.romanQuarters[q.key] }
                if q.kind == .number, let n = q.value?.wholeIntIfFits, (1...4).contains(n) { quarter = n }
                if let quarter {
                    let (year, end) = yearAfter(i + 2)
                    addPeriod(i, end, id: (year.map(String.init) ?? "") + "Q\(quarter)", year: year)
                    i = end
                    continue
                }
            }
            // "tháng 3/2025", "tháng 03 năm 2025", "tháng 12".
            if t.isWord("tháng"), let m = tok(i + 1), m.kind == .number, !m.hasThousandsDots,
                let v = m.value?.wholeIntIfFits, (1...12).contains(v), m.decimals == 0
            {
                let (year, end) = yearAfter(i + 2)
                let month = String(format: "M%02d", v)
                addPeriod(i, end, id: (year.map(String.init) ?? "") + month, year: year)
                i = end
                continue
            }
            // "Số liệu đầu nhiệm kỳ: 2,6%", "năm gốc": the baseline, a period of its own.
            if t.isWord("đầu") || t.isWord("cuối"), reading.word(i + 1) == "nhiệm", reading.word(i + 2) == "kỳ" {
                addPeriod(i, i + 3, id: t.key + " nhiệm kỳ", year: nil)
                i += 3
                continue
            }
            if t.isWord("năm"), reading.word(i + 1) == "gốc" {
                addPeriod(i, i + 2, id: "năm gốc", year: nil)
                i += 2
                continue
            }
            // ISO dates "2026-01-26".
            if Self.isYear(t), tok(i + 1)?.text == "-", tok(i + 2)?.kind == .number, tok(i + 2)?.text.count == 2,
                tok(i + 3)?.text == "-", tok(i + 4)?.kind == .number
            {
                consume(i..<(i + 5))
                i += 5
                continue
            }
            if Self.isYear(t) {
                let y1 = Int(t.value!)
                var end = i + 1
                var y2: Int? = nil
                // "2021-2025", "2021 – 2025", "từ năm 2021 đến năm 2025".
                if let dash = tok(end), dash.isDash, Self.isYear(tok(end + 1)) {
                    y2 = Int(tok(end + 1)!.value!)
                    end += 2
                } else if let to = tok(end), to.isWord("đến") || to.isWord("tới") {
                    var k = end + 1
                    if tok(k)?.isWord("năm") == true { k += 1 }
                    if Self.isYear(tok(k)) {
                        y2 = Int(tok(k)!.value!)
                        end = k + 1
                    }
                }
                if let second = y2, !(second > y1 && second - y1 <= 30) { y2 = nil }
                var start = i
                if reading.word(i - 1) == "năm" { start = i - 1 }
                var kind = PeriodMention.Kind.period
                // "so với nhiệm kỳ 2015–2020", "so với giai đoạn 2016–2020": the words naming the
                // kind of period stand between the comparison and its years.
                var named = start
                for noun in Self.periodNouns where tokens.matches(noun, endingBefore: named) {
                    named -= noun.count
                    break
                }
                let before1 = reading.word(named - 1)
                let before2 = reading.word(named - 2)
                if before1 == "với" || (before1 == "kỳ" && before2 == "cùng") || before1 == "so" {
                    kind = .comparison
                } else if y2 == nil, ["đến", "tới", "trước"].contains(before1) {
                    kind = .deadline
                }
                if y2 == nil, start == i, tok(i - 1)?.isPunct("/") == true {
                    // "x/2025": a symbol's year or a month written "3/2025"; not a figure either way.
                    consume(i..<end)
                    i = end
                    continue
                }
                let id = y2.map { "\(y1)-\($0)" } ?? "\(y1)"
                addPeriod(start, end, id: id, year: y2 ?? y1, kind: kind)
                i = end
                continue
            }
            i += 1
        }
    }

    private mutating func addPeriod(
        _ start: Int, _ end: Int, id: String, year: Int?, kind: PeriodMention.Kind = .period
    ) {
        consume(start..<end)
        reading.periods.append(
            PeriodMention(start: start, end: end, id: id, kind: kind, sentence: tokens[start].sentence, year: year))
    }

    /// Dates, document symbols, ordinals, codes and durations.
    private mutating func markNonFigures() {
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            guard t.kind == .number, !reading.consumed[i] else {
                i += 1
                continue
            }
            if t.value == nil {
                consume(i..<(i + 1))
                i += 1
                continue
            }
            // Codes glued to letters: "F0", "4G", "8h30", "COVID-19", "m2".
            if let prev = tok(i - 1), !t.spaceBefore, prev.kind == .word {
                consume(i..<(i + 1))
                i += 1
                continue
            }
            if let next = tok(i + 1), !next.spaceBefore, next.kind == .word {
                consumeSymbol(from: i)
                i += 1
                continue
            }
            // Document symbols: "15-BC/ĐU", "766/QĐ-TTg", "19/2025/QĐ-TTg".
            if let sep = tok(i + 1), !sep.spaceBefore, sep.text == "-" || sep.text == "/",
                let after = tok(i + 2), !after.spaceBefore, after.kind == .word
            {
                consumeSymbol(from: i)
                continue
            }
            if let sep = tok(i - 1), !t.spaceBefore, sep.text == "-" || sep.text == "/", let before = tok(i - 2),
                !sep.spaceBefore, before.kind == .word
            {
                consumeSymbol(from: i)
                continue
            }
            if tok(i + 1)?.text == "/", tok(i + 2)?.kind == .number, tok(i + 3)?.text == "/",
                let after = tok(i + 4), after.kind == .word, !after.spaceBefore
            {
                consumeSymbol(from: i)
                continue
            }
            // Dates: "14/11", "1/7/2025", "ngày 24/12".
            if let slash = tok(i + 1), slash.text == "/", !slash.spaceBefore, let second = tok(i + 2),
                second.kind == .number, !second.spaceBefore
            {
                if tok(i + 3)?.text == "/", tok(i + 4)?.kind == .number, tok(i + 3)?.spaceBefore == false {
                    consume(i..<(i + 5))
                    i += 5
                    continue
                }
                let x = t.value ?? 0
                let y = second.value ?? 0
                let dateLike =
                    t.decimals == 0 && second.decimals == 0 && x >= 1 && x <= 31 && y >= 1 && y <= 12
                    && !t.hasThousandsDots
                let prevWord = reading.word(i - 1)
                let nextIsWord = tok(i + 3).map { $0.kind == .word } ?? false
                if dateLike && (CheckVocabulary.dateWords.contains(prevWord) || x > y || !nextIsWord) {
                    consume(i..<(i + 3))
                    i += 3
                    continue
                }
                if x > y || Self.isYear(second) {
                    consume(i..<(i + 3))
                    i += 3
                    continue
                }
                i += 3
                continue
            }
            // Numbers of documents, ordinals and names: "Nghị quyết 54", "lần thứ 2", "Phường 2".
            if isOrdinalPosition(i) {
                consume(i..<(i + 1))
                i += 1
                continue
            }
            // "Trung ương 4", "Festival 2021": a bare number right after a capitalised word inside a
            // sentence is part of a name.
            if let prev = tok(i - 1), prev.kind == .word, prev.text.first?.isUppercase == true, i >= 2,
                tok(i - 2)?.kind == .word, !isFollowedByUnit(i)
            {
                consume(i..<(i + 1))
                i += 1
                continue
            }
            // Durations, ages, times: "5 năm", "35 tuổi", "8 giờ"; ratings: "sản phẩm đạt 3 sao".
            if let next = tok(i + 1), next.kind == .word, next.spaceBefore,
                CheckVocabulary.durationWords.contains(next.key) || CheckVocabulary.ratingWords.contains(next.key)
            {
                consume(i..<(i + 1))
                i += 1
                continue
            }
            i += 1
        }
    }

    /// Consumes a symbol glued together without spaces from `i`: numbers, words, "-", "/", ".".
    private mutating func consumeSymbol(from i: Int) {
        var start = i
        while start > 0, !tokens[start].spaceBefore,
            tokens[start - 1].kind != .punct || "-/.".contains(tokens[start - 1].text)
        {
            start -= 1
        }
        var end = i + 1
        while end < tokens.count, !tokens[end].spaceBefore,
            tokens[end].kind == .word || tokens[end].kind == .number || "-/".contains(tokens[end].text)
        {
            end += 1
        }
        consume(start..<end)
    }

    private func isFollowedByUnit(_ i: Int) -> Bool {
        tokens.longestMatch(CheckVocabulary.countNouns, at: i + 1) != nil
            || tokens.longestMatch(CheckVocabulary.measureUnits.map(\.0), at: i + 1) != nil
            || tok(i + 1)?.isPunct("%") == true || tok(i + 1)?.isPunct("/") == true || tok(i + 1)?.isDash == true
    }

    private func isOrdinalPosition(_ i: Int) -> Bool {
        // "chỉ tiêu số 1, 2, 6 và 7": the rest of a list of numbers after "số".
        var k = i - 1
        while k >= 1, tokens[k].isPunct(",") || tokens[k].isWord("và"), tokens[k - 1].kind == .number,
            reading.consumed[k - 1]
        {
            k -= 2
        }
        if k < i - 1, reading.word(k) == "số" { return true }
        let prev = reading.word(i - 1)
        guard !prev.isEmpty, tokens[i].spaceBefore else { return false }
        let followedByUnit = isFollowedByUnit(i)
        if prev == "số" {
            let before = reading.word(i - 2)
            if ["tổng", "có", "với", "trong"].contains(before) || followedByUnit { return false }
            return true
        }
        if prev == "tiêu", reading.word(i - 2) == "chỉ" {
            let next = tok(i + 1)
            let small = (tokens[i].value ?? 100) < 100 && tokens[i].decimals == 0
            return small && (next == nil || next!.kind == .punct && ":.)–-".contains(next!.text) || next!.isWord("về"))
        }
        for kind in CheckVocabulary.documentKinds where tokens.matches(kind, endingBefore: i) { return true }
        if CheckVocabulary.ordinalWords.contains(prev) && !followedByUnit { return true }
        return false
    }

    // MARK: - Figures

    private static let qualifierPairs: [([String], CheckFigure.Qualifier)] = [
        (["trên", "dưới"], .about), (["ít", "nhất"], .atLeast), (["tối", "thiểu"], .atLeast),
        (["tối", "đa"], .atMost), (["không", "quá"], .atMost), (["không", "dưới"], .atLeast),
        (["chưa", "đến"], .atMost), (["chưa", "tới"], .atMost), (["xấp", "xỉ"], .about), (["trên"], .atLeast),
        (["hơn"], .atLeast), (["dưới"], .atMost), (["khoảng"], .about), (["gần"], .about), (["chừng"], .about),
        (["ngót"], .about),
    ]

    private mutating func readFigure(at i: Int, previousEnd: Int) -> CheckFigure? {
        let first = tokens[i]
        guard let v1 = first.value else { return nil }
        var j = i + 1
        var value = CheckFigure.Value.number(v1)
        var decimals = first.decimals
        var isPercent = false

        // x/y
        if let slash = tok(j), slash.text == "/", !slash.spaceBefore, let second = tok(j + 1),
            second.kind == .number, !second.spaceBefore, let v2 = second.value, !reading.consumed[j + 1]
        {
            value = .fraction(v1, v2)
            decimals = max(decimals, second.decimals)
            j += 2
        }
        if tok(j)?.isPunct("%") == true {
            isPercent = true
            j += 1
        }
        // Ranges: "14-15%", "65 - 80", "từ 10 đến 11%".
        if case .number = value {
            let rangeSecond: Int?
            if let dash = tok(j), dash.isDash, let n = tok(j + 1), n.kind == .number, !reading.consumed[j + 1],
                let v2 = n.value, v2 > v1
            {
                rangeSecond = j + 1
            } else if let to = tok(j), to.isWord("đến") || to.isWord("tới"), reading.word(i - 1) == "từ",
                let n = tok(j + 1), n.kind == .number, !reading.consumed[j + 1], let v2 = n.value, v2 > v1
            {
                rangeSecond = j + 1
            } else {
                rangeSecond = nil
            }
            if let k = rangeSecond {
                let hasPercent = tok(k + 1)?.isPunct("%") == true
                if !(isPercent && !hasPercent) {
                    // Both branches that set `rangeSecond` read this token's value first.
                    value = .range(v1, tokens[k].value!)
                    decimals = max(decimals, tokens[k].decimals)
                    j = k + 1
                    if hasPercent {
                        isPercent = true
                        j += 1
                    }
                }
            }
        }

        // Unit.
        var unit = ""
        let unitStart = j
        if isPercent {
            unit = "%"
            if tok(j)?.text == "/", tok(j)?.spaceBefore == false, tok(j + 1)?.isWord("năm") == true {
                unit = "%/năm"
                j += 2
            }
        } else if let noun = tokens.longestMatch(CheckVocabulary.countNouns, at: j),
            noun.count > (CheckVocabulary.measureUnits.first(where: { tokens.matches($0.0, at: j) })?.0.count ?? 0)
        {
            // "14 đồng chí" counts people, "14 đồng" is money: the longer reading wins.
            unit = CheckVocabulary.countNounAbbreviations[noun] ?? noun.joined(separator: " ")
            j += noun.count
        } else if let (phrase, normalized) = CheckVocabulary.measureUnits.first(where: {
            tokens.matches($0.0, at: j)
        }) {
            unit = normalized
            j += phrase.count
        } else if tok(j)?.isWord("m") == true {
            unit = "m²"
            j += 1
            if tok(j)?.text == "²" || tok(j)?.text == "2" { j += 1 }
        }
        if !isPercent, !unit.isEmpty, tok(j)?.text == "/", tok(j)?.spaceBefore == false, let w = tok(j + 1),
            w.kind == .word, !w.spaceBefore
        {
            unit += "/" + w.key
            j += 2
        }
        let unitEnd = j

        // "28 trường trên tổng số 38 trường".
        if case .number(let x) = value, reading.word(j) == "trên" || reading.word(j) == "trong",
            reading.word(j + 1) == "tổng", reading.word(j + 2) == "số", let n = tok(j + 3), n.kind == .number,
            !reading.consumed[j + 3], let whole = n.value, whole >= x
        {
            value = .fraction(x, whole)
            j += 4
            if !unit.isEmpty, let noun = tokens.longestMatch(CheckVocabulary.countNouns, at: j),
                noun.joined(separator: " ") == unit
            {
                j += noun.count
            }
        }

        // Qualifiers.
        var qualifier: CheckFigure.Qualifier? = nil
        var start = i
        for (words, q) in Self.qualifierPairs where tokens.matches(words, endingBefore: i) {
            qualifier = q
            start = i - words.count
            break
        }
        if reading.word(i - 1) == "từ", case .number = value {
            start = i - 1
            if reading.word(j) == "trở", reading.word(j + 1) == "lên" { qualifier = .atLeast }
        }
        if reading.word(j) == "trở", reading.word(j + 1) == "lên" {
            qualifier = .atLeast
            j += 2
        } else if reading.word(j) == "trở", reading.word(j + 1) == "xuống" {
            qualifier = .atMost
            j += 2
        }
        let figureEnd = j

        // Clause around the figure.
        var clauseStart = start
        var steps = 0
        while clauseStart > previousEnd, tokens[clauseStart - 1].sentence == first.sentence, steps < 24 {
            // "Tổng vốn đầu tư 3 năm (2021 - 2023) đạt 2.345 tỷ đồng": an aside in brackets does
            // not end the subject.
            if tokens[clauseStart - 1].isPunct(")"),
                let open = (previousEnd..<(clauseStart - 1)).last(where: { tokens[$0].isPunct("(") }),
                !(open..<(clauseStart - 1)).contains(where: { tokens[$0].kind == .number && !reading.consumed[$0] })
            {
                clauseStart = open
                steps += 1
                continue
            }
            // "Quỹ “Vì người nghèo” của phường vận động được 2,94 tỷ đồng": a quoted name after a
            // word is part of the subject, so the fund, the movement or the title it names is kept.
            if let open = quotedNameStart(closingAt: clauseStart - 1, after: previousEnd) {
                clauseStart = open
                steps += 1
                continue
            }
            if reading.isBoundary(clauseStart - 1) { break }
            clauseStart -= 1
            steps += 1
        }
        var labelStart = clauseStart
        // "Chỉ tiêu Nghị quyết: giảm còn dưới 13%": only verbs between the colon and the number.
        let onlyVerbs = (clauseStart..<start).allSatisfy {
            tokens[$0].kind == .word && CheckVocabulary.stopwords.contains(tokens[$0].key)
        }
        if onlyVerbs, clauseStart >= 2, tokens[clauseStart - 1].isPunct(":") {
            // "Thu ngân sách: 366,3 tỷ đồng": the label before the colon names the figure.
            labelStart = clauseStart - 1
            var steps = 0
            while labelStart > previousEnd, !reading.isBoundary(labelStart - 1),
                tokens[labelStart - 1].sentence == first.sentence, steps < 12
            {
                labelStart -= 1
                steps += 1
            }
        }
        var clauseEnd = figureEnd
        steps = 0
        while clauseEnd < tokens.count, !reading.isBoundary(clauseEnd), tokens[clauseEnd].sentence == first.sentence,
            steps < 20
        {
            let t = tokens[clauseEnd]
            if t.kind == .number, !reading.consumed[clauseEnd], t.value != nil { break }
            // "… 200 tỷ đồng và chi ngân sách đạt 180 tỷ đồng": what follows "và" with its own verb
            // describes the next figure.
            if t.isWord("và") || t.isWord("còn") || t.isWord("hoặc"), nextClauseHasVerb(after: clauseEnd) { break }
            if tokens.longestMatch(CheckVocabulary.relativeFollowers, at: clauseEnd) != nil, clauseEnd == figureEnd {
                break
            }
            clauseEnd += 1
            steps += 1
        }

        // Keywords: content words of the subject and the unit.
        var keywords = Set<String>()
        var markerTokens = Set<Int>()
        for k in labelStart..<clauseEnd {
            if let marker = tokens.longestMatch(CheckVocabulary.planMarkers, at: k), k < i,
                !CheckVocabulary.isProgrammeName(tokens, markerAt: k, length: marker.count)
            {
                for m in k..<(k + marker.count) { markerTokens.insert(m) }
            }
        }
        for k in labelStart..<clauseEnd where !(start..<unitStart).contains(k) && !(unitEnd..<figureEnd).contains(k) {
            let t = tokens[k]
            // "mức độ 2", "cấp độ 2": the level is read as an ordinal, yet it narrows what is counted
            // ("05/06 trường đạt chuẩn quốc gia, trong đó 02 trường đạt chuẩn quốc gia mức độ 2").
            if t.kind == .number, reading.consumed[k], let level = t.value, reading.word(k - 1) == "độ" {
                keywords.insert(CheckVocabulary.levelPrefix + (level.wholeIntIfFits.map(String.init) ?? "\(level)"))
                continue
            }
            guard t.kind == .word, !reading.consumed[k], !markerTokens.contains(k) else { continue }
            if CheckVocabulary.stopwords.contains(t.key) { continue }
            // "trong nhiệm kỳ" dates the figure (the report's own term), it names nothing counted.
            if tokens.matches(["nhiệm", "kỳ"], at: k) || tokens.matches(["nhiệm", "kỳ"], at: k - 1) { continue }
            keywords.insert(CheckVocabulary.synonym(of: t.key, after: reading.word(k - 1)))
        }
        for k in unitStart..<unitEnd where tokens[k].kind == .word { keywords.insert(tokens[k].key) }
        // "14 trường công lập đạt chuẩn quốc gia" counts fewer schools than "17 trường công lập":
        // the phrase restricts what is counted (see ``CheckVocabulary/restrictive``).
        keywords.formUnion(CheckVocabulary.phraseKeywords(tokens, labelStart..<clauseEnd))

        // Role.
        let role = self.role(
            figureStart: start, numberStart: i, figureEnd: figureEnd, clauseStart: labelStart, isPercent: isPercent,
            unit: unit, markerTokens: markerTokens)
        let roleWithoutDeadline = self.role(
            figureStart: start, numberStart: i, figureEnd: figureEnd, clauseStart: labelStart, isPercent: isPercent,
            unit: unit, markerTokens: markerTokens, ignoringDeadline: true)

        // Period.
        let (period, labelled, explicit, strength) = self.period(
            numberStart: start, figureEnd: figureEnd, clauseStart: labelStart, clauseEnd: clauseEnd,
            sentence: first.sentence)

        let before = (labelStart..<start).map { reading.word($0) }
        let isAverage = zip(before, before.dropFirst()).contains {
            ($0 == "bình" && $1 == "quân") || ($0 == "trung" && $1 == "bình")
        }
        let isTotal =
            before.contains("tổng") || before.contains("cộng")
            || zip(before, before.dropFirst()).contains {
                $0 == "lũy" && $1 == "kế"
            }

        let sentence = first.sentence
        let footnotes = tokens.filter { $0.sentence == sentence && $0.kind == .footnoteRef }.compactMap(\.footnote)
        var figure = CheckFigure(
            location: reading.block.location, text: reading.text(from: start, to: figureEnd), value: value,
            decimals: decimals, isPercent: isPercent, unit: unit, qualifier: qualifier, role: role, period: period,
            subject: subjectText(labelStart, start, unitStart, unitEnd, figureEnd, clauseEnd), footnotes: footnotes,
            sentence: reading.sentenceText(sentence))
        figure.blockIndex = reading.index
        figure.sentenceIndex = sentence
        figure.tokenStart = start
        figure.tokenEnd = figureEnd
        figure.clauseStart = labelStart
        figure.clauseEnd = clauseEnd
        figure.keywords = keywords
        figure.hasLabelPeriod = labelled
        figure.periodIsExplicit = explicit
        figure.periodStrength = strength
        figure.deadline =
            reading.periods.last {
                $0.kind == .deadline && $0.sentence == sentence && $0.end <= start
            }?.year
        let sentenceRange = reading.sentenceRange(sentence)
        if let leadEnd = sentenceRange.first(where: { tokens[$0].isPunct(";") }), leadEnd < labelStart {
            figure.leadWords = contentWords(sentenceRange.lowerBound, leadEnd)
            figure.leadPhrases = contentPairs(sentenceRange.lowerBound, leadEnd)
            // "Tai nạn giao thông được kiềm chế; năm 2026 xảy ra 09 vụ": a clause that names nothing
            // but its unit and a verb is about the lead of its sentence.
            let unitWords = Set(unit.split(whereSeparator: { $0 == " " || $0 == "/" }).map(String.init))
            if keywords.subtracting(unitWords).count <= 1 { figure.attachedWords.formUnion(figure.leadWords) }
        }
        if reading.word(labelStart) == "với", reading.word(labelStart - 1) != "so" {
            figure.attachedWords.formUnion(contentWords(sentenceRange.lowerBound, labelStart))
        }
        figure.isAverage = isAverage
        figure.isTotal = isTotal
        figure.isPlanByDeadlineOnly = role == .plan && roleWithoutDeadline == .actual
        // "Tổng chiều dài kênh mương do xã quản lý là 41,5 km, đã kiên cố hóa 35,2 km": a clause that
        // opens with a verb after a comma has no subject of its own; it goes on about what the
        // sentence named before it (the canals the commune manages, not those of the term).
        if labelStart > sentenceRange.lowerBound, tokens[labelStart - 1].isPunct(","),
            Self.subjectlessOpenings.contains(reading.word(labelStart))
        {
            figure.attachedWords.formUnion(contentWords(sentenceRange.lowerBound, labelStart - 1))
        }
        figure.body = body(
            numberStart: start, unit: unitStart..<unitEnd, figureEnd: figureEnd, clauseStart: labelStart,
            sentence: sentenceRange)
        // "Cây vải là cây lâu năm trọng điểm của tỉnh, diện tích ước đạt 8.880 ha": a clause after a
        // comma that names little but its unit is about what the sentence named before it.
        let unitKeys = Set(unit.split(whereSeparator: { $0 == " " || $0 == "/" }).map(String.init))
        if keywords.subtracting(unitKeys).count <= 2, labelStart > sentenceRange.lowerBound,
            tokens[labelStart - 1].isPunct(",")
        {
            figure.attachedWords.formUnion(contentWords(sentenceRange.lowerBound, labelStart - 1))
        }
        // "… 22.598 ha …; trong đó, diện tích trồng cây ăn quả 21.695 ha": a part of what the
        // sentence named before "trong đó", not a figure of its own subject.
        if let split = (sentenceRange.lowerBound..<max(sentenceRange.lowerBound, labelStart)).last(where: {
            tokens.matches(["trong", "đó"], at: $0) || tokens.matches(["trong", "số", "đó"], at: $0)
        }) {
            figure.isBreakdownPart = true
            figure.attachedWords.formUnion(contentWords(sentenceRange.lowerBound, split))
        }
        // "Không tính số thu từ tiền sử dụng đất … thì thu nội địa thực hiện 11.104 tỷ đồng": a figure
        // of a sentence that leaves something out is not the whole it is named after.
        if (sentenceRange.lowerBound..<start).contains(where: {
            tokens.longestMatch(CheckVocabulary.exclusionPhrases, at: $0) != nil
        }) {
            figure.keywords.insert(CheckVocabulary.excludingKeyword)
        }
        // Only the words the text uses for a plan make it one a verdict elsewhere can be judged by.
        if role == .plan {
            figure.isCalledPlan =
                (labelStart..<start).contains { tokens.longestMatch(CheckVocabulary.calledPlanMarkers, at: $0) != nil }
                || planLabelColon(from: sentenceRange.lowerBound).map { $0 < start } == true
        }
        return figure
    }

    /// The body a figure is about (see ``CheckFigure/body``): the nearest named before it in its
    /// clause ("Thị ủy kiểm tra 12 tổ chức đảng"), else one right after it ("8,8% số TCCSĐ"), else
    /// the nearest before it in its sentence ("… 90,33% số đảng viên …; 9,1% hoàn thành nhiệm vụ").
    /// A count's own unit ("12 tổ chức đảng") is what it counts, not its body.
    private func body(numberStart: Int, unit: Range<Int>, figureEnd: Int, clauseStart: Int, sentence: Range<Int>)
        -> String?
    {
        func named(at k: Int) -> ([String], String)? {
            CheckVocabulary.bodies.filter { tokens.matches($0.0, at: k) }.max { $0.0.count < $1.0.count }
        }
        func lastBefore(_ from: Int, _ to: Int) -> String? {
            var k = to - 1
            while k >= from {
                if let (words, name) = named(at: k), k + words.count <= to { return name }
                k -= 1
            }
            return nil
        }
        if let name = lastBefore(max(clauseStart, sentence.lowerBound), numberStart) { return name }
        var k = unit.isEmpty ? figureEnd : max(figureEnd, unit.upperBound)
        if reading.word(k) == "số" { k += 1 }
        if k < tokens.count, tokens[k].sentence == tokens[numberStart].sentence, let (_, name) = named(at: k) {
            return name
        }
        return lastBefore(sentence.lowerBound, numberStart)
    }

    /// The keys of the words in [from, to) that may name what is counted (not stopwords, not
    /// dates or periods).
    private func contentWords(_ from: Int, _ to: Int) -> Set<String> {
        var words = Set<String>()
        let lower = max(0, from)
        let upper = min(to, tokens.count)
        guard lower < upper else { return words }
        for k in lower..<upper
        where tokens[k].kind == .word && !reading.consumed[k] && !CheckVocabulary.stopwords.contains(tokens[k].key) {
            words.insert(tokens[k].key)
        }
        return words
    }

    /// Pairs of content words next to each other in [from, to) (stopwords between them skipped, not
    /// across punctuation): "ủy ban", "ban kiểm", "kiểm tra" for "Ủy ban Kiểm tra", which tell names
    /// made of the same words apart ("Ban Thường vụ Đảng ủy đã kiểm tra" has "ban thường", not "ủy ban").
    private func contentPairs(_ from: Int, _ to: Int) -> Set<String> {
        var pairs = Set<String>()
        var previous: String? = nil
        let lower = max(0, from)
        let upper = min(to, tokens.count)
        guard lower < upper else { return pairs }
        for k in lower..<upper {
            let t = tokens[k]
            if t.kind == .word, !reading.consumed[k] {
                if CheckVocabulary.stopwords.contains(t.key) { continue }
                if let previous { pairs.insert(previous + " " + t.key) }
                previous = t.key
            } else {
                previous = nil
            }
        }
        return pairs
    }

    /// The opening quotation mark of a quoted name whose closing mark is at `close`: “…” (or "…")
    /// right after a word ("Quỹ “Đền ơn đáp nghĩa”", "danh hiệu “Tổ dân phố văn hóa”"), holding
    /// words only, within a few tokens.
    private func quotedNameStart(closingAt close: Int, after lowerBound: Int) -> Int? {
        guard close > lowerBound, tokens[close].kind == .punct, tokens[close].text == "”" || tokens[close].text == "\""
        else { return nil }
        let opening = tokens[close].text == "”" ? "“" : "\""
        var k = close - 1
        while k > lowerBound, close - k <= 10 {
            let t = tokens[k]
            if t.isPunct(opening) {
                guard k > lowerBound, tokens[k - 1].kind == .word, k < close - 1 else { return nil }
                return k
            }
            guard t.kind == .word || t.isDash || t.isPunct(",") else { return nil }
            k -= 1
        }
        return nil
    }

    /// Words that open a clause without a subject of its own: "…, đã kiên cố hóa 35,2 km".
    private static let subjectlessOpenings: Set<String> = ["đã", "được", "đang"]

    private static let clauseVerbs: Set<String> = [
        "đạt", "là", "có", "được", "ước", "còn", "chiếm", "tăng", "giảm", "thu", "chi", "kết", "giải",
    ]

    /// Whether the words after `index`, up to the next number or clause end, hold a verb of their own.
    private func nextClauseHasVerb(after index: Int) -> Bool {
        var k = index + 1
        while k < tokens.count, !reading.isBoundary(k) {
            let t = tokens[k]
            if t.kind == .number, !reading.consumed[k], t.value != nil { return false }
            if t.kind == .word, Self.clauseVerbs.contains(t.key) { return true }
            k += 1
        }
        return false
    }

    /// The words around a figure that say what it counts, without the number: "tổng thu ngân sách
    /// của phường ước đạt tỷ đồng" → shown as the finding's subject.
    private func subjectText(
        _ clauseStart: Int, _ start: Int, _ unitStart: Int, _ unitEnd: Int, _ figureEnd: Int, _ clauseEnd: Int
    ) -> String {
        func words(_ from: Int, _ to: Int) -> String {
            guard from < to else { return "" }
            // The text as written, without footnote marks.
            var text = ""
            var last = tokens[from].start
            for k in from..<to where tokens[k].kind == .footnoteRef {
                text += String(reading.characters[last..<tokens[k].start])
                last = tokens[k].end
            }
            text += String(reading.characters[last..<tokens[to - 1].end])
            return text
        }
        // The verbs before the number ("ước đạt", "còn") and a measure unit ("tỷ đồng") say nothing
        // of what is counted; a count noun ("đảng viên") does.
        var beforeEnd = start
        let verbs: Set<String> = [
            "ước", "đạt", "là", "có", "được", "đã", "còn", "lên", "xuống", "chiếm", "bằng", "với", "và", "tăng",
            "giảm", "khoảng",
        ]
        while beforeEnd > clauseStart, verbs.contains(tokens[beforeEnd - 1].key) { beforeEnd -= 1 }
        let unitWords = tokens[unitStart..<unitEnd].map(\.key)
        let isCountNoun = CheckVocabulary.countNouns.contains(unitWords)
        let parts = [
            words(clauseStart, beforeEnd), isCountNoun ? reading.text(from: unitStart, to: unitEnd) : "",
            words(figureEnd, clauseEnd),
        ]
        return VietnameseText.normalizedName(parts.filter { !$0.isEmpty }.joined(separator: " "))
    }

    private static let sentencePlanMarkers: [[String]] = [
        ["phấn", "đấu"], ["mục", "tiêu"], ["dự", "kiến"], ["kế", "hoạch", "năm"], ["chỉ", "tiêu", "năm"],
        ["định", "hướng"],
    ]

    /// Words a plan label is made of: "Chỉ tiêu Nghị quyết", "Kế hoạch năm 2025", "Mục tiêu đề ra".
    private static let planLabelWords: Set<String> = [
        "chỉ", "tiêu", "kế", "hoạch", "kh", "mục", "nghị", "quyết", "nq", "đề", "ra", "giao", "năm", "đại", "hội",
    ]

    /// "Chỉ tiêu Nghị quyết: tỷ lệ tổ dân phố đạt danh hiệu … từ 90% trở lên": a sentence that opens
    /// with a plan label and a colon states the plan, however many subject words come before its
    /// figures (the colon of "Chỉ tiêu 3:" numbers an item and is not such a label). The colon's index.
    private func planLabelColon(from first: Int) -> Int? {
        guard first < tokens.count, tokens.longestMatch(Self.labelPlanMarkers, at: first) != nil else { return nil }
        var k = first
        while k < tokens.count, k - first <= 6 {
            let t = tokens[k]
            if t.isPunct(":") { return k > first ? k : nil }
            let inPeriod = reading.periods.contains { $0.start <= k && k < $0.end }
            guard (t.kind == .word && Self.planLabelWords.contains(t.key)) || inPeriod else { return nil }
            k += 1
        }
        return nil
    }

    private static let labelPlanMarkers: [[String]] = [["chỉ", "tiêu"], ["kế", "hoạch"], ["kh"], ["mục", "tiêu"]]

    /// "Kế hoạch: 200 tỷ đồng, thực hiện 215,6 tỷ đồng", "…; kết quả: …", "ước đạt", "đã đạt", or a
    /// second colon ("Chỉ tiêu: thu ngân sách 200 tỷ đồng: đạt 215,6 tỷ đồng"): where a plan label's
    /// sentence turns to results.
    private func isResultWord(at k: Int) -> Bool {
        if tokens[k].isPunct(":") { return true }
        let w = reading.word(k)
        let next = reading.word(k + 1)
        return (w == "kết" && next == "quả") || (w == "thực" && next == "hiện") || w == "ước" || w == "đã"
    }

    private func role(
        figureStart: Int, numberStart: Int, figureEnd: Int, clauseStart: Int, isPercent: Bool, unit: String,
        markerTokens: Set<Int>, ignoringDeadline: Bool = false
    ) -> CheckFigure.Role {
        // "tăng 12% so với năm 2024" is a change, "105% kế hoạch", "98% so với cùng kỳ" a share.
        if isPercent, unit == "%", ["tăng", "giảm"].contains(reading.word(figureStart - 1)) { return .change }
        if isPercent, unit == "%" {
            if tokens.longestMatch(CheckVocabulary.relativeFollowers, at: figureEnd) != nil { return .relative }
            if reading.word(figureStart - 1) == "bằng" { return .relative }
        }
        // "dự báo đến năm 2030 đạt 9,6%/năm": a projection, neither result nor plan.
        if (clauseStart..<figureStart).contains(where: { reading.word($0) == "dự" && reading.word($0 + 1) == "báo" }) {
            return .forecast
        }
        // Plan markers in the clause before the figure, or a deadline ("đến năm 2030").
        let ambiguous: Set<String> = ["giao", "cần", "phải", "sẽ", "kh", "nq", "yêu"]
        for k in markerTokens.sorted() where k < figureStart {
            if ambiguous.contains(tokens[k].key) {
                if figureStart - k <= 3 { return .plan }
            } else {
                return .plan
            }
        }
        // "Phấn đấu …", "Mục tiêu …", "Dự kiến …" at the start of a sentence: every figure of it.
        let sentenceStart = reading.sentenceRange(tokens[numberStart].sentence).lowerBound
        var first = sentenceStart
        while first < tokens.count, tokens[first].kind != .word { first += 1 }
        if first < figureStart, tokens.longestMatch(Self.sentencePlanMarkers, at: first) != nil { return .plan }
        if let label = planLabelColon(from: first), label < figureStart,
            !((label + 1)..<figureStart).contains(where: { isResultWord(at: $0) })
        {
            return .plan
        }
        if !ignoringDeadline,
            let deadline = reading.periods.first(where: {
                $0.kind == .deadline && $0.sentence == tokens[numberStart].sentence && $0.end <= figureStart
            }), !(deadline.end..<figureStart).contains(where: { reading.word($0) == "đã" })
        {
            return .plan
        }
        // Changes: "tăng 12%", "giảm 5 vụ so với năm 2024".
        var k = figureStart - 1
        while k >= 0, ["thêm", "được", "khoảng", "gần", "hơn", "trên"].contains(reading.word(k)) { k -= 1 }
        let verb = reading.word(k)
        if (verb == "tăng" || verb == "giảm") && unit != "%/năm" {
            return .change
        }
        if reading.word(figureEnd) == "so",
            reading.word(figureEnd + 1) == "với" || reading.word(figureEnd + 1) == "cùng"
        {
            return isPercent ? .relative : .change
        }
        return .actual
    }

    /// The figure's period: a label right before it ("năm 2022: 65"), else the nearest period
    /// expression before it in its clause, else one after it in its clause, else the nearest before
    /// it in its sentence, else one after it in its sentence (before a ";"), else the nearest before
    /// it in the block.
    private func period(numberStart: Int, figureEnd: Int, clauseStart: Int, clauseEnd: Int, sentence: Int) -> (
        String?, Bool, Bool, Int
    ) {
        let periods = reading.periods.filter { $0.kind == .period }
        if numberStart >= 2, tokens[numberStart - 1].isPunct(":"),
            let label = periods.first(where: { $0.end == numberStart - 1 })
        {
            return (label.id, true, true, 3)
        }
        if let before = periods.last(where: { $0.start >= clauseStart && $0.end <= numberStart }) {
            return (before.id, false, true, 2)
        }
        // "Hiện nay … mới đạt 66,7%, vì vậy cần … trong năm 2026", "trong nhiệm kỳ đạt 312,6 tỷ
        // đồng" after "năm 2025" in an earlier sentence: the clause dates its figure as the report's
        // own time, so no other year of the sentence or block is its period.
        if (clauseStart..<numberStart).contains(where: { k in
            Self.presentWords.contains { tokens.matches($0, at: k) }
                || (tokens.matches(["nhiệm", "kỳ"], at: k) && !reading.periods.contains { $0.start == k + 2 })
        }) {
            return (nil, false, false, 0)
        }
        if let after = periods.first(where: { $0.start >= figureEnd && $0.start <= clauseEnd }) {
            return (after.id, false, true, 2)
        }
        if let before = periods.last(where: { $0.sentence == sentence && $0.end <= numberStart }) {
            return (before.id, false, true, 2)
        }
        if let after = periods.first(where: {
            $0.sentence == sentence && $0.start >= figureEnd
                && !(figureEnd..<$0.start).contains { tokens[$0].isPunct(";") }
        }) {
            return (after.id, false, true, 2)
        }
        if let earlier = periods.last(where: { $0.end <= numberStart }) {
            return (earlier.id, false, true, 1)
        }
        return (nil, false, false, 0)
    }

    /// Words that date a figure as the time the report is written: "hiện nay", "đến nay".
    private static let presentWords: [[String]] = [["hiện", "nay"], ["đến", "nay"]]

    /// "03 Chi bộ và 25 Đảng viên … hoàn thành xuất sắc nhiệm vụ": a figure followed only by "và"
    /// or "," and another figure shares that figure's description.
    private func inheritCoordinatedSubjects(_ figures: inout [CheckFigure]) {
        guard figures.count >= 2 else { return }
        for index in stride(from: figures.count - 2, through: 0, by: -1) {
            let f = figures[index]
            let next = figures[index + 1]
            guard next.sentenceIndex == f.sentenceIndex, f.clauseEnd <= next.tokenStart else { continue }
            let between = (f.tokenEnd..<next.tokenStart).map { tokens[$0] }
            let onlyJoins = between.allSatisfy { $0.isWord("và") || $0.isPunct(",") || $0.isWord("hoặc") }
            guard onlyJoins, !between.isEmpty, !f.unit.isEmpty, !f.isPercent, !next.unit.isEmpty, !next.isPercent
            else { continue }
            let ownAfter = (f.tokenEnd..<f.clauseEnd).contains {
                tokens[$0].kind == .word && !CheckVocabulary.stopwords.contains(tokens[$0].key)
            }
            guard !ownAfter else { continue }
            // The words after the next figure's unit describe both.
            var inherited = Set<String>()
            for k in next.tokenEnd..<next.clauseEnd where tokens[k].kind == .word && !reading.consumed[k] {
                let key = tokens[k].key
                if !CheckVocabulary.stopwords.contains(key) { inherited.insert(key) }
            }
            figures[index].keywords.formUnion(inherited)
            if figures[index].period == nil || !figures[index].periodIsExplicit {
                figures[index].period = next.period
                figures[index].periodIsExplicit = next.periodIsExplicit
                figures[index].periodStrength = next.periodStrength
            }
            figures[index].clauseEnd = max(figures[index].clauseEnd, next.clauseEnd)
            figures[index].subject = reading.text(from: f.clauseStart, to: next.clauseEnd)
        }
    }

    /// "05 tổ chức hoàn thành nhiệm vụ; tỷ lệ hoàn thành tốt nhiệm vụ trở lên đạt 89,13%": a
    /// percentage whose clause does not name what it is a share of is a share of the things counted
    /// just before it in its sentence, so it is tied to their count noun (then the share of party
    /// organisations and the share of party members of the next paragraph are not one subject).
    private func inheritCountedThings(_ figures: inout [CheckFigure]) {
        for index in figures.indices where figures[index].isPercent && figures[index].unit == "%" {
            let f = figures[index]
            guard
                let counted = figures[..<index].last(where: {
                    $0.sentenceIndex == f.sentenceIndex && !$0.isPercent
                        && CheckVocabulary.countNouns.contains($0.unit.split(separator: " ").map(String.init))
                })
            else { continue }
            let noun = Set(counted.unit.split(separator: " ").map(String.init))
            // Only to tell subjects apart, not to make a bare "đạt 98,88%" a subject of its own.
            if noun.isDisjoint(with: f.keywords) { figures[index].attachedWords.formUnion(noun) }
        }
    }

    // MARK: - Tables

    /// In a table, a cell's figure takes its role and period from the column header, its unit from
    /// an "ĐVT" column, and its subject from the row's name cell.
    private func applyTableHeader(_ figures: inout [CheckFigure]) {
        let header = reading.block.header
        let cells = reading.block.cells
        guard !header.isEmpty else { return }
        let headerKeys = header.map(VietnameseText.searchKey)
        let unitColumn = headerKeys.firstIndex { ["dvt", "don vi tinh", "don vi"].contains($0) }
        let nameColumn =
            headerKeys.firstIndex {
                $0.contains("chi tieu") || $0.contains("noi dung") || $0.hasPrefix("ten") || $0.contains("danh muc")
            }
            ?? cells.indices.first { index in
                cells[index].contains(where: \.isLetter)
                    && !(headerKeys[auditSafe: index].map(Self.isNumberingHeader) ?? false)
            }
        let unitText = unitColumn.flatMap { cells[auditSafe: $0] }.map { $0.lowercased() }
        var nameKeywords = Set<String>()
        if let nameColumn, let name = cells[auditSafe: nameColumn] {
            let nameTokens = CheckTokenizer.tokens(name)
            for token in nameTokens where token.kind == .word {
                if !CheckVocabulary.stopwords.contains(token.key) { nameKeywords.insert(token.key) }
            }
            nameKeywords.formUnion(CheckVocabulary.phraseKeywords(nameTokens, 0..<nameTokens.count))
        }
        for index in figures.indices {
            let cell = reading.cellIndex(of: figures[index].tokenStart)
            if cell == nameColumn {
                // The target's wording in the name cell states its plan ("… đạt trên 98%").
                if figures[index].role == .actual { figures[index].role = .plan }
                if figures[index].role == .plan { figures[index].isCalledPlan = true }
                continue
            }
            let columnHeader = headerKeys[auditSafe: cell] ?? ""
            if columnHeader.contains("ke hoach") || columnHeader.hasPrefix("kh") || columnHeader.contains("muc tieu")
                || columnHeader.hasPrefix("chi tieu") || columnHeader.contains("nghi quyet")
                || columnHeader.hasPrefix("nq")
            {
                figures[index].role = .plan
                figures[index].isCalledPlan = true
            } else if columnHeader.contains("so sanh") || columnHeader.contains("so voi") {
                figures[index].role = .relative
            } else if Self.isResultHeader(columnHeader) {
                // A row is read as one sentence, so the wording in its name cell ("… đến năm 2030
                // đạt trên 150 triệu đồng") would make every later cell a plan with that deadline;
                // a result column's figure is a result of its column's period.
                if figures[index].role == .plan { figures[index].role = .actual }
                figures[index].deadline = nil
            }
            if let period = Self.periodID(inHeader: header[auditSafe: cell] ?? "") {
                figures[index].period = period
                figures[index].periodIsExplicit = true
                figures[index].periodStrength = 1
            }
            if figures[index].unit.isEmpty, let unitText, !unitText.isEmpty {
                if unitText == "%" {
                    figures[index].unit = "%"
                    figures[index].isPercent = true
                } else {
                    figures[index].unit =
                        CheckVocabulary.measureUnits.first { $0.0.joined(separator: " ") == unitText }?.1 ?? unitText
                }
            }
            if figures[index].unit.isEmpty, !figures[index].isPercent, let nameColumn,
                let name = cells[auditSafe: nameColumn]
            {
                // No unit column: "Số đảng viên mới được kết nạp" counts đảng viên, "Tỷ lệ …" is a %.
                let nameTokens = CheckTokenizer.tokens(name).filter { $0.kind == .word }
                if nameTokens.first?.key == "tỷ", nameTokens.dropFirst().first?.key == "lệ" {
                    figures[index].unit = "%"
                    figures[index].isPercent = true
                } else if let noun = (0..<nameTokens.count).lazy.compactMap({
                    nameTokens.longestMatch(CheckVocabulary.countNouns, at: $0)
                }).first {
                    figures[index].unit = noun.joined(separator: " ")
                }
            }
            figures[index].keywords.formUnion(nameKeywords)
            if let nameColumn, let name = cells[auditSafe: nameColumn] { figures[index].subject = name }
        }
    }

    /// "Thực hiện năm 2025", "Ước thực hiện năm 2027", "Kết quả", "Năm 2026": a column of results.
    private static func isResultHeader(_ key: String) -> Bool {
        key.contains("thuc hien") || key.contains("ket qua") || key.hasPrefix("uoc") || key.hasPrefix("nam ")
            || key.hasPrefix("so lieu")
    }

    private static func isNumberingHeader(_ key: String) -> Bool {
        ["stt", "tt", "so tt", "so thu tu"].contains(key)
    }

    /// "Năm 2025", "Thực hiện 2025", "Kế hoạch 6 tháng đầu năm 2025": the header's period id.
    static func periodID(inHeader text: String) -> String? {
        var reader = BlockReader(
            reading: BlockReading(block: CheckBlock(location: .paragraph(0), text: text), index: 0))
        reader.findPeriods()
        return reader.reading.periods.first { $0.kind == .period }?.id
    }

    // MARK: - Verdicts

    /// Words that may describe the targets of a count before its verdict: "chỉ tiêu chủ yếu",
    /// "chỉ tiêu chính", "chỉ tiêu còn lại".
    private static let targetDescriptors: [[String]] = [
        ["chủ", "yếu"], ["chính"], ["còn", "lại"], ["quan", "trọng"], ["trọng", "tâm"],
    ]

    /// The index after the descriptors ("chủ yếu") that follow a count of targets ending at `end`.
    private func targetDescriptorEnd(from end: Int) -> Int {
        var k = end
        while let d = tokens.longestMatch(Self.targetDescriptors, at: k) { k += d.count }
        return k
    }

    private mutating func findVerdicts(_ figures: inout [CheckFigure]) {
        var i = 0
        let intentions: Set<String> = ["nếu", "để", "cần", "phải", "nhằm", "phấn", "đấu", "bảo", "đảm", "mong", "muốn"]
        while i < tokens.count {
            guard tokens[i].kind == .word, !reading.consumed[i],
                let (phrase, word) = CheckVocabulary.verdictPhrases.first(where: { tokens.matches($0.0, at: i) })
            else {
                i += 1
                continue
            }
            var end = i + phrase.count
            var accepted = false
            var isHoanThanh = phrase.first == "hoàn" || phrase.last == "thành"
            if let object = tokens.longestMatch(CheckVocabulary.verdictObjects, at: end) {
                accepted = true
                isHoanThanh = false
                end += object.count
                // "đạt chỉ tiêu Nghị quyết", "vượt kế hoạch đề ra".
                if let more = tokens.longestMatch([["nghị", "quyết"], ["nq"], ["đề", "ra"], ["năm"]], at: end) {
                    end += more.count
                }
                if let next = tok(end), next.kind == .number, !reading.consumed[end] { accepted = false }
            } else if reading.isBoundary(end) || end >= tokens.count {
                // Standing alone in its clause: "(đạt)", ", đạt.", "Đánh giá: đạt", "| Vượt |".
                var k = i - 1
                while k >= 0, ["đánh", "giá", "kết", "quả", "là", "được", "ước", "thì"].contains(reading.word(k)) {
                    k -= 1
                }
                accepted = reading.isBoundary(k) || (k >= 0 && tokens[k].text == "→") || k < 0
                // "05 chỉ tiêu chưa đạt;", "Còn 03/15 chỉ tiêu chủ yếu chưa đạt,": the category of a
                // summary count.
                if figures.contains(where: { $0.unit == "chỉ tiêu" && targetDescriptorEnd(from: $0.tokenEnd) == i }) {
                    accepted = true
                }
                if isHoanThanh && !reading.isTableRow { accepted = false }
            } else if word == .exceeded, let n = tok(end), n.kind == .number, tok(end + 1)?.isPunct("%") == true,
                tokens.longestMatch(CheckVocabulary.relativeFollowers, at: end + 2) != nil
            {
                // "vượt 5% kế hoạch".
                accepted = true
                end += 2
            }
            // "Chỉ tiêu này chưa đạt.", "chỉ tiêu này chưa đạt do …": the target item's own verdict,
            // whatever explains it afterwards.
            if !accepted, tokens.matches(["chỉ", "tiêu", "này"], endingBefore: i) { accepted = true }
            if accepted, intentions.contains(reading.word(i - 1)) || intentions.contains(reading.word(i - 2)) {
                accepted = false
            }
            if accepted {
                let counted = figures.lastIndex {
                    $0.unit == "chỉ tiêu" && $0.tokenEnd <= i && $0.sentenceIndex == tokens[i].sentence
                        && !(($0.tokenEnd..<i).contains { k in reading.isBoundary(k) })
                }
                let isSummary = counted != nil
                // "Số thôn đạt chuẩn … đến năm 2025 là 04 thôn, chưa đạt chỉ tiêu": a figure judged
                // against its target is the result by that date, not a target for it.
                if !isSummary,
                    let judged = figures.lastIndex(where: {
                        $0.sentenceIndex == tokens[i].sentence && $0.tokenEnd <= i
                    }), figures[judged].isPlanByDeadlineOnly
                {
                    figures[judged].role = .actual
                }
                if let counted {
                    // "07 chỉ tiêu đạt" and "02 chỉ tiêu gần đạt" count different things.
                    figures[counted].keywords.insert("#\(word)")
                }
                reading.verdicts.append(
                    VerdictMention(
                        blockIndex: reading.index, start: i, end: end, word: word, sentence: tokens[i].sentence,
                        isSummary: isSummary, text: reading.text(from: i, to: end)))
                i = end
                continue
            }
            i += 1
        }
    }
}

extension Array {
    /// The element at `index`, nil when out of range.
    subscript(auditSafe index: Int) -> Element? {
        index >= 0 && index < count ? self[index] : nil
    }
}
