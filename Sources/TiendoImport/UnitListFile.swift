import Foundation
import TiendoCore

/// The level of a row in the official list of units after the two-level reform.
public enum UnitListLevel: String, Hashable, Sendable, CaseIterable {
    /// Tỉnh or thành phố trực thuộc Trung ương; 2-digit code.
    case province
    /// Xã, phường or đặc khu; 5-digit code.
    case commune

    /// The number of digits of an official code at this level (Decision 19/2025/QĐ-TTg).
    public var codeLength: Int { self == .province ? 2 : 5 }

    /// The kinds a row of this level may have.
    public var allowedKinds: [UnitKind] {
        self == .province ? [.tinh, .thanhPhoTrucThuoc] : [.xa, .phuong, .dacKhu]
    }
}

/// One row of the official unit list (the shape of `vn_units_2025.csv`).
public struct UnitListRow: Hashable, Sendable {
    /// The line of the file the row was read from.
    public var line: Int
    /// The official code: 2 digits for a province, 5 for a commune.
    public var code: String
    /// The province's code for a commune, nil for a province.
    public var parentCode: String?
    /// Province or commune.
    public var level: UnitListLevel
    /// The kind (Tỉnh, Thành phố, Xã, Phường, Đặc khu).
    public var kind: UnitKind
    /// The short name, NFC, e.g. "Phong Dinh".
    public var name: String
    /// The full name, NFC, e.g. "Phường Phong Dinh".
    public var fullName: String
    /// The name without diacritics, as given (may be empty).
    public var nameASCII: String

    /// Creates a row.
    public init(
        line: Int, code: String, parentCode: String?, level: UnitListLevel, kind: UnitKind, name: String,
        fullName: String, nameASCII: String
    ) {
        self.line = line
        self.code = code
        self.parentCode = parentCode
        self.level = level
        self.kind = kind
        self.name = VietnameseText.nfc(name)
        self.fullName = VietnameseText.nfc(fullName)
        self.nameASCII = nameASCII
    }
}

/// The official list of provinces and communes after the reform of 1 July 2025, as a CSV file
/// with the header `code,parent_code,level,kind,name,full_name,name_ascii`.
public enum UnitListFile {
    /// The columns the header must have (in any order).
    public static let columns = ["code", "parent_code", "level", "kind", "name", "full_name", "name_ascii"]

    /// The day the two-level administration took effect: every unit of the list starts then.
    public static let validFrom = CivilDate(2025, 7, 1)

    /// The kinds as the file writes them, for messages.
    static let kindWords = "Tỉnh, Thành phố, Xã, Phường, Đặc khu"

