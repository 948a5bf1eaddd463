import Foundation
import TiendoCore
import TiendoImport

/// Imports a dossier log (docs/ho-so-tthc.md) for the CLI and the web page alike: the file is
/// read and checked whole — every line, with the unit codes checked against the unit directory
/// and the person's scope — and only then stored, in one transaction, with the 766 rates of every
/// (unit, month) it touches recomputed. Any problem: an `ImportFailure` in Vietnamese, nothing
/// written.
public enum DossierFiles {
    /// What an import did, with the summary line to print.
    public struct Summary: Sendable {
        /// Dossier lines read.
        public var lines: Int
        /// The evaluation date the rates were computed for.
        public var asOf: CivilDate
        /// What storage did.
        public var outcome: DossierImportOutcome

        /// "100.000 hồ sơ: 100.000 mới, 0 cập nhật, 0 giữ nguyên; 5.940 số liệu của 135 đơn vị × 12 tháng
        /// (5.940 mới, 0 thay đổi, 0 giữ nguyên), tính đến ngày 29/11/2026."
        public var vietnameseText: String {
            let d = outcome.dossiers
            let v = outcome.values
            var text =
                "\(VietnameseNumber.format(lines)) hồ sơ: \(VietnameseNumber.format(d.inserted)) mới, "
                + "\(VietnameseNumber.format(d.updated)) cập nhật, \(VietnameseNumber.format(d.unchanged)) giữ nguyên; "
                + "\(VietnameseNumber.format(v.inserted + v.updated + v.unchanged)) số liệu của "
                + "\(VietnameseNumber.format(outcome.units)) đơn vị × \(VietnameseNumber.format(outcome.months)) tháng "
                + "(\(VietnameseNumber.format(v.inserted)) mới, \(VietnameseNumber.format(v.updated)) thay đổi, "
                + "\(VietnameseNumber.format(v.unchanged)) giữ nguyên)"
            if outcome.ratesRemoved > 0 {
                text += ", bỏ \(VietnameseNumber.format(outcome.ratesRemoved)) tỷ lệ của tháng không còn hồ sơ"
            }
            return text + ", tính đến ngày \(VietnameseDate.short(asOf))."
        }
    }

    /// Reads `--today`: `dd/MM/yyyy` or `yyyy-MM-dd`.
    public static func evaluationDate(_ text: String?) throws -> CivilDate {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return .todayInVietnam() }
        guard let date = DossierLogFile.readDate(text.trimmingCharacters(in: .whitespaces)) else {
            throw FigureFileError("Ngày tính “\(text)” không hợp lệ; hãy ghi dạng 29/11/2026 hoặc 2026-11-29.")
        }
        return date
    }

    /// Imports the log in `text` as `person`, judging every dossier's status on `asOf`.
    public static func importLog(
        text: String, fileName: String, person: FigureFiles.Person, asOf: CivilDate = .todayInVietnam(),
        store: any ReferenceData & DossierStore, at now: Date = Date()
    ) async throws -> Summary {
        let rows = try DossierLogFile.parse(text: text, fileName: fileName)
        let directory = try await store.directory()
        var issues: [ImportIssue] = []
        var records: [DossierRecord] = []
        records.reserveCapacity(rows.count)
        var resolved: [String: UnitVersion?] = [:]
        for row in rows {
            let cacheKey = row.unitCode + "@" + row.received.iso
            let unit: UnitVersion?
            if let known = resolved[cacheKey] {
                unit = known
            } else {
                unit = try? SubjectLookup.unit(code: row.unitCode, on: row.received, in: directory)
                resolved[cacheKey] = unit
            }
            guard let unit else {
                issues.append(
                    ImportIssue(
                        fileName: fileName, line: row.line, field: "ma_don_vi",
                        reason:
                            "không có đơn vị mã “\(row.unitCode)” trong danh mục; hãy dùng mã đơn vị hành chính chính thức của nơi tiếp nhận hồ sơ"
                    ))
                continue
            }
            if let allowed = person.allowedUnits, !allowed.contains(unit.unitID) {
                issues.append(
                    ImportIssue(
                        fileName: fileName, line: row.line, field: "ma_don_vi",
                        reason:
                            "\(unit.fullName) không thuộc phạm vi tài khoản của bạn; không nhập được hồ sơ của đơn vị này"
                    ))
                continue
            }
            records.append(row.record(unitID: unit.unitID))
        }
        if !issues.isEmpty { throw ImportFailure(fileName: fileName, issues: issues) }
        let outcome = try await store.importDossiers(
            records, asOf: asOf, author: person.displayName, actor: person.username, at: now)
        return Summary(lines: rows.count, asOf: asOf, outcome: outcome)
    }
}
