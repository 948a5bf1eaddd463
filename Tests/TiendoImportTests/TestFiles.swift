import Foundation
import XCTest

/// Where the tests find the files they read: the repository (relative to this file) and the
/// shared reference data.
enum TestFiles {
    /// The repository root: two folders above `Tests/TiendoImportTests/`.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The example resolution the demo loads.
    static var exampleResolution: URL {
        repositoryRoot.appendingPathComponent("docs/examples/nghi-quyet-hue-2025-2030.yaml")
    }

    /// The reference data folder (`vn_units_2025.csv`, `vn_lineage_2025.csv`): `TIENDO_DATA_DIR`
    /// when set, else the shared folder next to the repository.
    static func referenceData(_ name: String) throws -> String {
        var candidates: [URL] = []
        if let dir = ProcessInfo.processInfo.environment["TIENDO_DATA_DIR"] {
            candidates.append(URL(fileURLWithPath: dir))
        }
        candidates.append(repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data"))
        candidates.append(URL(fileURLWithPath: "/work/shared/data"))
        for dir in candidates {
            let url = dir.appendingPathComponent(name)
            if let text = try? String(contentsOf: url, encoding: .utf8) { return text }
        }
        throw XCTSkip("không tìm thấy tệp dữ liệu tham chiếu \(name); đặt TIENDO_DATA_DIR")
    }
}
