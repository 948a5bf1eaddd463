import Foundation
import TiendoCore
import TiendoDocuments
import Vapor

/// Báo cáo: the review report of a unit's resolution at a period. The page holds the editor of the
/// narrative sections officers write (a reporter, reviewer or administrator of the unit may save
/// them) and the downloads — the Word document, its Excel annex and, where LibreOffice is
/// installed, the PDF — that everyone who may see the unit can take. The figures are never typed
/// here: Part B.II, the table and the chart come from the data at the moment of download.
struct ReportController: Sendable {
    let store: any PageReads & NarrativeStore & ExplanationStore

    /// The most characters a section may hold: a long section of a real report is a few pages.
    static let maximumSectionLength = 50_000

    struct Query: Decodable {
        var unitCode: String?
        var period: String?
        var resolutionID: String?
        var kind: String?
        var number: String?
        var date: String?
        var signer: String?
        /// "1" when the office confirms a date before the period's cut-off.
        var beforeCutOff: String?

        enum CodingKeys: String, CodingKey {
            case unitCode = "don-vi"
            case period = "ky"
            case resolutionID = "nghi-quyet"
            case kind = "loai"
            case number = "so"
            case date = "ngay"
            case signer = "nguoi-ky"
            case beforeCutOff = "truoc-khoa-so"
        }
    }

    func show(_ request: Request) async throws -> View {
        let user = try request.requireUser()
        let query = try request.query.decode(Query.self)
        let subject = try await ReportPageSubject.resolve(query, user: user, store: store)
        let narrative = try await store.narrative(unit: subject.unit.unitID, period: subject.period, kind: subject.kind)
        let saved = request.query[String.self, at: "da"] == "luu"
        var texts = narrative.texts
        var message = saved ? "Đã lưu nội dung báo cáo." : nil
        // The answered explanations are offered, never written by themselves: asked for, they are
        // put after what the section holds, on screen only, until the officer saves.
        let draft = try await explanationDraft(subject)
        if request.query[String.self, at: Self.draftParameter] == Self.draftValue, !draft.isEmpty {
            let kept = texts[.shortcomings] ?? ""
            texts[.shortcomings] = kept.isEmpty ? draft : kept + "\n" + draft
            message =
                "Đã thêm bản nháp từ các giải trình vào phần “\(NarrativeSection.shortcomings.vietnameseName)” — "
                + "chưa lưu: hãy xem lại, sửa rồi bấm “Lưu nội dung”."
        }
        return try await render(
            request, user: user, subject: subject, texts: texts, errors: [:], message: message, status: .ok,
            draft: draft)
    }

    /// The query that puts the explanation draft into the limitations section's editor.
    static let draftParameter = "goi-y"
    static let draftValue = "giai-trinh"

    /// The answered explanations of the report's unit and the units below it, on the targets of
    /// its resolution, as draft text for the limitations section ("" when none).
    func explanationDraft(_ subject: ReportPageSubject) async throws -> String {
        guard let resolution = subject.assessed?.resolution else { return "" }
        let directory = subject.snapshot.directory
        let unit = subject.unit.unitID
        let today = CivilDate.todayInVietnam()
        return ExplanationDesk.draftLimitations(
            try await store.explanationRequests(), resolution: resolution, indicators: subject.snapshot.indicators,
            reportUnit: unit,
            includes: { $0 == unit || directory.isWithin($0, ancestor: unit, on: today) },
            unitName: { directory.latestVersion(of: $0)?.fullName ?? $0.rawValue }, upTo: today)
    }

