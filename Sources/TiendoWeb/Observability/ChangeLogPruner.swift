import Foundation
import TiendoCore
import Vapor

/// Prunes the change log inside `serve`: at start and then every hour, so the log that servers
/// follow stays small (`ChangeLog.prune` keeps the newest entries; a server further behind reads
/// everything again). Several instances pruning at once do no harm: each keeps the same newest
/// entries.
final class ChangeLogPruner: LifecycleHandler, @unchecked Sendable {
    let store: any ReadModelUpkeep
    let every: Duration
    private let lock = NSLock()
    private var loop: Task<Void, Never>?

    init(store: any ReadModelUpkeep, every: Duration = .seconds(3600)) {
        self.store = store
        self.every = every
    }

    func didBoot(_ application: Application) throws {
        let logger = application.logger
        let task = Task { [store, every] in
            while !Task.isCancelled {
                do {
                    // The image first: once written, the entries behind it are not needed at start.
                    try? await store.refreshReadModelImage()
                    try await store.pruneChangeLog()
                } catch {
                    logger.warning("Không dọn được nhật ký thay đổi: \(String(reflecting: error))")
                }
                try? await Task.sleep(for: every)
            }
        }
        lock.withLock { loop = task }
    }

    func shutdown(_ application: Application) {
        lock.withLock { loop?.cancel() }
    }
}
