import Foundation

/// A later decision that adjusts some targets from `effectiveFrom`; earlier reviews keep the
/// earlier wording.
public struct ResolutionRevision: Hashable, Sendable, Codable {
    /// The revising document's symbol, e.g. "12-NQ/TU".
    public var symbol: String
    /// Its title.
    public var title: String
    /// The first day the revised targets apply.
    public var effectiveFrom: CivilDate
    /// The targets as revised, replacing those with the same number.
    public var targets: [Target]

    /// Creates a revision.
    public init(symbol: String, title: String, effectiveFrom: CivilDate, targets: [Target]) {
        self.symbol = VietnameseText.nfc(symbol)
        self.title = VietnameseText.nfc(title)
        self.effectiveFrom = effectiveFrom
        self.targets = targets
    }
}

/// A term resolution (nghị quyết) and its targets.
public struct Resolution: Hashable, Sendable, Codable {
    /// A short stable id chosen by the office, e.g. "hue-2025-2030".
    public var id: String
    /// The issuing unit.
    public var issuingUnitID: UnitID
    /// The symbol, e.g. "05-NQ/ĐH".
    public var symbol: String
    /// The title.
    public var title: String
    /// First year of the term.
    public var termStart: Int
    /// Last year of the term.
    public var termEnd: Int
    /// The adoption date.
    public var adoptedOn: CivilDate
    /// The targets as adopted.
    public var targets: [Target]
    /// Later revisions, in any order.
    public var revisions: [ResolutionRevision]

    /// Creates a resolution.
    public init(
        id: String, issuingUnitID: UnitID, symbol: String, title: String, termStart: Int, termEnd: Int,
        adoptedOn: CivilDate, targets: [Target], revisions: [ResolutionRevision] = []
    ) {
        self.id = id
        self.issuingUnitID = issuingUnitID
        self.symbol = VietnameseText.nfc(symbol)
        self.title = VietnameseText.nfc(title)
        self.termStart = termStart
        self.termEnd = termEnd
        self.adoptedOn = adoptedOn
        self.targets = targets
        self.revisions = revisions
    }

    /// The term as a period, e.g. `2025-2030`.
    public var term: Period { .term(termStart, termEnd) }

    /// The years of the term, first to last. Empty for a term stored back to front (every path
    /// that writes a resolution refuses one, but a page must not trap on a row that slipped by).
    public var termYears: [Int] { termStart <= termEnd ? Array(termStart...termEnd) : [] }

    /// Whether `period` ends before the term begins: the resolution is not in force yet, so
    /// none of its targets can be judged then.
    public func isBeforeTerm(_ period: Period) -> Bool { period.year < termStart }

    /// The targets in force on `date`: the adopted ones with every revision effective by then
    /// applied in date order, sorted by number.
    public func targets(on date: CivilDate) -> [Target] {
        // Two targets under one number are refused by every writer; should a row slip by, the
        // first one counts rather than the page trapping (uniqueKeysWithValues would).
        var byNumber = Dictionary(targets.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        for revision in revisions.sorted(by: { $0.effectiveFrom < $1.effectiveFrom })
        where revision.effectiveFrom <= date {
            for target in revision.targets { byNumber[target.number] = target }
        }
        return byNumber.values.sorted { $0.number < $1.number }
    }
}