    /// Saves every section in one transaction; a blank section is removed so the report leaves
    /// it out. A section that is too long is shown again with its error and nothing is written.
    func save(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        try Access.require(user, \.canEnterData, "soạn nội dung báo cáo")
        let form = try request.content.decode([String: String].self)
        let query = Query(
            unitCode: form["don-vi"], period: form["ky"], resolutionID: form["nghi-quyet"], kind: form["loai"])
        let subject = try await ReportPageSubject.resolve(query, user: user, store: store)

        var texts: [NarrativeSection: String] = [:]
        var errors: [NarrativeSection: String] = [:]
        for section in NarrativeSection.allCases {
            let text = Narrative.normalized(form[section.rawValue] ?? "")
            if text.count > Self.maximumSectionLength {
                errors[section] =
                    "Phần này dài \(VietnameseNumber.format(text.count)) ký tự, quá giới hạn "
                    + "\(VietnameseNumber.format(Self.maximumSectionLength)) ký tự; hãy rút gọn hoặc chuyển bớt sang phụ lục."
            }
            if !text.isEmpty { texts[section] = text }
        }
        if !errors.isEmpty {
            let view = try await render(
                request, user: user, subject: subject, texts: texts, errors: errors, message: nil,
                status: .unprocessableEntity)
            return try await view.encodeResponse(status: .unprocessableEntity, for: request)
        }
        let narrative = Narrative(unitID: subject.unit.unitID, period: subject.period, kind: subject.kind, texts: texts)
        try await store.saveNarrative(narrative, author: user.account.displayName)
        return request.redirect(to: subject.route.href + "&da=luu", redirectType: .normal)
    }

    /// The document itself: `:format` is "word", "excel" or "pdf".
    func download(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        guard let format = request.parameters.get("format").flatMap(ReportFileFormat.init(rawValue:)) else {
            throw PageError(.notFound, "Không có định dạng tệp này; hãy chọn Word, Excel hoặc PDF.")
        }
        let query = try request.query.decode(Query.self)
        let subject = try await ReportPageSubject.resolve(query, user: user, store: store)
        guard let assessed = subject.assessed else {
            throw PageError(.notFound, subject.missingResolution ?? "Không có nghị quyết để lập báo cáo.")
        }
        let options = try Self.options(query, kind: subject.kind, period: subject.period)
        do {
            // A kind or date that does not fit is refused; a date before the cut-off must be meant.
            let warnings = try options.checked(for: assessed)
            if let warning = warnings.first, query.beforeCutOff != "1" {
                throw PageError(
                    .unprocessableEntity,
                    warning + " Nếu đúng là ngày này, hãy đánh dấu “Ngày ban hành trước ngày khóa sổ” rồi tải lại.")
            }
        } catch let error as ReportError {
            throw PageError(.unprocessableEntity, error.description)
        }
        let snapshot = subject.snapshot
        let narrative = try await store.narrative(unit: subject.unit.unitID, period: subject.period, kind: subject.kind)
        let report = ReviewReport(
            assessed: assessed, snapshot: snapshot, narrative: narrative, options: options,
            isDemo: try await store.isDemo())

        let bytes: Data
        let fileName: String
        let contentType: String
        switch format {
        case .word:
            bytes = try report.docx()
            fileName = report.fileName
            contentType = ReviewReport.docxContentType
        case .excel:
            bytes = try report.annex()
            fileName = report.annexFileName
            contentType = ReviewReport.xlsxContentType
        case .pdf:
            guard ReportPDF.isAvailable else { throw PageError(.serviceUnavailable, ReportPDF.missingMessage) }
            let docx = try report.docx()
            do {
                bytes = try await ReportPDF.convert(docx)
            } catch is WorkLimiter.Busy {
                request.logger.notice("Tải PDF bị từ chối: đã đủ số bản PDF đang tạo và đang chờ.")
                return try await BusyPage.response(request, ReportPDF.busyMessage)
            } catch let timeout as PDFTimeout {
                request.logger.warning(
                    "Tạo PDF quá \(PDFTimeout.wholeSeconds(timeout.seconds)) giây, đã dừng LibreOffice.")
                return try await BusyPage.response(request, timeout.description)
            } catch let error as ReportError {
                throw PageError(.serviceUnavailable, error.description)
            }
            fileName = report.pdfFileName
            contentType = "application/pdf"
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: bytes))
    }

    /// The document's number, date and signer from the download form; a bad date is refused
    /// with what to type, no date is the period's cut-off.
    static func options(_ query: Query, kind: ReportKind, period: Period) throws -> ReportOptions {
        var date = ReportTiming.defaultDate(for: period)
        if let typed = query.date?.trimmingCharacters(in: .whitespaces), !typed.isEmpty {
            guard let parsed = VietnameseDate.parse(typed) else {
                throw PageError(.badRequest, "Ngày “\(typed)” không hợp lệ; hãy viết dạng 14/12/2027.")
            }
            date = parsed
        }
        let number = VietnameseText.nfc(query.number ?? "").trimmingCharacters(in: .whitespaces)
        guard number.count <= 12 else {
            throw PageError(.badRequest, "Số văn bản “\(number)” quá dài; hãy ghi số, ví dụ 15.")
        }
        let signer = VietnameseText.nfc(query.signer ?? "").trimmingCharacters(in: .whitespaces)
        guard signer.count <= 80 else {
            throw PageError(.badRequest, "Họ tên người ký quá dài (tối đa 80 ký tự).")
        }
        return ReportOptions(kind: kind, number: number, date: date, signerName: signer)
    }

    private func render(
        _ request: Request, user: CurrentUser, subject: ReportPageSubject, texts: [NarrativeSection: String],
        errors: [NarrativeSection: String], message: String?, status: HTTPResponseStatus, draft: String = ""
    ) async throws -> View {
        let isDemo = try await store.isDemo()
        let context = ReportPageContext.make(
            subject: subject, texts: texts, errors: errors, message: message, explanationDraft: draft,
            canEdit: user.account.role.canEnterData, pdfAvailable: ReportPDF.isAvailable,
            layout: LayoutContext.make(
                request, title: "Báo cáo \(subject.kind.vietnameseName) — \(subject.unit.fullName)", section: "bao-cao",
                isDemo: isDemo))
        return try await request.view.render("report/index", context)
    }
}

