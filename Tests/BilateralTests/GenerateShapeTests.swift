import Foundation
import Testing
import TestSupport

/// `generate --pairs/--quotes-per-event/--speakers`: data shaped like real event data (tens of
/// thousands of pairs, many quotes) for the benchmarks; the default shape is unchanged.
@Suite("generate: shapes")
struct GenerateShapeTests {
    let scratch: ScratchFolder
    init() throws { scratch = try ScratchFolder("generate-shape") }

    @Test("Every asked-for pair occurs, quotes are spread one an event, with the asked-for speakers")
    func shaped() throws {
        let json = scratch.path("shape.json"), store = scratch.path("shape.bilateral")
        let generated = try BinaryRunner.run(["generate", "--events", "3000", "--pairs", "2500", "--quotes-per-event", "0.1",
                                              "--speakers", "3", "-o", json])
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(try BinaryRunner.run(["import", json, "-o", store]).status == 0)
        let pairs = try JSONSerialization.jsonObject(with: Data(BinaryRunner.run(["pairs", "--data", store, "--format", "json"]).stdout.utf8)) as? [[String: Any]]
        #expect(pairs?.count == 2500)
        let quotes = try JSONSerialization.jsonObject(with: Data(BinaryRunner.run(["quotes", "--data", store, "--format", "json"]).stdout.utf8)) as? [[String: Any]]
        #expect(quotes?.count == 300)
        #expect(Set((quotes ?? []).compactMap { $0["speaker"] as? String }).count <= 3)
        let events = Set((quotes ?? []).compactMap { ($0["events"] as? [String])?.first })
        #expect(events.count == 300, "each quote about its own event")
    }

    @Test("Shapes out of range are usage errors", arguments: [
        ["--pairs", "0"], ["--pairs", "30877"], ["--quotes-per-event", "1.5"], ["--speakers", "0"], ["--format", "gdelt", "--pairs", "10"],
    ])
    func outOfRange(_ arguments: [String]) throws {
        let result = try BinaryRunner.run(["generate", "--events", "10"] + arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
    }
}
