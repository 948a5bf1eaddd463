import Foundation
import Logging
import TiendoCore

/// Counts how the read model was kept (`TiendoStore.follow`), shared by the copies of one store.
final class ReadModelCounters: @unchecked Sendable {
    private let lock = NSLock()
    private var current = ReadModelStatus()

    var status: ReadModelStatus { lock.withLock { current } }

    func followed(changes: Int, through seq: Int, version: Int, took duration: Duration) {
        lock.withLock {
            current.follows += 1
            current.changesApplied += changes
            current.position = seq
            current.dataVersion = version
            current.lastFollowSeconds = duration.seconds
            current.followSecondsTotal += duration.seconds
        }
    }

    func startedFromImage(through seq: Int, version: Int, took duration: Duration) {
        lock.withLock {
            current.imageStarts += 1
            current.position = seq
            current.dataVersion = version
            current.lastWholeReadSeconds = duration.seconds
        }
    }

    func readWhole(through seq: Int, version: Int, took duration: Duration) {
        lock.withLock {
            current.wholeReads += 1
            current.position = seq
            current.dataVersion = version
            current.lastWholeReadSeconds = duration.seconds
        }
    }
}

extension Duration {
    /// The duration in seconds.
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

extension TiendoStore {
    /// Where whole reads of the read model are said.
    static let readModelLogger = Logger(label: "tiendo.read-model")
}

extension TiendoStore {
    /// Where the change log and the data version stand on the database, and how many data
    /// versions the replica is behind it (nil when the replica did not answer): for the metrics.
    public func readModelLag() async throws -> ReadModelLag {
        let version = try await Self.dataVersion(of: database)
        let position = try await ChangeLog.lastSeq(on: database)
        var lag = ReadModelLag(logPosition: position, dataVersion: version)
        if let replica {
            let replicaVersion = try? await Self.dataVersion(of: replica)
            lag.replica = ReadModelLag.Replica(versionsBehind: replicaVersion.map { max(version - $0, 0) })
        }
        return lag
    }

    /// Follows the change log up to the data version now (no-op when the model is there already).
    public func catchUpReadModel() async throws {
        _ = try await snapshot()
    }
}
