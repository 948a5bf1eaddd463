import ArgumentParser
import Foundation
import TiendoApplication
import TiendoCore
import TiendoStorage
import TiendoWeb

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Tài khoản người dùng.",
        subcommands: [UserAdd.self, UserPasswd.self, UserDisable.self, UserEmail.self])
}

/// Reads a password: from standard input when it is not a terminal (scripts), otherwise asked
/// twice without echo.
func readNewPassword(username: String) throws -> String {
    let password: String
    if isatty(STDIN_FILENO) == 0 {
        password = readLine(strippingNewline: true) ?? ""
    } else {
        guard let first = getpass("Mật khẩu mới: ").map({ String(cString: $0) }),
            let second = getpass("Nhập lại mật khẩu: ").map({ String(cString: $0) })
        else { throw CommandFailure("Không đọc được mật khẩu.") }
        guard PasswordPolicy.normalized(first) == PasswordPolicy.normalized(second) else {
            throw CommandFailure("Hai lần nhập mật khẩu không giống nhau.")
        }
        password = first
    }
    if let problem = PasswordPolicy.problem(with: password, username: username) { throw CommandFailure(problem) }
    return password
}

/// The bcrypt cost from the environment (TIENDO_BCRYPT_COST), as the server uses it.
func bcryptCost() throws -> Int {
    do {
        return try WebConfiguration.fromEnvironment().bcryptCost
    } catch let invalid as WebConfiguration.Invalid {
        throw CommandFailure(invalid.description)
    }
}

struct UserAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Tạo tài khoản. Mật khẩu được hỏi (hoặc đọc từ đầu vào chuẩn khi chạy trong kịch bản).")

    @Argument(help: "Tên đăng nhập (chữ không dấu, số, . _ -).")
    var username: String

    @Option(name: .long, help: "Vai trò: quan-tri, tong-hop, bao-cao hoặc xem.")
    var role: String

    @Option(name: .long, help: "Mã đơn vị của tài khoản (phạm vi làm việc là đơn vị này và các đơn vị trực thuộc).")
    var unit: String

    @Option(name: .long, help: "Họ và tên hiển thị.")
    var name: String

    func run() async throws {
        let login = username.lowercased()
        guard !login.isEmpty, login.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        else {
            throw CommandFailure("Tên đăng nhập “\(username)” không hợp lệ; chỉ dùng chữ không dấu, số và dấu . _ -")
        }
        guard let role = Role(typed: role) else {
            throw CommandFailure("Vai trò “\(role)” không hợp lệ; hãy dùng quan-tri, tong-hop, bao-cao hoặc xem.")
        }
        let password = try readNewPassword(username: login)
        let hash = try Passwords.hash(password, cost: try bcryptCost())
        try await withStore { store in
            let directory = try await store.directory()
            guard let version = directory.unit(code: unit, on: CivilDate.todayInVietnam()) else {
                throw CommandFailure("Không có đơn vị đang hoạt động mang mã “\(unit)”.")
            }
            let account = Account(username: login, displayName: name, role: role, unitID: version.unitID)
            try await store.createAccount(account, passwordHash: hash)
            try await store.recordEvent(
                actor: "dong-lenh", action: .taoTaiKhoan, subject: "tai-khoan:\(login)", detail: role.rawValue)
            say("Đã tạo tài khoản “\(login)” (\(role.vietnameseName), \(version.fullName)).")
        }
    }
}

struct UserPasswd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Đặt mật khẩu mới cho tài khoản (các phiên đăng nhập cũ bị hủy, các mã truy cập API bị thu hồi).")

    @Argument(help: "Tên đăng nhập.")
    var username: String

    func run() async throws {
        let password = try readNewPassword(username: username.lowercased())
        let hash = try Passwords.hash(password, cost: try bcryptCost())
        try await withStore { store in
            let change = try await store.setPasswordHash(username: username, hash)
            try await store.recordEvent(
                actor: "dong-lenh", action: .doiMatKhau, subject: "tai-khoan:\(username.lowercased())",
                detail: "hủy \(change.endedSessions) phiên, thu hồi \(change.revokedTokens) mã truy cập API")
            say(Passwords.changeSummary(username: username.lowercased(), change))
        }
    }
}

struct UserDisable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Khóa tài khoản (không đăng nhập được nữa; các phiên đang mở bị hủy).")

    @Argument(help: "Tên đăng nhập.")
    var username: String

    @Flag(name: .long, help: "Mở khóa lại thay vì khóa.")
    var enable = false

    func run() async throws {
        try await withStore { store in
            try await store.setActive(username: username, enable)
            try await store.recordEvent(
                actor: "dong-lenh", action: enable ? .moKhoaTaiKhoan : .khoaTaiKhoan,
                subject: "tai-khoan:\(username.lowercased())")
            say(
                enable
                    ? "Đã mở khóa tài khoản “\(username.lowercased())”."
                    : "Đã khóa tài khoản “\(username.lowercased())”.")
        }
    }
}

struct UserEmail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "email", abstract: "Đặt địa chỉ thư nhận bản tin nhắc việc của tài khoản (hoặc --xoa để bỏ).")

    @Argument(help: "Tên đăng nhập.")
    var username: String

    @Argument(help: "Địa chỉ thư, ví dụ phongdinh@hue.gov.vn.")
    var address: String?

    @Flag(name: .customLong("xoa"), help: "Bỏ địa chỉ thư của tài khoản.")
    var remove = false

    func run() async throws {
        let email: String?
        if remove {
            email = nil
        } else {
            guard let address, MailSettings.isAddress(address) else {
                throw CommandFailure(
                    "Địa chỉ thư “\(address ?? "")” không hợp lệ; hãy viết dạng ten@coquan.gov.vn (hoặc dùng --xoa).")
            }
            email = address
        }
        try await withStore { store in
            try await store.setEmail(username: username, email)
            try await store.recordEvent(
                actor: "dong-lenh", action: .datDiaChiThu, subject: "tai-khoan:\(username.lowercased())")
            say(
                email.map { "Bản tin nhắc việc của “\(username.lowercased())” sẽ gửi tới \($0)." }
                    ?? "Đã bỏ địa chỉ thư của “\(username.lowercased())”.")
        }
    }
}
