import Foundation

/// The table as a compact binary image, so a server can start from a file instead of reading
/// every figure from the database (29 million at national scale took a minute): the distinct
/// codes, units, periods and authors once each, then one column per field. Reading it back
/// rebuilds the key index; every number read is checked against what it refers to, so a damaged
/// image is refused (`BinaryImageError`) rather than trusted.
extension ValueTable {
    private static let magic: UInt64 = 0x3130_474D_4944_5454  // "TTDIMG01", read little-endian
    private static let endMark: UInt64 = 0x444E_4547_414D_4954  // "TIMAGEND"
    private static let byteOrderMark: UInt32 = 0x0102_0304
    /// More figures than any image can hold (the columns index rows with Int32).
    private static let rowLimit = Int(Int32.max)

    /// Writes the table: its figures as they are now, edits included.
    /// Throws `BinaryImageError` for a table whose keys do not all pack into 64 bits (more than a
    /// million codes or periods, or 16 million units: never met in practice); such a table is
    /// simply read from the database.
    public func writeImage(to writer: BinaryImageWriter) throws {
        guard wideRows.isEmpty else { throw BinaryImageError("bảng có khóa quá lớn để ghi thành ảnh") }
        var codes = self.codes
        var units = self.units
        var periods = self.periods
        var authors = self.authors
        // Rows a later edit replaced or removed are left out; the edits' figures come after.
        var replaced = Set<UInt64>()
        for key in edits.keys {
            if let code = codes.index(of: key.indicatorCode), let unit = units.index(of: key.unitID),
                let period = periods.index(of: key.period),
                let packed = PackedKey(WideKey(code: code, unit: unit, period: period))
            {
                replaced.insert(packed.bits)
            }
        }
        var keys: [UInt64] = []
        var columnRows: [Int32] = []
        keys.reserveCapacity(rows.count + edits.count)
        columnRows.reserveCapacity(rows.count)
        for (bits, row) in rows where replaced.isEmpty || !replaced.contains(bits) {
            keys.append(bits)
            columnRows.append(row)
        }
        var edited: [IndicatorValue] = []
        for case let value? in edits.values {
            let wide = WideKey(
                code: codes.intern(value.indicatorCode), unit: units.intern(value.unitID),
                period: periods.intern(value.period))
            guard let packed = PackedKey(wide) else {
                throw BinaryImageError("bảng có khóa quá lớn để ghi thành ảnh")
            }
            keys.append(packed.bits)
            edited.append(value)
        }
        var editedAuthors: [Int32] = []
        for value in edited { editedAuthors.append(Int32(clamping: authors.intern(value.author))) }
        guard keys.count < Self.rowLimit else { throw BinaryImageError("quá nhiều số liệu cho một ảnh") }

        try writer.write(Self.magic)
        try writer.write(Self.byteOrderMark)
        for list in [codes.values, units.values.map(\.rawValue), periods.values.map(\.id), authors.values] {
            try writer.write(UInt64(list.count))
            for text in list { try writer.write(text) }
        }
        try writer.write(UInt64(keys.count))
        try writer.writeRaw(keys)
        try writer.writeRaw(columnRows.lazy.map { self.numbers[Int($0)] } + edited.map(\.number))
        try writer.writeRaw(
            columnRows.lazy.map { Self.statusByte(self.statuses[Int($0)]) } + edited.map { Self.statusByte($0.status) })
        try writer.writeRaw(
            columnRows.lazy.map { self.versions[Int($0)] } + edited.map { Int32(clamping: $0.version) })
        try writer.writeRaw(
            columnRows.lazy.map { self.enteredAt[Int($0)] }
                + edited.map(\.enteredAt.timeIntervalSinceReferenceDate))
        try writer.writeRaw(columnRows.lazy.map { self.authorOfRow[Int($0)] } + editedAuthors)
        // Notes are rare: (position, text) pairs.
        var noted: [(position: Int, note: String)] = []
        if !notes.isEmpty {
            for (position, row) in columnRows.enumerated() {
                if let note = notes[row] { noted.append((position, note)) }
            }
        }
        for (offset, value) in edited.enumerated() {
            if let note = value.note { noted.append((columnRows.count + offset, note)) }
        }
        try writer.write(UInt64(noted.count))
        for (position, note) in noted {
            try writer.write(UInt64(position))
            try writer.write(note)
        }
        try writer.write(UInt64(periodsByIndicator.count))
        for (code, held) in periodsByIndicator {
            try writer.write(UInt64(codes.intern(code)))
            try writer.write(UInt64(held.count))
            for period in held { try writer.write(UInt64(periods.intern(period))) }
        }
        try writer.write(Self.endMark)
        try writer.flush()
    }

