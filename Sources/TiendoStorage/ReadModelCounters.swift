import Foundation
import Logging
import TiendoCore

/// Counts how the read model was kept (`TiendoStore.follow`), shared by the copies of one store.
final class ReadModelCounters: @unchecked Sendable {
    private let lock = NSLock()
    private var current = ReadModelStatus()

    var status: ReadModelStatus { lock.withLock { current } }

    func followed(changes: Int, through seq: Int, took duration: Duration) {
        lock.withLock {
            current.follows += 1
            current.changesApplied += changes
            current.position = seq
            current.lastFollowSeconds = duration.seconds
        }
    }

    func startedFromImage(through seq: Int, took duration: Duration) {
        lock.withLock {
            current.imageStarts += 1
            current.position = seq
            current.lastWholeReadSeconds = duration.seconds
        }
    }

    func readWhole(through seq: Int, took duration: Duration) {
        lock.withLock {
            current.wholeReads += 1
            current.position = seq
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
