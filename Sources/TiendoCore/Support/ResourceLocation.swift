import Foundation

/// Finds a module's bundled resources (SwiftPM `resources:`, a folder `Tiendo_<Module>.resources`)
/// without SwiftPM's generated `Bundle.module`, which stops the process with a fatal error when the
/// folder is not beside the executable (a release binary copied alone, or installed from the
/// package with its resources under /usr/share/tiendo). Places looked at, in order: beside the
/// executable (where SwiftPM puts it, and where `Bundle.module` looks first), the folder named by
/// `TIENDO_RESOURCES`, then /usr/share/tiendo (the Debian package).
public struct ResourceLocation: Sendable {
    /// The environment variable naming a folder that holds the `Tiendo_<Module>.resources` folders.
    public static let environmentKey = "TIENDO_RESOURCES"
    /// Where the Debian package installs the resource folders.
    public static let packageDirectory = "/usr/share/tiendo"

    /// The folders searched for the resource folders, in order.
    public let searchDirectories: [String]

    /// Searches `searchDirectories` in order.
    public init(searchDirectories: [String]) {
        self.searchDirectories = searchDirectories
    }

    /// The places of an installation: beside the executable, `TIENDO_RESOURCES`, /usr/share/tiendo.
    public static func installed(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executableDirectory: String? = Bundle.main.bundleURL.path
    ) -> ResourceLocation {
        // `Bundle.main.bundleURL` is the executable's folder on Linux, as in SwiftPM's accessor.
        var directories: [String] = []
        if let executableDirectory { directories.append(executableDirectory) }
        if let configured = environment[environmentKey], !configured.isEmpty { directories.append(configured) }
        directories.append(packageDirectory)
        return ResourceLocation(searchDirectories: directories)
    }

    /// The file or folder `item` (for example "Resources/Views") of module `module`'s resources, from
    /// the first place that has it.
    public func url(of item: String, module: String) throws(ResourceLocationError) -> URL {
        let bundle = "Tiendo_\(module).resources"
        var tried: [String] = []
        for directory in searchDirectories {
            let candidate = URL(fileURLWithPath: directory, isDirectory: true)
                .appendingPathComponent(bundle, isDirectory: true)
                .appendingPathComponent(item)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            tried.append(candidate.path)
        }
        throw ResourceLocationError(item: item, bundle: bundle, tried: tried)
    }
}

/// Resources missing from an installation, with every place looked at.
public struct ResourceLocationError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// The item looked for inside the resource folder ("Resources/Views").
    public let item: String
    /// The resource folder's name ("Tiendo_TiendoWeb.resources").
    public let bundle: String
    /// The full paths looked at, in order.
    public let tried: [String]

    /// The Vietnamese sentence shown to the operator.
    public var description: String {
        "Không tìm thấy tài nguyên “\(item)” của Tiến độ (thư mục \(bundle)). Đã tìm ở: "
            + tried.joined(separator: "; ")
            + ". Hãy chép thư mục \(bundle) cạnh chương trình tiendo, hoặc đặt biến môi trường "
            + "\(ResourceLocation.environmentKey) là thư mục chứa nó, hoặc cài gói tiendo "
            + "(tài nguyên nằm trong \(ResourceLocation.packageDirectory))."
    }

    /// The same sentence, for `localizedDescription`.
    public var errorDescription: String? { description }
}
