import ArgumentParser
import Foundation
import TiendoApplication
import TiendoCore
import TiendoStorage

/// `tiendo remind`: the daily reminder job, for cron or by hand with another day.
struct RemindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "Nhắc việc: nhiệm vụ quá hạn và sắp đến hạn của từng tài khoản; gửi thư khi đã cấu hình máy chủ thư.",
        discussion: """
            Máy chủ web (tiendo serve) tự chạy việc này mỗi ngày một lần sau TIENDO_REMINDER_HOUR giờ. \
            Gửi thư cần TIENDO_SMTP_HOST, TIENDO_SMTP_FROM (và TIENDO_SMTP_PORT, mặc định 25), \
            hoặc TIENDO_SENDMAIL (đường dẫn sendmail của msmtp/Postfix, có TLS và mật khẩu) với TIENDO_SMTP_FROM; \
            thư đã gửi trong ngày không gửi lại; \
            TIENDO_PUBLIC_URL để thư có đường dẫn tới nhiệm vụ.
            """)

    @Option(name: .long, help: "Ngày xem tình hình, dạng 29/11/2026 (mặc định: hôm nay).")
    var today: String?

    @Option(name: .long, help: "Số ngày tới được coi là sắp đến hạn (mặc định TIENDO_REMINDER_DAYS hoặc 7).")
    var days: Int?

    @Flag(name: .long, help: "Chỉ in ra, không gửi thư.")
    var noMail = false

    func run() async throws {
        var settings: MailSettings
        do {
            settings = try MailSettings.fromEnvironment()
        } catch let invalid as MailSettings.Invalid {
            throw CommandFailure(invalid.description)
        }
        if let days {
            guard (0...90).contains(days) else { throw CommandFailure("--days phải từ 0 đến 90.") }
            settings.reminderDays = days
        }
        let day =
            try today.map { raw -> CivilDate in
                guard let date = VietnameseDate.parse(raw) else {
                    throw CommandFailure("Ngày “\(raw)” không hợp lệ; hãy viết dạng 29/11/2026.")
                }
                return date
            } ?? CivilDate.todayInVietnam()
        try await withStore { store in
            let transport = noMail ? nil : TaskReminders.transport(settings)
            let outcome = try await TaskReminders.run(
                store: store, today: day, settings: settings, transport: transport)
            // Run from cron instead of by `serve`: the day is done for `serve` too, but only once
            // every mail went out.
            if transport != nil, settings.canSend, outcome.isComplete, day == CivilDate.todayInVietnam() {
                _ = try await TaskReminders.claim(day, store: store)
            }
            for entry in outcome.entries {
                say("")
                say(
                    "== \(entry.account.displayName) (\(entry.account.username))"
                        + (entry.email.map { " <\($0)>" } ?? " — chưa có địa chỉ thư"))
                say(entry.text)
            }
            say("")
            say(outcome.summary)
            if !outcome.isComplete {
                throw CommandFailure("Còn thư chưa gửi được; hãy chạy lại lệnh sau (thư đã gửi không bị gửi lại).")
            }
        }
    }
}
