import Foundation
import TiendoCore

/// A JSON value, for documents built in code (the OpenAPI document).
indirect enum JSONValue: Encodable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, b in b }))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let s): try container.encode(s)
        case .number(let n):
            if n == n.rounded(), abs(n) < 1e15 { try container.encode(Int(n)) } else { try container.encode(n) }
        case .bool(let b): try container.encode(b)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        case .null: try container.encodeNil()
        }
    }
}

/// The OpenAPI 3.0 document of /api/v1, built from `APIRoute` so that a route cannot be added
/// without its description (the switch below is exhaustive) — and the tests check that the
/// document, the registered routes and the answers agree. Descriptions are Vietnamese.
enum OpenAPIDocument {
    static let document: JSONValue = [
        "openapi": "3.0.3",
        "info": [
            "title": "Tiendo API",
            "version": "1.0.0",
            "description": .string(
                "API JSON của Tiendo: đơn vị (kèm lịch sử sắp xếp), chỉ số, nghị quyết và chỉ tiêu, số liệu (đọc và ghi), "
                    + "kết quả đánh giá chỉ tiêu và số liệu tổng hợp. Xác thực bằng mã truy cập do quản trị viên cấp "
                    + "(lệnh `tiendo token issue`), gửi trong tiêu đề `Authorization: Bearer <mã>`; mã có cùng vai trò và "
                    + "phạm vi đơn vị với tài khoản được cấp. Mọi lỗi có dạng {\"error\": {\"code\", \"message\", \"field\"}}, "
                    + "thông báo bằng tiếng Việt. Danh sách được phân trang bằng `limit` (mặc định 100, tối đa 1000) và "
                    + "`offset`. Mọi câu trả lời GET có ETag; gửi lại trong `If-None-Match` để nhận 304 khi không đổi."),
        ],
        "servers": [["url": "/"]],
        "security": [["bearerAuth": []]],
        "paths": .object(paths),
        "components": [
            "securitySchemes": [
                "bearerAuth": [
                    "type": "http", "scheme": "bearer",
                    "description":
                        "Mã truy cập dạng “tdk_…”, cấp bằng lệnh `tiendo token issue`, thu hồi bằng `tiendo token revoke`.",
                ]
            ],
            "parameters": [
                "limit": [
                    "name": "limit", "in": "query", "required": false,
                    "description": "Số mục tối đa của một trang (1–1000, mặc định 100).",
                    "schema": ["type": "integer", "minimum": 1, "maximum": 1000, "default": 100],
                ],
                "offset": [
                    "name": "offset", "in": "query", "required": false,
                    "description": "Bỏ qua bao nhiêu mục đầu (mặc định 0).",
                    "schema": [
                        "type": "integer", "minimum": 0, "maximum": .number(Double(APIQuery.maximumOffset)),
                        "default": 0,
                    ],
                ],
            ],
            "responses": [
                "BadRequest": errorResponse(
                    "Yêu cầu không đọc được (địa chỉ hoặc nội dung hỏng, ví dụ JSON không hợp lệ)."),
                "Unauthorized": errorResponse("Thiếu mã truy cập, mã sai hoặc đã bị thu hồi."),
                "Forbidden": errorResponse("Vai trò hoặc phạm vi đơn vị của mã truy cập không cho phép."),
                "NotFound": errorResponse("Không có đối tượng được nêu."),
                "Invalid": errorResponse(
                    "Tham số hoặc nội dung không hợp lệ (kể cả tham số gửi mà để trống, như `date=`); `field` chỉ ra trường sai."
                ),
                "TooManyRequests": errorResponse("Quá nhiều yêu cầu trong một lúc; hãy chờ rồi thử lại."),
                "NotModified": ["description": "Không đổi so với ETag đã gửi trong If-None-Match; không có nội dung."],
            ],
            "schemas": .object(schemas),
        ],
    ]

    // MARK: Paths

    static var paths: [String: JSONValue] {
        var result: [String: [String: JSONValue]] = [:]
        for route in APIRoute.allCases {
            result[route.documentedPath, default: [:]][route.method.rawValue.lowercased()] = operation(route)
        }
        return result.mapValues { .object($0) }
    }

