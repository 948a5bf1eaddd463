import Foundation
import TiendoCore

/// The Vietnamese words the audit reads figures by. Every entry is a sequence of word keys
/// (lower case NFC, see ``CheckTokenizer/wordKey(_:)``).
enum CheckVocabulary {

    /// Units of measure after a number, longest first, with the unit they normalise to.
    static let measureUnits: [([String], String)] = [
        (["nghìn", "tỷ", "đồng"], "nghìn tỷ đồng"),
        (["ngàn", "tỷ", "đồng"], "nghìn tỷ đồng"),
        (["tỷ", "đồng"], "tỷ đồng"),
        (["triệu", "đồng"], "triệu đồng"),
        (["nghìn", "đồng"], "nghìn đồng"),
        (["ngàn", "đồng"], "nghìn đồng"),
        (["triệu", "usd"], "triệu USD"),
        (["tỷ", "usd"], "tỷ USD"),
        (["nghìn", "usd"], "nghìn USD"),
        (["tỷ"], "tỷ đồng"),
        (["triệu"], "triệu"),
        (["usd"], "USD"),
        (["đồng"], "đồng"),
        (["ha"], "ha"),
        (["hecta"], "ha"),
        (["héc", "ta"], "ha"),
        (["tấn"], "tấn"),
        (["tạ"], "tạ"),
        (["kg"], "kg"),
        (["km"], "km"),
        (["lít"], "lít"),
        (["mw"], "MW"),
        (["kwh"], "kWh"),
        (["điểm", "phần", "trăm"], "điểm phần trăm"),
    ]

    /// Count nouns after a number ("243 đảng viên", "28 trường"), longest first.
    static let countNouns: [[String]] = [
        ["tổ", "chức", "cơ", "sở", "đảng"], ["tổ", "chức", "đảng"], ["tổ", "dân", "phố"], ["hộ", "gia", "đình"],
        ["hợp", "tác", "xã"], ["khu", "dân", "cư"], ["câu", "lạc", "bộ"], ["đảng", "viên"], ["chi", "bộ"],
        ["đảng", "bộ"], ["tổ", "chức"], ["hồ", "sơ"], ["thủ", "tục"], ["doanh", "nghiệp"], ["lao", "động"],
        ["nhân", "khẩu"], ["công", "trình"], ["dự", "án"], ["chỉ", "tiêu"], ["nhiệm", "vụ"], ["cơ", "sở"],
        ["thị", "trấn"], ["đặc", "khu"], ["đơn", "vị"], ["cơ", "quan"], ["đối", "tượng"], ["học", "sinh"],
        ["giáo", "viên"], ["cán", "bộ"], ["công", "chức"], ["viên", "chức"], ["hội", "viên"], ["đoàn", "viên"],
        ["văn", "bản"], ["ý", "kiến"], ["kiến", "nghị"], ["sản", "phẩm"], ["mô", "hình"], ["trạm", "y", "tế"],
        ["cuộc", "kiểm", "tra"], ["cuộc", "giám", "sát"], ["đồng", "chí"], ["thanh", "niên"], ["thôn"], ["xã"],
        ["phường"], ["trường"], ["hộ"],
        ["người"], ["lượt"], ["vụ"], ["cuộc"], ["lớp"], ["căn"], ["nhà"], ["camera"], ["đơn"], ["bản"],
        ["làng"], ["ấp"], ["cấp"], ["con"], ["cây"], ["xe"], ["tàu"], ["giường"], ["bác", "sĩ"], ["trạm"],
        ["tccsđ"], ["tcđ"], ["htx"], ["dn"],
    ]

    /// Abbreviated count nouns and the unit they stand for: "439 TCCSĐ" counts "tổ chức cơ sở đảng".
    static let countNounAbbreviations: [[String]: String] = [
        ["tccsđ"]: "tổ chức cơ sở đảng", ["tcđ"]: "tổ chức đảng", ["htx"]: "hợp tác xã", ["dn"]: "doanh nghiệp",
    ]

