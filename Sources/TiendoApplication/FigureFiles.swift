import Foundation
import TiendoCore
import TiendoDocuments
import TiendoImport

/// Figures in and out of files: the Excel template of a form × unit × period, and CSV files of
/// values, roll-ups and verdicts. Shared by the CLI and the web app so both read a file the
/// same way; every refusal is an `ImportFailure` in Vietnamese and writes nothing.
public enum FigureFiles {
    /// Who is importing: the audit trail names them, and an account's scope limits the units.
    public struct Person: Sendable {
        public var username: String
        public var displayName: String
        /// The units the person may report for; nil: any (the command line).
        public var allowedUnits: Set<UnitID>?

        /// Creates a person.
        public init(username: String, displayName: String, allowedUnits: Set<UnitID>? = nil) {
            self.username = username
            self.displayName = displayName
            self.allowedUnits = allowedUnits
        }
    }

    /// What a page expects an uploaded template to be for (nil: anything).
    public struct Expectation: Sendable {
        public var formCode: String?
        public var unitCode: String?
        public var periodID: String?

        /// Creates an expectation.
        public init(formCode: String? = nil, unitCode: String? = nil, periodID: String? = nil) {
            self.formCode = formCode
            self.unitCode = unitCode
            self.periodID = periodID
        }
    }

    /// The outcome of a template import.
    public struct TemplateImport: Sendable {
        public var form: ReportingForm
        public var unit: UnitVersion
        public var period: Period
        public var outcome: EntryOutcome
        /// The form's indicator names by code, for the messages.
        public var indicatorNames: [String: String] = [:]
    }

    // MARK: - Excel template

