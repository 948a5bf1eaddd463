import FluentKit
import FluentSQLiteDriver
import Foundation
import SQLKit
import TiendoCore

/// Reading and keeping the change log (`CreateChangeLog`): what a server needs to bring the
/// snapshot it holds up to date, and the bulk mode and pruning that keep the log small.
enum ChangeLog {
    /// The `data_version` row that holds the log's floor (entries at or below it were pruned).
    static let floorRow = 3
    /// Entries past which following the log costs more than reading everything again.
    static let followLimit = 50_000
    /// Entries a prune keeps behind the newest, so a server a little behind still follows.
    static let keptAfterPrune = 200_000

    /// What the log says happened after a sequence number.
    enum Reading {
        /// Only figures and reports' states changed (in order); `structure` when the small tables
        /// changed too.
        case changes(figures: [CommittedFigure], reports: [ReportChange], structure: Bool, through: Int)
        /// The log cannot be followed from there; the reason, in Vietnamese, for the server log.
        case unfollowable(reason: String)
    }

    /// The newest sequence number in the log (the floor when it is empty): read before a whole
    /// read, so following later replays any change that committed meanwhile (replaying is
    /// harmless: each entry carries the figure as committed, and the last one of a key wins).
    static func lastSeq(on database: any Database) async throws -> Int {
        let sql = try sqlDatabase(database)
        let row = try await sql.raw(
            """
            SELECT COALESCE((SELECT MAX(seq) FROM change_log), \
            (SELECT version FROM data_version WHERE id = \(bind: floorRow)), 0) AS seq
            """
        ).first()
        return try row?.decode(column: "seq", as: Int.self) ?? 0
    }

    /// The entries after `seq`, in commit order.
    static func read(after seq: Int, on database: any Database) async throws -> Reading {
        let sql = try sqlDatabase(database)
        let order: SQLQueryString = sql.dialect.name == "sqlite" ? "seq" : "seq, id"
        let rows = try await sql.raw(
            """
            SELECT seq, source, indicator_code, unit_id, period, number, status, note, author, entered_at, \
            version, removed FROM change_log WHERE seq > \(bind: seq) ORDER BY \(order) \
            LIMIT \(bind: followLimit + 1)
            """
        ).all()
        // Read after the entries: a prune that removed some of them has raised the floor by then.
        let floor =
            try await sql.raw("SELECT version FROM data_version WHERE id = \(bind: floorRow)").first()?
            .decode(column: "version", as: Int.self) ?? 0
        if floor > seq {
            return .unfollowable(reason: "nhật ký thay đổi đã được dọn qua số thứ tự \(seq) mà máy chủ đang giữ")
        }
        if rows.count > followLimit {
            return .unfollowable(reason: "có hơn \(followLimit) thay đổi từ lần đọc trước")
        }
        var figures: [CommittedFigure] = []
        var reports: [ReportChange] = []
        var structure = false
        var through = seq
        for row in rows {
            through = max(through, try row.decode(column: "seq", as: Int.self))
            let source = try row.decode(column: "source", as: String.self)
            switch source {
            case "indicator_values":
                figures.append(try figureChange(row))
            case "submissions":
                reports.append(try reportChange(row))
            case "reload":
                return .unfollowable(reason: "một lần nhập số liệu hàng loạt hoặc một lệnh xóa bảng")
            default:
                structure = true
            }
        }
        return .changes(figures: figures, reports: reports, structure: structure, through: through)
    }

    /// A report's new state (`CreateReportChangeLog`: the form's code rides in `indicator_code`).
    private static func reportChange(_ row: any SQLRow) throws -> ReportChange {
        let form = try row.decode(column: "indicator_code", as: String.self)
        let unit = UnitID(try row.decode(column: "unit_id", as: String.self))
        let periodID = try row.decode(column: "period", as: String.self)
        guard let period = Period(id: periodID) else {
            throw StorageError("Nhật ký thay đổi có một kỳ không hợp lệ (“\(periodID)”)")
        }
        if try row.decode(column: "removed", as: Int.self) != 0 {
            return ReportChange(formCode: form, unitID: unit, period: period, status: nil)
        }
        let statusText = try row.decode(column: "status", as: String.self)
        guard let status = SubmissionStatus(rawValue: statusText) else {
            throw StorageError("Nhật ký thay đổi có một trạng thái báo cáo không hợp lệ (“\(statusText)”)")
        }
        return ReportChange(formCode: form, unitID: unit, period: period, status: status)
    }

