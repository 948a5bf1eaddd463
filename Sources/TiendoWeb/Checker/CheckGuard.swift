import Foundation
import TiendoChecker
import TiendoCore
import TiendoDocuments

/// What one report check may cost: the file size, the text length, how many checks an account
/// may start per minute and how many run at once on the server. Reading and checking cost about
/// 1,9 CPU-seconds per MB, so without these a read-only account could keep both cores busy.
///
/// From the environment (read once per server):
/// - `TIENDO_AUDIT_MAX_MB` (default 5, 1...20): the largest file, in MB;
/// - `TIENDO_AUDIT_PER_MINUTE` (default 6, 1...600): checks an account may start per minute;
/// - `TIENDO_AUDIT_CONCURRENCY` (default 1, 1...16): checks running at once (more wait, up to 8).
struct CheckSettings: Sendable, Equatable {
    var maxFileBytes = 5_000_000
    var perMinute = 6
    var maxRunning = 1
    var maxWaiting = 8
    /// The most characters of text checked: about 200 pages, far more than any report.
    var maxTextCharacters = 600_000

    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        -> CheckSettings
    {
        var settings = CheckSettings()
        func integer(_ key: String, _ range: ClosedRange<Int>) -> Int? {
            // A bad value keeps the default: a limit never becomes looser by a typo.
            guard let raw = environment[key]?.trimmingCharacters(in: .whitespaces), let value = Int(raw),
                range.contains(value)
            else { return nil }
            return value
        }
        if let megabytes = integer("TIENDO_AUDIT_MAX_MB", 1...20) { settings.maxFileBytes = megabytes * 1_000_000 }
        if let perMinute = integer("TIENDO_AUDIT_PER_MINUTE", 1...600) { settings.perMinute = perMinute }
        if let running = integer("TIENDO_AUDIT_CONCURRENCY", 1...16) { settings.maxRunning = running }
        return settings
    }
}

/// The limits of one server, shared by every request of the audit page.
final class CheckGuard: @unchecked Sendable {
    let settings: CheckSettings
    let limiter: WorkLimiter
    private let lock = NSLock()
    private var recent: [UUID: [Date]] = [:]

    init(settings: CheckSettings = .fromEnvironment()) {
        self.settings = settings
        limiter = WorkLimiter(maxRunning: settings.maxRunning, maxWaiting: settings.maxWaiting)
    }

    /// Counts a check of `account` at `now`; nil when allowed, else the seconds until the
    /// oldest check of the last minute leaves the window.
    func admit(_ account: UUID, now: Date = Date()) -> Int? {
        lock.withLock {
            let windowStart = now.addingTimeInterval(-60)
            var times = (recent[account] ?? []).filter { $0 > windowStart }
            if times.count >= settings.perMinute {
                recent[account] = times
                let oldest = times.min() ?? now
                // Both are dates of this clock, so the difference is finite; clamped to the window
                // even if the clock went back.
                return min(60, max(1, Int(oldest.timeIntervalSince(windowStart).rounded(.up))))
            }
            times.append(now)
            recent[account] = times
            // Forget accounts that have been quiet for a minute, so the table stays small.
            if recent.count > 1_000 {
                recent = recent.filter { $0.value.contains { $0 > windowStart } }
            }
            return nil
        }
    }

    /// The refusal of a file larger than the limit, naming both sizes.
    func sizeRefusal(_ bytes: Int, fileName: String) -> String? {
        guard bytes > settings.maxFileBytes else { return nil }
        return
            "Tệp “\(fileName)” nặng \(Self.megabytes(bytes)) MB, quá giới hạn \(Self.megabytes(settings.maxFileBytes)) MB "
            + "của trang kiểm tra số liệu; hãy bỏ bớt hình ảnh, phụ lục hoặc lưu lại chỉ phần văn bản (.docx hoặc .txt)."
    }

    /// The refusal of a document whose text is longer than the limit.
    func lengthRefusal(_ document: CheckDocument, fileName: String) -> String? {
        var characters = 0
        for block in document.blocks {
            characters += block.text.unicodeScalars.count
            if characters > settings.maxTextCharacters { break }
        }
        guard characters > settings.maxTextCharacters else { return nil }
        return "Tệp “\(fileName)” có hơn \(VietnameseNumber.format(settings.maxTextCharacters)) ký tự văn bản "
            + "(khoảng 200 trang), quá dài để kiểm tra một lần; hãy tách báo cáo thành từng phần rồi kiểm tra lần lượt."
    }

    /// "19,3" for 19.300.000 bytes.
    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes + 50_000) / 100_000
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10),\(tenths % 10)"
    }
}
