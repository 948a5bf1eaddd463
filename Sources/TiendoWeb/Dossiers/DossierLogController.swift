import Foundation
import TiendoApplication
import TiendoCore
import TiendoImport
import Vapor

/// Hồ sơ thủ tục hành chính: the provincial office (roles tổng hợp and quản trị) uploads the
/// dossier log its one-stop system exports; Tiendo stores the dossiers and recomputes the rates
/// of Decision 766/QĐ-TTg for every unit and month the log touches. Only units in the account's
/// scope may appear in the file. A bad file lists every bad line (422) and writes nothing.
struct DossierLogController: Sendable {
    let store: any PageReads & DossierStore

    struct Upload: Decodable {
        var file: File?
        var today: String?

        enum CodingKeys: String, CodingKey {
            case file = "tep"
            case today = "ngay-tinh"
        }
    }

    struct Context: Encodable {
        let layout: LayoutContext
        let today: String
        let error: String?
        let issues: [String]
        let moreIssues: Int
        let summary: String?
        let columns: String
    }

    /// At most this many problems are listed on the page (the headline gives the total).
    static let issueLimit = 500

    func show(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        try Access.require(user, \.canManage, "nhập nhật ký hồ sơ thủ tục hành chính")
        return try await render(request, today: VietnameseDate.short(.todayInVietnam()), status: .ok)
    }

    func upload(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        try Access.require(user, \.canManage, "nhập nhật ký hồ sơ thủ tục hành chính")
        let upload = try request.content.decode(Upload.self)
        let todayText = (upload.today ?? "").trimmingCharacters(in: .whitespaces)
        func refuse(_ message: String, issues: [String] = [], more: Int = 0) async throws -> Response {
            try await render(
                request, today: todayText, error: message, issues: issues, more: more, status: .unprocessableEntity)
        }
        let asOf: CivilDate
        do {
            asOf = try DossierFiles.evaluationDate(todayText)
        } catch let error as FigureFileError {
            return try await refuse(error.description)
        }
        guard let file = upload.file, file.data.readableBytes > 0 else {
            return try await refuse("Chưa chọn tệp nhật ký hồ sơ (.csv); hãy chọn tệp rồi bấm “Nhập hồ sơ”.")
        }
        let fileName = file.filename.isEmpty ? "tệp tải lên" : file.filename
        let directory = try await store.directory()
        let account = user.account
        var allowed: Set<UnitID>?
        if account.unitID != Account.everywhere {
            let today = CivilDate.todayInVietnam()
            allowed = Set(directory.unitIDs.filter { account.canSee($0, in: directory, on: today) })
        }
        let person = FigureFiles.Person(
            username: account.username, displayName: account.displayName, allowedUnits: allowed)
        do {
            let text = try ImportEncoding.decode(Data(buffer: file.data), fileName: fileName)
            let summary = try await DossierFiles.importLog(
                text: text, fileName: fileName, person: person, asOf: asOf, store: store)
            return try await render(
                request, today: VietnameseDate.short(asOf), summary: "Đã nhập " + summary.vietnameseText, status: .ok)
        } catch let failure as ImportFailure {
            return try await refuse(
                failure.headline, issues: failure.issues.prefix(Self.issueLimit).map(\.description),
                more: max(0, failure.issues.count - Self.issueLimit))
        }
    }

    private func render(
        _ request: Request, today: String, error: String? = nil, issues: [String] = [], more: Int = 0,
        summary: String? = nil, status: HTTPResponseStatus
    ) async throws -> Response {
        let context = Context(
            layout: LayoutContext.make(
                request, title: "Hồ sơ thủ tục hành chính", section: "ho-so-tthc", isDemo: try await store.isDemo()),
            today: today, error: error, issues: issues, moreIssues: more, summary: summary,
            columns: DossierLogFile.columns.joined(separator: ";"))
        return try await request.view.render("dossiers/index", context).encodeResponse(status: status, for: request)
    }
}
