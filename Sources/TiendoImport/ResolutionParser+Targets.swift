import Foundation
import TiendoCore
import Yams

/// The seven measures as the file names them (`cach_tinh`).
extension MeasureKind {
    /// The words accepted; the first is the one documented.
    var words: [String] {
        switch self {
        case .level: return ["mức đạt", "muc"]
        case .averageGrowth: return ["tăng trưởng bình quân", "tang truong", "toc do tang truong binh quan"]
        case .averageChange: return ["thay đổi bình quân", "tang giam binh quan", "muc thay doi binh quan"]
        case .sum: return ["tổng", "tong giai doan", "cong"]
        case .annualMean: return ["bình quân năm", "binh quan hang nam", "binh quan moi nam"]
        case .everyYear: return ["hằng năm", "hàng năm", "moi nam"]
        case .shareOfUnits: return ["tỷ lệ đơn vị", "ti le don vi", "ty le don vi dat"]
        }
    }

    /// The keys that only this measure uses.
    var ownKeys: [String] {
        switch self {
        case .level: return []
        case .averageGrowth: return ["nam_goc", "binh_quan"]
        case .averageChange: return ["nam_goc"]
        case .sum, .annualMean, .everyYear: return ["tu_nam", "den_nam"]
        case .shareOfUnits: return ["don_vi_dat_khi", "loai_don_vi"]
        }
    }
}

/// The keys of a target as the sentences of ``TargetRules`` name them.
struct YAMLKeyNaming: TargetFieldNaming {
    func name(of field: TargetField) -> String {
        switch field {
        case .number: return "“so”"
        case .group: return "“nhom”"
        case .wording: return "“noi_dung”"
        case .indicator: return "“chi_so”"
        case .measure: return "“cach_tinh”"
        case .baseYear: return "“nam_goc”"
        case .averaging: return "“binh_quan”"
        case .fromYear: return "“tu_nam”"
        case .toYear: return "“den_nam”"
        case .unitKind: return "“loai_don_vi”"
        case .unitCondition(.kind): return "“don_vi_dat_khi”"
        case .unitCondition(let part), .condition(let part):
            switch part {
            case .kind: return "“dieu_kien”"
            case .value: return "“toi_thieu”"
            case .exceedBound: return "“moc_vuot”"
            case .low: return "“tu”"
            case .high: return "“den”"
            case .direction: return "“huong”"
            }
        case .deadline: return "“han”"
        case .baseline: return "“so_lieu_goc”"
        case .toleranceKind, .tolerance: return "“gan_dat”"
        case .decimals: return "“so_thap_phan”"
        }
    }

    /// A file's reader cannot see which key a message is next to: the message names it.
    func mention(_ field: TargetField) -> String { " " + name(of: field) }
}

extension ResolutionParser {
    /// Reports `problem`, found by a rule shared with the screen, at `key` of `map`: the file's
    /// line and key come first, so the sentence becomes a clause ("dòng 12, khóa “han”: năm hạn …").
    mutating func report(_ problem: String, _ map: YAMLMap, _ key: String) {
        var clause = problem
        if clause.hasSuffix(".") { clause.removeLast() }
        reader.add(map.line(key), map.path(key), clause.prefix(1).lowercased() + clause.dropFirst())
    }

    static let targetKeys = [
        "so", "nhom", "noi_dung", "chi_so", "cach_tinh", "nam_goc", "binh_quan", "tu_nam", "den_nam",
        "don_vi_dat_khi", "loai_don_vi", "dieu_kien", "han", "so_lieu_goc", "gan_dat", "so_thap_phan",
    ]

    static let conditionKeys = ["toi_thieu", "tren", "toi_da", "duoi", "ke_hoach", "tu", "den", "huong", "moc_vuot"]

