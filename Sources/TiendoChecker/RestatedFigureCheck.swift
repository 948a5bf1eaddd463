import Foundation
import TiendoCore

extension CheckRun {

    /// How closely two figures' subjects match (Jaccard of their keywords), nil when they cannot be
    /// the same subject: the smaller set of words must lie within the larger, name at least one
    /// thing beyond the unit, and restricting or exclusive words must agree.
    func subjectMatch(_ a: CheckFigure, _ b: CheckFigure) -> Double? {
        let ka = a.keywords
        let kb = b.keywords
        let (small, large) = ka.count <= kb.count ? (ka, kb) : (kb, ka)
        guard small.isSubset(of: large) else { return nil }
        let unitWords = Set((a.unit + " " + b.unit).split(whereSeparator: { $0 == " " || $0 == "/" }).map(String.init))
        guard !small.subtracting(unitWords).filter({ !$0.hasPrefix("#") }).isEmpty, small.count >= 2 else {
            return nil
        }
        if !ka.symmetricDifference(kb).isDisjoint(with: CheckVocabulary.restrictive) { return nil }
        if ka.filter({ $0.hasPrefix("#") }) != kb.filter({ $0.hasPrefix("#") }) { return nil }
        for group in CheckVocabulary.exclusiveKinds {
            let ma = group.member(of: ka)
            let mb = group.member(of: kb)
            if let ma, let mb, ma != mb { return nil }
            // "Tổng giá trị sản xuất … 1.765 tỷ đồng" and "Giá trị sản xuất công nghiệp - xây dựng …
            // 492 tỷ đồng": a total and one kind of a partition of it are not the same quantity.
            if group.isPartition, (ma == nil) != (mb == nil), ma == nil ? a.isTotal : b.isTotal { return nil }
        }
        // "Thị ủy kiểm tra 12 tổ chức đảng" and "các đảng ủy cơ sở kiểm tra 45 tổ chức đảng", "8,8% số
        // TCCSĐ" and "0,57% (số đảng viên)": figures of two bodies are two subjects.
        if let x = a.body, let y = b.body, x != y { return nil }
        if let x = a.source, let y = b.source, x != y { return nil }
        if !Self.sameSector(a, b) { return nil }
        // A part of a breakdown is only the same as a figure that names what sets it apart.
        if !a.labelWords.isSubset(of: kb) || !b.labelWords.isSubset(of: ka) { return nil }
        return Double(small.count) / Double(ka.union(kb).count)
    }

    /// Whether two figures can be of one sector given their section path: "giá trị sản xuất tăng bình
    /// quân 15,4%" under "a) Công nghiệp" and "2,9%" under "b) Nông nghiệp" are two sectors; a figure
    /// whose section names a sector is not the same as one that names none (the whole economy). A
    /// figure's own words, when they name a sector, come before its section's.
    static func sameSector(_ a: CheckFigure, _ b: CheckFigure) -> Bool {
        guard !a.sectionWords.isEmpty || !b.sectionWords.isEmpty else { return true }
        let sectors: Set<String> = ["nông", "công", "dịch"]
        let ownA = a.keywords.intersection(sectors)
        let ownB = b.keywords.intersection(sectors)
        let sectorA = ownA.isEmpty ? a.sectionWords.intersection(sectors) : ownA
        let sectorB = ownB.isEmpty ? b.sectionWords.intersection(sectors) : ownB
        guard sectorA != sectorB else { return true }
        // Only a sector read from the section path settles it; two figures' own words are judged by
        // the exclusive kinds as before.
        return !(ownA.isEmpty && !sectorA.isEmpty) && !(ownB.isEmpty && !sectorB.isEmpty)
    }

    /// Whether what the sentences leave unsaid around two figures allows them to be one subject:
    /// the words a figure is tied to (``CheckFigure/attachedWords``), and, for figures of two
    /// sentences of one paragraph that both stand after a ";", the lead of each sentence (its actor
    /// or topic: "Ban Thường vụ Đảng ủy đã kiểm tra …; giám sát chuyên đề 27 tổ chức đảng" and "Ủy
    /// ban Kiểm tra Đảng ủy kiểm tra …; giám sát chuyên đề 12 tổ chức đảng"). As with keywords, one
    /// side's words must lie within the other's. Leads are compared only within a paragraph: a
    /// summary and its detail in other sections open their sentences differently.
    func contextsAgree(_ a: CheckFigure, _ b: CheckFigure) -> Bool {
        var wa = a.keywords.union(a.attachedWords)
        var wb = b.keywords.union(b.attachedWords)
        if a.blockIndex == b.blockIndex && a.sentenceIndex != b.sentenceIndex && !a.leadWords.isEmpty
            && !b.leadWords.isEmpty
        {
            wa.formUnion(a.leadWords.union(a.leadPhrases))
            wb.formUnion(b.leadWords.union(b.leadPhrases))
        }
        return wa.isSubset(of: wb) || wb.isSubset(of: wa)
    }

