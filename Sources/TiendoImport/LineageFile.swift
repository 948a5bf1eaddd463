import Foundation
import TiendoCore

/// Whether a new commune received all of an old unit or part of it.
public enum LineageShare: String, Hashable, Sendable, CaseIterable {
    /// The whole old unit went into the new commune.
    case full
    /// Part of the old unit; the rest went to other new communes.
    case partial
}

/// One row of the lineage file: part or all of an old unit went into a new commune.
public struct LineageRow: Hashable, Sendable {
    /// The line of the file the row was read from.
    public var line: Int
    /// The new commune's official code (5 digits).
    public var newCode: String
    /// The new commune's full name as written, NFC.
    public var newName: String
    /// The new commune's province code (2 digits).
    public var newProvinceCode: String
    /// The old unit's code (5 digits for a commune, 3 for a district without communes).
    public var oldCode: String
    /// The old unit's full name as written, NFC, e.g. "Xã Phong Bình".
    public var oldName: String
    /// The old unit's kind, read from the name's first words.
    public var oldKind: UnitKind
    /// The old unit's name without its kind, e.g. "Phong Bình".
    public var oldShortName: String
    /// Whole or part.
    public var share: LineageShare

    /// Creates a row; the old unit's kind and short name are read from `oldName` (Xã, Phường,
    /// Thị trấn, …), nil when the name does not start with a known kind.
    public init?(
        line: Int, newCode: String, newName: String, newProvinceCode: String, oldCode: String, oldName: String,
        share: LineageShare
    ) {
        guard let (kind, shortName) = LineageFile.splitKind(VietnameseText.nfc(oldName)) else { return nil }
        self.line = line
        self.newCode = newCode
        self.newName = VietnameseText.nfc(newName)
        self.newProvinceCode = newProvinceCode
        self.oldCode = oldCode
        self.oldName = VietnameseText.nfc(oldName)
        self.oldKind = kind
        self.oldShortName = shortName
        self.share = share
    }
}

/// Which old units (before 1 July 2025) each new commune was formed from, as a CSV file with the
/// header `new_code,new_name,new_province_code,old_code,old_name,share`.
public enum LineageFile {
    /// The columns the header must have (in any order).
    public static let columns = ["new_code", "new_name", "new_province_code", "old_code", "old_name", "share"]

    /// Kinds an old unit's name may start with, longest first so "Thị trấn" wins over a
    /// shorter prefix.
    static let oldKindPrefixes: [(words: String, kind: UnitKind)] = [
        ("thanh pho", .thanhPhoThuocTinh), ("thi tran", .thiTran), ("thi xa", .thiXa), ("phuong", .phuong),
        ("huyen", .huyen), ("quan", .quan), ("xa", .xa),
    ]

