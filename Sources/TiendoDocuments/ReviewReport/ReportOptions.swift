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

/// A request for a report that cannot be met, in one Vietnamese sentence an officer can act on.
public struct ReportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The message.
    public let description: String

    /// Creates an error with a Vietnamese message.
    public init(_ description: String) { self.description = description }
}

/// Finds the unit, resolution and period a report is about, with the same rules as the
/// assessment screen: a resolution is judged for the unit that issued it.
public enum ReportSubject {
    /// The targets of resolution `resolutionID` (nil: the unit's newest) judged for the unit with
    /// official code `unitCode` at the period with id `periodID` ("2027", "2027N9").
    public static func assess(
        snapshot: Snapshot, unitCode: String, resolutionID: String?, periodID: String
    ) throws -> UnitAssessment {
        guard let period = Period(id: periodID) else {
            throw ReportError(
                "Kỳ “\(periodID)” không hợp lệ; hãy viết dạng 2027, 2027S1, 2027N9, 2027Q3 hoặc 2027M09.")
        }
        let asOf = period.span(in: .statistical).end
        let code = unitCode.trimmingCharacters(in: .whitespaces)
        guard
            let unit = snapshot.directory.unit(code: code, on: asOf)
                ?? snapshot.directory.units(code: code).last
        else { throw ReportError("Không tìm thấy đơn vị có mã “\(code)”.") }
        let resolution: Resolution
        if let resolutionID, !resolutionID.isEmpty {
            guard let found = snapshot.resolutions.first(where: { $0.id == resolutionID }) else {
                let known = snapshot.resolutions.map(\.id).joined(separator: ", ")
                throw ReportError(
                    "Không có nghị quyết mã “\(resolutionID)”\(known.isEmpty ? "" : "; các mã hiện có: \(known)").")
            }
            guard found.issuingUnitID == unit.unitID else {
                let issuer = snapshot.directory.latestVersion(of: found.issuingUnitID)?.fullName ?? "đơn vị khác"
                throw ReportError(
                    "Nghị quyết “\(resolutionID)” do \(issuer) ban hành; báo cáo về nghị quyết này phải lập cho \(issuer)."
                )
            }
            resolution = found
        } else {
            guard let first = snapshot.resolutions(issuedBy: unit.unitID).first else {
                throw ReportError(
                    "Chưa có nghị quyết nào do \(unit.fullName) ban hành; hãy nhập bằng “tiendo resolution import”.")
            }
            resolution = first
        }
        return UnitAssessment(snapshot: snapshot, unit: unit, resolution: resolution, period: period)
    }
}
