import Foundation

/// How a number stands against a condition, before the deadline is taken into account.
public struct ConditionJudgement: Hashable, Sendable {
    /// The condition holds.
    public var satisfied: Bool
    /// Satisfied and beyond the exceed bound.
    public var exceeded: Bool
    /// The bound that was missed (nil when satisfied).
    public var missedBound: Double?
    /// How far short of the missed bound, in the measure's unit (0 when satisfied).
    public var shortfall: Double
    /// The shortfall as a fraction of the missed bound, nil when the bound is 0.
    public var relativeShortfall: Double?
    /// Within the near tolerance.
    public var isNear: Bool
    /// How far beyond the exceed bound, as a fraction of it (plan figures only).
    public var relativeExcess: Double?

    /// Judges `value` (already rounded to display precision) against `condition`.
    public init(value: Double, condition: Condition, tolerance: Tolerance) {
        var satisfied = false
        var exceeded = false
        var missed: Double?
        var shortfall = 0.0
        var excess: Double?
        switch condition {
        case .atLeast(let bound, let exceedBound):
            satisfied = value >= bound
            if !satisfied {
                missed = bound
                shortfall = bound - value
            }
            if let e = exceedBound, value > e {
                exceeded = true
                excess = e != 0 ? (value - e) / abs(e) : nil
            }
        case .atMost(let bound, let exceedBound):
            satisfied = value <= bound
            if !satisfied {
                missed = bound
                shortfall = value - bound
            }
            if let e = exceedBound, value < e {
                exceeded = true
                excess = e != 0 ? (e - value) / abs(e) : nil
            }
        case .between(let low, let high, let direction):
            switch direction {
            case .higherIsBetter:
                satisfied = value >= low
                exceeded = value > high
                if !satisfied {
                    missed = low
                    shortfall = low - value
                }
            case .lowerIsBetter:
                satisfied = value <= high
                exceeded = value < low
                if !satisfied {
                    missed = high
                    shortfall = value - high
                }
            }
        }
        self.satisfied = satisfied
        self.exceeded = satisfied && exceeded
        self.missedBound = missed
        self.shortfall = shortfall
        self.relativeExcess = excess
        if let bound = missed, bound != 0 {
            relativeShortfall = shortfall / abs(bound)
        } else {
            relativeShortfall = nil
        }
        let slack = 1e-9
        switch tolerance {
        case .relative(let fraction):
            isNear = !satisfied && (relativeShortfall.map { $0 <= fraction + slack } ?? false)
        case .absolute(let amount):
            isNear = !satisfied && shortfall <= amount + slack
        }
    }

    /// The verdict, given whether the evaluation is at or after the deadline.
    public func verdict(deadlineReached: Bool) -> Verdict {
        if exceeded { return .vuot }
        if satisfied { return .dat }
        if isNear { return .ganDat }
        return deadlineReached ? .khongDat : .chuaDat
    }
}