    /// Whether two figures can state the same quantity: same unit, or a fraction and a percentage.
    private func sameKind(_ a: CheckFigure, _ b: CheckFigure) -> Bool {
        if a.isPercent != b.isPercent {
            return (a.isPercent && b.value.fractionPercent != nil) || (b.isPercent && a.value.fractionPercent != nil)
        }
        return a.unit == b.unit
    }

    /// Whether two written figures agree; nil when they cannot be compared (a range and a number,
    /// two bounded figures).
    private func agree(_ a: CheckFigure, _ b: CheckFigure) -> Bool? {
        switch (a.value, b.value) {
        case (.number(let x), .number(let y)):
            return CheckArithmetic.agree(
                x, decimals: a.decimals, qualifier: a.qualifier, y, decimals: b.decimals, qualifier: b.qualifier)
        case (.fraction(let x1, let y1), .fraction(let x2, let y2)):
            return x1 == x2 && y1 == y2
        case (.range(let l1, let h1), .range(let l2, let h2)):
            return l1 == l2 && h1 == h2
        // A fraction over 0 ("3/0") has no percentage: not comparable, rather than a trap.
        case (.fraction, .number(let z)) where b.isPercent:
            guard let computed = a.value.fractionPercent else { return nil }
            return CheckArithmetic.percentAgrees(
                computed: computed, stated: z, decimals: b.decimals, qualifier: b.qualifier)
        case (.number(let z), .fraction) where a.isPercent:
            guard let computed = b.value.fractionPercent else { return nil }
            return CheckArithmetic.percentAgrees(
                computed: computed, stated: z, decimals: a.decimals, qualifier: a.qualifier)
        case (.fraction(let x, _), .number(let y)) where !b.isPercent:
            return CheckArithmetic.agree(
                x, decimals: 0, qualifier: nil, y, decimals: b.decimals, qualifier: b.qualifier)
        case (.number(let x), .fraction(let y, _)) where !a.isPercent:
            return CheckArithmetic.agree(
                x, decimals: a.decimals, qualifier: a.qualifier, y, decimals: 0, qualifier: nil)
        default:
            return nil
        }
    }

    /// The same subject and period stated with different values in two places.
    mutating func checkRestatedFigures() {
        // Only figures of one role and one unit can restate each other (a fraction also meets
        // percentages), so pairs are formed within buckets rather than across the whole report.
        var buckets: [String: [Int]] = [:]
        for (index, f) in figures.enumerated()
        where (f.role == .actual || f.role == .plan) && (!f.unit.isEmpty || f.isPercent) {
            let role = f.role.rawValue
            buckets[role + "|" + (f.isPercent ? "%" : f.unit), default: []].append(index)
            if f.value.fractionPercent != nil { buckets[role + "|%", default: []].append(index) }
        }
        var seen = Set<[Int]>()
        var compared: [(Int, Int, Double, Bool)] = []
        for key in buckets.keys.sorted() {
            let members = buckets[key] ?? []  // a key of `buckets.keys`: always there
            for (n, i) in members.enumerated() {
                for j in members[(n + 1)...] {
                    let pairKey = [min(i, j), max(i, j)]
                    guard !seen.contains(pairKey) else { continue }
                    seen.insert(pairKey)
                    let a = figures[pairKey[0]]
                    let b = figures[pairKey[1]]
                    if a.blockIndex == b.blockIndex && a.sentenceIndex == b.sentenceIndex { continue }
                    guard sameKind(a, b), reading.samePeriod(a, b) else { continue }
                    if parentOfPart[pairKey[0]] == pairKey[1] || parentOfPart[pairKey[1]] == pairKey[0] { continue }
                    if let pi = parentOfPart[pairKey[0]], pi == parentOfPart[pairKey[1]] { continue }
                    guard let score = subjectMatch(a, b), contextsAgree(a, b), let agrees = agree(a, b) else {
                        continue
                    }
                    compared.append((pairKey[0], pairKey[1], score, agrees))
                }
            }
        }
        compared.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        coverage.restatedPairs = compared.count
        // A mismatch is kept unless one of its figures has an exact consistent twin and the other
        // matches it only loosely (the twin is the restatement; the other likely counts something
        // narrower).
        var hasExactTwin = Set<Int>()
        for pair in compared where pair.3 && pair.2 >= 0.99 {
            hasExactTwin.insert(pair.0)
            hasExactTwin.insert(pair.1)
        }
        let mismatches = compared.filter { pair in
            !pair.3 && !(pair.2 < 0.7 && (hasExactTwin.contains(pair.0) || hasExactTwin.contains(pair.1)))
        }
        guard !mismatches.isEmpty else { return }
        // Copies of one subject form a cluster; each cluster with disagreeing copies is one finding.
        var root: [Int: Int] = [:]
        for pair in compared {
            root[pair.0] = pair.0
            root[pair.1] = pair.1
        }
        func find(_ x: Int) -> Int {
            var x = x
            while let r = root[x], r != x { x = r }
            return x
        }
        for pair in compared {
            let a = find(pair.0)
            let b = find(pair.1)
            if a != b { root[max(a, b)] = min(a, b) }
        }
        var reported = Set<Int>()
        for pair in mismatches {
            let cluster = find(pair.0)
            guard !reported.contains(cluster) else { continue }
            reported.insert(cluster)
            let members = root.keys.filter { find($0) == cluster }.sorted()
            let strongest = mismatches.filter { find($0.0) == cluster }.map(\.2).max() ?? pair.2
            report(members, score: strongest)
        }
    }

