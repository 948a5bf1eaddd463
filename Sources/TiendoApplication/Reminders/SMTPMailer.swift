import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One e-mail: plain UTF-8 text.
public struct MailMessage: Sendable, Equatable {
    public var to: String
    public var subject: String
    public var body: String

    public init(to: String, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }
}

/// A failure to hand a message to the relay, in Vietnamese.
public struct MailError: Error, CustomStringConvertible, Sendable {
    public let description: String
    /// The relay's reply code when it answered (nil: no answer, no connection).
    public let code: Int?
    init(_ description: String, code: Int? = nil) {
        self.description = description
        self.code = code
    }
    /// A 5xx answer: the same command will be refused again.
    var isPermanent: Bool { (code ?? 0) >= 500 }
}

/// What became of one message.
public enum MailDelivery: Sendable, Equatable {
    /// Handed to the relay (or to `sendmail`).
    case delivered
    /// Refused for good (an SMTP 5xx answer for this address, or a bad address): retrying the
    /// same message will not help.
    case refused(String)
    /// Not handed over for a reason that may pass (no connection, timeout, a 4xx answer): retried.
    case failed(String)

    /// Whether the message went out.
    public var isDelivered: Bool { self == .delivered }

    /// The reason, in Vietnamese, when it did not.
    public var reason: String? {
        switch self {
        case .delivered: return nil
        case .refused(let reason), .failed(let reason): return reason
        }
    }
}

/// Hands messages over and says, for each, what became of it. Implementations never block the
/// caller's thread: slow network or process I/O runs on a thread of its own.
public protocol MailTransport: Sendable {
    /// One result per message, in order.
    func deliver(_ messages: [MailMessage]) async -> [MailDelivery]
}

/// Sends mail to the agency's relay over plain SMTP (RFC 5321): EHLO, MAIL, RCPT, DATA, QUIT.
/// No authentication and no TLS: government networks relay internal mail on port 25 from
/// known hosts; a relay that needs a password or TLS is reached through `sendmail`
/// (``SendmailTransport``, e.g. msmtp or Postfix).
///
/// The socket calls block, so ``deliver(_:)`` runs them on a dedicated dispatch queue, never on
/// the server's event loops or Swift's cooperative threads.
public struct SMTPMailer: Sendable, MailTransport {
    public let host: String
    public let port: Int
    public let from: String
    /// Seconds to wait for the relay on each step.
    public var timeoutSeconds = 20

    /// The queue the blocking socket calls run on.
    private static let queue = DispatchQueue(label: "tiendo.smtp")

    public init(host: String, port: Int, from: String) {
        self.host = host
        self.port = port
        self.from = from
    }

    /// Hands `messages` to the relay over one connection; throws at the first refusal. Blocks
    /// the calling thread: for the command line and tests; the server uses ``deliver(_:)``.
    public func send(_ messages: [MailMessage]) throws {
        for result in deliverNow(messages) {
            if let reason = result.reason { throw MailError(reason) }
        }
    }

    public func deliver(_ messages: [MailMessage]) async -> [MailDelivery] {
        await withCheckedContinuation { continuation in
            Self.queue.async { continuation.resume(returning: deliverNow(messages)) }
        }
    }

    /// One connection; a refused recipient is reset (RSET) and the next message goes on; a lost
    /// connection fails the messages not yet sent.
    func deliverNow(_ messages: [MailMessage]) -> [MailDelivery] {
        guard !messages.isEmpty else { return [] }
        var results: [MailDelivery] = []
        func failRest(_ error: Error) -> [MailDelivery] {
            let reason = String(describing: error)
            return results + Array(repeating: .failed(reason), count: messages.count - results.count)
        }
        let connection: Connection
        do {
            connection = try Connection(host: host, port: port, timeoutSeconds: timeoutSeconds)
            try connection.expect(220, after: nil)
            try connection.expect(250, after: "EHLO tiendo")
        } catch {
            return failRest(error)
        }
        defer { connection.close() }
        for message in messages {
            guard MailSettings.isAddress(message.to) else {
                results.append(.refused("Địa chỉ “\(message.to)” không hợp lệ; thư không được gửi."))
                continue
            }
            do {
                try connection.expect(250, after: "MAIL FROM:<\(from)>")
                try connection.expect([250, 251], after: "RCPT TO:<\(message.to)>")
                try connection.expect(354, after: "DATA")
                try connection.expect(250, after: Self.encode(message, from: from) + "\r\n.")
                results.append(.delivered)
            } catch let refusal as MailError where refusal.code != nil {
                // The relay answered: this message is refused, the connection goes on.
                results.append(refusal.isPermanent ? .refused(refusal.description) : .failed(refusal.description))
                do {
                    try connection.expect(250, after: "RSET")
                } catch {
                    return failRest(error)
                }
            } catch {
                return failRest(error)
            }
        }
        try? connection.expect(221, after: "QUIT")
        return results
    }