    static let groupOptions: [(words: [String], value: TargetGroup)] = [
        (["kinh tế"], .kinhTe),
        (
            [
                "văn hóa - xã hội - môi trường", "van hoa xa hoi", "van hoa xa hoi va moi truong",
                "xa hoi", "van hoa",
            ], .vanHoaXaHoiMoiTruong
        ),
        (["quốc phòng - an ninh", "quoc phong", "an ninh", "quoc phong va an ninh"], .quocPhongAnNinh),
        (
            ["xây dựng Đảng và hệ thống chính trị", "xay dung dang", "xay dung dang va he thong chinh tri vung manh"],
            .xayDungDang
        ),
    ]

    static let directionOptions: [(words: [String], value: Direction)] = [
        (["càng cao càng tốt", "cao", "cao hon la tot", "tang"], .higherIsBetter),
        (["càng thấp càng tốt", "thap", "thap hon la tot", "giam"], .lowerIsBetter),
    ]

    static let averagingOptions: [(words: [String], value: Bool)] = [
        (["nhân", "binh quan nhan", "hinh hoc"], true),
        (["cộng", "binh quan cong", "so hoc"], false),
    ]

    /// One target and its number (known even when the rest is wrong). In a revision, `base` holds
    /// the adopted targets by number: every key left out is taken from the adopted target with the
    /// same number; `broken` lists the adopted numbers whose target had errors, whose revisions
    /// are not checked again (the clerk fixes the adopted target first).
    mutating func target(
        _ node: Node, path: String, base: [Int: Target]?, broken: Set<Int> = []
    ) -> (number: Int?, target: Target?) {
        var misplaced: [String: String] = [:]
        for key in ResolutionParser.conditionKeys {
            misplaced[key] = "khóa này phải nằm trong “dieu_kien”, ví dụ dieu_kien: {tu: 10, den: 11}"
        }
        for key in ["tuong_doi", "tuyet_doi"] {
            misplaced[key] = "khóa này phải nằm trong “gan_dat”, ví dụ gan_dat: {tuyet_doi: 0,5}"
        }
        for key in ResolutionParser.indicatorKeys where !ResolutionParser.targetKeys.contains(key) {
            misplaced[key] = "khóa này thuộc về chỉ số (danh sách chi_so); ở chỉ tiêu chỉ ghi mã chỉ số trong “chi_so”"
        }
        guard
            let map = reader.map(
                node, path: path, allowed: ResolutionParser.targetKeys, misplaced: misplaced, what: "chỉ tiêu")
        else { return (nil, nil) }

        guard
            let number = reader.integer(
                map, "so", range: 1...999, required: "số thứ tự của chỉ tiêu trong nghị quyết, ví dụ 1",
                what: "số chỉ tiêu")
        else {
            // Without a number the rest is still checked, so a clerk sees every problem at once.
            _ = targetBody(map, number: 0, base: nil, isNewInRevision: false)
            return (nil, nil)
        }
        if base != nil && broken.contains(number) { return (number, nil) }
        return (
            number,
            targetBody(map, number: number, base: base?[number], isNewInRevision: base != nil && base?[number] == nil)
        )
    }