    /// Words that do not name what a figure counts: they are dropped from the subject keywords.
    static let stopwords: Set<String> = Set([
        "của", "các", "những", "và", "với", "là", "có", "được", "đã", "đang", "sẽ", "ước", "đạt", "vượt", "trên",
        "dưới", "hơn", "khoảng", "gần", "số", "toàn", "trong", "đó", "này", "theo", "cho", "tại", "ở", "từ", "đến",
        "tới", "về", "một", "mỗi", "hàng", "hằng", "năm", "tháng", "quý", "lên", "còn", "xuống", "chiếm", "bằng",
        "so", "cùng", "kỳ", "như", "nhằm", "để", "thì", "mà", "nhưng", "cũng", "vẫn", "rất", "nhiều", "ít", "bị",
        "do", "vào", "ra", "nên", "tổng", "cộng", "tỷ", "lệ", "trở", "tối", "thiểu", "đa", "xấp", "xỉ", "nay",
        "hết", "qua", "thêm", "lượng", "mức", "tính", "chừng", "gồm", "bao", "cụ", "thể", "chia", "thực", "hiện",
        "quả", "đề", "bình", "quân", "lũy", "kế", "giai", "đoạn", "tăng", "giảm", "tương", "ứng", "riêng",
        "chung", "cả", "tốc", "độ", "rằng", "hay", "hoặc", "cơ", "bản", "lại", "đây", "khi", "sau", "trước",
    ])

    /// Words that restrict what is counted: a figure with one of them and a figure without it do
    /// not count the same thing ("hộ nghèo" ≠ "hộ cận nghèo", "xã đạt chuẩn" ≠ "xã chưa đạt chuẩn",
    /// "17 trường công lập" ≠ "14 trường công lập đạt chuẩn quốc gia").
    static let restrictive: Set<String> = Set([
        "không", "chưa", "cận", "ngoài", "quá", "trễ", "chậm", "nữ", "nam", "tái", "phi", "nợ", "tồn",
        meetsStandard,
    ])

    /// The keyword a figure gets when its clause says "đạt chuẩn" (as a phrase: "hộ nghèo theo
    /// chuẩn nghèo" restricts nothing). Written with a space so that no single word can be it.
    static let meetsStandard = "đạt chuẩn"

    /// The phrase keywords of the tokens in `range` (``meetsStandard`` for "đạt chuẩn").
    static func phraseKeywords(_ tokens: [CheckToken], _ range: Range<Int>) -> Set<String> {
        range.contains { tokens.matches(["đạt", "chuẩn"], at: $0) } ? [meetsStandard] : []
    }

    /// The prefix of the keyword a level gets ("mức độ 2" → "mức độ 2"): a figure of one level and a
    /// figure of another level, or of none, do not count the same thing.
    static let levelPrefix = "mức độ "

    /// Words that name the same thing in a report's figures, by the word before them: "nguồn lực"
    /// and "nguồn vốn" huy động are both the money raised.
    private static let synonyms: [String: [String: String]] = ["nguồn": ["lực": "vốn"]]

    /// The keyword for `key` after the word `previous`: its synonym's when it has one.
    static func synonym(of key: String, after previous: String) -> String {
        synonyms[previous]?[key] ?? key
    }

    /// "Chương trình mục tiêu quốc gia": a programme's name, not a target (the plan marker "mục
    /// tiêu" at `k` followed by "quốc gia").
    static func isProgrammeName(_ tokens: [CheckToken], markerAt k: Int, length: Int) -> Bool {
        tokens.matches(["mục", "tiêu"], at: k) && length == 2 && tokens.matches(["quốc", "gia"], at: k + 2)
    }

