import Foundation
import TiendoCore

/// The formal parts of a report for one issuing body (format.md): the header lines, the number,
/// the place and date, the signature and the recipients, with their sizes — everything that
/// differs between a party body (Hướng dẫn 36-HD/VPTW) and a state body (Decree 30/2020).
struct ReportLayout: Sendable {
    var body: IssuingBodyKind
    /// The superior body's line, if any (regular).
    var superiorBody: String?
    /// The issuing body's lines (bold).
    var issuingBody: [String]
    /// "Số 15-BC/TU" or "Số: 15/BC-UBND".
    var numberLine: String
    /// "Phong Dinh, ngày 14 tháng 11 năm 2027".
    var placeAndDate: String
    /// "T/M ĐẢNG ỦY", "TM. ỦY BAN NHÂN DÂN".
    var signingAuthority: String?
    /// "BÍ THƯ", "CHỦ TỊCH".
    var signerTitle: String
    var signerName: String
    /// The recipients, each with its dash and closing punctuation.
    var recipients: [String]
    /// The issuing body's name in running text: "Đảng ủy phường Phong Dinh".
    var issuerInText: String

    // Sizes in points (format.md).
    var titleSize: Double { body == .dang ? 15 : 12 }
    var headerSize: Double { body == .dang ? 14 : 13 }
    var kindSize: Double { body == .dang ? 16 : 14 }
    var subjectSize: Double { 14 }
    var numberSize: Double { body == .dang ? 14 : 13 }
    var dateSize: Double { 14 }
    var bodySize: Double { 14 }
    var signatureSize: Double { 14 }
    var recipientsHeadingSize: Double { body == .dang ? 14 : 12 }
    var recipientsSize: Double { body == .dang ? 12 : 11 }

