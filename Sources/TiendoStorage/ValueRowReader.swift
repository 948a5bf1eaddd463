import Foundation
import SQLKit
import TiendoCore

/// Turns rows of `indicator_values` into a `ValueTable` as they arrive, sharing one copy of each
/// indicator code, unit id and period. Rows come one at a time from the database's event loop.
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

    func read(_ row: any SQLRow) {
        lock.withLock {
            guard failure == nil else { return }
            do {
                let codeText = try row.decode(column: "indicator_code", as: String.self)
                let unitText = try row.decode(column: "unit_id", as: String.self)
                let periodText = try row.decode(column: "period", as: String.self)
                let statusText = try row.decode(column: "status", as: String.self)
                guard let period = periods[periodText] ?? Period(id: periodText),
                    let status = ValueStatus(rawValue: statusText)
                else {
                    throw StorageError("Số liệu “\(codeText)” của “\(unitText)” có kỳ hoặc trạng thái không hợp lệ")
                }
                periods[periodText] = period
                let code = codes[codeText] ?? codeText
                codes[codeText] = code
                let unit = units[unitText] ?? UnitID(unitText)
                units[unitText] = unit
                values.insert(
                    IndicatorValue(
                        indicatorCode: code, unitID: unit, period: period,
                        number: try row.decode(column: "number", as: Double.self), status: status,
                        note: try row.decode(column: "note", as: String?.self),
                        author: try row.decode(column: "author", as: String.self),
                        enteredAt: try row.decode(column: "entered_at", as: Date.self),
                        version: try row.decode(column: "version", as: Int.self)))
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
