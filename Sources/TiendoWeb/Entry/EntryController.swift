import Foundation
import TiendoCore
import Vapor

/// Nhập số liệu: a form × unit × period. Save as draft, submit, review (approve or return with a
/// reason). Figures go through the store's compare-and-set, so of two people editing the same
/// figure the second is refused and shown the other's value; every change is audited.
struct EntryController: Sendable {
    let store: any PageReads & FormReads & SubmissionReads & FigureEntryStore & FigureFlagReads

    struct Row: Encodable {
        let code: String
        let name: String
        let unitOfMeasure: String
        let previous: String
        let value: String
        let isEstimate: Bool
        let note: String
        let version: String
        let error: String?
        let assumption: String?
        let conflict: String?
        /// The figure as saved was found unusual and flagged for the reviewer: why, and the note.
        var flag: String?
        /// The figure was refused as unusual: its note field asks for the reason.
        var needsNote = false
        /// Whether a figure or a note was typed (the confirmation lists them).
        var hasValue: Bool { !value.isEmpty }
        var hasNote: Bool { !note.isEmpty }

        enum CodingKeys: String, CodingKey {
            case code, name, unitOfMeasure, previous, value, isEstimate, note, version, error, assumption, conflict
            case flag, needsNote, hasValue, hasNote
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(name, forKey: .name)
            try container.encode(unitOfMeasure, forKey: .unitOfMeasure)
            try container.encode(previous, forKey: .previous)
            try container.encode(value, forKey: .value)
            try container.encode(isEstimate, forKey: .isEstimate)
            try container.encode(note, forKey: .note)
            try container.encode(version, forKey: .version)
            try container.encodeIfPresent(error, forKey: .error)
            try container.encodeIfPresent(assumption, forKey: .assumption)
            try container.encodeIfPresent(conflict, forKey: .conflict)
            try container.encodeIfPresent(flag, forKey: .flag)
            try container.encode(needsNote, forKey: .needsNote)
            try container.encode(hasValue, forKey: .hasValue)
            try container.encode(hasNote, forKey: .hasNote)
        }
    }

    struct Context: Encodable {
        let layout: LayoutContext
        let formName: String
        let unitFullName: String
        let periodLabel: String
        let previousLabel: String
        let status: String
        let statusClass: String
        let isLate: Bool
        let deadline: String
        let returnReason: String?
        let reviewNote: String?
        let editable: Bool
        let canReview: Bool
        let rows: [Row]
        let message: String?
        let problem: String?
        let needsConfirmation: Bool
        /// "Nộp báo cáo" was pressed (or an upload asked to submit): the figures are shown
        /// again, locked, with "Xác nhận nộp"; nothing is submitted before that.
        let confirmingSubmit: Bool
        /// Whether the figures can be typed in now (editable and not confirming).
        let inputsOpen: Bool
        /// The report is submitted, not yet reviewed, and this account enters figures: it may
        /// take the report back.
        let canWithdraw: Bool
        let actionHref: String
        let reviewHref: String
        let statusHref: String?
        /// The Excel template of this form × unit × period, and where a filled one is uploaded.
        let templateHref: String
        let uploadHref: String
        /// Each problem of an uploaded file (sheet, cell, what to do).
        let uploadIssues: [String]
    }

    /// What a page is about, resolved and checked once for GET and POST alike.
    struct Target {
        let form: ReportingForm
        let unit: UnitVersion
        let period: Period
        let indicators: [Indicator]
        let snapshot: Snapshot

        /// What the checks at entry compare this page's figures with.
        var checks: EntryChecks.Plan {
            EntryChecks.Plan(
                snapshot: snapshot, unit: unit.unitID, period: period, codes: indicators.map(\.code),
                on: period.span(in: form.calendar).end)
        }
    }