    static func operation(_ route: APIRoute) -> JSONValue {
        let paging: [JSONValue] = [
            ["$ref": "#/components/parameters/limit"], ["$ref": "#/components/parameters/offset"],
        ]
        switch route {
        case .openAPI:
            return [
                "operationId": "getOpenAPI", "summary": "Tài liệu OpenAPI này (không cần mã truy cập).",
                "security": [], "tags": ["Tài liệu"],
                "responses": ["200": ["description": "Tài liệu OpenAPI 3.0.", "content": json(["type": "object"])]],
            ]
        case .units:
            return get(
                "listUnits",
                "Danh sách đơn vị trong phạm vi của mã truy cập, mỗi đơn vị kèm các phiên bản và quan hệ sắp xếp (đơn vị trước, đơn vị sau, tỷ lệ).",
                tag: "Đơn vị",
                parameters: [
                    query("parent", "Mã đơn vị cấp trên: chỉ lấy các đơn vị trực thuộc.", schema: codeSchema),
                    query(
                        "kind", "Loại đơn vị.",
                        schema: ["type": "string", "enum": .array(UnitKind.allCases.map { .string($0.rawValue) })]),
                    query(
                        "date",
                        "Chỉ lấy đơn vị tồn tại vào ngày này (YYYY-MM-DD); mặc định lấy mọi đơn vị, kể cả đơn vị đã sáp nhập.",
                        schema: dateSchema),
                ] + paging, ok: page("Unit"), errors: ["400", "401", "403", "404", "422", "429"])
        case .unit:
            return get(
                "getUnit", "Một đơn vị theo mã (mã có thể được dùng lại sau sắp xếp nên ngày quyết định đơn vị nào).",
                tag: "Đơn vị",
                parameters: [
                    path("code", "Mã đơn vị, ví dụ 19831."),
                    query("date", "Ngày (YYYY-MM-DD) để chọn đơn vị giữ mã; mặc định hôm nay.", schema: dateSchema),
                ], ok: ref("Unit"), errors: ["400", "401", "403", "404", "422", "429"])
        case .indicators:
            return get(
                "listIndicators", "Danh sách chỉ số và cách tổng hợp.", tag: "Chỉ số", parameters: paging,
                ok: page("Indicator"), errors: ["400", "401", "422", "429"])
        case .resolutions:
            return get(
                "listResolutions", "Các nghị quyết do đơn vị trong phạm vi của mã truy cập ban hành.",
                tag: "Nghị quyết",
                parameters: paging, ok: page("ResolutionSummary"), errors: ["400", "401", "422", "429"])
        case .resolution:
            return get(
                "getResolution", "Một nghị quyết với các chỉ tiêu và các lần điều chỉnh.", tag: "Nghị quyết",
                parameters: [path("id", "Mã nghị quyết.")], ok: ref("Resolution"),
                errors: ["400", "401", "403", "404", "429"])
        case .values:
            return get(
                "listValues",
                "Số liệu đã nhập (mỗi số có phiên bản, trạng thái, chú thích), trong phạm vi của mã truy cập.",
                tag: "Số liệu",
                parameters: [
                    query(
                        "unit", "Mã đơn vị (đơn vị giữ mã này vào cuối kỳ `period`, hoặc hôm nay khi không có kỳ).",
                        schema: codeSchema),
                    query("indicator", "Mã chỉ số.", schema: codeSchema),
                    query("period", "Kỳ: 2027, 2027S1, 2027N9, 2027Q3, 2027M09.", schema: periodSchema),
                ] + paging, ok: page("Value"), errors: ["400", "401", "403", "404", "422", "429"])
        case .value:
            return [
                "operationId": "putValue", "tags": ["Số liệu"],
                "summary": "Ghi một số liệu, theo đúng quy tắc của trang nhập liệu.",
                "description": .string(
                    "Số liệu được kiểm tra như trên trang nhập liệu (số đếm không âm, tỷ lệ 0–100%, có/không…). "
                        + "Gửi `version` là phiên bản đã đọc (bỏ trống hoặc null khi chưa có số liệu): nếu người khác đã sửa trước, "
                        + "trả về 409 kèm số liệu hiện tại trong `error.current`. Báo cáo đã nộp hoặc đã duyệt thì số liệu bị khóa (409, mã `locked`). "
                        + "Mọi thay đổi được ghi vào nhật ký."),
                "parameters": [
                    path(
                        "unit",
                        "Mã đơn vị. Mã có thể được dùng lại sau sắp xếp: đơn vị được chọn là đơn vị giữ mã này vào cuối kỳ."
                    ),
                    path("indicator", "Mã chỉ số."),
                    path("period", "Kỳ: 2027, 2027S1, 2027N9, 2027Q3, 2027M09.", schema: periodSchema),
                ],
                "requestBody": ["required": true, "content": json(ref("ValueInput"))],
                "responses": [
                    "200": ["description": "Đã ghi (hoặc không có gì thay đổi).", "content": json(ref("Value"))],
                    "201": ["description": "Đã ghi số liệu mới.", "content": json(ref("Value"))],
                    "400": errorRef("BadRequest"), "401": errorRef("Unauthorized"), "403": errorRef("Forbidden"),
                    "404": errorRef("NotFound"),
                    "409": errorResponse(
                        "Người khác đã sửa trước (mã `conflict`, kèm `current`) hoặc báo cáo đã khóa (mã `locked`)."),
                    "413": errorResponse("Nội dung gửi lên quá lớn (tối đa 1 MB)."),
                    "415": errorResponse("Nội dung không phải JSON (tiêu đề Content-Type phải là application/json)."),
                    "422": errorRef("Invalid"), "429": errorRef("TooManyRequests"),
                ],
            ]
        case .verdicts:
            return get(
                "getVerdicts",
                "Kết quả đánh giá mọi chỉ tiêu của các nghị quyết do đơn vị ban hành, tại một kỳ — như trang Tổng quan.",
                tag: "Đánh giá",
                parameters: [
                    query("unit", "Mã đơn vị.", required: true, schema: codeSchema),
                    query("period", "Kỳ đánh giá, ví dụ 2027.", required: true, schema: periodSchema),
                    query("resolution", "Chỉ lấy nghị quyết có mã này.", schema: codeSchema),
                    approvedOnlyParameter,
                ], ok: ref("Verdicts"), errors: ["400", "401", "403", "404", "422", "429"])
        case .rollUps:
            return get(
                "getRollUp", "Số liệu tổng hợp của một chỉ số cho một đơn vị và kỳ, và cách tính ra nó.",
                tag: "Tổng hợp",
                parameters: [
                    query("unit", "Mã đơn vị.", required: true, schema: codeSchema),
                    query("indicator", "Mã chỉ số.", required: true, schema: codeSchema),
                    query("period", "Kỳ, ví dụ 2027 hoặc 2027Q3.", required: true, schema: periodSchema),
                    approvedOnlyParameter,
                ], ok: ref("RollUp"), errors: ["400", "401", "403", "404", "422", "429"])
        case .explanations:
            return get(
                "listExplanations",
                "Yêu cầu giải trình mà tài khoản của mã truy cập được xem: của các đơn vị trong phạm vi và các yêu cầu "
                    + "tài khoản đã gửi.",
                tag: "Giải trình",
                parameters: [
                    query("unit", "Chỉ lấy yêu cầu gửi đơn vị có mã này.", schema: codeSchema),
                    query(
                        "status", "Chỉ lấy yêu cầu ở trạng thái này.",
                        schema: ["type": "string", "enum": .array(ExplanationStatus.allCases.map { .string($0.slug) })]),
                ] + paging, ok: page("Explanation"), errors: ["400", "401", "403", "404", "422", "429"])
        case .askExplanation:
            return post(
                "askExplanation",
                "Yêu cầu một đơn vị giải trình kết quả đánh giá một chỉ tiêu (gửi `resolution` và `targetNumber`) hoặc "
                    + "một số liệu (gửi `unit`, `indicator`, `period`), có hạn trả lời. Chỉ lãnh đạo (vai trò Xem) hoặc "
                    + "cán bộ tổng hợp của cấp trên đơn vị được yêu cầu; yêu cầu được ghi vào nhật ký.",
                parameters: [], input: "ExplanationInput", okStatus: "201",
                okDescription: "Đã gửi yêu cầu giải trình.")
        case .answerExplanation:
            return post(
                "answerExplanation",
                "Đơn vị được yêu cầu trả lời giải trình (chỉ tài khoản nhập liệu của chính đơn vị đó; mỗi yêu cầu trả "
                    + "lời một lần; tệp đính kèm chỉ gửi được trên trang web). Câu trả lời được ghi vào nhật ký.",
                parameters: [
                    path("id", "Định danh yêu cầu giải trình.", schema: ["type": "string", "format": "uuid"])
                ],
                input: "ExplanationAnswerInput", okStatus: "200", okDescription: "Đã ghi câu trả lời giải trình.")
        }
    }

