import Foundation
import TiendoCore

/// A resolution read from a YAML file (see `docs/resolution-yaml.md`): everything a `Resolution`
/// holds, except that the issuing unit is still the code the clerk wrote, since only storage
/// knows which unit holds that code on the adoption date; plus the indicators the file declares.
public struct ResolutionDocument: Hashable, Sendable {
    /// The file it was read from, for later messages.
    public var fileName: String
    /// The short stable id chosen by the office, e.g. "hue-2025-2030" (`ma`).
    public var id: String
    /// The issuing unit's official code, e.g. "46" (`don_vi_ban_hanh`).
    public var issuingUnitCode: String
    /// The line of `don_vi_ban_hanh`, for a message when storage cannot find the unit.
    public var issuingUnitCodeLine: Int
    /// The symbol, e.g. "01-NQ/ĐH" (`so_ky_hieu`).
    public var symbol: String
    /// The title (`trich_yeu`).
    public var title: String
    /// First year of the term (`nhiem_ky`).
    public var termStart: Int
    /// Last year of the term.
    public var termEnd: Int
    /// The adoption date (`ngay_thong_qua`).
    public var adoptedOn: CivilDate
    /// The indicators declared in the file (`chi_so`), in file order; may be empty when the
    /// targets use indicators already in the system.
    public var indicators: [Indicator]
    /// The targets as adopted (`chi_tieu`), in file order.
    public var targets: [Target]
    /// Later revisions (`dieu_chinh`), in file order; their targets are complete (keys a
    /// revision left out are taken from the adopted target).
    public var revisions: [ResolutionRevision]
    /// How ambiguous numbers were read, e.g. "1.234" taken as one thousand two hundred and
    /// thirty-four; show them to the clerk after a successful import.
    public var assumptions: [ImportIssue]

    /// Creates a document.
    public init(
        fileName: String, id: String, issuingUnitCode: String, issuingUnitCodeLine: Int = 1, symbol: String,
        title: String, termStart: Int, termEnd: Int, adoptedOn: CivilDate, indicators: [Indicator], targets: [Target],
        revisions: [ResolutionRevision], assumptions: [ImportIssue] = []
    ) {
        self.fileName = fileName
        self.id = id
        self.issuingUnitCode = issuingUnitCode
        self.issuingUnitCodeLine = issuingUnitCodeLine
        self.symbol = VietnameseText.nfc(symbol)
        self.title = VietnameseText.nfc(title)
        self.termStart = termStart
        self.termEnd = termEnd
        self.adoptedOn = adoptedOn
        self.indicators = indicators
        self.targets = targets
        self.revisions = revisions
        self.assumptions = assumptions
    }

    /// The resolution, once the issuing unit's code has been resolved to its identity.
    public func resolution(issuingUnitID: UnitID) -> Resolution {
        Resolution(
            id: id, issuingUnitID: issuingUnitID, symbol: symbol, title: title, termStart: termStart,
            termEnd: termEnd, adoptedOn: adoptedOn, targets: targets, revisions: revisions)
    }

    /// Every indicator code the targets and ratio indicators use, declared in the file or not.
    public var referencedIndicatorCodes: Set<String> {
        var codes = Set(targets.map(\.indicatorCode))
        for revision in revisions { codes.formUnion(revision.targets.map(\.indicatorCode)) }
        for indicator in indicators {
            codes.insert(indicator.code)
            if let parts = indicator.ratioParts {
                codes.insert(parts.numerator)
                codes.insert(parts.denominator)
            }
        }
        return codes
    }

    /// The rejection to throw when storage finds no unit with `issuingUnitCode` on the adoption
    /// date, pointing at the line of `don_vi_ban_hanh`.
    public func unknownIssuingUnitFailure() -> ImportFailure {
        ImportFailure(
            fileName: fileName,
            issues: [
                ImportIssue(
                    fileName: fileName, line: issuingUnitCodeLine, field: "don_vi_ban_hanh", fieldKind: .key,
                    reason:
                        "không có đơn vị nào mang mã “\(issuingUnitCode)” vào ngày \(VietnameseDateText.slash(adoptedOn)); "
                        + "hãy ghi mã đơn vị hành chính theo Quyết định 19/2025/QĐ-TTg (ví dụ “46” là Thành phố Huế) hoặc nhập danh sách đơn vị trước"
                )
            ])
    }
}

/// Dates as screens and messages show them: 15/10/2025.
enum VietnameseDateText {
    static func slash(_ date: CivilDate) -> String {
        String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
    }
}
