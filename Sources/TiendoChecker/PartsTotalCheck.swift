import Foundation
import TiendoCore

/// A list of parts and the total they should make.
struct Breakdown {
    var total: Int
    var parts: [Int]
    /// The parts cover the whole (by year over the total's period, or "gồm", "bao gồm", "cụ thể").
    var isExhaustive: Bool
    /// The parts cannot overlap (years, or kinds that exclude each other).
    var isDisjoint: Bool
    /// The total is a yearly mean of the parts ("bình quân 70 đảng viên/năm").
    var isMean: Bool
}

extension CheckRun {
    private static let exhaustiveMarkers: [[String]] = [
        ["bao", "gồm"], ["gồm", "có"], ["gồm"], ["cụ", "thể", "là"], ["cụ", "thể"], ["chia", "ra"],
        ["phân", "theo"], ["trong", "đó", "có"], ["trong", "đó"],
    ]

    /// Parts that do not add up to their total: a breakdown in a footnote ("năm 2021: 81, năm 2022:
    /// 65, …"), after "trong đó" / "gồm" / "cụ thể" or in brackets, or followed by "tổng cộng".
    mutating func checkPartsAndTotals() {
        var breakdowns: [Breakdown] = []
        breakdowns += tableRowBreakdowns()
        breakdowns += footnoteBreakdowns()
        breakdowns += inlineBreakdowns()
        let trailingFrom = breakdowns.count
        breakdowns += trailingTotals()
        var seenTotals = Set<Int>()
        for (n, breakdown) in breakdowns.enumerated() where !seenTotals.contains(breakdown.total) {
            // "thành lập mới 96 doanh nghiệp (năm 2025: 28; …), nâng tổng số doanh nghiệp đang hoạt
            // động lên 412": yearly parts already read as the breakdown of the figure they follow
            // are not also the parts of a later "tổng" (a stock the flows were added to).
            if n >= trailingFrom, breakdown.parts.contains(where: { parentOfPart[$0] != nil }) { continue }
            seenTotals.insert(breakdown.total)
            markParts(breakdown)
            evaluate(breakdown)
        }
    }

    private func isAdditive(_ f: CheckFigure) -> Bool {
        guard !f.isPercent, case .number = f.value, f.role == .actual || f.role == .plan else { return false }
        // Per-year counts ("19.271 người/năm") are means of yearly parts; other rates are not sums.
        return !f.unit.contains("/") || f.unit.hasSuffix("/năm")
    }

    /// A part is counted in the total's unit, or in a shorter name of it ("tổ chức" for "tổ chức cơ
    /// sở đảng"), or has no unit ("năm 2022: 65").
    private func unitFits(_ part: CheckFigure, _ total: CheckFigure) -> Bool {
        guard !part.isPercent else { return false }
        if part.unit == total.unit || part.unit.isEmpty { return true }
        // "bình quân 19.271 người/năm" over "năm 2026: 19.080 người; năm 2027: 19.462 người".
        if total.unit == part.unit + "/năm" { return true }
        return !total.unit.isEmpty && total.unit.hasPrefix(part.unit + " ")
    }

    /// The distinguishing words of a part: its words, and those between it and the previous figure
    /// ("trong đó: nông, lâm nghiệp và thủy sản 612,5 tỷ đồng"), not shared with the total.
    private func labelWords(_ part: CheckFigure, total: CheckFigure) -> Set<String> {
        let unitWords = Set(total.unit.split(separator: " ").map(String.init))
        var words = part.keywords
        let block = reading.blocks[part.blockIndex]
        let previous = block.figures.map { figures[$0] }.last { $0.tokenEnd <= part.tokenStart }
        let previousEnd = min(part.tokenStart, previous.map { max($0.tokenEnd, $0.clauseEnd) } ?? 0)
        for k in previousEnd..<part.tokenStart where block.tokens[k].kind == .word && !block.consumed[k] {
            let key = block.tokens[k].key
            if !CheckVocabulary.stopwords.contains(key) { words.insert(key) }
        }
        words.subtract(Self.markerWords)
        return words.subtracting(total.keywords).subtracting(unitWords)
    }

    private static let markerWords: Set<String> = Set(exhaustiveMarkers.flatMap { $0 })

