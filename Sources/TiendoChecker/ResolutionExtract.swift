import Foundation
import TiendoCore

/// A target proposed from a resolution's text (`tiendo resolution extract`, issue 24 item 1): what
/// the sentence measures, the condition, the deadline, the unit, and the sentence it came from.
public struct ExtractedTarget: Hashable, Sendable {
    /// How a condition bounds the result, as docs/resolution-yaml.md section 6 writes it.
    public enum ConditionKind: String, Hashable, Sendable {
        /// `toi_thieu` (written "từ … trở lên", "ít nhất", "đạt …" for a rate).
        case atLeast = "toi_thieu"
        /// `tren` ("trên x"): the same as `toi_thieu`.
        case above = "tren"
        /// `toi_da` ("không quá", "giảm còn", a decrease per year).
        case atMost = "toi_da"
        /// `duoi` ("dưới x"): the same as `toi_da`.
        case below = "duoi"
        /// `tu`, `den` (a range).
        case range = "tu_den"
        /// `ke_hoach` (a plan figure).
        case plan = "ke_hoach"

        /// The kind with `tren` read as `toi_thieu` and `duoi` as `toi_da` (the documented meaning).
        public var meaning: ConditionKind {
            switch self {
            case .above: return .atLeast
            case .below: return .atMost
            default: return self
            }
        }
    }

    /// The measure, as `cach_tinh` writes it: "mức đạt", "tăng trưởng bình quân", "tổng",
    /// "bình quân năm", "hằng năm", "tỷ lệ đơn vị", "thay đổi bình quân".
    public var measure: String
    public var condition: ConditionKind
    /// The bound (low bound of a range); a decrease of a change measure is negative.
    public var low: Double
    /// The high bound of a range; nil otherwise.
    public var high: Double?
    /// "càng cao càng tốt" or "càng thấp càng tốt".
    public var direction: String
    /// The year the sentence sets ("đến năm 2030"), nil when it does not say.
    public var deadline: Int?
    /// "giai đoạn 2021-2025" of a sum or mean: (from, to).
    public var span: (Int, Int)? {
        get { spanFrom.map { ($0, spanTo ?? $0) } }
        set {
            spanFrom = newValue?.0
            spanTo = newValue?.1
        }
    }
    var spanFrom: Int?
    var spanTo: Int?
    /// "so với năm 2025": the base year of a growth.
    public var baseYear: Int?
    /// The unit as written after the number: "%", "%/năm", "‰/năm", "triệu đồng", "đảng viên".
    public var unit: String
    /// The unit types a share of units counts ("xã", "chi bộ"), when the measure is "tỷ lệ đơn vị".
    public var unitKinds: [String]
    /// What is measured, as the sentence names it: "Tỷ lệ hộ nghèo".
    public var subject: String
    /// The statement's own words (the clause).
    public var statement: String
    /// The whole sentence it came from.
    public var sentence: String
    /// The group: "kinh tế", "văn hóa - xã hội - môi trường", "quốc phòng - an ninh",
    /// "xây dựng Đảng và hệ thống chính trị".
    public var group: String
    /// "cao", "trung bình", "thấp".
    public var confidence: String
    /// Why the confidence is not high, in Vietnamese ("không rõ đơn vị tính").
    public var doubts: [String]
}

/// Reads the targets a resolution states ("các chỉ tiêu chủ yếu") from its text, one per measurable
/// statement, in document order. Rules are about words, not about particular sentences: the
/// measure from "bình quân", "hằng năm", "tổng … giai đoạn", "tỷ lệ … giảm"; the condition from
/// "trên", "dưới", "từ … trở lên", ranges, "giảm"; the unit from the words after the number.
public enum ResolutionExtract {
    /// The targets of `document`, in reading order (body first, footnotes not read).
    public static func targets(in document: CheckDocument) -> [ExtractedTarget] {
        var found: [ExtractedTarget] = []
        var group: String?
        for block in document.blocks where !block.location.isFootnote {
            let tokens = CheckTokenizer.tokens(block.text)
            var sentences: [[CheckToken]] = []
            for token in tokens {
                if let last = sentences.last, let first = last.first, first.sentence == token.sentence {
                    sentences[sentences.count - 1].append(token)
                } else {
                    sentences.append([token])
                }
            }
            for sentence in sentences {
                let text = Self.text(block.text, sentence)
                var reader = SentenceReader(tokens: sentence, blockText: block.text, sentence: text, group: group)
                found.append(contentsOf: reader.read())
                group = reader.group
            }
        }
        return found
    }

