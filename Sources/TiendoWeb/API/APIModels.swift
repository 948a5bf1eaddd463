import Foundation
import TiendoCore
import Vapor

// The shapes the JSON API sends and receives. Fluent models and Core types never reach JSON:
// each is mapped here, so a change inside the domain cannot silently change the API. Field
// names are English camelCase for machines; every sentence meant for a person is Vietnamese.

/// A page of a list: `{items, total, limit, offset, next}`.
struct APIPage<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]
    let total: Int
    let limit: Int
    let offset: Int
    /// The path and query of the next page, null on the last page.
    let next: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(total, forKey: .total)
        try container.encode(limit, forKey: .limit)
        try container.encode(offset, forKey: .offset)
        try container.encode(next, forKey: .next)
    }

    enum CodingKeys: String, CodingKey { case items, total, limit, offset, next }
}

/// A unit named in another answer.
struct APIUnitRef: Codable, Sendable {
    let id: String
    let code: String
    let fullName: String

    init(_ version: UnitVersion) {
        id = version.unitID.rawValue
        code = version.code
        fullName = version.fullName
    }
}

/// One version of a unit: its name, kind and parent between two dates.
struct APIUnitVersion: Codable, Sendable {
    let code: String
    let name: String
    let kind: String
    let kindName: String
    let parentId: String?
    let validFrom: String
    let validTo: String?

    init(_ version: UnitVersion) {
        code = version.code
        name = version.name
        kind = version.kind.rawValue
        kindName = version.kind.vietnameseName
        parentId = version.parentID?.rawValue
        validFrom = version.validFrom.iso
        validTo = version.validTo?.iso
    }
}

/// A lineage link seen from one side: the unit on the other side, its weight and date.
struct APILineageLink: Codable, Sendable {
    let unitId: String
    let code: String
    let fullName: String
    let weight: Double
    let weightIsEstimated: Bool
    let date: String
}

/// A unit with every version and its lineage.
struct APIUnit: Codable, Sendable {
    let id: String
    let code: String
    let name: String
    let kind: String
    let kindName: String
    let fullName: String
    let parentId: String?
    let parentCode: String?
    let validFrom: String
    let validTo: String?
    let versions: [APIUnitVersion]
    let predecessors: [APILineageLink]
    let successors: [APILineageLink]

    /// `version` is the one shown on top (in force on the date asked, else the latest).
    init(_ version: UnitVersion, directory: UnitDirectory) {
        func link(_ other: UnitID, _ l: LineageLink) -> APILineageLink {
            let named = directory.latestVersion(of: other)
            return APILineageLink(
                unitId: other.rawValue, code: named?.code ?? "", fullName: named?.fullName ?? other.rawValue,
                weight: l.weight, weightIsEstimated: l.weightIsEstimated, date: l.date.iso)
        }
        id = version.unitID.rawValue
        code = version.code
        name = version.name
        kind = version.kind.rawValue
        kindName = version.kind.vietnameseName
        fullName = version.fullName
        parentId = version.parentID?.rawValue
        parentCode =
            version.parentID.flatMap {
                directory.version(of: $0, on: version.validFrom) ?? directory.latestVersion(of: $0)
            }?.code
        validFrom = version.validFrom.iso
        validTo = version.validTo?.iso
        versions = directory.versions(of: version.unitID).map(APIUnitVersion.init)
        predecessors = directory.predecessorLinks(of: version.unitID).map { link($0.source, $0) }
        successors = directory.successorLinks(of: version.unitID).map { link($0.successor, $0) }
    }
}

/// An indicator and how it adds up.
struct APIIndicator: Codable, Sendable {
    let code: String
    let name: String
    let unitOfMeasure: String
    let decimals: Int
    let valueType: String
    let spaceAggregation: String
    let numerator: String?
    let denominator: String?
    let multiplier: Double?
    let timeAggregation: String