    /// Reads and checks the whole file: codes, levels, kinds, parents, duplicates. Returns every
    /// row, or throws every problem found.
    public static func parse(text: String, fileName: String) throws(ImportFailure) -> [UnitListRow] {
        let table = try CSVTable.read(text, fileName: fileName, requiredColumns: columns)
        var issues = IssueCollector(fileName: fileName, fieldKind: .column)
        issues.append(contentsOf: table.problems)

        // First pass: where every code is, so a parent may come after its children.
        var firstLineOfCode: [String: Int] = [:]
        var levelOfCode: [String: UnitListLevel] = [:]
        for record in table.rows {
            let code = table.value(record, "code")
            if firstLineOfCode[code] == nil {
                firstLineOfCode[code] = record.line
                if let level = UnitListLevel(rawValue: table.value(record, "level").lowercased()) {
                    levelOfCode[code] = level
                }
            }
        }

        var rows: [UnitListRow] = []
        for record in table.rows {
            let line = record.line
            let code = table.value(record, "code")
            let levelText = table.value(record, "level")
            let kindText = table.value(record, "kind")
            let parent = table.value(record, "parent_code")
            let name = table.value(record, "name")
            let fullName = table.value(record, "full_name")
            var rowIsValid = true
            func reject(_ column: String, _ reason: String) {
                issues.add(line: line, field: column, reason)
                rowIsValid = false
            }

            let level = UnitListLevel(rawValue: levelText.lowercased())
            if level == nil {
                reject(
                    "level",
                    levelText.isEmpty
                        ? "ô cấp đơn vị để trống; hãy ghi province (tỉnh, thành phố) hoặc commune (xã, phường, đặc khu)"
                        : "cấp “\(levelText)” không hợp lệ; hãy ghi province (tỉnh, thành phố) hoặc commune (xã, phường, đặc khu)"
                )
            }

            if let problem = codeProblem(
                code, lengths: level.map { [$0.codeLength] } ?? [2, 5], what: level.map(codeNoun) ?? "mã đơn vị")
            {
                reject("code", problem)
            } else if let first = firstLineOfCode[code], first != line {
                reject(
                    "code",
                    "mã “\(code)” đã có ở dòng \(first); mỗi mã chỉ được xuất hiện một lần — hãy xóa dòng trùng hoặc sửa mã"
                )
            }

            var kind: UnitKind?
            if kindText.isEmpty {
                reject("kind", "ô loại đơn vị để trống; hãy ghi một trong: \(level.map(kindList) ?? kindWords)")
            } else {
                func allowed(_ level: UnitListLevel) -> UnitKind? {
                    UnitKind(vietnamese: kindText, provinceLevel: level == .province).flatMap {
                        level.allowedKinds.contains($0) ? $0 : nil
                    }
                }
                let invalid = "loại đơn vị “\(kindText)” không hợp lệ; hãy dùng một trong: \(kindWords)"
                if let level {
                    let other: UnitListLevel = level == .province ? .commune : .province
                    if let k = allowed(level) {
                        kind = k
                    } else if allowed(other) != nil {
                        reject(
                            "kind",
                            "loại đơn vị “\(kindText)” không dùng cho cấp \(level.rawValue) (\(levelNoun(level))); "
                                + "hãy dùng một trong: \(kindList(level)), hoặc sửa ô cấp đơn vị")
                    } else {
                        reject("kind", invalid)
                    }
                } else if allowed(.province) == nil && allowed(.commune) == nil {
                    reject("kind", invalid)
                }
            }

            var parentCode: String?
            switch level {
            case .province:
                if !parent.isEmpty {
                    reject(
                        "parent_code",
                        "tỉnh, thành phố trực thuộc Trung ương không có đơn vị cấp trên; hãy để trống ô này")
                }
            case .commune:
                if parent.isEmpty {
                    reject(
                        "parent_code",
                        "ô mã tỉnh để trống; xã, phường, đặc khu phải ghi mã 2 chữ số của tỉnh, thành phố trực thuộc")
                } else if let problem = codeProblem(parent, lengths: [2], what: "mã tỉnh") {
                    reject("parent_code", problem)
                } else if let parentLevel = levelOfCode[parent] {
                    if parentLevel != .province {
                        reject(
                            "parent_code",
                            "mã “\(parent)” là mã của một xã, phường, không phải mã tỉnh; hãy ghi mã tỉnh, thành phố trực thuộc"
                        )
                    } else {
                        parentCode = parent
                    }
                } else {
                    reject(
                        "parent_code",
                        "tỉnh, thành phố có mã “\(parent)” không có trong tệp; hãy thêm dòng của tỉnh, thành phố đó hoặc sửa mã"
                    )
                }
            case nil:
                parentCode = parent.isEmpty ? nil : parent
            }

            if name.isEmpty { reject("name", "ô tên để trống; hãy ghi tên đơn vị, ví dụ “Phong Dinh”") }
            if fullName.isEmpty {
                reject("full_name", "ô tên đầy đủ để trống; hãy ghi loại và tên đơn vị, ví dụ “Phường Phong Dinh”")
            }

            if rowIsValid, let level, let kind {
                rows.append(
                    UnitListRow(
                        line: line, code: code, parentCode: parentCode, level: level, kind: kind, name: name,
                        fullName: fullName, nameASCII: table.value(record, "name_ascii")))
            }
        }
        try issues.throwIfAny()
        return rows
    }

    /// The unit versions of the list: every unit valid from 1 July 2025, identified by
    /// `UnitID(code:validFrom:)`, a commune's parent being its province. In file order.
    public static func versions(_ rows: [UnitListRow]) -> [UnitVersion] {
        rows.map { row in
            UnitVersion(
                unitID: UnitID(code: row.code, validFrom: validFrom), code: row.code, name: row.name, kind: row.kind,
                parentID: row.parentCode.map { UnitID(code: $0, validFrom: validFrom) }, validFrom: validFrom)
        }
    }

    private static func codeNoun(_ level: UnitListLevel) -> String {
        level == .province ? "mã tỉnh" : "mã xã, phường"
    }

    private static func levelNoun(_ level: UnitListLevel) -> String {
        level == .province ? "tỉnh, thành phố" : "xã, phường, đặc khu"
    }

    private static func kindList(_ level: UnitListLevel) -> String {
        level.allowedKinds.map(\.vietnameseName).joined(separator: ", ")
    }

    /// Why `code` is not an official code of one of `lengths` digits, or nil when it is.
    static func codeProblem(_ code: String, lengths: [Int], what: String) -> String? {
        let lengthText = lengths.map { "\($0)" }.joined(separator: " hoặc ")
        if code.isEmpty { return "ô \(what) để trống; hãy ghi mã \(lengthText) chữ số theo Quyết định 19/2025/QĐ-TTg" }
        guard code.unicodeScalars.allSatisfy({ $0.isASCII && CharacterSet.decimalDigits.contains($0) }) else {
            return
                "\(what) “\(code)” chỉ được gồm chữ số (\(lengthText) chữ số, ví dụ “\(lengths.first == 2 ? "46" : "19831")”)"
        }
        guard lengths.contains(code.count) else {
            var reason = "\(what) “\(code)” có \(code.count) chữ số, phải có \(lengthText) chữ số"
            if code.count < (lengths.max() ?? 0) {
                reason +=
                    "; nếu tệp đã được mở bằng Excel, số 0 ở đầu có thể đã bị mất — hãy định dạng cột là Văn bản (Text) rồi nhập lại mã"
            }
            return reason
        }
        return nil
    }
}
