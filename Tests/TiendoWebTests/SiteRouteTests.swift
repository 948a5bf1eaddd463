import XCTest

@testable import TiendoWeb

/// Each route's path is written once, in its pattern: a link built from a route fills the same
/// components the router registered, so a link and its route can never disagree.
final class SiteRouteTests: XCTestCase {
    func testEveryLinkFillsItsOwnPattern() {
        let routes: [SiteRoute] = [
            .overview(unitCode: "46", period: "2027", resolutionID: nil),
            .compare(
                indicator: "A", unitCode: nil, period: nil, sort: nil),
            .indicator(code: "THU_NS", unitCode: "46"), .entries, .entry(form: "F", unitCode: "19831", period: "2027"),
            .entryTemplate(form: "F", unitCode: "19831", period: "2027"),
            .entryUpload(form: "F", unitCode: "19831", period: "2027"),
            .review(form: "F", unitCode: "19831", period: "2027-Q3"), .submissionStatus(form: "F", period: "2027"),
            .forms, .form(code: "F"), .search(query: "x"), .resolutions, .resolution(id: "r1"),
            .resolutionTarget(id: "r1", number: "moi"), .resolutionRevision(id: "r1", index: "2"),
            .report(unitCode: nil, period: nil, resolutionID: nil, kind: nil),
            .reportFile(format: "word", unitCode: nil, period: nil, resolutionID: nil, kind: nil), .audit,
            .qualityRatings(unitCode: nil, year: nil), .qualityRatingsUpload, .dossierLog, .apiTokens,
            .apiTokenRevoke(id: "t1"), .accounts, .accountAction(username: "a.b"), .ownPassword, .myWork,
            .tasks(status: nil, unitCode: nil, day: nil), .task(id: "n1"),
            .taskCompletion(id: "n1"), .taskReportFile(id: "n1", reportID: "b2"), .directives, .directive(id: "d1"),
            .directiveFile(id: "d1"), .explanations, .explanationNew(indicator: "SO_HO_NGHEO", unitCode: "19831"),
            .explanation(id: "g1"), .explanationFile(id: "g1"), .login, .logout, .setup, .stylesheet, .health, .metrics,
        ]
        for route in routes {
            let filled = route.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            XCTAssertEqual(filled.count, route.pattern.count, route.path)
            for (component, part) in zip(route.pattern, filled) {
                if case .parameter = component {
                    XCTAssertFalse(part.isEmpty, route.path)
                } else {
                    XCTAssertEqual(component.description, part, route.path)
                }
            }
        }
        XCTAssertEqual(SiteRoute.overview(unitCode: nil, period: nil, resolutionID: nil).path, "/")
        XCTAssertEqual(
            SiteRoute.taskReportFile(id: "n1", reportID: "b2").path, "/nhiem-vu/n1/minh-chung/b2")
        XCTAssertEqual(
            SiteRoute.explanationNew(indicator: "SO_HO_NGHEO", unitCode: "19831").href,
            "/giai-trinh/moi?chi-so=SO_HO_NGHEO&don-vi=19831")
        XCTAssertEqual(SiteRoute.explanationFile(id: "g1").path, "/giai-trinh/g1/tep")
    }

    func testAParameterHoldingASlashStaysOneComponent() {
        XCTAssertEqual(
            SiteRoute.entry(form: "CHI/TIEU", unitCode: "19 831", period: "2027?x").path,
            "/nhap-lieu/CHI%2FTIEU/19%20831/2027%3Fx")
        XCTAssertEqual(SiteRoute.resolution(id: "01-NQ/ĐH").path, "/nghi-quyet/01-NQ%2F%C4%90H")
    }
}
