import Foundation
import TiendoCore

/// The Excel template of one reporting form × unit × period, and the reading of a filled one.
///
/// Layout: sheet 1 “Hướng dẫn” (how to fill it in), sheet 2 “Số liệu” (one row per indicator:
/// code, name, unit of measure, last period's figure for reference, then the three cells the
/// officer fills in — this period's figure, its status, a note), sheet 3 “Khóa” (very hidden:
/// form, unit, period and template version). The data sheet is protected so only the shaded
/// cells can be typed in; the codes that tie a row to an indicator stay where Tiendo wrote them.
public enum EntryTemplate {
    /// One indicator row of the template.
    public struct Line: Sendable {
        /// The indicator.
        public var indicator: Indicator
        /// Last period's figure, shown for reference (nil: none).
        public var previous: Double?
        /// This period's figure already in Tiendo (nil: none), so a template downloaded twice
        /// carries what was already entered.
        public var current: IndicatorValue?

        /// Creates a line.
        public init(indicator: Indicator, previous: Double?, current: IndicatorValue?) {
            self.indicator = indicator
            self.previous = previous
            self.current = current
        }
    }

    /// What a template is for.
    public struct Keys: Sendable, Equatable {
        /// The form's code.
        public var formCode: String
        /// The unit's code.
        public var unitCode: String
        /// The period's identifier ("2027", "2027Q1").
        public var periodID: String
        /// A fingerprint of the form's indicator list: a file made before the form changed is refused.
        public var version: String
        /// The version each figure had when the template was made, by indicator code (0: not
        /// entered yet); nil for a template made before Tiendo recorded them.
        public var figureVersions: [String: Int]?

        /// Creates keys.
        public init(
            formCode: String, unitCode: String, periodID: String, version: String, figureVersions: [String: Int]? = nil
        ) {
            self.formCode = formCode
            self.unitCode = unitCode
            self.periodID = periodID
            self.version = version
            self.figureVersions = figureVersions
        }
    }

    /// One filled row, as read back.
    public struct FilledRow: Sendable, Equatable {
        /// The sheet row number (1-based, as Excel shows it).
        public var row: Int
        /// The indicator code in the row.
        public var indicatorCode: String
        /// This period's figure.
        public var value: XlsxValue?
        /// The status cell (“Chính thức” / “Ước tính”).
        public var status: XlsxValue?
        /// The note cell.
        public var note: XlsxValue?
    }

    /// A filled template as read back.
    public struct Filled: Sendable {
        /// The keys of the hidden sheet.
        public var keys: Keys
        /// The data sheet's tab name.
        public var sheetName: String
        /// Every row that names an indicator.
        public var rows: [FilledRow]
    }

    /// The tab names.
    public static let instructionSheet = "Hướng dẫn"
    public static let dataSheet = "Số liệu"
    public static let keySheet = "Khóa"
    /// Columns of the data sheet (0-based): the code, and the three the officer fills in.
    public static let codeColumn = 1
    public static let valueColumn = 5
    public static let statusColumn = 6
    public static let noteColumn = 7
    /// The first data row (after the title and the headings).
    public static let firstDataRow = 3
    /// The key-sheet key that marks a template recording figure versions, and the prefix of
    /// each figure's row ("so_lieu:THU_NSNN" → "3").
    public static let figureVersionsKey = "phien_ban_so_lieu"
    public static let figureVersionPrefix = "so_lieu:"
    /// The words of the status drop-down.
    public static let officialWord = "Chính thức"
    public static let estimateWord = "Ước tính"

