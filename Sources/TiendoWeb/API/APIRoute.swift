import Foundation
import Vapor

/// The route table of the JSON API under /api/v1, apart from the pages' `SiteRoute`: it
/// registers the routes, names them in the OpenAPI document, and lets the tests check that the
/// two agree. Paths are English nouns, as API clients expect.
enum APIRoute: String, CaseIterable, Sendable {
    /// The OpenAPI document (public: it is how a client learns the rest).
    case openAPI
    case units
    case unit
    case indicators
    case resolutions
    case resolution
    case values
    /// PUT one figure.
    case value
    case verdicts
    case rollUps
    /// GET: the explanation requests the token's account sees.
    case explanations
    /// POST: asks a unit for an explanation.
    case askExplanation
    /// POST: the asked unit's answer.
    case answerExplanation

    /// Every API path starts here.
    static let root = "/api/v1"

    /// Whether a request path belongs to the API (and so gets JSON errors and token auth).
    static func contains(path: String) -> Bool {
        path == root || path.hasPrefix(root + "/")
    }

    /// The methods the API answers on `path` (empty when no route has that shape).
    static func methods(matching path: String) -> [HTTPMethod] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return allCases.filter { route in
            let pattern = route.pattern.map(\.description)
            return pattern.count == parts.count
                && zip(pattern, parts).allSatisfy { expected, actual in expected.hasPrefix(":") || expected == actual }
        }.map(\.method)
    }

    var method: HTTPMethod {
        switch self {
        case .value: return .PUT
        case .askExplanation, .answerExplanation: return .POST
        default: return .GET
        }
    }

    /// The path Vapor registers, with `:name` parameters.
    var pattern: [PathComponent] {
        let tail: [PathComponent]
        switch self {
        case .openAPI: tail = ["openapi.json"]
        case .units: tail = ["units"]
        case .unit: tail = ["units", ":code"]
        case .indicators: tail = ["indicators"]
        case .resolutions: tail = ["resolutions"]
        case .resolution: tail = ["resolutions", ":id"]
        case .values: tail = ["values"]
        case .value: tail = ["values", ":unit", ":indicator", ":period"]
        case .verdicts: tail = ["verdicts"]
        case .rollUps: tail = ["rollups"]
        case .explanations, .askExplanation: tail = ["explanations"]
        case .answerExplanation: tail = ["explanations", ":id", "answer"]
        }
        return ["api", "v1"] + tail
    }

    /// The path as OpenAPI writes it: `{name}` parameters.
    var documentedPath: String {
        "/"
            + pattern.map { component in
                let text = component.description
                return text.hasPrefix(":") ? "{\(text.dropFirst())}" : text
            }.joined(separator: "/")
    }

    /// Whether the route answers without a token.
    var isPublic: Bool { self == .openAPI }

    /// Registers every API route on `app`.
    static func register(_ app: Application, controller: APIController, explanations: ExplanationAPI) {
        for route in allCases {
            let handler: @Sendable (Request) async throws -> Response
            switch route {
            case .openAPI: handler = { _ in try APIJSON.response(OpenAPIDocument.document) }
            case .units: handler = controller.units
            case .unit: handler = controller.unit
            case .indicators: handler = controller.indicators
            case .resolutions: handler = controller.resolutions
            case .resolution: handler = controller.resolution
            case .values: handler = controller.values
            case .value: handler = controller.putValue
            case .verdicts: handler = controller.verdicts
            case .rollUps: handler = controller.rollUps
            case .explanations: handler = explanations.list
            case .askExplanation: handler = explanations.ask
            case .answerExplanation: handler = explanations.answer
            }
            app.on(route.method, route.pattern, body: .collect(maxSize: "1mb"), use: handler)
        }
    }
}

/// JSON as the API writes it: sorted keys, so the same data gives the same bytes (and ETag).
enum APIJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func response<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok) throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "json", parameters: ["charset": "utf-8"])
        return Response(status: status, headers: headers, body: .init(data: try encoder.encode(value)))
    }
}
