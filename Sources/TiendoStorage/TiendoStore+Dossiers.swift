import FluentKit
import Foundation
import SQLKit
import TiendoCore

extension TiendoStore {
    /// The table of the dossier log.
    static let dossierTable = "dossiers"

    struct DossierRow: Codable, Sendable {
        var id: String
        var unit_id: String
        var procedure_name: String
        var received: String
        var due: String
        var finished: String?
        var channel: String
        var digitised: Int
        var electronic_result: Int
        var supplement_requests: Int
        var received_month: String

        static let columns = [
            "id", "unit_id", "procedure_name", "received", "due", "finished", "channel", "digitised",
            "electronic_result", "supplement_requests", "received_month",
        ]

        func record() throws -> DossierRecord {
            guard let received = CivilDate(iso: received), let due = CivilDate(iso: due),
                let channel = DossierChannel(rawValue: channel)
            else { throw StorageError("Hồ sơ “\(id)” trong cơ sở dữ liệu bị hỏng.") }
            return DossierRecord(
                id: id, unitID: UnitID(unit_id), procedure: procedure_name, received: received, due: due,
                finished: finished.flatMap(CivilDate.init(iso:)), channel: channel, digitised: digitised != 0,
                electronicResult: electronic_result != 0, supplementRequests: supplement_requests)
        }
    }

