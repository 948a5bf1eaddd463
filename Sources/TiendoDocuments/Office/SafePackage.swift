import Foundation
import TiendoCore
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The limits a package read from an untrusted file must stay within: they stop ZIP bombs
/// (parts that inflate far beyond their compressed size) and files too large to be what they say.
public struct PackageLimits: Sendable, Equatable {
    /// The largest file accepted, in bytes.
    public var maxPackageBytes: Int
    /// The largest part once decompressed, in bytes.
    public var maxPartBytes: Int
    /// The most entries a package may list.
    public var maxEntries: Int
    /// The highest decompressed-to-compressed ratio of a part larger than 1 MB (XML compresses
    /// about 10:1; a ZIP bomb a thousand times more).
    public var maxRatio: Int

    /// Creates limits.
    public init(maxPackageBytes: Int, maxPartBytes: Int, maxEntries: Int, maxRatio: Int = 200) {
        self.maxPackageBytes = maxPackageBytes
        self.maxPartBytes = maxPartBytes
        self.maxEntries = maxEntries
        self.maxRatio = maxRatio
    }
}

/// An Office package (.docx, .xlsx) opened from untrusted bytes: every part is decompressed
/// within `PackageLimits`, entry names that climb out of the package are refused, and XML that
/// declares a DOCTYPE or entities (external entities, "billion laughs") is refused before any
/// parser sees it. Messages name the kind of file ("Word", "Excel") the person uploaded.
public struct SafePackage {
    public let archive: Archive
    public let limits: PackageLimits
    /// "Word" or "Excel", as the messages say it.
    public let kind: String
    public let makeError: @Sendable (String) -> any Error

    /// Opens `data`; throws `notAPackage` when it is not a ZIP package.
    public init(
        data: Data, limits: PackageLimits, kind: String, notAPackage: String,
        makeError: @escaping @Sendable (String) -> any Error
    ) throws {
        self.limits = limits
        self.kind = kind
        self.makeError = makeError
        guard data.count <= limits.maxPackageBytes else {
            throw makeError(
                "Tệp \(kind) quá lớn (\(Self.megabytes(data.count)) MB, tối đa \(Self.megabytes(limits.maxPackageBytes)) MB)."
            )
        }
        guard data.count >= 4, data.prefix(2) == Data("PK".utf8), let archive = Self.openFromFile(data) else {
            throw makeError(notAPackage)
        }
        self.archive = archive
        var count = 0
        for entry in archive {
            count += 1
            if count > limits.maxEntries {
                throw makeError(
                    "Tệp \(kind) có quá nhiều thành phần (hơn \(VietnameseNumber.format(limits.maxEntries))); "
                        + "tệp có thể bị hỏng.")
            }
            let path = entry.path
            // No part holds more compressed bytes than the whole file: a larger claim (a ZIP64
            // header may claim up to 2⁶⁴ − 1) is a damaged or crafted file, refused before any
            // size from it is used.
            if entry.compressedSize > UInt64(data.count) {
                throw makeError(
                    "Tệp \(kind) bị hỏng: thành phần “\(path)” khai kích thước lớn hơn cả tệp. "
                        + "Hãy mở tệp bằng chương trình đã tạo ra nó, lưu lại rồi gửi lại.")
            }
            if path.hasPrefix("/") || path.hasPrefix("\\")
                || path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
                    .contains("..")
            {
                throw makeError(
                    "Tệp \(kind) có thành phần mang đường dẫn “\(path)” trỏ ra ngoài tệp; tệp không được chấp nhận vì lý do an toàn."
                )
            }
        }
    }

    /// Opens the bytes through a temporary file rather than ZIPFoundation's in-memory archive:
    /// with offsets that point past the end (a damaged or crafted file, found by fuzzing) the
    /// in-memory reader computes a negative length and traps, taking the whole server down; the
    /// file reader just reads nothing and reports an error. The file is unlinked at once — the
    /// open handle keeps it readable — so nothing stays on disk.
    static func openFromFile(_ data: Data) -> Archive? {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-goi-\(UUID().uuidString)")
        do {
            try data.write(to: url)
        } catch {
            return nil
        }
        defer { try? FileManager.default.removeItem(at: url) }
        return try? Archive(url: url, accessMode: .read)
    }

