import FluentKit
import FluentPostgresDriver
import Foundation
import NIOCore
import TiendoCore

/// New figures on PostgreSQL through `COPY … FROM STDIN`: a multi-row `INSERT` made PostgreSQL
/// parse and plan a statement of 12.000 parameters per thousand figures, and a bulk load went at
/// ~31.000 figures a second. `COPY` streams the rows as text in the same transaction.
extension TiendoStore {
    /// Below this many figures a multi-row `INSERT` is as fast and simpler to read in a log.
    static let copyThreshold = 500

    /// Inserts figures never stored before, with their first audit entries, by `COPY` on `database`
    /// (a transaction's connection, or any of the pool's).
    static func copyFresh(_ values: [IndicatorValue], on database: any PostgresDatabase, ids: inout TimeOrderedIDs)
        async throws
    {
        let valueIDs = values.map { _ in ids.next() }
        let changeIDs = values.map { _ in ids.next() }
        let logger = database.logger
        try await database.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                try await connection.copyFrom(
                    table: IndicatorValueModel.schema, columns: freshValueColumns, logger: logger
                ) {
                    writer in
                    try await CopyText.stream(values.indices, to: writer) { line, index in
                        let value = values[index]
                        line.field(valueIDs[index].uuidString)
                        line.field(value.indicatorCode)
                        line.field(value.unitID.rawValue)
                        line.field(value.period.id)
                        line.field(value.number)
                        line.field(value.status.rawValue)
                        line.field(value.note)
                        line.field(value.author)
                        line.field(value.enteredAt)
                        line.last("1")
                    }
                }
                try await connection.copyFrom(
                    table: ValueChangeModel.schema, columns: freshChangeColumns, logger: logger
                ) {
                    writer in
                    try await CopyText.stream(values.indices, to: writer) { line, index in
                        let value = values[index]
                        line.field(changeIDs[index].uuidString)
                        line.field(value.indicatorCode)
                        line.field(value.unitID.rawValue)
                        line.field(value.period.id)
                        line.field(String?.none)
                        line.field(value.number)
                        line.field(String?.none)
                        line.field(value.status.rawValue)
                        line.field(value.note)
                        line.field(value.author)
                        line.field(value.enteredAt)
                        line.last("1")
                    }
                }
            }
        }.get()
    }
}

/// Rows in `COPY`'s text format: tab between fields, newline after each row, `\N` for null, and
/// backslash, tab, newline and carriage return escaped inside a field.
struct CopyText {
    private(set) var buffer: ByteBuffer
    private var lastDay: (number: Int64, text: String)?

    init(buffer: ByteBuffer) { self.buffer = buffer }

    /// Streams one row per element of `items`, a megabyte at a time.
    static func stream<Items: Sequence>(
        _ items: Items, to writer: PostgresCopyFromWriter, row: (inout CopyText, Items.Element) -> Void
    ) async throws {
        var text = CopyText(buffer: ByteBufferAllocator().buffer(capacity: 1 << 20))
        for item in items {
            row(&text, item)
            if text.buffer.readableBytes >= 1 << 20 {
                try await writer.write(text.buffer)
                text.buffer.clear()
            }
        }
        if text.buffer.readableBytes > 0 { try await writer.write(text.buffer) }
    }

    mutating func field(_ text: String?) {
        guard let text else {
            buffer.writeStaticString("\\N\t")
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
        buffer.writeInteger(UInt8(ascii: "\t"))
    }

    mutating func field(_ number: Double) {
        // Swift's shortest round-trip form, which PostgreSQL's float8 reads back to the same value.
        let text =
            number.isNaN ? "NaN" : number.isInfinite ? (number < 0 ? "-Infinity" : "Infinity") : "\(number)"
        buffer.writeString(text)
        buffer.writeInteger(UInt8(ascii: "\t"))
    }

    /// A `timestamptz` to the microsecond, truncated as PostgresNIO's binary encoding truncates,
    /// so a figure copied reads back exactly as one inserted.
    mutating func field(_ date: Date) {
        let sincePostgresEpoch = Int64(date.timeIntervalSince(Self.postgresEpoch) * 1_000_000)
        let micros = sincePostgresEpoch &+ 946_684_800_000_000
        let (days, inDay) = Self.floorDivision(micros, 86_400_000_000)
        let seconds = inDay / 1_000_000
        let fraction = inDay % 1_000_000
        // A batch's figures are mostly entered on one day: its text is worked out once.
        if lastDay?.number != days {
            // Not `CivilDate.iso`: `String(format:)` for every row cost a fifth of the copy's time.
            let date = CivilDate(dayNumber: Int(days))
            lastDay = (
                days,
                "\(Self.padded(Int64(date.year), 4))-\(Self.padded(Int64(date.month), 2))-\(Self.padded(Int64(date.day), 2))"
            )
        }
        buffer.writeString(
            (lastDay?.text ?? "") + " "
                + "\(Self.padded(seconds / 3600, 2)):\(Self.padded(seconds / 60 % 60, 2)):\(Self.padded(seconds % 60, 2))"
                + ".\(Self.padded(fraction, 6))+00\t")
    }

    /// The row's last field, then the end of the row.
    mutating func last(_ text: String) {
        buffer.writeString(text)
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    /// The instants (seconds since 1970) written as years 1 to 9999, which the text form holds;
    /// a figure entered outside them goes in by `INSERT`.
    static let writableDates: ClosedRange<Double> = -62_135_596_800...253_402_300_799

    private static let postgresEpoch = Date(timeIntervalSince1970: 946_684_800)

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
