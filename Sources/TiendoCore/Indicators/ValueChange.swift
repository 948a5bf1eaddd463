import Foundation

/// One entry of a figure's audit trail: who changed it, when, from what to what.
public struct ValueChange: Hashable, Sendable {
    /// The number before, nil when the figure was first entered.
    public var oldNumber: Double?
    /// The number after.
    public var newNumber: Double
    /// The status before.
    public var oldStatus: ValueStatus?
    /// The status after.
    public var newStatus: ValueStatus
    /// The note saved with the change.
    public var note: String?
    /// Who made it.
    public var author: String
    /// When.
    public var changedAt: Date
    /// The figure's version after the change.
    public var version: Int

    /// Creates an entry.
    public init(
        oldNumber: Double?, newNumber: Double, oldStatus: ValueStatus?, newStatus: ValueStatus, note: String?,
        author: String, changedAt: Date, version: Int
    ) {
        self.oldNumber = oldNumber
        self.newNumber = newNumber
        self.oldStatus = oldStatus
        self.newStatus = newStatus
        self.note = note
        self.author = author
        self.changedAt = changedAt
        self.version = version
    }
}
