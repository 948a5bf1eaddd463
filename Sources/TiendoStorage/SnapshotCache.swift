import Foundation
import TiendoCore

/// One snapshot kept in memory with the data version it was read at. Requests that arrive while
/// it is being read wait for that one read instead of each reading the whole database again.
/// The version is read before the data, so a write that lands in between leaves newer data under
/// an older version: the next request reads again; a snapshot never outlives the data it shows.
///
/// At most one read runs at a time. During a bulk import the version moves with every batch
/// (each commits on its own); starting a new whole-database read for every version while the
/// previous ones still ran had several reads compete for the cores, and dashboards timed out.
/// A request for a newer version now waits for the read in progress, then starts (or joins)
/// the next one; after having waited, it joins any read at its version or later, since a
/// later version's data contains its own.
///
/// The read is given the snapshot kept before (with the change-log position it was read at), so
/// it can bring that one up to date from the change log instead of reading everything.
final class SnapshotCache: @unchecked Sendable {
    /// A snapshot, how far into the change log it goes and the data version it was asked at.
    struct Position: Sendable {
        let seq: Int
        let version: Int
        let snapshot: Snapshot
    }

    private let lock = NSLock()
    private var kept: (version: Int, position: Position)?
    private var loading: (version: Int, token: Int, task: Task<Snapshot, any Error>)?
    private var tokens = 0

    private enum Step {
        case ready(Snapshot)
        case join(Task<Snapshot, any Error>)
        case wait(Task<Snapshot, any Error>)
    }

    /// The snapshot at `version`, read with `load` unless it is kept or already being read; `load`
    /// is given the snapshot kept so far, if any.
    func snapshot(
        at version: Int, load: @escaping @Sendable (Position?) async throws -> Position
    ) async throws -> Snapshot {
        var waited = false
        while true {
            let step: Step = lock.withLock {
                if let kept, kept.version == version || (waited && kept.version > version) {
                    return .ready(kept.position.snapshot)
                }
                if let loading {
                    let usable = loading.version == version || (waited && loading.version > version)
                    return usable ? .join(loading.task) : .wait(loading.task)
                }
                tokens += 1
                let token = tokens
                // The task cannot finish before `loading` is set: `finish` takes the lock held here.
                let previous = kept?.position
                let task = Task {
                    do {
                        let position = try await load(previous)
                        self.finish(token: token, version: version, position: position)
                        return position.snapshot
                    } catch {
                        self.finish(token: token, version: version, position: nil)
                        throw error
                    }
                }
                loading = (version, token, task)
                return .join(task)
            }
            switch step {
            case .ready(let snapshot):
                return snapshot
            case .join(let task):
                return try await task.value
            case .wait(let task):
                // Another version's read: let it finish (whatever its outcome), then look again.
                _ = try? await task.value
                waited = true
            }
        }
    }

    /// The snapshot kept now, with its position.
    var keptPosition: Position? { lock.withLock { kept?.position } }

    private func finish(token: Int, version: Int, position: Position?) {
        lock.withLock {
            if loading?.token == token { loading = nil }
            if let position, (kept?.version ?? Int.min) <= version { kept = (version, position) }
        }
    }
}
