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
}