/// The file a report download gives.
enum ReportFileFormat: String, CaseIterable {
    case word
    case excel
    case pdf
}

/// The unit, period, kind and resolution a report page is about, within the user's scope.
struct ReportPageSubject {
    let snapshot: Snapshot
    let unit: UnitVersion
    let period: Period
    let kind: ReportKind
    /// The judged targets; nil when the unit issued no resolution (see `missingResolution`).
    let assessed: UnitAssessment?
    let missingResolution: String?
    let resolutionID: String?

    /// The page's own route, with its query.
    var route: SiteRoute {
        .report(unitCode: unit.code, period: period.id, resolutionID: resolutionID, kind: kind.rawValue)
    }

    static func resolve(_ query: ReportController.Query, user: CurrentUser, store: any ReferenceData) async throws
        -> ReportPageSubject
    {
        let snapshot = try await store.snapshot()
        let period = try UnitChoice.period(query.period, snapshot: snapshot, today: .todayInVietnam())
        let asOf = period.span(in: .statistical).end
        let unit = try UnitChoice.unit(query.unitCode, snapshot: snapshot, user: user.account, on: asOf)
        var kind = ReportKind.soKet
        if let typed = query.kind, !typed.isEmpty {
            guard let parsed = ReportKind(text: typed) else {
                throw PageError(
                    .badRequest, "Loại báo cáo “\(typed)” không hợp lệ; hãy chọn sơ kết, tổng kết hoặc năm.")
            }
            kind = parsed
        }
        let wanted = query.resolutionID.flatMap { $0.isEmpty ? nil : $0 }
        if wanted == nil && snapshot.resolutions(issuedBy: unit.unitID).isEmpty {
            let missing =
                "Chưa có nghị quyết nào do \(unit.fullName) ban hành nên chưa lập được báo cáo; các chỉ tiêu "
                + "của nghị quyết cấp trên được báo cáo ở trang của đơn vị ban hành."
            return ReportPageSubject(
                snapshot: snapshot, unit: unit, period: period, kind: kind, assessed: nil, missingResolution: missing,
                resolutionID: nil)
        }
        do {
            // The unit chosen above (within the user's scope), not found again by its code.
            let assessed = try ReportSubject.assess(
                snapshot: snapshot, unit: unit, resolutionID: wanted, period: period)
            return ReportPageSubject(
                snapshot: snapshot, unit: unit, period: period, kind: kind, assessed: assessed, missingResolution: nil,
                resolutionID: wanted)
        } catch {
            throw PageError(error)
        }
    }
}
