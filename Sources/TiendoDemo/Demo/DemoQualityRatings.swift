import Foundation
import TiendoApplication
import TiendoCore
import TiendoStorage

/// The demo's quality ratings: Phường Phong Dinh's list for 2026 (made up, like every demo
/// figure) — 11 tổ chức cơ sở đảng and 96 đảng viên in 8 chi bộ khu vực, with one chi bộ and the
/// organisations over the 20% cap so the page shows its warnings.
enum DemoQualityRatings {
    static let wardCode = "19831"
    static let year = 2026

    /// Replaces the ward's 2026 list (idempotent) and records its figures.
    static func load(into store: TiendoStore) async throws {
        let directory = try await store.directory()
        guard let ward = directory.unit(code: wardCode, on: CivilDate(year, 12, 31)) else { return }
        try await store.replaceQualityRatings(
            [QualityRatingList(unitID: ward.unitID, year: year, ratings: ratings(ward: ward.unitID))],
            author: "Dữ liệu minh họa", at: Date(timeIntervalSince1970: 1_798_761_600))
    }

    static func ratings(ward: UnitID) -> [QualityRating] {
        var list: [QualityRating] = []
        let committee = "Đảng bộ phường Phong Dinh"
        var organisations: [(String, QualityLevel)] = []
        for i in 1...8 {
            let level: QualityLevel = i == 2 || i == 6 ? .htxsnv : (i == 7 ? .htnv : .httnv)
            organisations.append(("Chi bộ Khu vực \(i)", level))
        }
        organisations.append(("Chi bộ Công an phường", .httnv))
        organisations.append(("Chi bộ Quân sự phường", .httnv))
        organisations.append(("Chi bộ Trường Tiểu học Phong Dinh", .htnv))
        for (name, level) in organisations {
            list.append(
                QualityRating(
                    year: year, unitID: ward, kind: .toChucCoSoDang, group: committee, subject: name, level: level))
        }
        let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
        let middles = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Quang"]
        let givens = [
            "An", "Bình", "Cường", "Dung", "Giang", "Hải", "Khánh", "Long", "Mai", "Nam", "Oanh", "Phúc", "Quỳnh",
            "Sơn",
            "Tâm", "Uyên", "Vinh", "Xuân", "Yến", "Thảo",
        ]
        var seen = Set<String>()
        var n = 0
        for area in 1...8 {
            let group = "Chi bộ Khu vực \(area)"
            // 12 members each: 1 excellent, 9 good, 2 completed — except Khu vực 3 (3 excellent,
            // 8 good: over the cap) and one member of Khu vực 5 who did not complete.
            var levels: [QualityLevel] = [.htxsnv] + Array(repeating: .httnv, count: 9) + [.htnv, .htnv]
            if area == 3 { levels = Array(repeating: .htxsnv, count: 3) + Array(repeating: .httnv, count: 8) + [.htnv] }
            if area == 5 { levels[11] = .khtnv }
            for level in levels {
                let base =
                    "\(families[n % families.count]) \(middles[(n / 3) % middles.count]) \(givens[(n * 7) % givens.count])"
                var name = base
                var born = 1960 + n % 40
                while !seen.insert(QualityRating.subjectKey(name)).inserted {
                    name = "\(base) (\(born))"
                    born += 1
                }
                list.append(
                    QualityRating(year: year, unitID: ward, kind: .dangVien, group: group, subject: name, level: level))
                n += 1
            }
        }
        return list
    }
}
