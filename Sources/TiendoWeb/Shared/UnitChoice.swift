import Foundation
import TiendoCore

/// The unit and period a page is about, from the query, within the user's scope.
enum UnitChoice {
    static func period(_ raw: String?, snapshot: Snapshot, today: CivilDate) throws -> Period {
        if let raw, !raw.isEmpty {
            do {
                return try SubjectLookup.period(raw)
            } catch {
                throw PageError(error)
            }
        }
        // The latest year that has any figure: what an office reviews by default.
        return .year(snapshot.values.latestYear ?? today.year)
    }

    static func unit(_ code: String?, snapshot: Snapshot, user: Account, on date: CivilDate) throws -> UnitVersion {
        let directory = snapshot.directory
        if let code, !code.isEmpty {
            let unit: UnitVersion
            do {
                unit = try SubjectLookup.unit(code: code, on: date, in: directory)
            } catch {
                throw PageError(error)
            }
            guard user.canSee(unit.unitID, in: directory, on: date) else {
                throw PageError(.forbidden, "Bạn không có quyền xem số liệu của \(unit.fullName).")
            }
            return unit
        }
        if let own = directory.version(of: user.unitID, on: date) ?? directory.latestVersion(of: user.unitID) {
            return own
        }
        // An account for the whole system starts at the first resolution's unit, else a province.
        for resolution in snapshot.resolutions {
            if let unit = directory.version(of: resolution.issuingUnitID, on: date) { return unit }
        }
        guard
            let first = directory.unitIDs.compactMap({ directory.version(of: $0, on: date) }).filter({
                $0.parentID == nil
            })
            .min(by: { VietnameseText.collationLess($0.name, $1.name) })
        else {
            throw PageError(.notFound, "Chưa có đơn vị nào. Hãy nhập danh mục đơn vị bằng lệnh “tiendo units import”.")
        }
        return first
    }
}

extension PageError {
    /// A period, unit or resolution the query names that cannot be read (400) or names nothing
    /// (404), with the lookup's one message.
    init(_ error: LookupError) {
        switch error.kind {
        case .invalid: self.init(.badRequest, error.message)
        case .notFound: self.init(.notFound, error.message)
        }
    }
}
