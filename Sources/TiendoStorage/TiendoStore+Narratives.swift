import FluentKit
import Foundation
import TiendoCore

extension TiendoStore {
    /// What officers wrote for the report of `kind` about `unit` at `period` (sections never
    /// written are absent).
    public func narrative(unit: UnitID, period: Period, kind: ReportKind) async throws -> Narrative {
        let rows = try await query(unit: unit, period: period, kind: kind, on: database).all()
        var narrative = Narrative(unitID: unit, period: period, kind: kind)
        for row in rows {
            if let section = NarrativeSection(rawValue: row.section) { narrative[section] = row.text }
        }
        return narrative
    }

    /// Saves one section's text (normalised as ``Narrative/normalized(_:)`` says); a blank text
    /// removes the section, so the report leaves it out.
    public func setNarrative(
        _ text: String, section: NarrativeSection, unit: UnitID, period: Period, kind: ReportKind,
        author: String = "", at date: Date = Date()
    ) async throws {
        try await writeTransaction { db in
            try await Self.write(
                Narrative.normalized(text), section: section, unit: unit, period: period, kind: kind,
                author: author, date: date, on: db)
        }
    }

    /// Saves every section of `narrative` in one transaction: sections it has are written,
    /// sections it lacks are removed.
    public func saveNarrative(_ narrative: Narrative, author: String = "", at date: Date = Date()) async throws {
        try await writeTransaction { db in
            for section in NarrativeSection.allCases {
                try await Self.write(
                    narrative[section] ?? "", section: section, unit: narrative.unitID, period: narrative.period,
                    kind: narrative.kind, author: author, date: date, on: db)
            }
        }
    }

    private func query(unit: UnitID, period: Period, kind: ReportKind, on db: any Database)
        -> QueryBuilder<NarrativeModel>
    {
        NarrativeModel.query(on: db)
            .filter(\.$unitID == unit.rawValue)
            .filter(\.$period == period.id)
            .filter(\.$reportKind == kind.rawValue)
    }

    private static func write(
        _ text: String, section: NarrativeSection, unit: UnitID, period: Period, kind: ReportKind, author: String,
        date: Date, on db: any Database
    ) async throws {
        let existing = try await NarrativeModel.query(on: db)
            .filter(\.$unitID == unit.rawValue)
            .filter(\.$period == period.id)
            .filter(\.$reportKind == kind.rawValue)
            .filter(\.$section == section.rawValue)
            .first()
        if text.isEmpty {
            try await existing?.delete(on: db)
            return
        }
        if let existing {
            guard existing.text != text else { return }
            existing.text = text
            existing.author = author
            existing.updatedAt = date
            existing.version += 1
            try await existing.update(on: db)
        } else {
            let model = NarrativeModel()
            model.unitID = unit.rawValue
            model.period = period.id
            model.reportKind = kind.rawValue
            model.section = section.rawValue
            model.text = text
            model.author = author
            model.updatedAt = date
            model.version = 1
            try await model.create(on: db)
        }
    }
}