    init(_ indicator: Indicator) {
        code = indicator.code
        name = indicator.name
        unitOfMeasure = indicator.unitOfMeasure
        decimals = indicator.decimals
        valueType = indicator.valueType.rawValue
        switch indicator.space {
        case .sum: spaceAggregation = "sum"
        case .mean: spaceAggregation = "mean"
        case .min: spaceAggregation = "min"
        case .max: spaceAggregation = "max"
        case .none: spaceAggregation = "none"
        case .ratio: spaceAggregation = "ratio"
        }
        if case .ratio(let n, let d, let m) = indicator.space {
            numerator = n
            denominator = d
            multiplier = m
        } else {
            numerator = nil
            denominator = nil
            multiplier = nil
        }
        timeAggregation = indicator.time.rawValue
    }
}

/// A condition: `atLeast`/`atMost` use `value` (and `exceedBound`), `between` uses `low`/`high`.
struct APICondition: Codable, Sendable {
    let kind: String
    let value: Double?
    let exceedBound: Double?
    let low: Double?
    let high: Double?
    let direction: String?

    init(_ condition: Condition) {
        kind = condition.kindName
        switch condition {
        case .atLeast(let v, let bound), .atMost(let v, let bound):
            (value, exceedBound, low, high, direction) = (v, bound, nil, nil, nil)
        case .between(let lo, let hi, let dir):
            (value, exceedBound, low, high, direction) = (nil, nil, lo, hi, dir.rawValue)
        }
    }
}

/// A measure: what is compared, with its years.
struct APIMeasure: Codable, Sendable {
    let kind: String
    let baseYear: Int?
    let geometric: Bool?
    let fromYear: Int?
    let toYear: Int?
    let unitCondition: APICondition?
    let unitKinds: [String]?

    init(_ measure: Measure) {
        kind = measure.kindName
        var base: Int?
        var geo: Bool?
        var from: Int?
        var to: Int?
        var condition: APICondition?
        var kinds: [String]?
        switch measure {
        case .level: break
        case .averageGrowth(let b, let g): (base, geo) = (b, g)
        case .averageChange(let b): base = b
        case .sum(let f, let t), .annualMean(let f, let t), .everyYear(let f, let t): (from, to) = (f, t)
        case .shareOfUnits(let c, let k):
            condition = c.map(APICondition.init)
            kinds = k.map { $0.map(\.rawValue).sorted() }
        }
        (baseYear, geometric, fromYear, toYear, unitCondition, unitKinds) = (base, geo, from, to, condition, kinds)
    }
}

/// A target of a resolution.
struct APITarget: Codable, Sendable {
    let number: Int
    let group: String
    let groupName: String
    let wording: String
    let indicatorCode: String
    let measure: APIMeasure
    let condition: APICondition
    let deadlineYear: Int
    let baseline: Double?

    init(_ target: Target) {
        number = target.number
        group = target.group.rawValue
        groupName = target.group.vietnameseName
        wording = target.wording
        indicatorCode = target.indicatorCode
        measure = APIMeasure(target.measure)
        condition = APICondition(target.condition)
        deadlineYear = target.deadlineYear
        baseline = target.baseline
    }
}

/// What every answer says of a resolution: its symbol, title, issuing unit and term. Its
/// fields stand beside the rest of the answer (`APIResolutionSummary`, `APIResolution`), not
/// under a key of their own.
struct APIResolutionHeading: Encodable, Sendable {
    let id: String
    let symbol: String
    let title: String
    let issuingUnit: APIUnitRef?
    let termStart: Int
    let termEnd: Int
    let adoptedOn: String

    init(_ resolution: Resolution, directory: UnitDirectory) {
        id = resolution.id
        symbol = resolution.symbol
        title = resolution.title
        issuingUnit = directory.latestVersion(of: resolution.issuingUnitID).map(APIUnitRef.init)
        termStart = resolution.termStart
        termEnd = resolution.termEnd
        adoptedOn = resolution.adoptedOn.iso
    }
}

/// A resolution as listed.
struct APIResolutionSummary: Encodable, Sendable {
    let heading: APIResolutionHeading
    let targetCount: Int

