import Foundation
import TiendoCore
import Vapor

/// The JSON API's handlers. Each reads its parameters, asks the store or a Core use case, and
/// maps the answer to the shapes of `APIModels.swift`; writes go through the same rules as the
/// entry page (`FigureReading`, the store's compare-and-set, `SubmissionWorkflow`, the audit trail).
struct APIController: Sendable {
    let store: any ReferenceData & FigureEntryStore

    // MARK: Units

    /// GET /api/v1/units?parent=&kind=&date=&limit=&offset=
    @Sendable func units(_ request: Request) async throws -> Response {
        let user = try request.apiUser()
        let paging = try APIPaging(request)
        let directory = try await store.directory()
        let date = try APIQuery.date(request, "date")
        let today = CivilDate.todayInVietnam()
        var versions = directory.unitIDs.compactMap { id in
            date.map { directory.version(of: id, on: $0) } ?? directory.latestVersion(of: id)
        }
        versions = versions.filter { user.account.canSee($0.unitID, in: directory, on: date ?? today) }
        if let parentCode = try APIQuery.text(request, "parent") {
            let parent = try APILookup.unit(parentCode, on: date ?? today, directory, user: user, field: "parent")
            versions = versions.filter { $0.parentID == parent.unitID }
        }
        if let kindText = try APIQuery.text(request, "kind") {
            guard let kind = UnitKind(rawValue: kindText) else {
                throw APIError(
                    .unprocessableEntity, "invalid",
                    "Loại đơn vị “\(kindText)” không có; hãy dùng một trong: "
                        + UnitKind.allCases.map(\.rawValue).joined(separator: ", ") + ".", field: "kind")
            }
            versions = versions.filter { $0.kind == kind }
        }
        versions.sort { ($0.code, $0.validFrom.iso, $0.unitID) < ($1.code, $1.validFrom.iso, $1.unitID) }
        return try paging.response(versions, request: request) { APIUnit($0, directory: directory) }
    }

    /// GET /api/v1/units/{code}?date=
    @Sendable func unit(_ request: Request) async throws -> Response {
        let user = try request.apiUser()
        let directory = try await store.directory()
        let date = try APIQuery.date(request, "date") ?? .todayInVietnam()
        let unit = try APILookup.unit(
            request.parameters.get("code") ?? "", on: date, directory, user: user, field: "code")
        return try APIJSON.response(APIUnit(unit, directory: directory))
    }

    // MARK: Indicators and resolutions

    /// GET /api/v1/indicators
    @Sendable func indicators(_ request: Request) async throws -> Response {
        _ = try request.apiUser()
        let paging = try APIPaging(request)
        return try paging.response(try await store.indicators().map(APIIndicator.init), request: request)
    }

    /// GET /api/v1/resolutions — those whose issuing unit lies in the token's scope.
    @Sendable func resolutions(_ request: Request) async throws -> Response {
        let user = try request.apiUser()
        let paging = try APIPaging(request)
        let directory = try await store.directory()
        let today = CivilDate.todayInVietnam()
        let visible = try await store.resolutions().filter {
            user.account.canSee($0.issuingUnitID, in: directory, on: today)
        }
        return try paging.response(
            visible.map { APIResolutionSummary($0, directory: directory) }, request: request)
    }

    /// GET /api/v1/resolutions/{id}
    @Sendable func resolution(_ request: Request) async throws -> Response {
        let user = try request.apiUser()
        let id = request.parameters.get("id") ?? ""
        guard let resolution = try await store.resolutions().first(where: { $0.id == id }) else {
            throw APIError(.notFound, "not_found", "Không có nghị quyết mã “\(id)”.", field: "id")
        }
        let directory = try await store.directory()
        guard user.account.canSee(resolution.issuingUnitID, in: directory, on: .todayInVietnam()) else {
            throw APIError(
                .forbidden, "forbidden", "Nghị quyết “\(resolution.symbol)” nằm ngoài phạm vi của mã truy cập này.",
                field: "id")
        }
        return try APIJSON.response(APIResolution(resolution, directory: directory))
    }

    // MARK: Values

