import Foundation
import SQLKit
import TiendoApplication
import TiendoCore
import TiendoDemo
import TiendoStorage
import TiendoTestSupport
import XCTVapor
import XCTest

@testable import TiendoWeb

/// A running Tiendo on the Huế demo (in-memory SQLite) that tests drive like a browser: log in
/// as a demo account, follow the session cookie, send forms with the CSRF token.
final class WebTestApp: @unchecked Sendable {
    let app: Application
    let store: TiendoStore
    let database: TiendoDatabase

    /// A logged-in browser: its session cookie and the CSRF token of its pages.
    struct Session {
        let cookie: String
        let csrf: String
    }

    private init(app: Application, store: TiendoStore, database: TiendoDatabase) {
        self.app = app
        self.store = store
        self.database = database
    }

    /// The demo, loaded once per test run into a file that each test copies (loading it takes
    /// seconds; copying a file does not).
    private actor DemoTemplate {
        static let shared = DemoTemplate()
        private var path: String?

        func file() async throws -> String {
            if let path { return path }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "tiendo-web-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("demo.sqlite").path
            let database = try TiendoDatabase(location: .sqliteFile(file))
            try await database.migrate()
            _ = try await DemoData.load(
                into: TiendoStore(database: database.database), hashPassword: { try Passwords.hash($0, cost: 4) })
            if let sql = database.database as? any SQLDatabase {
                try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
            }
            await database.shutdown()
            path = file
            return file
        }
    }

    /// Runs `body` against a fresh copy of the demo, then shuts everything down.
    static func withDemo(
        metricsToken: String? = nil, _ body: (WebTestApp) async throws -> Void
    ) async throws {
        let template = try await DemoTemplate.shared.file()
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-\(UUID().uuidString).sqlite")
            .path
        try FileManager.default.copyItem(atPath: template, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let database = try TiendoDatabase(location: .sqliteFile(copy))
        try await database.migrate()
        let store = TiendoStore(database: database.database)
        let app = try await Application.make(.testing)
        let web = WebTestApp(app: app, store: store, database: database)
        do {
            var configuration = WebConfiguration()
            configuration.bcryptCost = 4
            configuration.metricsToken = metricsToken
            try TiendoWebApp.configure(app, store: store, configuration: configuration)
            try await body(web)
        } catch {
            try await app.asyncShutdown()
            await database.shutdown()
            throw error
        }
        try await app.asyncShutdown()
        await database.shutdown()
    }

    /// The demo password of a demo username.
    static func password(_ username: String) -> String {
        DemoData.accounts.first { $0.username == username }!.password
    }

    func get(_ path: String, as session: Session? = nil) async throws -> XCTHTTPResponse {
        var headers = HTTPHeaders()
        if let session { headers.replaceOrAdd(name: .cookie, value: session.cookie) }
        return try await app.testable().sendRequest(.GET, path, headers: headers)
    }

    func post(_ path: String, form: [String: String], as session: Session?, cookie: String? = nil) async throws
        -> XCTHTTPResponse
    {
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        if let cookie = cookie ?? session?.cookie { headers.replaceOrAdd(name: .cookie, value: cookie) }
        var fields = form
        if fields["_csrf"] == nil, let session { fields["_csrf"] = session.csrf }
        let body = fields.map { key, value in
            "\(Self.formEscape(key))=\(Self.formEscape(value))"
        }.joined(separator: "&")
        return try await app.testable().sendRequest(
            .POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// Sends a multipart form with one file, as a browser sends an upload.
    func upload(
        _ path: String, file: Data, fileName: String, field: String = "tep", form: [String: String] = [:],
        as session: Session?
    ) async throws -> XCTHTTPResponse {
        let boundary = "----tiendo-\(UUID().uuidString)"
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        if let session { headers.replaceOrAdd(name: .cookie, value: session.cookie) }
        var fields = form
        if fields["_csrf"] == nil, let session { fields["_csrf"] = session.csrf }
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(fileName)\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(file)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await app.testable().sendRequest(.POST, path, headers: headers, body: body)
    }

    /// Logs in through the login form, as a browser does.
    func login(_ username: String, password: String? = nil) async throws -> Session {
        let page = try await get(SiteRoute.login.path)
        let anonymous = try XCTUnwrap(Self.cookie(SessionMiddleware.anonymousCSRFCookie, in: page))
        let response = try await post(
            SiteRoute.login.path,
            form: [
                "username": username, "password": password ?? Self.password(username), "_csrf": anonymous, "tiep": "/",
            ], as: nil, cookie: "\(SessionMiddleware.anonymousCSRFCookie)=\(anonymous)")
        guard response.status == .seeOther, let token = Self.cookie(SessionMiddleware.cookieName, in: response) else {
            throw LoginFailed(status: response.status, body: response.body.string)
        }
        let cookie = "\(SessionMiddleware.cookieName)=\(token)"
        let home = try await get("/", as: Session(cookie: cookie, csrf: ""))
        let csrf = try XCTUnwrap(Self.csrf(in: home.body.string), "pages of a session carry its CSRF token")
        return Session(cookie: cookie, csrf: csrf)
    }

    struct LoginFailed: Error {
        let status: HTTPResponseStatus
        let body: String
    }

    static func cookie(_ name: String, in response: XCTHTTPResponse) -> String? {
        for header in response.headers[.setCookie] {
            let first = header.split(separator: ";").first ?? ""
            let parts = first.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name { return String(parts[1]) }
        }
        return nil
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    static func formEscape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text).replacingOccurrences(
            of: "%20", with: "+")
    }
}