    /// The template of `form` for `unitCode` and `periodID`, with last period's figures and
    /// whatever is already entered.
    public static func template(
        formCode: String, unitCode: String, periodID: String, store: any SnapshotSource & FormReads & DemoFlag
    )
        async throws -> (data: Data, fileName: String)
    {
        guard let form = try await store.form(code: formCode) else {
            throw FigureFileError("Không có biểu mẫu mã “\(formCode)”.")
        }
        let period: Period
        do {
            period = try SubjectLookup.period(periodID, kind: form.periodKind, form: form.name)
        } catch {
            throw FigureFileError(error.message)
        }
        let snapshot = try await store.snapshot()
        let asOf = period.span(in: form.calendar).end
        let unit: UnitVersion
        do {
            unit = try SubjectLookup.unit(code: unitCode, on: asOf, in: snapshot.directory)
        } catch {
            throw FigureFileError(error.message)
        }
        guard form.unitIDs.contains(unit.unitID) else {
            throw FigureFileError("\(unit.fullName) không báo cáo theo biểu mẫu “\(form.name)”.")
        }
        let byCode = Dictionary(snapshot.indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let rollUp = snapshot.rollUp
        let lines = form.indicatorCodes.compactMap { byCode[$0] }.map { indicator -> EntryTemplate.Line in
            var previous: Double?
            if case .figure(let figure) = rollUp.figure(indicator.code, unit: unit.unitID, period: period.previous) {
                previous = figure.number
            }
            let current = snapshot.values.reported(
                ValueKey(indicatorCode: indicator.code, unitID: unit.unitID, period: period))
            return EntryTemplate.Line(indicator: indicator, previous: previous, current: current)
        }
        let data = try EntryTemplate.write(
            form: form, unit: unit, period: period, lines: lines, isDemo: try await store.isDemo())
        return (data, "mau-nhap-\(form.code)-\(unit.code)-\(period.id).xlsx")
    }

    /// Reads a filled template and enters its figures as one change (draft, or submitted when
    /// `submit`). Refuses a file for another form, unit or period than `expecting`, a file made
    /// before the form changed, and any cell that cannot be read — naming the sheet and cell.
    public static func importTemplate(
        data: Data, fileName: String, expecting: Expectation = Expectation(), person: Person, submit: Bool,
        store: any SnapshotSource & FormReads & FigureEntryStore, limits: XlsxReader.Limits = .standard
    ) async throws -> TemplateImport {
        let filled: EntryTemplate.Filled
        do {
            filled = try EntryTemplate.read(data: data, limits: limits)
        } catch let error as XlsxReadError {
            throw refusal(fileName, error.description)
        }
        let keys = filled.keys
        guard let form = try await store.form(code: keys.formCode) else {
            throw refusal(fileName, "tệp là mẫu của biểu mẫu mã “\(keys.formCode)”, nay không còn trong Tiến độ")
        }
        guard let period = try? SubjectLookup.period(keys.periodID, kind: form.periodKind) else {
            throw refusal(fileName, "kỳ “\(keys.periodID)” ghi trong tệp không hợp lệ; hãy tải mẫu mới")
        }
        let snapshot = try await store.snapshot()
        let asOf = period.span(in: form.calendar).end
        guard let unit = try? SubjectLookup.unit(code: keys.unitCode, on: asOf, in: snapshot.directory) else {
            throw refusal(fileName, "tệp là mẫu của đơn vị mã “\(keys.unitCode)”, không có trong danh mục")
        }
        if let expected = expecting.formCode, expected != form.code {
            throw refusal(
                fileName, "tệp là mẫu của biểu mẫu “\(form.name)”, không phải biểu mẫu của trang này; hãy tải đúng mẫu")
        }
        if let expected = expecting.unitCode, expected != unit.code {
            throw refusal(
                fileName,
                "tệp là mẫu của \(unit.fullName), không phải của đơn vị đang nhập; hãy tải mẫu của đúng đơn vị")
        }
        if let expected = expecting.periodID, expected != period.id {
            throw refusal(
                fileName,
                "tệp là mẫu của \(period.vietnameseLabel), không phải kỳ đang nhập"
                    + (Period(id: expected).map { " (\($0.vietnameseLabel))" } ?? "") + "; hãy tải mẫu của đúng kỳ")
        }
        if keys.version != EntryTemplate.version(of: form) {
            throw refusal(
                fileName,
                "biểu mẫu “\(form.name)” đã thay đổi (thêm, bớt hoặc đổi thứ tự chỉ tiêu) sau khi tải tệp này; "
                    + "hãy tải mẫu mới, chép số liệu sang rồi tải lên lại")
        }
        if let allowed = person.allowedUnits, !allowed.contains(unit.unitID) {
            throw refusal(fileName, "\(unit.fullName) không thuộc phạm vi tài khoản của bạn")
        }
        guard form.unitIDs.contains(unit.unitID) else {
            throw refusal(fileName, "\(unit.fullName) không báo cáo theo biểu mẫu “\(form.name)”")
        }

        let layout = FigureFileLayout(
            fileName: fileName, sheet: filled.sheetName,
            columns: [
                .indicator: XlsxColumn.name(EntryTemplate.codeColumn),
                .value: XlsxColumn.name(EntryTemplate.valueColumn),
                .status: XlsxColumn.name(EntryTemplate.statusColumn),
                .note: XlsxColumn.name(EntryTemplate.noteColumn),
            ], isSheet: true)
        var issues: [ImportIssue] = []
        let formCodes = Set(form.indicatorCodes)
        for row in filled.rows where !formCodes.contains(row.indicatorCode) {
            issues.append(
                layout.issue(
                    line: row.row, .indicator,
                    "mã chỉ tiêu “\(row.indicatorCode)” không thuộc biểu mẫu “\(form.name)”; đừng sửa cột mã — hãy tải mẫu mới"
                ))
        }
        let present = Set(filled.rows.map(\.indicatorCode))
        for code in form.indicatorCodes where !present.contains(code) {
            issues.append(
                ImportIssue(
                    fileName: fileName, sheet: filled.sheetName, line: nil, field: nil,
                    reason: "thiếu dòng của chỉ tiêu mã “\(code)” (có thể đã bị xóa); hãy tải mẫu mới và điền lại"))
        }
        let lines = filled.rows.filter { formCodes.contains($0.indicatorCode) }.map { row in
            FigureLine(
                line: row.row, unitCode: unit.code, indicatorCode: row.indicatorCode, periodID: period.id,
                value: rawFigure(row.value), status: row.status.map(EntryTemplate.text) ?? "",
                note: row.note.map(EntryTemplate.text) ?? "")
        }
        let storedValues = snapshot.values
        let context = FigureBatch.Context(
            directory: snapshot.directory, indicators: snapshot.indicators, author: person.displayName,
            enteredAt: Date(), emptyIsProblem: false, stored: { storedValues.reported($0) })
        var values: [IndicatorValue] = []
        do {
            values = try FigureBatch.read(lines, layout: layout, context: context)
        } catch {
            issues += error.issues
        }
        if !issues.isEmpty { throw ImportFailure(fileName: fileName, issues: issues) }
        // What the file says about each figure's version; an old template says nothing, so any
        // figure it would overwrite counts as changed since (see docs/excel-csv.md).
        var seen: [String: FigureVersions.Seen] = [:]
        for code in form.indicatorCodes {
            seen[code] =
                keys.figureVersions.map { versions in versions[code].map { .version($0) } ?? .unknown }
                ?? .unknown
        }
        do {
            let outcome = try await EnterFigures(store: store).run(
                EnterFigures.Command(
                    figures: values.map { EnterFigures.Figure($0, basis: .stored) }, form: form, unit: unit.unitID,
                    period: period, submit: submit, actor: person.username, actorName: person.displayName,
                    channel: .file("tệp Excel \(fileName)"), fileVersions: seen,
                    checks: EntryChecks.Plan(
                        snapshot: snapshot, unit: unit.unitID, period: period, codes: form.indicatorCodes,
                        on: period.span(in: form.calendar).end)))
            return TemplateImport(
                form: form, unit: unit, period: period, outcome: outcome,
                indicatorNames: Dictionary(
                    snapshot.indicators.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }))
        } catch let stale as StaleFigures {
            let names = Dictionary(snapshot.indicators.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
            let rowOf = Dictionary(filled.rows.map { ($0.indicatorCode, $0.row) }, uniquingKeysWith: { a, _ in a })
            throw staleFailure(
                stale, fileName: fileName, sheet: filled.sheetName, names: names, unitNames: nil,
                line: { rowOf[$0.indicatorCode] })
        } catch let unusual as UnusualFigures {
            // Each unusual figure at its cell: the file goes in once every one has its reason in
            // the note column, as on screen.
            let rowOf = Dictionary(filled.rows.map { ($0.indicatorCode, $0.row) }, uniquingKeysWith: { a, _ in a })
            throw ImportFailure(
                fileName: fileName,
                issues: unusual.findings.sorted { (rowOf[$0.key] ?? 0) < (rowOf[$1.key] ?? 0) }.map { code, findings in
                    layout.issue(
                        line: rowOf[code] ?? 0, .value,
                        lowercasedFirst(findings.map(\.text).joined(separator: " "))
                            + " Nếu số liệu đúng, hãy ghi lý do ở cột “Ghi chú” của dòng này rồi tải lên lại.")
                })
        } catch let locked as LockedFigures {
            throw Self.refusal(fileName, lowercasedFirst(locked.description))
        } catch let refusal as SubmissionWorkflow.Refusal {
            throw Self.refusal(fileName, lowercasedFirst(refusal.description))
        } catch let conflict as ValueConflict {
            throw Self.refusal(fileName, "có người vừa sửa số liệu cùng lúc (\(conflict.description)); hãy tải lên lại")
        } catch let conflict as SubmissionConflict {
            throw Self.refusal(fileName, lowercasedFirst(conflict.description))
        }
    }

    static func rawFigure(_ value: XlsxValue?) -> RawFigure {
        switch value {
        case nil: return .empty
        case .number(let number): return .number(number)
        case .text(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? .empty : .text(trimmed)
        case .bool(let flag): return .number(flag ? 1 : 0)
        case .error(let code):
            return .unusable("ô có lỗi Excel “\(code)”; hãy sửa công thức hoặc ghi số liệu trực tiếp.")
        case .uncomputedFormula:
            return .unusable(
                "ô có công thức nhưng chưa có kết quả (tệp không được lưu bằng Excel); hãy mở tệp bằng Excel, lưu lại rồi tải lên."
            )
        }
    }

    // MARK: - CSV

    /// The columns of a CSV file of values. `phien_ban` (optional on import) is the version each
    /// figure had when the file was exported: 0 when there was none, empty when not to check.
    public static let valueColumns = [
        "ma_don_vi", "ma_chi_tieu", "ky", "gia_tri", "tinh_trang", "ghi_chu", "phien_ban",
    ]

    /// What a CSV import did.
    public struct CSVImport: Sendable {
        /// The data lines read.
        public var lines: Int
        public var counts: ImportCounts
        /// The figures it inserted or changed, with what they were before (as the import found them).
        public var changes: [FigureChange]
        /// The names the messages use: indicator names by code, unit names by id.
        public var indicatorNames: [String: String]
        public var unitNames: [UnitID: String]

        /// "Số hộ nghèo (chuẩn đa chiều) — Phường Phong Dinh, năm 2027: 120 → 131", one a line,
        /// the first `limit`, then how many more.
        public func changeLines(limit: Int = 20) -> [String] {
            var lines = changes.prefix(limit).map { change in
                let unit = unitNames[change.new.unitID] ?? change.new.unitID.rawValue
                return change.description(
                    indicatorName: (indicatorNames[change.new.indicatorCode] ?? change.new.indicatorCode)
                        + " — \(unit), \(change.new.period.vietnameseLabel)")
            }
            if changes.count > limit {
                lines.append("… và \(VietnameseNumber.format(changes.count - limit)) số liệu khác")
            }
            return lines
        }
    }

    /// Imports a CSV file of values (`valueColumns`; `;` or `,` separated, with or without a
    /// byte order mark). A refused file writes nothing; a database failure midway keeps the
    /// batches already stored (`EnterFigures.runInBatches` commits 2.000 figures at a time so the
    /// server keeps answering) and throws `PartialRecordError`, and running the same file again
    /// stores only the rest. A figure of a submitted or approved report is refused; a figure already stored as it is stays untouched; a figure
    /// whose `phien_ban` is not the stored version, and that the file would change, was changed
    /// by someone after the export: the whole file is refused with the list.
    public static func importCSV(
        text: String, fileName: String, person: Person,
        store: any SnapshotSource & FormReads & SubmissionReads & FigureEntryStore
    ) async throws
        -> CSVImport
    {
        let separator = CSVReader.detectSeparator(text)
        let table = try CSVTable.read(
            text, fileName: fileName, requiredColumns: Array(valueColumns.prefix(4)), separator: separator)
        let unitColumn = table.index(of: "ma_don_vi")
        let indicatorColumn = table.index(of: "ma_chi_tieu")
        let periodColumn = table.index(of: "ky")
        let valueColumn = table.index(of: "gia_tri")
        let statusColumn = table.index(of: "tinh_trang")
        let noteColumn = table.index(of: "ghi_chu")
        let versionColumn = table.index(of: "phien_ban")
        let layout = FigureFileLayout(
            fileName: fileName,
            columns: [
                .unit: "ma_don_vi", .indicator: "ma_chi_tieu", .period: "ky", .value: "gia_tri", .status: "tinh_trang",
                .note: "ghi_chu", .version: "phien_ban",
            ], isSheet: false)
        var issues = table.problems
        let lines = table.rows.map { record in
            let raw = table.value(record, at: valueColumn)
            let versionText = table.value(record, at: versionColumn)
            var seenVersion: Int?
            if !versionText.isEmpty {
                if let version = Int(versionText), version >= 0 {
                    seenVersion = version
                } else {
                    issues.append(
                        layout.issue(
                            line: record.line, .version,
                            "phiên bản “\(versionText)” không hợp lệ; hãy giữ nguyên số Tiến độ đã xuất, hoặc để trống")
                    )
                }
            }
            return FigureLine(
                line: record.line, unitCode: table.value(record, at: unitColumn),
                indicatorCode: table.value(record, at: indicatorColumn),
                periodID: table.value(record, at: periodColumn), value: raw.isEmpty ? .empty : .text(raw),
                status: table.value(record, at: statusColumn),
                note: CSVWriter.restoredText(table.value(record, at: noteColumn)), seenVersion: seenVersion)
        }
        let snapshot = try await store.snapshot()
        let stored = snapshot.values
        let context = FigureBatch.Context(
            directory: snapshot.directory, indicators: snapshot.indicators, author: person.displayName,
            enteredAt: Date(), emptyIsProblem: true, allowedUnits: person.allowedUnits,
            stored: { stored.reported($0) })
        var read: [FigureBatch.ReadValue] = []
        do {
            read = try FigureBatch.readLines(lines, layout: layout, context: context)
        } catch {
            issues += error.issues
        }
        let values = read.map(\.value)
        let indicatorNames = Dictionary(
            snapshot.indicators.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        var unitNames: [UnitID: String] = [:]
        for value in values where unitNames[value.unitID] == nil {
            unitNames[value.unitID] = snapshot.directory.latestVersion(of: value.unitID)?.fullName
        }
        if issues.isEmpty {
            // Checked here, before the batch is written, next to the lock: `recordValues` commits
            // large files in batches, so a check inside it could not refuse the whole file.
            // The lock is checked again inside each batch's transaction (`EnterFigures.runInBatches`),
            // so a report submitted while the file goes in is not changed by it either.
            let lineOf = Dictionary(read.map { ($0.value.key, $0.line.line) }, uniquingKeysWith: { a, _ in a })
            let locked = FigureLocks.locked(
                values.map(\.key), forms: try await store.forms(), submissions: try await store.lockedSubmissions(),
                entering: nil)
            issues += lockedIssues(locked, fileName: fileName, line: { lineOf[$0] })
            if issues.isEmpty {
                let seen = Dictionary(
                    read.compactMap { item in item.line.seenVersion.map { (item.value.key, $0) } },
                    uniquingKeysWith: { a, _ in a })
                // The figures as stored now: the snapshot again, which is re-read only when the data
                // changed since the file was read (a full `store.values()` would read every figure
                // of the country for each file).
                let current = seen.isEmpty ? stored : try await store.snapshot().values
                let stale = FigureVersions.stale(
                    values, seen: { seen[$0].map(FigureVersions.Seen.version) }, current: { current.reported($0) })
                if !stale.isEmpty {
                    throw staleFailure(
                        StaleFigures(stale), fileName: fileName, sheet: nil, names: indicatorNames,
                        unitNames: unitNames, line: { lineOf[$0] })
                }
            }
        }
        if !issues.isEmpty { throw ImportFailure(fileName: fileName, issues: issues) }
        let changes = values.compactMap { value -> FigureChange? in
            let before = stored.reported(value.key)
            return FigureVersions.changes(value, before) ? FigureChange(old: before, new: value) : nil
        }
        let outcome: EntryOutcome
        do {
            outcome = try await EnterFigures(store: store).runInBatches(
                values, actor: person.username, subject: "tep:\(fileName)")
        } catch let locked as LockedFigures {
            // A report submitted after the check above, before the first batch: nothing was written.
            let lineOf = Dictionary(read.map { ($0.value.key, $0.line.line) }, uniquingKeysWith: { a, _ in a })
            throw ImportFailure(
                fileName: fileName, issues: lockedIssues(locked.figures, fileName: fileName, line: { lineOf[$0] }))
        }
        let counts = ImportCounts(inserted: outcome.inserted, updated: outcome.updated, unchanged: outcome.unchanged)
        return CSVImport(
            lines: lines.count, counts: counts, changes: counts.inserted + counts.updated > 0 ? changes : [],
            indicatorNames: indicatorNames, unitNames: unitNames)
    }

    /// One issue a figure that a submitted or approved report holds.
    static func lockedIssues(
        _ locked: [LockedFigures.Figure], fileName: String, line: (ValueKey) -> Int?
    ) -> [ImportIssue] {
        locked.map { figure in
            ImportIssue(
                fileName: fileName, line: line(figure.key), field: "gia_tri",
                reason: "số liệu này thuộc báo cáo đã nộp hoặc đã duyệt nên đã khóa; hãy bỏ dòng này, "
                    + "hoặc đề nghị cấp trên trả lại báo cáo trước")
        }
    }

    /// The refusal of a file whose figures changed after it was made: one issue a figure, naming
    /// the indicator, the file's value, the value now, who changed it and when.
    static func staleFailure(
        _ stale: StaleFigures, fileName: String, sheet: String?, names: [String: String],
        unitNames: [UnitID: String]?, line: (ValueKey) -> Int? = { _ in nil }
    ) -> ImportFailure {
        var issues = [
            ImportIssue(
                fileName: fileName, sheet: sheet, line: nil, field: nil, reason: lowercasedFirst(stale.headline))
        ]
        for figure in stale.figures {
            let key = figure.inFile.key
            issues.append(
                ImportIssue(
                    fileName: fileName, sheet: sheet, line: line(key), field: nil,
                    reason: figure.description(
                        indicatorName: names[key.indicatorCode],
                        unitName: unitNames.map { $0[key.unitID] ?? key.unitID.rawValue })))
        }
        return ImportFailure(fileName: fileName, issues: issues)
    }

    /// Every stored figure (optionally of one unit, indicator or period) as a CSV file that
    /// `importCSV` reads back: `;` separated, decimal comma, UTF-8 with a byte order mark so
    /// Excel opens the Vietnamese text correctly, each figure's version in `phien_ban`.
    public static func valuesCSV(
        store: any SnapshotSource, unitCode: String? = nil, indicatorCode: String? = nil, periodID: String? = nil
    ) async throws -> String {
        let snapshot = try await store.snapshot()
        let unitIDs = unitCode.map { code in Set(snapshot.directory.units(code: code).map(\.unitID)) }
        var rows: [[String]] = [valueColumns]
        let values = snapshot.values.all.filter { value in
            (unitIDs.map { $0.contains(value.unitID) } ?? true)
                && (indicatorCode.map { $0 == value.indicatorCode } ?? true)
                && (periodID.map { $0 == value.period.id } ?? true)
        }.sorted {
            ($0.unitID.rawValue, $0.indicatorCode, $0.period.id) < ($1.unitID.rawValue, $1.indicatorCode, $1.period.id)
        }
        for value in values {
            let code = snapshot.directory.latestVersion(of: value.unitID)?.code ?? value.unitID.rawValue
            rows.append([
                code, value.indicatorCode, value.period.id, CSVWriter.number(value.number),
                value.status == .uoc ? "Ước tính" : "Chính thức", value.note ?? "", String(value.version),
            ])
        }
        return CSVWriter.text(rows)
    }

    /// The figure of every indicator (or one) for a unit and its direct children in a period, as
    /// the roll-up obtains it, with how it was obtained.
    public static func rollUpsCSV(
        unitCode: String, periodID: String, indicatorCode: String? = nil, store: any SnapshotSource
    )
        async throws -> String
    {
        let snapshot = try await store.snapshot()
        let (unit, period) = try resolve(unitCode: unitCode, periodID: periodID, snapshot: snapshot)
        let indicators = snapshot.indicators.filter { indicatorCode == nil || $0.code == indicatorCode }
        if let indicatorCode, indicators.isEmpty {
            throw FigureFileError("Không có chỉ tiêu mã “\(indicatorCode)”.")
        }
        let rollUp = snapshot.rollUp
        let units = [unit] + snapshot.directory.children(of: unit.unitID, on: period.span(in: .statistical).end)
        var rows = [
            [
                "ma_don_vi", "don_vi", "ma_chi_tieu", "chi_tieu", "don_vi_tinh", "ky", "gia_tri", "tinh_trang",
                "cach_tinh",
            ]
        ]
        for unit in units {
            for indicator in indicators {
                let outcome = rollUp.figure(indicator.code, unit: unit.unitID, period: period)
                var value = ""
                var status = ""
                var how = ""
                switch outcome {
                case .figure(let figure):
                    value = CSVWriter.number(figure.number)
                    status = figure.isEstimate ? "Ước tính" : "Chính thức"
                    how = figure.source.vietnameseDescription
                case .missing: how = "chưa có số liệu"
                case .notComparable(let reason): how = "không so sánh được: " + reason
                }
                rows.append([
                    unit.code, unit.fullName, indicator.code, indicator.name, indicator.unitOfMeasure, period.id, value,
                    status, how,
                ])
            }
        }
        return CSVWriter.text(rows)
    }

    /// The verdict of every target of the unit's resolution (or `resolutionID`) in a period.
    public static func verdictsCSV(
        unitCode: String, periodID: String, resolutionID: String? = nil, store: any SnapshotSource
    )
        async throws -> String
    {
        let snapshot = try await store.snapshot()
        let (unit, period) = try resolve(unitCode: unitCode, periodID: periodID, snapshot: snapshot)
        let resolution: Resolution
        do {
            resolution = try SubjectLookup.resolution(id: resolutionID, for: unit, in: snapshot)
        } catch {
            throw FigureFileError(error.message)
        }
        let assessed = UnitAssessment(snapshot: snapshot, unit: unit, resolution: resolution, period: period)
        var rows = [
            [
                "ma_don_vi", "don_vi", "nghi_quyet", "ky", "stt", "chi_tieu", "ket_qua", "ke_hoach", "danh_gia",
                "du_bao", "giai_thich",
            ]
        ]
        for a in assessed.assessments {
            rows.append([
                unit.code, unit.fullName, resolution.symbol, period.id, "\(a.target.number)", a.target.wording,
                a.tableFigureText ?? "", a.planText,
                (a.isEstimate && a.verdict != .chuaCoSoLieu ? "ước " : "") + a.verdict.vietnameseName,
                a.outlook?.vietnameseName ?? "", a.explanation,
            ])
        }
        return CSVWriter.text(rows)
    }

    static func resolve(unitCode: String, periodID: String, snapshot: Snapshot) throws -> (UnitVersion, Period) {
        do {
            let period = try SubjectLookup.period(periodID)
            let unit = try SubjectLookup.unit(
                code: unitCode, on: period.span(in: .statistical).end, in: snapshot.directory)
            return (unit, period)
        } catch {
            throw FigureFileError(error.message)
        }
    }

    static func refusal(_ fileName: String, _ reason: String) -> ImportFailure {
        ImportFailure(
            fileName: fileName, issues: [ImportIssue(fileName: fileName, line: nil, field: nil, reason: reason)])
    }

    static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}

/// Why a template or an export could not be made, in Vietnamese.
public struct FigureFileError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension FigureFiles.TemplateImport {
    /// "Thu ngân sách nhà nước trên địa bàn: 255 → 262,5", one a figure the import inserted or changed.
    public func changeLines() -> [String] {
        outcome.changes.map { change in
            change.description(indicatorName: indicatorNames[change.new.indicatorCode])
        }
    }
}
