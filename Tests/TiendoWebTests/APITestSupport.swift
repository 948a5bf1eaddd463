import Foundation
import TiendoCore
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// Drives the JSON API like an external script: a bearer token, JSON in, JSON out.
extension WebTestApp {
    /// Issues a token acting as a demo (or test) account.
    func token(_ username: String, name: String = "Kịch bản thử") async throws -> String {
        try await APITokens.issue(username: username, name: name, store: store).secret
    }

    func api(
        _ method: HTTPMethod, _ path: String, token: String?, json: Any? = nil, rawBody: String? = nil,
        headers extra: [(String, String)] = []
    ) async throws -> XCTHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.replaceOrAdd(name: .authorization, value: "Bearer \(token)") }
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        var body: ByteBuffer?
        if let json {
            headers.contentType = .json
            body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
        } else if let rawBody {
            headers.contentType = .json
            body = ByteBuffer(string: rawBody)
        }
        return try await app.testable().sendRequest(method, path, headers: headers, body: body)
    }
}

extension XCTHTTPResponse {
    /// The body as a JSON object (empty when it is not one).
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    /// The `error` object of an API error body.
    var apiError: [String: Any] { object["error"] as? [String: Any] ?? [:] }
}
