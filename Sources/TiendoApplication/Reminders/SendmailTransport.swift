import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Hands each message to the system's `sendmail` (msmtp's `msmtp-mta`, Postfix, Exim — Debian
/// packages), which brings what the built-in SMTP client lacks: TLS, authentication to the relay
/// and its own queue and retries. Chosen with `TIENDO_SENDMAIL=/usr/sbin/sendmail`.
///
/// One process per message (`sendmail -i -f FROM -- TO`, the message on standard input), so one
/// refused address does not stop the others. The exit code says what happened (sysexits.h):
/// 0 delivered, 75 (EX_TEMPFAIL) and unknown codes retried later, 65/67/68 refused for good.
public struct SendmailTransport: MailTransport {
    public let path: String
    public let from: String
    /// Seconds before a `sendmail` that hangs is killed.
    public var timeoutSeconds: TimeInterval = 60

    public init(path: String, from: String) {
        self.path = path
        self.from = from
    }

    public func deliver(_ messages: [MailMessage]) async -> [MailDelivery] {
        var results: [MailDelivery] = []
        for message in messages { results.append(await deliver(message)) }
        return results
    }

    /// A `sendmail` that exits before reading the whole message must make the write fail, not
    /// raise SIGPIPE, whose default action ends the process (the server, every office; or the
    /// test run). `tiendo` ignores the signal at start too; this covers every other caller.
    private static let brokenPipesAreErrors: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    private func deliver(_ message: MailMessage) async -> MailDelivery {
        guard MailSettings.isAddress(message.to) else {
            return .refused("Địa chỉ “\(message.to)” không hợp lệ; thư không được gửi.")
        }
        _ = Self.brokenPipesAreErrors
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-i", "-f", from, "--", message.to]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let text = SMTPMailer.encode(message, from: from).replacingOccurrences(of: "\r\n", with: "\n") + "\n"
        let status: Int32?
        do {
            status = try await withCheckedThrowingContinuation { continuation in
                process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                do {
                    try process.run()
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: error)
                    return
                }
                // Written from a queue of its own: a large message must not block the caller
                // while `sendmail` has not read it yet.
                DispatchQueue.global().async {
                    try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
                    try? input.fileHandleForWriting.close()
                }
                let pid = process.processIdentifier
                DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds) { [process] in
                    if process.isRunning { _ = kill(pid, SIGKILL) }
                }
            }
        } catch {
            return .failed("Không chạy được \(path): \(error); hãy kiểm tra TIENDO_SENDMAIL.")
        }
        let detail =
            String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines).prefix(300)
        switch status {
        case 0:
            return .delivered
        case 65, 67, 68:
            return .refused("\(path) từ chối thư tới \(message.to) (mã \(status ?? 0)): \(detail)")
        default:
            return .failed("\(path) chưa gửi được thư tới \(message.to) (mã \(status ?? 0)): \(detail)")
        }
    }
}
