import FluentSQLiteDriver
import Foundation
import SQLKit
import TiendoCore

/// Turns rows of `indicator_values` into a `ValueTable` as they arrive, sharing one copy of each
/// indicator code, unit id and period. Rows come one at a time from the database's threads.
final class ValueRowReader: @unchecked Sendable {
    private let lock = NSLock()
    private var values: ValueTable
    private var codes: [String: String] = [:]
    private var units: [String: UnitID] = [:]
    private var periods: [String: Period] = [:]
    private var failure: (any Error)?

    init(expected: Int) {
        values = ValueTable()
        values.reserveCapacity(expected)
    }

    /// A row through SQLKit (PostgreSQL).
    func read(_ row: any SQLRow) {
        add {
            Fields(
                code: try row.decode(column: "indicator_code", as: String.self),
                unit: try row.decode(column: "unit_id", as: String.self),
                period: try row.decode(column: "period", as: String.self),
                status: try row.decode(column: "status", as: String.self),
                number: try row.decode(column: "number", as: Double.self),
                note: try row.decode(column: "note", as: String?.self),
                author: try row.decode(column: "author", as: String.self),
                enteredAt: try row.decode(column: "entered_at", as: Date.self),
                version: try row.decode(column: "version", as: Int.self))
        }
    }

    /// A row straight from SQLiteNIO: SQLKit's `Decodable` path took half of a snapshot's read.
    /// Each value is converted as SQLKit's `SQLiteDataDecoder` would (`init(sqliteData:)`).
    func read(_ row: SQLiteRow) {
        add {
            func column<T: SQLiteDataConvertible>(_ name: String, as: T.Type = T.self) throws -> T {
                guard let data = row.column(name), let value = T(sqliteData: data) else {
                    throw StorageError(
                        "Cột “\(name)” của một số liệu không đọc được (\(row.column(name)?.description ?? "thiếu"))")
                }
                return value
            }
            let note = row.column("note")
            return Fields(
                code: try column("indicator_code"), unit: try column("unit_id"), period: try column("period"),
                status: try column("status"), number: try column("number"),
                note: note?.isNull == false ? try column("note") : nil, author: try column("author"),
                enteredAt: try column("entered_at"), version: try column("version"))
        }
    }

    private struct Fields {
        var code, unit, period, status: String
        var number: Double
        var note: String?
        var author: String
        var enteredAt: Date
        var version: Int
    }

    private func add(_ fields: () throws -> Fields) {
        lock.withLock {
            guard failure == nil else { return }
            do {
                let row = try fields()
                guard let period = periods[row.period] ?? Period(id: row.period),
                    let status = ValueStatus(rawValue: row.status)
                else {
                    throw StorageError("Số liệu “\(row.code)” của “\(row.unit)” có kỳ hoặc trạng thái không hợp lệ")
                }
                periods[row.period] = period
                let code = codes[row.code] ?? row.code
                codes[row.code] = code
                let unit = units[row.unit] ?? UnitID(row.unit)
                units[row.unit] = unit
                values.insert(
                    IndicatorValue(
                        indicatorCode: code, unitID: unit, period: period, number: row.number, status: status,
                        note: row.note, author: row.author, enteredAt: row.enteredAt, version: row.version))
            } catch {
                failure = error
            }
        }
    }

    func table() throws -> ValueTable {
        try lock.withLock {
            if let failure { throw failure }
            return values
        }
    }
}
