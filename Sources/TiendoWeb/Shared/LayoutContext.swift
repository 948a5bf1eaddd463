import Foundation
import TiendoCore
import Vapor

/// What every page's layout shows: who is logged in, the navigation, the CSRF token for forms,
/// and the "Dữ liệu minh họa" notice on demo data.
struct LayoutContext: Encodable {
    struct NavLink: Encodable {
        let label: String
        let href: String
        let active: Bool
    }

    struct UserInfo: Encodable {
        let displayName: String
        let roleName: String
    }

    let title: String
    let user: UserInfo?
    let csrf: String
    let isDemo: Bool
    let nav: [NavLink]

    /// The navigation label of "Việc của tôi", without its count.
    static let myWorkLabel = "Việc của tôi"

    /// " (3)": the count of the work MyWorkMiddleware put on the request, or "" when none was read.
    static func workCountText(_ request: Request) -> String {
        MyWorkMiddleware.work(request).map { " (\(VietnameseNumber.format($0.count)))" } ?? ""
    }

    /// The same layout with `marker` in place of the "Việc của tôi" count, for a page kept across
    /// requests: the count is the viewer's at serving time, put in where the marker stands.
    func withWorkCountMarker(_ marker: String) -> LayoutContext {
        LayoutContext(
            title: title, user: user, csrf: csrf, isDemo: isDemo,
            nav: nav.map {
                $0.href == SiteRoute.myWork.href
                    ? NavLink(label: Self.myWorkLabel + marker, href: $0.href, active: $0.active) : $0
            })
    }

    /// The same layout with another CSRF token (a placeholder, for a page kept across sessions).
    func withCSRF(_ token: String) -> LayoutContext {
        LayoutContext(title: title, user: user, csrf: token, isDemo: isDemo, nav: nav)
    }

    /// The layout for a page; `section` marks the active navigation entry.
    static func make(_ request: Request, title: String, section: String, isDemo: Bool) -> LayoutContext {
        let user = request.currentUser
        var nav: [NavLink] = []
        if let account = user?.account {
            nav.append(NavLink(label: "Tổng quan", href: "/", active: section == "tong-quan"))
            nav.append(
                NavLink(
                    label: myWorkLabel + workCountText(request), href: SiteRoute.myWork.href,
                    active: section == "viec-cua-toi"))
            nav.append(
                NavLink(
                    label: "So sánh đơn vị",
                    href: SiteRoute.compare(indicator: nil, unitCode: nil, period: nil, sort: nil).href,
                    active: section == "so-sanh"))
            if account.role.canEnterData || account.role.canReview {
                nav.append(NavLink(label: "Nhập số liệu", href: SiteRoute.entries.href, active: section == "nhap-lieu"))
            }
            nav.append(
                NavLink(
                    label: "Nhiệm vụ", href: SiteRoute.tasks(status: nil, unitCode: nil, day: nil).href,
                    active: section == "nhiem-vu"))
            if account.role.canManage {
                nav.append(
                    NavLink(label: "Nghị quyết", href: SiteRoute.resolutions.href, active: section == "nghi-quyet"))
                nav.append(NavLink(label: "Biểu mẫu", href: SiteRoute.forms.href, active: section == "bieu-mau"))
                nav.append(
                    NavLink(
                        label: "Hồ sơ TTHC", href: SiteRoute.dossierLog.href, active: section == "ho-so-tthc"))
            }
            if account.role.canAdminister {
                nav.append(
                    NavLink(label: "Mã truy cập API", href: SiteRoute.apiTokens.href, active: section == "ma-truy-cap"))
            }
            nav.append(
                NavLink(
                    label: "Báo cáo",
                    href: SiteRoute.report(unitCode: nil, period: nil, resolutionID: nil, kind: nil).href,
                    active: section == "bao-cao"))
            nav.append(
                NavLink(
                    label: "Xếp loại chất lượng", href: SiteRoute.qualityRatings(unitCode: nil, year: nil).href,
                    active: section == "xep-loai"))
            nav.append(NavLink(label: "Kiểm tra số liệu", href: SiteRoute.audit.href, active: section == "kiem-tra"))
            nav.append(
                NavLink(label: "Tìm kiếm", href: SiteRoute.search(query: nil).href, active: section == "tim-kiem"))
        }
        return LayoutContext(
            title: title,
            user: user.map { UserInfo(displayName: $0.account.displayName, roleName: $0.account.role.vietnameseName) },
            csrf: user?.csrfToken ?? request.cookies[SessionMiddleware.anonymousCSRFCookie]?.string ?? "",
            isDemo: isDemo, nav: nav)
    }
}
