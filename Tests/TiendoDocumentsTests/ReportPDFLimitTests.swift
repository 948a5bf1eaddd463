import Foundation
import TiendoDocuments
import XCTest

/// PDF conversion is bounded: at most N LibreOffice processes, a short queue, a Vietnamese "busy"
/// answer beyond it, and a conversion that hangs is killed. Tested with a script that behaves like
/// `soffice`, so LibreOffice need not be installed.
final class ReportPDFLimitTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pdf-limit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A fake `soffice`: sleeps `seconds` (in a background child when `inChild`, like
    /// soffice.bin), records its pids, then writes a PDF to the --outdir it was given.
    private func fakeSoffice(sleeping seconds: Double, inChild: Bool = false) throws -> String {
        let script = folder.appendingPathComponent("soffice-\(UUID().uuidString).sh")
        let text = """
            #!/bin/sh
            outdir=""
            prev=""
            for arg in "$@"; do
              if [ "$prev" = "--outdir" ]; then outdir="$arg"; fi
              prev="$arg"
            done
            echo $$ >> "\(folder.path)/pids"
            \(inChild ? "sleep \(seconds) &\necho $! >> \"\(folder.path)/pids\"\nwait" : "sleep \(seconds)")
            printf '%%PDF-1.4 fake' > "$outdir/bao-cao.pdf"
            """
        try text.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return script.path
    }

    func testABurstBeyondTheQueueIsRefusedAtOnceWithTheBusyMessage() async throws {
        let soffice = try fakeSoffice(sleeping: 1.5)
        let limiter = WorkLimiter(maxRunning: 1, maxWaiting: 1)
        let document = Data("docx".utf8)

        let first = Task { try await ReportPDF.convert(document, timeout: 30, limiter: limiter, soffice: soffice) }
        let second = Task { try await ReportPDF.convert(document, timeout: 30, limiter: limiter, soffice: soffice) }
        // Wait until one runs and one waits.
        for _ in 0..<100 {
            let load = await limiter.load
            if load.running == 1 && load.waiting == 1 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let started = Date()
        do {
            _ = try await ReportPDF.convert(document, timeout: 30, limiter: limiter, soffice: soffice)
            XCTFail("a third conversion must be refused while one runs and one waits")
        } catch is WorkLimiter.Busy {
            XCTAssertLessThan(Date().timeIntervalSince(started), 1, "the refusal does not wait")
        }
        let pdfs = try await [first.value, second.value]
        XCTAssertEqual(pdfs.map { String(decoding: $0.prefix(5), as: UTF8.self) }, ["%PDF-", "%PDF-"])
        XCTAssertEqual(
            ReportPDF.busyMessage, "Máy chủ đang bận tạo bản PDF khác, vui lòng thử lại sau ít phút.")
    }

    func testNeverMoreThanTheLimitRunAtOnce() async throws {
        let limiter = WorkLimiter(maxRunning: 2, maxWaiting: 10)
        let counter = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await limiter.run {
                        await counter.enter()
                        try await Task.sleep(for: .milliseconds(50))
                        await counter.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        let peak = await counter.peak
        XCTAssertEqual(peak, 2)
        let load = await limiter.load
        XCTAssertEqual(load.running, 0)
        XCTAssertEqual(load.waiting, 0)
    }

    func testAConversionThatHangsIsKilledWithItsChildren() async throws {
        let soffice = try fakeSoffice(sleeping: 60, inChild: true)
        let limiter = WorkLimiter(maxRunning: 1, maxWaiting: 0)
        let started = Date()
        do {
            _ = try await ReportPDF.convert(Data("docx".utf8), timeout: 1, limiter: limiter, soffice: soffice)
            XCTFail("a hanging conversion must time out")
        } catch let timeout as PDFTimeout {
            XCTAssertTrue(timeout.description.hasPrefix("Tạo bản PDF mất quá 1 giây nên đã dừng"), timeout.description)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        // The script and its `sleep` child are gone, and the slot is free again.
        let pids = try String(contentsOf: folder.appendingPathComponent("pids"), encoding: .utf8)
            .split(separator: "\n").compactMap { Int32($0) }
        XCTAssertEqual(pids.count, 2)
        try await Task.sleep(for: .milliseconds(200))
        for pid in pids { XCTAssertFalse(Self.isRunning(pid), "process \(pid) still runs") }
        let load = await limiter.load
        XCTAssertEqual(load.running, 0)
    }

    /// Alive and not a zombie (an orphan's zombie may wait for a PID 1 that does not reap).
    private static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else {
            return kill(pid, 0) == 0
        }
        guard let close = stat.lastIndex(of: ")") else { return true }
        return !stat[close...].hasPrefix(") Z")
    }

    func testTheLimitsComeFromTheEnvironmentAndBadValuesAreListed() throws {
        XCTAssertEqual(try PDFSettings.fromEnvironment([:]), PDFSettings())
        let set = try PDFSettings.fromEnvironment([
            "TIENDO_PDF_CONCURRENCY": "2", "TIENDO_PDF_QUEUE": "0", "TIENDO_PDF_TIMEOUT": "30",
        ])
        XCTAssertEqual([set.maxRunning, set.maxWaiting, Int(set.timeoutSeconds)], [2, 0, 30])
        XCTAssertThrowsError(
            try PDFSettings.fromEnvironment(["TIENDO_PDF_CONCURRENCY": "0", "TIENDO_PDF_TIMEOUT": "x"])
        ) { error in
            XCTAssertEqual(
                String(describing: error),
                """
                Cấu hình tạo PDF không hợp lệ:
                - TIENDO_PDF_CONCURRENCY=“0”: phải là số nguyên từ 1 đến 16
                - TIENDO_PDF_TIMEOUT=“x”: phải là số nguyên từ 5 đến 3600
                """)
        }
    }
}

private actor Counter {
    private var now = 0
    private(set) var peak = 0
    func enter() {
        now += 1
        peak = max(peak, now)
    }
    func leave() { now -= 1 }
}
