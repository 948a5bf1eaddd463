import Foundation
import TiendoCore

/// What a cell of a figure file held before it was read: a number (an Excel number cell or the
/// result of a formula), a text to parse the Vietnamese way ("1.234,5"), nothing, or something
/// that can never be a figure (an Excel error such as `#DIV/0!`), with the reason.
public enum RawFigure: Sendable, Equatable {
    case empty
    case number(Double)
    case text(String)
    case unusable(String)
}

/// One figure as a file states it, before it is checked: the unit, indicator and period codes,
/// the figure, its status and note, and where each of them sits in the file.
public struct FigureLine: Sendable {
    /// The 1-based line or sheet row.
    public var line: Int
    public var unitCode: String
    public var indicatorCode: String
    public var periodID: String
    public var value: RawFigure
    /// The status as written ("Chính thức", "uoc", …); empty means official.
    public var status: String
    public var note: String
    /// The version of the figure the file was made from, when the file says (a CSV file's
    /// `phien_ban` column): 0 when there was no figure yet.
    public var seenVersion: Int?

    /// Creates a line.
    public init(
        line: Int, unitCode: String, indicatorCode: String, periodID: String, value: RawFigure, status: String = "",
        note: String = "", seenVersion: Int? = nil
    ) {
        self.seenVersion = seenVersion
        self.line = line
        self.unitCode = unitCode
        self.indicatorCode = indicatorCode
        self.periodID = periodID
        self.value = value
        self.status = status
        self.note = note
    }
}

/// Where the parts of a `FigureLine` sit in its file, so every problem names the right place:
/// columns of a CSV file by header, cells of a sheet by reference.
public struct FigureFileLayout: Sendable {
    /// The parts of a line.
    public enum Part: Sendable { case unit, indicator, period, value, status, note, version }

    /// The file's name as the user knows it.
    public var fileName: String
    /// The sheet, for a workbook.
    public var sheet: String?
    /// Column names (CSV) or column letters (a sheet) of each part.
    public var columns: [Part: String]
    /// Whether `columns` are sheet column letters (a problem then names a cell: "F7").
    public var isSheet: Bool

    /// Creates a layout.
    public init(fileName: String, sheet: String? = nil, columns: [Part: String], isSheet: Bool) {
        self.fileName = fileName
        self.sheet = sheet
        self.columns = columns
        self.isSheet = isSheet
    }

    /// The issue of `part` on `line` (a cell of a sheet, a column of a CSV line).
    public func issue(line: Int, _ part: Part?, _ reason: String) -> ImportIssue {
        let column = part.flatMap { columns[$0] }
        if isSheet {
            return ImportIssue(
                fileName: fileName, sheet: sheet, line: line, field: column.map { $0 + String(line) },
                fieldKind: column == nil ? .column : .cell, reason: reason)
        }
        return ImportIssue(fileName: fileName, line: line, field: column, fieldKind: .column, reason: reason)
    }
}

/// Checks the figures of a file — CSV or Excel template — against the unit list and the
/// indicators, with the same reading of a figure as the entry page (``FigureReading``), and
/// turns them into values to store. Every problem is collected so one pass fixes the file; when
/// there is any, nothing may be written.
public enum FigureBatch {
    /// What the figures are checked against.
    public struct Context: Sendable {
        public var directory: UnitDirectory
        public var indicators: [String: Indicator]
        /// Who enters the figures (the account's display name, or the command's user).
        public var author: String
        public var enteredAt: Date
        /// Whether an empty figure is a problem (a CSV line) or simply not reported (a template row).
        public var emptyIsProblem: Bool
        /// The units the person may report for; nil: any.
        public var allowedUnits: Set<UnitID>?
        /// The figure stored now under a key, so a figure Tiendo computes (tasks, ratings,
        /// dossiers) passes when the file leaves it as it is; nil: every such figure is refused.
        public var stored: (@Sendable (ValueKey) -> IndicatorValue?)?

        /// Creates a context.
        public init(
            directory: UnitDirectory, indicators: [Indicator], author: String, enteredAt: Date,
            emptyIsProblem: Bool, allowedUnits: Set<UnitID>? = nil,
            stored: (@Sendable (ValueKey) -> IndicatorValue?)? = nil
        ) {
            self.stored = stored
            self.directory = directory
            self.indicators = Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            self.author = author
            self.enteredAt = enteredAt
            self.emptyIsProblem = emptyIsProblem
            self.allowedUnits = allowedUnits
        }
    }

    /// A value read, with the line it came from.
    public struct ReadValue: Sendable {
        public var value: IndicatorValue
        public var line: FigureLine
    }

    /// The values of `lines`, or every problem found.
    public static func read(_ lines: [FigureLine], layout: FigureFileLayout, context: Context) throws(ImportFailure)
        -> [IndicatorValue]
    {
        try readLines(lines, layout: layout, context: context).map(\.value)
    }