    /// The text a token run covers.
    static func text(_ blockText: String, _ tokens: [CheckToken]) -> String {
        guard let first = tokens.first, let last = tokens.last else { return "" }
        let chars = Array(blockText)
        guard first.start >= 0, last.end <= chars.count, first.start < last.end else { return "" }
        return String(chars[first.start..<last.end]).trimmingCharacters(in: .whitespaces)
    }

    /// The term a resolution names ("nhiệm kỳ 2025 - 2030"), nil when it names none.
    public static func term(in document: CheckDocument) -> (Int, Int)? {
        for block in document.blocks {
            let tokens = CheckTokenizer.tokens(block.text)
            for (i, token) in tokens.enumerated() where token.isWord("kỳ") && i > 0 && tokens[i - 1].isWord("nhiệm") {
                guard i + 3 < tokens.count, let a = year(tokens[i + 1]), tokens[i + 2].isDash,
                    let b = year(tokens[i + 3]), b == a + 5
                else { continue }
                return (a, b)
            }
        }
        return nil
    }

    static func year(_ token: CheckToken) -> Int? {
        guard token.kind == .number, !token.hasThousandsDots, token.decimals == 0, let v = token.value,
            v >= 1990, v <= 2100
        else { return nil }
        return Int(v)
    }
}

/// Reads the statements of one sentence.
struct SentenceReader {
    let tokens: [CheckToken]
    let blockText: String
    let sentence: String
    var group: String?

    init(tokens: [CheckToken], blockText: String, sentence: String, group: String?) {
        self.tokens = tokens
        self.blockText = blockText
        self.sentence = sentence
        self.group = group
    }

    /// A number the sentence sets as a target: token indices of the number(s) and of the end of
    /// its unit.
    struct Value {
        var first: Int
        var last: Int
        var low: Double
        var high: Double?
        var unitEnd: Int
        var unit: String
        var unitKinds: [String]
    }

    func word(_ i: Int) -> String {
        guard i >= 0, i < tokens.count, tokens[i].kind == .word else { return "" }
        return tokens[i].key
    }

    func punct(_ i: Int, _ p: String) -> Bool {
        guard i >= 0, i < tokens.count else { return false }
        return tokens[i].isPunct(p)
    }

    /// Words of the unit of a share of units ("100% xã", "80% tổ chức cơ sở đảng").
    static let unitKindWords: [(words: [String], kind: String)] = [
        (["tổ", "chức", "cơ", "sở", "đảng"], "đảng bộ"), (["tổ", "chức", "đảng"], "đảng bộ"),
        (["tổ", "dân", "phố"], "tổ dân phố"), (["chi", "bộ"], "chi bộ"), (["đảng", "bộ"], "đảng bộ"),
        (["thị", "trấn"], "xã"), (["khu", "phố"], "tổ dân phố"), (["xã"], "xã"), (["phường"], "phường"),
        (["thôn"], "thôn"), (["làng"], "thôn"), (["bản"], "thôn"), (["buôn"], "thôn"), (["ấp"], "thôn"),
    ]

    /// Words after which the unit of a count ends.
    static let unitStops: Set<String> = [
        "trở", "lên", "xuống", "mới", "vào", "trong", "so", "và", "đến", "năm", "mỗi", "hằng", "hàng", "là",
        "đạt", "tăng", "giảm", "của", "trên", "dưới", "được", "có", "theo", "tại", "chính", "thực", "hiện",
        "cho", "với", "bình", "quân", "trung", "ít", "nhất", "các", "đã", "từ", "khoảng", "hoàn", "thành", "còn",
    ]

    /// Subjects that are better lower: a plain figure for them is a ceiling.
    static let lowerBetter: [[String]] = [
        ["hộ", "nghèo"], ["cận", "nghèo"], ["suy", "dinh", "dưỡng"], ["tai", "nạn"], ["tội", "phạm"],
        ["sinh", "thô"], ["con", "thứ"], ["tăng", "dân", "số"], ["thất", "nghiệp"], ["ô", "nhiễm"],
        ["tảo", "hôn"], ["ma", "túy"], ["cháy"], ["nợ", "xấu"], ["khiếu", "nại"], ["tử", "vong"],
    ]

