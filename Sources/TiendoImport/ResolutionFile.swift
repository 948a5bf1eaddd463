import Foundation
import TiendoCore
import Yams

/// The YAML file in which an office writes a resolution, its indicators, targets and revisions
/// by hand. The format — keys in unaccented Vietnamese, values in Vietnamese — is documented for
/// clerks in `docs/resolution-yaml.md`; `docs/examples/nghi-quyet-hue-2025-2030.yaml` is a
/// complete example.
public enum ResolutionFile {
    /// Reads and checks the whole file. A target may use an indicator not declared in the file's
    /// `chi_so` section only when its code is in `knownIndicatorCodes` (the indicators already in
    /// the system). Returns the document, or throws every problem found.
    public static func parse(
        text: String, fileName: String, knownIndicatorCodes: Set<String> = []
    ) throws(ImportFailure) -> ResolutionDocument {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ImportFailure(
                fileName: fileName, issues: [YAMLSyntax.issue(for: error, text: text, fileName: fileName)])
        }
        guard let root, !YAMLReader.isNull(root) else {
            throw ImportFailure(
                fileName: fileName,
                issues: [
                    ImportIssue(
                        fileName: fileName, line: nil, field: nil, fieldKind: .key,
                        reason: "tệp trống; hãy viết nghị quyết theo mẫu trong tài liệu docs/resolution-yaml.md")
                ])
        }
        var parser = ResolutionParser(fileName: fileName, knownIndicatorCodes: knownIndicatorCodes)
        let document = parser.document(root)
        try parser.reader.issues.throwIfAny()
        guard let document else {
            // Every path that yields no document has reported why; this guards the invariant.
            throw ImportFailure(
                fileName: fileName,
                issues: [
                    ImportIssue(
                        fileName: fileName, line: nil, field: nil, fieldKind: .key, reason: "không đọc được tệp")
                ])
        }
        return document
    }

    /// The top-level keys, in the order the documentation presents them.
    static let topLevelKeys = [
        "ma", "don_vi_ban_hanh", "so_ky_hieu", "trich_yeu", "nhiem_ky", "ngay_thong_qua", "chi_so", "chi_tieu",
        "dieu_chinh",
    ]
}

/// Reads the document tree; one instance per file.
struct ResolutionParser {
    var reader: YAMLReader
    let fileName: String
    let knownIndicatorCodes: Set<String>
    /// The term, once read; checks that depend on it are skipped when it is unreadable.
    var term: ClosedRange<Int>?
    /// Indicators declared in the file, by code.
    var declared: [String: Indicator] = [:]

    init(fileName: String, knownIndicatorCodes: Set<String>) {
        self.reader = YAMLReader(fileName: fileName)
        self.fileName = fileName
        self.knownIndicatorCodes = knownIndicatorCodes
    }