    /// Groups of words naming mutually exclusive kinds ("xuất sắc" vs "tốt", "trực tuyến" vs "trực tiếp"):
    /// two figures whose words fall in different members of a group do not count the same thing. A
    /// figure belongs to the first member all of whose words it has (so "hoàn thành tốt" is "tốt").
    /// A partition's members, all named after "trong đó", cover the whole (sectors of the economy,
    /// channels of dossiers, rating levels); men and women after "trong đó" often describe a subset
    /// ("trong đó 320 nữ và 150 nam đi làm việc ở nước ngoài").
    static let exclusiveKinds: [ExclusiveGroup] = [
        ExclusiveGroup([["xuất", "sắc"], ["tốt"], ["không"], ["hoàn", "thành"]], isPartition: true),
        ExclusiveGroup([["tuyến"], ["tiếp"], ["bưu"]], isPartition: true),
        ExclusiveGroup([["nam"], ["nữ"]], isPartition: false),
        ExclusiveGroup([["thu"], ["chi"]], isPartition: false),
        ExclusiveGroup([["đúng"], ["quá"], ["trễ"], ["trước"]], isPartition: false),
        ExclusiveGroup([["mầm"], ["tiểu"], ["trung"], ["phổ"]], isPartition: false),
        ExclusiveGroup([["nông"], ["công"], ["dịch"]], isPartition: true),
        ExclusiveGroup([["quốc", "tế"], ["nội", "địa"]], isPartition: true),
        ExclusiveGroup([["trong", "nước"], ["ngoài", "nước"]], isPartition: true),
        ExclusiveGroup([["thành", "thị"], ["nông", "thôn"]], isPartition: true),
        ExclusiveGroup([["ngoài", "công", "lập"], ["công", "lập"]], isPartition: true),
    ]

    /// Bodies and populations a figure can be about, longest first, with the name they normalise
    /// to: the party committees and organisations whose work a review counts ("Thị ủy kiểm tra 12
    /// tổ chức đảng; các đảng ủy cơ sở kiểm tra 45"), and the populations whose rates it gives
    /// ("tỷ lệ lao động qua đào tạo", "tỷ lệ hộ nghèo").
    static let bodies: [([String], String)] = [
        (["tổ", "chức", "cơ", "sở", "đảng"], "tổ chức cơ sở đảng"), (["tccsđ"], "tổ chức cơ sở đảng"),
        (["tổ", "chức", "đảng"], "tổ chức đảng"),
        (["đảng", "ủy", "cơ", "sở"], "đảng ủy cơ sở"),
        (["thị", "ủy"], "thị ủy"), (["huyện", "ủy"], "huyện ủy"),
        (["tỉnh", "ủy"], "tỉnh ủy"),
        (["thành", "ủy"], "thành ủy"), (["quận", "ủy"], "quận ủy"),
        (["ủy", "ban", "kiểm", "tra"], "ủy ban kiểm tra"), (["ubkt"], "ủy ban kiểm tra"),
        (["ban", "thường", "vụ"], "ban thường vụ"), (["btv"], "ban thường vụ"), (["đảng", "viên"], "đảng viên"),
        (["chi", "bộ"], "chi bộ"), (["hộ", "cận", "nghèo"], "hộ cận nghèo"), (["hộ", "nghèo"], "hộ nghèo"),
        (["lao", "động"], "lao động"), (["học", "sinh"], "học sinh"), (["doanh", "nghiệp"], "doanh nghiệp"),
        (["hợp", "tác", "xã"], "hợp tác xã"),
    ]

    /// Sector words of a heading, with the member of the sectors' exclusive group they stand for
    /// ("nông", "công", "dịch"): "b) Nông nghiệp, nông thôn" puts its figures in agriculture.
    static let sectorPhrases: [([String], String)] = [
        (["nông", "nghiệp"], "nông"), (["nông", "lâm"], "nông"), (["thủy", "sản"], "nông"),
        (["lâm", "nghiệp"], "nông"), (["công", "nghiệp"], "công"), (["tiểu", "thủ", "công"], "công"),
        (["xây", "dựng", "cơ", "bản"], "công"), (["dịch", "vụ"], "dịch"), (["thương", "mại"], "dịch"),
        (["du", "lịch"], "dịch"),
    ]

