import Foundation
import TiendoCore
import Vapor

/// Attached files (a directive's text, evidence of progress): which kinds are accepted and how
/// they are sent back. Files are always downloaded, never shown inline, so an uploaded page
/// cannot run in Tiendo's origin.
enum FollowUpFiles {
    static let acceptedExtensions = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "jpg", "jpeg", "png", "zip"]
    static let acceptAttribute = acceptedExtensions.map { "." + $0 }.joined(separator: ",")

    /// The file's name and bytes, nil when none was chosen; a refused file throws a message.
    static func read(_ file: File?) throws -> (name: String, data: Data)? {
        guard let file, file.data.readableBytes > 0 else { return nil }
        let name = safeName(file.filename)
        let ext = (name as NSString).pathExtension.lowercased()
        guard acceptedExtensions.contains(ext) else {
            throw FileRefusal(
                "Tệp “\(name)” không được nhận; hãy gửi tệp "
                    + acceptedExtensions.map { "." + $0 }.joined(separator: ", ") + " (tối đa 20 MB).")
        }
        return (name, Data(buffer: file.data))
    }

    /// The last path component, without control characters or quotes.
    static func safeName(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = VietnameseText.nfc(last).filter {
            !$0.isNewline && $0 != "\"" && !($0.asciiValue.map { $0 < 32 } ?? false)
        }
        return cleaned.isEmpty ? "tep-dinh-kem" : String(cleaned.prefix(150))
    }

    static func download(_ file: (name: String, data: Data)) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .binary
        headers.contentDisposition = .init(.attachment, filename: file.name)
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: file.data))
    }
}

/// A file refused, with the reason to show next to the file field.
struct FileRefusal: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