    init(_ resolution: Resolution, directory: UnitDirectory) {
        heading = APIResolutionHeading(resolution, directory: directory)
        targetCount = resolution.targets.count
    }

    func encode(to encoder: any Encoder) throws {
        try heading.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(targetCount, forKey: .targetCount)
    }

    enum CodingKeys: String, CodingKey { case targetCount }
}

/// A revision of a resolution: the targets it adjusts from its effective date.
struct APIRevision: Codable, Sendable {
    let symbol: String
    let title: String
    let effectiveFrom: String
    let targets: [APITarget]
}

/// A resolution with its targets and revisions.
struct APIResolution: Encodable, Sendable {
    let heading: APIResolutionHeading
    let targets: [APITarget]
    let revisions: [APIRevision]

    init(_ resolution: Resolution, directory: UnitDirectory) {
        heading = APIResolutionHeading(resolution, directory: directory)
        targets = resolution.targets.map(APITarget.init)
        revisions = resolution.revisions.map {
            APIRevision(
                symbol: $0.symbol, title: $0.title, effectiveFrom: $0.effectiveFrom.iso,
                targets: $0.targets.map(APITarget.init))
        }
    }

    func encode(to encoder: any Encoder) throws {
        try heading.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(targets, forKey: .targets)
        try container.encode(revisions, forKey: .revisions)
    }

    enum CodingKeys: String, CodingKey { case targets, revisions }
}

/// A reported figure with what a client needs to change it (its version).
struct APIValue: Codable, Sendable {
    let unit: String
    let unitId: String
    let indicator: String
    let period: String
    let value: Double
    let status: String
    let statusName: String
    let note: String?
    let author: String
    let enteredAt: String
    let version: Int

    init(_ value: IndicatorValue, directory: UnitDirectory) {
        unit = directory.latestVersion(of: value.unitID)?.code ?? value.unitID.rawValue
        unitId = value.unitID.rawValue
        indicator = value.indicatorCode
        period = value.period.id
        self.value = value.number
        status = value.status.rawValue
        statusName = value.status.vietnameseName
        note = value.note
        author = value.author
        enteredAt = value.enteredAt.formatted(.iso8601)
        version = value.version
    }
}

/// What a client sends to write a figure. `value` is a JSON number or a Vietnamese text
/// ("1.234,5", "có"); `version` is the version last read (absent or null for a new figure).
struct APIValueInput: Decodable, Sendable {
    enum Raw: Sendable {
        case number(Double)
        case text(String)
    }

    let value: Raw
    let status: String?
    let note: String?
    let version: Int?

    enum CodingKeys: String, CodingKey { case value, status, note, version }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let number = try? container.decode(Double.self, forKey: .value) {
            value = .number(number)
        } else if let text = try? container.decode(String.self, forKey: .value) {
            value = .text(text)
        } else if container.contains(.value), try !container.decodeNil(forKey: .value) {
            throw APIError(
                .unprocessableEntity, "invalid", "Số liệu phải là một số hoặc một chuỗi chữ số.", field: "value")
        } else {
            throw APIError(.unprocessableEntity, "invalid", "Hãy ghi số liệu (trường “value”).", field: "value")
        }
        do {
            status = try container.decodeIfPresent(String.self, forKey: .status)
        } catch {
            throw APIError(
                .unprocessableEntity, "invalid", "Trạng thái phải là “chinhThuc” hoặc “uoc”.", field: "status")
        }
        do {
            note = try container.decodeIfPresent(String.self, forKey: .note)
        } catch {
            throw APIError(.unprocessableEntity, "invalid", "Chú thích phải là một chuỗi chữ.", field: "note")
        }
        do {
            version = try container.decodeIfPresent(Int.self, forKey: .version)
        } catch {
            throw APIError(
                .unprocessableEntity, "invalid",
                "Phiên bản phải là số nguyên (phiên bản của số liệu lần đọc gần nhất) hoặc null.", field: "version")
        }
    }
}