    func resolve(_ request: Request, user: CurrentUser) async throws -> Target {
        guard let formCode = request.parameters.get("form"), let form = try await store.form(code: formCode) else {
            throw PageError(.notFound, "Không có biểu mẫu này.")
        }
        let period: Period
        do {
            period = try SubjectLookup.period(
                request.parameters.get("period") ?? "", kind: form.periodKind, form: form.name)
        } catch {
            throw PageError(error)
        }
        let snapshot = try await store.snapshot()
        let asOf = period.span(in: form.calendar).end
        let unit: UnitVersion
        do {
            unit = try SubjectLookup.unit(code: request.parameters.get("unit") ?? "", on: asOf, in: snapshot.directory)
        } catch {
            throw PageError(error)
        }
        try Access.requireScope(user, unit, snapshot.directory, on: asOf)
        guard form.unitIDs.contains(unit.unitID) else {
            throw PageError(.notFound, "\(unit.fullName) không báo cáo theo biểu mẫu “\(form.name)”.")
        }
        let byCode = Dictionary(snapshot.indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        return Target(
            form: form, unit: unit, period: period, indicators: form.indicatorCodes.compactMap { byCode[$0] },
            snapshot: snapshot)
    }

    func show(_ request: Request) async throws -> View {
        let user = try request.requireUser()
        try Access.require(user, { $0.canEnterData || $0.canReview || $0 == .xem }, "xem biểu mẫu báo cáo")
        let target = try await resolve(request, user: user)
        let stored = try await store.submission(form: target.form.code, unit: target.unit.unitID, period: target.period)
        var message: String?
        if request.query[String.self, at: "da"] == "luu" { message = "Đã lưu nháp." }
        if request.query[String.self, at: "da"] == "nop" { message = "Đã nộp báo cáo; đang chờ duyệt." }
        if request.query[String.self, at: "da"] == "duyet" { message = "Đã duyệt báo cáo; số liệu đã khóa." }
        if request.query[String.self, at: "da"] == "tra-lai" { message = "Đã trả lại báo cáo cho đơn vị." }
        if request.query[String.self, at: "da"] == "rut-lai" {
            message = "Đã rút lại báo cáo; có thể sửa số liệu rồi nộp lại."
        }
        if request.query[String.self, at: "da"] == "tai-len" {
            message = Self.uploadMessage(request, indicators: target.indicators)
        }
        let rows = try await storedRows(target)
        // An upload that asked to submit saved its figures as a draft; submitting them is confirmed here.
        let confirmingUpload =
            request.query[String.self, at: "da"] == "tai-len" && request.query[String.self, at: "hoi-nop"] == "1"
            && (stored.submission.status == .chuaNop || stored.submission.status == .traLai)
            && user.account.role.canEnterData
        return try await render(
            request, user: user, target: target, stored: stored, rows: rows, message: message, problem: nil,
            needsConfirmation: false, confirmingSubmit: confirmingUpload)
    }

    func save(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        try Access.require(user, \.canEnterData, "nhập số liệu")
        let target = try await resolve(request, user: user)
        let stored = try await store.submission(form: target.form.code, unit: target.unit.unitID, period: target.period)
        let posted = try request.content.decode([String: String].self)
        if posted["action"] == "rut-lai" { return try await withdraw(request, user: user, target: target) }
        // An early answer for a report already locked when the page is posted; the rule itself
        // runs again inside the entry's transaction (`EnterFigures`), which is what guarantees
        // that a report submitted meanwhile is not changed.
        do {
            try SubmissionWorkflow.checkEditable(stored.submission)
        } catch {
            throw PageError(.conflict, error.description)
        }
        // "Nộp báo cáo" first shows the figures again to confirm; only "Xác nhận nộp" submits.
        let askingToSubmit = posted["action"] == "nop"
        let submitting = posted["action"] == "xac-nhan-nop"
        let goingBack = posted["action"] == "sua"
        var fields = EntryInput.read(target.indicators, fields: posted)
        // A figure shown back as it is stored ("8.765") is not a new reading to confirm.
        for index in fields.indices {
            let key = ValueKey(
                indicatorCode: fields[index].indicator.code, unitID: target.unit.unitID, period: target.period)
            if let current = target.snapshot.values.reported(key),
                fields[index].raw == EntryInput.display(current.number, fields[index].indicator)
            {
                fields[index].assumption = nil
            }
        }
        // A figure Tiendo computes (tasks, ratings, dossiers) is shown but never changed from here.
        for index in fields.indices where fields[index].error == nil {
            guard let refusal = FigureRules.computedRefusal(fields[index].indicator) else { continue }
            let key = ValueKey(
                indicatorCode: fields[index].indicator.code, unitID: target.unit.unitID, period: target.period)
            let current = target.snapshot.values.reported(key)
            if let number = fields[index].number,
                current == nil || current?.number != number || current?.status != fields[index].status
                    || current?.note != fields[index].note
            {
                fields[index].error = refusal
            }
        }
        let problem: String? =
            fields.contains(where: { $0.error != nil })
            ? "Có \(fields.filter { $0.error != nil }.count) ô nhập chưa đúng; chưa có gì được lưu. Hãy sửa các ô được đánh dấu."
            : nil
        let needsConfirmation = problem == nil && fields.contains { $0.assumption != nil } && posted["xac-nhan"] != "1"
        if problem != nil || needsConfirmation {
            return try await render(
                request, user: user, target: target, stored: stored, rows: rows(fields, target, conflicts: [:]),
                message: nil,
                problem: problem
                    ?? "Một số số liệu có thể hiểu theo hai cách; hãy kiểm tra cách hiểu ghi dưới ô rồi bấm lại để xác nhận.",
                needsConfirmation: needsConfirmation
            ).response(for: request, status: .unprocessableEntity)
        }

        let now = Date()
        let figures = fields.compactMap { field -> EnterFigures.Figure? in
            guard let number = field.number else { return nil }
            let value = IndicatorValue(
                indicatorCode: field.indicator.code, unitID: target.unit.unitID, period: target.period,
                number: number, status: field.status, note: field.note, author: user.account.displayName,
                enteredAt: now)
            return EnterFigures.Figure(value, basis: .seen(field.seenVersion))
        }
        let command = EnterFigures.Command(
            figures: figures, form: target.form, unit: target.unit.unitID, period: target.period,
            submit: submitting, actor: user.account.username, actorName: user.account.displayName,
            channel: .screen, checks: target.checks, at: now)

        if goingBack {
            return try await render(
                request, user: user, target: target, stored: stored, rows: rows(fields, target, conflicts: [:]),
                message: "Chưa nộp; hãy sửa số liệu rồi bấm “Nộp báo cáo” hoặc “Lưu nháp”.", problem: nil,
                needsConfirmation: false
            ).encodeResponse(for: request)
        }
        if askingToSubmit {
            // The same completeness rule the submission applies, answered before confirming:
            // a figure typed now or one already stored counts.
            var present = Set(fields.filter { $0.number != nil }.map(\.indicator.code))
            for field in fields {
                let key = ValueKey(
                    indicatorCode: field.indicator.code, unitID: target.unit.unitID, period: target.period)
                if target.snapshot.values.reported(key) != nil { present.insert(field.indicator.code) }
            }
            do {
                try SubmissionWorkflow.checkComplete(target.form, figures: present)
            } catch {
                return try await incomplete(request, user: user, target: target, stored: stored, fields, error)
            }
            // An unusual figure without a note is refused before the confirmation, by the rule
            // the use case applies on "Xác nhận nộp".
            do {
                try EnterFigures.checkUnusual(
                    command,
                    stored: target.indicators.compactMap {
                        target.snapshot.values.reported(
                            ValueKey(indicatorCode: $0.code, unitID: target.unit.unitID, period: target.period))
                    })
            } catch let unusual as UnusualFigures {
                return try await unusualPage(request, user: user, target: target, stored: stored, fields, unusual)
            }
            return try await render(
                request, user: user, target: target, stored: stored, rows: rows(fields, target, conflicts: [:]),
                message: nil, problem: nil, needsConfirmation: false, confirmingSubmit: true
            ).encodeResponse(for: request)
        }

        // Every figure through the one entry use case: the lock, completeness, the checks at
        // entry, versions and the audit entry are checked and written there, in one transaction —
        // all saved, or none.
        do {
            _ = try await EnterFigures(store: store).run(command)
        } catch let unusual as UnusualFigures {
            return try await unusualPage(request, user: user, target: target, stored: stored, fields, unusual)
        } catch let conflict as ValueConflict {
            var conflicts: [String: String] = [:]
            conflicts[conflict.current.indicatorCode] = conflict.description
            return try await render(
                request, user: user, target: target, stored: stored, rows: rows(fields, target, conflicts: conflicts),
                message: nil,
                problem:
                    "Có người vừa sửa số liệu này trước bạn; chưa có gì được lưu. Hãy xem giá trị của họ dưới ô rồi lưu lại.",
                needsConfirmation: false
            ).response(for: request, status: .conflict)
        } catch let locked as LockedFigures {
            throw PageError(.conflict, locked.description)
        } catch let refusal as SubmissionWorkflow.Refusal where !refusal.missingIndicators.isEmpty {
            return try await incomplete(request, user: user, target: target, stored: stored, fields, refusal)
        } catch let refusal as SubmissionWorkflow.Refusal {
            throw PageError(.conflict, refusal.description)
        } catch let conflict as SubmissionConflict {
            throw PageError(.conflict, conflict.description)
        }
        return request.redirect(
            to: SiteRoute.entry(form: target.form.code, unitCode: target.unit.code, period: target.period.id).path
                + "?da=" + (submitting ? "nop" : "luu"))
    }

    /// "Rút lại báo cáo": the unit takes back its submitted report while nobody has reviewed it
    /// (the rule and the audit entry are `EnterFigures.withdraw`).
    func withdraw(_ request: Request, user: CurrentUser, target: Target) async throws -> Response {
        do {
            try await EnterFigures(store: store).withdraw(
                EnterFigures.Withdrawal(
                    form: target.form, unit: target.unit.unitID, period: target.period, account: user.account))
        } catch let refusal as SubmissionWorkflow.Refusal {
            throw PageError(.conflict, refusal.description)
        } catch let conflict as SubmissionConflict {
            throw PageError(.conflict, conflict.description)
        }
        return request.redirect(
            to: SiteRoute.entry(form: target.form.code, unitCode: target.unit.code, period: target.period.id).path
                + "?da=rut-lai")
    }

    func review(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        try Access.require(user, \.canReview, "duyệt báo cáo")
        let target = try await resolve(request, user: user)
        do {
            try ReviewSubmission.checkReviewer(
                user.account, unit: target.unit.unitID, period: target.period, form: target.form,
                in: target.snapshot.directory)
        } catch {
            throw PageError(.forbidden, error.description)
        }
        let posted = try request.content.decode([String: String].self)
        let approving = posted["action"] == "duyet"
        do {
            try await ReviewSubmission(store: store).run(
                ReviewSubmission.Command(
                    form: target.form, unit: target.unit.unitID, period: target.period, reviewer: user.account,
                    directory: target.snapshot.directory,
                    decision: approving ? .approve : .giveBack(reason: posted["ly-do"] ?? "")))
        } catch let refusal as ReviewSubmission.NotReviewer {
            throw PageError(.forbidden, refusal.description)
        } catch let refusal as SubmissionWorkflow.Refusal {
            throw PageError(.unprocessableEntity, refusal.description)
        } catch let conflict as SubmissionConflict {
            throw PageError(.conflict, conflict.description)
        }
        return request.redirect(
            to: SiteRoute.entry(form: target.form.code, unitCode: target.unit.code, period: target.period.id).path
                + "?da=" + (approving ? "duyet" : "tra-lai"))
    }

    // MARK: - Rendering

    /// The rows as stored: what the page shows before anyone types, each unusual figure with
    /// its flag.
    func storedRows(_ target: Target) async throws -> [Row] {
        let flags = try await flagTexts(target)
        return target.indicators.map { indicator -> Row in
            let current = target.snapshot.values.reported(
                ValueKey(indicatorCode: indicator.code, unitID: target.unit.unitID, period: target.period))
            return Row(
                code: indicator.code, name: indicator.name, unitOfMeasure: indicator.unitOfMeasure,
                previous: previousText(indicator, target),
                value: current.map { EntryInput.display($0.number, indicator) } ?? "",
                isEstimate: current?.status == .uoc, note: current?.note ?? "",
                version: current.map { "\($0.version)" } ?? "", error: nil, assumption: nil, conflict: nil,
                flag: flags[indicator.code])
        }
    }

    /// The flag of each figure on the page that is stored as it was flagged, by indicator code.
    func flagTexts(_ target: Target) async throws -> [String: String] {
        let flags = try await store.figureFlags(
            period: target.period, units: [target.unit.unitID], indicatorCodes: Set(target.indicators.map(\.code)))
        var texts: [String: String] = [:]
        for flag in flags {
            guard target.snapshot.values.reportedNumber(flag.key)?.number == flag.number else { continue }
            texts[flag.key.indicatorCode] = FigureFlagText.onEntryPage(flag)
        }
        return texts
    }

    /// The page again, refusing unusual figures saved without a note: each is marked with why,
    /// and its note field asks for the reason.
    private func unusualPage(
        _ request: Request, user: CurrentUser, target: Target, stored: StoredSubmission,
        _ fields: [EntryInput.Field], _ unusual: UnusualFigures
    ) async throws -> Response {
        var fields = fields
        for index in fields.indices {
            guard let findings = unusual.findings[fields[index].indicator.code] else { continue }
            fields[index].error = UnusualFigures.fieldText(findings)
        }
        var rows = rows(fields, target, conflicts: [:])
        for index in rows.indices where unusual.findings[rows[index].code] != nil { rows[index].needsNote = true }
        return try await render(
            request, user: user, target: target, stored: stored, rows: rows, message: nil,
            problem: unusual.description, needsConfirmation: false
        ).response(for: request, status: .unprocessableEntity)
    }

    private func previousText(_ indicator: Indicator, _ target: Target) -> String {
        switch target.snapshot.rollUp.figure(indicator.code, unit: target.unit.unitID, period: target.period.previous) {
        case .figure(let f):
            return (f.isEstimate ? "ước " : "") + FigureText.figure(f.number, decimals: indicator.decimals, unit: "")
        default: return "—"
        }
    }

    /// The page again, refusing a report submitted incomplete: completeness is the use case's
    /// rule (stored figures count); the page only marks the fields the refusal names.
    private func incomplete(
        _ request: Request, user: CurrentUser, target: Target, stored: StoredSubmission,
        _ fields: [EntryInput.Field], _ refusal: SubmissionWorkflow.Refusal
    ) async throws -> Response {
        var fields = fields
        let missing = Set(refusal.missingIndicators)
        for index in fields.indices where missing.contains(fields[index].indicator.code) {
            fields[index].error = "Hãy nhập số liệu trước khi nộp."
        }
        return try await render(
            request, user: user, target: target, stored: stored, rows: rows(fields, target, conflicts: [:]),
            message: nil, problem: refusal.description, needsConfirmation: false
        ).response(for: request, status: .unprocessableEntity)
    }

    private func rows(_ fields: [EntryInput.Field], _ target: Target, conflicts: [String: String]) -> [Row] {
        fields.map { field in
            Row(
                code: field.indicator.code, name: field.indicator.name, unitOfMeasure: field.indicator.unitOfMeasure,
                previous: previousText(field.indicator, target), value: field.raw, isEstimate: field.status == .uoc,
                note: field.note ?? "", version: field.seenVersion.map(String.init) ?? "", error: field.error,
                assumption: field.assumption, conflict: conflicts[field.indicator.code])
        }
    }

    func render(
        _ request: Request, user: CurrentUser, target: Target, stored: StoredSubmission, rows: [Row], message: String?,
        problem: String?, needsConfirmation: Bool, confirmingSubmit: Bool = false, uploadIssues: [String] = []
    ) async throws -> View {
        let submission = stored.submission
        // The unit's own deadline: units below the province may be due earlier (DeadlineRule).
        let deadline = target.form.deadline.deadline(
            for: target.period, calendar: target.form.calendar, unitKind: target.unit.kind)
        let editable = user.account.role.canEnterData && (submission.status == .chuaNop || submission.status == .traLai)
        let isReviewer =
            submission.status == .daNop
            && ReviewSubmission.mayReview(
                user.account, unit: target.unit.unitID, period: target.period, form: target.form,
                in: target.snapshot.directory)
        var reviewNote: String?
        if let by = submission.reviewedBy, let at = submission.reviewedAt, submission.status == .daDuyet {
            reviewNote = "Duyệt bởi \(by) lúc \(PageFormat.dateTime(at))."
        } else if let by = submission.submittedBy, let at = submission.submittedAt, submission.status == .daNop {
            reviewNote = "Nộp bởi \(by) lúc \(PageFormat.dateTime(at))."
        }
        let isDemo = try await store.isDemo()
        let context = Context(
            layout: LayoutContext.make(
                request, title: "\(target.form.name) — \(target.unit.fullName)", section: "nhap-lieu", isDemo: isDemo),
            formName: target.form.name, unitFullName: target.unit.fullName, periodLabel: target.period.vietnameseLabel,
            previousLabel: target.period.previous.vietnameseLabel, status: submission.status.vietnameseName,
            statusClass: "status-\(submission.status.rawValue)",
            isLate: submission.isLate(deadline: deadline, today: .todayInVietnam()),
            deadline: VietnameseDate.short(deadline),
            returnReason: submission.status == .traLai ? submission.returnReason : nil,
            reviewNote: reviewNote, editable: editable, canReview: isReviewer, rows: rows, message: message,
            problem: problem,
            needsConfirmation: needsConfirmation,
            confirmingSubmit: confirmingSubmit && editable,
            inputsOpen: editable && !confirmingSubmit,
            canWithdraw: submission.status == .daNop && user.account.role.canEnterData,
            actionHref: SiteRoute.entry(form: target.form.code, unitCode: target.unit.code, period: target.period.id)
                .path,
            reviewHref: SiteRoute.review(form: target.form.code, unitCode: target.unit.code, period: target.period.id)
                .path,
            statusHref: user.account.role.canReview
                ? SiteRoute.submissionStatus(form: target.form.code, period: target.period.id).href : nil,
            templateHref: SiteRoute.entryTemplate(
                form: target.form.code, unitCode: target.unit.code, period: target.period.id
            ).path,
            uploadHref: SiteRoute.entryUpload(
                form: target.form.code, unitCode: target.unit.code, period: target.period.id
            )
            .path,
            uploadIssues: uploadIssues)
        return try await request.view.render("entry/form", context)
    }
}

extension View {
    /// The page as a response with another status than 200 (a form with errors is 422, a
    /// conflict 409), so the browser shows it and scripts see the failure.
    func response(for request: Request, status: HTTPResponseStatus) async throws -> Response {
        let response = try await encodeResponse(for: request)
        response.status = status
        return response
    }
}
