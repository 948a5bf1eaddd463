import Foundation

/// One record of a CSV file with the line it starts on (a quoted field may span lines).
public struct CSVRecord: Hashable, Sendable {
    /// The 1-based line where the record starts, as a text editor shows it.
    public var line: Int
    /// The fields, unquoted, exactly as written (not trimmed).
    public var fields: [String]

    /// Creates a record.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A small RFC 4180 reader: comma separated, fields optionally in double quotes, a doubled quote
/// inside quotes for a quote, line breaks inside quotes kept. It also accepts what Excel and
/// Notepad produce on Vietnamese office machines: a UTF-8 byte order mark, CRLF or lone CR line
/// ends, a missing final line break, and empty rows (`,,,,`), which it skips.
public enum CSVReader {
    /// Reads every non-empty record of `text`; throws every malformed quote it finds.
    public static func read(_ text: String, fileName: String, separator: Unicode.Scalar = ",") throws(ImportFailure)
        -> [CSVRecord]
    {
        var issues = IssueCollector(fileName: fileName, fieldKind: .column)
        var records: [CSVRecord] = []

        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var fieldWasQuoted = false
        var inQuotes = false
        var afterClosingQuote = false
        var quoteOpenedOnLine = 0
        var line = 1
        var recordLine = 1
        var badLines: Set<Int> = []

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            fieldWasQuoted = false
            afterClosingQuote = false
        }
        func endRecord() {
            endField()
            if !fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
        }

        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()

        while let c = pending {
            pending = iterator.next()
            if inQuotes {
                if c == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = iterator.next()
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                } else {
                    if c == "\n" || (c == "\r" && pending != "\n") { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case separator:
                endField()
            case "\r", "\n":
                if c == "\r" && pending == "\n" { pending = iterator.next() }
                endRecord()
                line += 1
                recordLine = line
            case "\"" where field.isEmpty && !afterClosingQuote:
                inQuotes = true
                fieldWasQuoted = true
                quoteOpenedOnLine = line
            default:
                if afterClosingQuote {
                    // `"Huế"x` — text after a closing quote is almost always an unescaped quote
                    // inside the field.
                    if c == " " || c == "\t" { continue }
                    if !badLines.contains(line) {
                        badLines.insert(line)
                        issues.add(
                            line: line, field: nil,
                            "ô thứ \(fields.count + 1) có chữ ngay sau dấu ngoặc kép đóng; nếu trong ô có dấu ngoặc kép thì phải viết hai lần (\"\"), "
                                + "và cả ô phải nằm trong một cặp ngoặc kép, ví dụ \"Tổ dân phố \"\"Số 1\"\"\"")
                    }
                    continue
                }
                // A quote in the middle of an unquoted field is kept as written (lenient, like Excel).
                field.append(c)
            }
        }
        if inQuotes {
            issues.add(
                line: quoteOpenedOnLine, field: nil,
                "ô thứ \(fields.count + 1): dấu ngoặc kép mở ở dòng \(quoteOpenedOnLine) không được đóng đến hết tệp; hãy thêm dấu ngoặc kép đóng ở cuối ô"
            )
        } else if !field.isEmpty || !fields.isEmpty || fieldWasQuoted {
            endRecord()
        }
        try issues.throwIfAny()
        return records
    }
}

extension CSVReader {
    /// The separator of a file Excel may have saved either way: a Vietnamese Windows saves
    /// "CSV" with `;` (its list separator, since `,` is the decimal mark), other systems with `,`.
    /// The header line decides: whichever of the two it has more of, outside quotes.
    public static func detectSeparator(_ text: String) -> Unicode.Scalar {
        var commas = 0
        var semicolons = 0
        var inQuotes = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": inQuotes.toggle()
            case "," where !inQuotes: commas += 1
            case ";" where !inQuotes: semicolons += 1
            case "\n" where !inQuotes, "\r" where !inQuotes: return semicolons > commas ? ";" : ","
            default: continue
            }
        }
        return semicolons > commas ? ";" : ","
    }
}

