import Foundation
import Vapor

/// The one typed route table: it registers routes and builds links, so a link can never point
/// to a route that does not exist.
public enum SiteRoute: Hashable, Sendable {
    /// The first page: a unit's targets with verdicts.
    case overview(unitCode: String?, period: String?, resolutionID: String?)
    /// The style sheet.
    case stylesheet
    /// A liveness probe.
    case health

    /// The path pattern Vapor registers.
    var pattern: [PathComponent] {
        switch self {
        case .overview: return []
        case .stylesheet: return ["static", "tiendo.css"]
        case .health: return ["healthz"]
        }
    }

    /// The link to this route, with its query.
    public var href: String {
        switch self {
        case .overview(let unit, let period, let resolution):
            var items: [URLQueryItem] = []
            if let unit { items.append(URLQueryItem(name: "don-vi", value: unit)) }
            if let period { items.append(URLQueryItem(name: "ky", value: period)) }
            if let resolution { items.append(URLQueryItem(name: "nghi-quyet", value: resolution)) }
            var components = URLComponents()
            components.path = "/"
            components.queryItems = items.isEmpty ? nil : items
            return components.string ?? "/"
        case .stylesheet: return "/static/tiendo.css"
        case .health: return "/healthz"
        }
    }
}
