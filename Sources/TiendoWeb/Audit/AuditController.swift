import Foundation
import TiendoCore
import TiendoDocuments
import TiendoStorage
import Vapor

/// Kiểm tra số liệu: an officer uploads a report (.docx or .txt) before it is signed and sees
/// every contradiction between its figures — and, when a unit and period are given, every figure
/// that differs from Tiendo's data. The file is read in memory and never stored.
struct AuditController: Sendable {
    let store: TiendoStore

    /// The reader's limits for an uploaded file.
    static let limits = DocxTextReader.Limits(
        maxPackageBytes: SessionMiddleware.maximumUploadBytes, maxPartBytes: 25_000_000, maxEntries: 5_000,
        maxBlocks: 100_000)

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

        var data: AuditDataContext?
        if compare {
            guard let period = Period(id: periodID) else {
                return try await refuse(
                    "Kỳ “\(periodID)” không hợp lệ; hãy viết dạng 2025, 2025S1, 2025N9, 2025Q3 hoặc 2025M09.")
            }
            let snapshot = try await store.snapshot()
            // Scope is checked here: a person compares only with data they may see.
            let unit = try UnitChoice.unit(
                unitCode, snapshot: snapshot, user: user.account, on: period.span(in: .statistical).end)
            data = AuditDataContext(snapshot: snapshot, unit: unit, period: period)
        }

        guard let file = upload.file, file.data.readableBytes > 0 || !file.filename.isEmpty else {
            return try await refuse("Chưa chọn tệp báo cáo; hãy chọn một tệp .docx hoặc .txt rồi bấm “Kiểm tra”.")
        }
        let document: AuditDocument
        do {
            document = try AuditFileReader.read(
                data: Data(buffer: file.data), fileName: file.filename.isEmpty ? "tệp tải lên" : file.filename,
                limits: Self.limits)
        } catch let error as DocxReadError {
            return try await refuse(error.message, fileName: file.filename)
        }

        let report = ReportAudit.run(document: document, data: data)
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

    private func layout(_ request: Request) async throws -> LayoutContext {
        LayoutContext.make(request, title: "Kiểm tra số liệu", section: "kiem-tra", isDemo: try await store.isDemo())
    }

    private func render(_ request: Request, _ context: Context, status: HTTPResponseStatus) async throws -> Response {
        try await request.view.render("audit/index", context).encodeResponse(status: status, for: request)
    }
}
