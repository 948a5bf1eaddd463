import Foundation
import TiendoCore
import TiendoImport

/// Quality ratings of party organisations and members (docs/xep-loai.md) in and out of Tiendo:
/// the CSV file (CLI and web upload) and the lines typed on the web page. Shared by both so the
/// rules are the same; every refusal is an `ImportFailure` in Vietnamese and writes nothing. The
/// 20% cap is a warning: the list is stored and the warnings returned.
public enum QualityRatingFiles {
    /// The list of one unit and year after an import.
    public struct UnitYear: Sendable {
        public var unit: UnitVersion
        public var year: Int
        public var tallies: [QualityTally]
        public var count: Int
    }

    /// What an import did.
    public struct Outcome: Sendable {
        /// Every unit-year list replaced, in file order.
        public var lists: [UnitYear]
        /// Groups over the 20% cap.
        public var warnings: [QualityCapWarning]
        /// The storage counts.
        public var write: QualityRatingWrite
        /// Unit names for the warnings.
        public var unitNames: [UnitID: String]

        /// "Phường Phong Dinh, năm 2027 — Chi bộ Khu vực 3: 3 đảng viên … (8 → tối đa 1)".
        public var warningLines: [String] {
            warnings.map { warning in
                "\(unitNames[warning.unitID] ?? warning.unitID.rawValue), năm \(warning.year) — \(warning.message)"
            }
        }