    mutating func read() -> [ExtractedTarget] {
        // A sentence telling what was done ("đã đạt", "5 năm qua", "nhiệm kỳ qua") states results,
        // not targets.
        let keys = tokens.map { $0.kind == .word ? $0.key : "" }
        for (i, key) in keys.enumerated() {
            if key == "đã", i + 1 < keys.count, ["đạt", "hoàn", "thực", "lãnh", "có"].contains(keys[i + 1]) {
                return []
            }
            if key == "qua", i > 0, ["năm", "kỳ"].contains(keys[i - 1]) { return [] }
        }
        // Clauses: split at ";" (each item of a list of targets).
        var clauses: [Range<Int>] = []
        var start = 0
        for (i, t) in tokens.enumerated() where t.isPunct(";") {
            if start < i { clauses.append(start..<i) }
            start = i + 1
        }
        if start < tokens.count { clauses.append(start..<tokens.count) }
        var out: [ExtractedTarget] = []
        var headMeasure: String?
        var headDeadline: Int?
        var sentenceDeadline: Int?
        var breakdown = false
        for clause in clauses {
            let values = self.values(in: clause)
            if values.isEmpty {
                if let g = groupHeading(clause) { group = g }
                if let d = deadline(in: clause) { sentenceDeadline = d }
                if containsPhrase(clause, ["trong", "đó"]) { breakdown = true }
                continue
            }
            var segmentStart = clause.lowerBound
            for value in values {
                let segment = segmentStart..<min(clause.upperBound, max(value.unitEnd, segmentStart + 1))
                segmentStart = value.unitEnd
                // Words after the last value up to the end of the clause ("… 20% trở lên/năm").
                let reach = value.last == values.last?.last ? segment.lowerBound..<clause.upperBound : segment
                if containsPhrase(segment.lowerBound..<value.first, ["trong", "đó"]) { breakdown = true }
                var target = self.target(
                    value: value, segment: segment, reach: reach, clause: clause,
                    inherited: breakdown ? headMeasure : nil,
                    sentenceDeadline: breakdown ? headDeadline ?? sentenceDeadline : sentenceDeadline)
                if target.group.isEmpty {
                    target.group = group ?? Self.guessGroup(target.subject + " " + target.statement)
                }
                if headMeasure == nil || !breakdown {
                    headMeasure = target.measure
                    headDeadline = target.deadline
                }
                out.append(target)
            }
            // A lead before ":" ("Đến năm 2025: …; …", "Cơ cấu kinh tế đến năm 2025: …") dates the
            // statements that follow in the sentence.
            if let colon = (clause).first(where: { tokens[$0].isPunct(":") }), colon < values[0].first,
                let d = deadline(in: clause.lowerBound..<colon)
            {
                sentenceDeadline = d
            }
        }
        return out
    }

    // MARK: Values

    /// The numbers a clause sets as targets, each with its unit; years, list markers, numbers in
    /// parentheses, denominators and counts of targets are left out.
    func values(in clause: Range<Int>) -> [Value] {
        var out: [Value] = []
        var depth = 0
        var i = clause.lowerBound
        while i < clause.upperBound {
            let t = tokens[i]
            if t.isPunct("(") || t.isPunct("[") { depth += 1 }
            if t.isPunct(")") || t.isPunct("]") { depth = max(0, depth - 1) }
            guard t.kind == .number, depth == 0, let v = t.value else {
                i += 1
                continue
            }
            // A denominator "04/09", a code "12-CT/TU", an ordinal "lần thứ 3".
            if punct(i - 1, "/") || word(i - 1) == "thứ" || word(i - 1) == "số" && punct(i + 1, "/") {
                i += 1
                continue
            }
            // A list marker "1." / "2)" at the start of a clause or before a capital word.
            if (punct(i + 1, ".") || punct(i + 1, ")")) && !(i + 1 < tokens.count && tokens[i + 1].spaceBefore)
                && (i + 2 >= tokens.count || tokens[i + 2].spaceBefore) && t.decimals == 0
                && (i == clause.lowerBound || i + 2 >= tokens.count
                    || tokens[i + 2].kind != .word || (tokens[i + 2].text.first?.isUppercase ?? false))
            {
                i += 2
                continue
            }
            if let y = ResolutionExtract.year(t), !isPercentAt(i + 1) {
                _ = y
                i += 1
                // Skip "2021 - 2025".
                if i + 1 < tokens.count, tokens[i].isDash, ResolutionExtract.year(tokens[i + 1]) != nil { i += 2 }
                continue
            }
            if ["chỉ", "nhiệm", "khâu", "nội", "chương", "đột", "lĩnh", "nhóm", "giải"].contains(word(i + 1)) {
                i += 1
                continue
            }
            // A number right after a target's figure with no "," or "và" between describes it ("60% học
            // sinh được học 2 buổi/ngày"): not a target of its own.
            if let previous = out.last,
                !(previous.unitEnd..<i).contains(where: {
                    punct($0, ",") || punct($0, ":") || word($0) == "và" || tokens[$0].isDash
                })
            {
                i += 1
                continue
            }
            var last = i
            var high: Double?
            // A range: "8-9%", "3 – 5%/năm", "từ 08 đến 10".
            if i + 2 < clause.upperBound, tokens[i + 1].isDash, tokens[i + 2].kind == .number,
                let h = tokens[i + 2].value, h > v
            {
                high = h
                last = i + 2
            } else if i + 2 < clause.upperBound, word(i + 1) == "đến", tokens[i + 2].kind == .number,
                let h = tokens[i + 2].value, h > v, word(i - 1) == "từ"
            {
                high = h
                last = i + 2
            } else if i + 3 < clause.upperBound, isPercentAt(i + 1), tokens[i + 2].isDash,
                tokens[i + 3].kind == .number, let h = tokens[i + 3].value, h > v
            {
                high = h
                last = i + 3
            }
            if last + 1 < tokens.count, tokens[last + 1].isPunct("/"), last + 2 < tokens.count,
                tokens[last + 2].kind == .number
            {
                last += 2  // "04/09 thôn": the count, out of the whole.
            }
            let (unit, unitEnd, kinds) = self.unit(after: last, limit: clause.upperBound)
            out.append(
                Value(first: i, last: last, low: v, high: high, unitEnd: unitEnd, unit: unit, unitKinds: kinds))
            i = max(unitEnd, last + 1)
        }
        return out
    }