    /// The message as sent after DATA: headers, then the body in base64 so that no line starts
    /// with a dot and every Vietnamese letter survives any relay.
    static func encode(_ message: MailMessage, from: String, date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let subject = "=?UTF-8?B?" + Data(message.subject.utf8).base64EncodedString() + "?="
        let body = Data(message.body.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return [
            "From: =?UTF-8?B?\(Data("Tiến độ".utf8).base64EncodedString())?= <\(from)>",
            "To: <\(message.to)>",
            "Subject: \(subject)",
            "Date: \(formatter.string(from: date))",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
            body,
        ].joined(separator: "\r\n")
    }

    /// A blocking TCP connection with a line reader; one mail run is short and rare.
    final class Connection {
        private let fd: Int32
        private var buffer: [UInt8] = []
        private let host: String

        init(host: String, port: Int, timeoutSeconds: Int) throws {
            self.host = host
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            #if canImport(Glibc)
                hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            #else
                hints.ai_socktype = SOCK_STREAM
            #endif
            var list: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
                throw MailError("Không tìm thấy máy chủ thư “\(host)”; hãy kiểm tra TIENDO_SMTP_HOST.")
            }
            defer { freeaddrinfo(list) }
            var candidate: UnsafeMutablePointer<addrinfo>? = first
            var opened: Int32 = -1
            while let info = candidate {
                let fd = posixSocket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
                if fd >= 0 {
                    var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
                    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                    if posixConnect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                        opened = fd
                        break
                    }
                    posixClose(fd)
                }
                candidate = info.pointee.ai_next
            }
            guard opened >= 0 else {
                throw MailError(
                    "Không kết nối được máy chủ thư \(host):\(port); hãy kiểm tra máy chủ thư và tường lửa.")
            }
            fd = opened
        }

        func close() { posixClose(fd) }

        func expect(_ code: Int, after command: String?) throws { try expect([code], after: command) }

        /// Sends `command` (if any) and reads the reply; a code not in `codes` is a refusal.
        func expect(_ codes: [Int], after command: String?) throws {
            if let command { try write(command + "\r\n") }
            var reply: [String] = []
            while true {
                let line = try readLine()
                reply.append(line)
                // "250-…" continues a reply; "250 …" (or a bare code) ends it.
                if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] == " " { break }
            }
            let last = reply.last ?? ""
            let code = Int(last.prefix(3))
            guard let code, codes.contains(code) else {
                let step = command.map { String($0.prefix(40)).components(separatedBy: "\r\n")[0] } ?? "kết nối"
                throw MailError("Máy chủ thư \(host) từ chối (\(step)): \(reply.joined(separator: " "))", code: code)
            }
        }

        private func write(_ text: String) throws {
            let bytes = Array(text.utf8)
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { posixSend(fd, $0.baseAddress, $0.count) }
                guard n > 0 else { throw MailError("Mất kết nối với máy chủ thư \(host) khi gửi.") }
                sent += n
            }
        }

        private func readLine() throws -> String {
            while true {
                if let end = buffer.firstIndex(of: 10) {
                    let line = String(decoding: buffer[..<end], as: UTF8.self)
                        .trimmingCharacters(in: .newlines)
                    buffer.removeSubrange(...end)
                    return line
                }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let n = chunk.withUnsafeMutableBytes { posixRecv(fd, $0.baseAddress, $0.count) }
                guard n > 0 else { throw MailError("Máy chủ thư \(host) không trả lời (hết thời gian chờ).") }
                buffer += chunk[..<n]
            }
        }
    }
}

// The C calls under names that the connection's own methods do not shadow.
private func posixSocket(_ family: Int32, _ type: Int32, _ proto: Int32) -> Int32 { socket(family, type, proto) }
private func posixConnect(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>!, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}
private func posixClose(_ fd: Int32) { _ = close(fd) }
// A relay that closes the connection must give EPIPE, not SIGPIPE: the signal's default action
// ends the whole server (every office) for one mail server's hang-up.
#if os(Linux)
    private func posixSend(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
        send(fd, bytes, count, Int32(MSG_NOSIGNAL))
    }
#else
    private func posixSend(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
        var on: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        return send(fd, bytes, count, 0)
    }
#endif
private func posixRecv(_ fd: Int32, _ bytes: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    recv(fd, bytes, count, 0)
}
