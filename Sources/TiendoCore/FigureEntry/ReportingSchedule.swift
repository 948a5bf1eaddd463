import Foundation

/// When a form's figures are due: counted from the cut-off of the period in the form's calendar,
/// either as working days or as a fixed day of the month (Decree 09/2019/NĐ-CP Art. 12 fixes the
/// cut-off; the issuing office fixes the day reports are sent). Units below the province level
/// may be due some working days earlier, so that the province has time to compile them.
public struct DeadlineRule: Hashable, Sendable, Codable {
    /// How the due day is counted from the cut-off.
    public enum Basis: String, Hashable, Sendable, Codable, CaseIterable {
        /// `days` working days (Monday–Friday) after the cut-off.
        case workingDays = "ngay-lam-viec"
        /// The first day numbered `days` of a month after the cut-off (e.g. the 18th): the
        /// 18th of the same month when the cut-off is the 14th, of the next month otherwise.
        case dayOfMonth = "ngay-co-dinh"

        /// The words on the form editor.
        public var vietnameseName: String {
            switch self {
            case .workingDays: return "số ngày làm việc sau ngày chốt số liệu"
            case .dayOfMonth: return "ngày cố định trong tháng sau ngày chốt số liệu"
            }
        }
    }

    /// How `days` is read.
    public var basis: Basis
    /// Working days after the cut-off, or the day of the month (1–31).
    public var days: Int
    /// Working days earlier for units below the province level (communes, wards, departments),
    /// so that they report before the province compiles.
    public var lowerLevelLeadDays: Int

    /// The most working days a deadline counts.
    public static let maximumWorkingDays = 60
    /// The most working days lower levels may be asked to report earlier.
    public static let maximumLeadDays = 30

    /// Creates a rule. Out-of-range numbers are clamped where they are used (``deadline(for:calendar:unitKind:)``);
    /// ``problems`` says what an editor typed wrong.
    public init(basis: Basis = .workingDays, days: Int, lowerLevelLeadDays: Int = 0) {
        self.basis = basis
        self.days = days
        self.lowerLevelLeadDays = lowerLevelLeadDays
    }

    /// A rule of `workingDays` working days after the cut-off, the same for every level.
    public init(workingDays: Int) { self.init(basis: .workingDays, days: workingDays) }

    /// What is wrong with the numbers, in Vietnamese; empty when the rule is usable.
    public var problems: [String] {
        var problems: [String] = []
        switch basis {
        case .workingDays where !(0...Self.maximumWorkingDays).contains(days):
            problems.append("Hạn nộp phải là số ngày làm việc từ 0 đến \(Self.maximumWorkingDays).")
        case .dayOfMonth where !(1...31).contains(days):
            problems.append("Ngày nộp cố định phải từ 1 đến 31.")
        default: break
        }
        if !(0...Self.maximumLeadDays).contains(lowerLevelLeadDays) {
            problems.append(
                "Số ngày cấp dưới nộp sớm hơn phải từ 0 đến \(Self.maximumLeadDays) ngày làm việc.")
        }
        return problems
    }

    /// The due date for `period` of a unit of `unitKind` (nil: the province-level deadline).
    /// Never before the cut-off itself.
    public func deadline(for period: Period, calendar: ReportingCalendar, unitKind: UnitKind? = nil) -> CivilDate {
        let cutOff = period.span(in: calendar).end
        var date: CivilDate
        switch basis {
        case .workingDays:
            date = Self.workingDays(min(max(days, 0), Self.maximumWorkingDays), after: cutOff)
        case .dayOfMonth:
            let day = min(max(days, 1), 31)
            // Built by adding days to the cut-off (never from typed numbers): the day is clamped
            // to each month's length, so the 31st of a 30-day month is its 30th.
            let firstOfMonth = cutOff.adding(days: 1 - cutOff.day)
            let sameMonth = firstOfMonth.adding(
                days: min(day, CivilDate.daysIn(month: cutOff.month, year: cutOff.year)) - 1)
            if sameMonth > cutOff {
                date = sameMonth
            } else {
                let nextFirst = firstOfMonth.adding(days: CivilDate.daysIn(month: cutOff.month, year: cutOff.year))
                date = nextFirst.adding(
                    days: min(day, CivilDate.daysIn(month: nextFirst.month, year: nextFirst.year)) - 1)
            }
        }
        if let unitKind, !unitKind.isProvinceLevel, lowerLevelLeadDays > 0 {
            date = max(cutOff, Self.workingDays(-min(lowerLevelLeadDays, Self.maximumLeadDays), after: date))
        }
        return date
    }

    /// `count` working days after `date` (before it when negative).
    static func workingDays(_ count: Int, after date: CivilDate) -> CivilDate {
        var date = date
        var remaining = abs(count)
        let step = count < 0 ? -1 : 1
        while remaining > 0 {
            date = date.adding(days: step)
            if date.isoWeekday <= 5 { remaining -= 1 }
        }
        return date
    }

    /// "10 ngày làm việc sau ngày chốt số liệu; cấp dưới nộp sớm hơn 3 ngày làm việc".
    public var vietnameseDescription: String {
        let base: String
        switch basis {
        case .workingDays: base = "\(days) ngày làm việc sau ngày chốt số liệu"
        case .dayOfMonth: base = "ngày \(days) sau ngày chốt số liệu"
        }
        guard lowerLevelLeadDays > 0 else { return base }
        return base + "; cấp dưới nộp sớm hơn \(lowerLevelLeadDays) ngày làm việc"
    }