    func isPercentAt(_ i: Int) -> Bool { punct(i, "%") || punct(i, "‰") }

    /// The unit after token `last`, the index after it, and the unit types of a share of units.
    func unit(after last: Int, limit: Int) -> (String, Int, [String]) {
        var i = last + 1
        guard i < limit else { return ("", i, []) }
        if punct(i, "%") || punct(i, "‰") {
            var unit = tokens[i].text
            i += 1
            // "0,30%0" is written for per mille.
            if i < limit, tokens[i].kind == .number, tokens[i].text == "0", !tokens[i].spaceBefore {
                unit = "‰"
                i += 1
            }
            if i + 1 < limit, punct(i, "/"), word(i + 1) == "năm" {
                unit += "/năm"
                i += 2
            }
            // "100% xã, thị trấn": a share of units.
            var kinds: [String] = []
            var j = i
            if word(j) == "các" || word(j) == "số" { j += 1 }
            var matched = true
            while matched, j < limit {
                matched = false
                for entry in Self.unitKindWords where j + entry.words.count <= limit {
                    if entry.words.enumerated().allSatisfy({ word(j + $0.offset) == $0.element }) {
                        if !kinds.contains(entry.kind) { kinds.append(entry.kind) }
                        j += entry.words.count
                        if punct(j, ",") || word(j) == "và" { j += 1 }
                        matched = true
                        break
                    }
                }
            }
            return (unit, i, kinds)
        }
        var words: [String] = []
        let money = ["triệu", "tỷ", "nghìn", "ngàn", "trăm"]
        while i < limit, tokens[i].kind == .word,
            !Self.unitStops.contains(tokens[i].key) || words.isEmpty && money.contains(tokens[i].key)
        {
            words.append(tokens[i].text)
            i += 1
            if words.count >= 2 && !money.contains(words[0].lowercased()) { break }
            if words.count >= 3 { break }
        }
        var unit = words.joined(separator: " ")
        // "triệu đồng/người/năm", "đảng viên/năm".
        while i + 1 < limit, punct(i, "/"), tokens[i + 1].kind == .word, !unit.isEmpty {
            unit += "/" + tokens[i + 1].text
            i += 2
        }
        return (VietnameseText.nfc(unit), i, [])
    }

    // MARK: A target

