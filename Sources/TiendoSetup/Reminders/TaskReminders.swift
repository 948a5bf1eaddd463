import Foundation
import TiendoCore
import TiendoStorage

/// The daily reminder job, shared by `tiendo remind` and the scheduler inside `serve`: it brings
/// the task figures up to the day, builds each active account's digest and, when a mail relay is
/// configured, sends it to the accounts that have an e-mail address.
public enum TaskReminders {
    /// One account's digest.
    public struct Entry: Sendable {
        public let account: Account
        public let email: String?
        public let digest: ReminderDigest
        public let text: String
    }

    /// What a run did.
    public struct Outcome: Sendable {
        public let today: CivilDate
        /// Accounts with something to be reminded of.
        public let entries: [Entry]
        /// E-mails handed to the relay.
        public let sent: Int
        /// Why nothing was mailed (no relay configured) or what failed; nil when all went out.
        public let mailNote: String?
        /// Task figures written or changed.
        public let figuresChanged: Int

        /// The summary line for the terminal and the log.
        public var summary: String {
            let overdue = Set(entries.flatMap { $0.digest.overdue.map(\.task.id) }).count
            let soon = Set(entries.flatMap { $0.digest.dueSoon.map(\.task.id) }).count
            var line =
                "Nhắc việc ngày \(VietnameseDate.short(today)): \(overdue) nhiệm vụ quá hạn, \(soon) nhiệm vụ sắp đến hạn; "
                + "\(entries.count) tài khoản có việc cần nhắc, đã gửi \(sent) thư."
            if let mailNote { line += " " + mailNote }
            return line
        }
    }

    /// Runs the job for `today`.
    public static func run(
        store: TiendoStore, today: CivilDate, settings: MailSettings, send: (@Sendable ([MailMessage]) throws -> Void)?
    ) async throws -> Outcome {
        let changed = try await store.refreshTaskFigures(today: today)
        let book = try await store.followUpBook()
        let directory = try await store.directory()
        let emails = try await store.accountEmails()
        var entries: [Entry] = []
        for account in try await store.accounts() where account.isActive {
            let digest = book.digest(
                concerning: { account.canSee($0, in: directory, on: today) }, today: today,
                withinDays: settings.reminderDays)
            guard !digest.isEmpty else { continue }
            let text = digest.plainText(
                unitName: { directory.latestVersion(of: $0)?.fullName ?? $0.rawValue },
                link: settings.publicURL.map { base in { "\(base)/nhiem-vu/\($0.id.uuidString)" } })
            entries.append(Entry(account: account, email: emails[account.id], digest: digest, text: text))
        }
        let messages = entries.compactMap { entry -> MailMessage? in
            guard let email = entry.email else { return nil }
            let subject =
                "[Tiến độ] Nhắc việc ngày \(VietnameseDate.short(today)): \(entry.digest.overdue.count) quá hạn, "
                + "\(entry.digest.dueSoon.count) sắp đến hạn"
            return MailMessage(
                to: email, subject: subject,
                body:
                    "Kính gửi \(entry.account.displayName),\n\n\(entry.text)\n\n— Thư tự động của Tiến độ; xin đừng trả lời thư này."
            )
        }
        var sent = 0
        var note: String?
        if let send, settings.canSend {
            do {
                try send(messages)
                sent = messages.count
            } catch {
                note = "Gửi thư không thành công: \(error)"
            }
        } else {
            note =
                "Chưa cấu hình máy chủ thư (TIENDO_SMTP_HOST, TIENDO_SMTP_FROM) nên không gửi thư; "
                + "nhắc việc vẫn hiện trên trang chủ của từng người."
        }
        if messages.isEmpty && note == nil && !entries.isEmpty {
            note = "Chưa tài khoản nào có địa chỉ thư (đặt bằng “tiendo user email”)."
        }
        return Outcome(
            today: today, entries: entries, sent: sent, mailNote: note,
            figuresChanged: changed.inserted + changed.updated)
    }

    /// The mail sender of `settings`, nil when no relay is configured.
    public static func mailer(_ settings: MailSettings) -> (@Sendable ([MailMessage]) throws -> Void)? {
        guard let host = settings.smtpHost, let from = settings.from else { return nil }
        let mailer = SMTPMailer(host: host, port: settings.smtpPort, from: from)
        return { try mailer.send($0) }
    }

    /// Claims the day's run for this instance: true for exactly one caller per day however many
    /// `serve` instances share the database.
    public static func claim(_ today: CivilDate, store: TiendoStore) async throws -> Bool {
        try await store.claimDailyJob("nhac-viec", day: today.iso)
    }
}
