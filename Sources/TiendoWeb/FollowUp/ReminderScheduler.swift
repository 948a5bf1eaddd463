import Foundation
import TiendoCore
import TiendoSetup
import TiendoStorage
import Vapor

/// Runs the daily reminder job inside `serve`: every few minutes it checks whether the day's
/// hour has come and claims the day in the database, so that of several instances behind a load
/// balancer exactly one sends the digest.
final class ReminderScheduler: LifecycleHandler, @unchecked Sendable {
    let store: TiendoStore
    let settings: MailSettings
    let checkEvery: Duration
    private let lock = NSLock()
    private var loop: Task<Void, Never>?

    init(store: TiendoStore, settings: MailSettings, checkEvery: Duration = .seconds(600)) {
        self.store = store
        self.settings = settings
        self.checkEvery = checkEvery
    }

    func didBoot(_ application: Application) throws {
        let logger = application.logger
        if settings.canSend {
            logger.info(
                "Nhắc việc: gửi thư qua \(settings.smtpHost ?? ""):\(settings.smtpPort) mỗi ngày sau \(settings.reminderHour) giờ."
            )
        } else {
            logger.notice(
                "Nhắc việc: chưa cấu hình máy chủ thư (TIENDO_SMTP_HOST, TIENDO_SMTP_FROM); nhắc việc chỉ hiện trên trang chủ, không gửi thư."
            )
        }
        let task = Task { [store, settings, checkEvery] in
            while !Task.isCancelled {
                await Self.runIfDue(store: store, settings: settings, logger: logger)
                try? await Task.sleep(for: checkEvery)
            }
        }
        lock.withLock { loop = task }
    }

    func shutdown(_ application: Application) {
        lock.withLock { loop?.cancel() }
    }

    /// Runs the job once if the hour has come and no instance ran it today.
    static func runIfDue(store: TiendoStore, settings: MailSettings, logger: Logger, now: Date = Date()) async {
        let today = CivilDate.todayInVietnam(now: now)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!
        guard calendar.component(.hour, from: now) >= settings.reminderHour else { return }
        do {
            guard try await TaskReminders.claim(today, store: store) else { return }
            let outcome = try await TaskReminders.run(
                store: store, today: today, settings: settings, send: TaskReminders.mailer(settings))
            logger.notice("\(outcome.summary)")
        } catch {
            logger.error("Nhắc việc ngày \(VietnameseDate.short(today)) không chạy được: \(error)")
        }
    }
}
