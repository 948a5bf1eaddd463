import Foundation
import TiendoChecker
import TiendoCore
import TiendoDocuments
import TiendoImport
import TiendoTestSupport
import XCTest

/// Property-based fuzzing of every reader that takes a person's file: the XLSX and DOCX readers,
/// the CSV readers (figures and dossier logs), the YAML reader and the number parser are fed
/// seeded mutations of real files for a fixed time. The property is "a clean refusal or a
/// result, never a crash or a hang": a trap would end the test process, so the run itself is
/// the check. The seeds are kept in
/// Tests/Fixtures/fuzz (and Tests/Fixtures/audit/docx). The input being run is kept in the
/// temporary folder as `tiendo-fuzz-dang-chay-<reader>`; after a crash, copy it into
/// Tests/Fixtures/fuzz as `crash-…` with a regression test, as was done for
/// `crash-docx-xml-utf8.docx` (HostileFileTests).
///
/// `TIENDO_FUZZ_SECONDS` sets the time per reader (default 3; CI sets more).
final class HostileInputFuzzTests: XCTestCase {
    static let seconds = Double(ProcessInfo.processInfo.environment["TIENDO_FUZZ_SECONDS"] ?? "") ?? 3
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    func testTheWorkbookReaderRefusesOrReadsEveryMutation() throws {
        let seed = try Data(contentsOf: Self.fixtures.appendingPathComponent("fuzz/mau-nhap.xlsx"))
        let executions = try fuzzPackage(seed, name: "xlsx") { data in
            _ = try? XlsxReader.read(data: data)
            _ = try? EntryTemplate.read(data: data)
        }
        print("xlsx: \(executions) lần chạy")
        XCTAssertGreaterThan(executions, 10)
    }

    func testTheWordReaderRefusesOrReadsEveryMutation() throws {
        let seed = try Data(
            contentsOf: Self.fixtures.appendingPathComponent("audit/docx/bao-cao-xa-phong-son-2025-libreoffice.docx"))
        let executions = try fuzzPackage(seed, name: "docx") { data in
            _ = try? DocxTextReader.read(data: data)
        }
        print("docx: \(executions) lần chạy")
        XCTAssertGreaterThan(executions, 10)
    }

    func testTheCSVReaderRefusesOrReadsEveryMutation() throws {
        let seed = try String(contentsOf: Self.fixtures.appendingPathComponent("fuzz/so-lieu.csv"), encoding: .utf8)
        let executions = fuzzText(seed, name: "csv") { text in
            _ = try? CSVTable.read(
                text, fileName: "x.csv", requiredColumns: ["ma_don_vi", "ma_chi_tieu", "ky", "gia_tri"],
                separator: CSVReader.detectSeparator(text))
        }
        print("csv: \(executions) lần chạy")
        XCTAssertGreaterThan(executions, 100)
    }

    func testTheQualityRatingReaderRefusesOrReadsEveryMutation() throws {
        let seed = try String(contentsOf: Self.fixtures.appendingPathComponent("fuzz/xep-loai.csv"), encoding: .utf8)
        let executions = fuzzText(seed, name: "xep-loai") { text in
            _ = try? QualityRatingFile.parse(text: text, fileName: "x.csv")
            _ = try? QualityRatingFile.parseLines(
                text, boxName: "x", year: 2027, unitCode: "19831", kind: .dangVien)
        }
        print("xep-loai: \(executions) lần chạy")
        XCTAssertGreaterThan(executions, 100)
    }

    func testTheDossierLogReaderRefusesOrReadsEveryMutation() throws {
        let seed = try String(contentsOf: Self.fixtures.appendingPathComponent("fuzz/ho-so.csv"), encoding: .utf8)
        let executions = fuzzText(seed, name: "ho-so") { text in
            _ = try? DossierLogFile.parse(text: text, fileName: "ho-so.csv")
        }
        print("ho-so: \(executions) lần chạy")
        XCTAssertGreaterThan(executions, 100)
    }

    func testTheResolutionReaderRefusesOrReadsEveryMutation() throws {
        let seed = try String(contentsOf: Self.fixtures.appendingPathComponent("fuzz/nghi-quyet.yaml"), encoding: .utf8)
        let executions = fuzzText(seed, name: "yaml") { text in
            _ = try? ResolutionFile.parse(text: text, fileName: "x.yaml")
        }
        print("yaml: \(executions) lần chạy")
        XCTAssertGreaterThan(executions, 10)
    }

