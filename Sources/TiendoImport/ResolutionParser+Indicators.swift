import Foundation
import TiendoCore
import Yams

extension ResolutionParser {
    static let indicatorKeys = [
        "ma", "ten", "don_vi_tinh", "so_thap_phan", "kieu_gia_tri", "tong_hop_len_cap_tren", "tu_so", "mau_so",
        "he_so", "tong_hop_theo_thoi_gian",
    ]

    static let valueTypeOptions: [(words: [String], value: ValueType)] = [
        (["số", "so lieu", "gia tri"], .number),
        (["số đếm", "dem"], .count),
        (["tỷ lệ phần trăm", "ti le phan tram", "phan tram", "ty le", "ti le"], .percentage),
        (["có/không", "co khong", "co hoac khong"], .yesNo),
    ]

    /// Space aggregations by word; `.ratio` is a placeholder filled from `tu_so`/`mau_so`.
    static let spaceOptions: [(words: [String], value: SpaceAggregation)] = [
        (["cộng", "tong", "cong don"], .sum),
        (["tỷ số", "ti so"], .ratio(numerator: "", denominator: "", multiplier: 1)),
        (["trung bình", "binh quan"], .mean),
        (["nhỏ nhất", "thap nhat", "min"], .min),
        (["lớn nhất", "cao nhat", "max"], .max),
        (["không tổng hợp", "khong", "khong cong"], .none),
    ]

    static let timeOptions: [(words: [String], value: TimeAggregation)] = [
        (["cộng", "tong", "cong don"], .sum),
        (["số cuối kỳ", "cuoi ky", "so cuoi nam"], .last),
        (["trung bình", "binh quan"], .mean),
        (["tỷ số", "ti so"], .ratio),
    ]

    /// `chi_so`: the indicators declared in the file. Fills `declared`.
    mutating func indicatorList(_ top: YAMLMap) -> [Indicator] {
        guard let items = reader.list(top, "chi_so", what: "chi_so") else { return [] }
        var result: [Indicator] = []
        var lines: [String: Int] = [:]
        var pending: [(indicator: Indicator, map: YAMLMap)] = []
        let misplaced = Dictionary(
            ResolutionParser.targetKeys.filter { !ResolutionParser.indicatorKeys.contains($0) }.map {
                ($0, "khóa này thuộc về chỉ tiêu (danh sách chi_tieu), không phải chỉ số")
            }, uniquingKeysWith: { a, _ in a })
        for (index, item) in items.enumerated() {
            let path = "chi_so[\(index + 1)]"
            guard
                let map = reader.map(
                    item, path: path, allowed: ResolutionParser.indicatorKeys, misplaced: misplaced, what: "chỉ số")
            else { continue }
            guard let indicator = indicator(map) else { continue }
            if let first = lines[indicator.code] {
                reader.add(
                    map.line("ma"), map.path("ma"),
                    "mã chỉ số “\(indicator.code)” đã khai báo ở dòng \(first); mỗi chỉ số chỉ khai báo một lần")
                continue
            }
            lines[indicator.code] = map.line("ma")
            declared[indicator.code] = indicator
            result.append(indicator)
            pending.append((indicator, map))
        }
        // Ratio parts may be declared after the ratio, so they are checked once all are read.
        for (indicator, map) in pending {
            guard let parts = indicator.ratioParts else { continue }
            for (key, code) in [("tu_so", parts.numerator), ("mau_so", parts.denominator)] where !code.isEmpty {
                if code == indicator.code {
                    reader.add(
                        map.line(key), map.path(key),
                        "chỉ số tỷ số không thể lấy chính nó làm \(key == "tu_so" ? "tử số" : "mẫu số")")
                } else {
                    checkIndicatorKnown(code, map: map, key: key)
                }
            }
        }
        return result
    }