    private mutating func report(_ members: [Int], score: Double) {
        // Group the copies by value: each copy joins the first group whose first copy it agrees with.
        var groups: [[Int]] = []
        for m in members {
            if let g = groups.firstIndex(where: { agree(figures[$0[0]], figures[m]) == true }) {
                groups[g].append(m)
            } else {
                groups.append([m])
            }
        }
        guard groups.count >= 2 else { return }
        // "03 chỉ tiêu chưa đạt" in one place and "04/15 chỉ tiêu chủ yếu chưa đạt" in another: when
        // the count of targets has already been checked against the list of targets, that finding
        // says which count is wrong; the same contradiction is not reported twice.
        let texts = Set(members.map { figures[$0].text })
        if members.allSatisfy({ figures[$0].unit == "chỉ tiêu" }),
            findings.contains(where: { $0.kind == .verdictCount && !texts.isDisjoint(with: $0.figures) })
        {
            return
        }
        let a = figures[groups[0][0]]
        let b = figures[groups[1][0]]
        var arithmetic: String
        if let percent = a.value.fractionPercent, b.isPercent {
            arithmetic = "\(a.text) = \(CheckArithmetic.show(percent))%, nơi khác ghi \(b.text)"
        } else if let percent = b.value.fractionPercent, a.isPercent {
            arithmetic = "\(b.text) = \(CheckArithmetic.show(percent))%, nơi khác ghi \(a.text)"
        } else if let x = a.value.single, let y = b.value.single, a.qualifier == nil, b.qualifier == nil {
            let decimals = max(a.decimals, b.decimals)
            arithmetic =
                "\(a.text) ≠ \(b.text) (chênh lệch \(CheckArithmetic.show(abs(x - y), decimals: decimals)))"
        } else {
            arithmetic = "\(a.text) ≠ \(b.text)"
        }
        if a.qualifier != nil || b.qualifier != nil { arithmetic += "; giới hạn “trên/dưới/khoảng” không khớp" }
        let all = members.map { figures[$0] }
        let period = CheckArithmetic.periodLabel(all.compactMap(\.period).first).map { " (\($0))" } ?? ""
        let subject = CheckArithmetic.subjectLabel(all.min { $0.keywords.count < $1.keywords.count }!)
        let statements = groups.map { group -> String in
            let places = group.map { figures[$0].location.vietnameseLabel }
            var unique: [String] = []
            for p in places where !unique.contains(p) { unique.append(p) }
            return "\(figures[group[0]].text) ở \(unique.joined(separator: ", "))"
        }
        let message =
            "“\(subject)”\(period) được ghi \(statements[0]) nhưng \(statements.dropFirst().joined(separator: "; "))."
        var passages: [CheckPassage] = []
        for f in all.prefix(8) {
            let passage = CheckArithmetic.passage(f)
            if !passages.contains(passage) { passages.append(passage) }
        }
        add(
            CheckFinding(
                kind: .restatedFigure, severity: score >= 0.5 ? .nghiemTrong : .canXemLai, passages: passages,
                figures: groups.map { figures[$0[0]].text }, arithmetic: arithmetic, message: message))
    }
}
