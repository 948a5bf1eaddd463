import Foundation

/// How reminders are sent, read once from the environment; every key documented with its default,
/// every bad key listed in Vietnamese.
public struct MailSettings: Sendable, Equatable {
    /// `TIENDO_SMTP_HOST` (default: none — reminders are shown on the home page and printed, not
    /// mailed, and a log line says so): the mail relay of the agency's network.
    public var smtpHost: String?
    /// `TIENDO_SMTP_PORT` (default 25).
    public var smtpPort = 25
    /// `TIENDO_SENDMAIL` (default: none): the path of a `sendmail` program (msmtp-mta, Postfix) to
    /// hand mail to instead of the built-in SMTP client — for a relay that needs TLS or a
    /// password. Takes precedence over `TIENDO_SMTP_HOST`.
    public var sendmailPath: String?
    /// `TIENDO_SMTP_FROM` (required with a host or sendmail): the sender, e.g. `tiendo@vpthanhuy.hue.gov.vn`.
    public var from: String?
    /// `TIENDO_PUBLIC_URL` (default: none): the address officers open, so e-mails link to tasks.
    public var publicURL: String?
    /// `TIENDO_REMINDER_HOUR` (default 7): the hour (Vietnam time) after which `serve` sends the day's digest.
    public var reminderHour = 7
    /// `TIENDO_REMINDER_DAYS` (default 7): how many days ahead "due soon" looks.
    public var reminderDays = 7

    /// The defaults: no mail.
    public init() {}

    /// Whether e-mail can be sent.
    public var canSend: Bool { (smtpHost != nil || sendmailPath != nil) && from != nil }

    /// Where mail goes, for the log: "sendmail /usr/sbin/sendmail" or "host:port".
    public var relayDescription: String {
        if let sendmailPath { return "sendmail \(sendmailPath)" }
        return "\(smtpHost ?? ""):\(smtpPort)"
    }

    /// The settings are refused with every problem.
    public struct Invalid: Error, CustomStringConvertible {
        public let problems: [String]
        public var description: String {
            "Cấu hình gửi thư nhắc việc không hợp lệ:\n" + problems.map { "- " + $0 }.joined(separator: "\n")
        }
    }

    /// Reads the environment.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> MailSettings
    {
        var settings = MailSettings()
        var problems: [String] = []
        func text(_ key: String) -> String? {
            environment[key].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        func integer(_ key: String, _ range: ClosedRange<Int>, into value: inout Int) {
            guard let raw = text(key) else { return }
            guard let number = Int(raw), range.contains(number) else {
                problems.append("\(key)=“\(raw)”: phải là số nguyên từ \(range.lowerBound) đến \(range.upperBound)")
                return
            }
            value = number
        }
        settings.smtpHost = text("TIENDO_SMTP_HOST")
        integer("TIENDO_SMTP_PORT", 1...65535, into: &settings.smtpPort)
        integer("TIENDO_REMINDER_HOUR", 0...23, into: &settings.reminderHour)
        integer("TIENDO_REMINDER_DAYS", 0...90, into: &settings.reminderDays)
        if let from = text("TIENDO_SMTP_FROM") {
            if isAddress(from) {
                settings.from = from
            } else {
                problems.append("TIENDO_SMTP_FROM=“\(from)”: không phải địa chỉ thư điện tử")
            }
        } else if settings.smtpHost != nil {
            problems.append("TIENDO_SMTP_FROM: cần địa chỉ người gửi khi đã đặt TIENDO_SMTP_HOST")
        } else if text("TIENDO_SENDMAIL") != nil {
            problems.append("TIENDO_SMTP_FROM: cần địa chỉ người gửi khi đã đặt TIENDO_SENDMAIL")
        }
        if let sendmail = text("TIENDO_SENDMAIL") {
            if FileManager.default.isExecutableFile(atPath: sendmail) {
                settings.sendmailPath = sendmail
            } else {
                problems.append(
                    "TIENDO_SENDMAIL=“\(sendmail)”: không có chương trình này hoặc không chạy được; "
                        + "hãy cài msmtp-mta hoặc postfix và ghi đường dẫn, ví dụ /usr/sbin/sendmail")
            }
        }
        if let url = text("TIENDO_PUBLIC_URL") {
            if url.hasPrefix("http://") || url.hasPrefix("https://") {
                settings.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
            } else {
                problems.append("TIENDO_PUBLIC_URL=“\(url)”: phải bắt đầu bằng http:// hoặc https://")
            }
        }
        if !problems.isEmpty { throw Invalid(problems: problems) }
        return settings
    }

    /// A plain address `name@domain` without spaces or angle brackets (nothing that could break
    /// an SMTP command line).
    public static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasSuffix(".")
            && text.allSatisfy { $0.isASCII && !$0.isWhitespace && !"<>\"(),;:\\[]".contains($0) }
    }
}
