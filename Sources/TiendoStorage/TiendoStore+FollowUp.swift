import FluentKit
import Foundation
import SQLKit
import TiendoCore

/// Directives, their tasks and progress reports. Every write leaves an audit event and then
/// recomputes the task figures, in the same transaction.
extension TiendoStore {
    /// Who the computed task figures are attributed to.
    public static let taskFiguresAuthor = "Tiến độ"

    /// Every directive, task and report (without the files' bytes).
    public func followUpBook() async throws -> FollowUpBook {
        let directiveModels = try await DirectiveModel.query(on: database)
            .field(\.$id).field(\.$kind).field(\.$number).field(\.$date).field(\.$issuingBody).field(\.$unitID)
            .field(\.$title).field(\.$fileName).field(\.$createdBy).field(\.$createdAt)
            .all()
        let tasks = try await FollowUpTaskModel.query(on: database).all()
        let reports = try await TaskReportModel.query(on: database)
            .field(\.$id).field(\.$taskID).field(\.$unitID).field(\.$date).field(\.$text).field(\.$author)
            .field(\.$fileName).field(\.$createdAt)
            .all()
        return FollowUpBook(
            directives: try directiveModels.map { try $0.core() }, tasks: try tasks.map { try $0.core() },
            reports: try reports.map { try $0.core() })
    }

    /// Records a directive with its optional file.
    public func saveDirective(_ directive: Directive, file: Data?, actor: String, at time: Date = Date()) async throws {
        try await writeTransaction { db in
            let model = DirectiveModel()
            model.id = directive.id
            model.kind = directive.kind.rawValue
            model.number = directive.number
            model.date = directive.date.iso
            model.issuingBody = directive.issuingBody
            model.unitID = directive.unitID.rawValue
            model.title = directive.title
            model.fileName = file == nil ? nil : directive.fileName
            model.fileData = file
            model.createdBy = actor
            model.createdAt = time
            try await model.create(on: db)
            try await TiendoStore(database: db).recordEvent(
                actor: actor, action: .ghiVanBanChiDao, subject: Self.directiveSubject(directive.id),
                detail: directive.citation, at: time)
        }
    }

    /// Adds a task to its directive; its number is the next free one, whatever the caller set.
    /// Returns the task as stored.
    @discardableResult
    public func addTask(_ task: FollowUpTask, actor: String, today: CivilDate, at time: Date = Date()) async throws
        -> FollowUpTask
    {
        try await inTransaction { store in
            let last = try await FollowUpTaskModel.query(on: store.database)
                .filter(\.$directiveID == task.directiveID).sort(\.$number, .descending).first()
            var stored = task
            stored.number = (last?.number ?? 0) + 1
            try await FollowUpTaskModel(stored).create(on: store.database)
            try await store.recordEvent(
                actor: actor, action: .giaoNhiemVu, subject: Self.taskSubject(stored.id),
                detail: "Nhiệm vụ \(stored.number): \(stored.content)", at: time)
            try await store.refreshTaskFigures(today: today, at: time)
            return stored
        }
    }

    /// Records a unit's progress report with its optional evidence file.
    public func addProgressReport(
        _ report: TaskProgressReport, file: Data?, today: CivilDate, at time: Date = Date()
    ) async throws {
        try await inTransaction { store in
            guard try await FollowUpTaskModel.find(report.taskID, on: store.database) != nil else {
                throw StorageError("Nhiệm vụ không còn trong hệ thống.")
            }
            let model = TaskReportModel()
            model.id = report.id
            model.taskID = report.taskID
            model.unitID = report.unitID.rawValue
            model.date = report.date.iso
            model.text = report.text
            model.author = report.author
            model.fileName = file == nil ? nil : report.fileName
            model.fileData = file
            model.createdAt = time
            try await model.create(on: store.database)
            try await store.recordEvent(
                actor: report.author, action: .baoCaoTienDoNhiemVu, subject: Self.taskSubject(report.taskID),
                detail: report.text, at: time)
            try await store.refreshTaskFigures(today: today, at: time)
        }
    }

