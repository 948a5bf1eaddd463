import Foundation
import TiendoApplication
import TiendoCore
import TiendoDemo
import TiendoDocuments
import TiendoStorage
import TiendoTestSupport
import XCTest

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The Huế demo loaded once for all report tests (loading it takes most of a second).
actor ReportTestWorld {
    static let shared = ReportTestWorld()

    private var cached: Snapshot?

    /// The demo's snapshot.
    func snapshot() async throws -> Snapshot {
        if let cached { return cached }
        let database = try TiendoDatabase(location: .sqliteMemory)
        do {
            try await database.migrate()
            let store = TiendoStore(database: database.database)
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            let snapshot = try await store.snapshot()
            cached = snapshot
            await database.shutdown()
            return snapshot
        } catch {
            await database.shutdown()
            throw error
        }
    }

    private var cityAnnexData: Data?

    /// The annex of the city's report at 2027 (made once: the city rolls up 40 communes).
    func cityAnnex() async throws -> Data {
        if let cityAnnexData { return cityAnnexData }
        let annex = try await Self.report(unitCode: "46").annex()
        cityAnnexData = annex
        return annex
    }

    /// A demo report of `unitCode` at 2027.
    static func report(
        unitCode: String = "19831", period: String = "2027", options: ReportOptions = ReportOptions(),
        narrative: [NarrativeSection: String] = [:], isDemo: Bool = true
    ) async throws -> ReviewReport {
        let snapshot = try await shared.snapshot()
        let assessed = try ReportSubject.assess(
            snapshot: snapshot, unitCode: unitCode, resolutionID: nil, periodID: period)
        let text = Narrative(
            unitID: assessed.unit.unitID, period: assessed.period, kind: options.kind, texts: narrative)
        return ReviewReport(assessed: assessed, snapshot: snapshot, narrative: text, options: options, isDemo: isDemo)
    }
}

/// A .docx or .xlsx read back: its parts, and XPath over them by local name.
struct OfficePackage {
    let parts: [String: Data]

    init(_ data: Data) throws { parts = try OfficeZip.read(data) }

    /// A part parsed as XML.
    func xml(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> XMLDocument {
        let data = try XCTUnwrap(parts[path], "part \(path) is missing", file: file, line: line)
        return try XMLDocument(data: data)
    }

    /// Every paragraph's text in a part, in order.
    func paragraphs(_ path: String) throws -> [String] {
        try xml(path).nodes(forXPath: "//*[local-name()='p']").map(Self.text)
    }

    /// The text of a node: its w:t descendants joined.
    static func text(_ node: XMLNode) -> String {
        ((try? node.nodes(forXPath: ".//*[local-name()='t']")) ?? []).compactMap(\.stringValue).joined()
    }
}

extension XMLNode {
    /// The nodes at `path`, where `w:x` is written as `*[local-name()='x']`.
    func all(_ path: String) throws -> [XMLNode] {
        try nodes(forXPath: Self.localNames(path))
    }

    /// The value of attribute `name` (local name) of this element.
    func attribute(_ name: String) -> String? {
        (self as? XMLElement)?.attributes?.first { $0.localName == name || $0.name == name }?.stringValue
    }

    /// "//w:p/w:r" → "//*[local-name()='p']/*[local-name()='r']".
    static func localNames(_ path: String) -> String {
        var result = ""
        var index = path.startIndex
        while index < path.endIndex {
            if path[index...].hasPrefix("w:") || path[index...].hasPrefix("c:") || path[index...].hasPrefix("a:") {
                let nameStart = path.index(index, offsetBy: 2)
                var nameEnd = nameStart
                while nameEnd < path.endIndex, path[nameEnd].isLetter || path[nameEnd].isNumber {
                    nameEnd = path.index(after: nameEnd)
                }
                result += "*[local-name()='\(path[nameStart..<nameEnd])']"
                index = nameEnd
            } else {
                result.append(path[index])
                index = path.index(after: index)
            }
        }
        return result
    }
}
