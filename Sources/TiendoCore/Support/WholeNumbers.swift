import Foundation

extension Double {
    /// The whole part as an `Int`, or nil when the number is not finite or does not fit an `Int`.
    /// `Int(_:)` traps on those, and the numbers converted here come from files and requests
    /// (a report with "99999999999999999999 chỉ tiêu" must be read, not take the server down).
    public var wholeIntIfFits: Int? {
        guard isFinite else { return nil }
        return Int(exactly: rounded(.towardZero))
    }
}
