import Foundation
import TiendoCore

/// One row of a list of quality ratings, read and checked but with the unit still a code (the
/// use case resolves it against the directory).
public struct QualityRatingRow: Hashable, Sendable {
    /// The line of the file (or of the text box) the row was read from.
    public var line: Int
    public var year: Int
    public var unitCode: String
    public var kind: RatedSubjectKind
    public var group: String
    public var subject: String
    public var level: QualityLevel
    public var note: String?

    /// Creates a row.
    public init(
        line: Int, year: Int, unitCode: String, kind: RatedSubjectKind, group: String, subject: String,
        level: QualityLevel, note: String?
    ) {
        self.line = line
        self.year = year
        self.unitCode = unitCode
        self.kind = kind
        self.group = VietnameseText.normalizedName(group)
        self.subject = VietnameseText.normalizedName(subject)
        self.level = level
        self.note = note.map(VietnameseText.normalizedName).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The rating, once the unit is known.
    public func rating(unitID: UnitID) -> QualityRating {
        QualityRating(
            year: year, unitID: unitID, kind: kind, group: group, subject: subject, level: level, note: note)
    }
}

/// The list of quality ratings of party organisations and members for a year (docs/xep-loai.md):
/// a CSV file with the header `nam;ma_don_vi;loai;nhom;ten;xep_loai;ghi_chu` (`;` or `,`, UTF-8
/// with or without BOM; `nhom` and `ghi_chu` may be left out), or the lines typed on the web page.
/// Every problem is reported with its line and column; a file with any problem writes nothing.
public enum QualityRatingFile {
    /// Every column the file may have.
    public static let columns = ["nam", "ma_don_vi", "loai", "nhom", "ten", "xep_loai", "ghi_chu"]
    /// The columns it must have.
    public static let requiredColumns = ["nam", "ma_don_vi", "loai", "ten", "xep_loai"]

    /// Reads a CSV file (already decoded; see `ImportEncoding`). Throws every problem found.
    public static func parse(text: String, fileName: String) throws(ImportFailure) -> [QualityRatingRow] {
        let (rows, issues) = try read(text: text, fileName: fileName)
        if !issues.isEmpty { throw ImportFailure(fileName: fileName, issues: issues) }
        return rows
    }

    /// Reads a CSV file and returns the valid rows with the problems of the others, so that a
    /// caller can add its own checks (units, scope) and report everything at once. Throws only
    /// when nothing can be read (quotes, header).
    public static func read(text: String, fileName: String) throws(ImportFailure) -> (
        rows: [QualityRatingRow], issues: [ImportIssue]
    ) {
        let separator = CSVReader.detectSeparator(text)
        let table = try CSVTable.read(text, fileName: fileName, requiredColumns: requiredColumns, separator: separator)
        var issues = IssueCollector(fileName: fileName, fieldKind: .column)
        issues.append(contentsOf: table.problems)
        // `columns` is a constant list of distinct names, and `cell` is only called with names
        // from it, so neither the dictionary nor the unwrap below can trap on a file's content.
        let index = Dictionary(uniqueKeysWithValues: columns.map { ($0, table.index(of: $0)) })
        var rows: [QualityRatingRow] = []
        for record in table.rows {
            let cell = { (column: String) in table.value(record, at: index[column] ?? nil) }
            let line = record.line
            var valid = true
            func reject(_ column: String, _ reason: String) {
                issues.add(line: line, field: column, reason)
                valid = false
            }
            let yearText = cell("nam")
            var year = 0
            // `yearProblem` is nil only for four ASCII digits that `Int` reads (2000–2100).
            if let problem = yearProblem(yearText) { reject("nam", problem) } else { year = Int(yearText) ?? 0 }
            let unitCode = cell("ma_don_vi")
            if unitCode.isEmpty {
                reject("ma_don_vi", "ô mã đơn vị để trống; hãy ghi mã xã, phường hoặc tỉnh, ví dụ 19831")
            } else if !unitCode.allSatisfy(\.isNumber) {
                reject(
                    "ma_don_vi",
                    "mã đơn vị “\(unitCode)” không hợp lệ; mã đơn vị chỉ gồm chữ số (2 chữ số cho tỉnh, 5 cho xã, phường), ví dụ 19831"
                )
            }
            let kindText = cell("loai")
            let kind = RatedSubjectKind(typed: kindText)
            if kind == nil {
                reject(
                    "loai",
                    kindText.isEmpty
                        ? "ô loại để trống; hãy ghi một trong: \(RatedSubjectKind.acceptedForms)"
                        : "loại “\(kindText)” không hợp lệ; hãy ghi một trong: \(RatedSubjectKind.acceptedForms)")
            }
            let subject = VietnameseText.normalizedName(cell("ten"))
            if subject.isEmpty { reject("ten", "ô tên để trống; hãy ghi tên tổ chức đảng hoặc họ tên đảng viên") }
            let levelText = cell("xep_loai")
            let level = QualityLevel(typed: levelText)
            if level == nil { reject("xep_loai", levelProblem(levelText)) }
            guard valid, let kind, let level else { continue }
            rows.append(
                QualityRatingRow(
                    line: line, year: year, unitCode: unitCode, kind: kind, group: cell("nhom"), subject: subject,
                    level: level, note: cell("ghi_chu")))
        }
        issues.append(contentsOf: duplicates(rows, fileName: fileName, nameField: "ten", fieldKind: .column))
        return (rows, issues.issues)
    }

