import Foundation
import TiendoCore
import Vapor

/// Tìm kiếm across units, indicators and targets, diacritic-insensitive ("phong dinh" finds
/// "Phường Phong Dinh"), within the person's scope.
struct SearchController: Sendable {
    let store: any PageReads

    struct Hit: Encodable {
        let label: String
        let detail: String
        let href: String
    }

    struct Context: Encodable {
        let layout: LayoutContext
        let query: String
        let units: [Hit]
        let indicators: [Hit]
        let targets: [Hit]
        let searched: Bool
    }

    func show(_ request: Request) async throws -> View {
        let user = try request.requireUser()
        let query = VietnameseText.nfc((request.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces))
        let snapshot = try await store.snapshot()
        let today = CivilDate.todayInVietnam()
        var units: [Hit] = []
        var indicators: [Hit] = []
        var targets: [Hit] = []
        if !query.isEmpty {
            let key = VietnameseText.searchKey(query)
            let directory = snapshot.directory
            var seen = Set<UnitID>()
            for id in directory.unitIDs {
                guard let version = directory.latestVersion(of: id), !seen.contains(id),
                    VietnameseText.searchKey(version.fullName + " " + version.code).contains(key),
                    user.account.canSee(id, in: directory, on: today)
                else { continue }
                seen.insert(id)
                let current = version.validTo == nil
                units.append(
                    Hit(
                        label: version.fullName,
                        detail: "mã \(version.code)"
                            + (current ? "" : " · đến \(VietnameseDate.short(version.validTo!)) (đã sáp nhập)"),
                        href: current
                            ? SiteRoute.overview(unitCode: version.code, period: nil, resolutionID: nil).href : ""))
            }
            units.sort { VietnameseText.collationLess($0.label, $1.label) }
            indicators = snapshot.indicators.filter { VietnameseText.matches($0.name + " " + $0.code, query: query) }
                .sorted { VietnameseText.collationLess($0.name, $1.name) }
                .map {
                    Hit(
                        label: $0.name, detail: "mã \($0.code) · \($0.unitOfMeasure)",
                        href: SiteRoute.indicator(code: $0.code, unitCode: nil).href)
                }
            for resolution in snapshot.resolutions
            where user.account.canSee(resolution.issuingUnitID, in: directory, on: today) {
                let issuer = directory.latestVersion(of: resolution.issuingUnitID)
                for target in resolution.targets where VietnameseText.matches(target.wording, query: query) {
                    targets.append(
                        Hit(
                            label: "Chỉ tiêu \(target.number): \(target.wording)",
                            detail: "\(resolution.symbol) · \(issuer?.fullName ?? "")",
                            href: SiteRoute.overview(unitCode: issuer?.code, period: nil, resolutionID: resolution.id)
                                .href))
                }
            }
        }
        let isDemo = try await store.isDemo()
        return try await request.view.render(
            "search/index",
            Context(
                layout: LayoutContext.make(request, title: "Tìm kiếm", section: "tim-kiem", isDemo: isDemo),
                query: query,
                units: Array(units.prefix(50)), indicators: indicators, targets: targets, searched: !query.isEmpty))
    }
}