    private mutating func targetBody(_ map: YAMLMap, number: Int, base: Target?, isNewInRevision: Bool) -> Target? {
        let context =
            isNewInRevision
            ? " (chỉ tiêu số \(number) không có trong nghị quyết ban đầu nên phải ghi đầy đủ; nếu định sửa một chỉ tiêu đã có, hãy kiểm tra lại số)"
            : ""
        func required(_ explanation: String) -> String? { base == nil ? explanation : nil }

        let group =
            reader.choice(
                map, "nhom", options: ResolutionParser.groupOptions,
                required: required(
                    "nhóm chỉ tiêu: kinh tế; văn hóa - xã hội - môi trường; quốc phòng - an ninh; xây dựng Đảng và hệ thống chính trị"
                ),
                what: "nhóm chỉ tiêu") ?? base?.group
        let wording =
            reader.text(map, "noi_dung", required: required("nội dung chỉ tiêu như trong nghị quyết"), context: context)
            ?? base?.wording
        let writtenCode = reader.text(
            map, "chi_so", required: required("mã chỉ số dùng để đo chỉ tiêu, ví dụ GRDP"), context: context)
        if let writtenCode { checkIndicatorKnown(writtenCode, map: map, key: "chi_so") }
        let indicatorCode = writtenCode ?? base?.indicatorCode

        let deadline = reader.year(map, "han", what: "năm hạn") ?? base?.deadlineYear ?? term?.upperBound
        if let deadline, let term, map.has("han"), let problem = TargetRules.deadline(deadline, term: term) {
            report(problem.text, map, "han")
        }

        let measure = self.measure(map, base: base?.measure, deadline: deadline)
        let condition: Condition?
        if map.has("dieu_kien") {
            condition = self.condition(map, "dieu_kien", forShare: measure.map { MeasureKind($0) } == .shareOfUnits)
        } else {
            if base == nil {
                _ = reader.require(
                    map, "dieu_kien",
                    "điều kiện cần đạt, ví dụ dieu_kien: {tu: 10, den: 11} hoặc {toi_thieu: 100} hoặc {toi_da: \"1,5\"} hoặc {ke_hoach: \"25.000\"}",
                    context: context)
            }
            condition = base?.condition
        }

        // A yes/no indicator is what "tỷ lệ đơn vị" counts when no unit condition is given.
        if case .shareOfUnits(nil, _) = measure, let code = indicatorCode, let indicator = declared[code],
            let problem = TargetRules.shareWithoutUnitCondition(indicator: indicator, naming: YAMLKeyNaming())
        {
            report(problem.text, map, "cach_tinh")
        }

        let baseline = reader.number(map, "so_lieu_goc") ?? (map.has("so_lieu_goc") ? nil : base?.baseline)
        let tolerance = map.has("gan_dat") ? self.tolerance(map) : base?.tolerance
        let decimals =
            map.has("so_thap_phan")
            ? reader.integer(map, "so_thap_phan", range: 0...6, what: "số chữ số thập phân") : base?.decimals

        guard let group, let wording, let indicatorCode, let measure, let condition, let deadline else { return nil }
        return Target(
            number: number, group: group, wording: wording, indicatorCode: indicatorCode, measure: measure,
            condition: condition, deadlineYear: deadline, baseline: baseline, tolerance: tolerance, decimals: decimals)
    }

    // MARK: - Measure

