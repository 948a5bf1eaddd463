import Foundation

/// A calendar day without a time zone: the dates of resolutions, lineage events and reporting
/// cut-offs are legal dates, not instants, so they must not shift with the server's time zone.
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year, e.g. 2025.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–31.
    public let day: Int

    /// Creates a date, or returns nil when the day does not exist (30/02, 31/04, …).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates a date the caller knows to be valid (constants, computed cut-offs).
    ///
    /// Never called with request or file content (issue 19 audit): the callers pass constants,
    /// 31 December of any year, the 1st/14th/15th or last day of a month of a `Period` (whose
    /// months are 1–12, see `Period.span`) or a day clamped to its month (`adding(months:)`).
    /// Dates typed by people go through `init?(year:month:day:)`, `init?(iso:)` or
    /// `VietnameseDate.parse`, which answer nil.
    public init(_ year: Int, _ month: Int, _ day: Int) {
        guard let date = CivilDate(year: year, month: month, day: day) else {
            preconditionFailure("ngày không hợp lệ: \(year)-\(month)-\(day)")
        }
        self = date
    }

    /// Parses ISO 8601 `yyyy-MM-dd`.
    public init?(iso: String) {
        let parts = iso.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `yyyy-MM-dd`, the form stored in databases and files.
    public var iso: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public var description: String { iso }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil), for date arithmetic.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> CivilDate {
        CivilDate(dayNumber: dayNumber + days)
    }

    /// 1 = Monday … 7 = Sunday (ISO 8601).
    public var isoWeekday: Int {
        let w = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    /// The same day of the month `months` months later, clamped to the month's last day.
    public func adding(months: Int) -> CivilDate {
        let index = year * 12 + (month - 1) + months
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        let m = index - y * 12 + 1
        return CivilDate(y, m, min(day, CivilDate.daysIn(month: m, year: y)))
    }

    /// Today's date in Vietnam (UTC+7), the calendar every deadline is read in.
    public static func todayInVietnam(now: Date = Date()) -> CivilDate {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + 7 * 3600
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return CivilDate(dayNumber: days)
    }
}

/// An inclusive range of days, e.g. what a reporting period covers.
public struct DateSpan: Hashable, Sendable, Codable {
    /// The first day covered.
    public let start: CivilDate
    /// The last day covered.
    public let end: CivilDate

    /// Creates a span; `start` must not be after `end`. Its only caller, `Period.span`, builds
    /// the first day of a period's first month (or the 15th of the month before) and a later day
    /// of its last month, from months in order: the precondition cannot fail on any data.
    public init(_ start: CivilDate, _ end: CivilDate) {
        precondition(start <= end, "khoảng thời gian ngược: \(start) > \(end)")
        self.start = start
        self.end = end
    }

    /// Whether the span covers `date`.
    public func contains(_ date: CivilDate) -> Bool { start <= date && date <= end }
}
