import ArgumentParser
import Foundation
import TiendoApplication
import TiendoCore
import TiendoStorage
import TiendoWeb

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Tài khoản người dùng.",
        subcommands: [UserAdd.self, UserPasswd.self, UserDisable.self, UserUnlock.self, UserEmail.self])
}

/// Reads a password: from standard input when it is not a terminal (scripts), otherwise asked
/// twice without echo. The rules are checked by `AccountAdministration`, as on the page.
func readNewPassword() throws -> (password: String, again: String?) {
    if isatty(STDIN_FILENO) == 0 { return (readLine(strippingNewline: true) ?? "", nil) }
    guard let first = getpass("Mật khẩu mới: ").map({ String(cString: $0) }),
        let second = getpass("Nhập lại mật khẩu: ").map({ String(cString: $0) })
    else { throw CommandFailure("Không đọc được mật khẩu.") }
    return (first, second)
}

/// The bcrypt cost from the environment (TIENDO_BCRYPT_COST), as the server uses it.
func bcryptCost() throws -> Int {
    do {
        return try WebConfiguration.fromEnvironment().bcryptCost
    } catch let invalid as WebConfiguration.Invalid {
        throw CommandFailure(invalid.description)
    }
}

/// Runs account administration on the store as the command line ("dong-lenh"): the same use
/// case as the page /tai-khoan, its refusals turned into the command's error.
func administerAccounts<T>(_ body: (AccountAdministration) async throws -> T) async throws -> T {
    let hasher = Passwords.hasher(cost: try bcryptCost())
    return try await withStore { store in
        do {
            return try await body(AccountAdministration(store: store, hasher: hasher))
        } catch let refusal as AccountAdministrationError {
            throw CommandFailure(refusal.messages.joined(separator: "\n"))
        }
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

    @Flag(name: .customLong("phai-doi-mat-khau"), help: "Bắt người dùng đổi mật khẩu ở lần đăng nhập đầu.")
    var mustChange = false

    func run() async throws {
        // The username is checked before the password is asked for.
        do { _ = try AccountAdministration.validUsername(username) } catch let refusal as AccountAdministrationError {
            throw CommandFailure(refusal.description)
        }
        let typed = try readNewPassword()
        try await administerAccounts { accounts in
            let (account, unit) = try await accounts.add(
                .init(
                    username: username, displayName: name, role: role, unitCode: unit, password: typed.password,
                    passwordAgain: typed.again, mustChangePassword: mustChange),
                by: .commandLine)
            say("Đã tạo tài khoản “\(account.username)” (\(account.role.vietnameseName), \(unit.fullName)).")
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
        let typed = try readNewPassword()
        try await administerAccounts { accounts in
            let result = try await accounts.setPassword(
                username: username, password: typed.password, again: typed.again, by: .commandLine)
            say(Passwords.changeSummary(username: result.account.username, result.change))
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
        try await administerAccounts { accounts in
            let account = try await accounts.setActive(username: username, enable, by: .commandLine)
            say(
                enable
                    ? "Đã mở khóa tài khoản “\(account.username)”."
                    : "Đã khóa tài khoản “\(account.username)”.")
        }
    }
}

struct UserUnlock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock", abstract: "Gỡ khóa đăng nhập của tài khoản sau nhiều lần nhập sai mật khẩu.")

    @Argument(help: "Tên đăng nhập.")
    var username: String

    func run() async throws {
        try await administerAccounts { accounts in
            let (account, lifted) = try await accounts.unlock(username: username, by: .commandLine)
            say(
                lifted == 0
                    ? "Tài khoản “\(account.username)” không bị khóa đăng nhập; đã xóa các lần nhập sai đã đếm."
                    : "Đã gỡ \(lifted) khóa đăng nhập của tài khoản “\(account.username)”.")
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