    /// GET /api/v1/values?unit=&indicator=&period=
    @Sendable func values(_ request: Request) async throws -> Response {
        let user = try request.apiUser()
        let paging = try APIPaging(request)
        let snapshot = try await store.snapshot()
        let directory = snapshot.directory
        let period = try APIQuery.period(request, "period")
        var unit: UnitID?
        if let code = try APIQuery.text(request, "unit") {
            let date = period?.span(in: .statistical).end ?? .todayInVietnam()
            unit = try APILookup.unit(code, on: date, directory, user: user, field: "unit").unitID
        }
        let indicator = try APIQuery.text(request, "indicator")
        if let indicator, !snapshot.indicators.contains(where: { $0.code == indicator }) {
            throw APIError(.notFound, "not_found", "Không có chỉ số mã “\(indicator)”.", field: "indicator")
        }
        var values: [IndicatorValue]
        if let unit {
            // One unit's figures by lookups; the whole table is copied only when no unit is named.
            let codes = indicator.map { [$0] } ?? snapshot.values.indicatorCodes
            values = codes.flatMap { snapshot.values.reported($0, unit: unit) }
        } else {
            values = snapshot.values.all
            if let indicator { values = values.filter { $0.indicatorCode == indicator } }
        }
        if let period { values = values.filter { $0.period == period } }
        let today = CivilDate.todayInVietnam()
        values = values.filter { user.account.canSee($0.unitID, in: directory, on: today) }
        var codes: [UnitID: String] = [:]
        for id in Set(values.map(\.unitID)) { codes[id] = directory.latestVersion(of: id)?.code ?? id.rawValue }
        values.sort {
            (codes[$0.unitID, default: ""], $0.unitID, $0.indicatorCode, $0.period.id)
                < (codes[$1.unitID, default: ""], $1.unitID, $1.indicatorCode, $1.period.id)
        }
        // Only the page is mapped: a province holds hundreds of thousands of figures.
        return try paging.response(values, request: request) { APIValue($0, directory: directory) }
    }

    /// PUT /api/v1/values/{unit}/{indicator}/{period} — writes one figure with the entry
    /// page's rules: the same reading, the same lock on submitted reports, the same
    /// compare-and-set on the version, the same audit trail.
    @Sendable func putValue(_ request: Request) async throws -> Response {
        do {
            let response = try await writeValue(request)
            request.application.tiendoMetrics.recordImport(.api, succeeded: true)
            return response
        } catch {
            request.application.tiendoMetrics.recordImport(.api, succeeded: false)
            throw error
        }
    }

