import Foundation
import TiendoApplication
import TiendoCore
import TiendoImport
import Vapor

/// Xếp loại chất lượng: the yearly quality ratings of a unit's party organisations and members
/// (docs/xep-loai.md). Everyone in scope sees the counts by level, the rates, the warnings and
/// the list; a reporter of the unit (or tổng hợp, quản trị in scope) enters the list on screen —
/// one text box per kind, a line per subject — or uploads the CSV file. Either way the list
/// replaces the unit-year's list, with the same rules; a list with any error writes nothing.
struct QualityRatingController: Sendable {
    let store: any PageReads & QualityRatingStore

    struct Query: Decodable {
        var unitCode: String?
        var year: String?

        enum CodingKeys: String, CodingKey {
            case unitCode = "don-vi"
            case year = "nam"
        }
    }

    struct Lines: Decodable {
        var unitCode: String?
        var year: String?
        var organisations: String?
        var branches: String?
        var members: String?

        enum CodingKeys: String, CodingKey {
            case unitCode = "don-vi"
            case year = "nam"
            case organisations = "tccs"
            case branches = "chi-bo"
            case members = "dang-vien"
        }
    }

    struct Upload: Decodable {
        var file: File?
        var unitCode: String?
        var year: String?

        enum CodingKeys: String, CodingKey {
            case file = "tep"
            case unitCode = "don-vi"
            case year = "nam"
        }
    }

    struct TallyRow: Encodable {
        let kind: String
        let counts: [Int]
        let total: Int
        let goodOrBetter: Int
        let rate: String
    }

    struct RatingRow: Encodable {
        let number: Int
        let kind: String
        let group: String
        let subject: String
        let level: String
        let levelClass: String
        let note: String
    }

    struct Box: Encodable {
        let name: String
        let label: String
        let text: String
    }

    struct Context: Encodable {
        let layout: LayoutContext
        let unitCode: String
        let unitName: String
        let year: Int
        let years: [Int]
        let canEdit: Bool
        let message: String?
        let problem: String?
        let issues: [String]
        let warnings: [String]
        let levels: [String]
        let tallies: [TallyRow]
        let ratings: [RatingRow]
        let boxes: [Box]
        let indicatorNote: String
        let capPercent: Int
    }

    // MARK: - Pages

    func show(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let query = try request.query.decode(Query.self)
        let (unit, year) = try await resolve(user: user, unitCode: query.unitCode, yearText: query.year)
        var message: String?
        if request.query[String.self, at: "da"] == "luu" {
            let count = request.query[Int.self, at: "so"] ?? 0
            message = "Đã lưu danh sách xếp loại chất lượng năm \(year): \(count) tổ chức đảng, đảng viên."
        }
        return try await render(
            request, user: user, unit: unit, year: year, message: message, problem: nil, issues: [], boxes: nil,
            status: .ok)
    }

    func saveLines(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        try Access.require(user, \.canEnterData, "nhập danh sách xếp loại chất lượng")
        let form = (try? request.content.decode(Lines.self)) ?? Lines()
        let (unit, year) = try await resolve(user: user, unitCode: form.unitCode, yearText: form.year, required: true)
        let boxes: [RatedSubjectKind: String] = [
            .toChucCoSoDang: form.organisations ?? "", .chiBoTrucThuoc: form.branches ?? "",
            .dangVien: form.members ?? "",
        ]
        do {
            let outcome = try await QualityRatingFiles.saveLines(
                boxes, unit: unit, year: year, person: person(user), store: store)
            return redirect(request, unit: unit, year: year, count: outcome.write.ratings)
        } catch let failure as ImportFailure {
            return try await render(
                request, user: user, unit: unit, year: year, message: nil,
                problem:
                    "Danh sách có \(failure.issues.count) lỗi nên chưa lưu gì; hãy sửa các dòng dưới đây rồi lưu lại.",
                issues: failure.issues.prefix(100).map(\.description), boxes: boxes, status: .unprocessableEntity)
        }
    }

    func upload(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        try Access.require(user, \.canEnterData, "nhập danh sách xếp loại chất lượng")
        let upload =
            (try? request.content.decode(Upload.self))
            ?? (try? request.content.decode(Query.self)).map { Upload(file: nil, unitCode: $0.unitCode, year: $0.year) }
            ?? Upload()
        let (unit, year) = try await resolve(
            user: user, unitCode: upload.unitCode, yearText: upload.year, required: true)
        func refuse(_ headline: String, _ issues: [String]) async throws -> Response {
            try await render(
                request, user: user, unit: unit, year: year, message: nil, problem: headline, issues: issues,
                boxes: nil, status: .unprocessableEntity)
        }
        guard let file = upload.file, file.data.readableBytes > 0 else {
            return try await refuse("Chưa chọn tệp; hãy chọn tệp CSV danh sách xếp loại rồi bấm “Tải lên”.", [])
        }
        let fileName = file.filename.isEmpty ? "tệp tải lên" : file.filename
        do {
            let outcome = try await QualityRatingFiles.importCSV(
                data: Data(buffer: file.data), fileName: fileName, person: person(user),
                expecting: QualityRatingFiles.Expectation(unitCode: unit.code, year: year), store: store)
            return redirect(request, unit: unit, year: year, count: outcome.write.ratings)
        } catch let failure as ImportFailure {
            return try await refuse(failure.headline, failure.issues.prefix(100).map(\.description))
        }
    }

