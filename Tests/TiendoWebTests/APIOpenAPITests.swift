import Foundation
import TiendoApplication
import TiendoCore
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// The OpenAPI document says what the server does: every documented operation is registered
/// and answers, every registered API route is documented, and real answers have exactly the
/// properties their schema names (every required one, nothing undocumented).
final class APIOpenAPITests: XCTestCase {
    /// A real request for each documented operation ("GET /api/v1/units/{code}").
    nonisolated(unsafe) static let samples: [String: (path: String, body: [String: Any]?, status: HTTPResponseStatus)] =
        [
            "GET /api/v1/openapi.json": ("/api/v1/openapi.json", nil, .ok),
            "GET /api/v1/units": ("/api/v1/units?limit=3", nil, .ok),
            "GET /api/v1/units/{code}": ("/api/v1/units/19831", nil, .ok),
            "GET /api/v1/indicators": ("/api/v1/indicators", nil, .ok),
            "GET /api/v1/resolutions": ("/api/v1/resolutions", nil, .ok),
            "GET /api/v1/resolutions/{id}": ("/api/v1/resolutions/hue-2025-2030", nil, .ok),
            "GET /api/v1/values": ("/api/v1/values?unit=19831&period=2027", nil, .ok),
            "PUT /api/v1/values/{unit}/{indicator}/{period}": (
                "/api/v1/values/19831/THU_NSNN/2026Q1", ["value": 120.5, "status": "uoc", "note": "Thử"], .created
            ),
            "GET /api/v1/verdicts": ("/api/v1/verdicts?unit=46&period=2027", nil, .ok),
            "GET /api/v1/rollups": ("/api/v1/rollups?unit=46&indicator=SO_HO_NGHEO&period=2027", nil, .ok),
            "GET /api/v1/explanations": ("/api/v1/explanations", nil, .ok),
            // The city's own administrator asks the city (the top unit reviews itself) and answers.
            "POST /api/v1/explanations": (
                "/api/v1/explanations",
                [
                    "unit": "46", "indicator": "SO_HO_NGHEO", "period": "2025", "question": "Vì sao?",
                    "due": "2099-12-31",
                ],
                .created
            ),
            "POST /api/v1/explanations/{id}/answer": (
                "/api/v1/explanations/{explanation}/answer", ["text": "Do rà soát lại"], .ok
            ),
        ]

    /// Error answers to check against the error schema.
    nonisolated(unsafe) static let errorSamples:
        [(method: HTTPMethod, path: String, body: [String: Any]?, status: HTTPResponseStatus)] =
            [
                (.GET, "/api/v1/units/khong-co", nil, .notFound),
                (.GET, "/api/v1/verdicts?unit=46", nil, .unprocessableEntity),
                (.PUT, "/api/v1/values/19831/SO_HO_NGHEO/2027", ["value": -1], .unprocessableEntity),
                (.PUT, "/api/v1/values/19831/SO_HO_NGHEO/2027", ["value": 1, "version": 999], .conflict),
            ]

    func document(_ web: WebTestApp) async throws -> [String: Any] {
        let response = try await web.api(.GET, "/api/v1/openapi.json", token: nil)
        XCTAssertEqual(response.status, .ok)
        return response.object
    }

