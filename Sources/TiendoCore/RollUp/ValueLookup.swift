import Foundation

/// Where the roll-up reads reported figures from (a port: storage loads one, tests build one).
public protocol ValueLookup: Sendable {
    /// The current figure reported for a key, if any.
    func reported(_ key: ValueKey) -> IndicatorValue?

    /// The number and status of the current figure for a key: what the roll-up needs, without
    /// the rest of the figure.
    func reportedNumber(_ key: ValueKey) -> (number: Double, status: ValueStatus)?
}

extension ValueLookup {
    public func reportedNumber(_ key: ValueKey) -> (number: Double, status: ValueStatus)? {
        reported(key).map { ($0.number, $0.status) }
    }
}

/// Reported figures held in memory, keyed by (indicator, unit, period).
///
/// A country holds about 29 million figures, so the table keeps them column by column: each
/// indicator code, unit, period and author is stored once and named by a small number, a key
/// is those three numbers packed into 64 bits, and a figure costs about 40 bytes rather than the
/// 300 of a dictionary of `IndicatorValue`s.
///
/// A table that is kept while figures change takes each change with `replace(_:with:)`: the
/// change goes into a small dictionary of edits laid over the columns, so the next snapshot
/// shares the columns with the one before (copying 29 million figures for each save would cost
/// what re-reading them does). `foldEdits()` writes the edits into the columns once they are many.
public struct ValueTable: ValueLookup {
    // The stored properties are internal (not private) only for `ValueTable+Image.swift`, which
    // writes and reads them; everything else goes through the methods below.
    var codes = InternedValues<String>()
    var units = InternedValues<UnitID>()
    var periods = InternedValues<Period>()
    var authors = InternedValues<String>()
    /// Packed key → row of the columns below.
    var rows: [UInt64: Int32] = [:]
    /// The rows of keys too large to pack (more than a million indicator codes or periods, or 16
    /// million units, in one table): kept unpacked rather than trapping. Empty in practice.
    var wideRows: [WideKey: Int32] = [:]
    var numbers: [Double] = []
    var statuses: [ValueStatus] = []
    var versions: [Int32] = []
    var enteredAt: [Double] = []
    var authorOfRow: [Int32] = []
    /// Notes are rare: kept by row.
    var notes: [Int32: String] = [:]
    /// Figures changed since the columns were built: the current figure of each key, or nil where
    /// the figure was removed. Consulted before the columns.
    var edits: [ValueKey: IndicatorValue?] = [:]
    /// How many figures are held (the columns keep the rows of removed figures until rebuilt).
    public internal(set) var count = 0
    /// The latest year any figure covers, kept as figures arrive so no page copies every figure
    /// to find it.
    public internal(set) var latestYear: Int?
    /// The periods each indicator has figures for (a hundred or so each), so the figures of one
    /// indicator and unit are found by lookups rather than by a pass over every figure.
    var periodsByIndicator: [String: Set<Period>] = [:]

    /// Builds the table; when a key occurs twice, an official figure wins over an estimate and
    /// a later version over an earlier one.
    public init(_ values: [IndicatorValue] = []) {
        reserveCapacity(values.count)
        for value in values { insert(value) }
    }

    /// Adds or replaces a figure under the rule above: how a table is built from stored rows.
    /// A figure that changed afterwards goes through `replace(_:with:)`.
    public mutating func insert(_ value: IndicatorValue) {
        if !edits.isEmpty { foldEdits() }
        let key = WideKey(
            code: codes.intern(value.indicatorCode), unit: units.intern(value.unitID),
            period: periods.intern(value.period))
        if let existing = rowNumber(of: key) {
            let existingStatus = statuses[Int(existing)]
            let keepExisting =
                (existingStatus == .chinhThuc && value.status == .uoc)
                || (existingStatus == value.status && Int(versions[Int(existing)]) > value.version)
            if keepExisting { return }
            write(value, at: Int(existing))
        } else {
            // Proven unreachable: 2³¹ figures would take over 80 GB of columns (about 40 bytes
            // each), far beyond any machine this runs on, before the count reached Int32.max.
            precondition(numbers.count < Int(Int32.max), "quá nhiều số liệu cho một bảng")
            appendRow(value, under: key)
            periodsByIndicator[value.indicatorCode, default: []].insert(value.period)
            count += 1
        }
        latestYear = max(latestYear ?? value.period.year, value.period.year)
    }

