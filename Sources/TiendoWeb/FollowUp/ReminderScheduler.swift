import Foundation
import TiendoApplication
import TiendoCore
import Vapor

/// Runs the daily reminder job inside `serve`: every few minutes it checks whether the day's
/// hour has come and the day is not done yet, and claims an attempt in the database, so that of
/// several instances behind a load balancer one tries at a time. The day is marked done only
/// after its mail went out; a day with mail not sent is tried again in the next window of
/// `attemptWindowMinutes` (already-mailed accounts are not mailed twice). Mail is sent on a
/// thread of its own (``MailTransport``), never on the server's event loops.
final class ReminderScheduler: LifecycleHandler, @unchecked Sendable {
    let store: any TaskReminders.Store
    let settings: MailSettings
    let checkEvery: Duration
    /// Minutes between two attempts at a day whose mail did not all go out.
    static let attemptWindowMinutes = 30
    private let lock = NSLock()
    private var loop: Task<Void, Never>?

    init(store: any TaskReminders.Store, settings: MailSettings, checkEvery: Duration = .seconds(600)) {
        self.store = store
        self.settings = settings
        self.checkEvery = checkEvery
    }

    func didBoot(_ application: Application) throws {
        let logger = application.logger
        let metrics = application.tiendoMetrics
        if settings.canSend {
            logger.info(
                "Nhắc việc: gửi thư qua \(settings.relayDescription) mỗi ngày sau \(settings.reminderHour) giờ."
            )
        } else {
            logger.notice(
                "Nhắc việc: chưa cấu hình máy chủ thư (TIENDO_SMTP_HOST hoặc TIENDO_SENDMAIL, cùng TIENDO_SMTP_FROM); nhắc việc chỉ hiện trên trang chủ, không gửi thư."
            )
        }
        let task = Task { [store, settings, checkEvery] in
            while !Task.isCancelled {
                await Self.runIfDue(store: store, settings: settings, logger: logger, metrics: metrics)
                try? await Task.sleep(for: checkEvery)
            }
        }
        lock.withLock { loop = task }
    }

    func shutdown(_ application: Application) {
        lock.withLock { loop?.cancel() }
    }

    /// Runs the job once if the hour has come, the day is not done and no instance is trying it in
    /// this window. Returns the outcome when it ran.
    @discardableResult
    static func runIfDue(
        store: any TaskReminders.Store, settings: MailSettings, logger: Logger, now: Date = Date(),
        transport: (any MailTransport)? = nil, retry: TaskReminders.RetryPolicy = .standard,
        metrics: TiendoMetrics? = nil
    ) async -> TaskReminders.Outcome? {
        let today = CivilDate.todayInVietnam(now: now)
        var calendar = Calendar(identifier: .gregorian)
        // Vietnam has kept UTC+7 without daylight saving since 1975: the fixed offset is the same zone.
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600) ?? .gmt
        guard calendar.component(.hour, from: now) >= settings.reminderHour else { return nil }
        do {
            guard try await !TaskReminders.isDone(today, store: store) else { return nil }
            guard
                try await TaskReminders.claimAttempt(
                    today, store: store, now: now, windowMinutes: attemptWindowMinutes)
            else { return nil }
            let outcome = try await TaskReminders.run(
                store: store, today: today, settings: settings,
                transport: transport ?? TaskReminders.transport(settings), retry: retry)
            let permanent = outcome.failures.filter(\.isPermanent).count
            metrics?.recordMailRun(
                sent: outcome.sent, permanentFailures: permanent, waiting: outcome.failures.count - permanent)
            if outcome.isComplete {
                _ = try await TaskReminders.claim(today, store: store)
                logger.notice("\(outcome.summary)")
            } else {
                logger.warning(
                    "\(outcome.summary) Ngày \(VietnameseDate.short(today)) chưa xong; sẽ thử lại sau \(attemptWindowMinutes) phút."
                )
            }
            return outcome
        } catch {
            logger.error("Nhắc việc ngày \(VietnameseDate.short(today)) không chạy được: \(error)")
            return nil
        }
    }
}
