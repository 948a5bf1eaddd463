import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Converts a document to PDF with LibreOffice (`soffice --headless --convert-to pdf`) when it is
/// installed; otherwise says, in Vietnamese, how to get the PDF.
///
/// A conversion takes one core for seconds, so at most ``PDFSettings/maxRunning`` run at once
/// (``shared``); a few more wait their turn and the rest are refused with ``WorkLimiter/Busy``
/// at once, so a burst of downloads cannot take the whole machine. A conversion that outlives its
/// timeout is killed with its whole process group.
public enum ReportPDF {
    /// The message when LibreOffice is not installed.
    public static let missingMessage =
        "Máy chủ chưa cài LibreOffice nên không tạo được tệp PDF; hãy cài LibreOffice "
        + "(gói libreoffice-writer-nogui trên Debian/Ubuntu) hoặc mở tệp .docx bằng Word rồi lưu thành PDF."

    /// The message when every conversion slot and queue place is taken.
    public static let busyMessage = "Máy chủ đang bận tạo bản PDF khác, vui lòng thử lại sau ít phút."

    /// How long a refused download should wait before trying again, in seconds (Retry-After).
    public static let retryAfterSeconds = 60

    /// The settings read from the environment at first use; a bad value falls back to the
    /// default (``PDFSettings/fromEnvironment(_:)`` lists the problems for `serve` to print).
    public static let settings: PDFSettings = (try? PDFSettings.fromEnvironment()) ?? PDFSettings()

    /// The limiter every PDF download of this process goes through.
    public static let shared = WorkLimiter(maxRunning: settings.maxRunning, maxWaiting: settings.maxWaiting)

    /// Where `soffice` is, or nil when LibreOffice is not installed. `TIENDO_SOFFICE` overrides the
    /// search (an empty value means "not installed").
    public static func sofficePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let fileManager = FileManager.default
        if let configured = environment["TIENDO_SOFFICE"] {
            return configured.isEmpty || !fileManager.isExecutableFile(atPath: configured) ? nil : configured
        }
        var candidates = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").flatMap {
            ["\($0)/soffice", "\($0)/libreoffice"]
        }
        candidates += [
            "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
            "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        ]
        return candidates.first { fileManager.isExecutableFile(atPath: $0) }
    }

    /// Whether PDF conversion is available.
    public static var isAvailable: Bool { sofficePath() != nil }

    /// The PDF of a .docx (or .xlsx, with `fileExtension`), converted in a private temporary
    /// folder with its own LibreOffice profile, through `limiter`. Throws ``WorkLimiter/Busy``
    /// when the limiter's queue is full, ``PDFTimeout`` when the conversion took longer than
    /// `timeout` seconds (the process group is killed), and ``ReportError`` with
    /// ``missingMessage`` when LibreOffice is missing or with the reason when it fails.
    /// `soffice` replaces the installed LibreOffice (tests use a script that behaves like it).
    public static func convert(
        _ document: Data, fileExtension: String = "docx", timeout: TimeInterval = settings.timeoutSeconds,
        limiter: WorkLimiter = shared, soffice: String? = nil
    ) async throws -> Data {
        guard let soffice = soffice ?? sofficePath() else { throw ReportError(missingMessage) }
        // A timeout that is not a finite number of seconds from 1 s to a day would overflow the
        // dispatch deadline's nanoseconds: clamp it.
        let timeout = timeout.isFinite ? min(max(timeout, 1), 86_400) : 86_400
        return try await limiter.run {
            try await convertNow(document, fileExtension: fileExtension, timeout: timeout, soffice: soffice)
        }
    }

    private static func convertNow(_ document: Data, fileExtension: String, timeout: TimeInterval, soffice: String)
        async throws -> Data
    {
        let fileManager = FileManager.default
        let folder = fileManager.temporaryDirectory.appendingPathComponent("tiendo-pdf-\(UUID().uuidString)")
        try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: folder) }
        let input = folder.appendingPathComponent("bao-cao.\(fileExtension)")
        try document.write(to: input)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = [
            "-env:UserInstallation=" + folder.appendingPathComponent("profile").absoluteString,
            "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", folder.path, input.path,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder.path
        process.environment = environment
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let watchdog = Watchdog()
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: ReportError("Không chạy được LibreOffice (\(soffice)): \(error)."))
                return
            }
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + max(0.1, timeout)) { [process] in
                guard process.isRunning else { return }
                watchdog.fire()
                // LibreOffice starts helpers (oosplash, soffice.bin): kill the whole group, which
                // Foundation's Process gives the child of its own (pgid == pid).
                Self.kill(pid, SIGTERM)
                DispatchQueue.global().asyncAfter(deadline: .now() + 3) {
                    if process.isRunning { Self.kill(pid, SIGKILL) }
                }
            }
        }
        if watchdog.fired { throw PDFTimeout(seconds: timeout) }
        let output = folder.appendingPathComponent("bao-cao.pdf")
        guard status == 0, let pdf = try? Data(contentsOf: output), !pdf.isEmpty else {
            let detail =
                String(data: errors.fileHandleForReading.readDataToEndOfFile(), encoding: .utf8)?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            throw ReportError(
                "LibreOffice không chuyển được tài liệu sang PDF"
                    + (detail.isEmpty ? " (mã thoát \(status))." : ": \(detail.prefix(300))."))
        }
        return pdf
    }

    /// Sends `signal` to the process group led by `pid` when there is one, else to `pid` alone.
    private static func kill(_ pid: Int32, _ signal: Int32) {
        guard pid > 0 else { return }
        signalProcess(getpgid(pid) == pid ? -pid : pid, signal)
    }

    /// Whether the timeout killed the conversion.
    private final class Watchdog: @unchecked Sendable {
        private let lock = NSLock()
        private var didFire = false
        func fire() { lock.withLock { didFire = true } }
        var fired: Bool { lock.withLock { didFire } }
    }
}

