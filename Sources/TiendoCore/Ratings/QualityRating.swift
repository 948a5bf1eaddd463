import Foundation

/// The four quality levels (mức xếp loại chất lượng) of a party organisation or a party member
/// for a year, in the official wording of Quy định 132-QĐ/TW (2018), 124-QĐ/TW (2023, Điều 12)
/// and 366-QĐ/TW (2025, Điều 11): "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ",
/// "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ". docs/xep-loai.md has the sources.
public enum QualityLevel: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Hoàn thành xuất sắc nhiệm vụ (HTXSNV).
    case htxsnv = "HTXSNV"
    /// Hoàn thành tốt nhiệm vụ (HTTNV).
    case httnv = "HTTNV"
    /// Hoàn thành nhiệm vụ (HTNV).
    case htnv = "HTNV"
    /// Không hoàn thành nhiệm vụ (KHTNV).
    case khtnv = "KHTNV"

    /// The official wording, e.g. "Hoàn thành tốt nhiệm vụ".
    public var vietnameseName: String {
        switch self {
        case .htxsnv: return "Hoàn thành xuất sắc nhiệm vụ"
        case .httnv: return "Hoàn thành tốt nhiệm vụ"
        case .htnv: return "Hoàn thành nhiệm vụ"
        case .khtnv: return "Không hoàn thành nhiệm vụ"
        }
    }

    /// The abbreviation offices write in tables: HTXSNV, HTTNV, HTNV, KHTNV.
    public var shortCode: String { rawValue }

    /// Best first.
    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: QualityLevel, rhs: QualityLevel) -> Bool { lhs.rank < rhs.rank }

    /// Whether the level counts towards "hoàn thành tốt nhiệm vụ trở lên".
    public var isGoodOrBetter: Bool { self == .htxsnv || self == .httnv }

    /// Reads a level as officers type it: the official wording with or without diacritics
    /// ("Hoàn thành tốt nhiệm vụ", "hoan thanh tot nhiem vu"), without "nhiệm vụ" ("Hoàn thành
    /// tốt"), the abbreviations HTXSNV, HTTNV, HTNV, KHTNV (also HTXS, HTT, HT, KHT), and the
    /// words "xuất sắc", "tốt", "không hoàn thành". nil for anything else.
    public init?(typed: String) {
        let key = VietnameseText.searchKey(typed)
            .replacingOccurrences(of: "“", with: "").replacingOccurrences(of: "”", with: "")
            .replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: ".", with: "")
            .trimmingCharacters(in: .whitespaces)
        var words = key.split(separator: " ").joined(separator: " ")
        if words.hasSuffix(" nhiem vu") { words = String(words.dropLast(" nhiem vu".count)) }
        switch words {
        case "htxsnv", "htxs", "hoan thanh xuat sac", "xuat sac": self = .htxsnv
        case "httnv", "htt", "hoan thanh tot", "tot": self = .httnv
        case "htnv", "ht", "hoan thanh": self = .htnv
        case "khtnv", "kht", "khong hoan thanh": self = .khtnv
        default: return nil
        }
    }

    /// The accepted forms, for error messages.
    public static let acceptedForms =
        "“Hoàn thành xuất sắc nhiệm vụ” (HTXSNV), “Hoàn thành tốt nhiệm vụ” (HTTNV), “Hoàn thành nhiệm vụ” (HTNV), "
        + "“Không hoàn thành nhiệm vụ” (KHTNV)"
}

