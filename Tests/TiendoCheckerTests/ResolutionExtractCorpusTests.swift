import Foundation
import TiendoChecker
import TiendoCore
import XCTest

/// `tiendo resolution extract` measured on real published resolution texts
/// (Tests/Fixtures/resolutions, sources in its README): every target written by hand, each field
/// compared exactly.
final class ResolutionExtractCorpusTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/resolutions")

    /// One expected target: field name → value as written in the .expected.yaml.
    typealias Expected = [String: String]

    /// The block-style list of flat mappings the expected files use.
    static func expected(_ text: String) -> [Expected] {
        var out: [Expected] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("#")
                || line.trimmingCharacters(in: .whitespaces).isEmpty
            {
                continue
            }
            var body = line
            if line.hasPrefix("- ") {
                out.append([:])
                body = String(line.dropFirst(2))
            }
            guard let colon = body.range(of: ": "), !out.isEmpty else { continue }
            let key = body[..<colon.lowerBound].trimmingCharacters(in: .whitespaces)
            let value = body[colon.upperBound...].trimmingCharacters(in: .whitespaces)
            out[out.count - 1][key] = value
        }
        return out
    }

    /// "{tu: 8, den: 9}" → ["tu": 8, "den": 9], numbers read the Vietnamese way.
    static func condition(_ text: String) -> (kind: String, bounds: [Double], direction: String) {
        let inner = text.trimmingCharacters(in: CharacterSet(charactersIn: "{} "))
        var fields: [String: String] = [:]
        for part in inner.components(separatedBy: ", ") {
            let kv = part.components(separatedBy: ": ")
            guard kv.count == 2 else { continue }
            fields[kv[0].trimmingCharacters(in: .whitespaces)] = kv[1].trimmingCharacters(
                in: CharacterSet(charactersIn: "\" "))
        }
        func number(_ s: String?) -> Double? {
            guard let s else { return nil }
            let negative = s.hasPrefix("-")
            let digits = negative ? String(s.dropFirst()) : s
            guard
                let v = Double(digits.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "."))
            else { return nil }
            return negative ? -v : v
        }
        if let tu = number(fields["tu"]), let den = number(fields["den"]) {
            return ("tu_den", [tu, den], fields["huong"] ?? "càng cao càng tốt")
        }
        for (key, meaning, direction) in [
            ("toi_thieu", "toi_thieu", "càng cao càng tốt"), ("tren", "toi_thieu", "càng cao càng tốt"),
            ("toi_da", "toi_da", "càng thấp càng tốt"), ("duoi", "toi_da", "càng thấp càng tốt"),
            ("ke_hoach", "ke_hoach", "càng cao càng tốt"),
        ] {
            if let v = number(fields[key]) { return (meaning, [v], direction) }
        }
        return ("?", [], "")
    }

    struct Score {
        var total = 0
        var found = 0
        var extra = 0
        var correct: [String: Int] = [:]
        var misses: [String] = []
    }

    static let fields = ["cách tính", "loại điều kiện", "mức", "hướng", "năm hạn", "đơn vị"]

    /// Compares the extractor with every fixture.
    static func score(only: Set<String>? = nil) throws -> Score {
        var score = Score()
        let files = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".txt") }
            .sorted().filter { only?.contains(String($0.dropLast(4))) ?? true }
        for file in files {
            let base = String(file.dropLast(4))
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let expectedText = try String(
                contentsOf: root.appendingPathComponent(base + ".expected.yaml"), encoding: .utf8)
            let targets = ResolutionExtract.targets(in: CheckDocument(plainText: text))
            let expected = Self.expected(expectedText)
            var next = 0
            var used = Set<Int>()
            for (position, item) in expected.enumerated() {
                score.total += 1
                let snippet = VietnameseText.searchKey(item["noi_dung"] ?? "")
                // The first target not yet paired, from the last pairing on, whose words hold the snippet.
                var index = (next..<targets.count).first {
                    !used.contains($0) && VietnameseText.searchKey(targets[$0].statement).contains(snippet)
                }
                // A statement holding this snippet and the next one belongs to the next (the one
                // nearer its number): this item was not read.
                if let found = index, position + 1 < expected.count,
                    VietnameseText.searchKey(targets[found].statement).contains(
                        VietnameseText.searchKey(expected[position + 1]["noi_dung"] ?? "-"))
                {
                    index = nil
                }
                guard let index else {
                    score.misses.append("\(base): không đọc được “\(item["noi_dung"] ?? "")”")
                    continue
                }
                used.insert(index)
                next = index + 1
                score.found += 1
                let target = targets[index]
                let want = condition(item["dieu_kien"] ?? "")
                let gotBounds = target.high.map { [target.low, $0] } ?? [target.low]
                let results: [(String, Bool, String)] = [
                    ("cách tính", target.measure == item["cach_tinh"], target.measure),
                    ("loại điều kiện", target.condition.meaning.rawValue == want.kind, target.condition.rawValue),
                    (
                        "mức",
                        gotBounds.count == want.bounds.count
                            && zip(gotBounds, want.bounds).allSatisfy { abs($0 - $1) < 1e-9 },
                        "\(gotBounds)"
                    ),
                    ("hướng", target.direction == want.direction, target.direction),
                    (
                        "năm hạn", target.deadline.map(String.init) == item["han"],
                        "\(target.deadline.map(String.init) ?? "-")"
                    ),
                    (
                        "đơn vị",
                        target.unit == (item["don_vi"] ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "\"")),
                        target.unit
                    ),
                ]
                for (field, ok, got) in results {
                    if ok {
                        score.correct[field, default: 0] += 1
                    } else {
                        score.misses.append("\(base): “\(item["noi_dung"] ?? "")” \(field): đọc \(got)")
                    }
                }
            }
            score.extra += targets.count - used.count
        }
        return score
    }

    /// Fixtures encoded by hand after the rules were written and not used to change them.
    static let heldOut: Set<String> = ["tuyen-quang-2025-2030", "gia-lai-2025-2030", "tuy-duc-2020-2025"]

    static func describe(_ score: Score, _ title: String) -> String {
        var report = "\(title): \(score.found)/\(score.total) chỉ tiêu đọc được, \(score.extra) thừa\n"
        for field in Self.fields {
            let n = score.correct[field, default: 0]
            let percent = Double(n) / Double(max(score.total, 1)) * 100
            report += String(format: "  %@: %d/%d = %.1f%%\n", field, n, score.total, percent)
        }
        return report
    }

    /// Prints the accuracy per field and holds it at the level measured on 2026-12-08 over all 11
    /// fixtures (106 targets: measure 98, condition kind 103, bounds 104, direction 103, deadline
    /// 101, unit 104; 104 read, none extra). The first 8 fixtures were looked at while writing the
    /// rules; the 3 held-out ones were encoded afterwards and are printed apart. A fall is a
    /// regression; a rise should raise the floor.
    func testAccuracyPerField() throws {
        let score = try Self.score()
        XCTAssertGreaterThanOrEqual(score.total, 60, "the corpus holds every hand-written target")
        var report = Self.describe(score, "Tất cả văn bản")
        report += Self.describe(
            try Self.score(only: Self.heldOut), "Đo kiểm tra (3 văn bản mã hóa sau khi viết quy tắc)")
        for miss in score.misses { report += "  - " + miss + "\n" }
        print(report)
        let floors: [String: Int] = [
            "cách tính": 98, "loại điều kiện": 103, "mức": 104, "hướng": 103, "năm hạn": 101, "đơn vị": 104,
        ]
        for (field, floor) in floors {
            XCTAssertGreaterThanOrEqual(score.correct[field, default: 0], floor, field)
        }
        XCTAssertGreaterThanOrEqual(score.found, 104)
        XCTAssertLessThanOrEqual(score.extra, 0, "no statement proposed that the hand encoding does not have")
    }

    /// A text with no measurable statement gives no target (the command then says so in Vietnamese).
    func testNoTargets() {
        let document = CheckDocument(
            plainText: "Đại hội đã bầu Ban Chấp hành khóa mới.\nPhấn đấu xây dựng xã văn minh.")
        XCTAssertTrue(ResolutionExtract.targets(in: document).isEmpty)
    }

    /// Odd input never traps: empty text, lone marks, numbers at the end, broken ranges.
    func testOddInputDoesNotTrap() {
        for text in [
            "", "%", "(", "1.", "đạt 5", "tăng 8-", "từ 3 đến", "– 5%/", "giảm bình quân ‰", "2025 - 2030:", ";;;",
            "(1) 12",
        ] {
            let targets = ResolutionExtract.targets(in: CheckDocument(plainText: text))
            _ = ResolutionExtractYAML.text(targets: targets, fileName: "x.txt", term: nil)
        }
    }

    /// The documented examples: the new measure and a decrease written negative.
    func testDocumentedExamples() throws {
        let cases: [(String, String, String)] = [
            ("Tỷ lệ hộ nghèo (chuẩn đa chiều) giảm bình quân 1,5%/năm.", "thay đổi bình quân", "{toi_da: \"-1,5\"}"),
            ("Giảm tỷ suất sinh thô 0,3‰/năm.", "thay đổi bình quân", "{toi_da: \"-0,3\"}"),
            ("Tốc độ tăng trưởng kinh tế (GRDP) bình quân 10–11%/năm.", "tăng trưởng bình quân", "{tu: 10, den: 11}"),
            (
                "Số vụ tai nạn giao thông giảm bình quân 5–10%/năm.", "tăng trưởng bình quân",
                "{tu: -10, den: -5, huong: càng thấp càng tốt}"
            ),
            ("Tổng vốn đầu tư toàn xã hội giai đoạn 2026–2030 đạt 250.000 tỷ đồng.", "tổng", "{ke_hoach: \"250.000\"}"),
            ("Bình quân hằng năm giải quyết việc làm cho 18.000 lao động.", "bình quân năm", "{toi_thieu: \"18.000\"}"),
            ("Hằng năm kết nạp 1.000–1.200 đảng viên mới.", "hằng năm", "{tu: \"1.000\", den: \"1.200\"}"),
            ("Đến năm 2030, 100% xã đạt chuẩn nông thôn mới.", "tỷ lệ đơn vị", "{toi_thieu: 100}"),
            ("Tỷ lệ hộ nghèo (chuẩn đa chiều) giảm còn dưới 1,5%.", "mức đạt", "{duoi: \"1,5\"}"),
        ]
        for (text, measure, condition) in cases {
            let targets = ResolutionExtract.targets(in: CheckDocument(plainText: text))
            XCTAssertEqual(targets.count, 1, text)
            guard let target = targets.first else { continue }
            XCTAssertEqual(target.measure, measure, text)
            XCTAssertEqual(ResolutionExtractYAML.condition(target), condition, text)
        }
    }

    /// A sentence with two targets gives two, in order.
    func testTwoTargetsInOneSentence() {
        let text = "Thu ngân sách tăng bình quân 8-9%/năm và tỷ lệ hộ nghèo dưới 0,2% vào năm 2030."
        let targets = ResolutionExtract.targets(in: CheckDocument(plainText: text))
        XCTAssertEqual(targets.map(\.measure), ["tăng trưởng bình quân", "mức đạt"])
        XCTAssertEqual(targets.last?.deadline, 2030)
    }
}
