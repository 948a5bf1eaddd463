import Foundation

/// One account's explanation requests that ask for action: those its unit has to answer and
/// those it asked that still wait for an answer. One list for "Việc của tôi" and the daily
/// reminder digest.
public struct ExplanationWork: Hashable, Sendable {
    /// Unanswered requests to the account's unit, oldest due date first.
    public var toAnswer: [ExplanationRequest]
    /// Unanswered requests the account asked, oldest due date first.
    public var awaiting: [ExplanationRequest]

    /// Creates the lists.
    public init(toAnswer: [ExplanationRequest] = [], awaiting: [ExplanationRequest] = []) {
        self.toAnswer = toAnswer
        self.awaiting = awaiting
    }

    /// Whether there is nothing to answer or wait for.
    public var isEmpty: Bool { toAnswer.isEmpty && awaiting.isEmpty }

    /// The lists as plain text for the reminder e-mail: each request with its due date in words
    /// ("quá hạn 2 ngày", "còn 3 ngày"), like tasks. `unitName` names a unit by id; `link` gives a
    /// request's address when the server's address is known.
    public func plainText(
        today: CivilDate, unitName: (UnitID) -> String, link: ((ExplanationRequest) -> String)? = nil
    ) -> String {
        var lines: [String] = []
        func section(_ title: String, _ items: [ExplanationRequest]) {
            guard !items.isEmpty else { return }
            if !lines.isEmpty { lines.append("") }
            lines.append("\(title): \(items.count)")
            for item in items {
                let when = ReminderDigest.Item.whenText(daysLeft: item.daysLeft(on: today))
                lines.append(
                    "- [\(when), hạn \(VietnameseDate.short(item.dueDate))] \(item.subjectText()) — \(item.question)")
                lines.append("  Đơn vị giải trình: \(unitName(item.unitID)). Người yêu cầu: \(item.askedBy).")
                if let link { lines.append("  \(link(item))") }
            }
        }
        section("Yêu cầu giải trình cần trả lời", toAnswer)
        section("Yêu cầu giải trình đã gửi, đang chờ trả lời", awaiting)
        return lines.joined(separator: "\n")
    }
}