    private mutating func measure(_ map: YAMLMap, base: Measure?, deadline: Int?) -> Measure? {
        let kind: MeasureKind
        if map.has("cach_tinh") {
            let options = MeasureKind.allCases.map { (words: $0.words, value: $0) }
            guard let chosen = reader.choice(map, "cach_tinh", options: options, what: "cách tính") else { return nil }
            kind = chosen
        } else {
            kind = base.map(MeasureKind.init) ?? .level
        }
        for key in ResolutionParser.targetKeys where map.has(key) && !kind.ownKeys.contains(key) {
            let users = MeasureKind.allCases.filter { $0.ownKeys.contains(key) }
            guard !users.isEmpty else { continue }
            let names = users.map { "“\($0.words[0])”" }.joined(separator: ", ")
            reader.add(
                map.line(key), map.path(key),
                "khóa “\(key)” chỉ dùng khi cach_tinh là \(names), còn chỉ tiêu này là “\(kind.words[0])”; hãy xóa khóa này hoặc sửa cach_tinh"
            )
        }
        let termStart = term?.lowerBound
        switch kind {
        case .level:
            return .level

        case .averageGrowth:
            var baseYear: Int?
            var geometric = true
            if case .averageGrowth(let y, let g) = base {
                baseYear = y
                geometric = g
            }
            if map.has("nam_goc") {
                baseYear = reader.year(map, "nam_goc", what: "năm gốc")
                guard baseYear != nil else { return nil }
            }
            baseYear = baseYear ?? termStart
            if map.has("binh_quan") {
                guard
                    let g = reader.choice(
                        map, "binh_quan", options: ResolutionParser.averagingOptions, what: "kiểu bình quân")
                else { return nil }
                geometric = g
            }
            guard let baseYear else { return nil }
            if let deadline, let problem = TargetRules.baseYear(baseYear, deadline: deadline) {
                report(problem.text, map, "nam_goc")
            }
            return .averageGrowth(baseYear: baseYear, geometric: geometric)

        case .averageChange:
            var baseYear: Int?
            switch base {
            case .averageChange(let y)?, .averageGrowth(let y, _)?: baseYear = y
            default: break
            }
            if map.has("nam_goc") {
                baseYear = reader.year(map, "nam_goc", what: "năm gốc")
                guard baseYear != nil else { return nil }
            }
            guard let baseYear = baseYear ?? termStart else { return nil }
            if let deadline, let problem = TargetRules.baseYear(baseYear, deadline: deadline) {
                report(problem.text, map, "nam_goc")
            }
            return .averageChange(baseYear: baseYear)

        case .sum, .annualMean, .everyYear:
            var from: Int?
            var to: Int?
            switch base {
            case .sum(let f, let t)?, .annualMean(let f, let t)?, .everyYear(let f, let t)?:
                from = f
                to = t
            default: break
            }
            if map.has("tu_nam") {
                from = reader.year(map, "tu_nam", what: "năm bắt đầu")
                guard from != nil else { return nil }
            }
            if map.has("den_nam") {
                to = reader.year(map, "den_nam", what: "năm kết thúc")
                guard to != nil else { return nil }
            }
            // The year of the congress is the baseline; the five-year plan starts the year after.
            from = from ?? termStart.map { $0 + 1 }
            to = to ?? deadline
            guard let from, let to else { return nil }
            if let problem = TargetRules.period(
                from: from, to: to, term: term, deadline: deadline, naming: YAMLKeyNaming())
            {
                // Years in the wrong order are shown at the key written (the other may be inherited).
                let atFrom = problem.field == .fromYear && (from <= to || map.has("tu_nam"))
                report(problem.text, map, atFrom ? "tu_nam" : "den_nam")
            }
            return kind.over(fromYear: from, toYear: to)

        case .shareOfUnits:
            var unitCondition: Condition?
            var unitKinds: Set<UnitKind>?
            if case .shareOfUnits(let c, let k) = base {
                unitCondition = c
                unitKinds = k
            }
            if map.has("don_vi_dat_khi") {
                guard let c = condition(map, "don_vi_dat_khi", forShare: false) else { return nil }
                unitCondition = c
            }
            if map.has("loai_don_vi") {
                guard let k = unitKindSet(map, "loai_don_vi") else { return nil }
                unitKinds = k
            }
            return .shareOfUnits(unitCondition: unitCondition, unitKinds: unitKinds)
        }
    }

    /// `loai_don_vi: xã` or `loai_don_vi: [xã, phường]` or `loai_don_vi: xã, phường`: the kinds
    /// of child unit a "tỷ lệ đơn vị" target counts.
    private mutating func unitKindSet(_ map: YAMLMap, _ key: String) -> Set<UnitKind>? {
        guard let node = map.entries[key]?.value, !YAMLReader.isNull(node) else { return nil }
        var words: [(text: String, line: Int)] = []
        switch node {
        case .scalar(let scalar):
            words = scalar.string.split(separator: ",").map { (String($0), node.mark?.line ?? map.line(key)) }
        case .sequence(let sequence):
            for item in sequence {
                guard case .scalar(let scalar) = item else {
                    reader.add(
                        item.mark?.line ?? map.line(key), map.path(key),
                        "mỗi loại đơn vị là một chữ, ví dụ [xã, phường]")
                    return nil
                }
                words.append((scalar.string, item.mark?.line ?? map.line(key)))
            }
        default:
            reader.add(
                map.line(key), map.path(key),
                "“\(key)” là một loại đơn vị hoặc một danh sách, ví dụ loai_don_vi: xã hoặc loai_don_vi: [xã, phường]")
            return nil
        }
        var kinds = Set<UnitKind>()
        var valid = true
        for word in words {
            let text = word.text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            if let kind = UnitKind(vietnamese: text, provinceLevel: false) {
                kinds.insert(kind)
            } else {
                reader.add(
                    word.line, map.path(key),
                    "loại đơn vị “\(text)” không hợp lệ; hãy dùng: xã, phường, đặc khu, thôn, tổ dân phố, chi bộ, đảng bộ"
                )
                valid = false
            }
        }
        if valid && kinds.isEmpty {
            reader.add(map.line(key), map.path(key), "“\(key)” để trống; hãy ghi loại đơn vị được tính, ví dụ xã")
            return nil
        }
        return valid ? kinds : nil
    }

