import Foundation

/// The least-squares line through yearly figures, used to project a target to its deadline.
public struct Trend: Hashable, Sendable {
    /// Change per year.
    public var slope: Double
    /// Value at year 0 of the line.
    public var intercept: Double

    /// Fits a line; nil with fewer than two distinct years.
    public init?(points: [(year: Int, value: Double)]) {
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let meanX = points.reduce(0.0) { $0 + Double($1.year) } / n
        let meanY = points.reduce(0.0) { $0 + $1.value } / n
        let sxx = points.reduce(0.0) { $0 + pow(Double($1.year) - meanX, 2) }
        guard sxx > 0 else { return nil }
        let sxy = points.reduce(0.0) { $0 + (Double($1.year) - meanX) * ($1.value - meanY) }
        slope = sxy / sxx
        intercept = meanY - slope * meanX
    }

    /// The line's value in `year`.
    public func value(in year: Int) -> Double { intercept + slope * Double(year) }

    /// The line's value in `year`, never below zero when every fitted figure was at least zero:
    /// a rate, a count or an amount that falls does not turn negative (a poverty rate of −0,5%).
    public func projection(in year: Int, fittedTo points: [(year: Int, value: Double)]) -> Double {
        let raw = value(in: year)
        return points.allSatisfy({ $0.value >= 0 }) ? max(0, raw) : raw
    }
}
