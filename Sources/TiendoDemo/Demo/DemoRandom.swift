import Foundation
import TiendoApplication
import TiendoCore

/// A small deterministic generator (SplitMix64) so the demo is the same on every machine.
struct DemoRandom {
    private var generator: SplitMix64

    /// Seeds from a text, e.g. an indicator code, with FNV-1a.
    init(seed: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seed.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        generator = SplitMix64(state: hash)
    }

    /// Starts from a given state (the benchmark dataset mixes its own seed).
    init(state: UInt64) { generator = SplitMix64(state: state) }

    mutating func next() -> UInt64 { generator.next() }

    /// A number in `range`.
    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + Double(next() >> 11) / Double(1 << 53) * (range.upperBound - range.lowerBound)
    }
}
