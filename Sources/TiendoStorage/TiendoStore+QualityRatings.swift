import FluentKit
import Foundation
import TiendoCore

extension TiendoStore {
    /// The ratings of `unit` for `year`, in the order they were entered.
    public func qualityRatings(unit: UnitID, year: Int) async throws -> [QualityRating] {
        try await QualityRatingModel.query(on: database)
            .filter(\.$unitID == unit.rawValue)
            .filter(\.$year == year)
            .sort(\.$position)
            .all()
            .map { try $0.core() }
    }

    /// The years for which `unit` has ratings, latest first.
    public func qualityRatingYears(unit: UnitID) async throws -> [Int] {
        let years = try await QualityRatingModel.query(on: database)
            .filter(\.$unitID == unit.rawValue)
            .all(\.$year)
        return Array(Set(years)).sorted(by: >)
    }

    /// `replaceQualityRatings(_:author:)` and `events` appended to the audit trail, in one
    /// transaction.
    public func replaceQualityRatings(
        _ lists: [QualityRatingList], author: String, recording events: [AuditTrail.Event]
    ) async throws -> QualityRatingWrite {
        try await inTransaction { tx in
            let write = try await tx.replaceQualityRatings(lists, author: author)
            for event in events { try await tx.record(event) }
            return write
        }
    }

    /// Replaces, in one transaction, the stored list of every (unit, year) in `lists` — so
    /// importing the same file twice changes nothing — and records the figures derived from each
    /// list (``QualityIndicators``), creating the indicators if needed. A figure of a kind no
    /// longer in a list is removed, so the figures always match the list.
    @discardableResult
    public func replaceQualityRatings(_ lists: [QualityRatingList], author: String, at time: Date = Date())
        async throws -> QualityRatingWrite
    {
        try await inTransaction { tx in
            let db = tx.database
            try await Self.upsertIndicators(QualityIndicators.catalogue, on: db)
            var write = QualityRatingWrite(ratings: 0, replaced: 0, values: ImportCounts(), valuesRemoved: 0)
            var values: [IndicatorValue] = []
            for list in lists {
                write.replaced += try await QualityRatingModel.query(on: db)
                    .filter(\.$unitID == list.unitID.rawValue)
                    .filter(\.$year == list.year)
                    .count()
                try await QualityRatingModel.query(on: db)
                    .filter(\.$unitID == list.unitID.rawValue)
                    .filter(\.$year == list.year)
                    .delete()
                let mine = list.ratings.filter { $0.unitID == list.unitID && $0.year == list.year }
                let models = mine.enumerated().map { index, rating in
                    QualityRatingModel(rating, position: index, author: author, enteredAt: time)
                }
                try await Self.createInChunks(models, on: db)
                write.ratings += models.count

                let derived = QualityIndicators.values(
                    for: mine, unit: list.unitID, year: list.year, author: author, enteredAt: time)
                let kept = Set(derived.map(\.indicatorCode))
                let stale = QualityIndicators.allCodes.filter { !kept.contains($0) }
                if !stale.isEmpty {
                    write.valuesRemoved += try await IndicatorValueModel.query(on: db)
                        .filter(\.$unitID == list.unitID.rawValue)
                        .filter(\.$period == Period.year(list.year).id)
                        .filter(\.$indicatorCode ~~ stale)
                        .count()
                    try await IndicatorValueModel.query(on: db)
                        .filter(\.$unitID == list.unitID.rawValue)
                        .filter(\.$period == Period.year(list.year).id)
                        .filter(\.$indicatorCode ~~ stale)
                        .delete()
                }
                values += derived
            }
            write.values = try await tx.recordValues(values)
            return write
        }
    }
}