    /// A POST that takes a JSON body and answers with an explanation request.
    static func post(
        _ id: String, _ summary: String, parameters: [JSONValue], input: String, okStatus: String,
        okDescription: String
    ) -> JSONValue {
        [
            "operationId": .string(id), "summary": .string(summary), "tags": ["Giải trình"],
            "parameters": .array(parameters),
            "requestBody": ["required": true, "content": json(ref(input))],
            "responses": [
                .init(stringLiteral: okStatus): [
                    "description": .string(okDescription), "content": json(ref("Explanation")),
                ],
                "400": errorRef("BadRequest"), "401": errorRef("Unauthorized"), "403": errorRef("Forbidden"),
                "404": errorRef("NotFound"),
                "413": errorResponse("Nội dung gửi lên quá lớn (tối đa 1 MB)."),
                "415": errorResponse("Nội dung không phải JSON (tiêu đề Content-Type phải là application/json)."),
                "422": errorRef("Invalid"), "429": errorRef("TooManyRequests"),
            ],
        ]
    }

    static func get(
        _ id: String, _ summary: String, tag: String, parameters: [JSONValue], ok: JSONValue, errors: [String]
    ) -> JSONValue {
        var responses: [String: JSONValue] = [
            "200": [
                "description": "Thành công. Có tiêu đề ETag.", "content": json(ok),
                "headers": ["ETag": ["description": "Mã băm của nội dung.", "schema": ["type": "string"]]],
            ],
            "304": errorRef("NotModified"),
        ]
        let names = [
            "400": "BadRequest", "401": "Unauthorized", "403": "Forbidden", "404": "NotFound", "422": "Invalid",
            "429": "TooManyRequests",
        ]
        for code in errors {
            // Only the codes named above are passed (a constant list per route); another code would
            // be documented without a schema rather than trap.
            responses[code] = names[code].map(errorRef) ?? ["description": "Lỗi."]
        }
        return [
            "operationId": .string(id), "summary": .string(summary), "tags": [.string(tag)],
            "parameters": .array(parameters), "responses": .object(responses),
        ]
    }

