import Foundation
import XCTest

/// The arrows of docs/kien-truc.md, read from the sources: web features depend on the ports of
/// Core, and only the composition root (`TiendoWebApp.swift`) knows the concrete store.
final class LayeringTests: XCTestCase {
    private static let webSources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/TiendoWeb")

    /// Every Swift file of TiendoWeb, by path relative to the module, with its text.
    private func webFiles() throws -> [(path: String, text: String)] {
        let base = Self.webSources.standardizedFileURL.path + "/"
        guard let walker = FileManager.default.enumerator(at: Self.webSources, includingPropertiesForKeys: nil)
        else { throw XCTSkip("Không đọc được thư mục mã nguồn \(Self.webSources.path).") }
        var files: [(String, String)] = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            let path = url.standardizedFileURL.path.replacingOccurrences(of: base, with: "")
            files.append((path, try String(contentsOf: url, encoding: .utf8)))
        }
        return files
    }

    func testOnlyTheCompositionRootImportsTheStorageModule() throws {
        let files = try webFiles()
        XCTAssertGreaterThan(files.count, 50, "the walk found the web sources")
        let importing = files.filter { $0.text.contains("import TiendoStorage") }.map(\.path)
        XCTAssertEqual(importing, ["TiendoWebApp.swift"])
    }

    func testNoWebFeatureNamesTheConcreteStore() throws {
        let naming = try webFiles().filter { file in
            file.path != "TiendoWebApp.swift"
                && file.text.range(of: #"\bTiendoStore\b"#, options: .regularExpression) != nil
        }.map(\.path)
        XCTAssertEqual(naming, [])
    }
}
