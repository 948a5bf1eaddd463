import Foundation
import TiendoCore
import Vapor

/// Registers the resolution-management pages (Nghị quyết). Owned by the resolutions feature.
enum ResolutionRoutes {
    static func register(_ app: Application, store: any PageReads & ResolutionStore) {
        let list = ResolutionListController(store: store)
        app.get(SiteRoute.resolutions.pattern, use: list.show)
        app.post(SiteRoute.resolutions.pattern, use: list.create)

        let resolution = ResolutionController(store: store)
        let resolutionRoute = SiteRoute.resolution(id: "")
        app.get(resolutionRoute.pattern, use: resolution.show)
        app.post(resolutionRoute.pattern, use: resolution.save)

        let target = TargetController(store: store)
        let targetRoute = SiteRoute.resolutionTarget(id: "", number: "")
        app.get(targetRoute.pattern, use: target.show)
        app.post(targetRoute.pattern, use: target.save)

        let revision = RevisionController(store: store)
        let revisionRoute = SiteRoute.resolutionRevision(id: "", index: "")
        app.get(revisionRoute.pattern, use: revision.show)
        app.post(revisionRoute.pattern, use: revision.save)
    }
}
