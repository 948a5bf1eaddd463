import Foundation
import Leaf
import LeafKit
import TiendoApplication
import TiendoCore
import TiendoStorage
import Vapor

/// Sets the web application up: views, middleware and routes.
public enum TiendoWebApp {
    /// Serves Tiendo until the process is asked to stop (Ctrl-C or SIGTERM).
    /// With `reminders`, the daily reminder job runs inside the server.
    public static func run(
        store: TiendoStore, configuration: WebConfiguration, hostname: String, port: Int,
        reminders: MailSettings? = nil
    ) async throws {
        let app = try await Application.make(Environment(name: "production", arguments: ["tiendo"]))
        do {
            app.http.server.configuration.hostname = hostname
            app.http.server.configuration.port = port
            try configure(app, store: store, configuration: configuration)
            if let reminders { app.lifecycle.use(ReminderScheduler(store: store, settings: reminders)) }
            app.lifecycle.use(ChangeLogPruner(store: store))
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// Configures `app` to serve Tiendo from `store`.
    public static func configure(_ app: Application, store: TiendoStore, configuration: WebConfiguration) throws {
        // Not `Bundle.module`: it stops the process when the resources are not beside the binary.
        let views = try ResourceLocation.installed().url(of: "Resources/Views", module: "TiendoWeb")
        app.views.use(.leaf)
        let root = views.path + "/"
        app.leaf.configuration = LeafConfiguration(rootDirectory: root)
        // The bundle lives under `.build/`, a hidden folder, which Leaf refuses by default; keep
        // the sandbox to the views folder and the `.leaf` extension requirement.
        app.leaf.sources = .singleSource(
            NIOLeafFiles(
                fileio: app.fileio, limits: [.toSandbox, .requireExtensions], sandboxDirectory: root,
                viewDirectory: root))
        app.leaf.cache.isEnabled = app.environment.isRelease
        app.routes.defaultMaxBodySize = "2mb"
        app.storageFailure = { StorageError.translating($0) }

        _ = app.tiendoMetrics  // made before the first request, never by two at once
        app.middleware = Middlewares()
        // Outermost, so that the log line and the metrics see the final status of every answer.
        app.middleware.use(RequestLogMiddleware())
        // Outside the error middleware, so error pages (404, 500…) carry the headers too.
        app.middleware.use(SecurityHeadersMiddleware())
        app.middleware.use(VietnameseErrorMiddleware())
        // The API authenticates by token and answers in JSON; it comes before the cookie session.
        app.middleware.use(APIMiddleware(store: store))
        app.middleware.use(SessionMiddleware(store: store, configuration: configuration))
        // After the session: the number beside "Việc của tôi" in every page's navigation.
        app.middleware.use(MyWorkMiddleware(store: store))

        let auth = AuthController(store: store, configuration: configuration)
        app.get(SiteRoute.login.pattern, use: auth.showLogin)
        app.post(SiteRoute.login.pattern, use: auth.login)
        app.post(SiteRoute.logout.pattern, use: auth.logout)
        app.get(SiteRoute.setup.pattern, use: auth.showSetup)
        app.post(SiteRoute.setup.pattern, use: auth.setup)

        let overview = OverviewController(store: store)
        app.get(SiteRoute.overview(unitCode: nil, period: nil, resolutionID: nil).pattern, use: overview.show)

        let compare = CompareController(store: store)
        app.get(SiteRoute.compare(indicator: nil, unitCode: nil, period: nil, sort: nil).pattern, use: compare.show)
        let indicator = IndicatorController(store: store)
        app.get(SiteRoute.indicator(code: "", unitCode: nil).pattern, use: indicator.show)

        let entries = EntryListController(store: store)
        app.get(SiteRoute.entries.pattern, use: entries.show)
        let entry = EntryController(store: store)
        let entryRoute = SiteRoute.entry(form: "", unitCode: "", period: "")
        app.get(entryRoute.pattern, use: entry.show)
        app.post(entryRoute.pattern, use: entry.save)
        app.post(SiteRoute.review(form: "", unitCode: "", period: "").pattern, use: entry.review)
        app.get(SiteRoute.entryTemplate(form: "", unitCode: "", period: "").pattern, use: entry.downloadTemplate)
        app.postUpload(SiteRoute.entryUpload(form: "", unitCode: "", period: "").pattern, use: entry.upload)
        let status = SubmissionStatusController(store: store)
        app.get(SiteRoute.submissionStatus(form: "", period: nil).pattern, use: status.show)

        let forms = FormsController(store: store)
        app.get(SiteRoute.forms.pattern, use: forms.list)
        app.post(SiteRoute.forms.pattern, use: forms.save)
        app.get(SiteRoute.form(code: "").pattern, use: forms.edit)
        app.post(SiteRoute.form(code: "").pattern, use: forms.save)

        ResolutionRoutes.register(app, store: store)

        let report = ReportController(store: store)
        let reportRoute = SiteRoute.report(unitCode: nil, period: nil, resolutionID: nil, kind: nil)
        app.get(reportRoute.pattern, use: report.show)
        app.post(reportRoute.pattern, use: report.save)
        app.get(
            SiteRoute.reportFile(format: "", unitCode: nil, period: nil, resolutionID: nil, kind: nil).pattern,
            use: report.download)

        let audit = ReportCheckController(store: store)
        app.get(SiteRoute.audit.pattern, use: audit.show)
        app.postUpload(SiteRoute.audit.pattern, use: audit.run)

        let tasks = TaskController(store: store)
        app.get(SiteRoute.tasks(status: nil, unitCode: nil, day: nil).pattern, use: tasks.list)
        app.get(SiteRoute.task(id: "").pattern, use: tasks.show)
        app.postUpload(SiteRoute.task(id: "").pattern, use: tasks.report)
        app.post(SiteRoute.taskCompletion(id: "").pattern, use: tasks.complete)
        app.get(SiteRoute.taskReportFile(id: "", reportID: "").pattern, use: tasks.reportFile)
        let explanations = ExplanationController(store: store)
        app.get(SiteRoute.explanations.pattern, use: explanations.list)
        app.get(SiteRoute.explanationNew(indicator: "", unitCode: nil).pattern, use: explanations.showNew)
        app.post(SiteRoute.explanationNew(indicator: "", unitCode: nil).pattern, use: explanations.ask)
        app.get(SiteRoute.explanation(id: "").pattern, use: explanations.show)
        app.postUpload(SiteRoute.explanation(id: "").pattern, use: explanations.answer)
        app.get(SiteRoute.explanationFile(id: "").pattern, use: explanations.file)
        let directives = DirectiveController(store: store)
        app.get(SiteRoute.directives.pattern, use: directives.list)
        app.postUpload(SiteRoute.directives.pattern, use: directives.create)
        app.get(SiteRoute.directive(id: "").pattern, use: directives.show)
        app.post(SiteRoute.directive(id: "").pattern, use: directives.addTask)
        app.get(SiteRoute.directiveFile(id: "").pattern, use: directives.file)
        let ratings = QualityRatingController(store: store)
        app.get(SiteRoute.qualityRatings(unitCode: nil, year: nil).pattern, use: ratings.show)
        app.post(SiteRoute.qualityRatings(unitCode: nil, year: nil).pattern, use: ratings.saveLines)
        app.postUpload(SiteRoute.qualityRatingsUpload.pattern, use: ratings.upload)
        let dossiers = DossierLogController(store: store)
        app.get(SiteRoute.dossierLog.pattern, use: dossiers.show)
        app.postUpload(SiteRoute.dossierLog.pattern, use: dossiers.upload)

        let search = SearchController(store: store)
        app.get(SiteRoute.search(query: nil).pattern, use: search.show)

        APIRoute.register(app, controller: APIController(store: store), explanations: ExplanationAPI(store: store))
        let tokens = APITokenController(store: store)
        app.get(SiteRoute.apiTokens.pattern, use: tokens.list)
        app.post(SiteRoute.apiTokens.pattern, use: tokens.issue)
        app.post(SiteRoute.apiTokenRevoke(id: "").pattern, use: tokens.revoke)
        let accounts = AccountController(store: store, configuration: configuration)
        app.get(SiteRoute.accounts.pattern, use: accounts.list)
        app.post(SiteRoute.accounts.pattern, use: accounts.add)
        app.post(SiteRoute.accountAction(username: "").pattern, use: accounts.act)
        app.get(SiteRoute.ownPassword.pattern, use: accounts.showOwnPassword)
        app.post(SiteRoute.ownPassword.pattern, use: accounts.changeOwnPassword)
        let myWork = MyWorkController(store: store)
        app.get(SiteRoute.myWork.pattern, use: myWork.show)

        app.get(SiteRoute.stylesheet.pattern) { _ in Stylesheet.response() }
        let operations = OperationsController(store: store, configuration: configuration)
        app.get(SiteRoute.health.pattern, use: operations.health)
        app.get(SiteRoute.metrics.pattern, use: operations.metrics)
    }
}

extension RoutesBuilder {
    /// Registers a POST that takes an uploaded file (up to `SessionMiddleware.maximumUploadBytes`)
    /// instead of the default body limit.
    fileprivate func postUpload<Answer: AsyncResponseEncodable>(
        _ path: [PathComponent], use handler: @escaping @Sendable (Request) async throws -> Answer
    ) {
        on(.POST, path, body: .collect(maxSize: ByteCount(value: SessionMiddleware.maximumUploadBytes)), use: handler)
    }
}

/// The style sheet, served from the bundle so that nothing is loaded from the internet.
enum Stylesheet {
    static let css: String = {
        guard let url = try? ResourceLocation.installed().url(of: "Resources/Public/tiendo.css", module: "TiendoWeb"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "" }
        return text
    }()

    static func response() -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: css))
    }
}
