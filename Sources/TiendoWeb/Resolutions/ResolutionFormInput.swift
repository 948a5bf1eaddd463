import Foundation
import TiendoCore

/// The resolution header form and the revision form of the web site: the names of their inputs,
/// a header or revision written into them, and the posted inputs read through Core's
/// ``ResolutionRules`` with each problem put next to its input.
enum ResolutionFormInput {
    /// The names of the header's inputs.
    enum Field {
        /// Mã: the resolution's id.
        static let id = "ma"
        /// Số, ký hiệu.
        static let symbol = "so-ky-hieu"
        /// Trích yếu.
        static let title = "trich-yeu"
        /// Đơn vị ban hành: a unit id.
        static let issuingUnit = "don-vi"
        /// Năm đầu nhiệm kỳ.
        static let termStart = "tu-nam"
        /// Năm cuối nhiệm kỳ.
        static let termEnd = "den-nam"
        /// Ngày thông qua, dd/mm/yyyy.
        static let adoptedOn = "ngay"

        /// The input of `field`.
        static func name(_ field: ResolutionRules.HeaderField) -> String {
            switch field {
            case .id: return id
            case .symbol: return symbol
            case .title: return title
            case .issuingUnit: return issuingUnit
            case .termStart: return termStart
            case .termEnd: return termEnd
            case .adoptedOn: return adoptedOn
            }
        }
    }

    /// The names of a revision's inputs.
    enum RevisionField {
        /// Số, ký hiệu of the revising document.
        static let symbol = "so-ky-hieu"
        /// Its title.
        static let title = "trich-yeu"
        /// The first day the revised targets apply, dd/mm/yyyy.
        static let effectiveFrom = "ngay-hieu-luc"
        /// Where a problem about the choice of targets is shown.
        static let targets = "chi-tieu"

        /// The check box that says the revision changes target `number`; "1" when ticked.
        static func changes(_ number: Int) -> String { "dc-\(number)" }
        /// The revised wording of target `number`.
        static func wording(_ number: Int) -> String { "dc-\(number)-noi-dung" }
        /// The prefix of the revised condition of target `number` (see
        /// ``TargetFormInput/ConditionField``).
        static func conditionPrefix(_ number: Int) -> String { "dc-\(number)-dk-" }

        /// The input of `field`.
        static func name(_ field: ResolutionRules.RevisionField) -> String {
            switch field {
            case .symbol: return symbol
            case .title: return title
            case .effectiveFrom: return effectiveFrom
            case .targets: return targets
            case .wording(let number): return wording(number)
            case .condition(let number, let part):
                return conditionPrefix(number) + TargetFormInput.ConditionField.name(part)
            }
        }
    }

    /// A resolution's header.
    typealias Header = ResolutionRules.Header

    /// What reading a header gave.
    struct HeaderReading: Sendable {
        /// The header, when no input has a problem.
        var header: Header?
        /// What is wrong, by input name.
        var problems: FieldMessages
    }

    /// What reading a revision gave.
    struct RevisionReading: Sendable {
        /// The revision, when no input has a problem.
        var revision: ResolutionRevision?
        /// What is wrong, by input name.
        var problems: FieldMessages
        /// How ambiguous numbers were read, by input name.
        var notes: FieldMessages
    }

    // MARK: - Header

    /// The fields showing `header`.
    static func fields(for header: Header) -> [String: String] {
        [
            Field.id: header.id, Field.symbol: header.symbol, Field.title: header.title,
            Field.issuingUnit: header.issuingUnitID.rawValue, Field.termStart: String(header.termStart),
            Field.termEnd: String(header.termEnd), Field.adoptedOn: VietnameseDate.short(header.adoptedOn),
        ]
    }

    /// Reads a header from the posted `fields` (see ``ResolutionRules/readHeader(_:fixedID:takenIDs:allowedUnits:existing:)``).
    static func readHeader(
        _ fields: [String: String], fixedID: String?, takenIDs: Set<String>, allowedUnits: Set<UnitID>,
        existing: Resolution? = nil
    ) -> HeaderReading {
        var typed: [ResolutionRules.HeaderField: String] = [:]
        for field in ResolutionRules.HeaderField.allCases { typed[field] = fields[Field.name(field)] }
        let reading = ResolutionRules.readHeader(
            typed, fixedID: fixedID, takenIDs: takenIDs, allowedUnits: allowedUnits, existing: existing)
        return HeaderReading(header: reading.header, problems: reading.problems.mapFields(Field.name))
    }

    // MARK: - Revisions

    /// The fields showing `revision` (nil: a new one) of `resolution`, which must not hold it:
    /// every target in force, ticked and with its revised wording and condition when the
    /// revision changes it.
    static func fields(for revision: ResolutionRevision?, of resolution: Resolution) -> [String: String] {
        var fields: [String: String] = [:]
        if let revision {
            fields[RevisionField.symbol] = revision.symbol
            fields[RevisionField.title] = revision.title
            fields[RevisionField.effectiveFrom] = VietnameseDate.short(revision.effectiveFrom)
        }
        let changed = Dictionary(
            (revision?.targets ?? []).map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        for base in ResolutionRules.baseTargets(of: resolution, before: revision?.effectiveFrom) {
            let shown = changed[base.number] ?? base
            if changed[base.number] != nil { fields[RevisionField.changes(base.number)] = "1" }
            fields[RevisionField.wording(base.number)] = shown.wording
            fields.merge(
                TargetFormInput.conditionFields(shown.condition, prefix: RevisionField.conditionPrefix(base.number))
            ) { _, new in new }
        }
        return fields
    }

    /// Reads a revision of `resolution` (which must not hold the revision being edited) from the
    /// posted `fields`: the targets ticked, each with its new wording and condition.
    static func readRevision(_ fields: [String: String], of resolution: Resolution) -> RevisionReading {
        var changes: [Int: (wording: String, condition: ConditionDraft)] = [:]
        for target in resolution.targets + resolution.revisions.flatMap(\.targets)
        where fields[RevisionField.changes(target.number)] == "1" {
            changes[target.number] = (
                wording: fields[RevisionField.wording(target.number)] ?? "",
                condition: TargetFormInput.conditionDraft(
                    fields, prefix: RevisionField.conditionPrefix(target.number))
            )
        }
        let draft = ResolutionRules.RevisionDraft(
            symbol: fields[RevisionField.symbol] ?? "", title: fields[RevisionField.title] ?? "",
            effectiveFrom: fields[RevisionField.effectiveFrom] ?? "", changes: changes)
        let reading = ResolutionRules.readRevision(draft, of: resolution)
        return RevisionReading(
            revision: reading.revision, problems: reading.problems.mapFields(RevisionField.name),
            notes: reading.notes.mapFields(RevisionField.name))
    }
}