    private mutating func indicator(_ map: YAMLMap) -> Indicator? {
        let code = reader.text(map, "ma", required: "mã chỉ số, chữ in hoa không dấu, ví dụ TY_LE_HO_NGHEO")
        if let code, !ResolutionParser.isCode(code) {
            reader.add(
                map.line("ma"), map.path("ma"),
                "mã chỉ số “\(code)” chỉ được gồm chữ không dấu, chữ số và dấu gạch dưới (_), không có dấu cách; ví dụ TY_LE_HO_NGHEO"
            )
        }
        let name = reader.text(map, "ten", required: "tên chỉ số, ví dụ “Tỷ lệ hộ nghèo (chuẩn đa chiều)”")
        let unit = reader.text(map, "don_vi_tinh") ?? ""
        var valueType = reader.choice(
            map, "kieu_gia_tri", options: ResolutionParser.valueTypeOptions, what: "kiểu giá trị")
        if !map.has("kieu_gia_tri") { valueType = unit == "%" ? .percentage : .number }
        let decimals =
            reader.integer(map, "so_thap_phan", range: 0...6, what: "số chữ số thập phân")
            ?? (valueType == .percentage ? 2 : 0)

        let numerator = reader.text(map, "tu_so")
        let denominator = reader.text(map, "mau_so")
        let hasParts = numerator != nil || denominator != nil
        let explicitSpace = reader.choice(
            map, "tong_hop_len_cap_tren", options: ResolutionParser.spaceOptions, what: "cách tổng hợp lên cấp trên")
        var isRatio: Bool
        var space: SpaceAggregation?
        if map.has("tong_hop_len_cap_tren") {
            guard let explicitSpace else { return nil }
            if case .ratio = explicitSpace { isRatio = true } else { isRatio = false }
            space = explicitSpace
        } else {
            isRatio = hasParts
            switch valueType {
            case .number, .count: space = .sum
            case .percentage, .yesNo: space = SpaceAggregation.none
            case nil: space = nil
            }
        }
        if isRatio {
            if numerator == nil {
                _ = reader.require(
                    map, "tu_so", "mã chỉ số tử số (ví dụ SO_HO_NGHEO), vì chỉ số tỷ số được tính từ tử số và mẫu số")
            }
            if denominator == nil {
                _ = reader.require(
                    map, "mau_so", "mã chỉ số mẫu số (ví dụ TONG_SO_HO), vì chỉ số tỷ số được tính từ tử số và mẫu số")
            }
            let defaultMultiplier: Double = valueType == .percentage || unit == "%" ? 100 : 1
            let multiplier = reader.number(map, "he_so") ?? defaultMultiplier
            if multiplier <= 0 {
                reader.add(map.line("he_so"), map.path("he_so"), "hệ số phải lớn hơn 0; ví dụ 100 cho tỷ lệ phần trăm")
            }
            space = .ratio(numerator: numerator ?? "", denominator: denominator ?? "", multiplier: multiplier)
        } else {
            for key in ["tu_so", "mau_so", "he_so"] where map.has(key) {
                reader.add(
                    map.line(key), map.path(key),
                    "khóa “\(key)” chỉ dùng cho chỉ số tỷ số; hãy ghi tong_hop_len_cap_tren: tỷ số, hoặc xóa khóa này")
            }
        }
        if valueType == .percentage, case .sum = space {
            reader.add(
                map.line("tong_hop_len_cap_tren"), map.path("tong_hop_len_cap_tren"),
                "không được cộng các tỷ lệ phần trăm của đơn vị cấp dưới; hãy khai báo tu_so và mau_so (tong_hop_len_cap_tren: tỷ số) hoặc ghi “không tổng hợp”"
            )
        }

        var time = reader.choice(
            map, "tong_hop_theo_thoi_gian", options: ResolutionParser.timeOptions, what: "cách tổng hợp theo thời gian")
        if !map.has("tong_hop_theo_thoi_gian") {
            if isRatio {
                time = .ratio
            } else {
                time = valueType == .percentage || valueType == .yesNo ? .last : .sum
            }
        } else if time == .ratio && !isRatio {
            reader.add(
                map.line("tong_hop_theo_thoi_gian"), map.path("tong_hop_theo_thoi_gian"),
                "chỉ chỉ số tỷ số (có tu_so và mau_so) mới tổng hợp theo thời gian bằng “tỷ số”; hãy chọn “cộng”, “số cuối kỳ” hoặc “trung bình”"
            )
        }

        guard let code, let name, let valueType, let space, let time else { return nil }
        return Indicator(
            code: code, name: name, unitOfMeasure: unit, decimals: decimals, valueType: valueType, space: space,
            time: time)
    }

    /// Reports a code that is neither declared in the file nor known to the system.
    mutating func checkIndicatorKnown(_ code: String, map: YAMLMap, key: String) {
        guard declared[code] == nil, !knownIndicatorCodes.contains(code) else { return }
        let candidates = Array(declared.keys) + Array(knownIndicatorCodes)
        var reason = "chỉ số “\(code)” chưa được khai báo trong mục chi_so của tệp và chưa có trong hệ thống"
        if let same = candidates.first(where: { $0.lowercased() == code.lowercased() }) {
            reason += "; có phải là “\(same)”? Mã chỉ số phân biệt chữ hoa, chữ thường"
        } else if let guess = KeySuggestion.closest(to: code, among: candidates) {
            reason += "; có phải là “\(guess)”?"
        } else {
            reason += "; hãy khai báo chỉ số này trong mục chi_so hoặc sửa mã"
        }
        reader.add(map.line(key), map.path(key), reason)
    }

    static func isCode(_ text: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-" || $0 == ".")
            }
    }
}
