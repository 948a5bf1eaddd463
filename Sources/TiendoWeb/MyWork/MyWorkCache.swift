import Foundation
import TiendoCore
import Vapor

/// One account's "việc của tôi": the reports, the tasks and the explanation requests that ask for
/// its action.
struct MyWork: Sendable {
    let reports: ReportWork
    let tasks: ReminderDigest
    let directory: UnitDirectory
    /// Explanation requests its unit has to answer, oldest due date first.
    var explanationsToAnswer: [ExplanationRequest] = []
    /// Explanation requests it asked that still wait for an answer.
    var explanationsAwaiting: [ExplanationRequest] = []
    /// The day the lists were made for.
    var today: CivilDate = .todayInVietnam()

    /// How many rows ask for action: an awaited explanation counts once it is overdue.
    var count: Int {
        reports.count + tasks.overdue.count + tasks.dueSoon.count + explanationsToAnswer.count
            + explanationsAwaiting.filter { $0.dueDate < today }.count
    }
}

/// Each account's "việc của tôi" kept for the navigation count and the home page box, so that
/// a page costs no extra reads: kept for `lifetime` seconds, and all dropped at once when this
/// server takes a report's submission, withdrawal or review (another server's kept lists catch
/// up within `lifetime`). The page "Việc của tôi" itself is always read fresh.
actor MyWorkCache {
    private struct Kept {
        let work: MyWork
        let at: Date
    }

    private var kept: [UUID: Kept] = [:]
    private let lifetime: TimeInterval
    /// The most accounts kept; the older half is dropped beyond it.
    private let capacity = 5_000

    init(lifetime: TimeInterval = 60) { self.lifetime = lifetime }

    /// The account's work, from the kept one while fresh; nil when it cannot be read (the page
    /// then shows no count and no box rather than an error).
    func work(
        for account: Account, store: any PageReads & FormReads & SubmissionReads & FollowUpReads & ExplanationStore,
        now: Date = Date()
    ) async -> MyWork? {
        if let entry = kept[account.id], now.timeIntervalSince(entry.at) < lifetime { return entry.work }
        guard
            let work = try? await MyWorkController.work(
                for: account, store: store, today: CivilDate.todayInVietnam(now: now))
        else { return nil }
        keep(work, for: account.id, at: now)
        return work
    }

    /// Keeps `work` read fresh elsewhere (the page "Việc của tôi").
    func keep(_ work: MyWork, for account: UUID, at now: Date = Date()) {
        if kept.count >= capacity {
            let newest = kept.sorted { $0.value.at > $1.value.at }.prefix(capacity / 2)
            kept = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
        }
        kept[account] = Kept(work: work, at: now)
    }

    /// Drops every kept list: a report changed state, which changes other accounts' lists too
    /// (the reviewer's "chờ duyệt", the unit's "bị trả lại").
    func forgetAll() { kept = [:] }
}

extension Application {
    private struct MyWorkCacheKey: StorageKey { typealias Value = MyWorkCache }

    /// This server's kept "việc của tôi" lists.
    var myWorkCache: MyWorkCache {
        get {
            guard let cache = storage[MyWorkCacheKey.self] else {
                let cache = MyWorkCache()
                storage[MyWorkCacheKey.self] = cache
                return cache
            }
            return cache
        }
        set { storage[MyWorkCacheKey.self] = newValue }
    }
}

/// Puts the signed-in account's "việc của tôi" on page requests (GET, not the API), for the
/// navigation count (``LayoutContext``) and the home page box; after a POST that may change a
/// report's state (submit, withdraw, review) or an explanation request (ask, answer), drops the
/// kept lists. Saving figures keeps them:
/// figures do not change who must submit or review what.
struct MyWorkMiddleware: AsyncMiddleware {
    let store: any PageReads & FormReads & SubmissionReads & FollowUpReads & ExplanationStore

    private struct WorkKey: StorageKey { typealias Value = MyWork }

    /// The entry page's actions that change a report's state (saving figures does not).
    static let stateActions: Set<String> = ["nop", "xac-nhan-nop", "rut-lai"]

    /// Whether `request` may have submitted, withdrawn, approved or returned a report: a review,
    /// or an entry POST whose action changes the report's state.
    static func mayChangeReports(_ request: Request) -> Bool {
        guard request.method == .POST else { return false }
        let path = request.url.path
        if path.hasPrefix("/duyet/") || path.hasPrefix("/giai-trinh/") { return true }
        guard path.hasPrefix("/nhap-lieu/"), let action = try? request.content.get(String.self, at: "action") else {
            return false
        }
        return stateActions.contains(action)
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let cache = request.application.myWorkCache
        if request.method == .GET, let account = request.currentUser?.account, !request.url.path.hasPrefix("/api/") {
            if let work = await cache.work(for: account, store: store) { request.storage[WorkKey.self] = work }
        }
        let response = try await next.respond(to: request)
        if response.status.code < 400, Self.mayChangeReports(request) { await cache.forgetAll() }
        return response
    }

    /// The work put on `request`, if any.
    static func work(_ request: Request) -> MyWork? { request.storage[WorkKey.self] }

    /// Puts `work` read fresh on `request`, so the navigation counts the same as the page.
    static func put(_ work: MyWork, on request: Request) { request.storage[WorkKey.self] = work }
}
