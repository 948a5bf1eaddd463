import TiendoCore
import Vapor

extension Application {
    private struct StorageFailureKey: StorageKey {
        typealias Value = @Sendable (any Error) -> StorageError?
    }

    /// Turns a database failure (SQLite, PostgreSQL, the pool) into its Vietnamese
    /// `StorageError`, nil for any other error. Only the storage module knows those errors, so the
    /// composition root (`TiendoWebApp.configure`) sets this to its translation; until then only
    /// a `StorageError` itself is recognised.
    var storageFailure: @Sendable (any Error) -> StorageError? {
        get { storage[StorageFailureKey.self] ?? { $0 as? StorageError } }
        set { storage[StorageFailureKey.self] = newValue }
    }
}
