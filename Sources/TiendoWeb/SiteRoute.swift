import Foundation
import Vapor

/// The one typed route table: it registers routes and builds links, so a link can never point
/// to a route that does not exist. Paths are Vietnamese without diacritics, as officers read them.
public enum SiteRoute: Hashable, Sendable {
    /// Tổng quan: a unit's targets with verdicts.
    case overview(unitCode: String?, period: String?, resolutionID: String?)
    /// So sánh đơn vị: one indicator across the child units.
    case compare(indicator: String?, unitCode: String?, period: String?, sort: String?)
    /// Chỉ số: an indicator's series, values and change history for a unit.
    case indicator(code: String, unitCode: String?)
    /// Nhập số liệu: the forms and periods the user can enter.
    case entries
    /// One form × unit × period: GET shows it, POST saves or submits it.
    case entry(form: String, unitCode: String, period: String)
    /// GET: the Excel template of a form × unit × period.
    case entryTemplate(form: String, unitCode: String, period: String)
    /// POST (multipart): a filled template, entered as on screen.
    case entryUpload(form: String, unitCode: String, period: String)
    /// POST: approve or return a submission.
    case review(form: String, unitCode: String, period: String)
    /// Tình hình nộp báo cáo of a form for a period.
    case submissionStatus(form: String, period: String?)
    /// Biểu mẫu báo cáo: list, and POST to create.
    case forms
    /// One form: GET edits, POST saves.
    case form(code: String)
    /// Tìm kiếm.
    case search(query: String?)
    /// Nghị quyết: the list of resolutions in scope; POST creates one.
    case resolutions
    /// One resolution: GET shows and edits it, POST saves its header.
    case resolution(id: String)
    /// One target of a resolution ("moi" for a new one): GET edits, POST saves.
    case resolutionTarget(id: String, number: String)
    /// A revision of a resolution ("moi" for a new one): GET edits, POST saves.
    case resolutionRevision(id: String, index: String)
    /// Báo cáo: the review report of a unit — GET shows the narrative editor and the downloads,
    /// POST saves the narrative.
    case report(unitCode: String?, period: String?, resolutionID: String?, kind: String?)
    /// The report's file: `format` is "word" (.docx), "excel" (the annex) or "pdf".
    case reportFile(format: String, unitCode: String?, period: String?, resolutionID: String?, kind: String?)
    /// Kiểm tra số liệu: GET shows the upload form, POST checks the uploaded report.
    case audit
    /// Xếp loại chất lượng tổ chức đảng, đảng viên of a unit for a year: GET shows the counts,
    /// rates, warnings and list; POST saves the list typed on screen.
    case qualityRatings(unitCode: String?, year: String?)
    /// POST (multipart): the CSV list of a unit and year.
    case qualityRatingsUpload
    /// Hồ sơ thủ tục hành chính (tổng hợp, quản trị): GET shows the upload form, POST imports a
    /// one-stop system's dossier log and recomputes the 766 rates.
    case dossierLog
    /// Mã truy cập API (administrators): GET lists, POST issues one.
    case apiTokens
    /// POST: revokes an API token.
    case apiTokenRevoke(id: String)
    /// Tài khoản (administrators): GET lists the accounts in scope, POST adds one.
    case accounts
    /// POST: disables, re-enables, resets the password of or unlocks an account (`thao-tac`).
    case accountAction(username: String)
    /// Đổi mật khẩu (everyone signed in): GET shows the form, POST changes one's own password.
    case ownPassword
    /// Việc của tôi (everyone signed in): the reports and tasks that ask for the account's action.
    case myWork
    /// Nhiệm vụ: the tasks that concern the user, filtered by status; `day` looks at another day.
    case tasks(status: String?, unitCode: String?, day: String?)
    /// One task: GET shows its thread, POST (multipart) adds a progress report.
    case task(id: String)
    /// POST: the lead unit marks the task done (or reopens it).
    case taskCompletion(id: String)
    /// GET: the evidence file of a progress report.
    case taskReportFile(id: String, reportID: String)
    /// Giải trình: the explanation requests to answer, awaiting an answer and others in scope.
    case explanations
    /// GET: the form a leader or reviewer asks a unit to explain an indicator's verdict or figure
    /// with; POST asks.
    case explanationNew(indicator: String, unitCode: String?)
    /// One explanation request: GET shows its thread, POST (multipart) answers it.
    case explanation(id: String)
    /// GET: the file attached to the answer.
    case explanationFile(id: String)
    /// Văn bản chỉ đạo: GET lists the directives, POST (multipart) records one.
    case directives
    /// One directive: GET shows its tasks, POST adds a task.
    case directive(id: String)
    /// GET: the directive's attached file.
    case directiveFile(id: String)
    case login
    case logout
    /// First-run setup: creates the first administrator when no account exists.
    case setup
    case stylesheet
    /// Health check for load balancers: 200 when the database answers, 503 when it does not.
    case health
    /// Prometheus metrics, for the machine itself or a scraper with `TIENDO_METRICS_TOKEN`.
    case metrics