    /// Makes `value` the current figure of `key`, or removes the figure when `value` is nil: a
    /// change the database has committed, applied as it is (the database holds one figure per
    /// key, so the rule of `insert` for duplicates does not apply). Kept as an edit over the
    /// columns, which stay shared with any copy of the table taken before.
    public mutating func replace(_ key: ValueKey, with value: IndicatorValue?) {
        let wasHeld = reportedNumber(key) != nil
        edits.updateValue(value, forKey: key)
        count += (value == nil ? 0 : 1) - (wasHeld ? 1 : 0)
        if let value {
            if periodsByIndicator[key.indicatorCode]?.contains(key.period) != true {
                periodsByIndicator[key.indicatorCode, default: []].insert(key.period)
            }
            latestYear = max(latestYear ?? value.period.year, value.period.year)
        } else if wasHeld && !hasFigure(of: key.indicatorCode, in: key.period) {
            // The period's last figure of the indicator went (rare: a computed rate withdrawn, a
            // deletion by hand): the period leaves the indicator's list, and the latest year is
            // found again from those lists (a few hundred periods, not every figure).
            periodsByIndicator[key.indicatorCode]?.remove(key.period)
            if periodsByIndicator[key.indicatorCode]?.isEmpty == true { periodsByIndicator[key.indicatorCode] = nil }
            if key.period.year == latestYear {
                latestYear = periodsByIndicator.values.lazy.flatMap { $0 }.map(\.year).max()
            }
        }
    }

    /// Whether some unit has a figure of `code` in `period`: one lookup per unit the table knows.
    private func hasFigure(of code: String, in period: Period) -> Bool {
        for index in 0..<units.count
        where reportedNumber(ValueKey(indicatorCode: code, unitID: units.value(at: index), period: period)) != nil {
            return true
        }
        return edits.contains { $0.key.indicatorCode == code && $0.key.period == period && $0.value != nil }
    }

    /// How many changes lie over the columns.
    public var editCount: Int { edits.count }

    /// Writes the edits into the columns (copying them if another table shares them), so that
    /// lookups go straight to the columns again.
    public mutating func foldEdits() {
        guard !edits.isEmpty else { return }
        let pending = edits
        edits = [:]
        for (key, value) in pending {
            if let value {
                overwrite(key, with: value)
            } else if let code = codes.index(of: key.indicatorCode), let unit = units.index(of: key.unitID),
                let period = periods.index(of: key.period)
            {
                let wide = WideKey(code: code, unit: unit, period: period)
                if let packed = PackedKey(wide) { rows[packed.bits] = nil } else { wideRows[wide] = nil }
            }
        }
    }

    /// Writes `value` under `key` whatever is there (the columns' part of `foldEdits`).
    private mutating func overwrite(_ key: ValueKey, with value: IndicatorValue) {
        let wide = WideKey(
            code: codes.intern(key.indicatorCode), unit: units.intern(key.unitID), period: periods.intern(key.period))
        if let existing = rowNumber(of: wide) {
            write(value, at: Int(existing))
            return
        }
        guard numbers.count < Int(Int32.max) else { return }
        appendRow(value, under: wide)
    }

    /// A new row at the end of the columns for `key` (below Int32.max rows: see `insert`).
    private mutating func appendRow(_ value: IndicatorValue, under key: WideKey) {
        let row = Int32(numbers.count)
        if let packed = PackedKey(key) { rows[packed.bits] = row } else { wideRows[key] = row }
        numbers.append(0)
        statuses.append(.chinhThuc)
        versions.append(0)
        enteredAt.append(0)
        authorOfRow.append(0)
        write(value, at: Int(row))
    }

    private mutating func write(_ value: IndicatorValue, at row: Int) {
        numbers[row] = value.number
        statuses[row] = value.status
        // A version beyond Int32.max (2 billion saves of one figure) is kept as Int32.max: it
        // still counts as the latest.
        versions[row] = Int32(clamping: value.version)
        enteredAt[row] = value.enteredAt.timeIntervalSinceReferenceDate
        // There are no more authors than rows, and rows are below Int32.max (see `insert`).
        authorOfRow[row] = Int32(authors.intern(value.author))
        notes[Int32(row)] = value.note
    }

    /// The row of a key, if the table has a figure for it.
    private func row(of key: ValueKey) -> Int? {
        guard let code = codes.index(of: key.indicatorCode), let unit = units.index(of: key.unitID),
            let period = periods.index(of: key.period),
            let row = rowNumber(of: WideKey(code: code, unit: unit, period: period))
        else { return nil }
        return Int(row)
    }

    private func rowNumber(of key: WideKey) -> Int32? {
        if let packed = PackedKey(key) { return rows[packed.bits] }
        return wideRows[key]
    }

    public func reported(_ key: ValueKey) -> IndicatorValue? {
        if !edits.isEmpty, let edit = edits[key] { return edit }
        return row(of: key).map { figure(key, row: $0) }
    }