/// One target's verdict, as the board shows it.
struct APIVerdict: Codable, Sendable {
    let targetNumber: Int
    let group: String
    let wording: String
    let indicatorCode: String
    let verdict: String
    let verdictName: String
    let isEstimate: Bool
    let figure: Double?
    let figureText: String?
    let planText: String
    let outlook: String?
    let outlookName: String?
    let projectionText: String?
    let explanation: String
    /// Whether the verdict rests on unapproved figures ("dựa trên số liệu chưa duyệt").
    let restsOnUnapproved: Bool

    init(_ a: Assessment, restsOnUnapproved: Bool = false) {
        self.restsOnUnapproved = restsOnUnapproved
        targetNumber = a.target.number
        group = a.target.group.rawValue
        wording = a.target.wording
        indicatorCode = a.target.indicatorCode
        verdict = a.verdict.rawValue
        verdictName = a.verdictLabel
        isEstimate = a.isEstimate
        figure = a.figure
        figureText = a.figureText
        planText = a.planText
        outlook = a.outlook?.rawValue
        outlookName = a.outlook?.vietnameseName
        projectionText = a.projectionText
        explanation = a.explanation
    }
}

/// The verdicts of one resolution's targets for a unit at a period.
struct APIResolutionVerdicts: Codable, Sendable {
    let id: String
    let symbol: String
    let title: String
    let summary: String
    let targets: [APIVerdict]
}

/// Every verdict of a unit at a period.
struct APIVerdicts: Codable, Sendable {
    let unit: APIUnitRef
    let period: String
    let periodName: String
    /// Whether the verdicts were made on approved figures only.
    let approvedOnly: Bool
    let resolutions: [APIResolutionVerdicts]
}

/// A rolled-up figure and how it was made.
struct APIRollUp: Codable, Sendable {
    let unit: APIUnitRef
    let indicator: String
    let period: String
    /// "figure", "missing" or "notComparable".
    let outcome: String
    let value: Double?
    let isEstimate: Bool?
    /// "reported", "ratio", "children", "shorterPeriods" or "lineage".
    let source: String?
    let sourceCount: Int?
    let weightsEstimated: Bool?
    /// Whether it rests on unapproved figures (nil without a figure).
    let restsOnUnapproved: Bool?
    /// How it was made, in Vietnamese.
    let description: String

    init(unit: UnitVersion, indicator: Indicator, period: Period, outcome: FigureOutcome) {
        self.unit = APIUnitRef(unit)
        self.indicator = indicator.code
        self.period = period.id
        var count: Int?
        var estimated: Bool?
        restsOnUnapproved = outcome.figure?.restsOnUnapproved
        switch outcome {
        case .missing:
            (self.outcome, value, isEstimate, source) = ("missing", nil, nil, nil)
            description = "Chưa có số liệu."
        case .notComparable(let reason):
            (self.outcome, value, isEstimate, source) = ("notComparable", nil, nil, nil)
            description = "Không so sánh được: \(reason)"
        case .figure(let figure):
            self.outcome = "figure"
            value = figure.number
            isEstimate = figure.isEstimate
            let words: String
            switch figure.source {
            case .reported:
                source = "reported"
                words = "Số liệu do đơn vị báo cáo."
            case .ratio:
                source = "ratio"
                words = "Tính bằng tử số chia mẫu số, mỗi phần được tổng hợp riêng."
            case .children(let n):
                source = "children"
                count = n
                words = "Tổng hợp từ \(n) đơn vị trực thuộc."
            case .shorterPeriods(let n):
                source = "shorterPeriods"
                count = n
                words = "Tổng hợp từ \(n) kỳ ngắn hơn."
            case .lineage(let e):
                source = "lineage"
                estimated = e
                words =
                    "Suy ra từ các đơn vị trước sắp xếp" + (e ? " (tỷ lệ phân chia là ước tính)." : ".")
            }
            description =
                (figure.isEstimate ? "Số ước. " : "") + words
                + (figure.restsOnUnapproved ? " Dựa trên số liệu chưa duyệt." : "")
        }
        sourceCount = count
        weightsEstimated = estimated
    }
}
