import Foundation
import TiendoCore
import Vapor

/// The checks every resolution page makes, in one place: the person may manage resolutions
/// (quản trị, tổng hợp) and the resolution's issuing unit lies in the person's subtree. Also
/// the one way a page writes: the whole resolution in one transaction, with its audit event.
struct ResolutionScope: Sendable {
    let store: any ReferenceData & ResolutionStore

    /// The logged-in person, refused (403) unless the role may manage resolutions.
    func manager(_ request: Request) throws -> CurrentUser {
        let user = try request.requireUser()
        try Access.require(user, \.canManage, "quản lý nghị quyết và chỉ tiêu")
        return user
    }

    /// The resolution named by the `:id` of the path (404 when there is none), refused (403)
    /// when its issuing unit lies outside the person's subtree.
    func resolution(_ request: Request, user: CurrentUser) async throws -> (Resolution, UnitDirectory) {
        let id = request.parameters.get("id") ?? ""
        guard let resolution = try await store.resolutions().first(where: { $0.id == id }) else {
            throw PageError(.notFound, "Không có nghị quyết mã “\(id)”.")
        }
        let directory = try await store.directory()
        guard canManage(resolution, user: user, directory: directory) else {
            let unit = Self.unitName(resolution.issuingUnitID, directory)
            throw PageError(
                .forbidden,
                "Nghị quyết này do \(unit) ban hành, ngoài phạm vi quản lý của tài khoản bạn; bạn không được xem hoặc sửa nghị quyết này."
            )
        }
        return (resolution, directory)
    }

    /// Whether the person may manage `resolution`: its issuing unit lies in their subtree.
    func canManage(_ resolution: Resolution, user: CurrentUser, directory: UnitDirectory) -> Bool {
        user.account.canSee(resolution.issuingUnitID, in: directory, on: .todayInVietnam())
    }

    /// The units the person may issue a resolution for: their own unit and every unit below it
    /// today (every current unit for an account that works everywhere).
    static func issuingUnits(for user: CurrentUser, _ directory: UnitDirectory) -> [UnitVersion] {
        let today = CivilDate.todayInVietnam()
        guard let root = directory.version(of: user.account.unitID, on: today) else {
            let all = VietnameseText.sorted(directory.unitIDs.compactMap { directory.version(of: $0, on: today) }) {
                $0.fullName
            }
            return all.filter(\.kind.isProvinceLevel) + all.filter { !$0.kind.isProvinceLevel }
        }
        var result = [root]
        var level = [root]
        var seen: Set<UnitID> = [root.unitID]
        while !level.isEmpty {
            var next: [UnitVersion] = []
            for unit in level {
                let children = directory.children(of: unit.unitID, on: today).filter { seen.insert($0.unitID).inserted }
                next += VietnameseText.sorted(children) { $0.fullName }
            }
            result += next
            level = next
        }
        return result
    }

    /// A unit's name as pages print it, "Phường Phong Dinh"; the raw id when the unit is unknown.
    static func unitName(_ unit: UnitID, _ directory: UnitDirectory) -> String {
        (directory.version(of: unit, on: .todayInVietnam()) ?? directory.latestVersion(of: unit))?.fullName
            ?? unit.rawValue
    }

    /// Every indicator, by code.
    func indicators() async throws -> [String: Indicator] {
        Dictionary(try await store.indicators().map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Re-reads the resolution inside one transaction, applies `change` to it and saves the
    /// whole resolution with an audit event — so a change never undoes another person's
    /// change saved meanwhile, and nothing is half-written.
    func update(
        _ id: String, user: CurrentUser, action: AuditTrail.EventKind, detail: String,
        change: @escaping @Sendable (inout Resolution) throws -> Void
    ) async throws {
        let event = AuditTrail.Event(action, actor: user.account.username, subject: Self.subject(id), detail: detail)
        guard try await store.updateResolution(id, recording: event, change: change) else {
            throw PageError(.notFound, "Nghị quyết mã “\(id)” vừa bị xóa; chưa có gì được lưu.")
        }
    }

    /// Saves a new resolution with its audit event, in one transaction.
    func create(_ resolution: Resolution, user: CurrentUser) async throws {
        let event = AuditTrail.Event(
            .taoNghiQuyet, actor: user.account.username, subject: Self.subject(resolution.id),
            detail: "\(resolution.symbol) — \(resolution.title)")
        guard try await store.createResolution(resolution, recording: event) else {
            throw PageError(.conflict, "Đã có nghị quyết mã “\(resolution.id)”; chưa có gì được lưu.")
        }
    }

    /// The audit subject of a resolution.
    static func subject(_ id: String) -> String { "nghi-quyet:\(id)" }

    /// A resolution's revisions in the order pages number them: by effective date, then symbol.
    static func orderedRevisions(_ resolution: Resolution) -> [ResolutionRevision] {
        resolution.revisions.sorted { ($0.effectiveFrom, $0.symbol) < ($1.effectiveFrom, $1.symbol) }
    }
}
