import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import TiendoCore

extension PartialRecordError {
    init(stored: ImportCounts, processed: Int, total: Int, cause: any Error) {
        self.init(stored: stored, processed: processed, total: total, reason: StorageError.message(for: cause))
    }
}

/// The keys a batch inserted, carried out of its transaction's closure.
private final class WrittenKeys: @unchecked Sendable {
    var keys: Set<String>
    init(_ keys: Set<String>) { self.keys = keys }
}

/// The repository: reads and writes Tiendo's data through Fluent. Writes that belong together
/// run in one transaction; imports are idempotent.
public struct TiendoStore: SnapshotSource {
    /// The database.
    public let database: any Database
    /// The last snapshot read, kept until the database's data version moves; nil inside a
    /// transaction, which must read its own writes.
    private let snapshotCache: SnapshotCache?
    /// How `snapshotCache` has been kept up to date.
    private let readModel = ReadModelCounters()
    /// A streaming replica of `database` for reading snapshots (`DATABASE_READ_URL`), or nil.
    public let replica: (any Database)?

    /// The file the read model starts from and is kept in (`ReadModelImage`), or nil.
    let readImage: ReadModelImage?

    /// Wraps a database handle; `replica`, when given, serves snapshot reads once it has caught up.
    /// With `imagePath`, the server starts from the read model's image there when the database
    /// vouches for it, and keeps the image up to date (`ReadModelImage`).
    public init(database: any Database, replica: (any Database)? = nil, imagePath: String? = nil) {
        self.database = database
        self.replica = replica
        self.snapshotCache = SnapshotCache()
        self.readImage = imagePath.map(ReadModelImage.init(path:))
    }

    private init(transaction database: any Database) {
        self.database = database
        self.replica = nil
        self.snapshotCache = nil
        self.readImage = nil
    }

    /// Runs `body` in one transaction: everything it writes through the store it is given is
    /// kept together or undone together. On SQLite the transaction takes the write lock before
    /// its first read (`writeTransaction`), so a bulk import committing meanwhile cannot make it
    /// fail with a stale snapshot.
    public func inTransaction<T: Sendable>(_ body: @escaping @Sendable (TiendoStore) async throws -> T) async throws
        -> T
    {
        try await writeTransaction { db in try await body(TiendoStore(transaction: db)) }
    }