    func target(
        value: Value, segment: Range<Int>, reach: Range<Int>, clause: Range<Int>, inherited: String?,
        sentenceDeadline: Int?
    ) -> ExtractedTarget {
        let keys = reach.map { word($0) }
        func has(_ phrase: [String]) -> Bool { containsPhrase(reach, phrase) }
        var doubts: [String] = []
        // "bình quân" as averaging, not "thu nhập bình quân (đầu người)".
        var averaging = false
        for i in reach where word(i) == "bình" && word(i + 1) == "quân" || word(i) == "trung" && word(i + 1) == "bình" {
            let perHead =
                word(i + 2) == "đầu" || word(i + 2) == "thu" || word(i - 1) == "nhập"
                || word(i + 3) == "đầu" && word(i + 4) == "người"
            if !perHead { averaging = true }
        }
        let perYearUnit =
            !value.unit.contains("đồng")
            && (value.unit.hasSuffix("/năm")
                || (value.unitEnd..<reach.upperBound).contains { punct($0, "/") && word($0 + 1) == "năm" })
        let yearly =
            has(["hằng", "năm"]) || has(["hàng", "năm"]) || has(["mỗi", "năm"]) || perYearUnit
            || has(["năm", "nào", "cũng"])
        let isRate = value.unit.hasPrefix("%") || value.unit.hasPrefix("‰")
        // Verbs of change, apart from "tỷ lệ tăng", "tốc độ tăng" (which name a growth rate).
        var decrease = false
        var change = false
        for i in reach {
            let w = word(i)
            guard w == "tăng" || w == "giảm" else { continue }
            if w == "tăng" && word(i + 1) == "dân" { continue }
            if w == "giảm" && word(i + 1) == "còn" { continue }
            if w == "giảm" && (word(i + 1) == "dưới" || word(i + 1) == "xuống") { continue }
            change = true
            if w == "giảm" { decrease = true }
        }
        let growthWords = has(["tăng", "trưởng"]) || has(["tốc", "độ"]) || has(["tỷ", "lệ", "tăng"])
        // A rate that changes by points: "tỷ lệ hộ nghèo giảm", "tỷ suất sinh thô".
        var rateSubject = false
        for i in reach where word(i) == "tỷ" && (word(i + 1) == "lệ" || word(i + 1) == "suất") {
            if word(i + 2) != "tăng" { rateSubject = true }
        }
        if value.unit.hasPrefix("‰") { rateSubject = true }
        var measure: String
        if isRate && (averaging || perYearUnit || (yearly && change)) && (change || growthWords) && rateSubject
            && change && !growthWords
        {
            measure = "thay đổi bình quân"
        } else if isRate && (growthWords || change) && (averaging || perYearUnit || has(["so", "năm", "trước"])) {
            measure = "tăng trưởng bình quân"
        } else if !isRate && (averaging && yearly || averaging && has(["mỗi", "năm"])) {
            measure = "bình quân năm"
        } else if !isRate && spanYears(reach) != nil
            || !isRate && (has(["cả", "nhiệm", "kỳ"]) || has(["trong", "nhiệm", "kỳ"]))
        {
            measure = "tổng"
        } else if yearly {
            measure = averaging ? "bình quân năm" : "hằng năm"
        } else if !value.unitKinds.isEmpty || isRate && unitShareSubject(reach) != nil {
            measure = "tỷ lệ đơn vị"
        } else if let inherited, change {
            measure = inherited
        } else {
            measure = "mức đạt"
        }
        let isChange = measure == "tăng trưởng bình quân" || measure == "thay đổi bình quân"
        // The condition.
        let before = (max(reach.lowerBound, value.first - 4)..<value.first).map { word($0) }
        let after = (value.unitEnd..<min(reach.upperBound, value.unitEnd + 3)).map { word($0) }
        var kind: ExtractedTarget.ConditionKind
        var low = value.low
        var high = value.high
        // The statement's own reach: from the last "," or ":" before the number (a list "…, 97% người
        // dân tham gia BHYT") to the words after it ("100% các trường … đạt chuẩn").
        let tail = tailEnd(after: value, limit: reach.upperBound)
        var headStart = segment.lowerBound
        var depth = 0
        for i in segment.lowerBound..<value.first {
            if punct(i, "(") { depth += 1 }
            if punct(i, ")") { depth = max(0, depth - 1) }
            if depth == 0, punct(i, ",") || punct(i, ":") { headStart = i + 1 }
        }
        let qualifiers: Set<String> = [
            "trên", "dưới", "từ", "đạt", "khoảng", "hơn", "ít", "nhất", "tối", "thiểu", "đa", "không", "quá", "có",
        ]
        let headHasWords = (headStart..<value.first).contains {
            tokens[$0].kind == .word && !qualifiers.contains(tokens[$0].key)
        }
        let tailHasWords = (value.unitEnd..<tail).contains { tokens[$0].kind == .word }
        let near =
            headHasWords ? headStart..<tail : tailHasWords ? value.first..<tail : segment.lowerBound..<tail
        let lowerBetter = Self.lowerBetter.contains { containsPhrase(near, $0) }
        if high != nil {
            kind = .range
        } else if before.last == "trên" || before.last == "hơn" || before.suffix(2) == ["không", "dưới"] {
            kind = .above
        } else if before.last == "dưới" || before.suffix(2) == ["không", "quá"] || before.last == "chưa" {
            kind = .below
        } else if after.starts(with: ["trở", "lên"]) || before.suffix(2) == ["ít", "nhất"]
            || before.suffix(2) == ["tối", "thiểu"] || before.last == "từ"
        {
            kind = .atLeast
        } else if after.starts(with: ["trở", "xuống"]) || before.suffix(2) == ["tối", "đa"] || before.last == "còn" {
            kind = .atMost
        } else if before.last == "khoảng" {
            kind = .plan
        } else if isChange {
            kind = decrease || lowerBetter && !change ? .atMost : .atLeast
        } else if lowerBetter {
            kind = .atMost
        } else if containsPhrase(0..<value.first, ["cơ", "cấu"]) {
            kind = .plan  // a share of the economy's structure is a plan figure, with no better side
        } else if isRate || measure == "hằng năm" || measure == "bình quân năm" || measure == "tỷ lệ đơn vị" {
            kind = .atLeast
        } else {
            kind = .plan
        }
        var direction = "càng cao càng tốt"
        if isChange && decrease {
            // A decrease is a negative change: "giảm bình quân 5–10%/năm" is −10 to −5; "giảm trên 10%"
            // is at most −10.
            if let h = high {
                low = -h
                high = -value.low
                direction = "càng thấp càng tốt"
            } else {
                low = -value.low
                if kind.meaning == .atLeast { kind = .atMost }
            }
        }
        if kind.meaning == .atMost { direction = "càng thấp càng tốt" }
        if kind == .range && lowerBetter && !isChange { direction = "càng thấp càng tốt" }
        // Deadline, span, base year.
        var deadline = self.deadline(in: reach) ?? sentenceDeadline
        let span = spanYears(reach)
        if measure == "tổng" || measure == "bình quân năm" || measure == "hằng năm", let span {
            deadline = deadline ?? span.1
        }
        var baseYear: Int?
        for i in reach where word(i) == "so" && word(i + 1) == "với" && word(i + 2) == "năm" {
            if i + 3 < tokens.count { baseYear = ResolutionExtract.year(tokens[i + 3]) }
        }
        if let b = baseYear, deadline == b { deadline = nil }
        // The subject: after a lead ending in ":" ("Cơ cấu kinh tế đến năm 2025: Nông, lâm nghiệp: 75%"),
        // or the words after the number when none come before ("…, 97% người dân tham gia BHYT").
        var subjectStart = segment.lowerBound
        for i in segment.lowerBound..<value.first where punct(i, ":") {
            if (i + 1..<value.first).contains(where: {
                tokens[$0].kind == .word && !qualifiers.contains(tokens[$0].key)
            }) {
                subjectStart = i + 1
            }
        }
        if !headHasWords, tail > value.unitEnd, isRate { subjectStart = value.first }
        var subject = self.subject(segment: subjectStart..<value.first, value: value)
        if subject.isEmpty, tail > value.unitEnd {
            subject = self.subject(
                segment: value.unitEnd..<tail,
                value: Value(first: tail, last: tail, low: 0, high: nil, unitEnd: tail, unit: "", unitKinds: []))
        }
        if subject.isEmpty { subject = self.subject(segment: segment, value: value) }
        if value.unit.isEmpty { doubts.append("không rõ đơn vị tính") }
        if subject.isEmpty { doubts.append("không rõ chỉ số") }
        if inherited != nil && measure == inherited { doubts.append("cách tính theo câu trước “trong đó”") }
        if kind == .plan && before.last == "khoảng" { doubts.append("“khoảng”: ghi là số kế hoạch") }
        let explicit =
            averaging || yearly || high != nil
            || before.last.map { ["trên", "dưới", "từ", "hơn"].contains($0) } ?? false
            || after.starts(with: ["trở"])
        let confidence =
            doubts.count >= 2 ? "thấp" : doubts.isEmpty && (explicit || measure == "mức đạt") ? "cao" : "trung bình"
        _ = keys
        return ExtractedTarget(
            measure: measure, condition: kind, low: low, high: high, direction: direction, deadline: deadline,
            spanFrom: span?.0, spanTo: span?.1, baseYear: baseYear, unit: value.unit, unitKinds: value.unitKinds,
            subject: subject,
            statement: statementText(
                segment: segment.lowerBound..<max(segment.upperBound, tail), clause: clause, value: value),
            sentence: sentence, group: "", confidence: confidence, doubts: doubts)
    }

