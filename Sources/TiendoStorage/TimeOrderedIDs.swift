import Foundation
import TiendoCore

/// Version 7 UUIDs (RFC 9562 §5.7) for rows written in bulk: 48 bits of Unix time in
/// milliseconds, then random bits, so ids made one after another sort — as bytes in
/// PostgreSQL's `uuid` and as text in SQLite — in the order they were made. A bulk insert then
/// appends to the primary-key index instead of landing all over it: with random ids a country's
/// 29 million figures rewrite pages spread over a gigabyte-sized index for every batch.
///
/// The random bits come from a generator seeded once from the system's, not a system call per
/// id: the ids name rows, they guard nothing.
struct TimeOrderedIDs {
    private var random: SplitMix64

    init() {
        var system = SystemRandomNumberGenerator()
        random = SplitMix64(state: system.next())
    }

    /// The next id, stamped with `date`.
    mutating func next(at date: Date = Date()) -> UUID {
        let milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        let high = (milliseconds & 0xFFFF_FFFF_FFFF) << 16 | 0x7000 | (random.next() >> 52)  // version 7, 12 random bits
        let low = 0x8000_0000_0000_0000 | (random.next() >> 2)  // variant 10, 62 random bits
        return UUID(uuid: Self.bytes(high, low))
    }

    private static func bytes(_ high: UInt64, _ low: UInt64) -> uuid_t {
        func byte(_ word: UInt64, _ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: word >> (56 - 8 * index)) }
        return (
            byte(high, 0), byte(high, 1), byte(high, 2), byte(high, 3), byte(high, 4), byte(high, 5), byte(high, 6),
            byte(high, 7), byte(low, 0), byte(low, 1), byte(low, 2), byte(low, 3), byte(low, 4), byte(low, 5),
            byte(low, 6), byte(low, 7)
        )
    }
}
