import Foundation

/// Explanation requests as stored, and their answers' files. TiendoStorage implements it
/// (`TiendoStore+Explanations.swift`); every write leaves an audit event in the same transaction.
public protocol ExplanationStore: Sendable {
    /// Every explanation request, with its answer (without the files' bytes).
    func explanationRequests() async throws -> [ExplanationRequest]
    /// The explanation requests asked of `unit` (what a dashboard or indicator page of the unit reads).
    func explanationRequests(unit: UnitID) async throws -> [ExplanationRequest]
    /// Records a new request.
    func addExplanationRequest(_ request: ExplanationRequest, at time: Date) async throws
    /// Records the answer to request `id` with its optional file; refuses a request already answered.
    func answerExplanationRequest(_ id: UUID, answer: ExplanationAnswer, file: Data?, at time: Date) async throws
    /// The file attached to the answer of request `id`.
    func explanationAnswerFile(_ id: UUID) async throws -> StoredFile?
}

/// An explanation request or answer refused, with what to do, in Vietnamese; nothing was written.
public struct ExplanationError: Error, Hashable, Sendable {
    /// Why it was refused.
    public enum Kind: Hashable, Sendable {
        /// Bad input: the field named is to be corrected.
        case invalid
        /// The account may not do it.
        case forbidden
        /// No such request, unit, indicator or target.
        case notFound
    }

    /// Why.
    public var kind: Kind
    /// The form field the message belongs to ("noi-dung", "han", "ve", "tep"), nil for the whole request.
    public var field: String?
    /// The message shown.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, field: String? = nil, _ message: String) {
        self.kind = kind
        self.field = field
        self.message = message
    }
}

/// Yêu cầu giải trình: who may ask, who may answer, and the checks before anything is written.
/// The web pages and the JSON API both call it.
public struct ExplanationDesk: Sendable {
    /// The longest question or answer accepted, in characters.
    public static let maximumTextLength = 10_000

    let store: any ExplanationStore

    /// Creates the use case over `store`.
    public init(store: any ExplanationStore) { self.store = store }

    /// What the asker fills in.
    public struct Question: Hashable, Sendable {
        /// The unit asked (for a verdict: ignored, the target's issuing unit is asked).
        public var unitID: UnitID
        /// The indicator (for a verdict: ignored, the target's indicator is used).
        public var indicatorCode: String
        /// Set for a target's verdict.
        public var target: TargetLink?
        /// Set for one figure.
        public var period: Period?
        /// What is asked.
        public var text: String
        /// By when.
        public var dueDate: CivilDate?

        /// Creates a question.
        public init(
            unitID: UnitID, indicatorCode: String, target: TargetLink? = nil, period: Period? = nil, text: String,
            dueDate: CivilDate?
        ) {
            self.unitID = unitID
            self.indicatorCode = indicatorCode
            self.target = target
            self.period = period
            self.text = text
            self.dueDate = dueDate
        }
    }

    /// A leader (role "Xem", as leaders' accounts are) or a reviewer over the unit asks: the
    /// unit must lie where the account may review reports (``SubmissionWorkflow/mayReview(_:unit:in:on:)``:
    /// a level above, or the top unit's own), one scope rule for reviewing and asking. Accounts
    /// that only enter data do not ask.
    public static func mayAsk(_ account: Account, unit: UnitID, in directory: UnitDirectory, on date: CivilDate) -> Bool
    {
        guard account.role == .xem || account.role.canReview else { return false }
        var overUnit = account
        overUnit.role = .tongHop  // the scope of a reviewer at the account's unit
        return SubmissionWorkflow.mayReview(overUnit, unit: unit, in: directory, on: date)
    }

    /// The accounts of the asked unit answer: those that enter its data.
    public static func mayAnswer(_ account: Account, _ request: ExplanationRequest) -> Bool {
        account.role.canEnterData && account.unitID == request.unitID
    }

