import ArgumentParser
import Foundation
import TiendoApplication
import TiendoCore
import TiendoDemo
import TiendoDocuments
import TiendoStorage
import TiendoWeb

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Chạy máy chủ web của Tiến độ.")

    @Flag(name: .long, help: "Nạp dữ liệu minh họa (Thành phố Huế) nếu cơ sở dữ liệu còn trống.")
    var demo = false

    @Option(name: .long, help: "Cổng lắng nghe.")
    var port = 8080

    @Option(name: .long, help: "Địa chỉ lắng nghe (0.0.0.0 để mở cho máy khác).")
    var hostname = "127.0.0.1"

    func run() async throws {
        let configuration: WebConfiguration
        do {
            configuration = try WebConfiguration.fromEnvironment()
        } catch let invalid as WebConfiguration.Invalid {
            throw CommandFailure(invalid.description)
        }
        let mail: MailSettings
        do {
            mail = try MailSettings.fromEnvironment()
        } catch let invalid as MailSettings.Invalid {
            throw CommandFailure(invalid.description)
        }
        // ReportPDF falls back to its defaults on a bad value; say so before serving instead.
        do {
            _ = try PDFSettings.fromEnvironment()
        } catch let invalid as PDFSettings.Invalid {
            throw CommandFailure(invalid.description)
        }
        // The pages' templates must be there before anything opens (a binary copied without its
        // resources stops here, saying where it looked, and before it says it runs).
        _ = try ResourceLocation.installed().url(of: "Resources/Views", module: "TiendoWeb")
        let database = try await openDatabase()
        let replica: TiendoDatabase?
        do {
            // The replica is never migrated: it follows the primary, schema included.
            replica = try StorageLocation.replicaFromEnvironment().map { try TiendoDatabase(location: $0) }
        } catch {
            await database.shutdown()
            throw error
        }
        let store = TiendoStore(
            database: database.database, replica: replica?.database,
            imagePath: database.location.readImagePath())
        if demo {
            if try await store.directory().unitIDs.isEmpty {
                say("Đang nạp dữ liệu minh họa Thành phố Huế…")
                let summary = try await DemoData.load(into: store, hashPassword: { try Passwords.hash($0, cost: 12) })
                say(summary)
            } else if try await !store.isDemo() {
                say("Cơ sở dữ liệu đã có dữ liệu thật; không nạp dữ liệu minh họa.")
            }
        }
        say(
            "Tiến độ đang chạy tại http://\(hostname == "0.0.0.0" ? "localhost" : hostname):\(port) (\(database.location)"
                + (replica.map { "; đọc tổng quan và báo cáo từ bản sao \($0.location)" } ?? "") + ")")
        do {
            try await TiendoWebApp.run(
                store: store, configuration: configuration, hostname: hostname, port: port, reminders: mail)
        } catch {
            await replica?.shutdown()
            await database.shutdown()
            throw error
        }
        await replica?.shutdown()
        await database.shutdown()
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Tạo hoặc cập nhật cấu trúc cơ sở dữ liệu.")

    func run() async throws {
        let database = try await openDatabase()
        say("Cơ sở dữ liệu \(database.location) đã được cập nhật.")
        await database.shutdown()
    }
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Nạp dữ liệu minh họa Thành phố Huế (chạy lại nhiều lần không sinh trùng).")

    func run() async throws {
        try await withStore { store in
            let summary = try await DemoData.load(into: store, hashPassword: { try Passwords.hash($0, cost: 12) })
            say(summary)
        }
    }
}