    func testTheNumberParserRefusesOrReadsAnyText() {
        var random = SeededRandom(seed: 7)
        let alphabet = Array(
            "0123456789.,-+ %‰eE\u{00A0}\u{2009}\u{202F}\u{0663}\u{FF11}aăbđ tỷtriệunghìn\u{0301}\u{FEFF}")
        let deadline = Date().addingTimeInterval(Self.seconds)
        var executions = 0
        while Date() < deadline {
            for _ in 0..<500 {
                let length = random.next(upTo: 30)
                let text = String((0..<length).map { _ in alphabet[random.next(upTo: alphabet.count)] })
                if case .success(let parsed) = VietnameseNumber.parse(text) {
                    XCTAssertTrue(parsed.value.isFinite, "“\(text)” read as \(parsed.value)")
                }
                executions += 1
            }
        }
        print("số: \(executions) lần chạy")
        XCTAssertGreaterThan(executions, 1000)
    }

    // MARK: - Mutations

    /// Mutates a package both as raw bytes (a damaged download) and part by part (damaged XML
    /// inside a valid ZIP, which reaches the XML parsers).
    private func fuzzPackage(_ seed: Data, name: String, _ body: (Data) -> Void) throws -> Int {
        var random = SeededRandom(seed: UInt64(seed.count))
        let parts = try OfficeZip.read(seed)
        let names = parts.keys.sorted()
        let deadline = Date().addingTimeInterval(Self.seconds)
        var executions = 0
        while Date() < deadline {
            let input: Data
            if random.next(upTo: 2) == 0 {
                input = mutate(seed, &random)
            } else {
                var mutated = parts
                let target = names[random.next(upTo: names.count)]
                mutated[target] = mutate(parts[target] ?? Data(), &random)
                input = try OfficeZip.write(names.map { ($0, mutated[$0]!) })
            }
            keepIfFatal(input, name: name, number: executions)
            body(input)
            executions += 1
        }
        forgetLast(name: name)
        return executions
    }

    private func fuzzText(_ seed: String, name: String, _ body: (String) -> Void) -> Int {
        var random = SeededRandom(seed: UInt64(seed.utf8.count))
        let bytes = Data(seed.utf8)
        let deadline = Date().addingTimeInterval(Self.seconds)
        var executions = 0
        while Date() < deadline {
            let text = String(decoding: mutate(bytes, &random), as: UTF8.self)
            keepIfFatal(Data(text.utf8), name: name, number: executions)
            body(text)
            executions += 1
        }
        forgetLast(name: name)
        return executions
    }

    /// One to four edits: flip bytes, cut, duplicate a stretch, insert bytes that parsers find
    /// interesting (quotes, separators, angle brackets, entity starts, huge numbers).
    private func mutate(_ data: Data, _ random: inout SeededRandom) -> Data {
        var bytes = [UInt8](data)
        let interesting: [[UInt8]] = [
            Array("\"".utf8), Array(";".utf8), Array(",".utf8), Array("\n".utf8), Array("<".utf8), Array(">".utf8),
            Array("&".utf8), Array("&#x0;".utf8), Array("99999999999999999999999".utf8), Array("-".utf8),
            Array("]]>".utf8), Array(": ".utf8), Array("- ".utf8), Array("\u{FEFF}".utf8), [0xFF], [0xC3], [0],
        ]
        for _ in 0...random.next(upTo: 4) {
            guard !bytes.isEmpty else {
                bytes = interesting[random.next(upTo: interesting.count)]
                continue
            }
            let at = random.next(upTo: bytes.count)
            switch random.next(upTo: 5) {
            case 0: bytes[at] ^= UInt8(1 << random.next(upTo: 8))
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.next(upTo: 64)))
            case 2:
                let end = min(bytes.count, at + 1 + random.next(upTo: 256))
                bytes.insert(contentsOf: bytes[at..<end], at: random.next(upTo: bytes.count))
            case 3: bytes.insert(contentsOf: interesting[random.next(upTo: interesting.count)], at: at)
            default: bytes = Array(bytes.prefix(at))
            }
        }
        return Data(bytes)
    }

    /// The input about to run, kept on disk until it has run: if it crashes the process, the file
    /// stays and names the reader.
    private func keepIfFatal(_ input: Data, name: String, number: Int) {
        try? input.write(to: Self.pending(name))
    }

    private func forgetLast(name: String) {
        try? FileManager.default.removeItem(at: Self.pending(name))
    }

    private static func pending(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-fuzz-dang-chay-\(name)")
    }
}