    /// Whether `account` sees `request`: it sees the asked unit, or it asked.
    public static func maySee(
        _ account: Account, _ request: ExplanationRequest, in directory: UnitDirectory, on date: CivilDate
    ) -> Bool {
        request.askedBy == account.username || account.canSee(request.unitID, in: directory, on: date)
    }

    /// Checks and records a question asked by `account` on `today`; returns the request stored.
    public func ask(
        _ question: Question, by account: Account, snapshot: Snapshot, today: CivilDate, at time: Date = Date()
    ) async throws -> ExplanationRequest {
        let request = try Self.check(question, by: account, snapshot: snapshot, today: today)
        try await store.addExplanationRequest(request, at: time)
        return request
    }

    /// The request `question` would make, or the first reason to refuse it.
    public static func check(_ question: Question, by account: Account, snapshot: Snapshot, today: CivilDate)
        throws(ExplanationError) -> ExplanationRequest
    {
        // Who may ask comes first, so that a refused account learns nothing about the subject.
        var unit = question.unitID
        var code = question.indicatorCode
        let resolution = question.target.flatMap { link in snapshot.resolutions.first { $0.id == link.resolutionID } }
        if let resolution { unit = resolution.issuingUnitID }
        guard snapshot.directory.latestVersion(of: unit) != nil else {
            throw ExplanationError(.notFound, "Không có đơn vị này.")
        }
        guard mayAsk(account, unit: unit, in: snapshot.directory, on: today) else {
            throw ExplanationError(
                .forbidden,
                "Bạn không có quyền yêu cầu đơn vị này giải trình: chỉ lãnh đạo hoặc cán bộ tổng hợp của cấp trên đơn vị mới được yêu cầu."
            )
        }
        if let link = question.target {
            guard let resolution, let target = resolution.targets.first(where: { $0.number == link.targetNumber })
            else {
                throw ExplanationError(.notFound, field: "ve", "Không có chỉ tiêu này trong nghị quyết; hãy chọn lại.")
            }
            code = target.indicatorCode
        } else {
            guard question.period != nil else {
                throw ExplanationError(
                    .invalid, field: "ve", "Hãy chọn nội dung cần giải trình: kết quả một chỉ tiêu hoặc số liệu một kỳ."
                )
            }
            guard snapshot.indicators.contains(where: { $0.code == code }) else {
                throw ExplanationError(.notFound, field: "ve", "Không có chỉ số mã “\(code)”.")
            }
        }
        let text = Self.cleaned(question.text)
        if text.isEmpty {
            throw ExplanationError(.invalid, field: "noi-dung", "Hãy ghi nội dung cần đơn vị giải trình.")
        }
        if text.count > maximumTextLength {
            throw ExplanationError(
                .invalid, field: "noi-dung", "Nội dung dài quá: tối đa \(maximumTextLength) ký tự; hãy viết gọn lại.")
        }
        guard let due = question.dueDate else {
            throw ExplanationError(
                .invalid, field: "han", "Hãy ghi hạn giải trình dạng \(VietnameseDate.short(today.adding(days: 7))).")
        }
        if due < today {
            throw ExplanationError(
                .invalid, field: "han",
                "Hạn giải trình \(VietnameseDate.short(due)) đã qua; hãy chọn từ hôm nay (\(VietnameseDate.short(today))) trở đi."
            )
        }
        return ExplanationRequest(
            unitID: unit, indicatorCode: code, target: question.target,
            period: question.target == nil ? question.period : nil,
            question: text, dueDate: due, askedBy: account.username, askedOn: today)
    }

    /// Checks and records the answer of `account` to request `id` on `today`, with an optional
    /// file already checked by the caller's attachment rules. Returns the request answered.
    public func answer(
        _ id: UUID, text raw: String, file: StoredFile?, by account: Account, today: CivilDate, at time: Date = Date()
    ) async throws -> ExplanationRequest {
        guard var request = try await store.explanationRequests().first(where: { $0.id == id }) else {
            throw ExplanationError(.notFound, "Không tìm thấy yêu cầu giải trình này.")
        }
        let answer = try Self.checkAnswer(request, text: raw, fileName: file?.name, by: account, today: today)
        try await store.answerExplanationRequest(id, answer: answer, file: file?.data, at: time)
        request.answer = answer
        return request
    }

