import Foundation

/// The audit trail (nhật ký thao tác): who did what to which subject, when. Not to be confused
/// with the report checker, which reads a report's text against the data.
public enum AuditTrail {
    /// What an entry of the audit trail records. The raw values are the words stored in the
    /// database since the first release — two styles, kept exactly as they are so that older
    /// entries still read as the same kind: never change a raw value, only add cases.
    public enum EventKind: String, Hashable, Sendable, CaseIterable, Codable {
        // Entering and reviewing figures
        case luuNhap = "luu-nhap"
        case nopBaoCao = "nop-bao-cao"
        case duyet = "duyet"
        case traLai = "tra-lai"
        case rutLai = "rut-lai"
        case apiGhiSoLieu = "api-ghi-so-lieu"
        case nhapCSV = "nhap-csv"
        case nhapHoSo = "nhap-ho-so"
        case xepLoaiChatLuong = "xep-loai-chat-luong"
        // Reporting forms
        case taoBieuMau = "tao-bieu-mau"
        case suaBieuMau = "sua-bieu-mau"
        // Resolutions, their targets and revisions
        case taoNghiQuyet = "tao-nghi-quyet"
        case suaNghiQuyet = "sua-nghi-quyet"
        case themChiTieu = "them-chi-tieu"
        case suaChiTieu = "sua-chi-tieu"
        case xoaChiTieu = "xoa-chi-tieu"
        case themDieuChinh = "them-dieu-chinh"
        case suaDieuChinh = "sua-dieu-chinh"
        case xoaDieuChinh = "xoa-dieu-chinh"
        // Follow-up of directives and tasks
        case ghiVanBanChiDao = "ghi văn bản chỉ đạo"
        case giaoNhiemVu = "giao nhiệm vụ"
        case baoCaoTienDoNhiemVu = "báo cáo tiến độ nhiệm vụ"
        case moLaiNhiemVu = "mở lại nhiệm vụ"
        case danhDauHoanThanhNhiemVu = "đánh dấu hoàn thành nhiệm vụ"
        // Accounts, sign-in and API tokens
        case khoiTao = "khoi-tao"
        case dangNhap = "dang-nhap"
        case dangNhapSai = "dang-nhap-sai"
        case dangNhapSaiNhieuNoi = "dang-nhap-sai-nhieu-noi"
        case dangXuat = "dang-xuat"
        case taoTaiKhoan = "tao-tai-khoan"
        case doiMatKhau = "doi-mat-khau"
        case khoaTaiKhoan = "khoa-tai-khoan"
        case moKhoaTaiKhoan = "mo-khoa-tai-khoan"
        case datDiaChiThu = "dat-dia-chi-thu"
        case capMaAPI = "cap-ma-api"
        case thuHoiMaAPI = "thu-hoi-ma-api"
    }

    /// One action to record.
    public struct Event: Hashable, Sendable {
        /// What was done.
        public var kind: EventKind
        /// Who did it: the account's username ("dong-lenh" for the command line).
        public var actor: String
        /// What it was done to, e.g. "bao-cao:FORM/UNIT/PERIOD" or "tai-khoan:NAME".
        public var subject: String
        /// The details a person reads, in Vietnamese.
        public var detail: String
        /// When.
        public var at: Date

        /// Creates an event.
        public init(_ kind: EventKind, actor: String, subject: String, detail: String = "", at: Date = Date()) {
            self.kind = kind
            self.actor = actor
            self.subject = subject
            self.detail = detail
            self.at = at
        }
    }

    /// The subject of a unit's report of a form for a period: "bao-cao:FORM/UNIT/PERIOD".
    public static func submissionSubject(form: String, unit: UnitID, period: Period) -> String {
        "bao-cao:\(form)/\(unit.rawValue)/\(period.id)"
    }

    /// The subject of one figure: "so-lieu:INDICATOR/UNIT/PERIOD".
    public static func figureSubject(_ key: ValueKey) -> String {
        "so-lieu:\(key.indicatorCode)/\(key.unitID.rawValue)/\(key.period.id)"
    }

    /// The subject of an account: "tai-khoan:USERNAME".
    public static func accountSubject(_ username: String) -> String { "tai-khoan:\(username)" }
}
