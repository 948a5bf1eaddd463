import Foundation

// The ports most pages share. Each feature's own ports live beside these (one file per
// feature); TiendoStorage implements them all (`TiendoStore+Ports.swift`), and only the
// composition root (`TiendoWebApp.configure`, the `tiendo` command) knows the concrete store.

/// Whether the database holds the demonstration data (the "Dữ liệu minh họa" banner).
public protocol DemoFlag: Sendable {
    func isDemo() async throws -> Bool
}

/// Units, indicators and resolutions as stored, and the snapshot built from them.
public protocol ReferenceData: SnapshotSource {
    /// Every unit version and lineage link.
    func directory() async throws -> UnitDirectory
    /// Every indicator.
    func indicators() async throws -> [Indicator]
    /// Every resolution with its targets.
    func resolutions() async throws -> [Resolution]
}

/// The counters and demo flag a kept page depends on.
public protocol PageStamps: Sendable {
    func pageStamp() async throws -> PageStamp
}

/// The audit trail: who did what to which subject, when.
public protocol AuditLog: Sendable {
    /// Records one event.
    func recordEvent(actor: String, action: AuditTrail.EventKind, subject: String, detail: String, at time: Date)
        async throws
    /// The trail of a subject, oldest first.
    func events(subject: String) async throws -> [AuditEvent]
}

extension AuditLog {
    /// Records one event, now.
    public func recordEvent(actor: String, action: AuditTrail.EventKind, subject: String, detail: String = "")
        async throws
    {
        try await recordEvent(actor: actor, action: action, subject: subject, detail: detail, at: Date())
    }
}

/// What most pages read: the reference data and the demo flag.
public typealias PageReads = ReferenceData & DemoFlag

/// How a server has kept its in-memory read model up to date with the database: for the
/// operator's metrics and log.
public struct ReadModelStatus: Sendable, Equatable {
    /// Whole reads of the database (at start, and when the change log could not be followed).
    public var wholeReads = 0
    /// Starts from the read model's image on disk instead of a whole read.
    public var imageStarts = 0
    /// Times the change log was followed instead.
    public var follows = 0
    /// Figure changes applied from the log.
    public var changesApplied = 0
    /// The change-log position of the model served.
    public var position = 0
    /// The data version of the model served.
    public var dataVersion = 0
    /// How long the last whole read and the last follow took, in seconds.
    public var lastWholeReadSeconds = 0.0
    public var lastFollowSeconds = 0.0
    /// How long all follows took together, in seconds (with `follows`, the mean time to apply).
    public var followSecondsTotal = 0.0

    public init() {}
}

/// Where the database stands, asked when the operator's metrics are read: how far the read model
/// served is behind the change log, and the read replica behind the database.
public struct ReadModelLag: Sendable, Equatable {
    /// The newest change-log position on the database.
    public var logPosition: Int
    /// The data version on the database.
    public var dataVersion: Int
    /// The read replica, when one is configured.
    public var replica: Replica?

    /// A read replica's state.
    public struct Replica: Sendable, Equatable {
        /// Data versions the replica is behind the database; nil when it did not answer.
        public var versionsBehind: Int?
        public init(versionsBehind: Int?) { self.versionsBehind = versionsBehind }
    }

    public init(logPosition: Int, dataVersion: Int, replica: Replica? = nil) {
        self.logPosition = logPosition
        self.dataVersion = dataVersion
        self.replica = replica
    }
}

/// The upkeep of the in-memory read model: its status for the operator's metrics, and the
/// pruning of the change log it follows.
public protocol ReadModelUpkeep: Sendable {
    /// How the read model has been kept so far.
    var readModelStatus: ReadModelStatus { get }
    /// Where the change log, the data version and the replica stand on the database now.
    func readModelLag() async throws -> ReadModelLag
    /// Brings the read model up to the database's data version, as the next page read would.
    func catchUpReadModel() async throws
    /// Removes change-log entries no server needs any more.
    func pruneChangeLog() async throws
    /// Writes a new image of the read model when the log has moved well past the one on disk.
    func refreshReadModelImage() async throws
}