    /// The version of a form's template: its code and its indicators in order.
    public static func version(of form: ReportingForm) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (form.code + "|" + form.indicatorCodes.joined(separator: ",")).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return "1-" + String(hash, radix: 16)
    }

    /// The template workbook.
    public static func write(
        form: ReportingForm, unit: UnitVersion, period: Period, lines: [Line], isDemo: Bool = false,
        created: Date = Date()
    ) throws -> Data {
        let periodLabel = period.vietnameseLabel
        let previousLabel = period.previous.vietnameseLabel
        func capitalized(_ label: String) -> String { label.prefix(1).uppercased() + label.dropFirst() }
        let headings = [
            "STT", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "\(capitalized(previousLabel)) (tham khảo)",
            "\(capitalized(periodLabel)) (nhập số liệu)", "Tình trạng số liệu", "Ghi chú",
        ]
        let rows: [[XlsxCell]] = lines.enumerated().map { index, line in
            let indicator = line.indicator
            let previous: XlsxCell = line.previous.map { .number($0, decimals: indicator.decimals) } ?? .text("—")
            let current: XlsxCell
            if indicator.valueType == .yesNo {
                current = line.current.map { .text($0.number >= 0.5 ? "có" : "không") } ?? .empty
            } else {
                current = .input(line.current?.number, format: inputFormat(indicator))
            }
            let status = line.current?.status == .uoc ? estimateWord : officialWord
            return [
                .text(String(index + 1)), .text(indicator.code), .text(indicator.name), .text(indicator.unitOfMeasure),
                previous, current, .text(status), line.current?.note.map(XlsxCell.text) ?? .empty,
            ]
        }
        var data = XlsxSheet(
            name: dataSheet, title: "\(form.name) — \(unit.fullName) — \(periodLabel)", headings: headings, rows: rows)
        data.columnCaps = [2: 50, 7: 40]
        data.isProtected = true
        data.editableColumns = [valueColumn, statusColumn, noteColumn]
        data.choices = [statusColumn: [officialWord, estimateWord]]
        data.printHeader = isDemo ? "Dữ liệu minh họa" : nil

        let keys = Keys(formCode: form.code, unitCode: unit.code, periodID: period.id, version: version(of: form))
        // Each figure's version as Tiendo had it: an upload that would put back a figure changed
        // since is refused with the list (see FigureVersions).
        let versionRows: [[XlsxCell]] =
            [[.text(figureVersionsKey), .text("1")]]
            + lines.map { line in
                [.text(figureVersionPrefix + line.indicator.code), .text(String(line.current?.version ?? 0))]
            }
        var keySheet = XlsxSheet(
            name: keySheet, title: "Khóa dùng khi nhập lại tệp — không sửa", headings: ["Khóa", "Giá trị"],
            rows: [
                [.text("mau"), .text(keys.formCode)], [.text("don_vi"), .text(keys.unitCode)],
                [.text("ky"), .text(keys.periodID)], [.text("phien_ban"), .text(keys.version)],
            ] + versionRows)
        keySheet.isHidden = true
        keySheet.isProtected = true

        var guide = XlsxSheet(
            name: instructionSheet, title: "Hướng dẫn điền mẫu nhập số liệu", headings: ["Bước", "Nội dung"],
            rows: instructions(form: form, unit: unit, period: period).enumerated().map { index, text in
                [.text(String(index + 1)), .text(text)]
            })
        guide.columnCaps = [1: 100]
        guide.landscape = false
        return try XlsxWriter.write(
            [guide, data, keySheet], created: created, title: "\(form.name) — \(unit.fullName) — \(periodLabel)")
    }

    /// How the cell of this period's figure shows a number: the indicator's decimals always,
    /// and any further places the officer types (212,5 never shows as 213); a count is whole.
    static func inputFormat(_ indicator: Indicator) -> XlsxInputFormat {
        if indicator.valueType == .count && indicator.decimals == 0 {
            return XlsxInputFormat(minimum: 0, maximum: 0)
        }
        return XlsxInputFormat(minimum: indicator.decimals, maximum: XlsxWriter.maxDecimals)
    }

    static func instructions(form: ReportingForm, unit: UnitVersion, period: Period) -> [String] {
        [
            "Mẫu này dùng để \(unit.fullName) báo cáo “\(form.name)”, \(period.vietnameseLabel). "
                + "Chỉ dùng cho đúng đơn vị và kỳ này; kỳ khác hãy tải mẫu khác.",
            "Mở trang “\(dataSheet)”. Mỗi dòng là một chỉ tiêu. Chỉ điền vào các ô tô màu vàng: số liệu kỳ này, "
                + "tình trạng số liệu và ghi chú. Các ô khác đã được khóa.",
            "Số liệu ghi theo cách Việt Nam: dấu phẩy ngăn phần thập phân, dấu chấm ngăn hàng nghìn "
                + "(ví dụ 1.234,5). Có thể gõ số, hoặc dùng công thức Excel; Tiến độ đọc kết quả của công thức.",
            "Tỷ lệ ghi số phần trăm không kèm dấu % (ví dụ 1,35). Chỉ tiêu có/không ghi “có” hoặc “không”. "
                + "Số đếm (hộ, người, xã…) là số nguyên không âm.",
            "Cột “Tình trạng số liệu”: chọn “\(officialWord)” hoặc “\(estimateWord)” (số ước tính).",
            "Cột “(tham khảo)” là số liệu kỳ trước để đối chiếu; không cần sửa.",
            "Lưu tệp (định dạng .xlsx), rồi tải lên ở trang nhập liệu của Tiến độ, hoặc chạy lệnh "
                + "“tiendo import xlsx TỆP”. Số liệu được lưu dưới dạng bản nháp, chưa nộp, trừ khi chọn nộp luôn; "
                + "cấp trên duyệt trên Tiến độ như khi nhập trên màn hình.",
            "Nếu tệp có lỗi, Tiến độ không ghi gì và chỉ rõ trang, ô, lỗi gì và cách sửa. Tải lên lại cùng một tệp "
                + "không làm thay đổi gì.",
            "Không đổi tên, xóa hay thêm dòng, trang tính; trang khóa ẩn giữ mã biểu mẫu, đơn vị và kỳ.",
        ]
    }

    /// Reads a filled template; throws `XlsxReadError` when the file is not a Tiendo template.
    public static func read(data: Data, limits: XlsxReader.Limits = .standard) throws -> Filled {
        let sheets = try XlsxReader.read(data: data, limits: limits)
        let notATemplate = XlsxReadError(
            "Tệp Excel này không phải mẫu nhập số liệu của Tiến độ (không có trang khóa “\(keySheet)”); "
                + "hãy tải mẫu ở trang nhập liệu rồi điền vào mẫu đó.")
        guard let keySheet = sheets.first(where: { $0.name == keySheet }) else { throw notATemplate }
        var keyValues: [String: String] = [:]
        for row in firstDataRow...max(firstDataRow, keySheet.lastRow) {
            if case .text(let key) = keySheet.cell(column: 0, row: row), let value = keySheet.cell(column: 1, row: row)
            {
                keyValues[key] = text(value)
            }
        }
        guard let form = keyValues["mau"], let unit = keyValues["don_vi"], let period = keyValues["ky"],
            let version = keyValues["phien_ban"]
        else { throw notATemplate }
        var figureVersions: [String: Int]?
        if keyValues[figureVersionsKey] != nil {
            var versions: [String: Int] = [:]
            for (key, value) in keyValues where key.hasPrefix(figureVersionPrefix) {
                // A version that is not a whole number (someone unhid and typed over the sheet)
                // is left out: the figure then counts as of unknown version, never as current.
                if let number = Int(value), number >= 0 {
                    versions[String(key.dropFirst(figureVersionPrefix.count))] = number
                }
            }
            figureVersions = versions
        }
        guard let sheet = sheets.first(where: { $0.name == dataSheet }) else {
            throw XlsxReadError(
                "Tệp không còn trang “\(dataSheet)”; có thể trang đã bị đổi tên hoặc xóa — hãy tải mẫu mới và điền lại."
            )
        }
        var rows: [FilledRow] = []
        if sheet.lastRow >= firstDataRow {
            for row in firstDataRow...sheet.lastRow {
                guard let code = sheet.cell(column: codeColumn, row: row).map(text), !code.isEmpty else { continue }
                rows.append(
                    FilledRow(
                        row: row, indicatorCode: code, value: sheet.cell(column: valueColumn, row: row),
                        status: sheet.cell(column: statusColumn, row: row),
                        note: sheet.cell(column: noteColumn, row: row)))
            }
        }
        return Filled(
            keys: Keys(
                formCode: form, unitCode: unit, periodID: period, version: version, figureVersions: figureVersions),
            sheetName: sheet.name,
            rows: rows)
    }

    /// A cell as text (numbers without a trailing ".0").
    public static func text(_ value: XlsxValue) -> String {
        switch value {
        case .text(let text): return VietnameseText.nfc(text.trimmingCharacters(in: .whitespacesAndNewlines))
        case .number(let number): return XlsxWriter.numberLiteral(number)
        case .bool(let flag): return flag ? "1" : "0"
        case .error(let code): return code
        case .uncomputedFormula(let formula): return "=" + formula
        }
    }
}