    /// Imports dossiers as one transaction: each is stored under its id (a dossier already stored
    /// is replaced when it changed, so an overlapping log never counts a dossier twice); then the
    /// counts and rates of every (unit, month) the import touched — the months of the dossiers in
    /// the log, the old month of a dossier whose dates changed, and every month that still has a
    /// dossier open on `asOf` — are recomputed from the table as of `asOf` and recorded as figures.
    /// The dossier indicators are created first if missing.
    public func importDossiers(
        _ records: [DossierRecord], asOf: CivilDate, author: String, actor: String, at now: Date = Date()
    ) async throws -> DossierImportOutcome {
        try await inTransaction { tx in
            guard let sql = tx.database as? any SQLDatabase else {
                throw StorageError("Cơ sở dữ liệu không hỗ trợ SQL")
            }
            if records.count > 10_000 && sql.dialect.name == "sqlite" {
                try await sql.raw("PRAGMA cache_size = -262144").run()  // 256 MB, for this connection
            }
            var outcome = DossierImportOutcome()
            _ = try await Self.upsertIndicators(DossierIndicators.all, on: tx.database)

            // 1. Upsert the dossiers by id.
            var stored: [String: DossierRecord] = [:]
            let ids = records.map(\.id)
            var start = 0
            while start < ids.count {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                let rows = try await sql.select().columns(DossierRow.columns)
                    .from(Self.dossierTable).where("id", .in, chunk).all(decoding: DossierRow.self)
                for row in rows { stored[row.id] = try row.record() }
                start += 500
            }
            var touched = Set<DossierMonthKey>()
            var write: [DossierRecord] = []
            var replaced: [String] = []
            for record in records {
                touched.insert(DossierMonthKey(unitID: record.unitID, period: record.month))
                if let old = stored[record.id] {
                    if old == record {
                        outcome.dossiers.unchanged += 1
                        continue
                    }
                    touched.insert(DossierMonthKey(unitID: old.unitID, period: old.month))
                    replaced.append(record.id)
                    outcome.dossiers.updated += 1
                } else {
                    outcome.dossiers.inserted += 1
                }
                write.append(record)
            }
            start = 0
            while start < replaced.count {
                let chunk = Array(replaced[start..<min(start + 500, replaced.count)])
                try await sql.delete(from: Self.dossierTable).where("id", .in, chunk).run()
                start += 500
            }
            start = 0
            while start < write.count {
                let chunk = write[start..<min(start + 1_000, write.count)]
                var insert = sql.insert(into: Self.dossierTable).columns(DossierRow.columns + ["imported_at"])
                for r in chunk {
                    insert = insert.values(
                        r.id, r.unitID.rawValue, r.procedure, r.received.iso, r.due.iso, r.finished?.iso,
                        r.channel.rawValue, r.digitised ? 1 : 0, r.electronicResult ? 1 : 0, r.supplementRequests,
                        r.month.id, now)
                }
                try await insert.run()
                start += 1_000
            }

            // 2. Months whose open dossiers may have changed status since they were last counted.
            struct KeyRow: Decodable {
                var unit_id: String
                var received_month: String
            }
            let open = try await sql.select().distinct().column("unit_id").column("received_month")
                .from(Self.dossierTable)
                .where(SQLIdentifier("finished"), .is, SQLLiteral.null)
                .orWhere("finished", .greaterThan, asOf.iso)
                .all(decoding: KeyRow.self)
            for row in open {
                if let period = Period(id: row.received_month) {
                    touched.insert(DossierMonthKey(unitID: UnitID(row.unit_id), period: period))
                }
            }

            // 3. Recompute every touched (unit, month) from the table.
            let byMonth = Dictionary(grouping: touched, by: \.period)
            var inScope: [DossierRecord] = []
            for (period, keys) in byMonth {
                let units = keys.map(\.unitID.rawValue)
                var unitStart = 0
                while unitStart < units.count {
                    let chunk = Array(units[unitStart..<min(unitStart + 500, units.count)])
                    let rows = try await sql.select().columns(DossierRow.columns)
                        .from(Self.dossierTable)
                        .where("received_month", .equal, period.id)
                        .where("unit_id", .in, chunk)
                        .all(decoding: DossierRow.self)
                    for row in rows { inScope.append(try row.record()) }
                    unitStart += 500
                }
            }
            // 4. A commune of the same province without a dossier that month received none: it gets
            // zeros, so the province's sum for the month is not "missing" for want of one commune.
            let directory = try await tx.directory()
            var withSiblings = touched
            var filledParents = Set<String>()
            for key in touched {
                let end = key.period.span(in: .statistical).end
                guard let parent = directory.version(of: key.unitID, on: end)?.parentID,
                    filledParents.insert(parent.rawValue + "|" + key.period.id).inserted
                else { continue }
                for sibling in directory.children(of: parent, on: end)
                where directory.children(of: sibling.unitID, on: end).isEmpty {
                    withSiblings.insert(DossierMonthKey(unitID: sibling.unitID, period: key.period))
                }
            }
            let counts = DossierRates.counts(inScope, asOf: asOf, alsoKeys: withSiblings)
            let (values, ratesWithoutFigure) = DossierRates.values(counts, author: author, enteredAt: now)
            outcome.values = try await tx.recordValues(values, codes: DossierIndicators.codes)
            for key in ratesWithoutFigure {
                let removed = try await sql.delete(from: IndicatorValueModel.schema)
                    .where("indicator_code", .equal, key.indicatorCode)
                    .where("unit_id", .equal, key.unitID.rawValue)
                    .where("period", .equal, key.period.id)
                    .returning("id").all()
                outcome.ratesRemoved += removed.count
            }
            outcome.unitMonths = counts.count
            outcome.units = Set(counts.keys.map(\.unitID)).count
            outcome.months = Set(counts.keys.map(\.period)).count
            if outcome.dossiers.inserted + outcome.dossiers.updated + outcome.values.inserted
                + outcome.values.updated > 0
            {
                try await tx.recordEvent(
                    actor: actor, action: .nhapHoSo, subject: "ho-so-tthc",
                    detail:
                        "\(outcome.dossiers.inserted) hồ sơ mới, \(outcome.dossiers.updated) hồ sơ cập nhật; "
                        + "\(outcome.values.inserted) số liệu mới, \(outcome.values.updated) số liệu thay đổi", at: now)
            }
            return outcome
        }
    }

    /// Every stored dossier (optionally of one unit), by id — for tests and exports.
    public func dossiers(unit: UnitID? = nil) async throws -> [DossierRecord] {
        guard let sql = database as? any SQLDatabase else { throw StorageError("Cơ sở dữ liệu không hỗ trợ SQL") }
        var query = sql.select().columns(DossierRow.columns).from(Self.dossierTable)
        if let unit { query = query.where("unit_id", .equal, unit.rawValue) }
        return try await query.orderBy("id").all(decoding: DossierRow.self).map { try $0.record() }
    }

    /// How many dossiers are stored.
    public func dossierCount() async throws -> Int {
        guard let sql = database as? any SQLDatabase else { throw StorageError("Cơ sở dữ liệu không hỗ trợ SQL") }
        struct Count: Decodable { var n: Int }
        return try await sql.raw("SELECT COUNT(*) AS n FROM dossiers").first(decoding: Count.self)?.n ?? 0
    }
}