    static func query(
        _ name: String, _ description: String, required: Bool = false, schema: JSONValue = ["type": "string"]
    )
        -> JSONValue
    {
        [
            "name": .string(name), "in": "query", "required": .bool(required), "description": .string(description),
            "schema": schema,
        ]
    }

    /// The switch "Chỉ tính số liệu đã duyệt" of the board.
    static let approvedOnlyParameter = query(
        "approvedOnly",
        "true: chỉ tính số liệu đã duyệt (bỏ qua số liệu của báo cáo chưa nộp, đã nộp chờ duyệt hoặc bị trả lại); "
            + "mặc định false.",
        schema: ["type": "string", "enum": ["true", "false"]])

    static func path(_ name: String, _ description: String, schema: JSONValue = codeSchema) -> JSONValue {
        [
            "name": .string(name), "in": "path", "required": true, "description": .string(description),
            "schema": schema,
        ]
    }

    /// The parameter formats, from the patterns the API checks (`APIQuery`), so the two cannot differ.
    static let periodSchema: JSONValue = [
        "type": "string", "pattern": .string(APIQuery.periodPattern), "example": "2027",
        "description":
            "Năm (2027), 6 tháng (2027S1), 9 tháng (2027N9), quý (2027Q3) hoặc tháng (2027M09); năm 1900–2200.",
    ]
    static let dateSchema: JSONValue = [
        "type": "string", "format": "date", "pattern": .string(APIQuery.datePattern), "example": "2026-01-01",
    ]
    static let codeSchema: JSONValue = [
        "type": "string", "minLength": 1, "pattern": .string(APIQuery.codePattern),
    ]