    // MARK: - Condition

    /// A condition mapping under `key`: `toi_thieu`/`tren`, `toi_da`/`duoi`, `ke_hoach`, or
    /// `tu` + `den` (+ `huong`); `moc_vuot` adds an exceed bound to a threshold.
    mutating func condition(_ parent: YAMLMap, _ key: String, forShare: Bool) -> Condition? {
        guard let node = parent.entries[key]?.value else { return nil }
        let example =
            "ví dụ \(key): {tu: 10, den: 11} hoặc {toi_thieu: 100} hoặc {toi_da: \"1,5\"} hoặc {ke_hoach: \"25.000\"}"
        if YAMLReader.isNull(node) {
            reader.add(parent.line(key), parent.path(key), "“\(key)” để trống; hãy ghi điều kiện, \(example)")
            return nil
        }
        guard case .mapping = node else {
            reader.add(
                parent.line(key), parent.path(key),
                "“\(key)” phải là một nhóm khóa cho biết mức cần đạt, không phải \(YAMLReader.describe(node)); \(example)"
            )
            return nil
        }
        guard
            let map = reader.map(
                node, path: parent.path(key), allowed: ResolutionParser.conditionKeys, what: "điều kiện")
        else { return nil }

        let forms: [(keys: [String], name: String)] = [
            (["toi_thieu", "tren"], "toi_thieu"), (["toi_da", "duoi"], "toi_da"), (["ke_hoach"], "ke_hoach"),
            (["tu", "den"], "tu/den"),
        ]
        let present = forms.filter { $0.keys.contains(where: map.has) }
        let allForms = "toi_thieu (hoặc tren), toi_da (hoặc duoi), ke_hoach, hoặc cặp tu và den"
        guard present.count == 1, let form = present.first else {
            if present.isEmpty {
                reader.add(
                    map.line, map.path, "điều kiện chưa có mức cần đạt; hãy ghi một trong: \(allForms); \(example)")
            } else {
                reader.add(
                    map.line, map.path,
                    "điều kiện chỉ được ghi một cách, ở đây có cả "
                        + present.map { "“\($0.name)”" }.joined(separator: " và ")
                        + "; hãy giữ lại một trong: \(allForms)")
            }
            return nil
        }
        for pair in [("toi_thieu", "tren"), ("toi_da", "duoi")] where map.has(pair.0) && map.has(pair.1) {
            reader.add(
                map.line(pair.1), map.path(pair.1),
                "“\(pair.0)” và “\(pair.1)” cùng một nghĩa (Tiendo hiểu “trên x” là từ x trở lên, “dưới x” là không quá x); hãy chỉ giữ một khóa"
            )
            return nil
        }
        if map.has("huong") && form.name != "tu/den" {
            reader.add(map.line("huong"), map.path("huong"), "“huong” chỉ dùng với khoảng tu/den; hãy xóa khóa này")
        }
        if map.has("moc_vuot") && !(form.name == "toi_thieu" || form.name == "toi_da") {
            reader.add(
                map.line("moc_vuot"), map.path("moc_vuot"),
                form.name == "ke_hoach"
                    ? "chỉ tiêu kế hoạch đã vượt khi cao hơn số kế hoạch; hãy xóa “moc_vuot”"
                    : "với khoảng tu/den, vượt là vượt qua đầu tốt hơn của khoảng; hãy xóa “moc_vuot”")
        }
        let exceed = map.has("moc_vuot") ? reader.number(map, "moc_vuot") : nil
        func checkShare(_ value: Double, _ key: String) {
            if forShare, let problem = TargetRules.shareLevel(value, .value) { report(problem.text, map, key) }
        }

        switch form.name {
        case "toi_thieu", "toi_da":
            let key = form.keys.first(where: map.has)!  // `form` is in `present`: one of its keys is there
            guard let value = reader.number(map, key) ?? missingValue(map, key) else { return nil }
            checkShare(value, key)
            if let exceed,
                let problem = TargetRules.exceedBound(
                    exceed, of: form.name == "toi_thieu" ? .atLeast : .atMost, level: value)
            {
                report(problem.text, map, "moc_vuot")
            }
            return form.name == "toi_thieu" ? .atLeast(value, exceedBound: exceed) : .atMost(value, exceedBound: exceed)
        case "ke_hoach":
            guard let value = reader.number(map, "ke_hoach") ?? missingValue(map, "ke_hoach") else { return nil }
            checkShare(value, "ke_hoach")
            return .plan(value)
        default:
            for k in ["tu", "den"] where !map.has(k) {
                reader.add(
                    map.line, map.path(k),
                    "khoảng cần có cả “tu” và “den”, ở đây thiếu “\(k)”; ví dụ {tu: 10, den: 11} — nếu chỉ có một mức, hãy dùng toi_thieu hoặc toi_da"
                )
            }
            let low = reader.number(map, "tu")
            let high = reader.number(map, "den")
            let direction =
                map.has("huong")
                ? reader.choice(map, "huong", options: ResolutionParser.directionOptions, what: "hướng")
                : .higherIsBetter
            guard let low, let high, let direction else { return nil }
            checkShare(low, "tu")
            checkShare(high, "den")
            if let problem = TargetRules.range(low: low, high: high, naming: YAMLKeyNaming()) {
                report(problem.text, map, "tu")
                return nil
            }
            return .between(low: low, high: high, direction: direction)
        }
    }