    /// "Tỷ lệ xã đạt chuẩn …", "Tỷ lệ chi bộ …": the unit type a share of units counts.
    func unitShareSubject(_ range: Range<Int>) -> String? {
        for i in range where word(i) == "tỷ" && word(i + 1) == "lệ" {
            var j = i + 2
            if word(j) == "số" { j += 1 }
            for entry in Self.unitKindWords
            where entry.words.enumerated().allSatisfy({ word(j + $0.offset) == $0.element }) {
                // "tỷ lệ xã đạt …", but not "tỷ lệ xã hội hóa".
                if entry.words == ["xã"] && word(j + 1) == "hội" { continue }
                return entry.kind
            }
        }
        return nil
    }

    /// "giai đoạn 2021-2025", "thời kỳ 2021 - 2025", "nhiệm kỳ 2020-2025".
    func spanYears(_ range: Range<Int>) -> (Int, Int)? {
        var depth = 0
        for i in range {
            if punct(i, "(") { depth += 1 }
            if punct(i, ")") { depth = max(0, depth - 1) }
            guard depth == 0, ["đoạn", "kỳ"].contains(word(i)) else { continue }
            guard i + 3 < tokens.count, let a = ResolutionExtract.year(tokens[i + 1]), tokens[i + 2].isDash,
                let b = ResolutionExtract.year(tokens[i + 3]), b > a
            else { continue }
            return (a, b)
        }
        return nil
    }