    // MARK: - Helpers

    private func person(_ user: CurrentUser) -> FigureFiles.Person {
        FigureFiles.Person(username: user.account.username, displayName: user.account.displayName)
    }

    private func redirect(_ request: Request, unit: UnitVersion, year: Int, count: Int) -> Response {
        request.redirect(
            to: SiteRoute.qualityRatings(unitCode: unit.code, year: "\(year)").href + "&da=luu&so=\(count)")
    }

    /// The unit (in the user's scope, or 403 — checked before anything else) and the year: the
    /// one asked for, else the latest year with ratings, else last year (ratings are made at the
    /// end of a year). `required`: a form post must name both.
    private func resolve(user: CurrentUser, unitCode: String?, yearText: String?, required: Bool = false)
        async throws -> (UnitVersion, Int)
    {
        let snapshot = try await store.snapshot()
        let today = CivilDate.todayInVietnam()
        let code = (unitCode ?? "").trimmingCharacters(in: .whitespaces)
        let text = (yearText ?? "").trimmingCharacters(in: .whitespaces)
        let parsed = text.count == 4 ? Int(text).flatMap { (2000...2100).contains($0) ? $0 : nil } : nil
        let asOf = parsed.map { CivilDate($0, 12, 31) } ?? today
        if required && code.isEmpty {
            throw PageError(.unprocessableEntity, "Chưa chọn đơn vị; hãy mở trang Xếp loại chất lượng của một đơn vị.")
        }
        let unit = try UnitChoice.unit(code.isEmpty ? nil : code, snapshot: snapshot, user: user.account, on: asOf)
        try Access.requireScope(user, unit, snapshot.directory, on: asOf)
        if let parsed { return (unit, parsed) }
        if !text.isEmpty {
            throw PageError(.badRequest, "Năm “\(text)” không hợp lệ; hãy ghi năm bằng 4 chữ số, ví dụ 2025.")
        }
        if required {
            throw PageError(.unprocessableEntity, "Chưa chọn năm đánh giá; hãy chọn năm trên trang rồi lưu lại.")
        }
        let stored = try await store.qualityRatingYears(unit: unit.unitID)
        return (unit, stored.first ?? today.year - 1)
    }

    private func render(
        _ request: Request, user: CurrentUser, unit: UnitVersion, year: Int, message: String?, problem: String?,
        issues: [String], boxes posted: [RatedSubjectKind: String]?, status: HTTPResponseStatus
    ) async throws -> Response {
        let (ratings, tallies, warnings) = try await QualityRatingFiles.list(unit: unit, year: year, store: store)
        var years = Set(try await store.qualityRatingYears(unit: unit.unitID))
        let thisYear = CivilDate.todayInVietnam().year
        for y in (thisYear - 3)...thisYear { years.insert(y) }
        years.insert(year)
        let canEdit = user.account.role.canEnterData
        let boxes = RatedSubjectKind.allCases.map { kind in
            Box(
                name: Self.field(kind), label: kind.vietnameseName,
                text: posted?[kind] ?? QualityRatingFile.lines(ratings.filter { $0.kind == kind }))
        }
        let context = Context(
            layout: LayoutContext.make(
                request, title: "Xếp loại chất lượng", section: "xep-loai", isDemo: try await store.isDemo()),
            unitCode: unit.code, unitName: unit.fullName, year: year, years: years.sorted(by: >), canEdit: canEdit,
            message: message, problem: problem, issues: issues, warnings: warnings.map(\.message),
            levels: QualityLevel.allCases.map(\.vietnameseName),
            tallies: tallies.map { tally in
                TallyRow(
                    kind: tally.kind.vietnameseName, counts: QualityLevel.allCases.map { tally.count($0) },
                    total: tally.total, goodOrBetter: tally.goodOrBetter,
                    rate: tally.goodOrBetterRate.map { VietnameseNumber.format($0, decimals: 1) + "%" } ?? "—")
            },
            ratings: ratings.enumerated().map { index, rating in
                RatingRow(
                    number: index + 1, kind: rating.kind.vietnameseName,
                    group: QualityRating.groupLabel(rating.group), subject: rating.subject,
                    level: rating.level.vietnameseName, levelClass: "level-" + rating.level.rawValue.lowercased(),
                    note: rating.note ?? "")
            },
            boxes: boxes,
            indicatorNote: RatedSubjectKind.allCases.map(QualityIndicators.rateCode).joined(separator: ", "),
            capPercent: QualityRatingRules.capPercent)
        return try await request.view.render("ratings/index", context).encodeResponse(status: status, for: request)
    }

    /// The form field of a kind's text box.
    static func field(_ kind: RatedSubjectKind) -> String {
        switch kind {
        case .toChucCoSoDang: return "tccs"
        case .chiBoTrucThuoc: return "chi-bo"
        case .dangVien: return "dang-vien"
        }
    }
}