    /// The decompressed bytes of a part, nil when the package has no such part.
    public func part(_ path: String) throws -> Data? {
        let normalized = path.hasPrefix("/") ? String(path.dropFirst()) : path
        guard let entry = archive[normalized], entry.type == .file else { return nil }
        if entry.uncompressedSize > UInt64(limits.maxPartBytes) { throw tooLarge(normalized) }
        // The size is read from the file (a ZIP64 entry may claim up to 2⁶⁴ − 1): clamped, not
        // converted with `Int(_:)`, which would trap; a claim beyond Int.max only makes the ratio
        // check below lenient, and the byte limit still holds.
        let compressed = max(Int(clamping: entry.compressedSize), 1)
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                if data.count > limits.maxPartBytes { throw Refused.tooLarge }
                if data.count > 1_000_000 && data.count / compressed > limits.maxRatio { throw Refused.ratio }
            }
        } catch Refused.tooLarge {
            throw tooLarge(normalized)
        } catch Refused.ratio {
            throw makeError(
                "Phần “\(normalized)” của tệp \(kind) nén bất thường (giải nén ra gấp hơn "
                    + "\(limits.maxRatio) lần); tệp giống một “bom nén” nên không được chấp nhận.")
        } catch {
            throw makeError(
                "Tệp \(kind) bị hỏng (không giải nén được phần “\(normalized)”); hãy lưu lại tệp rồi thử lại.")
        }
        try checkXML(data, part: normalized)
        return data
    }

    /// Refuses XML that declares a document type or entities: Office files never need them, and
    /// they are how external-entity and entity-expansion attacks work.
    public func checkXML(_ data: Data, part: String) throws {
        for marker in ["<!DOCTYPE", "<!doctype", "<!ENTITY", "<!entity"] where data.range(of: Data(marker.utf8)) != nil
        {
            throw makeError(
                "Phần “\(part)” của tệp \(kind) có khai báo DOCTYPE/ENTITY, không được chấp nhận vì lý do an toàn; "
                    + "hãy mở tệp bằng \(kind) và lưu lại.")
        }
        // UTF-16 parts would hide the markers above from a byte search.
        if data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0xFF, 0xFE]) {
            throw makeError(
                "Tệp \(kind) dùng mã hóa UTF-16, chưa được hỗ trợ; hãy lưu lại tệp bằng \(kind) rồi thử lại.")
        }
        // Foundation's XML parser on Linux traps on an element name that is not valid UTF-8
        // (found by fuzzing): a damaged part must be refused before it reaches the parser.
        if String(bytes: data, encoding: .utf8) == nil {
            throw makeError(
                "Phần “\(part)” của tệp \(kind) bị hỏng (có byte không phải UTF-8); hãy mở tệp bằng \(kind), lưu lại rồi thử lại."
            )
        }
    }

    private enum Refused: Error { case tooLarge, ratio }

    private func tooLarge(_ path: String) -> any Error {
        makeError(
            "Phần “\(path)” của tệp \(kind) quá lớn khi giải nén (tối đa \(Self.megabytes(limits.maxPartBytes)) MB); "
                + "tệp có thể bị hỏng hoặc quá nhiều dòng.")
    }

    public static func megabytes(_ bytes: Int) -> String { VietnameseNumber.format(bytes / 1_000_000) }

    /// A parser that resolves nothing external.
    public static func parser(_ data: Data) -> XMLParser {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        return parser
    }

    /// "footnotes.xml" relative to "word" → "word/footnotes.xml"; "/word/x.xml" stays absolute;
    /// ".." is resolved and may not climb out of the package.
    public static func resolve(_ target: String, relativeTo directory: String) -> String {
        let joined =
            target.hasPrefix("/") ? String(target.dropFirst()) : (directory.isEmpty ? target : directory + "/" + target)
        var parts: [Substring] = []
        for piece in joined.split(separator: "/") {
            if piece == "." { continue }
            if piece == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(piece)
        }
        return parts.joined(separator: "/")
    }
}
