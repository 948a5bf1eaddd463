import ArgumentParser
import Foundation
import TiendoCore
import TiendoStorage
import TiendoWeb

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Mã truy cập API (/api/v1): cấp, liệt kê, thu hồi. Mã có cùng vai trò và phạm vi với tài khoản.",
        subcommands: [TokenIssue.self, TokenList.self, TokenRevoke.self])
}

struct TokenIssue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue", abstract: "Cấp mã truy cập cho một tài khoản; mã chỉ hiện một lần.")

    @Option(name: .long, help: "Tên đăng nhập của tài khoản mà mã đại diện.")
    var user: String

    @Option(name: .long, help: "Tên của mã: dùng vào việc gì, ai giữ (để sau này biết mà thu hồi).")
    var name: String

    func run() async throws {
        try await withStore { store in
            let issued: (token: StoredAPIToken, secret: String)
            do {
                issued = try await APITokens.issue(username: user, name: name, store: store)
            } catch let error as StorageError {
                throw CommandFailure(error.description)
            }
            try await store.recordEvent(
                actor: "dong-lenh", action: .capMaAPI, subject: "tai-khoan:\(issued.token.account.username)",
                detail: "\(issued.token.name) (\(issued.token.id.uuidString.lowercased()))")
            say(
                "Đã cấp mã truy cập “\(issued.token.name)” cho tài khoản “\(issued.token.account.username)” "
                    + "(\(issued.token.account.role.vietnameseName)), số \(issued.token.id.uuidString.lowercased()).")
            say("Mã truy cập (chỉ hiện một lần, hãy lưu ở nơi an toàn):")
            say(issued.secret)
        }
    }
}

struct TokenList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Liệt kê các mã truy cập (không hiện mã, chỉ hiện số, tên và trạng thái).")

    func run() async throws {
        try await withStore { store in
            let tokens = try await store.apiTokens()
            if tokens.isEmpty {
                say("Chưa có mã truy cập nào.")
                return
            }
            for token in tokens {
                let state: String
                if let revoked = token.revokedAt {
                    state = "đã thu hồi \(Self.time(revoked))"
                } else {
                    state = token.lastUsedAt.map { "dùng lần cuối \(Self.time($0))" } ?? "chưa dùng"
                }
                say(
                    "\(token.id.uuidString.lowercased())  \(token.account.username)  “\(token.name)”  "
                        + "cấp \(Self.time(token.createdAt)), \(state)")
            }
        }
    }

    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "vi_VN")
        formatter.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        formatter.dateFormat = "dd/MM/yyyy HH:mm"
        return formatter.string(from: date)
    }
}

struct TokenRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Thu hồi một mã truy cập; từ đó mã bị từ chối (401).")

    @Argument(help: "Số của mã (cột đầu của “tiendo token list”).")
    var id: String

    func run() async throws {
        guard let uuid = UUID(uuidString: id) else {
            throw CommandFailure("Số mã “\(id)” không hợp lệ; hãy chép đúng cột đầu của “tiendo token list”.")
        }
        try await withStore { store in
            let revoked: StoredAPIToken
            do {
                revoked = try await store.revokeAPIToken(id: uuid)
            } catch let error as StorageError {
                throw CommandFailure(error.description)
            }
            try await store.recordEvent(
                actor: "dong-lenh", action: .thuHoiMaAPI, subject: "tai-khoan:\(revoked.account.username)",
                detail: "\(revoked.name) (\(uuid.uuidString.lowercased()))")
            say("Đã thu hồi mã truy cập “\(revoked.name)” của tài khoản “\(revoked.account.username)”.")
        }
    }
}
