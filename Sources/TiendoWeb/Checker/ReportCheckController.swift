import Foundation
import TiendoChecker
import TiendoCore
import TiendoDocuments
import Vapor

/// Kiểm tra số liệu: an officer uploads a report (.docx or .txt) before it is signed and sees
/// every contradiction between its figures — and, when a unit and period are given, every figure
/// that differs from Tiendo's data. The file is read in memory and never stored.
///
/// The work is bounded (``CheckGuard``): a file of at most 5 MB, at most 600.000 characters of
/// text, a few checks per account per minute, and the reading and checking run on the
/// application's thread pool, one check at a time, never on an event loop.
struct ReportCheckController: Sendable {
    let store: any PageReads
    /// The limits of this server (one controller per application).
    let limits = CheckGuard()

    /// The reader's limits for an uploaded file: with the 5 MB package limit, at most 15 MB of
    /// decompressed XML per part and 20.000 paragraphs and rows.
    static func readerLimits(_ settings: CheckSettings) -> DocxTextReader.Limits {
        DocxTextReader.Limits(
            maxPackageBytes: settings.maxFileBytes, maxPartBytes: 15_000_000, maxEntries: 2_000, maxBlocks: 20_000)
    }

    struct Upload: Decodable {
        var file: File?
        var unitCode: String?
        var period: String?
        var compare: String?

        enum CodingKeys: String, CodingKey {
            case file = "tep"
            case unitCode = "don-vi"
            case period = "ky"
            case compare = "doi-chieu"
        }
    }

    struct FindingRow: Encodable {
        let number: Int
        let kind: String
        let severity: String
        let severityClass: String
        let message: String
        let passages: [String]
        let figures: String
        let arithmetic: String
    }

    struct Context: Encodable {
        let layout: LayoutContext
        let unitCode: String
        let period: String
        let compare: Bool
        let error: String?
        let fileName: String?
        let checkedAgainst: String?
        let coverage: String?
        let summary: String?
        let findings: [FindingRow]
    }

    func show(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let snapshot = try await store.snapshot()
        let period = try UnitChoice.period(nil, snapshot: snapshot, today: .todayInVietnam())
        let own = try UnitChoice.unit(
            nil, snapshot: snapshot, user: user.account, on: period.span(in: .statistical).end)
        return try await render(
            request,
            Context(
                layout: try await layout(request), unitCode: own.code, period: period.id, compare: false, error: nil,
                fileName: nil, checkedAgainst: nil, coverage: nil, summary: nil, findings: []), status: .ok)
    }

    func run(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let upload = try request.content.decode(Upload.self)
        let unitCode = (upload.unitCode ?? "").trimmingCharacters(in: .whitespaces)
        let periodID = (upload.period ?? "").trimmingCharacters(in: .whitespaces)
        let compare = upload.compare != nil
        func refuse(_ message: String, fileName: String? = nil) async throws -> Response {
            let context = Context(
                layout: try await layout(request), unitCode: unitCode, period: periodID, compare: compare,
                error: message, fileName: fileName, checkedAgainst: nil, coverage: nil, summary: nil, findings: [])
            return try await render(request, context, status: .unprocessableEntity)
        }

        var data: CheckDataContext?
        if compare {
            let period: Period
            do {
                period = try SubjectLookup.period(periodID)
            } catch {
                return try await refuse(error.message)
            }
            let snapshot = try await store.snapshot()
            // Scope is checked here: a person compares only with data they may see.
            let unit = try UnitChoice.unit(
                unitCode, snapshot: snapshot, user: user.account, on: period.span(in: .statistical).end)
            data = CheckDataContext(snapshot: snapshot, unit: unit, period: period)
        }

        guard let file = upload.file, file.data.readableBytes > 0 || !file.filename.isEmpty else {
            return try await refuse("Chưa chọn tệp báo cáo; hãy chọn một tệp .docx hoặc .txt rồi bấm “Kiểm tra”.")
        }
        let fileName = file.filename.isEmpty ? "tệp tải lên" : file.filename
        if let wait = limits.admit(user.account.id) {
            request.logger.notice(
                "Kiểm tra số liệu: \(user.account.username) vượt \(limits.settings.perMinute) lần/phút.")
            return try await tooMany(request, wait: wait)
        }
        if let refusal = limits.sizeRefusal(file.data.readableBytes, fileName: fileName) {
            return try await refuse(refusal, fileName: file.filename)
        }
        let bytes = Data(buffer: file.data)
        let readerLimits = Self.readerLimits(limits.settings)
        let guardrails = limits
        let compared = data
        let threadPool = request.application.threadPool
        let report: CheckReport
        do {
            // Reading and checking take CPU-seconds: on the thread pool, one check at a time.
            let outcome = try await limits.limiter.run {
                try await threadPool.runIfActive { () -> Result<CheckReport, DocxReadError> in
                    let document: CheckDocument
                    do {
                        document = try CheckFileReader.read(data: bytes, fileName: fileName, limits: readerLimits)
                    } catch let error as DocxReadError {
                        return .failure(error)
                    }
                    if let refusal = guardrails.lengthRefusal(document, fileName: fileName) {
                        return .failure(DocxReadError(refusal))
                    }
                    return .success(ReportCheck.run(document: document, data: compared))
                }
            }
            switch outcome {
            case .success(let result): report = result
            case .failure(let error): return try await refuse(error.message, fileName: file.filename)
            }
        } catch is WorkLimiter.Busy {
            return try await BusyPage.response(
                request, "Máy chủ đang bận kiểm tra các báo cáo khác, vui lòng thử lại sau ít phút.")
        }

        let findings = report.findings.enumerated().map { index, finding in
            FindingRow(
                number: index + 1, kind: finding.kind.vietnameseName, severity: finding.severity.vietnameseName,
                severityClass: finding.severity == .nghiemTrong ? "severity-high" : "severity-review",
                message: finding.message, passages: finding.passages.map(\.vietnameseText),
                figures: finding.figures.joined(separator: "; "), arithmetic: finding.arithmetic)
        }
        let context = Context(
            layout: try await layout(request), unitCode: unitCode, period: periodID, compare: compare, error: nil,
            fileName: file.filename,
            checkedAgainst: data.map { "Đã đối chiếu với số liệu của \($0.unitName), \($0.period.vietnameseLabel)." },
            coverage: report.coverage.vietnameseText, summary: report.summaryLine, findings: findings)
        return try await render(request, context, status: .ok)
    }

    /// 429 with Retry-After: the account started its checks of the minute.
    private func tooMany(_ request: Request, wait: Int) async throws -> Response {
        let message =
            "Bạn đã kiểm tra \(limits.settings.perMinute) tệp trong một phút, là mức tối đa cho mỗi tài khoản; "
            + "hãy chờ khoảng \(wait) giây rồi thử lại."
        let context = ErrorPageContext(
            layout: try await layout(request), heading: "Thao tác quá nhanh", message: message)
        let response = try await request.view.render("error", context).encodeResponse(for: request)
        response.status = .tooManyRequests
        response.headers.replaceOrAdd(name: .retryAfter, value: String(wait))
        return response
    }

    private func layout(_ request: Request) async throws -> LayoutContext {
        LayoutContext.make(request, title: "Kiểm tra số liệu", section: "kiem-tra", isDemo: try await store.isDemo())
    }

    private func render(_ request: Request, _ context: Context, status: HTTPResponseStatus) async throws -> Response {
        try await request.view.render("audit/index", context).encodeResponse(status: status, for: request)
    }
}
