import Foundation

/// What an account may do. Every account belongs to a unit and acts within that unit's subtree.
public enum Role: String, Hashable, Sendable, Codable, CaseIterable {
    /// quản trị — manages accounts, forms and resolutions, and can do everything below.
    case quanTri
    /// tổng hợp — a province or city office: reviews submissions, manages forms and resolutions.
    case tongHop
    /// báo cáo — a unit's reporter: enters and submits the unit's figures.
    case baoCao
    /// xem — reads only.
    case xem

    /// The Vietnamese name shown on screens.
    public var vietnameseName: String {
        switch self {
        case .quanTri: return "Quản trị"
        case .tongHop: return "Tổng hợp"
        case .baoCao: return "Báo cáo"
        case .xem: return "Xem"
        }
    }

    /// Reads a role as typed on the CLI: "quan-tri", "tong-hop", "bao-cao", "xem" (with or
    /// without diacritics).
    public init?(typed: String) {
        switch VietnameseText.searchKey(typed).replacingOccurrences(of: "-", with: " ") {
        case "quan tri", "quantri", "admin": self = .quanTri
        case "tong hop", "tonghop": self = .tongHop
        case "bao cao", "baocao": self = .baoCao
        case "xem": self = .xem
        default: return nil
        }
    }

    /// May enter and submit figures for units in scope.
    public var canEnterData: Bool { self == .baoCao || self == .tongHop || self == .quanTri }
    /// May approve or return submissions, and see the submission overview.
    public var canReview: Bool { self == .tongHop || self == .quanTri }
    /// May define reporting forms, resolutions and targets.
    public var canManage: Bool { self == .tongHop || self == .quanTri }
    /// May manage accounts.
    public var canAdminister: Bool { self == .quanTri }
}

/// A person's account.
public struct Account: Hashable, Sendable, Codable {
    /// The stable id.
    public var id: UUID
    /// The login name, lower case.
    public var username: String
    /// The name shown on screens and in the audit trail.
    public var displayName: String
    /// What the account may do.
    public var role: Role
    /// The unit whose subtree the account works in.
    public var unitID: UnitID
    /// A disabled account cannot log in.
    public var isActive: Bool
    /// Set while the password is one an administrator gave (a new account, a reset): the person
    /// must choose their own before doing anything else.
    public var mustChangePassword: Bool

    /// Creates an account.
    public init(
        id: UUID = UUID(), username: String, displayName: String, role: Role, unitID: UnitID, isActive: Bool = true,
        mustChangePassword: Bool = false
    ) {
        self.id = id
        self.username = username.lowercased()
        self.displayName = VietnameseText.nfc(displayName)
        self.role = role
        self.unitID = unitID
        self.isActive = isActive
        self.mustChangePassword = mustChangePassword
    }

    /// The unit id of an account that works across the whole country (a first administrator
    /// created before any unit was imported).
    public static let everywhere = UnitID("*")

    /// Whether `unit` lies in the account's subtree (at any time: a ward's predecessors lie
    /// under the same province).
    public func canSee(_ unit: UnitID, in directory: UnitDirectory, on date: CivilDate) -> Bool {
        if unitID == Account.everywhere || directory.isWithin(unit, ancestor: unitID, on: date) { return true }
        // A unit that no longer exists on `date` is judged by its own last version.
        if let last = directory.latestVersion(of: unit), !last.isValid(on: date) {
            return directory.isWithin(unit, ancestor: unitID, on: last.validTo ?? date)
        }
        return false
    }
}

/// The rules a new password must meet, with a Vietnamese reason when it does not.
public enum PasswordPolicy {
    /// The shortest password accepted.
    public static let minimumLength = 10

    /// bcrypt reads only the first 72 bytes of a password and silently ignores the rest, so a
    /// longer one would be "cut" without anyone knowing: it is refused when set instead. Counted
    /// in UTF-8 after NFC (a Vietnamese letter with diacritics takes 2 or 3 bytes).
    public static let maximumBytes = 72

    /// What is hashed and checked: the password in Unicode NFC, so that the same password typed
    /// on a Mac or a phone (which may send decomposed letters, NFD) matches. Nothing else changes
    /// (no trimming: spaces are part of a password).
    public static func normalized(_ password: String) -> String {
        VietnameseText.nfc(password)
    }

    /// Whether `password` (after NFC) is longer than bcrypt can take.
    public static func isTooLong(_ password: String) -> Bool {
        normalized(password).utf8.count > maximumBytes
    }

    /// The refusal of a too-long password.
    public static let tooLongMessage =
        "Mật khẩu dài quá: tối đa \(maximumBytes) byte (chữ không dấu tính 1 byte, chữ có dấu 2–3 byte); "
        + "hãy chọn mật khẩu ngắn hơn."

    /// nil when `password` is acceptable, otherwise what to change.
    public static func problem(with password: String, username: String) -> String? {
        let password = normalized(password)
        if password.utf8.count > maximumBytes { return tooLongMessage }
        if password.count < minimumLength {
            return "Mật khẩu phải có ít nhất \(minimumLength) ký tự."
        }
        if VietnameseText.searchKey(password).contains(VietnameseText.searchKey(username)) && !username.isEmpty {
            return "Mật khẩu không được chứa tên đăng nhập."
        }
        if Set(password).count < 5 {
            return "Mật khẩu quá đơn giản; hãy dùng nhiều ký tự khác nhau."
        }
        return nil
    }
}
