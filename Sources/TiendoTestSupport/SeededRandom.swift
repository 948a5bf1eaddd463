/// SplitMix64, a small deterministic random generator for property tests and fuzzing: the same
/// seed gives the same sequence, so a failure can be replayed.
public struct SeededRandom: Sendable {
    private var state: UInt64

    /// Creates a generator from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (0 when `bound` is 0 or 1).
    public mutating func next(upTo bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }
}