    /// A transaction meant to write. SQLite's own `BEGIN` is deferred: a transaction that reads
    /// first and writes later fails at once with `SQLITE_BUSY_SNAPSHOT` ("busyInSnapshot:
    /// database is locked", which no busy timeout retries) when another connection committed
    /// in between — an API save during an import did exactly that. So on SQLite the first
    /// statement is a write that changes nothing, which takes the write lock (waiting up to
    /// `TiendoDatabase.busyTimeoutMilliseconds` for another writer) before anything is read.
    /// Inside a transaction already, `body` simply joins it.
    public func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T)
        async throws -> T
    {
        if database.inTransaction { return try await body(database) }
        return try await database.transaction { db in
            if let sql = db as? any SQLDatabase, db is any SQLiteDatabase {
                try await sql.raw(
                    "PRAGMA busy_timeout = \(unsafeRaw: String(TiendoDatabase.busyTimeoutMilliseconds))"
                ).run()
                try await sql.raw("UPDATE data_version SET version = version WHERE id = -1").run()
            }
            return try await body(db)
        }
    }

    /// Runs `attempt` again when the database answered "busy" (another process held the write
    /// lock past the busy timeout), waiting longer each time; any other error, or "busy" after
    /// the last try, is thrown as its Vietnamese `StorageError`.
    static func retryingWhenBusy<T>(tries: Int = 6, _ attempt: () async throws -> T) async throws -> T {
        var wait: UInt64 = 200_000_000
        var tried = 0
        while true {
            do {
                return try await attempt()
            } catch {
                guard let storage = StorageError.translating(error) else { throw error }
                tried += 1
                guard storage.isTransient, tried < tries else { throw storage }
                try await Task.sleep(nanoseconds: wait)
                wait = min(wait * 2, 5_000_000_000)
            }
        }
    }

    // MARK: Units and lineage

    /// Inserts or updates unit versions, keyed by (unit, validFrom). Idempotent.
    @discardableResult
    public func importUnitVersions(_ versions: [UnitVersion]) async throws -> ImportCounts {
        try await writeTransaction { db in
            try await Self.upsertVersions(versions, on: db)
        }
    }

    static func upsertVersions(_ versions: [UnitVersion], on db: any Database) async throws -> ImportCounts {
        let existing = try await UnitVersionModel.query(on: db).all()
        var byKey: [String: UnitVersionModel] = [:]
        for model in existing { byKey[model.unitID + "|" + model.validFrom] = model }
        var counts = ImportCounts()
        var fresh: [UnitVersionModel] = []
        for version in versions {
            let key = version.unitID.rawValue + "|" + version.validFrom.iso
            if let model = byKey[key] {
                if (try? model.core()) == version {
                    counts.unchanged += 1
                } else {
                    model.update(from: version)
                    try await model.update(on: db)
                    counts.updated += 1
                }
            } else {
                fresh.append(UnitVersionModel(version))
                byKey[key] = fresh.last
                counts.inserted += 1
            }
        }
        try await createInChunks(fresh, on: db)
        return counts
    }

    /// Imports a reorganisation: the units that ceased (their versions) and the links to their
    /// successors, in one transaction. Idempotent: a link is keyed by (source, successor).
    @discardableResult
    public func importLineage(oldVersions: [UnitVersion], links: [LineageLink]) async throws -> ImportCounts {
        try await writeTransaction { db in
            var counts = try await Self.upsertVersions(oldVersions, on: db)
            let existing = try await LineageLinkModel.query(on: db).all()
            var byKey: [String: LineageLinkModel] = [:]
            for model in existing { byKey[model.sourceUnitID + ">" + model.successorUnitID] = model }
            var fresh: [LineageLinkModel] = []
            for link in links {
                let key = link.source.rawValue + ">" + link.successor.rawValue
                if let model = byKey[key] {
                    if (try? model.core()) == link {
                        counts.unchanged += 1
                    } else {
                        model.weight = link.weight
                        model.date = link.date.iso
                        model.weightEstimated = link.weightIsEstimated
                        try await model.update(on: db)
                        counts.updated += 1
                    }
                } else {
                    let model = LineageLinkModel(link)
                    fresh.append(model)
                    byKey[key] = model
                    counts.inserted += 1
                }
            }
            try await Self.createInChunks(fresh, on: db)
            return counts
        }
    }

    /// The whole hierarchy in time.
    public func directory() async throws -> UnitDirectory {
        let versions = try await UnitVersionModel.query(on: database).all().map { try $0.core() }
        let links = try await LineageLinkModel.query(on: database).all().map { try $0.core() }
        return UnitDirectory(versions: versions, links: links)
    }

    // MARK: Indicators and values

    /// Inserts or updates indicators by code. Idempotent.
    @discardableResult
    public func importIndicators(_ indicators: [Indicator]) async throws -> ImportCounts {
        try await writeTransaction { db in try await Self.upsertIndicators(indicators, on: db) }
    }

    static func upsertIndicators(_ indicators: [Indicator], on db: any Database) async throws -> ImportCounts {
        var counts = ImportCounts()
        let existing = Dictionary(
            try await IndicatorModel.query(on: db).all().map { ($0.id ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        for indicator in indicators {
            if let model = existing[indicator.code] {
                if (try? model.core()) == indicator {
                    counts.unchanged += 1
                } else {
                    model.update(from: indicator)
                    try await model.update(on: db)
                    counts.updated += 1
                }
            } else {
                try await IndicatorModel(indicator).create(on: db)
                counts.inserted += 1
            }
        }
        return counts
    }

    /// Every indicator, by code.
    public func indicators() async throws -> [Indicator] {
        try await IndicatorModel.query(on: database).sort(\.$id).all().map { try $0.core() }
    }

    /// Records figures: each becomes the current figure for its key (a figure that is already
    /// there as it is stays untouched) and every change enters the audit trail. New figures go
    /// in as multi-row inserts through SQLKit: building a Fluent model per row costs more than
    /// the database itself once a batch holds hundreds of thousands of figures.
    /// When every value belongs to a few indicators (computed figures), `codes` names them so only
    /// their stored figures are read.
    ///
    /// Inside a transaction (`inTransaction`) everything joins it: all kept or all undone.
    /// Otherwise the figures are written in batches of `recordBatchSize`, each its own short
    /// transaction, with a pause between batches: a 200.000-figure import then never holds the
    /// database for more than a fraction of a second, and the server's pages and saves go on
    /// meanwhile. A batch that finds the database busy is tried again, waiting longer each time.
    /// The promise is therefore not "all or nothing" but "resumable": when a batch still fails,
    /// the batches before it stay stored and `PartialRecordError` says how many figures were
    /// stored; running the same import again stores only what remains, since figures already
    /// stored as they are count as unchanged. On SQLite, dashboards show the import's figures
    /// when it ends (the data version moves once, see below); if the process is killed midway,
    /// they show once anything else is written or the import is run again.
    @discardableResult
    public func recordValues(_ values: [IndicatorValue], codes: Set<String>? = nil) async throws -> ImportCounts {
        try await recordValues(values, codes: codes, checkingEach: nil)
    }

    /// `recordValues`, calling `check` inside each batch's transaction before the batch is
    /// written (a rule that must see what is stored at that moment, as the lock on submitted
    /// reports); a batch `check` refuses is not written, and neither is anything after it.
    func recordValues(
        _ values: [IndicatorValue], codes: Set<String>?,
        checkingEach check: (@Sendable (TiendoStore, ArraySlice<IndicatorValue>) async throws -> Void)?
    ) async throws -> ImportCounts {
        if let codes, let outside = values.first(where: { !codes.contains($0.indicatorCode) }) {
            // A caller's mistake, not the data's: refused rather than trapped.
            throw StorageError("Số liệu của chỉ tiêu “\(outside.indicatorCode)” nằm ngoài nhóm chỉ tiêu đang ghi.")
        }
        // Past one batch of figures the change log records the import as one "read everything
        // again" (`ChangeLog.markBulk`): a row per figure would double its writes.
        let isBulk = values.count > Self.recordBatchSize
        if database.inTransaction {
            try await check?(self, values[...])
            var written = Set<String>()
            if isBulk { try await ChangeLog.markBulk(on: database) }
            let counts = try await Self.recordBatch(values[...], codes: codes, written: &written, on: database)
            if isBulk { try await ChangeLog.endBulk(changed: counts.inserted + counts.updated > 0, on: database) }
            return counts
        }
        var counts = ImportCounts()
        var written = Set<String>()
        var start = 0
        // On SQLite a batched import keeps the data version where it was until it ends, then
        // moves it once: every batch moving it made each server reread the whole database after
        // every batch, and dashboards timed out during a 200.000-figure import. Meanwhile the
        // servers show the data as it was before the import (plus anyone else's saves, which move
        // the version themselves). Only SQLite, where the batch holds the one write lock while it
        // puts the counter back, so nobody else's move is undone.
        let holdsVersion = values.count > Self.recordBatchSize && database is any SQLiteDatabase
        while start < values.count {
            let end = min(start + Self.recordBatchSize, values.count)
            let batch = values[start..<end]
            let before = written
            do {
                let batchCounts = try await Self.retryingWhenBusy {
                    // A failed try wrote nothing (its transaction was undone): start from the same keys.
                    written = before
                    let box = WrittenKeys(before)
                    let counts = try await writeTransaction { db in
                        try await check?(TiendoStore(transaction: db), batch)
                        let held = holdsVersion ? try await Self.dataVersion(of: db) : nil
                        var keys = box.keys
                        if isBulk { try await ChangeLog.markBulk(on: db) }
                        let counts = try await Self.recordBatch(batch, codes: codes, written: &keys, on: db)
                        if isBulk {
                            try await ChangeLog.endBulk(changed: counts.inserted + counts.updated > 0, on: db)
                        }
                        box.keys = keys
                        if let held, let sql = db as? any SQLDatabase {
                            try await sql.raw("UPDATE data_version SET version = \(bind: held) WHERE id = 1").run()
                        }
                        return counts
                    }
                    written = box.keys
                    return counts
                }
                counts.inserted += batchCounts.inserted
                counts.updated += batchCounts.updated
                counts.unchanged += batchCounts.unchanged
            } catch {
                if holdsVersion && counts.inserted + counts.updated > 0 { try? await moveDataVersion() }
                guard start > 0 else { throw StorageError.translating(error) ?? error }
                throw PartialRecordError(stored: counts, processed: start, total: values.count, cause: error)
            }
            start = end
            if start < values.count {
                // Lets other connections' writers (waiting in their busy timeout) take the lock.
                try await Task.sleep(nanoseconds: Self.pauseBetweenBatches)
            }
        }
        if holdsVersion && counts.inserted + counts.updated > 0 { try await moveDataVersion() }
        return counts
    }

    /// Moves the data version once, so every server rereads its snapshot.
    private func moveDataVersion() async throws {
        try await Self.retryingWhenBusy {
            try await writeTransaction { db in
                guard let sql = db as? any SQLDatabase else { return }
                try await sql.raw("UPDATE data_version SET version = version + 1 WHERE id = 1").run()
            }
        }
    }

    /// Figures per transaction of `recordValues` outside a transaction.
    static let recordBatchSize = 2_000
    /// The pause between two batches of `recordValues`.
    static let pauseBetweenBatches: UInt64 = 20_000_000

    /// One batch of `recordValues` on `db`: reads the stored figures of the batch's units,
    /// indicators and periods, then updates what changed and inserts what is new. `written`
    /// holds the keys inserted by earlier batches of the same call (a repeated key keeps its
    /// first value, as a single batch always did).
    static func recordBatch(
        _ values: ArraySlice<IndicatorValue>, codes: Set<String>?, written: inout Set<String>, on db: any Database
    ) async throws -> ImportCounts {
        guard let sql = db as? any SQLDatabase else { throw StorageError("Cơ sở dữ liệu không hỗ trợ SQL") }
        var counts = ImportCounts()
        guard !values.isEmpty else { return counts }
        var query = IndicatorValueModel.query(on: db)
        if let codes {
            query = query.filter(\.$indicatorCode ~~ Array(codes))
        } else {
            query = query.filter(\.$indicatorCode ~~ Array(Set(values.map(\.indicatorCode))))
        }
        query = query.filter(\.$unitID ~~ Array(Set(values.map(\.unitID.rawValue))))
            .filter(\.$period ~~ Array(Set(values.map(\.period.id))))
        let existing = try await query.all()
        var byKey: [String: IndicatorValueModel] = [:]
        for model in existing { byKey[Self.valueKey(model.indicatorCode, model.unitID, model.period)] = model }
        var fresh: [IndicatorValue] = []
        var changes: [ValueChangeModel] = []
        var updated: [IndicatorValueModel] = []
        var updatedIDs = Set<UUID>()
        for value in values {
            let key = Self.valueKey(value.indicatorCode, value.unitID.rawValue, value.period.id)
            if let model = byKey[key] {
                if model.number == value.number && model.status == value.status.rawValue && model.note == value.note {
                    counts.unchanged += 1
                    continue
                }
                changes.append(Self.change(from: model, to: value, version: model.version + 1))
                Self.apply(value, to: model, version: model.version + 1)
                if db is any SQLiteDatabase {
                    if let id = model.id, updatedIDs.insert(id).inserted { updated.append(model) }
                } else {
                    try await model.update(on: db)
                }
                counts.updated += 1
            } else if written.insert(key).inserted {
                fresh.append(value)
                counts.inserted += 1
            }
        }
        try await Self.insertFresh(fresh, on: sql)
        if let sqlite = db as? any SQLiteDatabase {
            try await Self.updateStored(updated, on: sqlite)
            try await Self.insertChanges(changes, on: sqlite)
        } else {
            try await Self.createInChunks(changes, on: db)
        }
        return counts
    }

    /// Writes the changed figures of a batch on SQLite, a few hundred rows a statement (`UPDATE …
    /// FROM (VALUES …)`): one Fluent update per figure cost about 2 ms in a debug build, so
    /// 200.000 changed figures held the database for minutes.
    static func updateStored(_ models: [IndicatorValueModel], on sqlite: any SQLiteDatabase) async throws {
        let rowsPerStatement = 500
        var start = 0
        while start < models.count {
            let chunk = models[start..<min(start + rowsPerStatement, models.count)]
            start += chunk.count
            var binds: [SQLiteData] = []
            binds.reserveCapacity(chunk.count * 7)
            for model in chunk {
                // Unreachable nil: `updateStored` gets only models read from the table (`recordBatch`
                // keeps those with an id).
                guard let id = model.id else { continue }
                binds += [
                    .text(id.uuidString), .float(model.number), .text(model.status),
                    model.note.map(SQLiteData.text) ?? .null,
                    .text(model.author), model.enteredAt.sqliteData ?? .null, .integer(model.version),
                ]
            }
            let rows = binds.count / 7
            guard rows > 0 else { continue }
            let values = Array(repeating: "(?,?,?,?,?,?,?)", count: rows).joined(separator: ",")
            try await sqlite.query(
                """
                UPDATE indicator_values AS v SET number = u.column2, status = u.column3, note = u.column4, \
                author = u.column5, entered_at = u.column6, version = u.column7 \
                FROM (VALUES \(values)) AS u WHERE v.id = u.column1
                """, binds
            ) { _ in }
        }
    }

    /// The audit entries of a batch's changed figures on SQLite, many rows a statement.
    static func insertChanges(_ changes: [ValueChangeModel], on sqlite: any SQLiteDatabase) async throws {
        var ids = TimeOrderedIDs()
        let columns = freshChangeColumns.count
        let rowsPerStatement = 1_000
        var start = 0
        while start < changes.count {
            let chunk = changes[start..<min(start + rowsPerStatement, changes.count)]
            start += chunk.count
            var binds: [SQLiteData] = []
            binds.reserveCapacity(chunk.count * columns)
            for change in chunk {
                binds += [
                    .text(ids.next().uuidString), .text(change.indicatorCode), .text(change.unitID),
                    .text(change.period),
                    change.oldNumber.map(SQLiteData.float) ?? .null, .float(change.newNumber),
                    change.oldStatus.map(SQLiteData.text) ?? .null, .text(change.newStatus),
                    change.note.map(SQLiteData.text) ?? .null, .text(change.author),
                    change.changedAt.sqliteData ?? .null, .integer(change.version),
                ]
            }
            let row = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
            try await sqlite.query(
                "INSERT INTO \(ValueChangeModel.schema) (\(freshChangeColumns.joined(separator: ", "))) VALUES "
                    + Array(repeating: row, count: chunk.count).joined(separator: ","), binds
            ) { _ in }
        }
    }

    /// Inserts figures known to be new — generated data — with their first entries in the audit
    /// trail, in one transaction, without reading what is stored (`recordValues` reads it to
    /// tell new from changed). A figure that is already there fails the whole batch on the
    /// unique index and nothing is written.
    /// Past one batch of figures the change log records one "read everything again" instead of a
    /// row per figure (`ChangeLog.markBulk`), as `recordValues` does: a log row per generated figure
    /// made the national dataset's generation several times slower and its file much larger.
    public func insertNewValues(_ values: [IndicatorValue]) async throws {
        guard !values.isEmpty else { return }
        try await writeTransaction { db in
            guard let sql = db as? any SQLDatabase else { throw StorageError("Cơ sở dữ liệu không hỗ trợ SQL") }
            let isBulk = values.count > Self.recordBatchSize
            if isBulk { try await ChangeLog.markBulk(on: db) }
            try await Self.insertFresh(values, on: sql)
            if isBulk { try await ChangeLog.endBulk(changed: true, on: db) }
        }
    }

    /// Inserts figures never stored before, with their first entry in the audit trail.
    static func insertFresh(_ values: [IndicatorValue], on sql: any SQLDatabase) async throws {
        var ids = TimeOrderedIDs()
        if let sqlite = sql as? any SQLiteDatabase {
            try await insertFresh(values, on: sqlite, ids: &ids)
            return
        }
        if values.count >= copyThreshold, let postgres = sql as? any PostgresDatabase,
            values.allSatisfy({ CopyText.writableDates.contains($0.enteredAt.timeIntervalSince1970) })
        {
            try await copyFresh(values, on: postgres, ids: &ids)
            return
        }
        // 12 bound values a row: 1.000 rows stay under PostgreSQL's limit of 65.535.
        for chunk in freshChunks(values) {
            var insertValues = sql.insert(into: IndicatorValueModel.schema).columns(freshValueColumns)
            var insertChanges = sql.insert(into: ValueChangeModel.schema).columns(freshChangeColumns)
            for value in chunk {
                insertValues = insertValues.values(
                    ids.next(), value.indicatorCode, value.unitID.rawValue, value.period.id, value.number,
                    value.status.rawValue, value.note, value.author, value.enteredAt, 1)
                insertChanges = insertChanges.values(
                    ids.next(), value.indicatorCode, value.unitID.rawValue, value.period.id, Double?.none, value.number,
                    String?.none, value.status.rawValue, value.note, value.author, value.enteredAt, 1)
            }
            try await insertValues.run()
            try await insertChanges.run()
        }
    }

    private static let freshRowsPerStatement = 1_000

    private static func freshChunks(_ values: [IndicatorValue]) -> [ArraySlice<IndicatorValue>] {
        stride(from: 0, to: values.count, by: freshRowsPerStatement).map {
            values[$0..<min($0 + freshRowsPerStatement, values.count)]
        }
    }
    static let freshValueColumns = [
        "id", "indicator_code", "unit_id", "period", "number", "status", "note", "author", "entered_at", "version",
    ]
    static let freshChangeColumns = [
        "id", "indicator_code", "unit_id", "period", "old_number", "new_number", "old_status", "new_status", "note",
        "author", "changed_at", "version",
    ]

    /// The same rows on SQLite, bound straight to SQLiteNIO: building each statement through
    /// SQLKit's serializer and `Encodable` encoder took as long as SQLite's own work. Values are
    /// converted exactly as SQLKit's `SQLiteDataEncoder` does (`sqliteData`; a UUID as its text).
    private static func insertFresh(
        _ values: [IndicatorValue], on sqlite: any SQLiteDatabase, ids: inout TimeOrderedIDs
    ) async throws {
        if values.count > 10_000 {
            // New rows land all over the unique index; with SQLite's default 2 MB page cache a
            // large batch then rereads its pages from disk.
            try await sqlite.query("PRAGMA cache_size = -262144", []) { _ in }  // 256 MB, this connection
        }
        func statement(_ table: String, _ columns: [String], rows: Int) -> String {
            let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
            return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: row, count: rows).joined(separator: ",")
        }
        var statements: [Int: (values: String, changes: String)] = [:]
        for chunk in freshChunks(values) {
            let (insertValues, insertChanges) =
                statements[chunk.count]
                ?? (
                    statement(IndicatorValueModel.schema, freshValueColumns, rows: chunk.count),
                    statement(ValueChangeModel.schema, freshChangeColumns, rows: chunk.count)
                )
            statements[chunk.count] = (insertValues, insertChanges)
            var valueBinds: [SQLiteData] = []
            valueBinds.reserveCapacity(chunk.count * freshValueColumns.count)
            var changeBinds: [SQLiteData] = []
            changeBinds.reserveCapacity(chunk.count * freshChangeColumns.count)
            for value in chunk {
                let code = SQLiteData.text(value.indicatorCode)
                let unit = SQLiteData.text(value.unitID.rawValue)
                let period = SQLiteData.text(value.period.id)
                let number = SQLiteData.float(value.number)
                let status = SQLiteData.text(value.status.rawValue)
                let note = value.note.map(SQLiteData.text) ?? .null
                let author = SQLiteData.text(value.author)
                let enteredAt = value.enteredAt.sqliteData ?? .null
                valueBinds += [
                    .text(ids.next().uuidString), code, unit, period, number, status, note, author, enteredAt,
                    .integer(1),
                ]
                changeBinds += [
                    .text(ids.next().uuidString), code, unit, period, .null, number, .null, status, note, author,
                    enteredAt, .integer(1),
                ]
            }
            try await sqlite.query(insertValues, valueBinds) { _ in }
            try await sqlite.query(insertChanges, changeBinds) { _ in }
        }
    }

    /// Saves one figure if nobody changed it since the editor read version `expectedVersion`
    /// (nil: the editor saw no figure). Otherwise throws `ValueConflict` with the other value.
    @discardableResult
    public func saveValue(_ value: IndicatorValue, expectedVersion: Int?) async throws -> IndicatorValue {
        try await writeTransaction { db in
            let model = try await IndicatorValueModel.query(on: db)
                .filter(\.$indicatorCode == value.indicatorCode)
                .filter(\.$unitID == value.unitID.rawValue)
                .filter(\.$period == value.period.id)
                .first()
            if let model {
                guard model.version == expectedVersion else { throw ValueConflict(current: try model.core()) }
                let next = model.version + 1
                // Compare-and-set on the version: of two transactions racing past the read above,
                // only one updates a row; the other gets no row back and is refused.
                guard let sql = db as? any SQLDatabase else { throw StorageError("Cơ sở dữ liệu không hỗ trợ SQL") }
                try await Self.compareAndSet(model, to: value, version: next, on: sql, db: db)
                try await Self.change(from: model, to: value, version: next).create(on: db)
                Self.apply(value, to: model, version: next)
                return try model.core()
            }
            guard expectedVersion == nil else {
                throw StorageError("Số liệu này đã bị xóa trong lúc bạn sửa; hãy tải lại trang.")
            }
            let fresh = IndicatorValueModel()
            Self.apply(value, to: fresh, version: 1)
            try await fresh.create(on: db)
            try await Self.change(from: nil, to: value, version: 1).create(on: db)
            return try fresh.core()
        }
    }

    /// Writes `value` over the stored `model` as version `next` if the row still has the model's
    /// version: of two transactions racing past their read, only one updates the row; the other
    /// gets no row back and is refused with the figure as the winner stored it.
    static func compareAndSet(
        _ model: IndicatorValueModel, to value: IndicatorValue, version next: Int, on sql: any SQLDatabase,
        db: any Database
    ) async throws {
        guard let id = model.id else {
            // A row read from the table always has its id; refused rather than trapped.
            throw StorageError("Số liệu đã lưu thiếu mã định danh; hãy báo quản trị viên.")
        }
        let won = try await sql.update(IndicatorValueModel.schema)
            .set("number", to: value.number)
            .set("status", to: value.status.rawValue)
            .set("note", to: value.note)
            .set("author", to: value.author)
            .set("entered_at", to: value.enteredAt)
            .set("version", to: next)
            .where("id", .equal, id)
            .where("version", .equal, model.version)
            .returning("id")
            .all()
        guard won.count == 1 else {
            let latest = try await IndicatorValueModel.find(model.id, on: db) ?? model
            throw ValueConflict(current: try latest.core())
        }
    }

    /// Every current figure.
    public func values() async throws -> ValueTable {
        // Streamed row by row through SQLKit: building a Fluent model per row cost ~60 µs, which
        // at a province's 355.000 figures was 22 s of a 23 s snapshot. Repeated unit ids, codes
        // and periods are read once and shared.
        guard let sql = database as? any SQLDatabase else { throw StorageError("Cơ sở dữ liệu không hỗ trợ SQL") }
        let count =
            try await sql.raw("SELECT COUNT(*) AS n FROM indicator_values").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let reader = ValueRowReader(expected: count)
        let query = """
            SELECT indicator_code, unit_id, period, number, status, note, author, entered_at, version \
            FROM indicator_values
            """
        if let sqlite = database as? any SQLiteDatabase {
            // SQLiteNIO's callback through SQLKit queues every row on the event loop before the
            // first is read — 29 million rows held at once at national scale; its async variant
            // hands each row over as the statement steps.
            try await sqlite.withConnection { connection in
                try await connection.query(query, []) { row in reader.read(row) }
            }
        } else {
            try await sql.raw(SQLQueryString(query)).run { row in reader.read(row) }
        }
        return try reader.table()
    }

    /// The audit trail of one figure, oldest first.
    public func history(indicatorCode: String, unit: UnitID, period: Period) async throws -> [ValueChange] {
        try await ValueChangeModel.query(on: database)
            .filter(\.$indicatorCode == indicatorCode)
            .filter(\.$unitID == unit.rawValue)
            .filter(\.$period == period.id)
            .sort(\.$version)
            .all()
            .map {
                ValueChange(
                    oldNumber: $0.oldNumber, newNumber: $0.newNumber, oldStatus: $0.oldStatus.flatMap(ValueStatus.init),
                    newStatus: ValueStatus(rawValue: $0.newStatus) ?? .chinhThuc, note: $0.note, author: $0.author,
                    changedAt: $0.changedAt, version: $0.version)
            }
    }

    private static func valueKey(_ code: String, _ unit: String, _ period: String) -> String {
        code + "|" + unit + "|" + period
    }

    static func apply(_ value: IndicatorValue, to model: IndicatorValueModel, version: Int) {
        model.indicatorCode = value.indicatorCode
        model.unitID = value.unitID.rawValue
        model.period = value.period.id
        model.number = value.number
        model.status = value.status.rawValue
        model.note = value.note
        model.author = value.author
        model.enteredAt = value.enteredAt
        model.version = version
    }

    static func change(from old: IndicatorValueModel?, to value: IndicatorValue, version: Int)
        -> ValueChangeModel
    {
        let change = ValueChangeModel()
        change.indicatorCode = value.indicatorCode
        change.unitID = value.unitID.rawValue
        change.period = value.period.id
        change.oldNumber = old?.number
        change.newNumber = value.number
        change.oldStatus = old?.status
        change.newStatus = value.status.rawValue
        change.note = value.note
        change.author = value.author
        change.changedAt = value.enteredAt
        change.version = version
        return change
    }

    // MARK: Resolutions

    /// Saves a resolution with its targets and revisions, replacing any earlier copy with the
    /// same id, together with the indicators it declares — all in one transaction.
    public func saveResolution(_ resolution: Resolution, indicators: [Indicator] = []) async throws {
        try await writeTransaction { db in
            _ = try await Self.upsertIndicators(indicators, on: db)
            try await TargetModel.query(on: db).filter(\.$resolutionID == resolution.id).delete()
            try await ResolutionRevisionModel.query(on: db).filter(\.$resolutionID == resolution.id).delete()
            try await ResolutionModel.query(on: db).filter(\.$id == resolution.id).delete()
            let model = ResolutionModel()
            model.id = resolution.id
            model.issuingUnitID = resolution.issuingUnitID.rawValue
            model.symbol = resolution.symbol
            model.title = resolution.title
            model.termStart = resolution.termStart
            model.termEnd = resolution.termEnd
            model.adoptedOn = resolution.adoptedOn.iso
            try await model.create(on: db)
            for target in resolution.targets {
                try await TargetModel(target, resolutionID: resolution.id, revisionID: nil).create(on: db)
            }
            for revision in resolution.revisions {
                let revisionModel = ResolutionRevisionModel()
                revisionModel.resolutionID = resolution.id
                revisionModel.symbol = revision.symbol
                revisionModel.title = revision.title
                revisionModel.effectiveFrom = revision.effectiveFrom.iso
                try await revisionModel.create(on: db)
                for target in revision.targets {
                    try await TargetModel(target, resolutionID: resolution.id, revisionID: revisionModel.id).create(
                        on: db)
                }
            }
        }
    }

    /// Every resolution with its targets and revisions.
    public func resolutions() async throws -> [Resolution] {
        let targets = try await TargetModel.query(on: database).sort(\.$number).all()
        // Grouped once: a national database holds thousands of resolutions and tens of thousands
        // of targets, and filtering the whole list per resolution grows with their product.
        let ownTargets = Dictionary(grouping: targets.filter { $0.revisionID == nil }, by: \.resolutionID)
        let revisionTargets = Dictionary(grouping: targets.filter { $0.revisionID != nil }, by: { $0.revisionID })
        let revisions = Dictionary(
            grouping: try await ResolutionRevisionModel.query(on: database).all(), by: \.resolutionID)
        return try await ResolutionModel.query(on: database).sort(\.$id).all().map { model in
            let id = model.id ?? ""
            let ownRevisions = try (revisions[id] ?? []).map { revision in
                ResolutionRevision(
                    symbol: revision.symbol, title: revision.title,
                    effectiveFrom: CivilDate(iso: revision.effectiveFrom) ?? CivilDate(1900, 1, 1),
                    targets: try (revisionTargets[revision.id] ?? []).map { try $0.core() })
            }
            return Resolution(
                id: id, issuingUnitID: UnitID(model.issuingUnitID), symbol: model.symbol, title: model.title,
                termStart: model.termStart, termEnd: model.termEnd,
                adoptedOn: CivilDate(iso: model.adoptedOn) ?? CivilDate(1900, 1, 1),
                targets: try (ownTargets[id] ?? []).map { try $0.core() },
                revisions: ownRevisions)
        }
    }

    // MARK: Settings

    /// A setting's value.
    public func setting(_ key: String) async throws -> String? {
        // Asked on every page (the demo banner): plain SQL, no model decoding.
        guard let sql = database as? any SQLDatabase else {
            return try await SettingModel.find(key, on: database)?.value
        }
        return try await sql.raw("SELECT value FROM settings WHERE \(ident: "key") = \(bind: key)").first()?
            .decode(column: "value", as: String.self)
    }

    /// Sets a setting.
    public func setSetting(_ key: String, _ value: String) async throws {
        if let model = try await SettingModel.find(key, on: database) {
            model.value = value
            try await model.update(on: database)
        } else {
            let model = SettingModel()
            model.id = key
            model.value = value
            try await model.create(on: database)
        }
    }

    /// Claims a daily job for `day`: true for exactly one caller, however many processes share
    /// the database (an atomic compare-and-set on the settings row `job:<name>`).
    public func claimDailyJob(_ name: String, day: String) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { throw StorageError("Cơ sở dữ liệu không hỗ trợ SQL") }
        let key = "job:" + name
        try await sql.insert(into: "settings").columns("key", "value").values(key, "").ignoringConflicts().run()
        let claimed = try await sql.update("settings").set("value", to: day)
            .where("key", .equal, key).where("value", .notEqual, day)
            .returning("key").all()
        return claimed.count == 1
    }

    /// Whether the database holds the demo data (pages and documents then say "Dữ liệu minh họa").
    public func isDemo() async throws -> Bool { Self.isDemoSetting(try await setting(Self.demoSetting)) }

    /// Marks (or unmarks) the database as holding demo data.
    public func markAsDemo(_ isDemo: Bool = true) async throws {
        try await setSetting(Self.demoSetting, isDemo ? Self.demoValue : "0")
    }

    /// The setting that marks demo data, and the value that means "demo".
    static let demoSetting = "demo"
    static let demoValue = "1"
    static func isDemoSetting(_ value: String?) -> Bool { value == demoValue }

    // MARK: Snapshot

    /// The current data. Read once per data version and then served from memory: the database
    /// moves the version whenever units, lineage, indicators, figures or resolutions change
    /// (`CreateDataVersion`), whoever writes, so every instance notices every write.
    ///
    /// With a replica, the version is asked of the primary and the data read from the replica
    /// only when the replica's version has reached it — so whoever has just saved sees the save
    /// (read-your-writes) — and from the primary otherwise.
    public func snapshot() async throws -> Snapshot {
        guard snapshotCache != nil else { return try await loadSnapshot() }
        return try await snapshot(atVersion: try await dataVersion())
    }

    /// The snapshot at `version` of the data counter, just read by the caller (see `snapshot()`).
    public func snapshot(atVersion version: Int) async throws -> Snapshot {
        guard let cache = snapshotCache else { return try await loadSnapshot() }
        return try await cache.snapshot(at: version) { previous in
            if let replica, let replicaVersion = try? await Self.dataVersion(of: replica), replicaVersion >= version {
                return try await TiendoStore(transaction: replica).follow(
                    from: previous, to: version, statistics: readModel)
            }
            return try await follow(from: previous, to: version, statistics: readModel)
        }
    }

    /// `previous` brought up to data `version` from the change log: changed figures applied to it
    /// (the roll-up keeping what they cannot reach), the small tables read again when they
    /// changed, and everything read again only when there is no previous snapshot or the log
    /// cannot be followed from it (said in the server log and counted in `statistics`).
    func follow(from previous: SnapshotCache.Position?, to version: Int, statistics: ReadModelCounters) async throws
        -> SnapshotCache.Position
    {
        let started = ContinuousClock.now
        if let previous {
            var reason: String?
            if version < previous.version {
                // Asked for by a request that read the version before the snapshot kept moved on:
                // the kept one serves it. A database whose version went back was restored.
                if try await Self.dataVersion(of: database) >= previous.version { return previous }
                reason = "cơ sở dữ liệu đã được khôi phục về một phiên bản cũ hơn"
            } else {
                switch try await ChangeLog.read(after: previous.seq, on: database) {
                case .changes(let figures, let reports, let structure, let through):
                    let snapshot: Snapshot
                    if structure {
                        var values = previous.snapshot.values
                        for change in figures { values.replace(change.key, with: change.savedValue) }
                        snapshot = Snapshot(
                            directory: try await directory(), indicators: try await indicators(), values: values,
                            resolutions: try await resolutions(), reports: try await reportStates())
                    } else {
                        snapshot = previous.snapshot.applying(figures, reportChanges: reports)
                    }
                    statistics.followed(
                        changes: figures.count, through: through, version: version, took: ContinuousClock.now - started)
                    return SnapshotCache.Position(seq: through, version: version, snapshot: snapshot)
                case .unfollowable(let why):
                    reason = why
                }
            }
            if let reason { TiendoStore.readModelLogger.notice("Đọc lại toàn bộ dữ liệu: \(reason).") }
        }
        if previous == nil, let start = try await positionFromImage(version: version) {
            statistics.startedFromImage(through: start.seq, version: version, took: ContinuousClock.now - started)
            return start
        }
        let seq = try await ChangeLog.lastSeq(on: database)
        let snapshot = try await loadSnapshot()
        statistics.readWhole(through: seq, version: version, took: ContinuousClock.now - started)
        let position = SnapshotCache.Position(seq: seq, version: version, snapshot: snapshot)
        if readImage != nil {
            // The next start begins from this read; written meanwhile, the request does not wait.
            // Always written: after a whole read (a restored database, say) the image on disk may be one
            // this database does not vouch for, even at the same position.
            Task.detached(priority: .background) { try? await self.writeImage(of: position, always: true) }
        }
        return position
    }

    /// The snapshot at `version` built from the read model's image and the log entries after it,
    /// or nil when there is no image the database vouches for or the log cannot be followed from
    /// it (said in the log).
    private func positionFromImage(version: Int) async throws -> SnapshotCache.Position? {
        // No file (a first start): nothing to read alongside, go straight to the whole read.
        guard let readImage, FileManager.default.fileExists(atPath: readImage.path) else { return nil }
        let started = ContinuousClock.now
        // The small tables are read while the image is (seconds each at national scale). They are
        // as new as the log position reached below unless the log shows a change to them since
        // the image, in which case they are read again after it.
        async let smallTables = (directory(), indicators(), resolutions())
        guard let image = await readImage.load(on: database) else {
            _ = try? await smallTables
            return nil
        }
        let loaded = ContinuousClock.now
        switch try await ChangeLog.read(after: image.seq, on: database) {
        case .changes(let figures, _, let structure, let through):
            var values = image.values
            for change in figures { values.replace(change.key, with: change.savedValue) }
            // Reports are read after the log was (`smallTables` may predate a report change it shows).
            var (directory, indicators, resolutions) = try await smallTables
            if structure {
                (directory, indicators, resolutions) = (
                    try await self.directory(), try await self.indicators(), try await self.resolutions()
                )
            }
            let snapshot = Snapshot(
                directory: directory, indicators: indicators, values: values, resolutions: resolutions,
                reports: try await reportStates())
            func seconds(_ duration: Duration) -> String {
                VietnameseNumber.format(
                    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18, decimals: 1)
            }
            TiendoStore.readModelLogger.notice(
                "Bắt đầu từ ảnh bộ nhớ \(readImage.path) (vị trí \(image.seq)), áp dụng \(figures.count) thay đổi sau đó: đọc ảnh \(seconds(loaded - started)) s, tổng cộng \(seconds(ContinuousClock.now - started)) s."
            )
            return SnapshotCache.Position(seq: through, version: version, snapshot: snapshot)
        case .unfollowable(let why):
            _ = try? await smallTables
            TiendoStore.readModelLogger.notice("Không dùng ảnh bộ nhớ \(readImage.path): \(why).")
            return nil
        }
    }

    /// Writes the read model's image of `position` (no-op without an image path).
    private func writeImage(of position: SnapshotCache.Position, always: Bool) async throws {
        guard let readImage else { return }
        do {
            try await readImage.write(position, always: always, on: database) { body in
                try await Self.retryingWhenBusy { try await writeTransaction(body) }
            }
        } catch {
            TiendoStore.readModelLogger.warning(
                "Không ghi được ảnh bộ nhớ \(readImage.path): \(ReadModelImage.reason(error)).")
            throw error
        }
    }

    /// Writes a new image of the read model when the log has moved well past the one on disk
    /// (`ReadModelImage.refreshAfter` entries), so the next start follows only a little of it.
    public func refreshReadModelImage() async throws {
        guard let readImage, let position = snapshotCache?.keptPosition, readImage.isStale(at: position.seq) else {
            return
        }
        try await writeImage(of: position, always: false)
    }

    /// How the read model has been kept: whole reads, changes followed, time taken.
    public var readModelStatus: ReadModelStatus { readModel.status }

    /// Removes change-log entries no server needs any more (`ChangeLog.prune`).
    public func pruneChangeLog() async throws {
        try await Self.retryingWhenBusy { try await writeTransaction { db in try await ChangeLog.prune(on: db) } }
    }

    /// The data version: a counter that moves with every change to what a snapshot reads.
    public func dataVersion() async throws -> Int { try await Self.dataVersion(of: database) }

    /// The data version and the follow-up version (`CreateFollowUpVersion`) in one read.
    public func versions() async throws -> DataVersions { try await pageStamp().versions }

    /// Both counters and the demo flag in one statement: what a kept page (`RenderedPages`) is
    /// keyed on besides its viewer. The session lookup reads the same columns in its own statement
    /// (`StoredSession.pageStamp`), so a logged-in page needs no second round trip for it.
    public func pageStamp() async throws -> PageStamp {
        guard let sql = database as? any SQLDatabase else { throw StorageError("Cơ sở dữ liệu không hỗ trợ SQL") }
        guard let row = try await sql.raw("SELECT \(Self.pageStampColumns())").first() else {
            throw StorageError("Không đọc được bộ đếm phiên bản dữ liệu")
        }
        return try Self.pageStamp(from: row)
    }

    /// The select-list items that read a `PageStamp`, for any statement that wants it too.
    static func pageStampColumns() -> SQLQueryString {
        """
        (SELECT version FROM data_version WHERE id = \(bind: 1)) AS data_counter,
        (SELECT version FROM data_version WHERE id = \(bind: CreateFollowUpVersion.row)) AS follow_up_counter,
        (SELECT value FROM settings WHERE \(ident: "key") = \(bind: Self.demoSetting)) AS demo_setting
        """
    }

    /// Reads the columns of `pageStampColumns()` from a row.
    static func pageStamp(from row: any SQLRow) throws -> PageStamp {
        PageStamp(
            versions: DataVersions(
                data: try row.decode(column: "data_counter", as: Int?.self) ?? 0,
                followUp: try row.decode(column: "follow_up_counter", as: Int?.self) ?? 0),
            isDemo: Self.isDemoSetting(try row.decode(column: "demo_setting", as: String?.self)))
    }

    static func dataVersion(of database: any Database) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { throw StorageError("Cơ sở dữ liệu không hỗ trợ SQL") }
        let row = try await sql.raw("SELECT version FROM data_version WHERE id = 1").first()
        return try row?.decode(column: "version", as: Int.self) ?? 0
    }

    /// Reads every unit, indicator, figure and resolution from this store's database.
    public func loadSnapshot() async throws -> Snapshot {
        Snapshot(
            directory: try await directory(), indicators: try await indicators(), values: try await values(),
            resolutions: try await resolutions(), reports: try await reportStates())
    }

    // MARK: Helpers

    /// Bulk inserts, chunked under SQLite's limit on bound parameters.
    static func createInChunks<M: Model>(_ models: [M], on db: any Database) async throws {
        var start = 0
        while start < models.count {
            let end = min(start + 400, models.count)
            try await Array(models[start..<end]).create(on: db)
            start = end
        }
    }
}