    /// Whether the parts' labels fall in different members of one group of exclusive kinds, and
    /// whether they name every member of it (then they cover the whole: "nông, lâm nghiệp…; công
    /// nghiệp - xây dựng …; dịch vụ …").
    private func labelsExclude(_ parts: [Int], total: CheckFigure) -> (disjoint: Bool, complete: Bool, partition: Bool)
    {
        let labels = parts.map { labelWords(figures[$0], total: total) }
        for group in CheckVocabulary.exclusiveKinds {
            let members = labels.map { group.member(of: $0) }
            if members.allSatisfy({ $0 != nil }), Set(members.compactMap { $0 }).count == members.count {
                return (true, members.count == group.members.count, group.isPartition)
            }
        }
        return (false, false, false)
    }

    /// Whether parts are labelled by distinct periods of one kind ("năm 2021:", "quý I:", "tháng
    /// 3:"), and whether those cover the total's period: every year of its term, all four quarters,
    /// all twelve months, both halves.
    private func yearCoverage(_ parts: [Int], total: CheckFigure) -> (byYear: Bool, covers: Bool) {
        let labels = parts.compactMap { index -> String? in
            let f = figures[index]
            return f.hasLabelPeriod ? f.period : nil
        }
        guard labels.count == parts.count, Set(labels).count == labels.count else { return (false, false) }
        // Quarters, halves, months of one year: "Q1".."Q4" (or "2024Q1"…).
        let within = labels.map { String($0.drop(while: \.isNumber)) }
        for (prefix, count) in [("Q", 4), ("S", 2), ("M", 12)] where within.allSatisfy({ $0.hasPrefix(prefix) }) {
            return (true, Set(within).count == count)
        }
        let years = labels.compactMap { $0.count == 4 ? Int($0) : nil }
        guard years.count == parts.count else { return (false, false) }
        if let period = total.period, case .term(let from, let to)? = Period(id: period) {
            return (true, Set(years) == Set(from...to))
        }
        // No period on the total: consecutive years read as the whole span.
        let sorted = years.sorted()
        let consecutive = zip(sorted, sorted.dropFirst()).allSatisfy { $1 == $0 + 1 }
        return (true, consecutive)
    }

    /// "Trong tổng số X, có …": a division of a total named again.
    private static let wholeMarker = ["trong", "tổng", "số"]

    private func makeBreakdown(total: Int, parts: [Int], marker: [String]?) -> Breakdown? {
        let t = figures[total]
        guard parts.count >= 2 else { return nil }
        if marker == Self.wholeMarker, CheckVocabulary.measureUnits.contains(where: { $0.1 == t.unit }) {
            // Lengths, areas or sums of money of a total divided by kind do not overlap (a road is
            // of one class), but the list may leave some out: the parts may add up to less, never
            // to more. Counts of people after it often overlap (women, young members), so they are
            // read like "trong đó".
            return Breakdown(total: total, parts: parts, isExhaustive: false, isDisjoint: true, isMean: false)
        }
        let marker = marker == Self.wholeMarker ? ["trong", "đó"] : marker
        let (byYear, yearsCover) = yearCoverage(parts, total: t)
        let exclusive = labelsExclude(parts, total: t)
        let markerIsExhaustive = marker.map { !$0.starts(with: ["trong", "đó"]) } ?? false
        let isMean = t.isAverage || t.unit.hasSuffix("/năm")
        if byYear {
            return Breakdown(
                total: total, parts: parts, isExhaustive: yearsCover, isDisjoint: true, isMean: isMean && yearsCover)
        }
        guard markerIsExhaustive || exclusive.disjoint else { return nil }
        let partialMarker = marker?.starts(with: ["trong", "đó"]) ?? false
        let kindsCover = exclusive.complete && (exclusive.partition || !partialMarker)
        return Breakdown(
            total: total, parts: parts, isExhaustive: markerIsExhaustive || kindsCover, isDisjoint: exclusive.disjoint,
            isMean: false)
    }

    private static let totalHeaders: Set<String> = [
        "cong", "tong", "tong cong", "tong so", "ca giai doan", "luy ke", "ca nhiem ky", "ca nam",
    ]

    /// A table row with one column per year (or quarter) and a "Cộng"/"Tổng" column: the period
    /// cells must add up to the total cell.
    private func tableRowBreakdowns() -> [Breakdown] {
        var result: [Breakdown] = []
        for block in reading.blocks where block.isTableRow && !block.block.header.isEmpty {
            let header = block.block.header
            var parts: [Int] = []
            var periods = Set<String>()
            var total: Int?
            for index in block.figures {
                let cell = block.cellIndex(of: figures[index].tokenStart)
                guard let title = header[auditSafe: cell] else { continue }
                let key = VietnameseText.searchKey(title)
                if Self.totalHeaders.contains(key) || key.hasPrefix("cong ") || key.hasPrefix("tong cong")
                    || key.hasPrefix("luy ke")
                {
                    total = index
                } else if let period = BlockReader.periodID(inHeader: title), !period.contains("-") {
                    // A column per year (not a term column such as "2021-2025").
                    periods.insert(period)
                    parts.append(index)
                }
            }
            guard let total, parts.count >= 2, periods.count == parts.count, isAdditive(figures[total]),
                parts.allSatisfy({ unitFits(figures[$0], figures[total]) })
            else { continue }
            result.append(Breakdown(total: total, parts: parts, isExhaustive: true, isDisjoint: true, isMean: false))
        }
        return result
    }

