import FluentKit
import Foundation
import SQLKit
import TiendoStorage

/// Every row of every table as text, for comparing two states of a database exactly.
public enum TableDump {
    /// Table name → its rows, each row its columns as SQL literals, sorted (so the order the
    /// database happens to return them in does not matter).
    public static func rows(_ database: any Database) async throws -> [String: [String]] {
        guard let sql = database as? any SQLDatabase else { return [:] }
        var result: [String: [String]] = [:]
        for table in try await DatabaseBackup.tableNames(database) {
            let query: String
            if sql.dialect.name == "sqlite" {
                let columns = try await sql.raw("PRAGMA table_info(\(ident: table))").all().map {
                    try $0.decode(column: "name", as: String.self)
                }
                let quoted = columns.map { "quote(\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\")" }
                query = "SELECT \(quoted.joined(separator: " || '|' || ")) AS r FROM \"\(table)\" ORDER BY r"
            } else {
                query = "SELECT CAST(t AS text) AS r FROM \"\(table)\" t ORDER BY r"
            }
            result[table] = try await sql.raw("\(unsafeRaw: query)").all().map {
                try $0.decode(column: "r", as: String.self)
            }
        }
        return result
    }
}