    /// The values of `lines` with the line each came from, or every problem found.
    public static func readLines(_ lines: [FigureLine], layout: FigureFileLayout, context: Context)
        throws(ImportFailure) -> [ReadValue]
    {
        var issues: [ImportIssue] = []
        var values: [ReadValue] = []
        values.reserveCapacity(lines.count)
        var firstLine: [ValueKey: Int] = [:]
        var periods: [String: Period] = [:]
        var units: [String: UnitVersion] = [:]
        // A file repeats the same few status words: read each once.
        var statuses: [String: ValueStatus] = [:]
        func fail(_ line: Int, _ part: FigureFileLayout.Part?, _ reason: String) {
            issues.append(layout.issue(line: line, part, reason))
        }
        for line in lines {
            let period: Period
            if let known = periods[line.periodID] {
                period = known
            } else {
                do {
                    period = try SubjectLookup.period(line.periodID)
                } catch {
                    fail(line.line, .period, error.reason)
                    continue
                }
                periods[line.periodID] = period
            }
            let unitKey = line.unitCode + "@" + line.periodID
            var unit = units[unitKey]
            if unit == nil {
                unit = try? SubjectLookup.unit(
                    code: line.unitCode, on: period.span(in: .statistical).end, in: context.directory)
                units[unitKey] = unit
            }
            guard let unit else {
                fail(
                    line.line, .unit,
                    "không có đơn vị mã “\(line.unitCode)” trong danh mục; hãy dùng mã đơn vị hành chính chính thức")
                continue
            }
            if let allowed = context.allowedUnits, !allowed.contains(unit.unitID) {
                fail(
                    line.line, .unit,
                    "\(unit.fullName) không thuộc phạm vi tài khoản của bạn; không nhập được số liệu cho đơn vị này")
                continue
            }
            guard let indicator = context.indicators[line.indicatorCode] else {
                fail(
                    line.line, .indicator,
                    "không có chỉ tiêu mã “\(line.indicatorCode)”; hãy dùng mã chỉ tiêu như trong Tiến độ")
                continue
            }
            let status: ValueStatus
            if let known = statuses[line.status] {
                status = known
            } else if let read = readStatus(line.status) {
                statuses[line.status] = read
                status = read
            } else {
                fail(
                    line.line, .status, "tình trạng “\(line.status)” không hợp lệ; hãy ghi “Chính thức” hoặc “Ước tính”"
                )
                continue
            }
            let reading: FigureReading.Reading
            switch line.value {
            case .empty:
                if context.emptyIsProblem {
                    fail(line.line, .value, "thiếu số liệu; hãy ghi số liệu hoặc xóa dòng này")
                }
                continue
            case .unusable(let reason):
                fail(line.line, .value, reason)
                continue
            case .number(let number): reading = FigureReading.check(number, for: indicator)
            case .text(let text): reading = FigureReading.read(text, for: indicator)
            }
            if let error = reading.error {
                let detail = lowercasedFirst(error)
                let shown = "“\(describe(line.value))”"
                fail(line.line, .value, detail.contains(shown) ? detail : "\(shown): \(detail)")
                continue
            }
            guard let number = reading.number else { continue }
            let key = ValueKey(indicatorCode: indicator.code, unitID: unit.unitID, period: period)
            if let first = firstLine[key] {
                fail(
                    line.line, .indicator,
                    "chỉ tiêu “\(indicator.name)” của \(unit.fullName), \(period.vietnameseLabel) đã có ở "
                        + "dòng \(first); mỗi số liệu chỉ ghi một lần — hãy xóa một dòng")
                continue
            }
            firstLine[key] = line.line
            let note = VietnameseText.nfc(line.note.trimmingCharacters(in: .whitespacesAndNewlines))
            let value = IndicatorValue(
                indicatorCode: indicator.code, unitID: unit.unitID, period: period, number: number, status: status,
                note: note.isEmpty ? nil : note, author: context.author, enteredAt: context.enteredAt)
            // A figure Tiendo computes may come back as it is (a file exported earlier), never changed.
            if let refusal = FigureRules.computedRefusal(indicator),
                FigureVersions.changes(value, context.stored?(key))
            {
                fail(line.line, .value, lowercasedFirst(refusal))
                continue
            }
            values.append(ReadValue(value: value, line: line))
        }
        if !issues.isEmpty { throw ImportFailure(fileName: layout.fileName, issues: issues) }
        return values
    }

    /// "Chính thức" (or nothing) and "Ước tính", as a person may write them.
    static func readStatus(_ text: String) -> ValueStatus? {
        switch VietnameseText.searchKey(text) {
        case "", "chinh thuc", "chinhthuc", "chinh_thuc": return .chinhThuc
        case "uoc", "uoc tinh", "uoc thuc hien": return .uoc
        default: return nil
        }
    }

    private static func describe(_ raw: RawFigure) -> String {
        switch raw {
        case .empty: return ""
        case .number(let n): return VietnameseNumber.format(n, maxDecimals: 6)
        case .text(let t): return t
        case .unusable(let t): return t
        }
    }

    private static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