    /// Marks a task done on `date` (nil: reopens it).
    public func setTaskCompletion(
        taskID: UUID, completedOn date: CivilDate?, actor: String, today: CivilDate, at time: Date = Date()
    ) async throws {
        try await inTransaction { store in
            guard let model = try await FollowUpTaskModel.find(taskID, on: store.database) else {
                throw StorageError("Nhiệm vụ không còn trong hệ thống.")
            }
            model.completedOn = date?.iso
            model.completedBy = date == nil ? nil : actor
            try await model.update(on: store.database)
            try await store.recordEvent(
                actor: actor, action: date == nil ? .moLaiNhiemVu : .danhDauHoanThanhNhiemVu,
                subject: Self.taskSubject(taskID),
                detail: date.map { "Ngày hoàn thành \(VietnameseDate.short($0))" } ?? "",
                at: time)
            try await store.refreshTaskFigures(today: today, at: time)
        }
    }

    /// The file attached to a directive.
    public func directiveFile(_ id: UUID) async throws -> StoredFile? {
        guard let model = try await DirectiveModel.find(id, on: database), let name = model.fileName,
            let data = model.fileData
        else { return nil }
        return StoredFile(name: name, data: data)
    }

    /// The evidence file of a progress report.
    public func progressReportFile(_ id: UUID) async throws -> StoredFile? {
        guard let model = try await TaskReportModel.find(id, on: database), let name = model.fileName,
            let data = model.fileData
        else { return nil }
        return StoredFile(name: name, data: data)
    }

    /// Bytes of all files kept for `unit`: directives it issued, progress reports it sent and the
    /// files of its answers to explanation requests.
    public func storedFileBytes(of unit: UnitID) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { return 0 }
        var total = 0
        for table in ["task_reports", "directives", "explanation_requests"] {
            let row = try await sql.raw(
                "SELECT COALESCE(SUM(LENGTH(file_data)), 0) AS used FROM \(ident: table) WHERE unit_id = \(bind: unit.rawValue)"
            ).first()
            // SUM is NULL-free here (COALESCE) and LENGTH counts bytes on SQLite blobs and PostgreSQL bytea.
            total += (try? row?.decode(column: "used", as: Int.self)) ?? 0
        }
        return total
    }

    /// The accounts a reminder e-mail went to on `day` (table `reminder_deliveries`, migration M028).
    public func accountsMailedReminder(on day: CivilDate) async throws -> Set<UUID> {
        guard let sql = database as? any SQLDatabase else { return [] }
        let rows = try await sql.select().column("account_id").from("reminder_deliveries")
            .where("day", .equal, day.iso).all()
        return Set(rows.compactMap { try? $0.decode(column: "account_id", as: String.self) }.compactMap(UUID.init))
    }

    /// Records that the reminder e-mail of `day` went to an account's address (once per day and account).
    public func recordReminderMail(day: CivilDate, accountID: UUID, address: String) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let formatter = ISO8601DateFormatter()
        try await sql.insert(into: "reminder_deliveries").columns("day", "account_id", "address", "sent_at")
            .values(day.iso, accountID.uuidString, address, formatter.string(from: Date()))
            .ignoringConflicts().run()
    }

    /// Recomputes the task figures of every unit for `today` and stores them: figures that did not
    /// change stay untouched; a (unit, month) that no longer has a task gets zeros.
    @discardableResult
    public func refreshTaskFigures(today: CivilDate, at time: Date = Date()) async throws -> ImportCounts {
        try await inTransaction { store in
            try await store.importIndicators(TaskFigures.indicators)
            let book = try await store.followUpBook()
            let directory = try await store.directory()
            var values = book.figures(directory: directory, today: today, author: Self.taskFiguresAuthor, at: time)
            let fresh = Set(values.map(\.key))
            let stale = try await IndicatorValueModel.query(on: store.database)
                .filter(\.$indicatorCode ~~ TaskFigures.countCodes).all()
            for model in stale where model.number != 0 {
                guard let period = Period(id: model.period) else { continue }
                let value = IndicatorValue(
                    indicatorCode: model.indicatorCode, unitID: UnitID(model.unitID), period: period, number: 0,
                    note: TaskFigures.noteText, author: Self.taskFiguresAuthor, enteredAt: time)
                if !fresh.contains(value.key) { values.append(value) }
            }
            return try await store.recordValues(values, codes: Set(TaskFigures.countCodes))
        }
    }

    /// The audit subject of a directive.
    public static func directiveSubject(_ id: UUID) -> String { "van-ban-chi-dao/\(id.uuidString.lowercased())" }
    /// The audit subject of a task.
    public static func taskSubject(_ id: UUID) -> String { "nhiem-vu/\(id.uuidString.lowercased())" }
}