    /// Reads a table written by `writeImage`, checking it as it goes.
    public static func readImage(from reader: inout BinaryImageReader) throws -> ValueTable {
        guard try reader.read(UInt64.self) == magic else { throw BinaryImageError("không phải ảnh bảng số liệu") }
        guard try reader.read(UInt32.self) == byteOrderMark else {
            throw BinaryImageError("ảnh được ghi trên máy có thứ tự byte khác")
        }
        func strings() throws -> [String] {
            let count = try reader.readCount(atMost: rowLimit)
            var list: [String] = []
            list.reserveCapacity(Swift.min(count, 1 << 20))
            for _ in 0..<count { list.append(try reader.readString()) }
            return list
        }
        var periodList: [Period] = []
        let codeList = try strings()
        let unitList = try strings().map(UnitID.init)
        for id in try strings() {
            guard let period = Period(id: id) else { throw BinaryImageError("ảnh có một kỳ không hợp lệ (“\(id)”)") }
            periodList.append(period)
        }
        let authorList = try strings()
        guard let codes = InternedValues(unique: codeList), let units = InternedValues(unique: unitList),
            let periods = InternedValues(unique: periodList), let authors = InternedValues(unique: authorList)
        else { throw BinaryImageError("ảnh có một mã lặp lại") }

        let count = try reader.readCount(atMost: rowLimit - 1)
        let keys = try reader.readRaw(UInt64.self, count: count)
        var table = ValueTable()
        table.numbers = try reader.readRaw(Double.self, count: count)
        let statusBytes = try reader.readRaw(UInt8.self, count: count)
        table.versions = try reader.readRaw(Int32.self, count: count)
        table.enteredAt = try reader.readRaw(Double.self, count: count)
        table.authorOfRow = try reader.readRaw(Int32.self, count: count)
        let statuses = ValueStatus.allCases
        table.statuses = try statusBytes.map { byte in
            guard Int(byte) < statuses.count else { throw BinaryImageError("ảnh có một trạng thái không hợp lệ") }
            return statuses[Int(byte)]
        }
        guard table.authorOfRow.allSatisfy({ $0 >= 0 && Int($0) < authors.count }) else {
            throw BinaryImageError("ảnh trỏ tới một người nhập không có")
        }
        table.rows.reserveCapacity(count)
        for (row, bits) in keys.enumerated() {
            let key = PackedKey(bits: bits)
            guard key.code < codes.count, key.unit < units.count, key.period < periods.count else {
                throw BinaryImageError("ảnh trỏ tới một mã không có")
            }
            guard table.rows.updateValue(Int32(row), forKey: bits) == nil else {
                throw BinaryImageError("ảnh có một số liệu lặp lại")
            }
        }
        let notes = try reader.readCount(atMost: count)
        for _ in 0..<notes {
            let position = try reader.readCount(atMost: count - 1)
            table.notes[Int32(position)] = try reader.readString()
        }
        let indicators = try reader.readCount(atMost: codes.count)
        for _ in 0..<indicators {
            let code = try reader.readCount(atMost: codes.count - 1)
            let held = try reader.readCount(atMost: periods.count)
            var set = Set<Period>(minimumCapacity: held)
            for _ in 0..<held { set.insert(periods.value(at: try reader.readCount(atMost: periods.count - 1))) }
            table.periodsByIndicator[codes.value(at: code)] = set
        }
        guard try reader.read(UInt64.self) == endMark else { throw BinaryImageError("ảnh bị hỏng ở cuối") }
        table.codes = codes
        table.units = units
        table.periods = periods
        table.authors = authors
        table.count = count
        table.latestYear = table.periodsByIndicator.values.lazy.flatMap { $0 }.map(\.year).max()
        return table
    }

    private static func statusByte(_ status: ValueStatus) -> UInt8 {
        UInt8(ValueStatus.allCases.firstIndex(of: status) ?? 0)
    }
}
