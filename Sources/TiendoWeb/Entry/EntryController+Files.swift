import Foundation
import TiendoCore
import TiendoDocuments
import TiendoImport
import TiendoSetup
import TiendoStorage
import Vapor

/// The Excel way into the entry page: download the template of this form × unit × period, fill
/// it in offline, upload it. The figures go through the same rules and workflow as on screen
/// (draft, or submitted when the officer ticks “nộp luôn”); a file with any problem writes
/// nothing and the page lists every problem by sheet and cell.
extension EntryController {
    struct Upload: Decodable {
        var file: File?
        var submit: String?

        enum CodingKeys: String, CodingKey {
            case file = "tep"
            case submit = "nop-luon"
        }
    }

    func downloadTemplate(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        try Access.require(user, { $0.canEnterData || $0.canReview }, "tải mẫu nhập số liệu")
        let target = try await resolve(request, user: user)
        let (data, fileName) = try await FigureFiles.template(
            formCode: target.form.code, unitCode: target.unit.code, periodID: target.period.id, store: store)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(
            type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        headers.contentDisposition = .init(.attachment, filename: fileName)
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    func upload(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        try Access.require(user, \.canEnterData, "nhập số liệu")
        let target = try await resolve(request, user: user)
        let upload = (try? request.content.decode(Upload.self)) ?? Upload()
        func refuse(_ headline: String, _ issues: [String]) async throws -> Response {
            let stored = try await store.submission(
                form: target.form.code, unit: target.unit.unitID, period: target.period)
            return try await render(
                request, user: user, target: target, stored: stored, rows: storedRows(target), message: nil,
                problem: headline, needsConfirmation: false, uploadIssues: issues
            ).response(for: request, status: .unprocessableEntity)
        }
        guard let file = upload.file, file.data.readableBytes > 0 else {
            return try await refuse("Chưa chọn tệp; hãy chọn tệp Excel (.xlsx) đã điền rồi bấm “Tải lên”.", [])
        }
        let fileName = file.filename.isEmpty ? "tệp tải lên" : file.filename
        let person = FigureFiles.Person(username: user.account.username, displayName: user.account.displayName)
        do {
            let result = try await FigureFiles.importTemplate(
                data: Data(buffer: file.data), fileName: fileName,
                expecting: FigureFiles.Expectation(
                    formCode: target.form.code, unitCode: target.unit.code, periodID: target.period.id),
                person: person, submit: upload.submit != nil, store: store)
            request.application.tiendoMetrics.recordImport(.excel, succeeded: true)
            let o = result.outcome
            return request.redirect(
                to: SiteRoute.entry(form: target.form.code, unitCode: target.unit.code, period: target.period.id).path
                    + "?da=tai-len&moi=\(o.inserted)&doi=\(o.updated)&giu=\(o.unchanged)&nop=\(o.submitted ? 1 : 0)")
        } catch let failure as ImportFailure {
            request.application.tiendoMetrics.recordImport(.excel, succeeded: false)
            return try await refuse(failure.headline, failure.issues.prefix(100).map(\.description))
        }
    }

    /// "Đã nhập tệp Excel: 3 số liệu mới, …" from the redirect after an upload.
    static func uploadMessage(_ request: Request) -> String {
        let count = { (name: String) in request.query[Int.self, at: name] ?? 0 }
        let submitted = count("nop") == 1
        return "Đã nhập tệp Excel: \(count("moi")) số liệu mới, \(count("doi")) số liệu thay đổi, "
            + "\(count("giu")) giữ nguyên; "
            + (submitted ? "đã nộp báo cáo, đang chờ duyệt." : "đã lưu nháp (chưa nộp).")
    }
}
