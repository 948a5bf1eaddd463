import Foundation
import NIOConcurrencyHelpers
import TiendoCore
import TiendoStorage

/// Page bodies rendered once and served again while nothing they show has changed: the key holds
/// both database counters (figures and resolutions; directives and tasks), the viewer — whose
/// unit and role decide what the page may show —, the query and the day (reminders and task
/// statuses depend on it). The counters are read before the page is computed, so a body is never
/// older than its key; each instance keeps its own bodies and every instance sees every write
/// through the counters. The layout around a body (name, sign-out form, demo banner) is rendered
/// for each request.
final class RenderedBodies<Query: Hashable & Sendable>: Sendable {
    struct Key: Hashable, Sendable {
        let versions: DataVersions
        let viewer: Account
        let query: Query
        let today: CivilDate
    }

    struct Body: Sendable {
        let title: String
        let html: String
    }

    /// Bodies kept at most; past that the oldest versions are dropped all at once (a busy
    /// province has a few hundred officers; a body is ~25 KB).
    let capacity: Int
    private let state = NIOLockedValueBox([Key: Body]())

    init(capacity: Int = 500) {
        self.capacity = capacity
    }

    func body(for key: Key) -> Body? {
        state.withLockedValue { $0[key] }
    }

    /// Keeps a body; bodies of other versions can never be served again and are dropped.
    func keep(_ body: Body, for key: Key) {
        state.withLockedValue { bodies in
            if let any = bodies.keys.first, any.versions != key.versions { bodies.removeAll(keepingCapacity: true) }
            if bodies.count >= capacity { bodies.removeAll(keepingCapacity: true) }
            bodies[key] = body
        }
    }

    var count: Int { state.withLockedValue { $0.count } }
}
