import Foundation
import TiendoChecker
import TiendoCore

/// The audit test corpus in Tests/Fixtures/audit: seeds (real public reports), reports written for
/// the tests with their expected findings, held-out reports, and mutations.
enum CheckCorpus {
    /// Tests/Fixtures/audit, found from this file's path (test targets cannot read other folders
    /// as resources).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/audit")

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    static func files(in folder: String, ext: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { folder + "/" + $0 }
    }

    /// One expected finding: its kind and figures as written in the report.
    struct Expectation: Hashable, CustomStringConvertible {
        var kind: CheckFindingKind
        var figures: [String]

        /// "restatedFigure | 243 đảng viên ; 247 đảng viên".
        init?(line: String) {
            let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let kind = parts.first.flatMap({ CheckFindingKind(rawValue: $0) }) else { return nil }
            self.kind = kind
            self.figures =
                parts.count > 1
                ? parts[1].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                : []
        }

        func isMet(by finding: CheckFinding) -> Bool {
            finding.kind == kind && figures.allSatisfy { finding.figures.contains($0) }
        }

        var description: String { "\(kind.rawValue) | \(figures.joined(separator: " ; "))" }
    }

    static func expectations(_ text: String) -> [Expectation] {
        text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }.compactMap {
            Expectation(line: $0)
        }
    }

    /// A mutation: `find` (present exactly once) replaced by `replace` in `file`.
    struct Mutation {
        var file: String
        var name: String
        var find: String
        var replace: String
        var expected: [Expectation]
    }

    static func mutations() throws -> [Mutation] {
        var result: [Mutation] = []
        for block in try text("mutations.txt").components(separatedBy: "\n\n") {
            var fields: [String: String] = [:]
            var expected: [Expectation] = []
            for line in block.split(separator: "\n").map(String.init) where !line.hasPrefix("#") {
                guard let colon = line.range(of: ": ") else { continue }
                let key = String(line[..<colon.lowerBound])
                let value = String(line[colon.upperBound...])
                if key == "expect" {
                    if let e = Expectation(line: value) { expected.append(e) }
                } else {
                    fields[key] = value
                }
            }
            guard let file = fields["file"], let find = fields["find"], let replace = fields["replace"] else {
                continue
            }
            result.append(
                Mutation(file: file, name: fields["name"] ?? find, find: find, replace: replace, expected: expected))
        }
        return result
    }

    /// How a report's findings compare with what was expected.
    struct Score {
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0
        var unexpected: [String] = []
        var missed: [String] = []

        mutating func add(_ other: Score) {
            truePositives += other.truePositives
            falsePositives += other.falsePositives
            falseNegatives += other.falseNegatives
            unexpected += other.unexpected
            missed += other.missed
        }

        var precision: Double {
            truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
        }
        var recall: Double {
            truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
        }
    }

    /// Matches each expectation with a distinct finding; findings left over are false positives.
    static func score(_ report: CheckReport, expected: [Expectation], label: String) -> Score {
        var score = Score()
        var remaining = report.findings
        for expectation in expected {
            if let index = remaining.firstIndex(where: expectation.isMet) {
                remaining.remove(at: index)
                score.truePositives += 1
            } else {
                score.falseNegatives += 1
                score.missed.append("\(label): \(expectation)")
            }
        }
        score.falsePositives = remaining.count
        score.unexpected = remaining.map { "\(label): \($0.kind.rawValue) \($0.figures) — \($0.message)" }
        return score
    }

    static func percent(_ x: Double) -> String { VietnameseNumber.format(x * 100, maxDecimals: 1) + "%" }
}