    /// Phrases that leave something out of what a sentence's figures count: "Không tính số thu từ
    /// tiền sử dụng đất … thì thu nội địa …", "nếu loại trừ …", "trừ tiền sử dụng đất".
    static let exclusionPhrases: [[String]] = [
        ["không", "tính"], ["không", "kể"], ["loại", "trừ"], ["ngoại", "trừ"], ["trừ"], ["nếu", "tính", "cả"],
    ]

    /// The keyword of a figure its sentence leaves something out of (``exclusionPhrases``); "#" keywords
    /// must agree for two figures to be one subject.
    static let excludingKeyword = "#không tính"

    /// Words that call a figure a plan: only these make a figure of another sentence the plan a
    /// verdict is judged against.
    static let calledPlanMarkers: [[String]] = [
        ["kế", "hoạch"], ["kh"], ["chỉ", "tiêu"], ["dự", "toán"], ["nghị", "quyết"], ["nq"], ["mục", "tiêu"],
        ["đề", "ra"], ["đặt", "ra"], ["giao"],
    ]

    /// Words that, shortly before a figure, make it a plan or target figure.
    static let planMarkers: [[String]] = [
        ["kế", "hoạch"], ["kh"], ["chỉ", "tiêu"], ["mục", "tiêu"], ["phấn", "đấu"], ["dự", "kiến"], ["dự", "toán"],
        ["đề", "ra"], ["giao"], ["định", "hướng"], ["nghị", "quyết"], ["nq"], ["sẽ"], ["đặt", "ra"], ["yêu", "cầu"],
        ["cần"], ["phải"], ["đăng", "ký"],
    ]

    /// Words right after a percentage that make it a share of something else (a plan, last year).
    static let relativeFollowers: [[String]] = [
        ["kế", "hoạch"], ["kh"], ["dự", "toán"], ["chỉ", "tiêu"], ["mục", "tiêu"], ["so", "với"], ["cùng", "kỳ"],
        ["nghị", "quyết"], ["nq"], ["năm", "trước"], ["nhiệm", "vụ"],
    ]

    /// Words that, right before a number, make it a date or time.
    static let dateWords: Set<String> = Set([
        "ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm", "rạng", "từ", "đến", "tới", "trước", "sau", "vào",
        "lúc", "đầu", "cuối", "hạn",
    ])

    /// Kinds of documents whose number follows them ("Nghị quyết 54", "Quy định 101").
    static let documentKinds: [[String]] = [
        ["nghị", "quyết"], ["quyết", "định"], ["quy", "định"], ["chỉ", "thị"], ["kết", "luận"], ["thông", "báo"],
        ["thông", "tư"], ["nghị", "định"], ["công", "văn"], ["hướng", "dẫn"], ["tờ", "trình"], ["quy", "chế"],
        ["thông", "tri"], ["luật"], ["chương", "trình", "hành", "động"], ["đề", "án"], ["phụ", "lục"], ["biểu"],
        ["mẫu"],
    ]

    /// Words before a number that make it an ordinal or part of a name ("lần thứ 2", "Phường 2").
    static let ordinalWords: Set<String> = Set([
        "thứ", "khóa", "khoá", "điều", "khoản", "điểm", "mục", "chương", "phần", "hình", "bảng", "trang", "tổ",
        "thôn", "khu", "khối", "đội", "ấp", "bản", "khóm", "tuyến", "lộ", "đường", "lô", "kiệt", "hẻm", "ngõ",
        "ngách", "phòng", "tầng", "quận", "huyện", "cụm", "vực", "đợt", "bước", "phường", "xã", "số", "câu", "kỳ",
        "nhóm", "dãy", "tòa", "tiểu", "ban", "mã", "top", "covid", "hạng", "ương", "độ", "mức", "loại", "cấp",
    ])