    /// The answer `account` would give, or the first reason to refuse it.
    public static func checkAnswer(
        _ request: ExplanationRequest, text raw: String, fileName: String?, by account: Account, today: CivilDate
    ) throws(ExplanationError) -> ExplanationAnswer {
        guard mayAnswer(account, request) else {
            throw ExplanationError(
                .forbidden,
                "Bạn không có quyền trả lời yêu cầu này: chỉ tài khoản nhập liệu của đơn vị được yêu cầu mới giải trình."
            )
        }
        if request.answer != nil {
            throw ExplanationError(.invalid, "Yêu cầu này đã được giải trình.")
        }
        let text = cleaned(raw)
        if text.isEmpty { throw ExplanationError(.invalid, field: "noi-dung", "Hãy ghi nội dung giải trình.") }
        if text.count > maximumTextLength {
            throw ExplanationError(
                .invalid, field: "noi-dung", "Nội dung dài quá: tối đa \(maximumTextLength) ký tự; hãy viết gọn lại.")
        }
        return ExplanationAnswer(text: text, author: account.username, date: today, fileName: fileName)
    }

    /// Trimmed NFC text, inner line breaks kept.
    static func cleaned(_ text: String) -> String {
        VietnameseText.nfc(text).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The requests `account` has to answer (its unit's, unanswered) and those it asked that
    /// await an answer, each list oldest due date first.
    public static func work(for account: Account, requests: [ExplanationRequest]) -> ExplanationWork {
        let open = requests.filter { $0.answer == nil }.sorted { ($0.dueDate, $0.askedOn) < ($1.dueDate, $1.askedOn) }
        return ExplanationWork(
            toAnswer: open.filter { mayAnswer(account, $0) }, awaiting: open.filter { $0.askedBy == account.username })
    }

    /// The answered explanations on the targets of `resolution` — about a target's verdict, or
    /// about a figure of a target's indicator (or of the numerator or denominator of its rate) —
    /// from the units `includes` accepts, as draft text for the report's limitations section: one
    /// line (a paragraph of the report) per answer, oldest answer first; empty when none. A unit
    /// other than `reportUnit` is named at the start of its line.
    public static func draftLimitations(
        _ requests: [ExplanationRequest], resolution: Resolution, indicators: [Indicator], reportUnit: UnitID,
        includes: (UnitID) -> Bool, unitName: (UnitID) -> String, upTo today: CivilDate
    ) -> String {
        var codes = Set(resolution.targets.map(\.indicatorCode))
        for indicator in indicators where codes.contains(indicator.code) {
            if case .ratio(let numerator, let denominator, _) = indicator.space {
                codes.formUnion([numerator, denominator])
            }
        }
        let answered = requests.filter { request in
            guard includes(request.unitID), let answer = request.answer, answer.date <= today else { return false }
            if let target = request.target { return target.resolutionID == resolution.id }
            return codes.contains(request.indicatorCode)
        }.sorted { ($0.answer?.date ?? $0.askedOn, $0.askedOn) < ($1.answer?.date ?? $1.askedOn, $1.askedOn) }
        return answered.compactMap { request -> String? in
            guard let answer = request.answer else { return nil }
            let wording = request.target.flatMap { link in
                resolution.targets.first { $0.number == link.targetNumber }?.wording
            }
            let indicatorName = indicators.first { $0.code == request.indicatorCode }?.name
            var subject = request.subjectText(targetWording: wording)
            if request.target == nil, let indicatorName { subject += " (\(indicatorName.lowercased()))" }
            let who = request.unitID == reportUnit ? "" : "\(unitName(request.unitID)): "
            let text = answer.text.split(whereSeparator: \.isNewline).joined(separator: " ")
            return "\(who)\(subject) — \(text)"
        }.joined(separator: "\n")
    }
}
