import TiendoCore

/// A small deterministic random generator for property tests and fuzzing (SplitMix64): the same
/// seed gives the same sequence, so a failure can be replayed.
public struct SeededRandom: Sendable {
    private var generator: SplitMix64

    /// Creates a generator from `seed`.
    public init(seed: UInt64) { generator = SplitMix64(state: seed) }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 { generator.next() }

    /// A number in `0..<bound` (0 when `bound` is 0 or 1).
    public mutating func next(upTo bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }
}
