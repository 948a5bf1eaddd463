import Foundation

/// The hierarchy in time: every unit version and every lineage link, with the questions the
/// roll-up and the assessment ask of them. Built once per request from storage; immutable.
public struct UnitDirectory: Sendable {
    private let versionsByUnit: [UnitID: [UnitVersion]]
    private let childrenByParent: [UnitID: [UnitVersion]]
    private let linksBySuccessor: [UnitID: [LineageLink]]
    private let linksBySource: [UnitID: [LineageLink]]
    private let unitsByCode: [String: [UnitID]]

    /// Every lineage link.
    public let links: [LineageLink]

    /// Builds the directory from versions and links.
    public init(versions: [UnitVersion], links: [LineageLink] = []) {
        var byUnit: [UnitID: [UnitVersion]] = [:]
        var byParent: [UnitID: [UnitVersion]] = [:]
        for version in versions {
            byUnit[version.unitID, default: []].append(version)
            if let parent = version.parentID { byParent[parent, default: []].append(version) }
        }
        self.versionsByUnit = byUnit.mapValues { $0.sorted { $0.validFrom < $1.validFrom } }
        // Sorted once here (each name's collation key computed once): a roll-up asks for a
        // parent's children many times.
        self.childrenByParent = byParent.mapValues { VietnameseText.sorted($0, by: \.name) }
        self.linksBySuccessor = Dictionary(grouping: links, by: \.successor)
        self.linksBySource = Dictionary(grouping: links, by: \.source)
        self.links = links
        var byCode: [String: [UnitID]] = [:]
        for (unit, unitVersions) in versionsByUnit {
            for code in Set(unitVersions.map(\.code)) { byCode[code, default: []].append(unit) }
        }
        self.unitsByCode = byCode
    }

    /// Every unit id.
    public var unitIDs: [UnitID] { Array(versionsByUnit.keys) }

    /// Every version of a unit, oldest first.
    public func versions(of unit: UnitID) -> [UnitVersion] { versionsByUnit[unit] ?? [] }

    /// The version in force on `date`.
    public func version(of unit: UnitID, on date: CivilDate) -> UnitVersion? {
        versionsByUnit[unit]?.last { $0.isValid(on: date) }
    }

    /// The latest version, whatever the date (for naming a unit that has ceased).
    public func latestVersion(of unit: UnitID) -> UnitVersion? { versionsByUnit[unit]?.last }

    /// The unit that holds `code` on `date`. Codes are reused, so the date is required.
    public func unit(code: String, on date: CivilDate) -> UnitVersion? {
        for unit in unitsByCode[code] ?? [] {
            if let v = versionsByUnit[unit]?.last(where: { $0.code == code && $0.isValid(on: date) }) { return v }
        }
        return nil
    }

    /// Every unit that has ever held `code`, newest first.
    public func units(code: String) -> [UnitVersion] {
        (unitsByCode[code] ?? []).compactMap { versionsByUnit[$0]?.last { $0.code == code } }
            .sorted { $0.validFrom > $1.validFrom }
    }

    /// The direct children on `date`, sorted by Vietnamese collation of their names.
    public func children(of unit: UnitID, on date: CivilDate) -> [UnitVersion] {
        (childrenByParent[unit] ?? []).filter { $0.isValid(on: date) }
    }

    /// Whether `unit` is `ancestor` or lies below it on `date`.
    public func isWithin(_ unit: UnitID, ancestor: UnitID, on date: CivilDate) -> Bool {
        var current: UnitID? = unit
        var guardCount = 0
        while let id = current, guardCount < 64 {
            if id == ancestor { return true }
            current = version(of: id, on: date)?.parentID
            guardCount += 1
        }
        return false
    }

    /// The links through which `unit` received the territory of its predecessors.
    public func predecessorLinks(of unit: UnitID) -> [LineageLink] { linksBySuccessor[unit] ?? [] }

    /// The links through which `unit` passed its territory on.
    public func successorLinks(of unit: UnitID) -> [LineageLink] { linksBySource[unit] ?? [] }

    /// `units` and every unit whose rolled-up figures can be made from theirs: the parents they
    /// ever had, the units formed from them in a merge or split, and the same for those, upwards.
    public func unitsDepending(on units: Set<UnitID>) -> Set<UnitID> {
        var found = units
        var pending = Array(units)
        while let unit = pending.popLast() {
            let parents = (versionsByUnit[unit] ?? []).compactMap(\.parentID)
            let successors = (linksBySource[unit] ?? []).map(\.successor)
            for next in parents + successors where found.insert(next).inserted { pending.append(next) }
        }
        return found
    }

    /// Whether the unit existed on at least one day of `span`.
    public func existed(_ unit: UnitID, during span: DateSpan) -> Bool {
        versions(of: unit).contains { $0.overlaps(span) }
    }
}
