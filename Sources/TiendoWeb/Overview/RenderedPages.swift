import Foundation
import NIOConcurrencyHelpers
import TiendoCore
import Vapor

/// Whole pages rendered once and served again while nothing they show has changed. The key holds
/// what the page shows: the generation of its unit's figures in the snapshot (`SnapshotGenerations`:
/// it moves only when a figure that reaches the unit changes, so a ward's save leaves the other
/// wards' pages kept), the latest year with figures (the default period), the follow-up counter
/// and the demo flag; the viewer — whose unit, role and name decide what the page shows —, the
/// query and the day (reminders and task statuses depend on it). The generation is read from the
/// snapshot the page is computed from, so a page is never older than its key; each instance keeps
/// its own pages and every instance sees every write through the change log.
///
/// The one part that differs between two sessions of the same viewer, the CSRF token of the
/// sign-out form, is rendered as `csrfMarker` and put in at serving time, so a kept page costs no
/// template rendering at all. Requests that miss the same page at once wait for one rendering.
final class RenderedPages<Query: Hashable & Sendable>: Sendable {
    /// What is common to every page of one snapshot epoch: when it moves, no kept page can be
    /// served again.
    struct Common: Hashable, Sendable {
        let generation: Int
        let followUpVersion: Int
        let isDemo: Bool
        let today: CivilDate
    }

    struct Key: Hashable, Sendable {
        let common: Common
        /// The generation of the page's unit (`SnapshotGenerations.of`).
        let unitGeneration: Int
        /// The latest year with figures, which the default period follows.
        let latestYear: Int?
        let viewer: Account
        let query: Query
        /// What the explanation requests on the page's rows are (asked, answered): they are not in
        /// the snapshot, so an ask or an answer must make a new key.
        let explanations: Int

        init(
            snapshot: Snapshot, unit: UnitID, stamp: PageStamp, viewer: Account, query: Query, today: CivilDate,
            explanations: Int = 0
        ) {
            common = Common(
                generation: snapshot.generations.common, followUpVersion: stamp.versions.followUp,
                isDemo: stamp.isDemo, today: today)
            unitGeneration = snapshot.generations.of(unit)
            latestYear = snapshot.values.latestYear
            self.viewer = viewer
            self.query = query
            self.explanations = explanations
        }
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
    /// Stands for the " (N)" beside "Việc của tôi" in the navigation, which is the viewer's at
    /// serving time (LayoutContext.withWorkCountMarker), not when the page was kept.
    let workCountMarker = "viec-dem-" + UUID().uuidString.lowercased()
    /// Stands for the "việc của tôi" box at the top of the page body, the viewer's at serving time.
    let workBoxMarker = "viec-o-" + UUID().uuidString.lowercased()

    /// Pages kept at most; past that all are dropped at once (a busy province has a few hundred
    /// officers; a page is ~30 KB).
    let capacity: Int
    private let state = NIOLockedValueBox(State())

    private struct State {
        var pages: [Key: Page] = [:]
        var rendering: [Key: Task<Page, any Error>] = [:]
    }

    init(capacity: Int = 500) {
        self.capacity = capacity
    }

    func page(for key: Key) -> Page? {
        state.withLockedValue { $0.pages[key] }
    }

    /// The page kept for `key`, or the one `render` makes (rendered with `csrfMarker` in place of
    /// the token); requests that ask for the same missing page meanwhile wait for that rendering
    /// instead of each rendering it again.
    func page(for key: Key, render: @escaping @Sendable () async throws -> String) async throws -> Page {
        let found: (kept: Page?, task: Task<Page, any Error>?) = state.withLockedValue { state in
            if let page = state.pages[key] { return (page, nil) }
            if let task = state.rendering[key] { return (nil, task) }
            let task = Task { () async throws -> Page in
                defer { self.state.withLockedValue { _ = $0.rendering.removeValue(forKey: key) } }
                return self.keep(try await render(), for: key)
            }
            state.rendering[key] = task
            return (nil, task)
        }
        if let page = found.kept { return page }
        guard let task = found.task else { throw Abort(.internalServerError) }
        return try await task.value
    }

    /// Keeps a page rendered with `csrfMarker` in place of the token, and returns it; pages of
    /// another epoch, follow-up version or day can never be served again and are dropped.
    @discardableResult
    func keep(_ html: String, for key: Key) -> Page {
        let page = Page(pieces: html.split(separator: csrfMarker, omittingEmptySubsequences: false))
        state.withLockedValue { state in
            if let any = state.pages.keys.first, any.common != key.common {
                state.pages.removeAll(keepingCapacity: true)
            }
            if state.pages.count >= capacity { state.pages.removeAll(keepingCapacity: true) }
            state.pages[key] = page
        }
        return page
    }

    var count: Int { state.withLockedValue { $0.pages.count } }
}
