import Foundation
import TiendoCore

/// The daily reminder job, shared by `tiendo remind` and the scheduler inside `serve`: it brings
/// the task figures up to the day, builds each active account's digest — its tasks and, as on
/// "việc của tôi", its reports to submit, correct or review (``ReportWork``) and its explanation
/// requests to answer or awaiting an answer (``ExplanationWork``) — and, when a mail
/// relay is configured, sends it to the accounts that have an e-mail address.
public enum TaskReminders {
    /// What the job reads and writes: the task figures and the follow-up book, the units, the
    /// accounts and the mail already sent, and the day's claims.
    public typealias Store = FollowUpStore & ReferenceData & ReminderRecipients & DailyJobs & FormReads
        & SubmissionReads & ExplanationStore

    /// One account's digest.
    public struct Entry: Sendable {
        public let account: Account
        public let email: String?
        public let digest: ReminderDigest
        /// The reports the account must submit, correct or review.
        public let reports: ReportWork
        /// The explanation requests it must answer or awaits.
        public var explanations = ExplanationWork()
        public let text: String
    }

    /// A message that did not go out.
    public struct Failure: Sendable, Equatable {
        public let address: String
        public let reason: String
        /// Refused for good (a 5xx answer): not retried.
        public let isPermanent: Bool
    }

    /// How often a message is tried within one run, and how long to wait between tries. A run
    /// that still has messages not sent leaves the day open: the next run (the scheduler checks
    /// every few minutes) tries them again, without mailing again those that went out.
    public struct RetryPolicy: Sendable {
        public var delays: [Duration]
        public init(delays: [Duration]) { self.delays = delays }
        /// Three tries: at once, after 5 s, after 30 s.
        public static let standard = RetryPolicy(delays: [.seconds(5), .seconds(30)])
        /// One try.
        public static let once = RetryPolicy(delays: [])
    }

    /// What a run did.
    public struct Outcome: Sendable {
        public let today: CivilDate
        /// Accounts with something to be reminded of.
        public let entries: [Entry]
        /// E-mails handed to the relay in this run.
        public let sent: Int
        /// E-mails of this day that an earlier run had already sent (not sent again).
        public let alreadySent: Int
        /// Messages that did not go out.
        public let failures: [Failure]
        /// Why nothing was mailed (no relay configured) or what failed; nil when all went out.
        public let mailNote: String?
        /// Task figures written or changed.
        public let figuresChanged: Int

        /// Whether the day is done: every message went out or was refused for good, so the
        /// next run need not try again.
        public var isComplete: Bool { failures.allSatisfy(\.isPermanent) }

        /// The summary line for the terminal and the log.
        public var summary: String {
            let overdue = Set(entries.flatMap { $0.digest.overdue.map(\.task.id) }).count
            let soon = Set(entries.flatMap { $0.digest.dueSoon.map(\.task.id) }).count
            var line =
                "Nhắc việc ngày \(VietnameseDate.short(today)): \(overdue) nhiệm vụ quá hạn, \(soon) nhiệm vụ sắp đến hạn; "
                + "\(entries.count) tài khoản có việc cần nhắc, đã gửi \(sent) thư."
            if alreadySent > 0 { line += " \(alreadySent) thư đã gửi ở lần chạy trước trong ngày, không gửi lại." }
            if let mailNote { line += " " + mailNote }
            return line
        }
    }

    /// Runs the job for `today`, handing mail to `send` (one call with every message; a throw
    /// counts as a failure of every message). Prefer ``run(store:today:settings:transport:retry:)``.
    public static func run(
        store: any Store, today: CivilDate, settings: MailSettings, send: (@Sendable ([MailMessage]) throws -> Void)?
    ) async throws -> Outcome {
        try await run(
            store: store, today: today, settings: settings, transport: send.map(BlockingTransport.init), retry: .once)
    }