    mutating func document(_ root: Node) -> ResolutionDocument? {
        let misplaced = Dictionary(
            (ResolutionParser.targetKeys + ResolutionParser.indicatorKeys)
                .filter { !ResolutionFile.topLevelKeys.contains($0) }
                .map {
                    (
                        $0,
                        "khóa này thuộc về từng chỉ tiêu (trong danh sách chi_tieu) hoặc từng chỉ số (trong danh sách chi_so); hãy thụt lề cho đúng chỗ"
                    )
                },
            uniquingKeysWith: { a, _ in a })
        guard
            let top = reader.map(
                root, path: "", allowed: ResolutionFile.topLevelKeys, misplaced: misplaced, what: "nghị quyết")
        else { return nil }

        let id = reader.text(top, "ma", required: "mã ngắn của nghị quyết, chữ không dấu, ví dụ hue-2025-2030")
        if let id,
            !id.unicodeScalars.allSatisfy({
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0))
            })
        {
            reader.add(
                top.line("ma"), "ma",
                "mã nghị quyết “\(id)” chỉ được gồm chữ không dấu, chữ số và dấu gạch ngang (-), không có dấu cách; ví dụ hue-2025-2030"
            )
        }
        let unitCode = reader.text(
            top, "don_vi_ban_hanh",
            required: "mã đơn vị ban hành theo Quyết định 19/2025/QĐ-TTg, ví dụ \"46\" (Thành phố Huế)")
        let symbol = reader.text(top, "so_ky_hieu", required: "số, ký hiệu của nghị quyết, ví dụ 01-NQ/ĐH")
        let title = reader.text(top, "trich_yeu", required: "trích yếu (tên) của nghị quyết")
        term = termRange(top)
        let adopted = reader.date(top, "ngay_thong_qua", required: "ngày thông qua, ví dụ 15/10/2025")
        if let adopted, let term, let problem = ResolutionRules.adoption(adopted, term: term) {
            report(problem, top, "ngay_thong_qua")
        }

        let indicators = indicatorList(top)
        var targets: [Target] = []
        var broken: Set<Int> = []
        if reader.require(top, "chi_tieu", "danh sách các chỉ tiêu, mỗi chỉ tiêu bắt đầu bằng “- so: …”"),
            let items = reader.list(top, "chi_tieu", what: "chi_tieu")
        {
            if items.isEmpty {
                reader.add(top.line("chi_tieu"), "chi_tieu", "danh sách chỉ tiêu trống; hãy ghi ít nhất một chỉ tiêu")
            }
            var numbers: [Int: Int] = [:]
            for (index, item) in items.enumerated() {
                let path = "chi_tieu[\(index + 1)]"
                let (number, target) = target(item, path: path, base: nil)
                guard let number else { continue }
                let line = item.mark?.line ?? top.line("chi_tieu")
                if let first = numbers[number] {
                    reader.add(
                        line, path + ".so",
                        "số chỉ tiêu \(number) đã dùng ở dòng \(first); mỗi chỉ tiêu phải có một số khác nhau")
                    continue
                }
                numbers[number] = line
                if let target { targets.append(target) } else { broken.insert(number) }
            }
        }
        let revisions = revisionList(top, adopted: adopted, targets: targets, broken: broken)

        guard let id, let unitCode, let symbol, let title, let term, let adopted else { return nil }
        return ResolutionDocument(
            fileName: fileName, id: id, issuingUnitCode: unitCode, issuingUnitCodeLine: top.line("don_vi_ban_hanh"),
            symbol: symbol, title: title, termStart: term.lowerBound, termEnd: term.upperBound, adoptedOn: adopted,
            indicators: indicators, targets: targets, revisions: revisions, assumptions: reader.assumptions)
    }

    /// `nhiem_ky: 2025-2030` (also with an en dash or spaces).
    private mutating func termRange(_ top: YAMLMap) -> ClosedRange<Int>? {
        guard let raw = reader.text(top, "nhiem_ky", required: "nhiệm kỳ, ví dụ 2025-2030") else { return nil }
        let parts = raw.split(whereSeparator: { "-–—".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, parts.allSatisfy({ $0.count == 4 }), let start = Int(parts[0]), let end = Int(parts[1]),
            (1900...2200).contains(start)
        else {
            reader.add(
                top.line("nhiem_ky"), "nhiem_ky",
                "nhiệm kỳ “\(raw)” không hợp lệ; hãy ghi năm đầu và năm cuối, ví dụ 2025-2030")
            return nil
        }
        if let problem = ResolutionRules.term(start: start, end: end) {
            report(problem, top, "nhiem_ky")
            return nil
        }
        return start...end
    }

    /// `dieu_chinh`: revisions; their targets inherit every key they leave out from the adopted
    /// target with the same number.
    private mutating func revisionList(
        _ top: YAMLMap, adopted: CivilDate?, targets: [Target], broken: Set<Int>
    ) -> [ResolutionRevision] {
        guard let items = reader.list(top, "dieu_chinh", what: "dieu_chinh") else { return [] }
        let byNumber = Dictionary(targets.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        var revisions: [ResolutionRevision] = []
        for (index, item) in items.enumerated() {
            let path = "dieu_chinh[\(index + 1)]"
            guard
                let map = reader.map(
                    item, path: path, allowed: ["so_ky_hieu", "trich_yeu", "ngay_hieu_luc", "chi_tieu"],
                    what: "điều chỉnh")
            else { continue }
            let symbol = reader.text(map, "so_ky_hieu", required: "số, ký hiệu văn bản điều chỉnh, ví dụ 12-NQ/TU")
            let title = reader.text(map, "trich_yeu", required: "trích yếu văn bản điều chỉnh")
            let effective = reader.date(
                map, "ngay_hieu_luc", required: "ngày các chỉ tiêu điều chỉnh bắt đầu áp dụng, ví dụ 01/01/2028")
            if let effective, let adopted, let problem = ResolutionRules.effective(effective, adoptedOn: adopted) {
                report(problem, map, "ngay_hieu_luc")
            }
            if let effective, let term, let problem = ResolutionRules.effective(effective, term: term) {
                report(problem, map, "ngay_hieu_luc")
            }
            var revised: [Target] = []
            if reader.require(
                map, "chi_tieu", "danh sách các chỉ tiêu được điều chỉnh, mỗi chỉ tiêu bắt đầu bằng “- so: …”"),
                let targetItems = reader.list(map, "chi_tieu", what: "chi_tieu")
            {
                var seen: [Int: Int] = [:]
                for (targetIndex, targetItem) in targetItems.enumerated() {
                    let targetPath = map.path("chi_tieu") + "[\(targetIndex + 1)]"
                    let (number, target) = target(targetItem, path: targetPath, base: byNumber, broken: broken)
                    guard let number else { continue }
                    let line = targetItem.mark?.line ?? map.line
                    if let first = seen[number] {
                        reader.add(
                            line, targetPath + ".so",
                            "chỉ tiêu số \(number) đã được điều chỉnh ở dòng \(first) trong cùng văn bản; hãy gộp lại làm một"
                        )
                    } else {
                        seen[number] = line
                        if let target { revised.append(target) }
                    }
                }
            }
            if let symbol, let title, let effective {
                revisions.append(
                    ResolutionRevision(symbol: symbol, title: title, effectiveFrom: effective, targets: revised))
            }
        }
        return revisions
    }
}

/// Turns Yams' English syntax errors into messages a clerk can act on.
enum YAMLSyntax {
    static func issue(for error: Error, text: String, fileName: String) -> ImportIssue {
        func make(_ line: Int?, _ reason: String) -> ImportIssue {
            ImportIssue(fileName: fileName, line: line, field: nil, fieldKind: .key, reason: reason)
        }
        guard let yamlError = error as? YamlError else {
            return make(nil, "không đọc được tệp YAML (\(error)); hãy kiểm tra tệp được lưu dạng văn bản UTF-8")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let (line, reason) = explain(problem: problem, context: context, mark: mark, text: text)
            return make(line, reason)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams points at the first occurrence; the clerk needs the second one too.
            let keys = duplicates.sorted()
            let first = context.mark.line
            let second = keys.first.flatMap { secondLine(of: $0, after: first, in: text) }
            let keyList = keys.map { "“\($0)”" }.joined(separator: ", ")
            let place = second.map { _ in " (lần đầu ở dòng \(first))" } ?? ""
            return make(
                second ?? first,
                "khóa \(keyList) được ghi hai lần trong cùng một mục\(place); mỗi khóa chỉ ghi một lần — hãy xóa dòng thừa (hoặc, nếu là hai chỉ tiêu khác nhau, hãy bắt đầu chỉ tiêu sau bằng dấu gạch “- ”)"
            )
        case .reader(let problem, _, _, _):
            return make(nil, "tệp không phải văn bản UTF-8 hợp lệ (\(problem)); hãy lưu lại tệp với bảng mã UTF-8")
        default:
            return make(nil, "không đọc được tệp YAML (\(yamlError)); hãy kiểm tra cú pháp")
        }
    }

    /// The first line after `line` that starts with `key:` (after indentation and a list dash).
    private static func secondLine(of key: String, after line: Int, in text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line < lines.count else { return nil }
        for index in line..<lines.count {
            var rest = lines[index].drop(while: { $0 == " " })
            if rest.hasPrefix("- ") { rest = rest.dropFirst(2).drop(while: { $0 == " " }) }
            if rest.hasPrefix(key + ":") { return index + 1 }
        }
        return nil
    }

    /// The line to point at and what to tell the clerk.
    private static func explain(problem: String, context: YamlError.Context?, mark: Mark, text: String) -> (Int, String)
    {
        let (line, reason) = explainText(problem: problem, context: context, mark: mark, text: text)
        return (line ?? mark.line, reason)
    }

    private static func explainText(
        problem: String, context: YamlError.Context?, mark: Mark, text: String
    ) -> (Int?, String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let lineText = mark.line - 1 < lines.count && mark.line >= 1 ? String(lines[mark.line - 1]) : ""
        let scalars = Array(lineText.unicodeScalars)
        let character = mark.column - 1 < scalars.count && mark.column >= 1 ? scalars[mark.column - 1] : nil
        let contextText = context?.text ?? ""

        if problem.contains("tab character") {
            return (nil, "dòng này dùng phím Tab; YAML chỉ cho thụt lề bằng dấu cách — hãy thay Tab bằng dấu cách")
        }
        if problem.contains("cannot start any token") {
            if character == "\t" {
                return (nil, "dòng này dùng phím Tab; YAML chỉ cho thụt lề bằng dấu cách — hãy thay Tab bằng dấu cách")
            }
            if let character {
                return (
                    nil,
                    "giá trị không được bắt đầu bằng ký tự “\(character)”; hãy đặt cả giá trị trong ngoặc kép, ví dụ don_vi_tinh: \"%\""
                )
            }
        }
        if problem.contains("mapping values are not allowed") {
            return (
                nil,
                "có dấu hai chấm “:” trong giá trị hoặc thụt lề sai; nếu giá trị có dấu hai chấm, hãy đặt cả giá trị trong ngoặc kép, ví dụ noi_dung: \"Tỷ lệ: 98%\""
            )
        }
        if problem.contains("unknown escape") {
            return (
                nil,
                "trong ngoặc kép \"…\" không được dùng dấu gạch chéo ngược “\\”; hãy dùng ngoặc đơn '…' hoặc bỏ dấu “\\”"
            )
        }
        if contextText.contains("quoted scalar") || problem.contains("end of stream") && contextText.contains("scalar")
        {
            let opened = context.map { " ở dòng \($0.mark.line)" } ?? ""
            return (
                context?.mark.line,
                "dấu ngoặc kép mở\(opened) chưa được đóng; hãy thêm dấu ngoặc kép đóng ở cuối giá trị"
            )
        }
        if contextText.contains("flow mapping") || contextText.contains("flow sequence")
            || problem.contains("',' or '}'")
            || problem.contains("',' or ']'")
        {
            return (
                nil,
                "dấu ngoặc { } hoặc [ ] chưa được đóng, hoặc thiếu dấu phẩy giữa hai khóa; ví dụ đúng: dieu_kien: {tu: 10, den: 11}"
            )
        }
        if problem.contains("expected key") || problem.contains("expected '-' indicator")
            || problem.contains("block sequence entries are not allowed")
        {
            return (
                nil,
                "thụt lề không khớp với các dòng trên: các khóa cùng một mục phải thẳng cột, mục con thụt vào bằng dấu cách, mỗi chỉ tiêu bắt đầu bằng “- ”"
            )
        }
        if problem.contains("could not find expected ':'") {
            return (
                nil,
                "thiếu dấu hai chấm “:” sau tên khóa (ví dụ “noi_dung: …”), hoặc một giá trị bị xuống dòng giữa chừng — hãy đặt giá trị dài trong ngoặc kép"
            )
        }
        return (
            nil,
            "tệp không đúng cú pháp YAML (\(problem)); hãy kiểm tra thụt lề bằng dấu cách, dấu hai chấm sau mỗi khóa và các cặp ngoặc kép"
        )
    }
}