    /// The field names of a line typed on the web page, in order.
    public static let lineFields = ["tên", "nhóm", "xếp loại", "ghi chú"]

    /// Reads the lines typed on the web page for one kind of subject of one unit and year: one
    /// subject a line, `tên; nhóm; xếp loại` with an optional `; ghi chú` — separated by `;`
    /// or by tabs (cells pasted from Excel). Blank lines are skipped. `boxName` names the text
    /// box in messages, e.g. "Đảng viên".
    public static func parseLines(
        _ text: String, boxName: String, year: Int, unitCode: String, kind: RatedSubjectKind
    ) throws(ImportFailure) -> [QualityRatingRow] {
        var issues = IssueCollector(fileName: boxName, fieldKind: .field)
        var rows: [QualityRatingRow] = []
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, raw) in lines.enumerated() {
            let line = offset + 1
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let separator: Character = trimmed.contains("\t") ? "\t" : ";"
            let parts = trimmed.split(separator: separator, omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if parts.count < 3 || parts.count > 4 {
                issues.add(
                    line: line, field: nil,
                    "dòng có \(parts.count) phần nhưng phải có 3 hoặc 4 phần cách nhau bởi dấu chấm phẩy: "
                        + "tên; nhóm; xếp loại; ghi chú (không bắt buộc), ví dụ “Nguyễn Văn An; Chi bộ Khu vực 3; HTTNV”"
                )
                continue
            }
            var valid = true
            let subject = VietnameseText.normalizedName(parts[0])
            if subject.isEmpty {
                issues.add(line: line, field: "tên", "tên để trống; hãy ghi tên tổ chức đảng hoặc họ tên đảng viên")
                valid = false
            }
            let level = QualityLevel(typed: parts[2])
            if level == nil {
                issues.add(line: line, field: "xếp loại", levelProblem(parts[2]))
                valid = false
            }
            guard valid, let level else { continue }
            rows.append(
                QualityRatingRow(
                    line: line, year: year, unitCode: unitCode, kind: kind, group: parts[1], subject: subject,
                    level: level, note: parts.count == 4 ? parts[3] : nil))
        }
        issues.append(contentsOf: duplicates(rows, fileName: boxName, nameField: "tên", fieldKind: .field))
        try issues.throwIfAny()
        return rows
    }

    /// The lines of `ratings` as `parseLines` reads them back (for the text boxes of the page).
    public static func lines(_ ratings: [QualityRating]) -> String {
        ratings.map { rating in
            var parts = [rating.subject, rating.group, rating.level.vietnameseName]
            if let note = rating.note { parts.append(note) }
            return parts.joined(separator: "; ")
        }.joined(separator: "\n")
    }

    static func yearProblem(_ text: String) -> String? {
        if text.isEmpty { return "ô năm để trống; hãy ghi năm đánh giá, ví dụ 2025" }
        guard text.count == 4, let year = Int(text), (2000...2100).contains(year) else {
            return "năm “\(text)” không hợp lệ; hãy ghi năm đánh giá bằng 4 chữ số, ví dụ 2025"
        }
        return nil
    }

    static func levelProblem(_ text: String) -> String {
        text.isEmpty
            ? "ô xếp loại để trống; hãy ghi một trong bốn mức: \(QualityLevel.acceptedForms)"
            : "mức xếp loại “\(text)” không hợp lệ; hãy ghi một trong bốn mức: \(QualityLevel.acceptedForms)"
    }

    /// A subject named twice for the same unit, year and kind.
    static func duplicates(
        _ rows: [QualityRatingRow], fileName: String, nameField: String, fieldKind: ImportFieldKind
    ) -> [ImportIssue] {
        struct Key: Hashable {
            let unit: String
            let year: Int
            let kind: RatedSubjectKind
            let name: String
        }
        var firstLine: [Key: Int] = [:]
        var issues: [ImportIssue] = []
        for row in rows {
            let key = Key(
                unit: row.unitCode, year: row.year, kind: row.kind, name: QualityRating.subjectKey(row.subject))
            if let first = firstLine[key] {
                issues.append(
                    ImportIssue(
                        fileName: fileName, line: row.line, field: nameField, fieldKind: fieldKind,
                        reason: "“\(row.subject)” (\(row.kind.noun)) đã có ở dòng \(first) của cùng đơn vị và năm; "
                            + "mỗi \(row.kind.noun) chỉ được xếp loại một lần — hãy xóa dòng trùng, hoặc nếu là hai "
                            + "người trùng họ tên thì ghi thêm năm sinh để phân biệt, ví dụ “Nguyễn Văn An (1985)”"))
            } else {
                firstLine[key] = row.line
            }
        }
        return issues
    }
}