    /// "kết nạp 353 đảng viên mới[3]" with footnote 3 "Năm 2021: 81; năm 2022: 65; …".
    private func footnoteBreakdowns() -> [Breakdown] {
        var result: [Breakdown] = []
        for block in reading.blocks {
            guard case .footnote(let n) = block.block.location, let ref = reading.reference(toFootnote: n),
                let anchor = reading.figure(referencedAt: ref), isAdditive(figures[anchor])
            else { continue }
            let total = figures[anchor]
            let candidates = block.figures.filter {
                unitFits(figures[$0], total) && !figures[$0].isTotal && figures[$0].role == total.role
            }
            let marker = (0..<block.tokens.count).lazy.compactMap {
                block.tokens.longestMatch(Self.exhaustiveMarkers, at: $0)
            }.first
            if let b = makeBreakdown(total: anchor, parts: candidates, marker: marker) { result.append(b) }
            // A footnote with its own "tổng cộng" is checked against it as well.
            if let ownTotal = block.figures.first(where: { figures[$0].isTotal && isAdditive(figures[$0]) }) {
                let parts = block.figures.filter { $0 != ownTotal && unitFits(figures[$0], figures[ownTotal]) }
                if let b = makeBreakdown(total: ownTotal, parts: parts, marker: ["gồm"]) { result.append(b) }
            }
        }
        return result
    }

    /// "4.817 hồ sơ, trong đó: trực tuyến 3.200 hồ sơ, trực tiếp 1.617 hồ sơ" and
    /// "353 đảng viên (năm 2021: 81, năm 2022: 65, …)".
    private func inlineBreakdowns() -> [Breakdown] {
        var result: [Breakdown] = []
        for block in reading.blocks {
            let indices = block.figures
            for (n, index) in indices.enumerated() {
                let total = figures[index]
                guard isAdditive(total), n + 1 < indices.count else { continue }
                // The first part: the next figure in the total's unit, past changes and shares
                // ("1.912,4 tỷ đồng, tăng 8,7% so với năm 2024, trong đó: …").
                guard
                    let firstPart = indices[(n + 1)...].first(where: {
                        let f = figures[$0]
                        return f.sentenceIndex != total.sentenceIndex
                            || (unitFits(f, total) && f.role != .change && f.role != .relative)
                    }), figures[firstPart].sentenceIndex == total.sentenceIndex
                else { continue }
                let next = figures[firstPart]
                var marker: [String]? = nil
                var bracket = false
                // "trong 26 tổ chức cơ sở đảng có 04 …, 19 …, 03 …": a partial list like "trong đó".
                if block.word(total.tokenStart - 1) == "trong",
                    (total.tokenEnd..<next.tokenStart).contains(where: { block.word($0) == "có" })
                {
                    marker = ["trong", "đó"]
                }
                // "Trong tổng số 24,6 km nói trên, có 6,8 km …; 11,5 km … và 6,3 km …": the total
                // named again to be divided.
                if block.tokens.matches(Self.wholeMarker, endingBefore: total.tokenStart),
                    (total.tokenEnd..<next.tokenStart).contains(where: { block.word($0) == "có" })
                {
                    marker = Self.wholeMarker
                }
                for k in total.tokenEnd..<next.tokenStart where marker == nil {
                    if let m = block.tokens.longestMatch(Self.exhaustiveMarkers, at: k) { marker = m }
                }
                for k in total.tokenEnd..<next.tokenStart where block.tokens[k].isPunct("(") {
                    if k - total.tokenEnd <= 6 { bracket = true }
                }
                guard marker != nil || bracket else { continue }
                var parts: [Int] = []
                // `firstPart` was found in `indices[(n + 1)...]`, so it has an index.
                for candidate in indices[(indices.firstIndex(of: firstPart) ?? indices.endIndex)...] {
                    let f = figures[candidate]
                    guard f.sentenceIndex == total.sentenceIndex, unitFits(f, total),
                        f.role == total.role || f.role == .actual
                    else { break }
                    if bracket, (total.tokenEnd..<f.tokenStart).contains(where: { block.tokens[$0].isPunct(")") }) {
                        break
                    }
                    parts.append(candidate)
                }
                if let b = makeBreakdown(total: index, parts: parts, marker: marker) { result.append(b) }
            }
        }
        return result
    }

