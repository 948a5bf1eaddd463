import Foundation
import TiendoCore

/// Which official format a report follows: the issuing body's kind decides (format.md).
public enum IssuingBodyKind: String, Hashable, Sendable, CaseIterable {
    /// A party body: Hướng dẫn 36-HD/VPTW ("ĐẢNG CỘNG SẢN VIỆT NAM", "Số 15-BC/TU", "T/M …").
    case dang
    /// A state body: Decree 30/2020/NĐ-CP ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 15/BC-UBND",
    /// "TM. ỦY BAN NHÂN DÂN").
    case chinhQuyen = "chinh-quyen"

    /// Reads the kind as typed: "dang", "đảng", "chinh-quyen", "chính quyền" (any case, with or
    /// without diacritics).
    public init?(text: String) {
        switch VietnameseText.searchKey(text).replacingOccurrences(of: " ", with: "-") {
        case "dang", "party": self = .dang
        case "chinh-quyen", "chinhquyen", "nha-nuoc", "state", "ubnd": self = .chinhQuyen
        default: return nil
        }
    }

    /// The kind that issued `resolution`, read from its symbol: a party symbol has the number
    /// joined by a hyphen ("05-NQ/ĐH", "12-NQ/TU"), a state one by a slash ("15/NQ-HĐND").
    public static func issuer(of resolution: Resolution) -> IssuingBodyKind {
        let symbol = resolution.symbol.uppercased()
        if symbol.contains("/NQ-") || symbol.contains("HĐND") || symbol.contains("UBND") { return .chinhQuyen }
        return .dang
    }
}

/// What the office chooses for one report: its kind, format, number, date and signature. Every
/// field has a sensible default so a report can be made from the unit, resolution and period alone.
public struct ReportOptions: Sendable {
    /// Sơ kết, tổng kết or yearly.
    public var kind: ReportKind
    /// The format; nil follows the resolution's issuer (``IssuingBodyKind/issuer(of:)``).
    public var body: IssuingBodyKind?
    /// The document's number ("15"); empty leaves the blank offices fill in by hand ("Số    -BC/TU").
    public var number: String
    /// The date of the document.
    public var date: CivilDate
    /// The place in the place-and-date line; nil uses the unit's name ("Phong Dinh", "Huế").
    public var place: String?
    /// The superior body's line ("ĐẢNG BỘ THÀNH PHỐ HUẾ"); nil derives it, "" leaves it out.
    public var superiorBody: String?
    /// The issuing body's line(s), "\n" between lines ("ĐẢNG ỦY PHƯỜNG PHONG DINH"); nil derives it.
    public var issuingBody: String?
    /// The line above the signer's title ("T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN"); nil
    /// derives it, "" leaves it out.
    public var signingAuthority: String?
    /// The signer's title ("BÍ THƯ", "CHỦ TỊCH"); nil derives it.
    public var signerTitle: String?
    /// The signer's name; empty leaves the space for the signature only.
    public var signerName: String
    /// The recipients, one per line without the leading dash; nil uses the defaults of the body.
    public var recipients: [String]?
    /// Whether to draw the chart of verdicts by group.
    public var includeChart: Bool

    /// Creates options; see each property for its default.
    public init(
        kind: ReportKind = .soKet, body: IssuingBodyKind? = nil, number: String = "",
        date: CivilDate = .todayInVietnam(), place: String? = nil, superiorBody: String? = nil,
        issuingBody: String? = nil, signingAuthority: String? = nil, signerTitle: String? = nil,
        signerName: String = "", recipients: [String]? = nil, includeChart: Bool = true
    ) {
        self.kind = kind
        self.body = body
        self.number = number
        self.date = date
        self.place = place
        self.superiorBody = superiorBody
        self.issuingBody = issuingBody
        self.signingAuthority = signingAuthority
        self.signerTitle = signerTitle
        self.signerName = signerName
        self.recipients = recipients
        self.includeChart = includeChart
    }
}

extension ReportOptions {
    /// Refuses a kind or a date that does not fit the report's subject (``ReportTiming``): a
    /// tổng kết before the term's last year, a date before the period begins. Returns the
    /// warnings to show (a date before the period's cut-off).
    public func checked(for assessed: UnitAssessment) throws(ReportError) -> [String] {
        let resolution = assessed.resolution
        if let problem = ReportTiming.kindProblem(
            kind, period: assessed.period, termStart: resolution.termStart, termEnd: resolution.termEnd)
        {
            throw ReportError(problem)
        }
        if let problem = ReportTiming.dateProblem(date, period: assessed.period) { throw ReportError(problem) }
        return [ReportTiming.dateWarning(date, period: assessed.period)].compactMap { $0 }
    }
}

/// A request for a report that cannot be met, in one Vietnamese sentence an officer can act on.
public struct ReportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The message.
    public let description: String

    /// Creates an error with a Vietnamese message.
    public init(_ description: String) { self.description = description }
}

/// Finds the unit, resolution and period a report is about, with the rules every surface uses
/// (``SubjectLookup``): a resolution is judged for the unit that issued it.
public enum ReportSubject {
    /// The targets of resolution `resolutionID` (nil: the unit's newest) judged for the unit with
    /// official code `unitCode` at the period with id `periodID` ("2027", "2027N9").
    public static func assess(
        snapshot: Snapshot, unitCode: String, resolutionID: String?, periodID: String
    ) throws -> UnitAssessment {
        do {
            let period = try SubjectLookup.period(periodID)
            let unit = try SubjectLookup.unit(
                code: unitCode, on: period.span(in: .statistical).end, in: snapshot.directory)
            return try assess(snapshot: snapshot, unit: unit, resolutionID: resolutionID, period: period)
        } catch {
            throw ReportError(error.message)
        }
    }

    /// The targets of resolution `resolutionID` (nil: the unit's newest) judged for `unit`, found
    /// already (a page that has chosen the unit within the user's scope), at `period`.
    public static func assess(
        snapshot: Snapshot, unit: UnitVersion, resolutionID: String?, period: Period
    ) throws(LookupError) -> UnitAssessment {
        let resolution = try SubjectLookup.resolution(id: resolutionID, for: unit, in: snapshot)
        return UnitAssessment(snapshot: snapshot, unit: unit, resolution: resolution, period: period)
    }
}