    /// Reads and checks the whole file. When `knownNewUnits` is given (the versions built from
    /// the unit list), every `new_code` must be a commune of that list, in the province the row
    /// names. Returns every row, or throws every problem found.
    public static func parse(
        text: String, fileName: String, knownNewUnits: [UnitVersion]? = nil
    ) throws(ImportFailure) -> [LineageRow] {
        let table = try CSVTable.read(text, fileName: fileName, requiredColumns: columns)
        var issues = IssueCollector(fileName: fileName, fieldKind: .column)
        issues.append(contentsOf: table.problems)

        var known: [String: (version: UnitVersion, provinceCode: String?)]?
        if let knownNewUnits {
            let codeByID = Dictionary(knownNewUnits.map { ($0.unitID, $0.code) }, uniquingKeysWith: { a, _ in a })
            known = [:]
            for version in knownNewUnits
            where version.isValid(on: UnitListFile.validFrom) && !version.kind.isProvinceLevel {
                known?[version.code] = (version, version.parentID.flatMap { codeByID[$0] })
            }
        }

        var rows: [LineageRow] = []
        var pairLine: [String: Int] = [:]
        var newUnitFirst: [String: (line: Int, name: String, province: String)] = [:]
        var oldUnitFirst: [String: (line: Int, name: String)] = [:]

        for record in table.rows {
            let line = record.line
            let newCode = table.value(record, "new_code")
            let newName = VietnameseText.nfc(table.value(record, "new_name"))
            let province = table.value(record, "new_province_code")
            let oldCode = table.value(record, "old_code")
            let oldName = VietnameseText.nfc(table.value(record, "old_name"))
            let shareText = table.value(record, "share")
            var rowIsValid = true
            func reject(_ column: String, _ reason: String) {
                issues.add(line: line, field: column, reason)
                rowIsValid = false
            }

            if let problem = UnitListFile.codeProblem(newCode, lengths: [5], what: "mã xã, phường mới") {
                reject("new_code", problem)
            } else if let known {
                if let entry = known[newCode] {
                    if let parentCode = entry.provinceCode, parentCode != province,
                        UnitListFile.codeProblem(province, lengths: [2], what: "") == nil
                    {
                        reject(
                            "new_province_code",
                            "theo danh sách đơn vị hành chính, \(entry.version.fullName) (mã \(newCode)) thuộc tỉnh, thành phố mã “\(parentCode)”, không phải “\(province)”; hãy sửa mã tỉnh hoặc mã xã"
                        )
                    }
                } else {
                    reject(
                        "new_code",
                        "mã “\(newCode)” (\(newName.isEmpty ? "không có tên" : newName)) không có trong danh sách xã, phường, đặc khu mới; hãy nhập danh sách đơn vị hành chính trước hoặc sửa mã cho đúng"
                    )
                }
            }
            if newName.isEmpty {
                reject("new_name", "ô tên đơn vị mới để trống; hãy ghi tên đầy đủ, ví dụ “Phường Phong Dinh”")
            }
            if let problem = UnitListFile.codeProblem(province, lengths: [2], what: "mã tỉnh") {
                reject("new_province_code", problem)
            }
            if let problem = UnitListFile.codeProblem(oldCode, lengths: [5, 3], what: "mã đơn vị cũ") {
                reject("old_code", problem)
            }
            if oldName.isEmpty {
                reject("old_name", "ô tên đơn vị cũ để trống; hãy ghi tên đầy đủ, ví dụ “Xã Phong Bình”")
            } else if splitKind(oldName) == nil {
                reject(
                    "old_name",
                    "tên đơn vị cũ “\(oldName)” phải bắt đầu bằng loại đơn vị: Xã, Phường, Thị trấn, Thị xã, Quận, Huyện hoặc Thành phố; ví dụ “Xã Phong Bình”"
                )
            }
            let share = LineageShare(rawValue: shareText.lowercased())
            if share == nil {
                reject(
                    "share",
                    shareText.isEmpty
                        ? "ô phần sáp nhập để trống; hãy ghi full (nhận toàn bộ đơn vị cũ) hoặc partial (nhận một phần)"
                        : "phần sáp nhập “\(shareText)” không hợp lệ; hãy ghi full (nhận toàn bộ đơn vị cũ) hoặc partial (nhận một phần)"
                )
            }

            if !newCode.isEmpty {
                if let first = newUnitFirst[newCode] {
                    if !newName.isEmpty && newName != first.name {
                        reject(
                            "new_name",
                            "mã “\(newCode)” ở dòng \(first.line) có tên “\(first.name)”, ở đây lại là “\(newName)”; một mã chỉ có một tên — hãy sửa cho thống nhất"
                        )
                    }
                    if province != first.province && UnitListFile.codeProblem(province, lengths: [2], what: "") == nil {
                        reject(
                            "new_province_code",
                            "mã “\(newCode)” ở dòng \(first.line) thuộc tỉnh “\(first.province)”, ở đây lại là “\(province)”; hãy sửa cho thống nhất"
                        )
                    }
                } else {
                    newUnitFirst[newCode] = (line, newName, province)
                }
            }
            if !oldCode.isEmpty {
                if let first = oldUnitFirst[oldCode] {
                    if !oldName.isEmpty && oldName != first.name {
                        reject(
                            "old_name",
                            "mã đơn vị cũ “\(oldCode)” ở dòng \(first.line) có tên “\(first.name)”, ở đây lại là “\(oldName)”; hãy sửa cho thống nhất"
                        )
                    }
                } else {
                    oldUnitFirst[oldCode] = (line, oldName)
                }
            }
            let pair = newCode + "|" + oldCode
            if let first = pairLine[pair] {
                reject(
                    "old_code",
                    "đơn vị cũ “\(oldCode)” đã được ghi cho xã mới “\(newCode)” ở dòng \(first); hãy xóa dòng trùng")
            } else {
                pairLine[pair] = line
            }

            if rowIsValid, let share,
                let row = LineageRow(
                    line: line, newCode: newCode, newName: newName, newProvinceCode: province, oldCode: oldCode,
                    oldName: oldName, share: share)
            {
                rows.append(row)
            }
        }
        try issues.throwIfAny()
        return rows
    }

    /// Splits "Thị trấn Ba Chẽ" into (.thiTran, "Ba Chẽ"); nil without a known kind or a name.
    static func splitKind(_ fullName: String) -> (UnitKind, String)? {
        let words = fullName.split(whereSeparator: \.isWhitespace).map(String.init)
        for (prefix, kind) in oldKindPrefixes {
            let count = prefix.split(separator: " ").count
            guard words.count > count else { continue }
            if ImportText.wordForm(words.prefix(count).joined(separator: " ")) == prefix {
                return (kind, words.dropFirst(count).joined(separator: " "))
            }
        }
        return nil
    }
}
