@testable import DatasetFormats
import Foundation
import ReferenceStore
import TestSupport
import Testing
import TimelineKit

/// An event's CAMEO code: our format's optional `cameo`, checked against the CAMEO table; GDELT's
/// `EventCode` and ICEWS's `CAMEO Code`; the category it gives, and the kind's when there is none.
@Suite("CAMEO codes and categories")
struct CAMEOCodeTests {
    static func dataset(cameo: String) -> String {
        """
        {"format": "bilateral-timeline/1", "title": "T", "sources": [{"id": "s", "publisher": "P"}],
         "events": [{"id": "e", "date": "2020-02-29", "title": "Doha", "kind": "agreement", "status": "occurred",
                     "cameo": \(cameo), "sources": ["s"], "participants": {"mode": "mutual", "countries": ["USA", "AFG"]}}]}
        """
    }

    static func problems(_ cameo: String) -> [String] {
        do {
            _ = try DatasetLoader.load(bytes: Array(dataset(cameo: cameo).utf8), name: "c.json")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test("A known code is kept and written back; an unknown one or a number is an error at its line and column")
    func ourFormat() throws {
        let timeline = try DatasetLoader.load(bytes: Array(Self.dataset(cameo: #""057""#).utf8), name: "c.json")
        #expect(timeline.dataset.events[0].cameo == "057")
        let store = MemoryEventStore(timeline: timeline)
        var written = ""
        try BilateralWriter.write(store: store, selection: try store.selection(TimelineQuery())) { written += $0 }
        #expect(written.contains(#""cameo": "057""#))
        #expect(try DatasetLoader.load(bytes: Array(written.utf8), name: "w.json").dataset.events[0].cameo == "057")
        let unknown = Self.problems(#""0999""#)
        #expect(unknown.count == 1)
        #expect(unknown.first?.hasPrefix("c.json:3:") == true, "\(unknown)")
        #expect(unknown.first?.contains("events[0].cameo: unknown CAMEO event code '0999'") == true, "\(unknown)")
        #expect(Self.problems("42").first?.contains("events[0].cameo") == true)
        #expect(Self.problems(#""42""#).first?.contains("unknown CAMEO event code") == true, "codes are text with their leading zero")
        #expect(Self.problems(#""04""#).isEmpty, "a root code is a code")
    }

    @Test("The category: the code's quad class, else the kind's, else other")
    func categories() {
        #expect(EventClassification.category(cameo: "042", kind: "sanctions") == .verbalCooperation)
        #expect(EventClassification.category(cameo: "062", kind: "visit") == .materialCooperation)
        #expect(EventClassification.category(cameo: "1313", kind: "visit") == .verbalConflict)
        #expect(EventClassification.category(cameo: "190", kind: "visit") == .materialConflict)
        #expect(EventClassification.category(cameo: "14", kind: "visit") == .materialConflict, "the table's quad class for 14 PROTEST")
        #expect(EventClassification.category(cameo: nil, kind: "sanctions") == .materialConflict)
        #expect(EventClassification.category(cameo: nil, kind: "visit") == .verbalCooperation)
        #expect(EventClassification.category(cameo: nil, kind: "arms-policy") == .other)
        #expect(EventClassification.category(cameo: nil, kind: "event") == .other)
        #expect(EventClassification.category(cameo: "9999", kind: "trade") == .materialCooperation, "an unknown code falls back to the kind")
    }

    @Test("Every bundled event has a code from the table, and the README's kinds all have a category")
    func bundled() throws {
        let timeline = try DatasetLoader.load(path: Repository.path("data/timeline.json"))
        #expect(timeline.dataset.events.count == 80)
        #expect(timeline.dataset.events.allSatisfy { $0.cameo.map(EventClassification.isCAMEOCode) == true })
        let kinds = Set(timeline.dataset.events.map(\.kind)).subtracting(["arms-policy"])
        #expect(kinds.allSatisfy { EventClassification.kindCategories[$0] != nil }, "\(kinds.filter { EventClassification.kindCategories[$0] == nil })")
        let coding = try String(contentsOfFile: Repository.root.appendingPathComponent("data/CAMEO-CODING.md").path, encoding: .utf8)
        for event in timeline.dataset.events { #expect(coding.contains("| `\(event.id)` |") && coding.contains("`\(event.cameo ?? "-")`"), "\(event.id)") }
    }

    @Test("GDELT's EventCode and ICEWS's CAMEO Code become the event's code; a code not in the table does not")
    func importers() {
        let gdelt = GDELTReader().read(Array((GDELTFixture.row(code: "0231", goldstein: "-2.5") + "\n").utf8), name: "g.export.CSV")
        #expect(gdelt.dataset.events.first?.cameo == "0231")
        let unknown = GDELTReader().read(Array((GDELTFixture.row(code: "0999", goldstein: "1") + "\n").utf8), name: "g.export.CSV")
        #expect(unknown.dataset.events.first?.cameo == nil)
        let icews = ICEWSReader().read(Array((ICEWSTests.header + "\r\n" + ICEWSTests.row("1")).utf8), name: "events.2018.tab")
        #expect(icews.dataset.events.first?.cameo == "010")
    }
}
