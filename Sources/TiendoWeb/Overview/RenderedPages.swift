import Foundation
import NIOConcurrencyHelpers
import TiendoCore

/// Whole pages rendered once and served again while nothing they show has changed. The key holds
/// the page stamp (both database counters — figures and resolutions; directives and tasks — and
/// the demo flag), the viewer — whose unit, role and name decide what the page shows —, the query
/// and the day (reminders and task statuses depend on it). The stamp is read before the page is
/// computed, so a page is never older than its key; each instance keeps its own pages and every
/// instance sees every write through the counters.
///
/// The one part that differs between two sessions of the same viewer, the CSRF token of the
/// sign-out form, is rendered as `csrfMarker` and put in at serving time, so a kept page costs no
/// template rendering at all.
final class RenderedPages<Query: Hashable & Sendable>: Sendable {
    struct Key: Hashable, Sendable {
        let stamp: PageStamp
        let viewer: Account
        let query: Query
        let today: CivilDate
    }

    /// A rendered page cut at each place the CSRF token goes.
    struct Page: Sendable {
        let pieces: [Substring]

        /// The page for one session.
        func html(csrf: String) -> String { pieces.joined(separator: csrf) }
    }

    /// Stands for the CSRF token while a page is rendered: letters, digits and dashes, which HTML
    /// escaping leaves alone, and random, so no figure or name can contain it.
    let csrfMarker = "csrf-" + UUID().uuidString.lowercased()

    /// Pages kept at most; past that all are dropped at once (a busy province has a few hundred
    /// officers; a page is ~30 KB).
    let capacity: Int
    private let state = NIOLockedValueBox([Key: Page]())

    init(capacity: Int = 500) {
        self.capacity = capacity
    }

    func page(for key: Key) -> Page? {
        state.withLockedValue { $0[key] }
    }

    /// Keeps a page rendered with `csrfMarker` in place of the token, and returns it; pages of
    /// other stamps can never be served again and are dropped.
    @discardableResult
    func keep(_ html: String, for key: Key) -> Page {
        let page = Page(pieces: html.split(separator: csrfMarker, omittingEmptySubsequences: false))
        state.withLockedValue { pages in
            if let any = pages.keys.first, any.stamp != key.stamp { pages.removeAll(keepingCapacity: true) }
            if pages.count >= capacity { pages.removeAll(keepingCapacity: true) }
            pages[key] = page
        }
        return page
    }

    var count: Int { state.withLockedValue { $0.count } }
}
