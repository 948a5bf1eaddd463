import Foundation
import TiendoCore
import Yams

/// A YAML mapping whose keys have been checked against the keys a format allows. Keys are
/// matched in `noi_dung` form, so "Nội dung" or "NOI_DUNG" also work.
struct YAMLMap {
    struct Entry {
        /// The key as written.
        var written: String
        var keyLine: Int
        var value: Node
    }

    /// The key path of the mapping itself, e.g. `chi_tieu[2]`; empty at the top.
    let path: String
    /// The line the mapping starts on.
    let line: Int
    /// Entries by canonical key.
    let entries: [String: Entry]

    func has(_ key: String) -> Bool { entries[key] != nil }

    func path(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// The line of the value (or of the key when the value has no mark), else of the mapping.
    func line(_ key: String) -> Int {
        guard let entry = entries[key] else { return line }
        return entry.value.mark?.line ?? entry.keyLine
    }
}

/// Reads Yams nodes into values, collecting a Vietnamese issue for everything wrong instead of
/// stopping at the first.
struct YAMLReader {
    var issues: IssueCollector
    /// How ambiguous numbers were read.
    var assumptions: [ImportIssue] = []

    init(fileName: String) {
        issues = IssueCollector(fileName: fileName, fieldKind: .key)
    }

    mutating func add(_ line: Int?, _ field: String?, _ reason: String) {
        issues.add(line: line, field: field, reason)
    }

    // MARK: - Structure

    /// Checks that `node` is a mapping and that every key is allowed; reports unknown keys with a
    /// suggestion (or, for a key that belongs elsewhere, where to put it).
    mutating func map(
        _ node: Node, path: String, allowed: [String], misplaced: [String: String] = [:], what: String
    ) -> YAMLMap? {
        guard case .mapping(let mapping) = node else {
            add(
                node.mark?.line, path.isEmpty ? nil : path,
                "\(what) phải là một nhóm khóa (mỗi dòng “khóa: giá trị”), không phải \(Self.describe(node))")
            return nil
        }
        let line = mapping.mark?.line ?? node.mark?.line ?? 1
        var entries: [String: YAMLMap.Entry] = [:]
        var previousValueLine: Int?
        for (keyNode, value) in mapping {
            defer { previousValueLine = value.mark?.line }
            let keyLine = keyNode.mark?.line ?? line
            guard case .scalar(let keyScalar) = keyNode else {
                add(keyLine, path.isEmpty ? nil : path, "tên khóa phải là một chữ, ví dụ noi_dung")
                continue
            }
            let written = keyScalar.string
            let canonical = ImportText.keyForm(written)
            let fieldPath = path.isEmpty ? written : path + "." + written
            if allowed.contains(canonical) {
                if let first = entries[canonical] {
                    add(
                        keyLine, fieldPath,
                        "khóa “\(canonical)” đã được ghi ở dòng \(first.keyLine) trong cùng mục này; hãy xóa một lần")
                } else {
                    entries[canonical] = YAMLMap.Entry(written: written, keyLine: keyLine, value: value)
                }
                continue
            }
            if !canonical.isEmpty, canonical.allSatisfy(\.isNumber), Self.isNull(value), previousValueLine == keyLine {
                // `{toi_da: 1,5}`: inside braces the comma separates entries, so "5" became a key
                // (with no value) on the line of the previous value.
                add(
                    keyLine, fieldPath,
                    "trong dấu ngoặc nhọn { } dấu phẩy dùng để ngăn các khóa, nên số thập phân có dấu phẩy phải đặt trong ngoặc kép, ví dụ {toi_da: \"1,5\"}; hoặc viết mỗi khóa trên một dòng riêng"
                )
                continue
            }
            var reason = "khóa “\(written)” không có trong mẫu \(what)"
            if let hint = misplaced[canonical] {
                reason += "; \(hint)"
            } else if let guess = KeySuggestion.closest(to: written, among: allowed) {
                reason += "; có phải là “\(guess)”? Hãy sửa tên khóa"
            } else {
                reason += "; các khóa được dùng ở đây: " + allowed.joined(separator: ", ")
            }
            add(keyLine, fieldPath, reason)
        }
        return YAMLMap(path: path, line: line, entries: entries)
    }

    /// The items of a list under `key`; an absent or empty key gives nil.
    mutating func list(_ map: YAMLMap, _ key: String, what: String) -> [Node]? {
        guard let entry = map.entries[key], !Self.isNull(entry.value) else { return nil }
        guard case .sequence(let sequence) = entry.value else {
            add(
                map.line(key), map.path(key),
                "\(what) phải là một danh sách, mỗi mục bắt đầu bằng dấu gạch “- ” ở đầu dòng, không phải \(Self.describe(entry.value))"
            )
            return nil
        }
        return Array(sequence)
    }

    /// Reports a required key that is absent or empty; returns whether it has a value.
    mutating func require(_ map: YAMLMap, _ key: String, _ explanation: String, context: String = "") -> Bool {
        if let entry = map.entries[key], !Self.isNull(entry.value) { return true }
        if map.entries[key] != nil {
            add(map.line(key), map.path(key), "khóa “\(key)” để trống; hãy ghi \(explanation)\(context)")
        } else {
            add(
                map.line, map.path.isEmpty ? key : map.path(key),
                "thiếu khóa “\(key)”; hãy thêm dòng “\(key): …” ghi \(explanation)\(context)")
        }
        return false
    }