    /// Runs the job for `today`: refreshes the task figures, builds each account's digest and,
    /// with a transport and a configured relay, mails the accounts that have an address and were
    /// not mailed yet today. Each message that goes out is recorded at once; one refused
    /// recipient does not stop the others; failures are retried as `retry` says.
    public static func run(
        store: any Store, today: CivilDate, settings: MailSettings, transport: (any MailTransport)?,
        retry: RetryPolicy = .standard
    ) async throws -> Outcome {
        let changed = try await store.refreshTaskFigures(today: today)
        let book = try await store.followUpBook()
        let directory = try await store.directory()
        let emails = try await store.accountEmails()
        let forms = try await store.forms()
        let submissions = try await ReportWork.submissions(of: forms, today: today, from: store)
        let requests = try await store.explanationRequests()
        var entries: [Entry] = []
        for account in try await store.accounts() where account.isActive {
            let digest = book.digest(
                concerning: { account.canSee($0, in: directory, on: today) }, today: today,
                withinDays: settings.reminderDays)
            let reports = ReportWork(
                account: account, forms: forms, submissions: submissions, directory: directory, today: today)
            let explanations = ExplanationDesk.work(for: account, requests: requests)
            guard !digest.isEmpty || !reports.isEmpty || !explanations.isEmpty else { continue }
            var text = digest.plainText(
                unitName: { directory.latestVersion(of: $0)?.fullName ?? $0.rawValue },
                link: settings.publicURL.map { base in { "\(base)/nhiem-vu/\($0.id.uuidString)" } })
            if !reports.isEmpty {
                text +=
                    "\n\n"
                    + reports.plainText(
                        link: settings.publicURL.map { base in
                            { "\(base)/nhap-lieu/\($0.formCode)/\($0.unit.code)/\($0.period.id)" }
                        })
            }
            if !explanations.isEmpty {
                text +=
                    "\n\n"
                    + explanations.plainText(
                        today: today, unitName: { directory.latestVersion(of: $0)?.fullName ?? $0.rawValue },
                        link: settings.publicURL.map { base in { "\(base)/giai-trinh/\($0.id.uuidString)" } })
            }
            entries.append(
                Entry(
                    account: account, email: emails[account.id], digest: digest, reports: reports,
                    explanations: explanations, text: text))
        }
        let messages = entries.compactMap { entry -> (accountID: UUID, message: MailMessage)? in
            guard let email = entry.email else { return nil }
            let subject =
                "[Tiến độ] Nhắc việc ngày \(VietnameseDate.short(today)): \(entry.digest.overdue.count) quá hạn, "
                + "\(entry.digest.dueSoon.count) sắp đến hạn"
                + (entry.reports.isEmpty ? "" : ", \(entry.reports.count) báo cáo cần xử lý")
                + (entry.explanations.toAnswer.isEmpty
                    ? "" : ", \(entry.explanations.toAnswer.count) yêu cầu giải trình cần trả lời")
            return (
                entry.account.id,
                MailMessage(
                    to: email, subject: subject,
                    body:
                        "Kính gửi \(entry.account.displayName),\n\n\(entry.text)\n\n— Thư tự động của Tiến độ; xin đừng trả lời thư này."
                )
            )
        }
        var sent = 0
        var alreadySent = 0
        var failures: [Failure] = []
        var note: String?
        if let transport, settings.canSend {
            let done = try await store.accountsMailedReminder(on: today)
            var pending = messages.filter { !done.contains($0.accountID) }
            alreadySent = messages.count - pending.count
            var attempt = 0
            while !pending.isEmpty {
                let results = await transport.deliver(pending.map(\.message))
                var stillPending: [(accountID: UUID, message: MailMessage)] = []
                var lastReasons: [UUID: String] = [:]
                for (index, item) in pending.enumerated() {
                    // A transport that answers fewer results than messages has failed the rest.
                    let result = index < results.count ? results[index] : .failed("Không rõ kết quả gửi thư.")
                    switch result {
                    case .delivered:
                        sent += 1
                        try await store.recordReminderMail(
                            day: today, accountID: item.accountID, address: item.message.to)
                    case .refused(let reason):
                        failures.append(Failure(address: item.message.to, reason: reason, isPermanent: true))
                    case .failed(let reason):
                        stillPending.append(item)
                        lastReasons[item.accountID] = reason
                    }
                }
                pending = stillPending
                guard !pending.isEmpty else { break }
                guard attempt < retry.delays.count else {
                    failures += pending.map {
                        Failure(address: $0.message.to, reason: lastReasons[$0.accountID] ?? "", isPermanent: false)
                    }
                    break
                }
                try await Task.sleep(for: retry.delays[attempt])
                attempt += 1
            }
            if !failures.isEmpty {
                let list = failures.map { "\($0.address) (\($0.reason))" }.joined(separator: "; ")
                note =
                    "Chưa gửi được \(failures.count) thư: \(list)."
                    + (failures.contains { !$0.isPermanent } ? " Những thư này sẽ được gửi lại ở lần chạy sau." : "")
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
            today: today, entries: entries, sent: sent, alreadySent: alreadySent, failures: failures, mailNote: note,
            figuresChanged: changed.inserted + changed.updated)
    }

    /// The mail transport of `settings`, nil when no relay is configured: `sendmail` when
    /// `TIENDO_SENDMAIL` is set, else the built-in SMTP client.
    public static func transport(_ settings: MailSettings) -> (any MailTransport)? {
        guard let from = settings.from else { return nil }
        if let path = settings.sendmailPath { return SendmailTransport(path: path, from: from) }
        guard let host = settings.smtpHost else { return nil }
        return SMTPMailer(host: host, port: settings.smtpPort, from: from)
    }

    /// The mail sender of `settings`, nil when no relay is configured (blocking; kept for callers
    /// of the batch form).
    public static func mailer(_ settings: MailSettings) -> (@Sendable ([MailMessage]) throws -> Void)? {
        guard let host = settings.smtpHost, let from = settings.from else { return nil }
        let mailer = SMTPMailer(host: host, port: settings.smtpPort, from: from)
        return { try mailer.send($0) }
    }

    /// Marks the day's run as done: true for exactly one caller per day however many `serve`
    /// instances share the database. Called only after the day's mail went out
    /// (``Outcome/isComplete``), never before.
    public static func claim(_ today: CivilDate, store: any Store) async throws -> Bool {
        try await store.claimDailyJob("nhac-viec", day: today.iso)
    }

    /// Whether the day's run is done.
    public static func isDone(_ today: CivilDate, store: any Store) async throws -> Bool {
        try await store.setting("job:nhac-viec") == today.iso
    }

    /// Claims one attempt at the day for this instance within a window of `windowMinutes`: of
    /// several instances, one tries per window; a failed day is tried again in the next window.
    public static func claimAttempt(
        _ today: CivilDate, store: any Store, now: Date = Date(), windowMinutes: Int = 30
    ) async throws -> Bool {
        // `now` is a clock reading (finite, within Int's range of minutes); a non-finite date
        // falls into window 0 rather than trapping.
        let minutes = now.timeIntervalSince1970 / 60
        let window = (minutes.isFinite && abs(minutes) < 1e15 ? Int(minutes) : 0) / max(1, windowMinutes)
        return try await store.claimDailyJob("nhac-viec:lan-thu", day: "\(today.iso)#\(window)")
    }
}

/// The batch closure of the older API as a transport: run on a queue of its own, since it blocks.
struct BlockingTransport: MailTransport {
    let send: @Sendable ([MailMessage]) throws -> Void
    private static let queue = DispatchQueue(label: "tiendo.mail.blocking")

    func deliver(_ messages: [MailMessage]) async -> [MailDelivery] {
        await withCheckedContinuation { continuation in
            Self.queue.async {
                do {
                    try send(messages)
                    continuation.resume(returning: Array(repeating: .delivered, count: messages.count))
                } catch {
                    continuation.resume(
                        returning: Array(repeating: .failed(String(describing: error)), count: messages.count))
                }
            }
        }
    }
}
