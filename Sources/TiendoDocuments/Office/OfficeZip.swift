import Foundation
import ZIPFoundation

/// Why an Office package could not be written or read, in Vietnamese.
public struct OfficeFileError: Error, CustomStringConvertible, Sendable {
    /// The message to show.
    public let description: String

    /// Creates an error with a Vietnamese message.
    public init(_ description: String) { self.description = description }
}

/// The ZIP container of .docx and .xlsx files (Open Packaging Conventions), written and read in
/// memory with ZIPFoundation.
public enum OfficeZip {
    /// A package of `parts` (path inside the package, content), in the given order; XML parts
    /// are deflated. `[Content_Types].xml` should come first, as Office writes it.
    public static func write(_ parts: [(path: String, data: Data)], modified: Date = Date()) throws -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for part in parts {
                let data = part.data
                try archive.addEntry(
                    with: part.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: modified,
                    compressionMethod: .deflate,
                    provider: { position, size in
                        data.subdata(in: Data.Index(position)..<Data.Index(position) + size)
                    })
            }
            guard let result = archive.data else { throw OfficeFileError("Không tạo được tệp nén của tài liệu.") }
            return result
        } catch let error as OfficeFileError {
            throw error
        } catch {
            throw OfficeFileError("Không tạo được tệp nén của tài liệu: \(error).")
        }
    }

    /// Every part of a package by its path (no limits: for packages Tiendo wrote itself; an
    /// uploaded file goes through `SafePackage`).
    public static func read(_ data: Data) throws -> [String: Data] {
        guard let archive = SafePackage.openFromFile(data) else {
            throw OfficeFileError("Tệp không phải tài liệu Office hợp lệ (không đọc được tệp nén).")
        }
        var parts: [String: Data] = [:]
        for entry in archive where entry.type == .file {
            var content = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { content.append($0) }
            } catch {
                throw OfficeFileError("Phần “\(entry.path)” của tài liệu bị hỏng.")
            }
            parts[entry.path] = content
        }
        return parts
    }
}

/// Text made safe for XML content and attribute values.
enum XML {
    /// Escapes the five XML specials and drops characters XML 1.0 forbids (control characters
    /// other than tab, line feed and carriage return), so officer-typed text never breaks a part.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The XML declaration every part starts with.
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
}