    public func reportedNumber(_ key: ValueKey) -> (number: Double, status: ValueStatus)? {
        if !edits.isEmpty, let edit = edits[key] { return edit.map { ($0.number, $0.status) } }
        return row(of: key).map { (numbers[$0], statuses[$0]) }
    }

    private func figure(_ key: ValueKey, row: Int) -> IndicatorValue {
        IndicatorValue(
            indicatorCode: key.indicatorCode, unitID: key.unitID, period: key.period, number: numbers[row],
            status: statuses[row], note: notes[Int32(row)], author: authors.value(at: Int(authorOfRow[row])),
            enteredAt: Date(timeIntervalSinceReferenceDate: enteredAt[row]), version: Int(versions[row]))
    }

    /// The periods that some unit has a figure of `indicatorCode` for.
    public func periods(of indicatorCode: String) -> Set<Period> { periodsByIndicator[indicatorCode] ?? [] }

    /// The codes of the indicators that have at least one figure.
    public var indicatorCodes: [String] { Array(periodsByIndicator.keys) }

    /// The figures of one indicator reported for one unit, in no particular order.
    public func reported(_ indicatorCode: String, unit: UnitID) -> [IndicatorValue] {
        periods(of: indicatorCode).compactMap {
            reported(ValueKey(indicatorCode: indicatorCode, unitID: unit, period: $0))
        }
    }

    /// Every figure held: a copy of the whole table, for exports, never for a page.
    public var all: [IndicatorValue] {
        let keyed = rows.map { bits, row in (PackedKey(bits: bits).wide, row) } + wideRows.map { ($0.key, $0.value) }
        let stored = keyed.compactMap { key, row -> IndicatorValue? in
            let valueKey = ValueKey(
                indicatorCode: codes.value(at: key.code), unitID: units.value(at: key.unit),
                period: periods.value(at: key.period))
            return edits[valueKey] == nil ? figure(valueKey, row: Int(row)) : nil
        }
        return stored + edits.values.compactMap { $0 }
    }

    /// Makes room for `count` figures.
    public mutating func reserveCapacity(_ count: Int) {
        rows.reserveCapacity(count)
        numbers.reserveCapacity(count)
        statuses.reserveCapacity(count)
        versions.reserveCapacity(count)
        enteredAt.reserveCapacity(count)
        authorOfRow.reserveCapacity(count)
    }
}

/// (indicator, unit, period) as three small numbers in one 64-bit word: 20 bits for the
/// indicator (a million codes), 24 for the unit (16 million), 20 for the period.
struct PackedKey {
    static let codeBits: UInt64 = 20
    static let unitBits: UInt64 = 24
    static let periodBits: UInt64 = 20
    let bits: UInt64

    init(bits: UInt64) { self.bits = bits }

    /// Packs a key, or nil when one of its numbers does not fit its bits (the table then keeps
    /// the key unpacked). The numbers are interned positions, so never negative.
    init?(_ key: WideKey) {
        guard
            key.code >= 0 && key.unit >= 0 && key.period >= 0 && key.code < 1 << Self.codeBits
                && key.unit < 1 << Self.unitBits && key.period < 1 << Self.periodBits
        else { return nil }
        bits =
            UInt64(key.code) << (Self.unitBits + Self.periodBits) | UInt64(key.unit) << Self.periodBits
            | UInt64(key.period)
    }

    var wide: WideKey { WideKey(code: code, unit: unit, period: period) }

    var code: Int { Int(bits >> (Self.unitBits + Self.periodBits)) }
    var unit: Int { Int((bits >> Self.periodBits) & (1 << Self.unitBits - 1)) }
    var period: Int { Int(bits & (1 << Self.periodBits - 1)) }
}

/// (indicator, unit, period) as three interned numbers, unpacked.
struct WideKey: Hashable {
    let code: Int
    let unit: Int
    let period: Int
}

/// Distinct values numbered in order of arrival, so a column can hold the number instead.
struct InternedValues<Value: Hashable & Sendable>: Sendable {
    private var numberOf: [Value: Int] = [:]
    private(set) var values: [Value] = []

    mutating func intern(_ value: Value) -> Int {
        if let number = numberOf[value] { return number }
        values.append(value)
        numberOf[value] = values.count - 1
        return values.count - 1
    }

    init() {}

    /// The values as numbered in `values`, or nil when one occurs twice (an image that was not
    /// written by `ValueTable.writeImage`).
    init?(unique values: [Value]) {
        numberOf.reserveCapacity(values.count)
        for (number, value) in values.enumerated() where numberOf.updateValue(number, forKey: value) != nil {
            return nil
        }
        self.values = values
    }

    func index(of value: Value) -> Int? { numberOf[value] }

    var count: Int { values.count }

    func value(at number: Int) -> Value { values[number] }
}
