import Foundation

/// A file (Excel template or CSV export) remembers the version each figure had when Tiendo wrote
/// it. When the file comes back, a figure that someone changed in the meantime must not be
/// silently put back to the file's older value: the file is refused with the list of such
/// figures. A figure the file leaves as it is now is never a conflict.
public enum FigureVersions {
    /// What a file says about the version of one figure.
    public enum Seen: Hashable, Sendable {
        /// The file was made when the figure had this version; 0: there was no figure yet.
        case version(Int)
        /// The file does not say (a template made before versions were recorded).
        case unknown
    }

    /// One figure that changed after the file was made, and that the file would overwrite.
    public struct Stale: Hashable, Sendable {
        /// The figure the file holds.
        public var inFile: IndicatorValue
        /// The figure as it is stored now.
        public var now: IndicatorValue
        /// The version the file was made from (nil: the file does not say).
        public var seenVersion: Int?

        /// Creates an entry.
        public init(inFile: IndicatorValue, now: IndicatorValue, seenVersion: Int?) {
            self.inFile = inFile
            self.now = now
            self.seenVersion = seenVersion
        }

        /// "Thu ngân sách (THU_NSNN): trong tệp 255, hiện nay 262,5 — Nguyễn Văn A sửa lúc 06/12/2026 14:05".
        public func description(indicatorName: String?, unitName: String? = nil) -> String {
            let name = indicatorName.map { "\($0) (\(inFile.indicatorCode))" } ?? inFile.indicatorCode
            let whose = unitName.map { ", \($0), \(inFile.period.vietnameseLabel)" } ?? ""
            let who = now.author.isEmpty ? "người khác" : now.author
            let when = seenVersion == nil ? "" : " lúc \(FigureVersions.vietnameseTime(now.enteredAt))"
            return "\(name)\(whose): trong tệp \(FigureVersions.text(inFile)), hiện nay \(FigureVersions.text(now)) "
                + "— \(who) đã \(seenVersion == 0 ? "nhập" : "sửa")\(when)"
        }
    }

    /// Whether storing `value` would change `current` (number, status or note).
    public static func changes(_ value: IndicatorValue, _ current: IndicatorValue?) -> Bool {
        guard let current else { return true }
        return current.number != value.number || current.status != value.status || current.note != value.note
    }

    /// The figures of `values` that changed since the file was made and that the file would
    /// change back: the stored version differs from the one the file saw, and the file's figure
    /// differs from the stored one. `seen` nil: the file records no versions at all (an old
    /// template) — then every figure the file would overwrite is refused, while a figure not
    /// yet entered may still be added.
    public static func stale(
        _ values: [IndicatorValue], seen: (ValueKey) -> Seen?, current: (ValueKey) -> IndicatorValue?
    ) -> [Stale] {
        var found: [Stale] = []
        for value in values {
            guard let now = current(value.key), changes(value, now) else { continue }
            switch seen(value.key) {
            case nil:
                continue
            case .version(let version):
                if version != now.version { found.append(Stale(inFile: value, now: now, seenVersion: version)) }
            case .unknown:
                found.append(Stale(inFile: value, now: now, seenVersion: nil))
            }
        }
        return found
    }

    /// A figure as the lists show it: "1.234,5 (ước)", with "(ghi chú khác)" when only the note differs.
    static func text(_ value: IndicatorValue) -> String {
        VietnameseNumber.format(value.number, maxDecimals: 6) + (value.status == .uoc ? " (ước)" : "")
    }

    /// "06/12/2026 14:05", Vietnam time.
    public static func vietnameseTime(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        // A date outside ±10.000 years cannot come from a clock; it would not fit an Int either.
        guard interval.isFinite, abs(interval) < 3e11 else { return "—" }
        let seconds = Int(interval) + 7 * 3600
        let day = CivilDate(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
        let inDay = ((seconds % 86_400) + 86_400) % 86_400
        return VietnameseDate.short(day) + " " + VietnameseNumber.padded(inDay / 3600) + ":"
            + VietnameseNumber.padded((inDay % 3600) / 60)
    }
}

/// A file refused because figures in it changed after it was made; nothing was written.
public struct StaleFigures: Error, Sendable {
    /// Each figure the file would have put back.
    public let figures: [FigureVersions.Stale]

    /// Creates the refusal.
    public init(_ figures: [FigureVersions.Stale]) { self.figures = figures }

    /// The headline: how many figures, what to do.
    public var headline: String {
        let old = figures.contains { $0.seenVersion == nil }
        return "\(figures.count) số liệu trong tệp đã được sửa trên Tiến độ sau khi "
            + (old ? "tải mẫu (tệp mẫu cũ không ghi phiên bản số liệu)" : "tải tệp")
            + "; nhập tệp này sẽ đưa chúng về số cũ nên chưa có gì được lưu. Hãy tải mẫu mới "
            + "(hoặc xuất lại tệp), chép các số cần sửa sang rồi tải lên lại."
    }
}

/// One figure an entry changed: before (nil: not entered yet) and after.
public struct FigureChange: Hashable, Sendable {
    public var old: IndicatorValue?
    public var new: IndicatorValue

    /// Creates a change.
    public init(old: IndicatorValue?, new: IndicatorValue) {
        self.old = old
        self.new = new
    }

    /// "Thu ngân sách: 255 → 262,5" (a new figure: "Thu ngân sách: mới 262,5").
    public func description(indicatorName: String?) -> String {
        let name = indicatorName ?? new.indicatorCode
        guard let old else { return "\(name): mới \(FigureVersions.text(new))" }
        let noteOnly = old.number == new.number && old.status == new.status
        return "\(name): \(FigureVersions.text(old)) → \(FigureVersions.text(new))" + (noteOnly ? " (sửa ghi chú)" : "")
    }
}
