import Foundation

/// The reports an account has to act on, for "việc của tôi": its unit's reports still to submit
/// (with their deadline, overdue first), those returned with the reviewer's reason, and the
/// reports of the units below waiting for its review. Built from the reporting calendar
/// (``ReportingSchedule``), so a ward is never asked for a period before it existed.
public struct ReportWork: Sendable {
    /// One report.
    public struct Item: Hashable, Sendable {
        /// The form.
        public let formCode: String
        /// The form's name.
        public let formName: String
        /// The reporting unit as it stood at the period's end.
        public let unit: UnitVersion
        /// The period.
        public let period: Period
        /// When it is (or was) due.
        public let deadline: CivilDate
        /// Where it stands.
        public let submission: Submission
        /// Against the deadline on the day.
        public let timeliness: ReportingSchedule.Timeliness
        /// Days to the deadline on the day (negative: days overdue).
        public let daysLeft: Int

        /// "quá hạn 12 ngày", "đến hạn hôm nay", "còn 3 ngày" (worded as for tasks).
        public var whenText: String { ReminderDigest.Item.whenText(daysLeft: daysLeft) }
    }

    /// Not submitted (never, or withdrawn) by the account's own unit, for periods that have
    /// ended: overdue first, then by deadline.
    public private(set) var toSubmit: [Item] = []
    /// Returned to the account's own unit, with the reason to read.
    public private(set) var returned: [Item] = []
    /// Submitted by a unit the account may review, waiting for approval or return.
    public private(set) var toReview: [Item] = []

    /// How many reports ask for the account's action.
    public var count: Int { toSubmit.count + returned.count + toReview.count }
    /// Whether there is nothing to do.
    public var isEmpty: Bool { count == 0 }

    /// The work of `account` on `today`. `submissions` holds the stored submissions of the
    /// periods of each form's window (``ReportingSchedule/window(of:today:)``), by form code;
    /// missing ones count as not submitted.
    public init(
        account: Account, forms: [ReportingForm], submissions: [String: [Submission]], directory: UnitDirectory,
        today: CivilDate
    ) {
        for form in forms {
            var stored: [UnitID: [Period: Submission]] = [:]
            for submission in submissions[form.code] ?? [] {
                stored[submission.unitID, default: [:]][submission.period] = submission
            }
            func item(_ due: ReportingSchedule.Due) -> Item {
                let submission =
                    stored[due.unit.unitID]?[due.period]
                    ?? Submission(formCode: form.code, unitID: due.unit.unitID, period: due.period)
                return Item(
                    formCode: form.code, formName: form.name, unit: due.unit, period: due.period,
                    deadline: due.deadline,
                    submission: submission,
                    timeliness: ReportingSchedule.timeliness(of: submission, deadline: due.deadline, today: today),
                    daysLeft: due.deadline.dayNumber - today.dayNumber)
            }
            if account.role.canEnterData {
                for due in ReportingSchedule.reportsDue(on: form, by: account.unitID, in: directory, today: today) {
                    let report = item(due)
                    switch report.submission.status {
                    // A period still running is not yet to be reported (the entry list offers it).
                    case .chuaNop where today > due.period.span(in: form.calendar).end: toSubmit.append(report)
                    case .chuaNop: break
                    case .traLai: returned.append(report)
                    case .daNop, .daDuyet: break
                    }
                }
            }
            if account.role.canReview {
                for (unitID, byPeriod) in stored {
                    for (period, submission) in byPeriod where submission.status == .daNop {
                        guard
                            SubmissionWorkflow.mayReview(
                                account, unit: unitID, in: directory, on: period.span(in: form.calendar).end),
                            let due = ReportingSchedule.due(on: form, by: unitID, for: period, in: directory)
                        else { continue }
                        toReview.append(item(due))
                    }
                }
            }
        }
        let byDeadline: (Item, Item) -> Bool = {
            ($0.deadline, $0.formName, $0.unit.name, $0.period.id) < (
                $1.deadline, $1.formName, $1.unit.name, $1.period.id
            )
        }
        toSubmit.sort(by: byDeadline)
        returned.sort(by: byDeadline)
        toReview.sort {
            ($0.submission.submittedAt ?? .distantPast, $0.unit.name) < (
                $1.submission.submittedAt ?? .distantPast, $1.unit.name
            )
        }
    }

    /// The stored submissions ``init(account:forms:submissions:directory:today:)`` reads: those of
    /// every period in each form's window, by form code (one read per form and period, shared by
    /// every account of a digest run).
    public static func submissions(of forms: [ReportingForm], today: CivilDate, from store: any SubmissionReads)
        async throws -> [String: [Submission]]
    {
        var all: [String: [Submission]] = [:]
        for form in forms {
            for period in ReportingSchedule.window(of: form, today: today) {
                all[form.code, default: []] += try await store.submissions(form: form.code, period: period)
            }
        }
        return all
    }

    /// The reports as plain text, for the terminal and the e-mail digest; empty when there is
    /// nothing to do. `link` gives a report's address when the server's address is known.
    public func plainText(link: ((Item) -> String)? = nil) -> String {
        var lines: [String] = []
        func section(_ title: String, _ items: [Item], detail: (Item) -> String) {
            guard !items.isEmpty else { return }
            if !lines.isEmpty { lines.append("") }
            lines.append("\(title): \(items.count)")
            for item in items {
                lines.append(
                    "- \(item.formName), \(item.period.vietnameseLabel), \(item.unit.fullName): \(detail(item))")
                if let link { lines.append("  \(link(item))") }
            }
        }
        section("Báo cáo cần nộp", toSubmit) { "hạn \(VietnameseDate.short($0.deadline)), \($0.whenText)" }
        section("Báo cáo bị trả lại", returned) { "lý do: \($0.submission.returnReason ?? "không ghi")" }
        section("Báo cáo chờ duyệt", toReview) { item in
            "nộp \(item.submission.submittedAt.map { VietnameseDate.short(CivilDate.todayInVietnam(now: $0)) } ?? "")"
                + (item.submission.submittedBy.map { " bởi \($0)" } ?? "")
        }
        return lines.joined(separator: "\n")
    }
}