        /// The Vietnamese summary the CLI prints (the warnings follow on their own lines).
        public var summary: String {
            var lines = lists.map { list in
                let parts = list.tallies.map { tally in
                    "\(tally.total) \(tally.kind.noun) ("
                        + QualityLevel.allCases.map { "\($0.shortCode) \(tally.count($0))" }.joined(separator: ", ")
                        + (tally.goodOrBetterRate.map {
                            "; hoàn thành tốt nhiệm vụ trở lên " + VietnameseNumber.format($0, decimals: 1) + "%"
                        } ?? "") + ")"
                }
                return "- \(list.unit.fullName), năm \(list.year): "
                    + (parts.isEmpty ? "danh sách trống" : parts.joined(separator: "; "))
            }
            lines.insert(
                "Đã nhập \(write.ratings) xếp loại chất lượng của \(lists.count) danh sách (đơn vị × năm)"
                    + (write.replaced > 0 ? ", thay cho \(write.replaced) xếp loại đã có" : "")
                    + "; \(write.values.inserted) số liệu chỉ tiêu mới, \(write.values.updated) thay đổi, "
                    + "\(write.values.unchanged) giữ nguyên"
                    + (write.valuesRemoved > 0
                        ? ", \(write.valuesRemoved) số liệu bỏ đi (loại đối tượng không còn trong danh sách)" : "")
                    + ".", at: 0)
            if warnings.isEmpty {
                lines.append(
                    "Không nhóm nào vượt tỷ lệ \(QualityRatingRules.capPercent)% “Hoàn thành xuất sắc nhiệm vụ”.")
            } else {
                lines.append(
                    "Cảnh báo (danh sách vẫn được lưu; cấp có thẩm quyền xem xét lại): \(warnings.count) nhóm vượt tỷ lệ:"
                )
                lines += warningLines.map { "  ! " + $0 }
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Where a web upload must belong (nil: anywhere in the person's scope).
    public struct Expectation: Sendable {
        public var unitCode: String
        public var year: Int

        /// Creates an expectation.
        public init(unitCode: String, year: Int) {
            self.unitCode = unitCode
            self.year = year
        }
    }

    /// Imports a CSV file: each (unit, year) it names gets exactly the file's rows for it.
    public static func importCSV(
        data: Data, fileName: String, person: FigureFiles.Person, expecting: Expectation? = nil,
        store: any SnapshotSource & QualityRatingStore
    ) async throws -> Outcome {
        let text = try ImportEncoding.decode(data, fileName: fileName)
        // Every problem at once: the file's own, then units and scope of the rows that are valid.
        let (rows, problems) = try QualityRatingFile.read(text: text, fileName: fileName)
        let snapshot = try await store.snapshot()
        var issues = problems
        var unitOf: [String: UnitVersion] = [:]
        for row in rows {
            func issue(_ field: String, _ reason: String) {
                issues.append(ImportIssue(fileName: fileName, line: row.line, field: field, reason: reason))
            }
            if let expecting {
                if row.unitCode != expecting.unitCode {
                    issue(
                        "ma_don_vi",
                        "mã đơn vị “\(row.unitCode)” khác đơn vị của trang (\(expecting.unitCode)); trên trang này chỉ nhập "
                            + "danh sách của đơn vị đang xem — hãy sửa mã hoặc mở trang của đơn vị kia")
                }
                if row.year != expecting.year {
                    issue(
                        "nam",
                        "năm \(row.year) khác năm của trang (\(expecting.year)); hãy sửa năm hoặc chọn năm \(row.year) trên trang"
                    )
                }
            }
            guard let unit = resolveUnit(row.unitCode, year: row.year, directory: snapshot.directory) else {
                issue(
                    "ma_don_vi",
                    "không có đơn vị mã “\(row.unitCode)” trong danh mục đơn vị; hãy kiểm tra mã (mã 5 chữ số của xã, phường hoặc 2 chữ số của tỉnh theo danh mục đơn vị hành chính)"
                )
                continue
            }
            if let allowed = person.allowedUnits, !allowed.contains(unit.unitID) {
                issue("ma_don_vi", "\(unit.fullName) không thuộc phạm vi tài khoản của bạn")
                continue
            }
            unitOf["\(row.unitCode)|\(row.year)"] = unit
        }
        if !issues.isEmpty { throw ImportFailure(fileName: fileName, issues: issues) }
        var order: [String] = []
        var grouped: [String: (unit: UnitVersion, year: Int, ratings: [QualityRating])] = [:]
        // Every row either found its unit above or added an issue, and any issue threw: each
        // row has its unit here. `grouped[key]` is set just before it is appended to.
        for row in rows {
            let unit = unitOf["\(row.unitCode)|\(row.year)"]!
            let key = "\(unit.unitID.rawValue)|\(row.year)"
            if grouped[key] == nil {
                order.append(key)
                grouped[key] = (unit, row.year, [])
            }
            grouped[key]!.ratings.append(row.rating(unitID: unit.unitID))
        }
        let lists = order.map { grouped[$0]! }
        return try await write(lists, person: person, via: "tệp \(fileName)", store: store)
    }

    /// The text boxes of the web page: one per kind, lines `tên; nhóm; xếp loại; ghi chú`.
    /// Replaces the unit-year's whole list with what the boxes hold.
    public static func saveLines(
        _ boxes: [RatedSubjectKind: String], unit: UnitVersion, year: Int, person: FigureFiles.Person,
        store: any QualityRatingStore
    ) async throws -> Outcome {
        var issues: [ImportIssue] = []
        var ratings: [QualityRating] = []
        for kind in RatedSubjectKind.allCases {
            let text = boxes[kind] ?? ""
            do {
                let rows = try QualityRatingFile.parseLines(
                    text, boxName: "Ô “\(kind.vietnameseName)”", year: year, unitCode: unit.code, kind: kind)
                ratings += rows.map { $0.rating(unitID: unit.unitID) }
            } catch {
                issues += error.issues
            }
        }
        if !issues.isEmpty { throw ImportFailure(fileName: "Danh sách xếp loại", issues: issues) }
        if let allowed = person.allowedUnits, !allowed.contains(unit.unitID) {
            throw ImportFailure(
                fileName: "Danh sách xếp loại",
                issues: [
                    ImportIssue(
                        fileName: "Danh sách xếp loại", line: nil, field: nil,
                        reason: "\(unit.fullName) không thuộc phạm vi tài khoản của bạn")
                ])
        }
        return try await write([(unit, year, ratings)], person: person, via: "trang Xếp loại chất lượng", store: store)
    }

    /// The list of `unit` for `year`, its tallies and warnings.
    public static func list(unit: UnitVersion, year: Int, store: any QualityRatingStore) async throws
        -> (ratings: [QualityRating], tallies: [QualityTally], warnings: [QualityCapWarning])
    {
        let ratings = try await store.qualityRatings(unit: unit.unitID, year: year)
        return (ratings, QualityTally.of(ratings), QualityRatingRules.warnings(ratings))
    }

    /// The unit with `code` for `year`: the version for the year's last day, by the one rule of
    /// ``SubjectLookup``.
    static func resolveUnit(_ code: String, year: Int, directory: UnitDirectory) -> UnitVersion? {
        try? SubjectLookup.unit(code: code, on: CivilDate(year, 12, 31), in: directory)
    }

    static func write(
        _ lists: [(unit: UnitVersion, year: Int, ratings: [QualityRating])], person: FigureFiles.Person, via: String,
        store: any QualityRatingStore
    ) async throws -> Outcome {
        let all = lists.flatMap(\.ratings)
        let outcome = try await store.replaceQualityRatings(
            lists.map { QualityRatingList(unitID: $0.unit.unitID, year: $0.year, ratings: $0.ratings) },
            author: person.displayName,
            recording: lists.map { list in
                AuditTrail.Event(
                    .xepLoaiChatLuong, actor: person.username, subject: "xep-loai:\(list.unit.code):\(list.year)",
                    detail: "\(list.ratings.count) xếp loại, qua \(via)")
            })
        var names: [UnitID: String] = [:]
        for list in lists { names[list.unit.unitID] = list.unit.fullName }
        return Outcome(
            lists: lists.map {
                UnitYear(unit: $0.unit, year: $0.year, tallies: QualityTally.of($0.ratings), count: $0.ratings.count)
            },
            warnings: QualityRatingRules.warnings(all), write: outcome, unitNames: names)
    }
}