    /// "đến năm 2030", "năm 2025", "vào cuối năm 2020", "đến 2030"; not "so với năm 2025", "giá so
    /// sánh năm 2010", nor a span.
    func deadline(in range: Range<Int>) -> Int? {
        var depth = 0
        var found: Int?
        for i in range {
            if punct(i, "(") { depth += 1 }
            if punct(i, ")") { depth = max(0, depth - 1) }
            guard depth == 0, i < tokens.count, let y = ResolutionExtract.year(tokens[i]) else { continue }
            guard word(i - 1) == "năm" || word(i - 1) == "đến" else { continue }
            if word(i - 2) == "với" || word(i - 2) == "sánh" || word(i - 2) == "so" { continue }
            if i + 2 < tokens.count, tokens[i + 1].isDash, ResolutionExtract.year(tokens[i + 2]) != nil { continue }
            if isPercentAt(i + 1) { continue }
            found = y
        }
        return found
    }

    /// The words naming what is measured: the segment before the number, without list markers,
    /// "phấn đấu", deadlines and the verb.
    func subject(segment: Range<Int>, value: Value) -> String {
        var words: [CheckToken] = []
        var depth = 0
        var i = segment.lowerBound
        let skip: Set<String> = ["phấn", "đấu", "là", "cụ", "thể"]
        while i < value.first {
            let t = tokens[i]
            if t.isPunct("(") { depth += 1 }
            if t.isPunct(")") { depth = max(0, depth - 1) }
            if depth > 0 || t.kind != .word {
                i += 1
                continue
            }
            // "đến năm 2030", "năm 2025", "so với năm 2025", "giai đoạn 2021-2025".
            if ["đến", "năm", "vào", "cuối", "so", "với", "giai", "đoạn", "thời", "kỳ"].contains(t.key),
                (i..<min(i + 4, tokens.count)).contains(where: { ResolutionExtract.year(tokens[$0]) != nil })
            {
                i += 1
                continue
            }
            // "… đề ra 25 chỉ tiêu, trong đó phấn đấu tốc độ tăng …": the subject starts after the lead.
            if t.key == "đấu" && word(i - 1) == "phấn" || t.key == "đó" && word(i - 1) == "trong"
                || t.key == "tiêu" && word(i - 1) == "mục"
            {
                words.removeAll()
                i += 1
                continue
            }
            if skip.contains(t.key) {
                i += 1
                continue
            }
            words.append(t)
            i += 1
        }
        // Drop a trailing verb or qualifier ("tăng", "giảm", "trên", "bình quân", "hằng năm").
        let trailing: Set<String> = [
            "tăng", "giảm", "trên", "dưới", "hơn", "từ", "khoảng", "còn", "bình", "quân", "hằng", "hàng", "năm", "mỗi",
            "tối", "thiểu", "đa", "ít", "nhất", "không", "quá", "xuống", "ở", "mức", "trung", "đạt", "có", "cho", "trở",
            "lên", "và", "trong",
        ]
        while let last = words.last, trailing.contains(last.key) { words.removeLast() }
        while let first = words.first, trailing.contains(first.key) { words.removeFirst() }
        let text = words.map(\.text).joined(separator: " ")
        guard let first = text.first else { return "" }
        return first.uppercased() + text.dropFirst()
    }

