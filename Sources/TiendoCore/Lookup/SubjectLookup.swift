import Foundation

/// A period, unit code or resolution id a person wrote that cannot be read or names nothing, with
/// the one Vietnamese sentence every surface shows for it (the web page, the API, the command
/// line, a line of an imported file).
public struct LookupError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong: the text is not a valid value (`invalid`: a page answers 400), or it is
    /// valid but nothing has it (`notFound`: 404).
    public enum Kind: String, Sendable {
        case invalid, notFound
    }

    /// What the person named.
    public enum Field: String, Sendable {
        case period, unit, resolution
    }

    /// What is wrong.
    public let kind: Kind
    /// What the person named.
    public let field: Field
    /// The sentence shown to the person: what was wrong and what to do, ending in a full stop.
    public let message: String

    /// Creates an error.
    public init(_ kind: Kind, _ field: Field, _ message: String) {
        self.kind = kind
        self.field = field
        self.message = message
    }

    public var description: String { message }

    /// The message as the reason of one line of a file, after "dòng 3, cột “ky”: ": first letter
    /// in lower case, no full stop.
    public var reason: String {
        var text = message
        if text.hasSuffix(".") { text.removeLast() }
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// The period-format error: the one wording for a period that cannot be read, whoever reads it
    /// (also for a surface that refuses more than `Period(id:)` does, such as the API's pattern).
    public static func invalidPeriod(_ text: String) -> LookupError {
        LookupError(
            .invalid, .period, "Kỳ “\(text)” không hợp lệ; hãy viết dạng 2027, 2027S1, 2027N9, 2027Q3 hoặc 2027M09.")
    }

    /// A period of the wrong kind for a form (a quarter for a yearly form), with an example of
    /// the kind the form wants in the year written.
    public static func periodOfWrongKind(_ text: String, wanted kind: Period.Kind, year: Int, form: String?)
        -> LookupError
    {
        let which = form.map { "cho biểu mẫu “\($0)”" } ?? "cho biểu mẫu này"
        return LookupError(
            .invalid, .period,
            "Kỳ “\(text)” không hợp lệ \(which) (\(kind.vietnameseName)); hãy viết dạng \(kind.example(year: year)).")
    }

    /// The error for a unit code no unit has ever held.
    public static func unknownUnit(_ code: String) -> LookupError {
        LookupError(.notFound, .unit, "Không tìm thấy đơn vị có mã “\(code)”.")
    }
}

/// Finds what a person names by code — the period, the unit, the resolution — the same way on
/// every surface (web pages, API, command line, imported files), so the same words name the same
/// thing everywhere.
public enum SubjectLookup {
    /// The period written `text` ("2027", "2027S1", "2027N9", "2027Q3", "2027M09", "2025-2030";
    /// spaces around it and lower case are accepted). With `kind`, a period of another kind is
    /// refused, naming `form` when given.
    public static func period(_ text: String, kind: Period.Kind? = nil, form: String? = nil) throws(LookupError)
        -> Period
    {
        guard let period = Period(id: text) else { throw .invalidPeriod(text) }
        if let kind, period.kind != kind {
            throw .periodOfWrongKind(text, wanted: kind, year: period.year, form: form)
        }
        return period
    }

    /// The version of the unit with official `code` to use for something dated `date` (a
    /// figure's period end, a dossier's receipt, a rating's year end); spaces around the code are
    /// ignored. The rule is ``UnitDirectory/unit(code:nearest:)``'s.
    public static func unit(code: String, on date: CivilDate, in directory: UnitDirectory) throws(LookupError)
        -> UnitVersion
    {
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        guard let unit = directory.unit(code: trimmed, nearest: date) else { throw .unknownUnit(trimmed) }
        return unit
    }