    /// "Năm 2021: 81; năm 2022: 65; … Tổng cộng: 353".
    private func trailingTotals() -> [Breakdown] {
        var result: [Breakdown] = []
        for block in reading.blocks {
            let indices = block.figures
            for (n, index) in indices.enumerated() where figures[index].isTotal && isAdditive(figures[index]) {
                let total = figures[index]
                var parts: [Int] = []
                for candidate in indices[..<n].reversed() {
                    let f = figures[candidate]
                    guard unitFits(f, total), f.hasLabelPeriod else { break }
                    parts.insert(candidate, at: 0)
                }
                if let b = makeBreakdown(total: index, parts: parts, marker: nil) { result.append(b) }
            }
        }
        return result
    }

    /// Parts take the total's unit, role and subject, plus their own distinguishing words.
    private mutating func markParts(_ breakdown: Breakdown) {
        let total = figures[breakdown.total]
        for part in breakdown.parts {
            parentOfPart[part] = breakdown.total
            var f = reading.figures[part]
            let label = labelWords(f, total: total)
            f.isPart = true
            f.labelWords = label
            f.keywords.formUnion(total.keywords)
            if f.unit.isEmpty { f.unit = total.unit }
            if !f.hasLabelPeriod, f.period == nil { f.period = total.period }
            f.role = total.role
            reading.figures[part] = f
        }
    }

    private mutating func evaluate(_ breakdown: Breakdown) {
        let total = figures[breakdown.total]
        guard case .number(let stated) = total.value else { return }
        let parts = breakdown.parts.map { figures[$0] }
        let values = parts.compactMap { f -> Double? in
            if case .number(let x) = f.value { return x }
            return nil
        }
        guard values.count == parts.count else { return }
        let sum = values.reduce(0, +)
        let decimals = max(total.decimals, parts.map(\.decimals).max() ?? 0)
        let computed = breakdown.isMean ? sum / Double(values.count) : sum
        coverage.partsTotals += 1

        let agrees: Bool
        if breakdown.isExhaustive || breakdown.isMean {
            agrees =
                CheckArithmetic.agree(
                    computed, decimals: breakdown.isMean ? total.decimals : decimals, qualifier: nil, stated,
                    decimals: total.decimals, qualifier: total.qualifier) ?? true
        } else {
            // A partial list ("trong đó …") may add up to less, never to more.
            agrees = !breakdown.isDisjoint || computed <= stated + 1e-9 || total.qualifier != nil
        }
        if agrees { return }

        let terms = parts.map { CheckArithmetic.show($0.value.single ?? 0, decimals: $0.decimals) }
        var arithmetic = terms.joined(separator: " + ") + " = " + CheckArithmetic.show(sum, decimals: decimals)
        if breakdown.isMean {
            arithmetic =
                "(" + terms.joined(separator: " + ") + ") : \(values.count) = "
                + CheckArithmetic.show(computed, decimals: max(total.decimals, 2))
        }
        arithmetic += ", báo cáo ghi \(total.text)"
        let unit = total.unit.isEmpty ? "" : " " + total.unit
        let what = breakdown.isMean ? "Bình quân các năm" : "Tổng các thành phần"
        let message: String
        if breakdown.isExhaustive || breakdown.isMean {
            message =
                "\(what) là \(CheckArithmetic.show(computed, decimals: max(decimals, breakdown.isMean ? 2 : 0)))\(unit), "
                + "khác với \(total.text) đã ghi."
        } else {
            message =
                "Các thành phần cộng lại được \(CheckArithmetic.show(sum, decimals: decimals))\(unit), "
                + "nhiều hơn tổng \(total.text) đã ghi."
        }
        var passages = [CheckArithmetic.passage(total)]
        for part in parts
        where !passages.contains(where: { $0.location == part.location && $0.quote == CheckArithmetic.quote(part) }) {
            passages.append(CheckArithmetic.passage(part))
        }
        add(
            CheckFinding(
                kind: .partsTotal, severity: .nghiemTrong, passages: passages,
                figures: [total.text] + parts.map(\.text), arithmetic: arithmetic, message: message))
    }
}
