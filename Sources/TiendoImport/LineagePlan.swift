import Foundation
import TiendoCore

/// Turns the lineage rows of the 2025 reform into the old units and the lineage links the
/// directory needs to derive a new commune's history from its predecessors.
public enum LineagePlan {
    /// The first day of the old units (their real start is unknown; the history before it is not
    /// imported from this file).
    public static let oldUnitsValidFrom = CivilDate(2000, 1, 1)
    /// The last day of the old units.
    public static let oldUnitsValidTo = CivilDate(2025, 6, 30)

    /// Every distinct old unit becomes a version `UnitID(code: old_code, validFrom: 2000-01-01)`
    /// valid to 2025-06-30, its kind read from its name, its parent the new province of its first
    /// successor (the pre-reform districts and provinces are not in the file). Every row becomes a
    /// link to its new commune dated 2025-07-01: weight 1 for an old unit wholly given to one new
    /// commune; otherwise its territory is shared evenly among every new commune that lists it, so
    /// its weights add up to 1, and the weights are marked estimated.
    ///
    /// `newUnits` (the versions of the unit list) supplies the successor's identity and province;
    /// a code missing from it falls back to the identity the unit list would give it.
    ///
    /// Old versions come sorted by old code; links in row order.
    public static func build(
        rows: [LineageRow], newUnits: [UnitVersion] = []
    ) -> (oldVersions: [UnitVersion], links: [LineageLink]) {
        let reform = UnitListFile.validFrom
        var newByCode: [String: UnitVersion] = [:]
        for version in newUnits where version.isValid(on: reform) && !version.kind.isProvinceLevel {
            if newByCode[version.code] == nil { newByCode[version.code] = version }
        }
        func successorID(_ row: LineageRow) -> UnitID {
            newByCode[row.newCode]?.unitID ?? UnitID(code: row.newCode, validFrom: reform)
        }
        func provinceID(_ row: LineageRow) -> UnitID {
            newByCode[row.newCode]?.parentID ?? UnitID(code: row.newProvinceCode, validFrom: reform)
        }

        var rowsByOldCode: [String: [LineageRow]] = [:]
        for row in rows { rowsByOldCode[row.oldCode, default: []].append(row) }

        // Every key of `rowsByOldCode` came with at least one row, and every row's old code is a
        // key: the two unwraps below hold for any file.
        let oldVersions = rowsByOldCode.keys.sorted().map { code -> UnitVersion in
            let first = rowsByOldCode[code]![0]
            return UnitVersion(
                unitID: UnitID(code: code, validFrom: oldUnitsValidFrom), code: code, name: first.oldShortName,
                kind: first.oldKind, parentID: provinceID(first), validFrom: oldUnitsValidFrom,
                validTo: oldUnitsValidTo)
        }

        let links = rows.map { row -> LineageLink in
            let siblings = rowsByOldCode[row.oldCode]!
            let whole = siblings.count == 1 && row.share == .full
            return LineageLink(
                source: UnitID(code: row.oldCode, validFrom: oldUnitsValidFrom), successor: successorID(row),
                weight: whole ? 1 : 1 / Double(siblings.count), date: reform, weightIsEstimated: !whole)
        }
        return (oldVersions, links)
    }
}
