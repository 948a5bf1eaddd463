import Foundation
import TiendoCore

/// A summary count of targets: "có 07/14 chỉ tiêu đạt và vượt; 02 chỉ tiêu gần đạt; 05 chỉ tiêu chưa đạt".
struct VerdictSummaryLine {
    var block: Int
    var sentence: Int
    /// Counts by what the report says: exceeded ("vượt"), met ("đạt" alone when "vượt" is counted
    /// apart, else "đạt và vượt"), near, not met; with the figures that say them.
    var counts: [(word: VerdictWord, count: Int, figure: Int, text: String)]
    /// The number of targets, when given ("07/14", "Trong 14 chỉ tiêu").
    var total: Int?
    var totalFigure: Int?
}

extension CheckRun {

    /// Summary counts of targets against their own parts and against the list of targets.
    mutating func checkVerdictCounts() {
        let lines = summaryLines()
        guard !lines.isEmpty else { return }
        let items = targetItems()
        for line in lines {
            checkSummaryParts(line)
            checkSummaryAgainstList(line, items: items)
        }
    }

    private func summaryLines() -> [VerdictSummaryLine] {
        var result: [VerdictSummaryLine] = []
        for block in reading.blocks {
            let sentences = Set(block.verdicts.filter(\.isSummary).map(\.sentence))
            for sentence in sentences.sorted() {
                var line = VerdictSummaryLine(block: block.index, sentence: sentence, counts: [])
                let countFigures = block.figures.filter {
                    figures[$0].sentenceIndex == sentence && figures[$0].unit == "chỉ tiêu"
                }
                for index in countFigures {
                    let f = figures[index]
                    // The verdict right after the figure, in its clause.
                    let verdict = block.verdicts.first { v in
                        v.isSummary && v.sentence == sentence && v.start >= f.tokenEnd
                            && !(f.tokenEnd..<v.start).contains { k in block.isBoundary(k) }
                            && !countFigures.contains {
                                figures[$0].tokenStart >= f.tokenEnd && figures[$0].tokenStart < v.start
                            }
                    }
                    // A count too large for an Int (a hostile or garbled file) is not a count
                    // of targets: it is skipped rather than trapping in `Int(_:)`.
                    // "có 18 chỉ tiêu đạt và vượt kế hoạch; trong đó, kinh tế 4/4 chỉ tiêu; …": a part of a
                    // breakdown by field that no verdict follows is neither a verdict's count nor the total.
                    if f.isBreakdownPart && verdict == nil { continue }
                    if case .fraction(let part, let wholeNumber) = f.value, let whole = wholeNumber.wholeIntIfFits {
                        line.total = line.total ?? whole
                        line.totalFigure = line.totalFigure ?? index
                        if let verdict, let partCount = part.wholeIntIfFits {
                            line.counts.append((verdict.word, partCount, index, f.text))
                        }
                    } else if case .number(let number) = f.value, let count = number.wholeIntIfFits {
                        if let verdict {
                            line.counts.append((verdict.word, count, index, f.text))
                        } else if line.total == nil {
                            line.total = count
                            line.totalFigure = index
                        }
                    }
                }
                if !line.counts.isEmpty { result.append(line) }
            }
        }
        return result
    }

    /// One verdict per target item: a list paragraph or a table row with a target's verdict.
    private func targetItems() -> (
        paragraphs: [VerdictMention], rows: [VerdictMention], numbers: [Int], runs: [[VerdictMention]]
    ) {
        var paragraphs: [VerdictMention] = []
        var rows: [VerdictMention] = []
        var numbers: [Int] = []
        // Numbered lists, each run starting again at 1: the list of targets is often one of several
        // numbered lists of a report ("1. … 16." for the targets, "1. … 5." for the tasks ahead).
        var runs: [[VerdictMention]] = []
        for block in reading.blocks where !block.block.location.isFootnote {
            if !block.isTableRow, block.isListItem, let n = block.listNumber {
                if n == 1 || runs.isEmpty { runs.append([]) }
                if let verdict = block.verdicts.first(where: { !$0.isSummary }) { runs[runs.count - 1].append(verdict) }
            }
            guard let verdict = block.verdicts.first(where: { !$0.isSummary }) else { continue }
            if block.isTableRow {
                rows.append(verdict)
            } else if block.isListItem {
                paragraphs.append(verdict)
                if let n = block.listNumber { numbers.append(n) }
            }
        }
        return (paragraphs, rows, numbers, runs)
    }

