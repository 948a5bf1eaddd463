import Foundation
import TiendoApplication
import TiendoCore
import TiendoDocuments
import TiendoImport
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
                request, user: user, target: target, stored: stored, rows: try await storedRows(target), message: nil,
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
                person: person, submit: false, store: store)
            request.application.tiendoMetrics.recordImport(.excel, succeeded: true)
            let o = result.outcome
            // What changed travels with the redirect so the page can name it: "CODE~old~new", "|" between.
            let changed = o.changes.prefix(Self.namedChangesLimit).map { change in
                "\(change.new.indicatorCode)~\(change.old.map { "\($0.number)" } ?? "")~\(change.new.number)"
            }.joined(separator: "|")
            // "Nộp luôn" saves the file as a draft and then asks to confirm the submission on the
            // page, like "Nộp báo cáo" does: nothing is submitted before "Xác nhận nộp".
            var query = "?da=tai-len&moi=\(o.inserted)&doi=\(o.updated)&giu=\(o.unchanged)&nop=\(o.submitted ? 1 : 0)"
            if upload.submit != nil { query += "&hoi-nop=1" }
            if !changed.isEmpty {
                query += "&sua=" + (changed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            }
            return request.redirect(
                to: SiteRoute.entry(form: target.form.code, unitCode: target.unit.code, period: target.period.id).path
                    + query)
        } catch let failure as ImportFailure {
            request.application.tiendoMetrics.recordImport(.excel, succeeded: false)
            return try await refuse(failure.headline, failure.issues.prefix(100).map(\.description))
        }
    }

    /// The most changes the message after an upload names one by one.
    static let namedChangesLimit = 60

    /// "Đã nhập tệp Excel: 3 số liệu mới, …" from the redirect after an upload, then each
    /// figure that changed: "Thu ngân sách nhà nước trên địa bàn: 255 → 262,5".
    static func uploadMessage(_ request: Request, indicators: [Indicator] = []) -> String {
        let count = { (name: String) in max(request.query[Int.self, at: name] ?? 0, 0) }
        let submitted = count("nop") == 1
        let asking = count("hoi-nop") == 1
        var message =
            "Đã nhập tệp Excel: \(count("moi")) số liệu mới, \(count("doi")) số liệu thay đổi, "
            + "\(count("giu")) giữ nguyên; "
            + (submitted
                ? "đã nộp báo cáo, đang chờ duyệt."
                : asking
                    ? "đã lưu nháp; hãy kiểm tra số liệu rồi bấm “Xác nhận nộp” để nộp báo cáo."
                    : "đã lưu nháp (chưa nộp).")
        let named = changedFigures(request.query[String.self, at: "sua"] ?? "", indicators: indicators)
        if !named.isEmpty { message += " Đã thay đổi: " + named.joined(separator: "; ") + "." }
        return message
    }

    /// The changes the redirect carries, for indicators of this page only (anything else in the
    /// address is ignored, so a hand-made address cannot show other names).
    static func changedFigures(_ text: String, indicators: [Indicator]) -> [String] {
        let byCode = Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        return text.split(separator: "|").prefix(namedChangesLimit).compactMap { item -> String? in
            let parts = item.split(separator: "~", omittingEmptySubsequences: false)
            guard parts.count == 3, let indicator = byCode[String(parts[0])], let new = Double(parts[2]),
                new.isFinite
            else { return nil }
            let newText = FigureReading.display(new, indicator)
            guard let old = Double(parts[1]), old.isFinite else { return "\(indicator.name): mới \(newText)" }
            return "\(indicator.name): \(FigureReading.display(old, indicator)) → \(newText)"
        }
    }
}