    /// The resolution `id` of `unit` (nil or empty: the one with the newest term that `unit`
    /// issued). A resolution's targets are judged for the unit that issued it, so a resolution
    /// of another unit is not found for this one.
    public static func resolution(id: String?, for unit: UnitVersion, in snapshot: Snapshot) throws(LookupError)
        -> Resolution
    {
        let issued = snapshot.resolutions(issuedBy: unit.unitID)
        let wanted = id?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !wanted.isEmpty else {
            guard let newest = issued.first else {
                throw LookupError(
                    .notFound, .resolution,
                    "Chưa có nghị quyết nào do \(unit.fullName) ban hành; hãy nhập bằng “tiendo resolution import”.")
            }
            return newest
        }
        if let own = issued.first(where: { $0.id == wanted }) { return own }
        if let other = snapshot.resolution(id: wanted) {
            let issuer = snapshot.directory.latestVersion(of: other.issuingUnitID)?.fullName ?? "đơn vị khác"
            throw LookupError(
                .notFound, .resolution,
                "Nghị quyết “\(wanted)” do \(issuer) ban hành; chỉ tiêu của nghị quyết được đánh giá "
                    + "và báo cáo cho \(issuer), không cho \(unit.fullName).")
        }
        let known = issued.map(\.id).joined(separator: ", ")
        throw LookupError(
            .notFound, .resolution,
            "Không có nghị quyết mã “\(wanted)”"
                + (known.isEmpty ? "." : "; các nghị quyết do \(unit.fullName) ban hành: \(known)."))
    }
}

extension UnitDirectory {
    /// The version of the unit with official `code` to use for something dated `date`:
    ///
    /// 1. the version holding `code` in force on `date`;
    /// 2. else the most recent version holding `code` that ended before `date`;
    /// 3. else the earliest version holding `code` that starts after `date`.
    ///
    /// Why: codes are reused when units merge (Decision 19/2025/QĐ-TTg), so a code names
    /// different units at different times and the date must decide. When nothing holds the code
    /// on the date, the unit that held it last before the date is the one whose history the date
    /// continues (a commune that ceased on 30 June 2025, asked about for 2025 or later); only
    /// when the code was not yet used is the first unit to take it meant (a ward created on
    /// 1 July 2025, asked about for 2024, whose figures roll up from its predecessors). Taking
    /// the newest holder whatever the date could name a unit that did not yet exist while an
    /// earlier holder did; taking the oldest could reach back decades. Ties (a directory with two
    /// units holding one code on one day) go to the later start, then the smaller unit id, so
    /// the answer never depends on dictionary order.
    public func unit(code: String, nearest date: CivilDate) -> UnitVersion? {
        let holding = units(code: code).flatMap { latest in versions(of: latest.unitID).filter { $0.code == code } }
        func later(_ a: UnitVersion, _ b: UnitVersion) -> Bool {
            a.validFrom != b.validFrom ? a.validFrom > b.validFrom : a.unitID < b.unitID
        }
        if let inForce = holding.filter({ $0.isValid(on: date) }).min(by: later) { return inForce }
        let before = holding.filter { version in version.validTo.map { $0 < date } ?? false }
        if let lastBefore = before.min(by: { a, b in
            // Both have a `validTo` (the filter above kept only those).
            let (endA, endB) = (a.validTo ?? date, b.validTo ?? date)
            return endA != endB ? endA > endB : later(a, b)
        }) {
            return lastBefore
        }
        return holding.filter { $0.validFrom > date }.min { a, b in
            a.validFrom != b.validFrom ? a.validFrom < b.validFrom : a.unitID < b.unitID
        }
    }
}

extension Snapshot {
    /// The resolution with `id`, whoever issued it.
    public func resolution(id: String) -> Resolution? { resolutions.first { $0.id == id } }
}

extension Period.Kind {
    /// A period of this kind in `year`, as a person writes it (for "hãy viết dạng …").
    public func example(year: Int) -> String {
        switch self {
        case .year: return "\(year)"
        case .half: return "\(year)S1"
        case .nineMonths: return "\(year)N9"
        case .quarter: return "\(year)Q3"
        case .month: return "\(year)M09"
        case .term: return "\(year)-\(year + 5)"
        }
    }
}