    private mutating func checkSummaryParts(_ line: VerdictSummaryLine) {
        guard let total = line.total, let totalFigure = line.totalFigure else { return }
        let words = line.counts.map(\.word)
        let complete = words.contains { $0.isMet } && words.contains(.notMet)
        let sum = line.counts.reduce(0) { $0 + $1.count }
        guard line.counts.count >= 2 || sum > total else { return }
        coverage.partsTotals += 1
        if sum == total || (!complete && sum < total) { return }
        let t = figures[totalFigure]
        let terms = line.counts.map { VietnameseNumber.padded($0.count) }.joined(separator: " + ")
        add(
            CheckFinding(
                kind: .partsTotal, severity: .nghiemTrong, passages: [CheckArithmetic.passage(t)],
                figures: line.counts.map(\.text),
                arithmetic:
                    "\(terms) = \(VietnameseNumber.padded(sum)), báo cáo ghi tổng số \(VietnameseNumber.padded(total)) chỉ tiêu",
                message:
                    "Số chỉ tiêu theo từng mức đánh giá cộng lại là \(VietnameseNumber.padded(sum)), khác với tổng số \(VietnameseNumber.padded(total)) chỉ tiêu."
            ))
    }

    private mutating func checkSummaryAgainstList(
        _ line: VerdictSummaryLine,
        items: (paragraphs: [VerdictMention], rows: [VerdictMention], numbers: [Int], runs: [[VerdictMention]])
    ) {
        let total = line.total ?? line.counts.reduce(0) { $0 + $1.count }
        let list: [VerdictMention]
        if items.rows.count == total, total > 0 {
            list = items.rows
        } else if let run = items.runs.first(where: { $0.count == total }), total > 0 {
            // A numbered list of exactly that many judged items is the list of targets, even when
            // other judged paragraphs elsewhere make the count of all of them agree by chance.
            list = run
        } else if items.paragraphs.count == total, total > 0 {
            list = items.paragraphs
        } else {
            // A numbered list 1…M of another length than the count says.
            let numbers = items.numbers
            if let stated = line.total, numbers.count >= 3, numbers == Array(1...numbers.count),
                numbers.count != stated, items.paragraphs.count == numbers.count
            {
                coverage.verdictCounts += 1
                let passages = line.totalFigure.map { [CheckArithmetic.passage(figures[$0])] } ?? []
                let listed = VietnameseNumber.padded(numbers.count)
                add(
                    CheckFinding(
                        kind: .verdictCount, severity: .canXemLai, passages: passages,
                        figures: ["\(VietnameseNumber.padded(stated)) chỉ tiêu"],
                        arithmetic:
                            "danh sách đánh số 1–\(numbers.count): \(listed) chỉ tiêu, báo cáo ghi \(VietnameseNumber.padded(stated))",
                        message:
                            "Báo cáo ghi tổng số \(VietnameseNumber.padded(stated)) chỉ tiêu nhưng danh sách chỉ tiêu có \(listed) mục."
                    ))
            }
            return
        }
        coverage.verdictCounts += 1
        let separateExceeded = line.counts.contains { $0.word == .exceeded }
        var listed: [VerdictWord: Int] = [:]
        for item in list {
            var word = item.word
            if !separateExceeded && word == .exceeded { word = .met }
            listed[word, default: 0] += 1
        }
        for count in line.counts {
            var word = count.word
            if !separateExceeded && word == .exceeded { word = .met }
            let found = listed[word, default: 0]
            guard found != count.count else { continue }
            let f = figures[count.figure]
            let name: String
            switch word {
            case .exceeded: name = "vượt"
            case .met: name = separateExceeded ? "đạt" : "đạt và vượt"
            case .near: name = "gần đạt"
            case .notMet: name = "chưa đạt"
            case .noData: name = "chưa có số liệu"
            }
            var passages = [CheckArithmetic.passage(f)]
            let matching = list.filter {
                var w = $0.word
                if !separateExceeded && w == .exceeded { w = .met }
                return w == word
            }
            for item in matching.prefix(12) {
                let block = reading.blocks[item.blockIndex]
                passages.append(
                    CheckPassage(
                        location: block.block.location,
                        quote: CheckArithmetic.quote(block.sentenceText(item.sentence), around: item.text, limit: 120),
                        figure: item.text))
            }
            add(
                CheckFinding(
                    kind: .verdictCount, severity: .nghiemTrong, passages: passages, figures: [f.text],
                    arithmetic:
                        "danh sách \(list.count) chỉ tiêu có \(VietnameseNumber.padded(found)) chỉ tiêu \(name), báo cáo ghi \(f.text) \(name)",
                    message:
                        "Báo cáo ghi \(f.text) \(name) nhưng danh sách chỉ tiêu có \(VietnameseNumber.padded(found)) chỉ tiêu \(name)."
                ))
        }
    }
}
