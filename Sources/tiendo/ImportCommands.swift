import ArgumentParser
import Foundation
import TiendoApplication
import TiendoCore
import TiendoImport
import TiendoStorage

struct UnitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "units", abstract: "Danh mục đơn vị hành chính.", subcommands: [UnitsImport.self])
}

struct LineageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lineage", abstract: "Quan hệ sáp nhập, chia tách đơn vị.", subcommands: [LineageImport.self])
}

struct ResolutionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolution", abstract: "Nghị quyết và chỉ tiêu.",
        subcommands: [ResolutionImport.self, ResolutionExtractCommand.self])
}

/// `tiendo units import FILE`: the official list in the shape of vn_units_2025.csv.
struct UnitsImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Nhập danh sách đơn vị (dạng vn_units_2025.csv). Chạy lại không sinh trùng; có lỗi thì không ghi gì.")

    @Argument(help: "Tệp CSV danh sách đơn vị.")
    var file: String

    func run() async throws {
        let text = try readTextFile(file)
        let (units, counts) = try await withStore { store in
            try await SetupImporter.importUnits(text: text, fileName: fileLabel(file), into: store)
        }
        say("Đã nhập \(units) đơn vị từ \(fileLabel(file)): \(describe(counts)).")
    }
}

/// `tiendo lineage import FILE`: which old communes each new commune was formed from.
struct LineageImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Nhập quan hệ sáp nhập (dạng vn_lineage_2025.csv): xã cũ có hiệu lực đến 30/06/2025, xã mới từ 01/07/2025.")

    @Argument(help: "Tệp CSV quan hệ sáp nhập.")
    var file: String

    func run() async throws {
        let text = try readTextFile(file)
        let counts = try await withStore { store in
            try await SetupImporter.importLineage(text: text, fileName: fileLabel(file), into: store)
        }
        say("Đã nhập quan hệ sáp nhập từ \(fileLabel(file)): \(describe(counts)).")
    }
}

/// `tiendo resolution import FILE`: a resolution, its indicators, targets and revisions.
struct ResolutionImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Nhập nghị quyết và các chỉ tiêu từ tệp YAML (xem docs/resolution-yaml.md).")

    @Argument(help: "Tệp YAML nghị quyết.")
    var file: String

    func run() async throws {
        let text = try readTextFile(file)
        let resolution = try await withStore { store in
            try await SetupImporter.importResolution(text: text, fileName: fileLabel(file), into: store)
        }
        say(
            "Đã nhập nghị quyết \(resolution.symbol) (mã “\(resolution.id)”) với \(resolution.targets.count) chỉ tiêu.")
    }
}

/// The name an error message uses for a file: as the person typed it.
func fileLabel(_ path: String) -> String { (path as NSString).lastPathComponent }
