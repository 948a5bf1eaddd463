import ArgumentParser
import Foundation
import TiendoCore
import TiendoStorage

struct AssessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess", abstract: "In bảng đánh giá chỉ tiêu nghị quyết của một đơn vị tại một kỳ.")

    @Option(name: .long, help: "Mã đơn vị, ví dụ 46 (Thành phố Huế) hoặc 19831 (Phường Phong Dinh).")
    var unit: String

    @Option(name: .long, help: "Kỳ đánh giá: 2027, 2027S1, 2027N9, 2027Q3, 2027M09.")
    var at: String

    @Option(name: .long, help: "Mã nghị quyết; mặc định là nghị quyết áp dụng cho đơn vị.")
    var resolution: String?

    func run() async throws {
        let period = try SubjectLookup.period(at)
        let (snapshot, isDemo) = try await withStore { store in (try await store.snapshot(), try await store.isDemo()) }
        let version = try SubjectLookup.unit(code: unit, on: period.span(in: .statistical).end, in: snapshot.directory)
        let chosen = try SubjectLookup.resolution(id: resolution, for: version, in: snapshot)
        let assessed = UnitAssessment(snapshot: snapshot, unit: version, resolution: chosen, period: period)
        say(VerdictTable.render(assessed, isDemo: isDemo))
    }
}

/// The verdict table as text, the way an office lays it out: one row per target, the
/// explanation on the line below.
enum VerdictTable {
    static func render(_ assessed: UnitAssessment, isDemo: Bool) -> String {
        var lines: [String] = []
        lines.append(
            "\(assessed.unit.fullName) — Nghị quyết \(assessed.resolution.symbol) — \(assessed.period.vietnameseLabel)")
        lines.append(assessed.resolution.title)
        if isDemo { lines.append("(Dữ liệu minh họa)") }
        lines.append("")
        let header = ["STT", "Chỉ tiêu", "Kết quả", "Kế hoạch", "Đánh giá", "Dự báo"]
        var rows: [[String]] = []
        for a in assessed.assessments {
            rows.append([
                "\(a.target.number)", a.target.wording, a.tableFigureText ?? "—", a.planText,
                a.verdictLabel,
                a.outlook?.vietnameseName ?? "",
            ])
        }
        let wordingWidth = 44
        let fixedWidths = (2..<header.count).map { column in
            min(28, ([header[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0)
        }
        let numberWidth = max(3, rows.map { $0[0].count }.max() ?? 0)
        func line(_ cells: [String], wording: String) -> String {
            var parts = [pad(cells[0], numberWidth), pad(wording, wordingWidth)]
            for (offset, width) in fixedWidths.enumerated() { parts.append(pad(cells[offset + 2], width)) }
            return parts.joined(separator: "  ").trimmingTrailingSpaces()
        }
        lines.append(line(header, wording: header[1]))
        lines.append(
            String(
                repeating: "─",
                count: numberWidth + wordingWidth + fixedWidths.reduce(0, +) + 2 * (fixedWidths.count + 1)))
        var currentGroup: TargetGroup?
        for (a, row) in zip(assessed.assessments, rows) {
            if a.target.group != currentGroup {
                currentGroup = a.target.group
                lines.append(a.target.group.vietnameseName.uppercased())
            }
            let wrapped = wrap(row[1], width: wordingWidth)
            lines.append(line(row, wording: wrapped.first ?? ""))
            for more in wrapped.dropFirst() {
                lines.append((String(repeating: " ", count: numberWidth + 2) + more).trimmingTrailingSpaces())
            }
            for piece in wrap("→ " + a.explanation, width: 100) {
                lines.append(String(repeating: " ", count: numberWidth + 2) + piece)
            }
        }
        lines.append("")
        let summary = assessed.summary.line
        lines.append(summary.prefix(1).uppercased() + summary.dropFirst() + ".")
        return lines.joined(separator: "\n")
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