    /// The end of the words after a value's unit that still belong to its statement: up to a
    /// ",", ";", ":", "(", "và", a number or `limit`.
    func tailEnd(after value: Value, limit: Int) -> Int {
        var i = value.unitEnd
        while i < limit, i < tokens.count {
            let t = tokens[i]
            if t.kind == .word, t.key != "và" {
                i += 1
            } else if t.isDash || t.isPunct("/") || t.isPunct(",") || t.isPunct("“") || t.isPunct("”")
                || t.isPunct("\"")
            {
                i += 1
            } else {
                break
            }
        }
        return i
    }

    /// The statement: the clause when it holds one value, else the segment.
    func statementText(segment: Range<Int>, clause: Range<Int>, value: Value) -> String {
        var from = segment.lowerBound
        var to = max(segment.upperBound, min(clause.upperBound, value.unitEnd))
        // Extend over "trở lên"/"trở xuống"/"/năm" after the unit.
        while to < clause.upperBound, ["trở", "lên", "xuống"].contains(word(to)) { to += 1 }
        // Leading punctuation and list markers.
        while from < to, tokens[from].kind == .punct { from += 1 }
        if from + 1 < to, tokens[from].kind == .number, punct(from + 1, ".") || punct(from + 1, ")") { from += 2 }
        while from < to, tokens[from].kind == .punct { from += 1 }
        return ResolutionExtract.text(blockText, Array(tokens[from..<to]))
    }

    func containsPhrase(_ range: Range<Int>, _ phrase: [String]) -> Bool {
        guard !phrase.isEmpty else { return false }
        for i in range where word(i) == phrase[0] {
            if phrase.enumerated().allSatisfy({ word(i + $0.offset) == $0.element }) { return true }
        }
        return false
    }

    /// A heading naming a group of targets ("I. Về kinh tế (11 chỉ tiêu)", "- Về văn hóa – xã hội:").
    func groupHeading(_ clause: Range<Int>) -> String? {
        guard containsPhrase(clause, ["về"]) || clause.count <= 8 else { return nil }
        if containsPhrase(clause, ["xây", "dựng", "đảng"]) || containsPhrase(clause, ["hệ", "thống", "chính", "trị"]) {
            return "xây dựng Đảng và hệ thống chính trị"
        }
        if containsPhrase(clause, ["quốc", "phòng"]) || containsPhrase(clause, ["an", "ninh"]) {
            return "quốc phòng - an ninh"
        }
        if containsPhrase(clause, ["văn", "hóa"]) || containsPhrase(clause, ["xã", "hội"])
            || containsPhrase(clause, ["môi", "trường"])
        {
            return "văn hóa - xã hội - môi trường"
        }
        if containsPhrase(clause, ["kinh", "tế"]) { return "kinh tế" }
        return nil
    }

    /// The group of a target by its words, when no heading says.
    static func guessGroup(_ text: String) -> String {
        let key = VietnameseText.searchKey(text)
        let party = ["dang vien", "chi bo", "to chuc co so dang", "dang bo", "ket nap", "mat tran", "doan the"]
        if party.contains(where: key.contains) { return "xây dựng Đảng và hệ thống chính trị" }
        let security = ["quoc phong", "an ninh", "nhap ngu", "toi pham", "tai nan", "quan su", "dan quan"]
        if security.contains(where: key.contains) { return "quốc phòng - an ninh" }
        let social = [
            "ho ngheo", "can ngheo", "lao dong", "y te", "bao hiem", "truong", "giao duc", "van hoa", "dan so",
            "nuoc sach", "moi truong", "rac", "chat thai", "viec lam", "hoc sinh", "tre em", "sinh tho", "bac si",
            "giuong benh", "gia dinh",
        ]
        if social.contains(where: key.contains) { return "văn hóa - xã hội - môi trường" }
        return "kinh tế"
    }
}
