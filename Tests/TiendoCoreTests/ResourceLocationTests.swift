import Foundation
import TiendoCore
import XCTest

/// Where an installation's resources are found, and what the operator reads when they are not.
final class ResourceLocationTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-resources-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func makeViews(in directory: String) throws -> URL {
        let views = root.appendingPathComponent(directory).appendingPathComponent(
            "Tiendo_TiendoWeb.resources/Resources/Views")
        try FileManager.default.createDirectory(at: views, withIntermediateDirectories: true)
        return views
    }

    func testThePackageDirectoryIsUsedWhenNothingIsBesideTheBinary() throws {
        let views = try makeViews(in: "share")
        let location = ResourceLocation(searchDirectories: [
            root.appendingPathComponent("bin").path, root.appendingPathComponent("share").path,
        ])

        let found = try location.url(of: "Resources/Views", module: "TiendoWeb")

        XCTAssertEqual(found.standardizedFileURL.path, views.standardizedFileURL.path)
    }

    func testTheFirstPlaceThatHasTheResourcesWins() throws {
        let beside = try makeViews(in: "bin")
        _ = try makeViews(in: "share")
        let location = ResourceLocation(searchDirectories: [
            root.appendingPathComponent("bin").path, root.appendingPathComponent("share").path,
        ])

        let found = try location.url(of: "Resources/Views", module: "TiendoWeb")

        XCTAssertEqual(found.standardizedFileURL.path, beside.standardizedFileURL.path)
    }

    func testMissingResourcesNameEveryPlaceLookedAt() throws {
        try XCTSkipIf(
            FileManager.default.fileExists(atPath: "/usr/share/tiendo/Tiendo_TiendoWeb.resources/Resources/Views"),
            "the package is installed on this machine")
        let location = ResourceLocation.installed(
            environment: [ResourceLocation.environmentKey: root.appendingPathComponent("cau-hinh").path],
            executableDirectory: root.appendingPathComponent("bin").path)

        XCTAssertThrowsError(try location.url(of: "Resources/Views", module: "TiendoWeb")) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.contains("Không tìm thấy tài nguyên “Resources/Views”"), message)
            XCTAssertTrue(
                message.contains(root.appendingPathComponent("bin/Tiendo_TiendoWeb.resources/Resources/Views").path),
                message)
            XCTAssertTrue(
                message.contains(
                    root.appendingPathComponent("cau-hinh/Tiendo_TiendoWeb.resources/Resources/Views").path), message)
            XCTAssertTrue(message.contains("/usr/share/tiendo/Tiendo_TiendoWeb.resources/Resources/Views"), message)
            XCTAssertTrue(message.contains("TIENDO_RESOURCES"), message)
        }
    }
}