    /// Words after a number that make it a duration, an age or a time, not a figure.
    static let durationWords: Set<String> = Set([
        "tháng", "năm", "ngày", "giờ", "phút", "giây", "tuần", "tuổi", "thế", "kỷ", "h", "g",
    ])

    /// Words after a number that make it a grade, not a count: "04 sản phẩm đạt 3 sao" (an OCOP
    /// rating is not a part of the number of products).
    static let ratingWords: Set<String> = Set(["sao"])

    /// Verdict phrases, longest first, with whether they say the target is met.
    static let verdictPhrases: [([String], VerdictWord)] = [
        (["chưa", "có", "số", "liệu"], .noData), (["đạt", "và", "vượt"], .met), (["chưa", "hoàn", "thành"], .notMet),
        (["không", "hoàn", "thành"], .notMet),
        (["gần", "đạt"], .near), (["chưa", "đạt"], .notMet), (["không", "đạt"], .notMet), (["cơ", "bản", "đạt"], .met),
        (["hoàn", "thành"], .met), (["vượt"], .exceeded), (["đạt"], .met),
    ]

    /// Words that may follow a verdict phrase: "đạt chỉ tiêu", "vượt kế hoạch", "chưa đạt mục tiêu".
    static let verdictObjects: [[String]] = [
        ["chỉ", "tiêu"], ["kế", "hoạch"], ["kh"], ["mục", "tiêu"], ["nghị", "quyết"], ["nq"], ["yêu", "cầu"],
        ["so", "với", "kế", "hoạch"], ["so", "với", "chỉ", "tiêu"], ["dự", "toán"],
    ]

    /// Words in a target's subject that say lower is better ("tỷ lệ hộ nghèo", "tai nạn giao thông").
    static let lowerIsBetterWords: Set<String> = Set([
        "giảm", "nghèo", "nạn", "phạm", "nhiễm", "vong", "cháy", "túy", "đọng", "trễ", "nợ", "suy", "thất",
    ])
}

/// What a verdict phrase in a report says.
enum VerdictWord: Sendable, Hashable {
    case exceeded, met, near, notMet
    /// "chưa có số liệu": no figure to judge.
    case noData

    var isMet: Bool { self == .exceeded || self == .met }
}

/// Kinds that exclude each other (see ``CheckVocabulary/exclusiveKinds``).
struct ExclusiveGroup: Sendable {
    var members: [Set<String>]
    var isPartition: Bool

    init(_ members: [Set<String>], isPartition: Bool) {
        self.members = members
        self.isPartition = isPartition
    }

    /// The member a set of words belongs to: the first listed all of whose words it has (members
    /// are listed most specific first: "xuất sắc" and "tốt" before "hoàn thành", "ngoài công lập"
    /// before "công lập").
    func member(of words: Set<String>) -> Int? {
        return members.firstIndex { $0.isSubset(of: words) }
    }
}

extension Array where Element == CheckToken {
    /// Whether the words starting at `index` are `words` (word tokens, consecutive).
    func matches(_ words: [String], at index: Int) -> Bool {
        guard index >= 0, index + words.count <= count else { return false }
        for (offset, word) in words.enumerated() {
            let token = self[index + offset]
            guard token.kind == .word, token.key == word else { return false }
        }
        return true
    }

    /// The longest of `phrases` starting at `index`.
    func longestMatch(_ phrases: [[String]], at index: Int) -> [String]? {
        var best: [String]? = nil
        for phrase in phrases where matches(phrase, at: index) {
            if phrase.count > (best?.count ?? 0) { best = phrase }
        }
        return best
    }

    /// Whether the words ending just before `index` are `words`.
    func matches(_ words: [String], endingBefore index: Int) -> Bool {
        matches(words, at: index - words.count)
    }
}
