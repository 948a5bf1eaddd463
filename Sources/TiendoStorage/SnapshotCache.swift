import Foundation
import TiendoCore

/// One snapshot kept in memory with the data version it was read at. Requests that arrive while
/// it is being read wait for that one read instead of each reading the whole database again.
/// The version is read before the data, so a write that lands in between leaves newer data under
/// an older version: the next request reads again; a snapshot never outlives the data it shows.
final class SnapshotCache: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: (version: Int, snapshot: Snapshot)?
    private var loading: (version: Int, task: Task<Snapshot, any Error>)?

    /// The snapshot at `version`, read with `load` unless it is kept or already being read.
    func snapshot(at version: Int, load: @escaping @Sendable () async throws -> Snapshot) async throws -> Snapshot {
        let task: Task<Snapshot, any Error> = lock.withLock {
            if let loading, loading.version == version { return loading.task }
            if let kept, kept.version == version { return Task { kept.snapshot } }
            let task = Task { try await load() }
            loading = (version, task)
            return task
        }
        do {
            let snapshot = try await task.value
            lock.withLock {
                if (kept?.version ?? Int.min) <= version { kept = (version, snapshot) }
                if loading?.version == version { loading = nil }
            }
            return snapshot
        } catch {
            lock.withLock { if loading?.version == version { loading = nil } }
            throw error
        }
    }
}

/// The two counters the database moves: one for what a snapshot reads, one for the follow-up
/// book (directives, tasks, task reports).
public struct DataVersions: Hashable, Sendable {
    /// Moves with units, lineage, indicators, figures and resolutions.
    public var data: Int
    /// Moves with directives, tasks and task reports.
    public var followUp: Int

    public init(data: Int, followUp: Int) {
        self.data = data
        self.followUp = followUp
    }
}

/// What a kept page depends on in the database besides its viewer and query: both counters, and
/// the demo flag that puts the "Dữ liệu minh họa" banner on every page.
public struct PageStamp: Hashable, Sendable {
    public var versions: DataVersions
    public var isDemo: Bool

    public init(versions: DataVersions, isDemo: Bool) {
        self.versions = versions
        self.isDemo = isDemo
    }
}
