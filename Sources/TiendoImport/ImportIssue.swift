import Foundation

/// What kind of place in a file an issue points at, so the message says "cột" for a CSV column
/// and "khóa" for a YAML key — the words a clerk sees in Excel and in a text editor.
public enum ImportFieldKind: String, Hashable, Sendable {
    /// A CSV column, named by its header.
    case column
    /// A YAML key path, e.g. `chi_tieu[3].dieu_kien.tu`.
    case key
    /// A spreadsheet cell, e.g. `F7`.
    case cell
    /// A field of an API request body.
    case field

    /// The Vietnamese word printed before the field name.
    public var vietnameseName: String {
        switch self {
        case .column: return "cột"
        case .key: return "khóa"
        case .cell: return "ô"
        case .field: return "trường"
        }
    }
}

/// One problem found in an import file: where it is and, in Vietnamese, what is wrong and what
/// to do about it.
public struct ImportIssue: Hashable, Sendable, CustomStringConvertible {
    /// The file's name as the user knows it, e.g. `vn_units_2025.csv`.
    public var fileName: String
    /// The sheet of a workbook, nil for other files.
    public var sheet: String?
    /// The line, 1-based as a text editor shows it; nil when the issue concerns the whole file.
    public var line: Int?
    /// The column (CSV) or key path (YAML); nil when the issue concerns the whole line.
    public var field: String?
    /// Whether `field` is a column or a key.
    public var fieldKind: ImportFieldKind
    /// What is wrong and what to do, in Vietnamese, e.g. "loại đơn vị “Huyen” không hợp lệ; hãy
    /// dùng một trong: Tỉnh, Thành phố, Xã, Phường, Đặc khu".
    public var reason: String

    /// Creates an issue.
    public init(
        fileName: String, sheet: String? = nil, line: Int?, field: String?, fieldKind: ImportFieldKind = .column,
        reason: String
    ) {
        self.fileName = fileName
        self.sheet = sheet
        self.line = line
        self.field = field
        self.fieldKind = fieldKind
        self.reason = reason
    }

    /// One line: `vn_units_2025.csv, dòng 12, cột “kind”: loại đơn vị “Huyen” không hợp lệ; …`.
    public var description: String {
        var place = [fileName]
        if let sheet { place.append("trang “\(sheet)”") }
        if let line, fieldKind != .cell { place.append("dòng \(line)") }
        if let field { place.append(fieldKind == .cell ? "ô \(field)" : "\(fieldKind.vietnameseName) “\(field)”") }
        return place.joined(separator: ", ") + ": " + reason
    }
}

/// The rejection of a whole import file. It lists every issue found, not only the first, so a
/// clerk can fix the file in one pass; a caller that catches it must write nothing.
public struct ImportFailure: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    /// The file that was rejected.
    public var fileName: String
    /// Every issue, in line order.
    public var issues: [ImportIssue]

    /// Creates a failure; issues are put in line order (issues without a line first).
    public init(fileName: String, issues: [ImportIssue]) {
        self.fileName = fileName
        self.issues = issues.enumerated().sorted { a, b in
            let la = a.element.line ?? 0
            let lb = b.element.line ?? 0
            return la != lb ? la < lb : a.offset < b.offset
        }.map(\.element)
    }

    /// One line per issue.
    public var description: String { issues.map(\.description).joined(separator: "\n") }

    /// A one-sentence summary for the top of an error page: "Tệp “x.csv” có 3 lỗi nên chưa nhập
    /// gì; hãy sửa các dòng dưới đây rồi nhập lại."
    public var headline: String {
        "Tệp “\(fileName)” có \(issues.count) lỗi nên chưa nhập gì; hãy sửa "
            + (issues.contains { $0.fieldKind == .cell } ? "các ô" : "các dòng") + " dưới đây rồi nhập lại."
    }

    /// The summary followed by the issues, at most `limit` of them (a file with thousands of bad
    /// rows would otherwise flood a terminal).
    public func report(limit: Int = 50) -> String {
        var lines = [headline]
        lines += issues.prefix(limit).map { "- " + $0.description }
        if issues.count > limit { lines.append("- … và \(issues.count - limit) lỗi khác.") }
        return lines.joined(separator: "\n")
    }

    /// The same lines, for `localizedDescription`.
    public var errorDescription: String? { description }
}

/// Collects issues while a file is read, then throws them all at once.
struct IssueCollector {
    let fileName: String
    let fieldKind: ImportFieldKind
    private(set) var issues: [ImportIssue] = []

    init(fileName: String, fieldKind: ImportFieldKind) {
        self.fileName = fileName
        self.fieldKind = fieldKind
    }

    var isEmpty: Bool { issues.isEmpty }

    mutating func add(line: Int?, field: String?, _ reason: String) {
        issues.append(ImportIssue(fileName: fileName, line: line, field: field, fieldKind: fieldKind, reason: reason))
    }

    mutating func append(contentsOf other: [ImportIssue]) { issues += other }

    /// Throws every collected issue, if any.
    func throwIfAny() throws(ImportFailure) {
        if !issues.isEmpty { throw ImportFailure(fileName: fileName, issues: issues) }
    }
}
