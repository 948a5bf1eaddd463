import Foundation

extension SubmissionWorkflow {
    /// đã nộp → chưa nộp: the unit takes back a report it submitted, while nobody has reviewed
    /// it yet, to correct a figure; its figures are editable again. An approved report stays
    /// locked and a returned one is already editable, so both are refused, as is a report never
    /// submitted.
    public static func withdraw(_ submission: Submission, by person: String, at time: Date) throws(Refusal)
        -> Submission
    {
        switch submission.status {
        case .daNop:
            var next = submission
            next.status = .chuaNop
            next.submittedAt = nil
            next.submittedBy = nil
            return next
        case .daDuyet:
            throw Refusal(description: "Báo cáo đã được duyệt nên không rút lại được; số liệu đã khóa.")
        case .traLai:
            throw Refusal(
                description: "Báo cáo đã bị trả lại nên không cần rút lại; hãy sửa số liệu rồi nộp lại.")
        case .chuaNop:
            throw Refusal(description: "Báo cáo chưa nộp nên không có gì để rút lại.")
        }
    }

    /// Only an account that enters figures (the unit's reporter, or a level above that enters for
    /// it) may take a report back; a reviewer or a reader may not.
    public static func checkWithdrawer(_ account: Account) throws(Refusal) {
        guard account.role.canEnterData else {
            throw Refusal(description: "Tài khoản \(account.role.vietnameseName) không được rút lại báo cáo đã nộp.")
        }
    }
}