    // MARK: - Scalars

    /// The trimmed, NFC text under `key`; nil when absent or empty (reported when `required`).
    mutating func text(_ map: YAMLMap, _ key: String, required: String? = nil, context: String = "") -> String? {
        if let required, !require(map, key, required, context: context) { return nil }
        guard let entry = map.entries[key], !Self.isNull(entry.value) else { return nil }
        guard case .scalar(let scalar) = entry.value else {
            add(
                map.line(key), map.path(key),
                "“\(key)” phải là một giá trị trên cùng dòng, không phải \(Self.describe(entry.value))")
            return nil
        }
        let text = VietnameseText.nfc(scalar.string.trimmingCharacters(in: .whitespacesAndNewlines))
        return text.isEmpty ? nil : text
    }

    /// A number written as YAML ("10", "1.5") or as Vietnamese text ("25.000", "1,5"); a
    /// trailing "%" or "%/năm" is allowed.
    mutating func number(_ map: YAMLMap, _ key: String, required: String? = nil, context: String = "") -> Double? {
        guard let raw = text(map, key, required: required, context: context) else { return nil }
        var cleaned = raw
        for suffix in ["%/năm", "% / năm", "%"] where cleaned.hasSuffix(suffix) {
            cleaned = String(cleaned.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        switch VietnameseNumber.parse(cleaned) {
        case .success(let parsed):
            guard parsed.value.isFinite else {
                add(map.line(key), map.path(key), "số “\(raw)” không hợp lệ; hãy ghi một con số, ví dụ 25.000 hoặc 1,5")
                return nil
            }
            if let assumption = parsed.assumption {
                assumptions.append(
                    ImportIssue(
                        fileName: issues.fileName, line: map.line(key), field: map.path(key), fieldKind: .key,
                        reason: "số “\(raw)”: \(assumption)"))
            }
            return parsed.value
        case .failure(let error):
            var reason = error.message
            if raw.contains(where: \.isLetter) {
                reason += "; ở đây chỉ ghi con số — đơn vị tính (tỷ đồng, người, …) đã khai báo ở chỉ số"
            }
            add(map.line(key), map.path(key), reason)
            return nil
        }
    }

    /// A whole number within `range`.
    mutating func integer(
        _ map: YAMLMap, _ key: String, range: ClosedRange<Int>, required: String? = nil, what: String,
        context: String = ""
    ) -> Int? {
        guard let raw = text(map, key, required: required, context: context) else { return nil }
        guard let value = Int(raw), raw.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) else {
            add(map.line(key), map.path(key), "\(what) “\(raw)” phải là một số nguyên, ví dụ \(range.lowerBound)")
            return nil
        }
        guard range.contains(value) else {
            add(
                map.line(key), map.path(key),
                "\(what) \(value) nằm ngoài khoảng cho phép (từ \(range.lowerBound) đến \(range.upperBound))")
            return nil
        }
        return value
    }

    /// A four-digit year.
    mutating func year(_ map: YAMLMap, _ key: String, required: String? = nil, what: String) -> Int? {
        integer(map, key, range: 1900...2200, required: required, what: what)
    }

    /// A date written 15/10/2025 or 2025-10-15.
    mutating func date(_ map: YAMLMap, _ key: String, required: String? = nil) -> CivilDate? {
        guard let raw = text(map, key, required: required) else { return nil }
        if let date = CivilDate(iso: raw) ?? VietnameseDate.parse(raw) { return date }
        add(
            map.line(key), map.path(key),
            "ngày “\(raw)” không hợp lệ; hãy ghi ngày theo dạng ngày/tháng/năm, ví dụ 15/10/2025 (hoặc 2025-10-15)")
        return nil
    }

    /// One of a fixed set of words; `options` pairs the words accepted (compared without
    /// diacritics, case or punctuation) with the value; the first word of each is shown in
    /// messages.
    mutating func choice<T>(
        _ map: YAMLMap, _ key: String, options: [(words: [String], value: T)], required: String? = nil, what: String
    ) -> T? {
        guard let raw = text(map, key, required: required) else { return nil }
        let typed = ImportText.wordForm(raw)
        for option in options where option.words.contains(where: { ImportText.wordForm($0) == typed }) {
            return option.value
        }
        let shown = options.map { "“\($0.words[0])”" }.joined(separator: ", ")
        var reason = "\(what) “\(raw)” không hợp lệ; hãy ghi một trong: \(shown)"
        if let guess = KeySuggestion.closest(to: raw, among: options.flatMap(\.words)),
            let option = options.first(where: { $0.words.contains(guess) })
        {
            reason = "\(what) “\(raw)” không hợp lệ; có phải là “\(option.words[0])”? Các giá trị được dùng: \(shown)"
        }
        add(map.line(key), map.path(key), reason)
        return nil
    }

    // MARK: - Helpers

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        if scalar.style == .singleQuoted || scalar.style == .doubleQuoted { return scalar.string.isEmpty }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return "giá trị “\(scalar.string)”"
        case .mapping: return "một nhóm khóa"
        case .sequence: return "một danh sách"
        case .alias: return "một bí danh (*)"
        }
    }
}
