import FluentKit
import Foundation
import TiendoCore

// Conversions between stored rows and Core types: the only place that knows both shapes.

extension UnitVersionModel {
    convenience init(_ v: UnitVersion) {
        self.init()
        update(from: v)
    }

    func update(from v: UnitVersion) {
        unitID = v.unitID.rawValue
        code = v.code
        name = v.name
        kind = v.kind.rawValue
        parentUnitID = v.parentID?.rawValue
        validFrom = v.validFrom.iso
        validTo = v.validTo?.iso
    }

    func core() throws -> UnitVersion {
        guard let kind = UnitKind(rawValue: kind), let from = CivilDate(iso: validFrom) else {
            throw StorageError("Dữ liệu đơn vị “\(unitID)” bị hỏng (loại hoặc ngày không hợp lệ)")
        }
        return UnitVersion(
            unitID: UnitID(unitID), code: code, name: name, kind: kind, parentID: parentUnitID.map(UnitID.init),
            validFrom: from, validTo: validTo.flatMap(CivilDate.init(iso:)))
    }
}

extension LineageLinkModel {
    convenience init(_ link: LineageLink) {
        self.init()
        sourceUnitID = link.source.rawValue
        successorUnitID = link.successor.rawValue
        weight = link.weight
        date = link.date.iso
        weightEstimated = link.weightIsEstimated
    }

    func core() throws -> LineageLink {
        guard let date = CivilDate(iso: date) else {
            throw StorageError("Dữ liệu sáp nhập bị hỏng (ngày “\(self.date)”)")
        }
        return LineageLink(
            source: UnitID(sourceUnitID), successor: UnitID(successorUnitID), weight: weight, date: date,
            weightIsEstimated: weightEstimated)
    }
}

extension IndicatorModel {
    convenience init(_ indicator: Indicator) {
        self.init()
        id = indicator.code
        update(from: indicator)
    }

    func update(from indicator: Indicator) {
        name = indicator.name
        unitOfMeasure = indicator.unitOfMeasure
        decimals = indicator.decimals
        valueType = indicator.valueType.rawValue
        timeRule = indicator.time.rawValue
        numeratorCode = nil
        denominatorCode = nil
        multiplier = nil
        switch indicator.space {
        case .sum: spaceRule = "sum"
        case .mean: spaceRule = "mean"
        case .min: spaceRule = "min"
        case .max: spaceRule = "max"
        case .none: spaceRule = "none"
        case .ratio(let n, let d, let m):
            spaceRule = "ratio"
            numeratorCode = n
            denominatorCode = d
            multiplier = m
        }
    }

    func core() throws -> Indicator {
        let space: SpaceAggregation
        switch spaceRule {
        case "sum": space = .sum
        case "mean": space = .mean
        case "min": space = .min
        case "max": space = .max
        case "none": space = .none
        case "ratio":
            guard let n = numeratorCode, let d = denominatorCode else {
                throw StorageError("Chỉ số “\(id ?? "")” là tỷ lệ nhưng thiếu tử số hoặc mẫu số")
            }
            space = .ratio(numerator: n, denominator: d, multiplier: multiplier ?? 1)
        default: throw StorageError("Chỉ số “\(id ?? "")” có cách tổng hợp không hợp lệ “\(spaceRule)”")
        }
        guard let type = ValueType(rawValue: valueType), let time = TimeAggregation(rawValue: timeRule) else {
            throw StorageError("Chỉ số “\(id ?? "")” có kiểu giá trị hoặc cách tổng hợp theo thời gian không hợp lệ")
        }
        return Indicator(
            code: id ?? "", name: name, unitOfMeasure: unitOfMeasure, decimals: decimals, valueType: type, space: space,
            time: time)
    }
}

extension IndicatorValueModel {
    func core() throws -> IndicatorValue {
        guard let period = Period(id: period), let status = ValueStatus(rawValue: status) else {
            throw StorageError("Số liệu “\(indicatorCode)” của “\(unitID)” có kỳ hoặc trạng thái không hợp lệ")
        }
        return IndicatorValue(
            indicatorCode: indicatorCode, unitID: UnitID(unitID), period: period, number: number, status: status,
            note: note, author: author, enteredAt: enteredAt, version: version)
    }
}

/// The parts of a target kept as JSON in `targets.definition`.
struct TargetDefinition: Codable {
    var measure: Measure
    var condition: Condition
    var baseline: Double?
    var tolerance: Tolerance?
    var decimals: Int?
}

extension TargetModel {
    convenience init(_ target: Target, resolutionID: String, revisionID: UUID?) throws {
        self.init()
        self.resolutionID = resolutionID
        self.revisionID = revisionID
        number = target.number
        group = target.group.rawValue
        wording = target.wording
        indicatorCode = target.indicatorCode
        deadlineYear = target.deadlineYear
        let definition = TargetDefinition(
            measure: target.measure, condition: target.condition, baseline: target.baseline,
            tolerance: target.tolerance, decimals: target.decimals)
        self.definition = String(decoding: try JSONEncoder().encode(definition), as: UTF8.self)
    }

    func core() throws -> Target {
        guard let group = TargetGroup(rawValue: group),
            let definition = try? JSONDecoder().decode(TargetDefinition.self, from: Data(definition.utf8))
        else { throw StorageError("Chỉ tiêu số \(number) của nghị quyết “\(resolutionID)” bị hỏng") }
        return Target(
            number: number, group: group, wording: wording, indicatorCode: indicatorCode, measure: definition.measure,
            condition: definition.condition, deadlineYear: deadlineYear, baseline: definition.baseline,
            tolerance: definition.tolerance, decimals: definition.decimals)
    }
}