// The C call under a name that `ReportPDF.kill` does not shadow.
private func signalProcess(_ pid: Int32, _ signal: Int32) { _ = kill(pid, signal) }

/// A conversion killed because it took longer than its timeout.
public struct PDFTimeout: Error, CustomStringConvertible, Sendable, Equatable {
    public let seconds: TimeInterval
    public init(seconds: TimeInterval) { self.seconds = seconds }
    public var description: String {
        "Tạo bản PDF mất quá \(Self.wholeSeconds(seconds)) giây nên đã dừng; hãy thử lại sau ít phút "
            + "hoặc tải bản Word (.docx) rồi lưu thành PDF."
    }

    /// Whole seconds, without trapping on a value `Int` cannot hold.
    public static func wholeSeconds(_ seconds: TimeInterval) -> Int {
        seconds.isFinite ? Int(min(max(seconds.rounded(), 0), 86_400)) : 86_400
    }
}

/// The PDF conversion limits, from the environment:
/// - `TIENDO_PDF_CONCURRENCY` (default 1, 1...16): LibreOffice processes at once;
/// - `TIENDO_PDF_QUEUE` (default 4, 0...100): downloads that wait for a free slot;
/// - `TIENDO_PDF_TIMEOUT` (default 120, 5...3600): seconds before a conversion is killed.
public struct PDFSettings: Sendable, Equatable {
    public var maxRunning = 1
    public var maxWaiting = 4
    public var timeoutSeconds: TimeInterval = 120

    public init() {}

    /// The settings are refused with every problem.
    public struct Invalid: Error, CustomStringConvertible {
        public let problems: [String]
        public var description: String {
            "Cấu hình tạo PDF không hợp lệ:\n" + problems.map { "- " + $0 }.joined(separator: "\n")
        }
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> PDFSettings
    {
        var settings = PDFSettings()
        var problems: [String] = []
        func integer(_ key: String, _ range: ClosedRange<Int>) -> Int? {
            guard let raw = environment[key]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            guard let number = Int(raw), range.contains(number) else {
                problems.append("\(key)=“\(raw)”: phải là số nguyên từ \(range.lowerBound) đến \(range.upperBound)")
                return nil
            }
            return number
        }
        if let value = integer("TIENDO_PDF_CONCURRENCY", 1...16) { settings.maxRunning = value }
        if let value = integer("TIENDO_PDF_QUEUE", 0...100) { settings.maxWaiting = value }
        if let value = integer("TIENDO_PDF_TIMEOUT", 5...3600) { settings.timeoutSeconds = TimeInterval(value) }
        if !problems.isEmpty { throw Invalid(problems: problems) }
        return settings
    }
}

/// At most `maxRunning` jobs at once, `maxWaiting` more waiting in order of arrival, the rest
/// refused at once with ``Busy``: a burst of expensive requests waits or is turned away instead
/// of taking every core.
public actor WorkLimiter {
    public nonisolated let maxRunning: Int
    public nonisolated let maxWaiting: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// The limiter is full: nothing was started.
    public struct Busy: Error, Sendable, Equatable {
        public init() {}
    }

    /// `maxRunning` below 1 counts as 1, `maxWaiting` below 0 as 0.
    public init(maxRunning: Int, maxWaiting: Int) {
        self.maxRunning = max(1, maxRunning)
        self.maxWaiting = max(0, maxWaiting)
    }

    /// Jobs running and waiting now.
    public var load: (running: Int, waiting: Int) { (running, waiting.count) }

    /// Runs `work` when a slot is free; throws ``Busy`` without running it when the queue is full.
    public func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        if running < maxRunning {
            running += 1
        } else {
            guard waiting.count < maxWaiting else { throw Busy() }
            // The slot is handed over by `release`, so `running` stays as it is.
            await withCheckedContinuation { waiting.append($0) }
        }
        defer { release() }
        return try await work()
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
