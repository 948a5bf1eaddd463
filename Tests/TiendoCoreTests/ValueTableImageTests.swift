import Foundation
import XCTest

@testable import TiendoCore

/// The figure table written as a binary image and read back is the same table; a damaged image
/// is refused, never trusted or trapped on.
final class ValueTableImageTests: XCTestCase {
    private func image(of table: ValueTable) throws -> [UInt8] {
        var bytes: [UInt8] = []
        let writer = BinaryImageWriter { bytes += $0 }
        try table.writeImage(to: writer)
        return bytes
    }

    private func read(_ bytes: [UInt8]) throws -> ValueTable {
        try bytes.withUnsafeBytes { raw in
            var reader = BinaryImageReader(raw)
            let table = try ValueTable.readImage(from: &reader)
            guard reader.isAtEnd else { throw BinaryImageError("dư") }
            return table
        }
    }

    private func sorted(_ values: [IndicatorValue]) -> [IndicatorValue] {
        values.sorted {
            ($0.indicatorCode, $0.unitID.rawValue, $0.period.id) < ($1.indicatorCode, $1.unitID.rawValue, $1.period.id)
        }
    }

    private func assertSame(_ read: ValueTable, _ table: ValueTable, _ message: String) {
        XCTAssertEqual(sorted(read.all), sorted(table.all), message)
        XCTAssertEqual(read.count, table.count, message)
        XCTAssertEqual(read.latestYear, table.latestYear, message)
        XCTAssertEqual(Set(read.indicatorCodes), Set(table.indicatorCodes), message)
        for code in table.indicatorCodes { XCTAssertEqual(read.periods(of: code), table.periods(of: code), message) }
    }

    /// A random table: figures inserted, then changed, added and removed as edits (some folded).
    private func randomTable(seed: UInt64, figures: Int, edits: Int, fold: Bool) -> ValueTable {
        var random = SeededRandom(seed: seed)
        let codes = (0..<12).map { "CT_\($0)" }
        let units = (0..<30).map { UnitID("\(10_000 + $0)@2025-07-01") }
        let periods: [Period] = (2020...2027).flatMap { year in
            [Period.year(year), .quarter(year, 2)] + (1...12).map { Period.month(year, $0) }
        }
        func value(number: Double) -> IndicatorValue {
            IndicatorValue(
                indicatorCode: codes[Int(random.next() % UInt64(codes.count))],
                unitID: units[Int(random.next() % UInt64(units.count))],
                period: periods[Int(random.next() % UInt64(periods.count))], number: number,
                status: random.next() % 5 == 0 ? .uoc : .chinhThuc,
                note: random.next() % 17 == 0 ? "Ghi chú số \(Int(number)) — ước tính" : nil,
                author: "can-bo-\(random.next() % 4)",
                enteredAt: Date(timeIntervalSince1970: 1_750_000_000 + Double(random.next() % 1_000_000)),
                version: Int(random.next() % 9) + 1)
        }
        var table = ValueTable((0..<figures).map { value(number: Double($0) * 1.5) })
        let held = table.all
        for index in 0..<edits {
            switch random.next() % 3 {
            case 0 where !held.isEmpty:
                let old = held[Int(random.next() % UInt64(held.count))]
                table.replace(old.key, with: nil)
            case 1 where !held.isEmpty:
                var changed = held[Int(random.next() % UInt64(held.count))]
                changed.number = -Double(index)
                changed.note = "sửa \(index)"
                table.replace(changed.key, with: changed)
            default:
                var new = value(number: Double(index) + 0.25)
                new.period = .month(2031 + index % 3, index % 12 + 1)
                table.replace(new.key, with: new)
            }
        }
        if fold { table.foldEdits() }
        return table
    }

    func testARandomTableReadsBackTheSameWithOrWithoutEditsOverTheColumns() throws {
        for seed in UInt64(1)...12 {
            for fold in [false, true] {
                let table = randomTable(seed: seed, figures: Int(seed) * 150, edits: Int(seed) * 20, fold: fold)
                let back = try read(try image(of: table))
                assertSame(back, table, "hạt giống \(seed), gộp \(fold)")
                // What was read can be changed and written again like any table.
                var changed = back
                let first = try XCTUnwrap(table.all.first)
                changed.replace(first.key, with: nil)
                changed.insert(
                    IndicatorValue(indicatorCode: "MOI", unitID: UnitID("1@2025-07-01"), period: .year(2030), number: 3)
                )
                assertSame(try read(try image(of: changed)), changed, "ghi lại, hạt giống \(seed)")
            }
        }
        assertSame(try read(try image(of: ValueTable())), ValueTable(), "bảng trống")
    }

    func testATruncatedOrDamagedImageIsRefusedOrReadWithoutTrapping() throws {
        let table = randomTable(seed: 99, figures: 400, edits: 30, fold: false)
        let bytes = try image(of: table)
        // Every cut is refused.
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)) {
            XCTAssertThrowsError(try read(Array(bytes[..<length])), "cắt ở \(length)")
        }
        // Flipped bytes anywhere: refused, or read as some table; never a trap.
        var random = SeededRandom(seed: 7)
        var refused = 0
        for _ in 0..<400 {
            var damaged = bytes
            for _ in 0..<Int(random.next() % 4 + 1) {
                let at = Int(random.next() % UInt64(damaged.count))
                damaged[at] ^= UInt8(truncatingIfNeeded: random.next() | 1)
            }
            if (try? read(damaged)) == nil { refused += 1 }
        }
        XCTAssertGreaterThan(refused, 0)
        // Another kind of file.
        XCTAssertThrowsError(try read(Array("không phải ảnh".utf8)))
        // Bytes after the image: `read` asks for the end.
        XCTAssertThrowsError(try read(try image(of: table) + [0]), "dữ liệu thừa")
    }
}

/// A small deterministic generator (SplitMix64), so a failure names its seed.
private struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