    init(unit: UnitVersion, parent: UnitVersion?, resolution: Resolution, options: ReportOptions) {
        let body = options.body ?? IssuingBodyKind.issuer(of: resolution)
        self.body = body
        let provinceLevel = unit.kind.isProvinceLevel
        let fullUpper = unit.fullName.uppercased()
        let symbolTail: String
        var defaultSuperior: String?
        var defaultIssuing: [String]
        var defaultAuthority: String
        var defaultTitle: String
        var defaultRecipients: [String]
        switch body {
        case .dang:
            let committee = Self.partyCommittee(of: unit)
            defaultIssuing = [committee.upper]
            issuerInText = committee.text
            if provinceLevel {
                symbolTail = "BC/TU"
                defaultAuthority = "T/M BAN THƯỜNG VỤ"
                defaultRecipients = [
                    "Ban Bí thư Trung ương Đảng (để báo cáo)", "Văn phòng Trung ương Đảng",
                    "Các đồng chí \(committee.short) viên", "Các đảng ủy trực thuộc \(committee.short)",
                    "Lưu Văn phòng \(committee.short)",
                ]
            } else {
                symbolTail = "BC/ĐU"
                defaultAuthority = "T/M ĐẢNG ỦY"
                let superiorCommittee = parent.map { Self.partyCommittee(of: $0).short } ?? "cấp trên"
                defaultSuperior = parent.map { "ĐẢNG BỘ " + $0.fullName.uppercased() }
                defaultRecipients = [
                    "Thường trực \(superiorCommittee) (để báo cáo)", "Văn phòng \(superiorCommittee)",
                    "Các đồng chí Đảng ủy viên", "Các chi bộ trực thuộc", "Lưu Văn phòng Đảng ủy",
                ]
            }
            defaultTitle = "BÍ THƯ"
        case .chinhQuyen:
            defaultIssuing = ["ỦY BAN NHÂN DÂN", fullUpper]
            issuerInText = "Ủy ban nhân dân " + Self.lowercasingKind(unit.fullName)
            symbolTail = "BC-UBND"
            defaultAuthority = "TM. ỦY BAN NHÂN DÂN"
            defaultTitle = "CHỦ TỊCH"
            let level = Self.lowercasingKind(unit.kind.vietnameseName)
            if provinceLevel {
                defaultRecipients = [
                    "Văn phòng Chính phủ (để báo cáo)", "Thường trực \(Self.partyCommittee(of: unit).short)",
                    "Thường trực HĐND \(level)", "Chủ tịch, các Phó Chủ tịch UBND \(level)", "Lưu: VT",
                ]
            } else {
                let parentLevel =
                    parent.map { "UBND " + Self.lowercasingKind($0.kind.vietnameseName) } ?? "UBND cấp trên"
                defaultRecipients = [
                    "\(parentLevel) (để báo cáo)", "Thường trực Đảng ủy \(level)", "Thường trực HĐND \(level)",
                    "Chủ tịch, các Phó Chủ tịch UBND \(level)", "Lưu: VT",
                ]
            }
        }

        if let superior = options.superiorBody {
            let clean = VietnameseText.normalizedName(superior)
            superiorBody = clean.isEmpty ? nil : clean.uppercased()
        } else {
            superiorBody = defaultSuperior
        }
        if let issuing = options.issuingBody {
            let lines = issuing.split(separator: "\n").map { VietnameseText.normalizedName(String($0)).uppercased() }
                .filter { !$0.isEmpty }
            issuingBody = lines.isEmpty ? defaultIssuing : lines
        } else {
            issuingBody = defaultIssuing
        }
        let number = VietnameseText.normalizedName(options.number)
        // An empty number keeps the blank a clerk fills in by hand.
        let numberText = number.isEmpty ? "      " : number
        numberLine = body == .dang ? "Số \(numberText)-\(symbolTail)" : "Số: \(numberText)/\(symbolTail)"
        placeAndDate = VietnameseDate.placeAndDate(place: options.place ?? unit.name, options.date)
        if let authority = options.signingAuthority {
            let clean = VietnameseText.normalizedName(authority)
            signingAuthority = clean.isEmpty ? nil : clean.uppercased()
        } else {
            signingAuthority = defaultAuthority
        }
        signerTitle = options.signerTitle.map { VietnameseText.normalizedName($0).uppercased() } ?? defaultTitle
        signerName = VietnameseText.normalizedName(options.signerName)
        let list = (options.recipients ?? defaultRecipients).map(VietnameseText.normalizedName).filter { !$0.isEmpty }
        recipients = list.enumerated().map { index, item in
            var text = item.hasPrefix("-") ? String(item.dropFirst()).trimmingCharacters(in: .whitespaces) : item
            while let last = text.last, ",;.".contains(last) { text.removeLast() }
            let end = index == list.count - 1 ? "." : (body == .dang ? "," : ";")
            return "- " + text + end
        }
    }

    /// The party committee of a unit: "THÀNH ỦY HUẾ" / "Thành ủy Huế" / "Thành ủy" for a
    /// province-level city, "ĐẢNG ỦY PHƯỜNG PHONG DINH" / "Đảng ủy phường Phong Dinh" / "Đảng ủy"
    /// for a commune.
    static func partyCommittee(of unit: UnitVersion) -> (upper: String, text: String, short: String) {
        switch unit.kind {
        case .tinh:
            return ("TỈNH ỦY " + unit.name.uppercased(), "Tỉnh ủy " + unit.name, "Tỉnh ủy")
        case .thanhPhoTrucThuoc:
            return ("THÀNH ỦY " + unit.name.uppercased(), "Thành ủy " + unit.name, "Thành ủy")
        case .dangBo, .toChucCoSoDang, .chiBo:
            let committee = unit.kind == .chiBo ? "Chi ủy" : "Đảng ủy"
            return (
                committee.uppercased() + " " + unit.name.uppercased(), committee + " " + unit.name, committee
            )
        default:
            return (
                "ĐẢNG ỦY " + unit.fullName.uppercased(), "Đảng ủy " + lowercasingKind(unit.fullName), "Đảng ủy"
            )
        }
    }

    /// "Phường Phong Dinh" → "phường Phong Dinh", as a unit's kind is written inside a sentence.
    static func lowercasingKind(_ fullName: String) -> String {
        guard let first = fullName.first else { return fullName }
        return first.lowercased() + fullName.dropFirst()
    }
}