    static func json(_ schema: JSONValue) -> JSONValue { ["application/json": ["schema": schema]] }
    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }
    static func errorRef(_ name: String) -> JSONValue { ["$ref": .string("#/components/responses/\(name)")] }
    static func errorResponse(_ description: String) -> JSONValue {
        ["description": .string(description), "content": json(ref("Error"))]
    }

    static func page(_ item: String) -> JSONValue {
        object(
            "Một trang của danh sách.",
            required: ["items", "total", "limit", "offset", "next"],
            [
                "items": ["type": "array", "items": ref(item)],
                "total": integer("Tổng số mục."), "limit": integer("Số mục tối đa của trang."),
                "offset": integer("Số mục đã bỏ qua."),
                "next": nullable(string("Đường dẫn của trang sau; null ở trang cuối.")),
            ])
    }

    // MARK: Schemas

    static func object(_ description: String, required: [String], _ properties: [String: JSONValue]) -> JSONValue {
        [
            "type": "object", "description": .string(description), "required": .array(required.map { .string($0) }),
            "properties": .object(properties),
        ]
    }
    static func string(_ d: String) -> JSONValue { ["type": "string", "description": .string(d)] }
    static func integer(_ d: String) -> JSONValue { ["type": "integer", "description": .string(d)] }
    static func number(_ d: String) -> JSONValue { ["type": "number", "description": .string(d)] }
    static func boolean(_ d: String) -> JSONValue { ["type": "boolean", "description": .string(d)] }
    static func array(_ items: JSONValue, _ d: String) -> JSONValue {
        ["type": "array", "items": items, "description": .string(d)]
    }
    static func nullable(_ schema: JSONValue) -> JSONValue {
        guard case .object(var o) = schema else { return schema }
        o["nullable"] = true
        return .object(o)
    }
    static func enumerated(_ values: [String], _ d: String) -> JSONValue {
        ["type": "string", "enum": .array(values.map { .string($0) }), "description": .string(d)]
    }

    static let schemas: [String: JSONValue] = [
        "Explanation": object(
            "Một yêu cầu giải trình và câu trả lời (nếu đã có).",
            required: [
                "id", "unitId", "indicator", "subject", "question", "askedBy", "askedOn", "due", "status", "statusName",
            ],
            [
                "id": string("Định danh."), "unit": ref("UnitRef"), "unitId": string("Định danh đơn vị được yêu cầu."),
                "indicator": string("Mã chỉ số."),
                "resolution": string("Mã nghị quyết, khi yêu cầu giải trình kết quả một chỉ tiêu."),
                "targetNumber": integer("Số thứ tự chỉ tiêu trong nghị quyết."),
                "period": string("Kỳ của số liệu, khi yêu cầu giải trình một số liệu."),
                "subject": string("Nội dung cần giải trình, bằng lời."), "question": string("Câu hỏi, yêu cầu."),
                "askedBy": string("Người yêu cầu."), "askedOn": string("Ngày yêu cầu (YYYY-MM-DD)."),
                "due": string("Hạn giải trình (YYYY-MM-DD)."),
                "status": enumerated(ExplanationStatus.allCases.map(\.slug), "Trạng thái."),
                "statusName": string("Trạng thái bằng tiếng Việt."),
                "answer": object(
                    "Câu trả lời giải trình.", required: ["text", "author", "date"],
                    [
                        "text": string("Nội dung giải trình."), "author": string("Người trả lời."),
                        "date": string("Ngày trả lời (YYYY-MM-DD)."), "fileName": string("Tên tệp đính kèm."),
                    ]),
            ]),
        "ExplanationInput": object(
            "Yêu cầu giải trình gửi lên.", required: ["question", "due"],
            [
                "unit": string("Mã đơn vị được yêu cầu (bắt buộc khi hỏi về một số liệu)."),
                "indicator": string("Mã chỉ số (khi hỏi về một số liệu)."),
                "period": string("Kỳ của số liệu, ví dụ 2027 (khi hỏi về một số liệu)."),
                "resolution": string("Mã nghị quyết (khi hỏi về kết quả một chỉ tiêu)."),
                // Bounded, as a target's number is: a number past Int's range would not decode (400).
                "targetNumber": [
                    "type": "integer", "minimum": 1, "maximum": 100_000,
                    "description": "Số thứ tự chỉ tiêu (khi hỏi về kết quả một chỉ tiêu).",
                ],
                "question": string("Câu hỏi, yêu cầu (không để trống)."),
                "due": string("Hạn giải trình (YYYY-MM-DD), từ hôm nay trở đi."),
            ]),
        "ExplanationAnswerInput": object(
            "Câu trả lời giải trình gửi lên.", required: ["text"],
            ["text": string("Nội dung giải trình (không để trống).")]),
        "Error": object(
            "Lỗi: mọi câu trả lời lỗi dưới /api/v1 đều có dạng này.", required: ["error"],
            [
                "error": object(
                    "Chi tiết lỗi.", required: ["code", "message", "field"],
                    [
                        "code": string(
                            "Mã lỗi cho máy: unauthorized, forbidden, not_found, invalid, ambiguous, unusual, conflict, locked, bad_request, internal…"
                        ),
                        "message": string("Thông báo bằng tiếng Việt, nói rõ sai gì và cần làm gì."),
                        "field": nullable(string("Trường hoặc tham số bị sai; null khi lỗi không thuộc trường nào.")),
                        "current": ref("Value"),
                    ])
            ]),
        "UnitRef": object(
            "Một đơn vị được nhắc đến.", required: ["id", "code", "fullName"],
            [
                "id": string("Định danh bền vững của đơn vị (mã@ngày thành lập)."), "code": string("Mã đơn vị."),
                "fullName": string("Tên đầy đủ, ví dụ “Phường Phong Dinh”."),
            ]),
        "UnitVersion": object(
            "Một phiên bản của đơn vị (tên, loại, cấp trên trong một khoảng thời gian).",
            required: ["code", "name", "kind", "kindName", "validFrom"],
            [
                "code": string("Mã."), "name": string("Tên."),
                "kind": enumerated(UnitKind.allCases.map(\.rawValue), "Loại."),
                "kindName": string("Tên loại bằng tiếng Việt."), "parentId": string("Định danh đơn vị cấp trên."),
                "validFrom": string("Hiệu lực từ ngày (YYYY-MM-DD)."),
                "validTo": string("Hiệu lực đến ngày, nếu đã kết thúc."),
            ]),
        "LineageLink": object(
            "Quan hệ sắp xếp: đơn vị ở phía bên kia, tỷ lệ và ngày.",
            required: ["unitId", "code", "fullName", "weight", "weightIsEstimated", "date"],
            [
                "unitId": string("Định danh đơn vị."), "code": string("Mã đơn vị."), "fullName": string("Tên đầy đủ."),
                "weight": number("Tỷ lệ phần lãnh thổ/dân số chuyển sang (1 khi sáp nhập nguyên đơn vị)."),
                "weightIsEstimated": boolean("Tỷ lệ là ước tính."), "date": string("Ngày sắp xếp (YYYY-MM-DD)."),
            ]),
        "Unit": object(
            "Đơn vị với mọi phiên bản và quan hệ sắp xếp.",
            required: [
                "id", "code", "name", "kind", "kindName", "fullName", "validFrom", "versions", "predecessors",
                "successors",
            ],
            [
                "id": string("Định danh bền vững."), "code": string("Mã."), "name": string("Tên."),
                "kind": enumerated(UnitKind.allCases.map(\.rawValue), "Loại."), "kindName": string("Tên loại."),
                "fullName": string("Tên đầy đủ."), "parentId": string("Định danh đơn vị cấp trên."),
                "parentCode": string("Mã đơn vị cấp trên."), "validFrom": string("Hiệu lực từ ngày."),
                "validTo": string("Hiệu lực đến ngày."),
                "versions": array(ref("UnitVersion"), "Mọi phiên bản, cũ trước."),
                "predecessors": array(ref("LineageLink"), "Các đơn vị trước (đã sáp nhập/chia tách vào đơn vị này)."),
                "successors": array(ref("LineageLink"), "Các đơn vị sau (nhận lại đơn vị này)."),
            ]),
        "Indicator": object(
            "Chỉ số.",
            required: [
                "code", "name", "unitOfMeasure", "decimals", "valueType", "spaceAggregation", "timeAggregation",
            ],
            [
                "code": string("Mã chỉ số."), "name": string("Tên."), "unitOfMeasure": string("Đơn vị tính."),
                "decimals": integer("Số chữ số thập phân hiển thị."),
                "valueType": enumerated(ValueType.allCases.map(\.rawValue), "Loại số."),
                "spaceAggregation": enumerated(
                    ["sum", "ratio", "mean", "min", "max", "none"], "Cách tổng hợp lên cấp trên."),
                "numerator": string("Chỉ số tử số (khi tổng hợp theo tỷ lệ)."),
                "denominator": string("Chỉ số mẫu số."), "multiplier": number("Hệ số (100 với tỷ lệ phần trăm)."),
                "timeAggregation": enumerated(
                    TimeAggregation.allCases.map(\.rawValue), "Cách tổng hợp theo thời gian."),
            ]),
        "Condition": object(
            "Điều kiện của chỉ tiêu.", required: ["kind"],
            [
                "kind": enumerated(["atLeast", "atMost", "between"], "Loại điều kiện."), "value": number("Ngưỡng."),
                "exceedBound": number("Mức vượt (kế hoạch)."), "low": number("Cận dưới."), "high": number("Cận trên."),
                "direction": enumerated(["higherIsBetter", "lowerIsBetter"], "Chiều tốt hơn."),
            ]),
        "Measure": object(
            "Cách đo chỉ tiêu.", required: ["kind"],
            [
                "kind": enumerated(
                    ["level", "averageGrowth", "averageChange", "sum", "annualMean", "everyYear", "shareOfUnits"],
                    "Loại."),
                "baseYear": integer("Năm gốc (tăng trưởng hoặc thay đổi bình quân)."),
                "geometric": boolean("Bình quân nhân."),
                "fromYear": integer("Từ năm."), "toYear": integer("Đến năm."),
                "unitCondition": ref("Condition"), "unitKinds": array(["type": "string"], "Loại đơn vị được đếm."),
            ]),
        "Target": object(
            "Chỉ tiêu của nghị quyết.",
            required: [
                "number", "group", "groupName", "wording", "indicatorCode", "measure", "condition", "deadlineYear",
            ],
            [
                "number": integer("Số thứ tự."), "group": enumerated(TargetGroup.allCases.map(\.rawValue), "Nhóm."),
                "groupName": string("Tên nhóm."), "wording": string("Nội dung chỉ tiêu như nghị quyết ghi."),
                "indicatorCode": string("Mã chỉ số."), "measure": ref("Measure"), "condition": ref("Condition"),
                "deadlineYear": integer("Năm phải đạt."), "baseline": number("Giá trị gốc."),
            ]),
        "ResolutionSummary": object(
            "Nghị quyết (trong danh sách).",
            required: ["id", "symbol", "title", "termStart", "termEnd", "adoptedOn", "targetCount"],
            [
                "id": string("Mã."), "symbol": string("Số, ký hiệu."), "title": string("Trích yếu."),
                "issuingUnit": ref("UnitRef"), "termStart": integer("Nhiệm kỳ từ năm."), "termEnd": integer("Đến năm."),
                "adoptedOn": string("Ngày thông qua (YYYY-MM-DD)."), "targetCount": integer("Số chỉ tiêu."),
            ]),
        "Revision": object(
            "Một lần điều chỉnh chỉ tiêu.", required: ["symbol", "title", "effectiveFrom", "targets"],
            [
                "symbol": string("Số, ký hiệu."), "title": string("Trích yếu."),
                "effectiveFrom": string("Hiệu lực từ ngày."),
                "targets": array(ref("Target"), "Các chỉ tiêu được điều chỉnh."),
            ]),
        "Resolution": object(
            "Nghị quyết với các chỉ tiêu.",
            required: ["id", "symbol", "title", "termStart", "termEnd", "adoptedOn", "targets", "revisions"],
            [
                "id": string("Mã."), "symbol": string("Số, ký hiệu."), "title": string("Trích yếu."),
                "issuingUnit": ref("UnitRef"), "termStart": integer("Nhiệm kỳ từ năm."), "termEnd": integer("Đến năm."),
                "adoptedOn": string("Ngày thông qua."), "targets": array(ref("Target"), "Các chỉ tiêu."),
                "revisions": array(ref("Revision"), "Các lần điều chỉnh."),
            ]),
        "Value": object(
            "Một số liệu đã nhập.",
            required: [
                "unit", "unitId", "indicator", "period", "value", "status", "statusName", "author", "enteredAt",
                "version",
            ],
            [
                "unit": string("Mã đơn vị."), "unitId": string("Định danh đơn vị."), "indicator": string("Mã chỉ số."),
                "period": string("Kỳ."), "value": number("Giá trị."),
                "status": enumerated(
                    ValueStatus.allCases.map(\.rawValue), "Trạng thái: chinhThuc (chính thức) hoặc uoc (ước)."),
                "statusName": string("Trạng thái bằng tiếng Việt."), "note": string("Chú thích."),
                "author": string("Người nhập."),
                "enteredAt": ["type": "string", "format": "date-time", "description": "Thời điểm nhập."],
                "version": integer("Phiên bản; gửi lại khi sửa để tránh ghi đè lên thay đổi của người khác."),
            ]),
        "ValueInput": object(
            "Số liệu gửi lên.", required: ["value"],
            [
                "value": [
                    "description":
                        "Giá trị: số JSON (1234.5) hoặc chuỗi theo cách viết Việt Nam (“1.234,5”; “có”/“không” với chỉ số có/không).",
                    "oneOf": [["type": "number"], ["type": "string"]],
                ],
                "status": enumerated(ValueStatus.allCases.map(\.rawValue), "Trạng thái; mặc định chinhThuc."),
                "note": nullable(string("Chú thích (thành chú thích cuối trang trong báo cáo).")),
                "version": nullable(integer("Phiên bản đã đọc; bỏ trống hoặc null khi chưa có số liệu.")),
            ]),
        "Verdict": object(
            "Kết quả đánh giá một chỉ tiêu.",
            required: [
                "targetNumber", "group", "wording", "indicatorCode", "verdict", "verdictName", "isEstimate", "planText",
                "explanation", "restsOnUnapproved",
            ],
            [
                "targetNumber": integer("Số thứ tự chỉ tiêu."), "group": string("Nhóm."),
                "wording": string("Nội dung chỉ tiêu."),
                "indicatorCode": string("Mã chỉ số."),
                "verdict": enumerated(Verdict.allCases.map(\.rawValue), "Kết quả (mã)."),
                "verdictName": string("Kết quả bằng tiếng Việt, ví dụ “ước đạt”, “gần đạt”."),
                "isEstimate": boolean("Dựa trên số ước."),
                "figure": number("Số đạt được (theo độ chính xác hiển thị)."),
                "figureText": string("Số đạt được như in trong báo cáo."), "planText": string("Kế hoạch."),
                "outlook": enumerated(["coKhaNangDat", "khoDat"], "Dự báo đến hạn."),
                "outlookName": string("Dự báo bằng tiếng Việt."), "projectionText": string("Số dự báo đến hạn."),
                "explanation": string("Câu giải thích, giống trên màn hình và trong báo cáo."),
                "restsOnUnapproved": boolean(
                    "Dựa trên số liệu chưa duyệt: có dùng số liệu của báo cáo chưa nộp, đã nộp chờ duyệt hoặc bị trả lại "
                        + "(kể cả của đơn vị trực thuộc); luôn false khi approvedOnly=true."),
            ]),
        "ResolutionVerdicts": object(
            "Kết quả các chỉ tiêu của một nghị quyết.", required: ["id", "symbol", "title", "summary", "targets"],
            [
                "id": string("Mã nghị quyết."), "symbol": string("Số, ký hiệu."), "title": string("Trích yếu."),
                "summary": string("Câu tổng hợp, ví dụ “có 07/14 chỉ tiêu đạt và vượt; …”."),
                "targets": array(ref("Verdict"), "Từng chỉ tiêu."),
            ]),
        "Verdicts": object(
            "Kết quả đánh giá của một đơn vị tại một kỳ.",
            required: ["unit", "period", "periodName", "approvedOnly", "resolutions"],
            [
                "unit": ref("UnitRef"), "period": string("Kỳ."), "periodName": string("Tên kỳ bằng tiếng Việt."),
                "approvedOnly": boolean("Đánh giá chỉ trên số liệu đã duyệt (tham số approvedOnly=true)."),
                "resolutions": array(ref("ResolutionVerdicts"), "Các nghị quyết do đơn vị ban hành."),
            ]),
        "RollUp": object(
            "Số liệu tổng hợp và cách tính.", required: ["unit", "indicator", "period", "outcome", "description"],
            [
                "unit": ref("UnitRef"), "indicator": string("Mã chỉ số."), "period": string("Kỳ."),
                "outcome": enumerated(
                    ["figure", "missing", "notComparable"], "Có số, chưa có số, hoặc không so sánh được."),
                "value": number("Giá trị."), "isEstimate": boolean("Có dùng số ước."),
                "source": enumerated(
                    ["reported", "ratio", "children", "shorterPeriods", "lineage"],
                    "Nguồn: báo cáo trực tiếp, tỷ lệ, đơn vị trực thuộc, kỳ ngắn hơn, đơn vị trước sắp xếp."),
                "sourceCount": integer("Số đơn vị hoặc số kỳ đã tổng hợp."),
                "weightsEstimated": boolean("Tỷ lệ phân chia là ước tính."),
                "restsOnUnapproved": boolean("Có dùng số liệu chưa duyệt."),
                "description": string("Cách tính bằng tiếng Việt."),
            ]),
    ]
}