    /// The path Vapor registers, with `:name` parameters.
    var pattern: [PathComponent] {
        switch self {
        case .overview: return []
        case .compare: return ["so-sanh"]
        case .indicator: return ["chi-so", ":code"]
        case .entries: return ["nhap-lieu"]
        case .entry: return ["nhap-lieu", ":form", ":unit", ":period"]
        case .entryTemplate: return ["nhap-lieu", ":form", ":unit", ":period", "mau-excel"]
        case .entryUpload: return ["nhap-lieu", ":form", ":unit", ":period", "tai-len"]
        case .review: return ["duyet", ":form", ":unit", ":period"]
        case .submissionStatus: return ["tinh-hinh-nop", ":form"]
        case .forms: return ["bieu-mau"]
        case .form: return ["bieu-mau", ":code"]
        case .search: return ["tim-kiem"]
        case .resolutions: return ["nghi-quyet"]
        case .resolution: return ["nghi-quyet", ":id"]
        case .resolutionTarget: return ["nghi-quyet", ":id", "chi-tieu", ":number"]
        case .resolutionRevision: return ["nghi-quyet", ":id", "dieu-chinh", ":index"]
        case .report: return ["bao-cao"]
        case .reportFile: return ["bao-cao", "tai-ve", ":format"]
        case .audit: return ["kiem-tra-so-lieu"]
        case .qualityRatings: return ["xep-loai"]
        case .qualityRatingsUpload: return ["xep-loai", "tai-len"]
        case .dossierLog: return ["ho-so-tthc"]
        case .apiTokens: return ["ma-truy-cap"]
        case .apiTokenRevoke: return ["ma-truy-cap", ":id", "thu-hoi"]
        case .accounts: return ["tai-khoan"]
        case .accountAction: return ["tai-khoan", ":username"]
        case .ownPassword: return ["doi-mat-khau"]
        case .myWork: return ["viec-cua-toi"]
        case .tasks: return ["nhiem-vu"]
        case .task: return ["nhiem-vu", ":id"]
        case .taskCompletion: return ["nhiem-vu", ":id", "hoan-thanh"]
        case .taskReportFile: return ["nhiem-vu", ":id", "minh-chung", ":report"]
        case .explanations: return ["giai-trinh"]
        case .explanationNew: return ["giai-trinh", "moi"]
        case .explanation: return ["giai-trinh", ":id"]
        case .explanationFile: return ["giai-trinh", ":id", "tep"]
        case .directives: return ["van-ban-chi-dao"]
        case .directive: return ["van-ban-chi-dao", ":id"]
        case .directiveFile: return ["van-ban-chi-dao", ":id", "tep"]
        case .login: return ["dang-nhap"]
        case .logout: return ["dang-xuat"]
        case .setup: return ["khoi-tao"]
        case .stylesheet: return ["static", "tiendo.css"]
        case .health: return ["healthz"]
        case .metrics: return ["metrics"]
        }
    }

    /// The values of the pattern's `:name` parameters, in the pattern's order.
    private var parameterValues: [String] {
        switch self {
        case .indicator(let code, _): return [code]
        case .entry(let form, let unit, let period), .entryTemplate(let form, let unit, let period),
            .entryUpload(let form, let unit, let period), .review(let form, let unit, let period):
            return [form, unit, period]
        case .submissionStatus(let form, _): return [form]
        case .form(let code): return [code]
        case .apiTokenRevoke(let id): return [id]
        case .accountAction(let username): return [username]
        case .reportFile(let format, _, _, _, _): return [format]
        case .explanation(let id), .explanationFile(let id): return [id]
        case .task(let id), .taskCompletion(let id), .directive(let id), .directiveFile(let id),
            .resolution(let id):
            return [id]
        case .taskReportFile(let id, let report): return [id, report]
        case .resolutionTarget(let id, let number): return [id, number]
        case .resolutionRevision(let id, let index): return [id, index]
        default: return []
        }
    }

    /// The path without query: the pattern (each path is written once, there) with its parameters
    /// filled in and escaped, so a code holding "/" or "?" stays one path component.
    public var path: String {
        var values = parameterValues.makeIterator()
        let components = pattern.map { component -> String in
            guard case .parameter = component else { return component.description }
            let value = values.next() ?? ""
            return value.addingPercentEncoding(
                withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? value
        }
        return "/" + components.joined(separator: "/")
    }

    /// The link to this route, with its query.
    public var href: String {
        var items: [(String, String?)] = []
        switch self {
        case .overview(let unit, let period, let resolution):
            items = [("don-vi", unit), ("ky", period), ("nghi-quyet", resolution)]
        case .compare(let indicator, let unit, let period, let sort):
            items = [("chi-so", indicator), ("don-vi", unit), ("ky", period), ("sap-xep", sort)]
        case .indicator(_, let unit): items = [("don-vi", unit)]
        case .submissionStatus(_, let period): items = [("ky", period)]
        case .search(let query): items = [("q", query)]
        case .explanationNew(let indicator, let unit): items = [("chi-so", indicator), ("don-vi", unit)]
        case .tasks(let status, let unit, let day): items = [("trang-thai", status), ("don-vi", unit), ("ngay", day)]
        case .qualityRatings(let unit, let year): items = [("don-vi", unit), ("nam", year)]
        case .report(let unit, let period, let resolution, let kind),
            .reportFile(_, let unit, let period, let resolution, let kind):
            items = [("don-vi", unit), ("ky", period), ("nghi-quyet", resolution), ("loai", kind)]
        default: break
        }
        let present = items.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        var components = URLComponents()
        components.path = path
        components.queryItems = present.isEmpty ? nil : present
        return components.string ?? path
    }
}
