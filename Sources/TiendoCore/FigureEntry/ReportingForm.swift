import Foundation

/// A reporting form (biểu mẫu báo cáo): which indicators which units report, for what kind of
/// period, in which calendar, due when.
public struct ReportingForm: Hashable, Sendable, Codable {
    /// A short stable code, e.g. "KTXH-NAM".
    public var code: String
    /// The name, e.g. "Báo cáo kinh tế - xã hội năm".
    public var name: String
    /// The indicators, in the order the form lists them.
    public var indicatorCodes: [String]
    /// The units that report it.
    public var unitIDs: [UnitID]
    /// The kind of period it collects.
    public var periodKind: Period.Kind
    /// The calendar its periods are cut in.
    public var calendar: ReportingCalendar
    /// When it is due.
    public var deadline: DeadlineRule

    /// Creates a form.
    public init(
        code: String, name: String, indicatorCodes: [String], unitIDs: [UnitID], periodKind: Period.Kind,
        calendar: ReportingCalendar, deadline: DeadlineRule
    ) {
        self.code = code
        self.name = VietnameseText.nfc(name)
        self.indicatorCodes = indicatorCodes
        self.unitIDs = unitIDs
        self.periodKind = periodKind
        self.calendar = calendar
        self.deadline = deadline
    }
}

/// Where a submission stands.
public enum SubmissionStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case chuaNop, daNop, daDuyet, traLai

    /// The words officers read.
    public var vietnameseName: String {
        switch self {
        case .chuaNop: return "chưa nộp"
        case .daNop: return "đã nộp"
        case .daDuyet: return "đã duyệt"
        case .traLai: return "trả lại"
        }
    }
}

/// One unit's report of one form for one period, and its review.
public struct Submission: Hashable, Sendable, Codable {
    /// The form.
    public var formCode: String
    /// The reporting unit.
    public var unitID: UnitID
    /// The period reported.
    public var period: Period
    /// Where it stands.
    public var status: SubmissionStatus
    /// When it was last submitted.
    public var submittedAt: Date?
    /// Who submitted it.
    public var submittedBy: String?
    /// When it was approved or returned.
    public var reviewedAt: Date?
    /// Who reviewed it.
    public var reviewedBy: String?
    /// Why it was returned (shown to the reporter).
    public var returnReason: String?

    /// A submission not yet made.
    public init(formCode: String, unitID: UnitID, period: Period) {
        self.formCode = formCode
        self.unitID = unitID
        self.period = period
        self.status = .chuaNop
    }

    /// Approved figures are locked.
    public var isLocked: Bool { status == .daDuyet }

    /// Whether it was submitted after the deadline, or is still not in after it (see
    /// ``ReportingSchedule/timeliness(of:deadline:today:)``, the one rule for "late").
    public func isLate(deadline: CivilDate, today: CivilDate) -> Bool {
        switch ReportingSchedule.timeliness(of: self, deadline: deadline, today: today) {
        case .late, .missing: return true
        case .onTime, .notYetDue: return false
        }
    }
}

/// The workflow of a submission: which moves are allowed, with a Vietnamese reason when not.
public enum SubmissionWorkflow {
    /// A refused move.
    public struct Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// Why, in Vietnamese.
        public let description: String
        /// For a report submitted incomplete, the codes of the indicators still without a figure
        /// (the entry page marks their fields); empty for every other refusal.
        public var missingIndicators: [String] = []
    }

    /// Figures may be edited while the submission is not submitted or was returned.
    public static func checkEditable(_ submission: Submission) throws(Refusal) {
        switch submission.status {
        case .chuaNop, .traLai: return
        case .daNop: throw Refusal(description: "Báo cáo đã nộp và đang chờ duyệt; không sửa được số liệu.")
        case .daDuyet: throw Refusal(description: "Báo cáo đã được duyệt nên số liệu đã khóa.")
        }
    }

    /// A form is submitted only with a figure for every indicator.
    public static func checkComplete(_ form: ReportingForm, figures: Set<String>) throws(Refusal) {
        let missing = form.indicatorCodes.filter { !figures.contains($0) }
        guard missing.isEmpty else {
            throw Refusal(
                description: "Còn \(missing.count) chỉ tiêu chưa có số liệu (\(missing.joined(separator: ", "))) "
                    + "nên chưa nộp được; chưa có gì được lưu.",
                missingIndicators: missing)
        }
    }

    /// chưa nộp / trả lại → đã nộp.
    public static func submit(_ submission: Submission, by person: String, at time: Date) throws(Refusal) -> Submission
    {
        try checkEditable(submission)
        var next = submission
        next.status = .daNop
        next.submittedAt = time
        next.submittedBy = person
        return next
    }

    /// A unit's report is reviewed by the level above: `account` may approve or return the report
    /// of `unit` only when the unit lies below the account's own unit on `date` (an account for
    /// the whole country is above every unit). A unit with no level above it in Tiendo (the top
    /// of the directory, e.g. the province) is reviewed by its own reviewers, as nobody else can.
    public static func checkReviewer(_ account: Account, unit: UnitID, in directory: UnitDirectory, on date: CivilDate)
        throws(Refusal)
    {
        guard account.role.canReview else {
            throw Refusal(description: "Tài khoản \(account.role.vietnameseName) không được duyệt báo cáo.")
        }
        if account.unitID == Account.everywhere { return }
        if unit == account.unitID {
            let parent = (directory.version(of: unit, on: date) ?? directory.latestVersion(of: unit))?.parentID
            if parent == nil { return }
            throw Refusal(
                description: "Báo cáo của đơn vị mình do cấp trên duyệt; tài khoản của đơn vị không tự duyệt "
                    + "hoặc trả lại báo cáo của chính đơn vị.")
        }
        guard directory.isWithin(unit, ancestor: account.unitID, on: date) else {
            throw Refusal(description: "Chỉ duyệt được báo cáo của đơn vị cấp dưới thuộc phạm vi tài khoản.")
        }
    }

    /// Whether `account` may review the report of `unit` (see ``checkReviewer(_:unit:in:on:)``).
    public static func mayReview(_ account: Account, unit: UnitID, in directory: UnitDirectory, on date: CivilDate)
        -> Bool
    {
        (try? checkReviewer(account, unit: unit, in: directory, on: date)) != nil
    }

    /// đã nộp → đã duyệt (locked).
    public static func approve(_ submission: Submission, by person: String, at time: Date) throws(Refusal) -> Submission
    {
        guard submission.status == .daNop else {
            throw Refusal(description: "Chỉ duyệt được báo cáo đã nộp (hiện: \(submission.status.vietnameseName)).")
        }
        var next = submission
        next.status = .daDuyet
        next.reviewedAt = time
        next.reviewedBy = person
        next.returnReason = nil
        return next
    }

    /// đã nộp → trả lại, with a reason the reporter will read.
    public static func giveBack(_ submission: Submission, reason: String, by person: String, at time: Date)
        throws(Refusal)
        -> Submission
    {
        guard submission.status == .daNop else {
            throw Refusal(description: "Chỉ trả lại được báo cáo đã nộp (hiện: \(submission.status.vietnameseName)).")
        }
        let trimmed = VietnameseText.nfc(reason.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !trimmed.isEmpty else { throw Refusal(description: "Hãy ghi lý do trả lại để đơn vị biết cần sửa gì.") }
        var next = submission
        next.status = .traLai
        next.reviewedAt = time
        next.reviewedBy = person
        next.returnReason = trimmed
        return next
    }
}