/// Who is rated. Hướng dẫn 21-HD/BTCTW (2019) and the annual guidance of the Ban Tổ chức Trung
/// ương rate, in a party committee's area, the tổ chức cơ sở đảng (chi bộ cơ sở, đảng bộ cơ sở),
/// the đảng bộ bộ phận and chi bộ trực thuộc đảng ủy cơ sở, and every đảng viên.
public enum RatedSubjectKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Tổ chức cơ sở đảng (TCCS đảng): chi bộ cơ sở, đảng bộ cơ sở.
    case toChucCoSoDang = "tccs"
    /// Đảng bộ bộ phận, chi bộ trực thuộc đảng ủy cơ sở.
    case chiBoTrucThuoc = "chi-bo"
    /// Đảng viên.
    case dangVien = "dang-vien"

    /// The name of the kind, e.g. "Tổ chức cơ sở đảng".
    public var vietnameseName: String {
        switch self {
        case .toChucCoSoDang: return "Tổ chức cơ sở đảng"
        case .chiBoTrucThuoc: return "Đảng bộ bộ phận, chi bộ trực thuộc"
        case .dangVien: return "Đảng viên"
        }
    }

    /// The noun after a number, e.g. "3 đảng viên", "2 tổ chức cơ sở đảng".
    public var noun: String {
        switch self {
        case .toChucCoSoDang: return "tổ chức cơ sở đảng"
        case .chiBoTrucThuoc: return "đảng bộ bộ phận, chi bộ trực thuộc"
        case .dangVien: return "đảng viên"
        }
    }

    /// The short word of the kind used in codes of indicators.
    var codePart: String {
        switch self {
        case .toChucCoSoDang: return "TCCS"
        case .chiBoTrucThuoc: return "CHI_BO"
        case .dangVien: return "DANG_VIEN"
        }
    }

    /// Reads a kind as typed: "tccs", "TCCS đảng", "tổ chức cơ sở đảng", "chi bộ", "chi bộ trực
    /// thuộc", "đảng bộ bộ phận", "đảng viên", "dv" (case and diacritics ignored).
    public init?(typed: String) {
        let key = VietnameseText.searchKey(typed).replacingOccurrences(of: "-", with: " ")
            .replacingOccurrences(of: "_", with: " ")
        switch key {
        case "tccs", "tccs dang", "tccsd", "to chuc co so dang", "to chuc co so", "to chuc dang co so":
            self = .toChucCoSoDang
        case "chi bo", "chi bo truc thuoc", "dang bo bo phan", "dang bo bo phan, chi bo truc thuoc",
            "chi bo truc thuoc dang uy co so", "dbbp":
            self = .chiBoTrucThuoc
        case "dang vien", "dv", "dangvien":
            self = .dangVien
        default: return nil
        }
    }

    /// The accepted forms, for error messages.
    public static let acceptedForms =
        "tccs (tổ chức cơ sở đảng), chi-bo (đảng bộ bộ phận, chi bộ trực thuộc), dang-vien"
}

/// One rating: a party organisation or party member of a unit, rated at one level for a year.
public struct QualityRating: Hashable, Sendable, Codable {
    /// The year rated.
    public var year: Int
    /// The commune, ward or province whose party committee holds the list.
    public var unitID: UnitID
    /// Organisation or member.
    public var kind: RatedSubjectKind
    /// The group within which the 20% cap is checked, e.g. "Chi bộ Khu vực 3" for members or
    /// "Đảng bộ phường Phong Dinh" for its organisations; empty: the unit as a whole.
    public var group: String
    /// The name of the organisation or member.
    public var subject: String
    /// The level.
    public var level: QualityLevel
    /// An optional note.
    public var note: String?

    /// Creates a rating; names are normalised (NFC, single spaces).
    public init(
        year: Int, unitID: UnitID, kind: RatedSubjectKind, group: String, subject: String, level: QualityLevel,
        note: String? = nil
    ) {
        self.year = year
        self.unitID = unitID
        self.kind = kind
        self.group = VietnameseText.normalizedName(group)
        self.subject = VietnameseText.normalizedName(subject)
        self.level = level
        let trimmed = note.map(VietnameseText.normalizedName)
        self.note = trimmed?.isEmpty == true ? nil : trimmed
    }

    /// What makes two ratings the same subject: the name in NFC, lower case, single spaces.
    /// Diacritics count ("Lê Thị Hà" and "Lê Thị Hạ" are two people).
    public static func subjectKey(_ name: String) -> String { VietnameseText.normalizedName(name).lowercased() }

    /// `subjectKey` of this rating's subject.
    public var subjectKey: String { Self.subjectKey(subject) }

    /// The label of a group, "Toàn đơn vị" for an empty one.
    public static func groupLabel(_ group: String) -> String { group.isEmpty ? "Toàn đơn vị" : group }
}