    private func writeValue(_ request: Request) async throws -> Response {
        let user = try request.apiUser()
        guard user.account.role.canEnterData else {
            throw APIError(
                .forbidden, "forbidden",
                "Tài khoản của mã truy cập này (\(user.account.role.vietnameseName)) không được nhập số liệu.")
        }
        // The document's pattern, as every read path checks it: "2027q3" or " 2027" is refused here too.
        let period = try APIQuery.period(request.parameters.get("period") ?? "", field: "period")
        let snapshot = try await store.snapshot()
        let indicatorCode = request.parameters.get("indicator") ?? ""
        guard let indicator = snapshot.indicators.first(where: { $0.code == indicatorCode }) else {
            throw APIError(.notFound, "not_found", "Không có chỉ số mã “\(indicatorCode)”.", field: "indicator")
        }
        let unit = try APILookup.unit(
            request.parameters.get("unit") ?? "", on: period.span(in: .statistical).end, snapshot.directory,
            user: user, field: "unit")
        guard request.headers.contentType?.subType == "json" else {
            throw APIError(
                .unsupportedMediaType, "unsupported_media_type",
                "Hãy gửi nội dung dạng JSON (tiêu đề Content-Type: application/json).")
        }
        let input = try request.content.decode(APIValueInput.self)
        // Figures Tiendo computes (tasks, quality ratings, dossiers) are never written from outside.
        if let refusal = FigureRules.computedRefusal(indicator) {
            throw APIError(.unprocessableEntity, "invalid", refusal, field: "indicator")
        }

        // The reading first: nothing about the figure is looked up until it is a valid number.
        let reading: FigureReading.Reading
        switch input.value {
        case .number(let number): reading = FigureReading.check(number, for: indicator)
        case .text(let text): reading = FigureReading.read(text, for: indicator)
        }
        if let error = reading.error {
            throw APIError(.unprocessableEntity, "invalid", error, field: "value")
        }
        guard let number = reading.number else {
            throw APIError(.unprocessableEntity, "invalid", "Hãy ghi số liệu (trường “value”).", field: "value")
        }
        if let assumption = reading.assumption {
            throw APIError(
                .unprocessableEntity, "ambiguous",
                "\(assumption) Qua API không có bước xác nhận; hãy gửi số liệu dạng số JSON (ví dụ 1234.5).",
                field: "value")
        }
        let status: ValueStatus
        if let raw = input.status {
            guard let parsed = ValueStatus(rawValue: raw) else {
                throw APIError(
                    .unprocessableEntity, "invalid",
                    "Trạng thái “\(raw)” không hợp lệ; hãy dùng “chinhThuc” hoặc “uoc”.",
                    field: "status")
            }
            status = parsed
        } else {
            status = .chinhThuc
        }
        let noteText = VietnameseText.nfc((input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
        let note = noteText.isEmpty ? nil : noteText

        // One figure through the entry use case: the lock of every report that holds it, the
        // compare-and-set on the version and the audit entry, in one transaction.
        let key = ValueKey(indicatorCode: indicator.code, unitID: unit.unitID, period: period)
        let current = snapshot.values.reported(key)
        let now = Date()
        let value = IndicatorValue(
            indicatorCode: indicator.code, unitID: unit.unitID, period: period, number: number, status: status,
            note: note, author: user.account.displayName, enteredAt: now)
        let outcome: EntryOutcome
        do {
            outcome = try await EnterFigures(store: store).run(
                EnterFigures.Command(
                    figures: [EnterFigures.Figure(value, basis: .seen(input.version))], form: nil, unit: unit.unitID,
                    period: period, actor: user.account.username, actorName: user.account.displayName,
                    channel: .api(tokenName: request.apiTokenName ?? "", indicator: indicator),
                    checks: EntryChecks.Plan(
                        snapshot: snapshot, unit: unit.unitID, period: period, codes: [indicator.code],
                        on: period.span(in: .statistical).end),
                    at: now))
        } catch let unusual as UnusualFigures {
            // The checks at entry, as on the entry page: an unusual figure needs its own note.
            throw APIError(
                .unprocessableEntity, "unusual",
                UnusualFigures.fieldText(unusual.findings[indicator.code] ?? [])
                    .replacingOccurrences(
                        of: "hãy ghi lý do vào ô “Ghi chú” của dòng này (ghi chú đã có từ trước không được tính)",
                        with: "hãy gửi lý do trong trường “note” (ghi chú đã có từ trước không được tính)"),
                field: "note")
        } catch let locked as LockedFigures {
            throw APIError(.conflict, "locked", locked.description)
        } catch let conflict as ValueConflict {
            throw APIError(
                .conflict, "conflict", conflict.description, field: "version",
                current: APIValue(conflict.current, directory: snapshot.directory))
        } catch let refusal as StorageError where refusal.kind == .refused && current == nil && input.version != nil {
            throw APIError(
                .conflict, "conflict",
                "Chưa có số liệu này nên không có phiên bản \(input.version.map(String.init) ?? ""); hãy bỏ trường “version” (hoặc để null) khi ghi số liệu mới.",
                field: "version")
        }
        // Nothing changed: no new version, no audit entry (the entry page does the same).
        guard let saved = outcome.figures.first else {
            throw APIError(.conflict, "conflict", "Số liệu này không còn trong hệ thống; hãy đọc lại rồi ghi lần nữa.")
        }
        return try APIJSON.response(
            APIValue(saved, directory: snapshot.directory), status: outcome.inserted > 0 ? .created : .ok)
    }

    // MARK: Verdicts and roll-ups

    /// GET /api/v1/verdicts?unit=&period=&resolution=&approvedOnly= — the board's verdicts,
    /// computed by the same use case (`UnitAssessment`), each saying whether it rests on unapproved
    /// figures; `approvedOnly=true` judges on approved figures only, as the board's switch does.
    @Sendable func verdicts(_ request: Request) async throws -> Response {
        let user = try request.apiUser()
        let snapshot = try await store.snapshot()
        let period = try APIQuery.requiredPeriod(request, "period")
        let unitCode = try APIQuery.required(request, "unit")
        let approvedOnly = try APIQuery.flag(request, "approvedOnly")
        let unit = try APILookup.unit(
            unitCode, on: period.span(in: .statistical).end, snapshot.directory, user: user, field: "unit")
        var resolutions = snapshot.resolutions(issuedBy: unit.unitID)
        if let wanted = try APIQuery.text(request, "resolution") {
            resolutions = resolutions.filter { $0.id == wanted }
            if resolutions.isEmpty {
                throw APIError(
                    .notFound, "not_found", "\(unit.fullName) không có nghị quyết mã “\(wanted)”.", field: "resolution")
            }
        }
        let judged = resolutions.map { resolution -> APIResolutionVerdicts in
            let assessed = UnitAssessment(
                snapshot: snapshot, unit: unit, resolution: resolution, period: period, approvedOnly: approvedOnly)
            request.application.tiendoMetrics.recordVerdictComputation()
            return APIResolutionVerdicts(
                id: resolution.id, symbol: resolution.symbol, title: resolution.title,
                summary: assessed.summary.line,
                targets: assessed.assessments.map { APIVerdict($0, restsOnUnapproved: assessed.restsOnUnapproved($0)) })
        }
        return try APIJSON.response(
            APIVerdicts(
                unit: APIUnitRef(unit), period: period.id, periodName: period.vietnameseLabel,
                approvedOnly: approvedOnly, resolutions: judged))
    }

    /// GET /api/v1/rollups?unit=&indicator=&period= — the figure the roll-up gives and how.
    @Sendable func rollUps(_ request: Request) async throws -> Response {
        let user = try request.apiUser()
        let snapshot = try await store.snapshot()
        let period = try APIQuery.requiredPeriod(request, "period")
        let unitCode = try APIQuery.required(request, "unit")
        let indicatorCode = try APIQuery.required(request, "indicator")
        let approvedOnly = try APIQuery.flag(request, "approvedOnly")
        guard let indicator = snapshot.indicators.first(where: { $0.code == indicatorCode }) else {
            throw APIError(.notFound, "not_found", "Không có chỉ số mã “\(indicatorCode)”.", field: "indicator")
        }
        let unit = try APILookup.unit(
            unitCode, on: period.span(in: .statistical).end, snapshot.directory, user: user, field: "unit")
        let outcome = snapshot.rollUp(approvedOnly: approvedOnly).figure(
            indicator.code, unit: unit.unitID, period: period)
        return try APIJSON.response(APIRollUp(unit: unit, indicator: indicator, period: period, outcome: outcome))
    }
}

extension Request {
    /// The account of the request's API token (set by `APIMiddleware`).
    func apiUser() throws -> CurrentUser {
        guard let user = currentUser else {
            throw APIError(.unauthorized, "unauthorized", "Thiếu mã truy cập hợp lệ.")
        }
        return user
    }
}

/// Reading query parameters, each problem named by its field.
enum APIQuery {
    /// A period as the API writes it (no term, upper case, no spaces), the pattern of the OpenAPI
    /// document: a value the document accepts is a value `Period(id:)` reads.
    static let periodPattern = "^(19[0-9]{2}|2[01][0-9]{2}|2200)(S[12]|N9|Q[1-4]|M(0[1-9]|1[0-2]))?$"
    /// A date `YYYY-MM-DD` (the document also says `format: date`).
    static let datePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    /// A code (unit, indicator, resolution): not empty, no spaces around it.
    static let codePattern = "^\\S(.*\\S)?$"
    /// The largest `offset` (the document's maximum; beyond it no list has items anyway).
    static let maximumOffset = 2_147_483_647

    /// The parameter as sent, nil when absent. A parameter that is sent must say something: empty
    /// (`date=`) or with spaces around it is refused, as the document says, instead of being
    /// silently read as "not sent".
    static func text(_ request: Request, _ name: String) throws -> String? {
        guard let value = request.query[String.self, at: name] else { return nil }
        guard !value.isEmpty else {
            throw APIError(
                .unprocessableEntity, "invalid",
                "Tham số “\(name)” để trống; hãy ghi giá trị hoặc bỏ hẳn tham số này.", field: name)
        }
        guard value.trimmingCharacters(in: .whitespacesAndNewlines) == value else {
            throw APIError(
                .unprocessableEntity, "invalid",
                "Tham số “\(name)” có khoảng trắng ở đầu hoặc cuối; hãy bỏ các khoảng trắng đó.", field: name)
        }
        return value
    }

    /// A yes/no parameter: `true` or `false`, false when absent.
    static func flag(_ request: Request, _ name: String) throws -> Bool {
        switch try text(request, name) {
        case nil, "false": return false
        case "true": return true
        default:
            throw APIError(
                .unprocessableEntity, "invalid", "Tham số “\(name)” chỉ nhận “true” hoặc “false”.", field: name)
        }
    }

    static func required(_ request: Request, _ name: String) throws -> String {
        guard let value = try text(request, name) else {
            throw APIError(.unprocessableEntity, "invalid", "Thiếu tham số “\(name)”.", field: name)
        }
        return value
    }

    static func period(_ request: Request, _ name: String) throws -> Period? {
        guard let raw = try text(request, name) else { return nil }
        return try period(raw, field: name)
    }

    static func requiredPeriod(_ request: Request, _ name: String) throws -> Period {
        guard let period = try period(request, name) else {
            throw APIError(
                .unprocessableEntity, "invalid", "Thiếu tham số “\(name)” (kỳ, ví dụ 2027 hoặc 2027Q3).",
                field: name)
        }
        return period
    }

    /// A period written as the document's pattern says (so "2027q3", " 2027" and terms are
    /// refused here as the document refuses them), for a query or a path parameter.
    static func period(_ raw: String, field name: String) throws -> Period {
        guard raw.range(of: periodPattern, options: .regularExpression) != nil else {
            throw APIError(LookupError.invalidPeriod(raw), field: name)
        }
        do {
            return try SubjectLookup.period(raw)
        } catch {
            throw APIError(error, field: name)
        }
    }

    static func date(_ request: Request, _ name: String) throws -> CivilDate? {
        guard let raw = try text(request, name) else { return nil }
        guard raw.range(of: datePattern, options: .regularExpression) != nil, let date = CivilDate(iso: raw) else {
            throw APIError(
                .unprocessableEntity, "invalid",
                "Ngày “\(raw)” không hợp lệ; hãy ghi dạng YYYY-MM-DD, ví dụ 2026-01-01.",
                field: name)
        }
        return date
    }
}

/// Finding what a request names, within the token's scope.
enum APILookup {
    /// The unit holding `code` on `date` by SubjectLookup's one rule (in force on the date, else
    /// the last holder before it, else the first after); 404 when none, 403 outside the token's
    /// scope.
    static func unit(
        _ code: String, on date: CivilDate, _ directory: UnitDirectory, user: CurrentUser, field: String
    ) throws -> UnitVersion {
        let unit: UnitVersion
        do {
            unit = try SubjectLookup.unit(code: code, on: date, in: directory)
        } catch {
            throw APIError(error, field: field)
        }
        guard user.account.canSee(unit.unitID, in: directory, on: date) else {
            throw APIError(
                .forbidden, "forbidden",
                "Mã truy cập này không có quyền xem hoặc thay đổi số liệu của \(unit.fullName).", field: field)
        }
        return unit
    }
}

/// `limit` (default 100, at most 1000) and `offset`, and the page they cut.
struct APIPaging: Sendable {
    static let defaultLimit = 100
    static let maximumLimit = 1000

    let limit: Int
    let offset: Int

    init(_ request: Request) throws {
        func number(_ name: String) throws -> Int? {
            guard let raw = try APIQuery.text(request, name) else { return nil }
            guard let value = Int(raw) else {
                throw APIError(.unprocessableEntity, "invalid", "Tham số “\(name)” phải là số nguyên.", field: name)
            }
            return value
        }
        let limit = try number("limit") ?? Self.defaultLimit
        guard (1...Self.maximumLimit).contains(limit) else {
            throw APIError(
                .unprocessableEntity, "invalid", "Tham số “limit” phải từ 1 đến \(Self.maximumLimit).", field: "limit")
        }
        let offset = try number("offset") ?? 0
        guard (0...APIQuery.maximumOffset).contains(offset) else {
            throw APIError(
                .unprocessableEntity, "invalid", "Tham số “offset” phải từ 0 đến \(APIQuery.maximumOffset).",
                field: "offset")
        }
        self.limit = limit
        self.offset = offset
    }

    /// The page of `all`, with `next` and a `Link: <…>; rel="next"` header when more follow.
    func response<Item: Encodable & Sendable>(_ all: [Item], request: Request) throws -> Response {
        try response(all, request: request) { $0 }
    }

    /// The page of `all`, each element of the page (only) mapped to what the API sends.
    func response<Element, Item: Encodable & Sendable>(
        _ all: [Element], request: Request, map: (Element) -> Item
    ) throws -> Response {
        let start = min(offset, all.count)
        let end = min(start + limit, all.count)
        var next: String?
        if end < all.count {
            var components = URLComponents()
            components.path = request.url.path
            var items = (URLComponents(string: request.url.string)?.queryItems ?? []).filter {
                $0.name != "offset" && $0.name != "limit"
            }
            items.append(URLQueryItem(name: "limit", value: "\(limit)"))
            items.append(URLQueryItem(name: "offset", value: "\(end)"))
            components.queryItems = items
            next = components.string
        }
        let page = APIPage(items: all[start..<end].map(map), total: all.count, limit: limit, offset: offset, next: next)
        let response = try APIJSON.response(page)
        if let next { response.headers.add(name: .link, value: "<\(next)>; rel=\"next\"") }
        return response
    }
}