/// A CSV file with a header row: finds the required columns by name (in any order, extra columns
/// ignored) and checks that every row has as many cells as the header.
public struct CSVTable: Sendable {
    /// The file name, for messages.
    public let fileName: String
    /// The header cells, trimmed.
    public let header: [String]
    /// The data rows whose cell count matches the header.
    public let rows: [CSVRecord]
    /// The rows left out of `rows` because their cell count does not match the header. An
    /// importer adds them to the problems it finds in the other rows and throws them together.
    public let problems: [ImportIssue]
    private let columnIndex: [String: Int]

    /// Reads `text` and checks that the header has every column in `requiredColumns`; throws when
    /// the quotes are malformed or the header is unusable (nothing else can be read then). Rows
    /// whose cell count differs from the header's go to `problems`.
    public static func read(
        _ text: String, fileName: String, requiredColumns: [String], separator: Unicode.Scalar = ","
    ) throws(ImportFailure) -> CSVTable {
        let records = try CSVReader.read(text, fileName: fileName, separator: separator)
        var issues = IssueCollector(fileName: fileName, fieldKind: .column)
        guard let headerRecord = records.first else {
            issues.add(
                line: nil, field: nil,
                "tệp trống; dòng đầu tiên phải là dòng tiêu đề: " + requiredColumns.joined(separator: ","))
            throw ImportFailure(fileName: fileName, issues: issues.issues)
        }
        let header = headerRecord.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            let key = name.lowercased()
            if key.isEmpty { continue }
            if let first = index[key] {
                issues.add(
                    line: headerRecord.line, field: name,
                    "cột “\(name)” có hai lần trong dòng tiêu đề (ô thứ \(first + 1) và ô thứ \(i + 1)); hãy xóa một cột"
                )
            } else {
                index[key] = i
            }
        }
        let unknown = header.filter { !$0.isEmpty && !requiredColumns.contains($0.lowercased()) }
        for column in requiredColumns where index[column] == nil {
            var reason =
                "dòng tiêu đề thiếu cột “\(column)”; dòng tiêu đề phải có các cột: "
                + requiredColumns.joined(separator: ",")
            if let guess = KeySuggestion.closest(to: column, among: unknown) {
                reason += " (cột “\(guess)” có phải là “\(column)” viết sai?)"
            }
            issues.add(line: headerRecord.line, field: column, reason)
        }
        try issues.throwIfAny()
        var problems = IssueCollector(fileName: fileName, fieldKind: .column)
        var rows: [CSVRecord] = []
        for record in records.dropFirst() {
            if record.fields.count != header.count {
                problems.add(
                    line: record.line, field: nil,
                    "dòng có \(record.fields.count) ô nhưng dòng tiêu đề có \(header.count) cột; "
                        + "hãy kiểm tra dấu phẩy — ô nào có dấu phẩy (ví dụ tên “Tổ 1, khu vực 2”) phải đặt trong ngoặc kép"
                )
                continue
            }
            rows.append(record)
        }
        if records.count == 1 {
            issues.add(line: nil, field: nil, "tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào")
            try issues.throwIfAny()
        }
        return CSVTable(fileName: fileName, header: header, rows: rows, problems: problems.issues, columnIndex: index)
    }

    /// The position of `column` in the header, to read many rows without looking it up each time.
    public func index(of column: String) -> Int? { columnIndex[column.lowercased()] }

    /// The cell of `record` at `index` (from `index(of:)`), trimmed; empty when there is none.
    public func value(_ record: CSVRecord, at index: Int?) -> String {
        guard let index, index < record.fields.count else { return "" }
        return record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The cell of `record` in `column` (a required column), trimmed of surrounding spaces.
    public func value(_ record: CSVRecord, _ column: String) -> String {
        guard let i = columnIndex[column.lowercased()], i < record.fields.count else { return "" }
        return record.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
