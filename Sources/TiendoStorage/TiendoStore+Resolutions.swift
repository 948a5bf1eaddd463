import Foundation
import TiendoCore

extension TiendoStore {
    /// Saves `resolution` as a new one and appends `event` to the audit trail, in one
    /// transaction. Returns false, saving nothing, when a resolution with its id is stored already.
    public func createResolution(_ resolution: Resolution, recording event: AuditTrail.Event) async throws -> Bool {
        try await inTransaction { tx in
            if try await tx.resolutions().contains(where: { $0.id == resolution.id }) { return false }
            try await tx.saveResolution(resolution)
            try await tx.record(event)
            return true
        }
    }

    /// Re-reads the resolution `id` inside one transaction, applies `change` to it and saves the
    /// whole resolution with `event`. Returns false, saving nothing, when there is no resolution
    /// `id`; an error thrown by `change` undoes the transaction.
    public func updateResolution(
        _ id: String, recording event: AuditTrail.Event,
        change: @escaping @Sendable (inout Resolution) throws -> Void
    ) async throws -> Bool {
        try await inTransaction { tx in
            guard var resolution = try await tx.resolutions().first(where: { $0.id == id }) else { return false }
            try change(&resolution)
            try await tx.saveResolution(resolution)
            try await tx.record(event)
            return true
        }
    }
}