    func testTheDocumentAndTheRegisteredRoutesAgree() async throws {
        try await WebTestApp.withDemo { web in
            let document = try await document(web)
            let paths = try XCTUnwrap(document["paths"] as? [String: [String: Any]])

            let documented = Set(
                paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            let registered = Set(
                web.app.routes.all.map { route in
                    "\(route.method.rawValue) /"
                        + route.path.map { component in
                            let text = component.description
                            return text.hasPrefix(":") ? "{\(text.dropFirst())}" : text
                        }.joined(separator: "/")
                }.filter { $0.contains(" /api/v1") })

            XCTAssertEqual(documented, registered)
            XCTAssertEqual(Set(Self.samples.keys), documented, "every documented operation has a sample request")
            XCTAssertEqual((document["openapi"] as? String)?.hasPrefix("3."), true)
            let schemes = (document["components"] as? [String: Any])?["securitySchemes"] as? [String: Any]
            XCTAssertEqual((schemes?["bearerAuth"] as? [String: Any])?["scheme"] as? String, "bearer")
            for (path, operations) in paths {
                for (method, operation) in operations {
                    let operation = operation as? [String: Any] ?? [:]
                    XCTAssertFalse((operation["summary"] as? String ?? "").isEmpty, "\(method) \(path) is described")
                    // Every {parameter} of the path is documented as a path parameter.
                    let names = Set(
                        (operation["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "path" }
                            .compactMap { $0["name"] as? String })
                    let inPath = Set(
                        path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                            String($0.dropFirst().dropLast())
                        })
                    XCTAssertEqual(names, inPath, "\(method) \(path)")
                }
            }
        }
    }

    func testEveryOperationAnswersWithWhatItsSchemaSays() async throws {
        try await WebTestApp.withDemo { web in
            let document = try await document(web)
            let paths = try XCTUnwrap(document["paths"] as? [String: [String: Any]])
            let token = try await web.token("quantri")
            for (key, sample) in Self.samples.sorted(by: { $0.key < $1.key }) {
                let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
                let operation = try XCTUnwrap(paths[parts[1]]?[parts[0].lowercased()] as? [String: Any], key)

                // The request the sample "POST /api/v1/explanations" made (the samples run in key order).
                let explanation = try await web.store.explanationRequests().first?.id.uuidString ?? "khong-co"
                let response = try await web.api(
                    HTTPMethod(rawValue: parts[0]),
                    sample.path.replacingOccurrences(of: "{explanation}", with: explanation), token: token,
                    json: sample.body)

                XCTAssertEqual(response.status, sample.status, "\(key): \(response.body.string.prefix(300))")
                let responses = try XCTUnwrap(operation["responses"] as? [String: Any], key)
                let described = try XCTUnwrap(
                    responses["\(response.status.code)"] as? [String: Any], "\(key) documents \(response.status.code)")
                let schema = try XCTUnwrap(
                    ((described["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"]
                        as? [String: Any], key)
                let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
                var problems: [String] = []
                SchemaCheck(document: document).check(body, schema, at: key, problems: &problems)
                XCTAssertEqual(problems, [], key)
            }
        }
    }

    func testTheCheckCatchesAMissingOrAnUndocumentedProperty() async throws {
        try await WebTestApp.withDemo { web in
            let document = try await document(web)
            let schema: [String: Any] = ["$ref": "#/components/schemas/UnitRef"]
            var missing: [String] = []
            var extra: [String] = []

            SchemaCheck(document: document).check(["id": "x", "code": "1"], schema, at: "a", problems: &missing)
            SchemaCheck(document: document).check(
                ["id": "x", "code": "1", "fullName": "X", "khac": 1], schema, at: "b", problems: &extra)

            XCTAssertEqual(missing, ["a: missing required fullName"])
            XCTAssertEqual(extra, ["b: undocumented property khac"])
        }
    }

    func testErrorsHaveTheDocumentedErrorShape() async throws {
        try await WebTestApp.withDemo { web in
            let document = try await document(web)
            let token = try await web.token("quantri")
            let schema: [String: Any] = ["$ref": "#/components/schemas/Error"]
            for sample in Self.errorSamples {
                let response = try await web.api(sample.method, sample.path, token: token, json: sample.body)

                XCTAssertEqual(response.status, sample.status, "\(sample.path): \(response.body.string)")
                let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
                var problems: [String] = []
                SchemaCheck(document: document).check(body, schema, at: sample.path, problems: &problems)
                XCTAssertEqual(problems, [], sample.path)
            }
        }
    }
}

/// Checks a JSON value against an OpenAPI 3.0 schema: types, required properties, and no
/// property the schema does not name — enough to catch a document that drifted from the code.
struct SchemaCheck {
    let document: [String: Any]

    func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String, ref.hasPrefix("#/") else { return schema }
        var node: Any = document
        for part in ref.dropFirst(2).split(separator: "/") {
            node = (node as? [String: Any])?[String(part)] ?? [:]
        }
        return resolve(node as? [String: Any] ?? [:])
    }

    func check(_ value: Any, _ raw: [String: Any], at path: String, problems: inout [String]) {
        let schema = resolve(raw)
        if value is NSNull {
            if schema["nullable"] as? Bool != true { problems.append("\(path): null but not nullable") }
            return
        }
        if let alternatives = schema["oneOf"] as? [[String: Any]] {
            let fits = alternatives.contains { alternative in
                var inner: [String] = []
                check(value, alternative, at: path, problems: &inner)
                return inner.isEmpty
            }
            if !fits { problems.append("\(path): fits none of oneOf") }
            return
        }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else {
                problems.append("\(path): not an object")
                return
            }
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                problems.append("\(path): missing required \(name)")
            }
            if let properties = schema["properties"] as? [String: Any] {
                for (name, child) in object {
                    guard let childSchema = properties[name] as? [String: Any] else {
                        problems.append("\(path): undocumented property \(name)")
                        continue
                    }
                    check(child, childSchema, at: "\(path).\(name)", problems: &problems)
                }
            }
        case "array":
            guard let array = value as? [Any] else {
                problems.append("\(path): not an array")
                return
            }
            let items = schema["items"] as? [String: Any] ?? [:]
            for (index, element) in array.enumerated() {
                check(element, items, at: "\(path)[\(index)]", problems: &problems)
            }
        case "string":
            guard let text = value as? String else {
                problems.append("\(path): not a string")
                return
            }
            if let allowed = schema["enum"] as? [String], !allowed.contains(text) {
                problems.append("\(path): “\(text)” not in enum")
            }
        case "integer":
            guard let number = value as? NSNumber, number.doubleValue == number.doubleValue.rounded() else {
                problems.append("\(path): not an integer")
                return
            }
        case "number", "boolean":
            if !(value is NSNumber) { problems.append("\(path): not a \(schema["type"]!)") }
        default:
            break
        }
    }
}