    private mutating func missingValue(_ map: YAMLMap, _ key: String) -> Double? {
        if let entry = map.entries[key], YAMLReader.isNull(entry.value) {
            reader.add(map.line(key), map.path(key), "“\(key)” để trống; hãy ghi con số, ví dụ \(key): 100")
        }
        return nil
    }

    // MARK: - Tolerance

    /// `gan_dat: {tuong_doi: 2}` (2% of the bound) or `{tuyet_doi: 0,5}` (in the measure's unit).
    private mutating func tolerance(_ parent: YAMLMap) -> Tolerance? {
        guard let node = parent.entries["gan_dat"]?.value, !YAMLReader.isNull(node) else { return nil }
        guard
            let map = reader.map(
                node, path: parent.path("gan_dat"), allowed: ["tuong_doi", "tuyet_doi"], what: "ngưỡng gần đạt")
        else { return nil }
        switch (map.has("tuong_doi"), map.has("tuyet_doi")) {
        case (true, true):
            reader.add(
                map.line, map.path,
                "chỉ ghi một trong hai: tuong_doi (phần trăm của mức chỉ tiêu) hoặc tuyet_doi (theo đơn vị của chỉ tiêu)"
            )
            return nil
        case (false, false):
            reader.add(
                map.line, map.path,
                "hãy ghi tuong_doi (phần trăm của mức chỉ tiêu, ví dụ 2) hoặc tuyet_doi (theo đơn vị của chỉ tiêu, ví dụ 0,5)"
            )
            return nil
        case (true, false):
            guard let percent = reader.number(map, "tuong_doi") ?? missingValue(map, "tuong_doi") else { return nil }
            if let problem = TargetRules.relativeTolerance(percent: percent) {
                report(problem.text, map, "tuong_doi")
                return nil
            }
            return .relative(percent / 100)
        case (false, true):
            guard let amount = reader.number(map, "tuyet_doi") ?? missingValue(map, "tuyet_doi") else { return nil }
            if let problem = TargetRules.absoluteTolerance(amount) {
                report(problem.text, map, "tuyet_doi")
                return nil
            }
            return .absolute(amount)
        }
    }
}