    private static func figureChange(_ row: any SQLRow) throws -> CommittedFigure {
        let code = try row.decode(column: "indicator_code", as: String.self)
        let unit = UnitID(try row.decode(column: "unit_id", as: String.self))
        let periodID = try row.decode(column: "period", as: String.self)
        guard let period = Period(id: periodID) else {
            throw StorageError("Nhật ký thay đổi có một kỳ không hợp lệ (“\(periodID)”)")
        }
        if try row.decode(column: "removed", as: Int.self) != 0 {
            return .removed(ValueKey(indicatorCode: code, unitID: unit, period: period))
        }
        let statusText = try row.decode(column: "status", as: String.self)
        guard let status = ValueStatus(rawValue: statusText) else {
            throw StorageError("Nhật ký thay đổi có một trạng thái số liệu không hợp lệ (“\(statusText)”)")
        }
        return .saved(
            IndicatorValue(
                indicatorCode: code, unitID: unit, period: period,
                number: try row.decode(column: "number", as: Double.self),
                status: status, note: try row.decode(column: "note", as: String?.self),
                author: try row.decode(column: "author", as: String.self),
                enteredAt: try row.decode(column: "entered_at", as: Date.self),
                version: try row.decode(column: "version", as: Int.self)))
    }

    /// Inside a transaction that writes many figures: the figure triggers stay quiet and one
    /// `reload` entry stands for the whole batch (a row per figure would double an import's
    /// writes, and a server would read everything again anyway). `endBulk` ends it before the
    /// transaction ends.
    static func markBulk(on database: any Database) async throws {
        let sql = try sqlDatabase(database)
        if sql.dialect.name == "sqlite" {
            try await sql.raw("INSERT OR IGNORE INTO change_log_bulk (id) VALUES (1)").run()
        } else {
            // The deferred trigger reads it at commit and writes the one `reload` entry.
            try await sql.raw("SET LOCAL tiendo.bulk = 'on'").run()
        }
    }

    /// Ends what `markBulk` started, in the same transaction; `changed` says whether the batch
    /// wrote any figure (a batch that changed nothing needs no reload).
    static func endBulk(changed: Bool, on database: any Database) async throws {
        let sql = try sqlDatabase(database)
        guard sql.dialect.name != "sqlite" else {
            try await sql.raw("DELETE FROM change_log_bulk").run()
            if changed { try await sql.raw("INSERT INTO change_log (source) VALUES ('reload')").run() }
            return
        }
        try await sql.raw("SET LOCAL tiendo.bulk = 'off'").run()
        guard changed else { return }
        // The figure triggers stayed quiet (`QuietFigureTriggersInBulk`): the counter moves here,
        // once per transaction, and the `reload` entry takes its version — as `tiendo_log_change`
        // does. The counter's row stays locked until commit, so versions still follow commit order.
        try await sql.raw(
            """
            UPDATE data_version SET version = version + 1, last_transaction = txid_current()             WHERE id = 1 AND last_transaction IS DISTINCT FROM txid_current()
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO change_log (seq, source) SELECT d.version, 'reload' FROM data_version d             WHERE d.id = 1 AND NOT EXISTS (SELECT 1 FROM change_log c WHERE c.seq = d.version AND c.source = 'reload')
            """
        ).run()
    }

    /// Removes entries no server needs any more (all but the newest `keptAfterPrune`) and raises
    /// the floor to the last one removed; to be run inside one write transaction.
    static func prune(on database: any Database, keeping kept: Int = keptAfterPrune) async throws {
        let sql = try sqlDatabase(database)
        let floor = try await lastSeq(on: database) - kept
        guard floor > 0 else { return }
        try await sql.raw("DELETE FROM change_log WHERE seq <= \(bind: floor)").run()
        try await sql.raw(
            "UPDATE data_version SET version = \(bind: floor) WHERE id = \(bind: floorRow) AND version < \(bind: floor)"
        ).run()
    }

    private static func sqlDatabase(_ database: any Database) throws -> any SQLDatabase {
        guard let sql = database as? any SQLDatabase else { throw StorageError("Cơ sở dữ liệu không hỗ trợ SQL") }
        return sql
    }
}
