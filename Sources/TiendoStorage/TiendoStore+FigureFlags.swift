import FluentKit
import Foundation
import SQLKit
import TiendoCore

/// Flags of unusual figures (`FigureFlag`, table `figure_flags`): written inside an entry's
/// transaction, read by the entry page and the period's board.
extension TiendoStore: FigureFlagReads {
    static let figureFlagTable = "figure_flags"

    private struct FlagRow: Codable {
        var indicator_code: String
        var unit_id: String
        var period: String
        var number: Double
        var findings: String
        var note: String
        var flagged_by: String
        var flagged_at: Double

        static let columns = [
            "indicator_code", "unit_id", "period", "number", "findings", "note", "flagged_by", "flagged_at",
        ]

        /// The flag, or nil for a row whose period no longer parses (never written by Tiendo).
        var flag: FigureFlag? {
            guard let period = Period(id: period) else { return nil }
            return FigureFlag(
                key: ValueKey(indicatorCode: indicator_code, unitID: UnitID(unit_id), period: period), number: number,
                findings: findings.split(separator: "\n").map(String.init), note: note, flaggedBy: flagged_by,
                flaggedAt: Date(timeIntervalSince1970: flagged_at))
        }
    }

    /// The port's write: one `DELETE` per unit and period for every key touched, then one
    /// `INSERT` of the new flags.
    public func replaceFlags(_ flags: [FigureFlag], clearing: [ValueKey]) async throws {
        guard !flags.isEmpty || !clearing.isEmpty else { return }
        guard let sql = database as? any SQLDatabase else { throw StorageError("Cơ sở dữ liệu không hỗ trợ SQL") }
        let keys = clearing + flags.map(\.key)
        let places = Dictionary(grouping: keys) { "\($0.unitID.rawValue)\u{1F}\($0.period.id)" }
        for group in places.values {
            guard let first = group.first else { continue }
            try await sql.delete(from: Self.figureFlagTable)
                .where("unit_id", .equal, first.unitID.rawValue)
                .where("period", .equal, first.period.id)
                .where("indicator_code", .in, Array(Set(group.map(\.indicatorCode))))
                .run()
        }
        guard !flags.isEmpty else { return }
        var insert = sql.insert(into: Self.figureFlagTable).columns(FlagRow.columns)
        for flag in flags {
            insert = insert.values(
                flag.key.indicatorCode, flag.key.unitID.rawValue, flag.key.period.id, flag.number,
                flag.findings.joined(separator: "\n"), flag.note, flag.flaggedBy, flag.flaggedAt.timeIntervalSince1970)
        }
        try await insert.run()
    }

    /// The flags of `period`, optionally only of `units` and `indicatorCodes`, by unit then
    /// indicator.
    public func figureFlags(period: Period, units: Set<UnitID>? = nil, indicatorCodes: Set<String>? = nil)
        async throws -> [FigureFlag]
    {
        guard let sql = database as? any SQLDatabase else { throw StorageError("Cơ sở dữ liệu không hỗ trợ SQL") }
        var query = sql.select().columns(FlagRow.columns).from(Self.figureFlagTable)
            .where("period", .equal, period.id)
        if let units, units.count <= 500 { query = query.where("unit_id", .in, units.map(\.rawValue)) }
        if let indicatorCodes, indicatorCodes.count <= 500 {
            query = query.where("indicator_code", .in, Array(indicatorCodes))
        }
        let flags = try await query.orderBy("unit_id").orderBy("indicator_code").all(decoding: FlagRow.self)
            .compactMap(\.flag)
        return flags.filter { flag in
            (units?.contains(flag.key.unitID) ?? true) && (indicatorCodes?.contains(flag.key.indicatorCode) ?? true)
        }
    }
}