    private enum CodingKeys: String, CodingKey { case basis, days, lowerLevelLeadDays, workingDays }

    /// Reads a rule, also one written before the fixed-day basis existed (`workingDays` only).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let days = try container.decodeIfPresent(Int.self, forKey: .days) {
            self.init(
                basis: try container.decodeIfPresent(Basis.self, forKey: .basis) ?? .workingDays, days: days,
                lowerLevelLeadDays: try container.decodeIfPresent(Int.self, forKey: .lowerLevelLeadDays) ?? 0)
        } else {
            self.init(workingDays: try container.decode(Int.self, forKey: .workingDays))
        }
    }

    /// Writes the rule.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(basis, forKey: .basis)
        try container.encode(days, forKey: .days)
        try container.encode(lowerLevelLeadDays, forKey: .lowerLevelLeadDays)
    }
}

/// The reporting calendar: which periods a unit is asked to report on a form, when each is due,
/// and whether it came in on time. The one place the entry list, the submission overview, the
/// timeliness board and "việc của tôi" read it from.
public enum ReportingSchedule {
    /// One report a unit owes.
    public struct Due: Hashable, Sendable {
        /// The period reported.
        public let period: Period
        /// The unit as it stood at the period's end.
        public let unit: UnitVersion
        /// When it is due.
        public let deadline: CivilDate
    }

    /// Where a report stands against its deadline.
    public enum Timeliness: String, Hashable, Sendable, CaseIterable {
        /// In by the deadline.
        case onTime = "dung-han"
        /// In after the deadline.
        case late = "muon-han"
        /// Not in, and the deadline has passed.
        case missing = "chua-nop-qua-han"
        /// Not in, and still due.
        case notYetDue = "chua-den-han"

        /// The words officers read.
        public var vietnameseName: String {
            switch self {
            case .onTime: return "đúng hạn"
            case .late: return "muộn hạn"
            case .missing: return "quá hạn chưa nộp"
            case .notYetDue: return "chưa đến hạn"
            }
        }
    }

    /// The periods of `form` offered around `today`: last year's, this year's and next year's
    /// (see ``Period/entryWindow(kind:around:)``), of which a unit is asked only for those that
    /// have begun by `today`.
    public static func window(of form: ReportingForm, today: CivilDate) -> [Period] {
        Period.entryWindow(kind: form.periodKind, around: today.year)
            .filter { $0.span(in: form.calendar).start <= today }
    }

    /// The first period of `form` that has not begun by `today`, which a unit may open to enter
    /// estimates ahead (it owes nothing for it yet); nil for a form collected per term, or when
    /// `unit` is not listed or will not exist at its end as far as the directory knows.
    public static func nextPeriod(
        of form: ReportingForm, for unit: UnitID, in directory: UnitDirectory, today: CivilDate
    ) -> Due? {
        guard form.unitIDs.contains(unit),
            let period = Period.entryWindow(kind: form.periodKind, around: today.year)
                .first(where: { $0.span(in: form.calendar).start > today })
        else { return nil }
        return due(on: form, by: unit, for: period, in: directory)
    }

    /// The reports `unit` owes on `form` as of `today`, oldest first: periods that have begun and
    /// that the unit existed at the end of (a ward created on 1 July 2025 is not asked for the
    /// second quarter of 2025; a unit merged away is not asked after it ceased). Empty when the
    /// form does not list the unit.
    public static func reportsDue(
        on form: ReportingForm, by unit: UnitID, in directory: UnitDirectory, today: CivilDate
    ) -> [Due] {
        guard form.unitIDs.contains(unit) else { return [] }
        return window(of: form, today: today).compactMap { period in
            due(on: form, by: unit, for: period, in: directory)
        }
    }

    /// The report `unit` owes on `form` for `period`, or nil when the unit did not exist at the
    /// period's end (it is then not asked for it).
    public static func due(on form: ReportingForm, by unit: UnitID, for period: Period, in directory: UnitDirectory)
        -> Due?
    {
        let end = period.span(in: form.calendar).end
        guard let version = directory.version(of: unit, on: end) else { return nil }
        return Due(
            period: period, unit: version,
            deadline: form.deadline.deadline(for: period, calendar: form.calendar, unitKind: version.kind))
    }

    /// The deadline of `unit`'s report on `form` for `period`: the level of the unit as it stood
    /// at the period's end (its latest version when it no longer existed then).
    public static func deadline(of form: ReportingForm, for period: Period, unit: UnitID, in directory: UnitDirectory)
        -> CivilDate
    {
        let end = period.span(in: form.calendar).end
        let kind = (directory.version(of: unit, on: end) ?? directory.latestVersion(of: unit))?.kind
        return form.deadline.deadline(for: period, calendar: form.calendar, unitKind: kind)
    }

    /// Where `submission` stands against `deadline` on `today`. A report counts as in from its
    /// last submission (also when it was returned afterwards); a report never submitted, or
    /// withdrawn, is not in.
    public static func timeliness(of submission: Submission, deadline: CivilDate, today: CivilDate) -> Timeliness {
        if let submittedAt = submission.submittedAt, submission.status != .chuaNop {
            return CivilDate.todayInVietnam(now: submittedAt) > deadline ? .late : .onTime
        }
        return today > deadline ? .missing : .notYetDue
    }
}
