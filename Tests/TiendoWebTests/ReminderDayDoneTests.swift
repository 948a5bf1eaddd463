import Foundation
import Logging
import TiendoApplication
import TiendoCore
import TiendoDemo
import TiendoStorage
import TiendoTestSupport
import XCTest

@testable import TiendoWeb

/// The scheduler inside `serve` marks a day done only after its mail went out; a day whose mail
/// failed is tried again in the next window, for the messages still owed.
final class ReminderDayDoneTests: XCTestCase {
    /// 29/11/2026 08:00 in Vietnam (01:00 UTC), after the default reminder hour.
    static let morning = Date(timeIntervalSince1970: 1_795_914_000)

    func testADayIsMarkedDoneOnlyAfterItsMailWentOut() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: { _ in "x" })
            try await store.setEmail(username: "tonghop", "vpthanhuy@hue.gov.vn")
            try await store.setEmail(username: "phongdinh", "phongdinh@hue.gov.vn")
            var settings = MailSettings()
            settings.smtpHost = "127.0.0.1"
            settings.from = "tiendo@hue.gov.vn"
            let relay = FlakyTransport(downFor: ["vpthanhuy@hue.gov.vn"])
            let logger = Logger(label: "test")
            let day = CivilDate.todayInVietnam(now: Self.morning)
            XCTAssertEqual(day, CivilDate(2026, 11, 29))

            let first = await ReminderScheduler.runIfDue(
                store: store, settings: settings, logger: logger, now: Self.morning, transport: relay, retry: .once)
            let doneAfterFailure = try await TaskReminders.isDone(day, store: store)
            let sameWindow = await ReminderScheduler.runIfDue(
                store: store, settings: settings, logger: logger, now: Self.morning.addingTimeInterval(300),
                transport: relay, retry: .once)
            await relay.recover()
            let nextWindow = await ReminderScheduler.runIfDue(
                store: store, settings: settings, logger: logger, now: Self.morning.addingTimeInterval(31 * 60),
                transport: relay, retry: .once)
            let doneAfterRetry = try await TaskReminders.isDone(day, store: store)
            let afterDone = await ReminderScheduler.runIfDue(
                store: store, settings: settings, logger: logger, now: Self.morning.addingTimeInterval(3 * 3600),
                transport: relay, retry: .once)

            XCTAssertEqual(first?.sent, 1, name)
            XCTAssertEqual(first?.isComplete, false, name)
            XCTAssertFalse(doneAfterFailure, "a day whose mail failed is not marked sent")
            XCTAssertNil(sameWindow, "one attempt per window")
            XCTAssertEqual(nextWindow?.sent, 1, name)
            XCTAssertEqual(nextWindow?.alreadySent, 1, name)
            XCTAssertTrue(doneAfterRetry, name)
            XCTAssertNil(afterDone, "a done day is not run again")
            let delivered = await relay.delivered
            XCTAssertEqual(delivered.sorted(), ["phongdinh@hue.gov.vn", "vpthanhuy@hue.gov.vn"], "nobody twice")
        }
    }
}

/// A relay that refuses some addresses for now, until it recovers.
actor FlakyTransport: MailTransport {
    private var down: Set<String>
    private(set) var delivered: [String] = []

    init(downFor addresses: Set<String>) { down = addresses }

    func recover() { down = [] }

    func deliver(_ messages: [MailMessage]) async -> [MailDelivery] {
        messages.map { message in
            if down.contains(message.to) { return .failed("421 tạm ngừng") }
            delivered.append(message.to)
            return .delivered
        }
    }
}
