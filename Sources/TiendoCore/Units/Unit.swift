import Foundation

/// The stable identity of a unit across time. Official codes are reused when units merge
/// (Decision 19/2025/QĐ-TTg), so history is never joined by code: it is joined by this id.
public struct UnitID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The raw identifier, e.g. `19831@2025-07-01` for a unit created by the 2025 reform.
    public let rawValue: String

    /// Wraps a raw identifier.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The identity of the unit that held `code` from `validFrom`.
    public init(code: String, validFrom: CivilDate) { self.rawValue = "\(code)@\(validFrom.iso)" }

    public var description: String { rawValue }
    public static func < (lhs: UnitID, rhs: UnitID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What a unit is. State and party hierarchies coexist, so both sides are here.
public enum UnitKind: String, Sendable, Codable, CaseIterable {
    case tinh, thanhPhoTrucThuoc, xa, phuong, dacKhu, thon, toDanPho
    case dangBo, toChucCoSoDang, chiBo, soBanNganh
    /// Units that existed before the two-level reform of 1 July 2025.
    case huyen, thiXa, thanhPhoThuocTinh, quan, thiTran

    /// The word used before the name: "Phường" Phong Dinh, "Thành phố" Huế.
    public var vietnameseName: String {
        switch self {
        case .tinh: return "Tỉnh"
        case .thanhPhoTrucThuoc: return "Thành phố"
        case .xa: return "Xã"
        case .phuong: return "Phường"
        case .dacKhu: return "Đặc khu"
        case .thon: return "Thôn"
        case .toDanPho: return "Tổ dân phố"
        case .dangBo: return "Đảng bộ"
        case .toChucCoSoDang: return "Tổ chức cơ sở đảng"
        case .chiBo: return "Chi bộ"
        case .soBanNganh: return "Sở, ban, ngành"
        case .huyen: return "Huyện"
        case .thiXa: return "Thị xã"
        case .thanhPhoThuocTinh: return "Thành phố thuộc tỉnh"
        case .quan: return "Quận"
        case .thiTran: return "Thị trấn"
        }
    }

    /// Reads the kind as the official list writes it ("Tỉnh", "Thành phố", "Xã", "Phường",
    /// "Đặc khu", …). `level` tells a province-level "Thành phố" from a city under a province.
    public init?(vietnamese: String, provinceLevel: Bool) {
        let key = VietnameseText.searchKey(vietnamese)
        switch key {
        case "tinh": self = .tinh
        case "thanh pho": self = provinceLevel ? .thanhPhoTrucThuoc : .thanhPhoThuocTinh
        case "xa": self = .xa
        case "phuong": self = .phuong
        case "dac khu": self = .dacKhu
        case "thi tran": self = .thiTran
        case "thon": self = .thon
        case "to dan pho": self = .toDanPho
        case "huyen": self = .huyen
        case "thi xa": self = .thiXa
        case "quan": self = .quan
        case "dang bo": self = .dangBo
        case "chi bo": self = .chiBo
        default: return nil
        }
    }

    /// Whether this is a province-level kind.
    public var isProvinceLevel: Bool { self == .tinh || self == .thanhPhoTrucThuoc }
}

/// One version of a unit: its code, name, kind and parent during `[validFrom, validTo]`.
/// A commune that becomes a ward keeps its identity and gets a new version.
public struct UnitVersion: Hashable, Sendable, Codable {
    /// The unit this version describes.
    public var unitID: UnitID
    /// The official code during this version (may be reused by another unit later).
    public var code: String
    /// The short name, e.g. "Phong Dinh".
    public var name: String
    /// The kind during this version.
    public var kind: UnitKind
    /// The parent unit during this version, nil for a top-level unit.
    public var parentID: UnitID?
    /// The first day of this version.
    public var validFrom: CivilDate
    /// The last day of this version, nil while it is current.
    public var validTo: CivilDate?

    /// Creates a version.
    public init(
        unitID: UnitID, code: String, name: String, kind: UnitKind, parentID: UnitID?,
        validFrom: CivilDate, validTo: CivilDate? = nil
    ) {
        self.unitID = unitID
        self.code = code
        self.name = VietnameseText.nfc(name)
        self.kind = kind
        self.parentID = parentID
        self.validFrom = validFrom
        self.validTo = validTo
    }

    /// The full name as documents print it: "Phường Phong Dinh".
    public var fullName: String { "\(kind.vietnameseName) \(name)" }

    /// Whether this version is in force on `date`.
    public func isValid(on date: CivilDate) -> Bool {
        validFrom <= date && (validTo.map { date <= $0 } ?? true)
    }

    /// Whether this version is in force on any day of `span`.
    public func overlaps(_ span: DateSpan) -> Bool {
        validFrom <= span.end && (validTo.map { span.start <= $0 } ?? true)
    }
}

/// A link of a reorganisation: part (`weight`) of `source` went into `successor` on `date`.
/// A merge is several links with weight 1 into one successor; a split is one source with
/// weights that add up to 1.
public struct LineageLink: Hashable, Sendable, Codable {
    /// The unit that ceased (wholly or in part).
    public var source: UnitID
    /// The unit that received it.
    public var successor: UnitID
    /// The share of the source that went to the successor (1 = all of it). Additive figures of
    /// the source are multiplied by it when the successor's history is derived.
    public var weight: Double
    /// The day the successor took over.
    public var date: CivilDate
    /// Whether the weight is an assumption (e.g. an even split where no population share was
    /// given), so a derived figure can say so.
    public var weightIsEstimated: Bool

    /// Creates a link.
    public init(source: UnitID, successor: UnitID, weight: Double = 1, date: CivilDate, weightIsEstimated: Bool = false)
    {
        self.source = source
        self.successor = successor
        self.weight = weight
        self.date = date
        self.weightIsEstimated = weightIsEstimated
    }
}
