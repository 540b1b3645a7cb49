@testable import DatasetFormats
import Foundation
@testable import ReferenceStore
import TestSupport
import Testing
import TimelineKit

/// The streamed events read straight from their bytes (`DirectEventReader`) are exactly those the
/// tree's decoder (`DatasetLoader.decode`, what `validate` runs) makes, and anything else falls back
/// to it: the same events, or the same problems at the same places.
@Suite struct DirectEventTests {
    typealias Collector = DatasetStreamTests.Collector

    static let header = #""format": "bilateral-timeline/1", "title": "T", "people": [{"id": "p1", "name": "N"}, {"id": "p2", "name": "M"}], "sources": [{"id": "s1", "publisher": "P"}, {"id": "s2", "publisher": "Q"}]"#

    static func document(_ events: [String], quotes: String = "[]") -> [UInt8] {
        Array(#"{\#(header), "events": [\#(events.joined(separator: ",\n"))], "quotes": \#(quotes)}"#.utf8)
    }

    /// Every member and every shape a plain event may have.
    static let plain = [
        #"{"id": "e1", "date": "2017-02-03", "title": "T", "kind": "visit", "status": "occurred", "participants": {"mode": "mutual", "countries": ["RUS", "PAK", "IND"]}, "sources": ["s1"]}"#,
        #"{"sources": ["s2", "s1"], "status": "reported", "kind": "military-exercise", "title": "Drills \"Friendship\" \u00e9\ud83d\ude00 é", "date": "2016-09/2016-10", "id": "e.2:x_y-z", "participants": {"to": ["PAK"], "mode": "directed", "from": ["RUS", "CHN"]}}"#,
        #"  {  "id" : "e3" , "date" : "1948" , "title" : "Hub" , "kind" : "talks" , "status" : "scheduled" , "participants" : { "mode" : "hub" , "hub" : "RUS" , "spokes" : [ "PAK" , "IND" ] } , "sources" : [ "s1" ] , "summary" : "" , "tags" : [ ] , "people" : [ ] , "notes" : [ ] , "attributes" : { } }  "#,
        #"{"id": "e4", "date": "2014-06", "title": "All", "summary": "S\nt", "kind": "arms-deal", "cameo": "042", "place": {"name": "Rawalpindi", "country": "PAK"}, "status": "unconfirmed", "tags": ["a", "", " b"], "sources": ["s1"], "people": ["p2", "p1"], "notes": [{"text": "N1", "sources": ["s2"]}, {"sources": [], "text": "N2"}, {"text": "N3"}], "attributes": {"GoldsteinScale": -2.5e0, "tone": "7", "n": 0, "é": 1E+2}}"#,
        #"{"id": "e5", "date": "2001-05-31", "title": "No participants", "kind": "x", "status": "occurred", "place": {"country": "RUS", "name": "M"}, "sources": ["s2"]}"#,
    ]

    /// Events `decodeEvent` takes without a problem but that are not plain: they go the usual way.
    static let unusual = [
        #"{"id": "u1", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"], "x-note": 1}"#,
        #"{"id": "u2", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"], "summary": null}"#,
        #"{"id": "u3", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"], "participants": {"mode": "mutual", "countries": [{"country": "AFG", "actor": "Taliban"}, "PAK"]}}"#,
        #"{"i\u0064": "u4", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"]}"#,
        #"{"id": "u5", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"], "participants": null}"#,
        #"{"id": "u6", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"], "attributes": {"a\tb": 1}}"#,
    ]

    /// Events with a problem: they go the usual way, which reports it.
    static let wrong = [
        #"{"id": "e1", "date": "2017", "title": "Same id as the first", "kind": "visit", "status": "occurred", "sources": ["s1"]}"#,
        #"{"id": "w2", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"], "title": "twice"}"#,
        #"{"id": "w3", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": []}"#,
        #"{"id": "w4", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"], "participants": {"mode": "mutual", "countries": ["RUS"]}}"#,
        #"{"id": "w5", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"], "participants": {"mode": "hub", "hub": "RUS", "spokes": ["RUS"]}}"#,
        #"{"id": "w6", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"], "participants": {"mode": "directed", "from": ["RUS"], "to": ["RUS"]}}"#,
        #"{"id": "w7", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"], "attributes": {"a": 1, "a": 2}}"#,
        #"{"id": "w8", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"], "place": {"name": "M", "country": "Russia"}}"#,
        #"{"id": "w9", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"], "participants": {"mode": "mutual", "countries": ["RUS", "PAK"], "from": ["IND"]}}"#,
        // A member repeated inside a place, a note or the participants.
        #"{"id": "w10", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"], "place": {"name": "M", "name": "N"}}"#,
        #"{"id": "w11", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"], "notes": [{"text": "a", "sources": [], "sources": ["s1"]}]}"#,
        #"{"id": "w12", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"], "participants": {"mode": "mutual", "countries": ["RUS", "PAK"], "countries": ["IND", "PAK"]}}"#,
    ]

    @Test("plain events are read straight from their bytes, into the events the tree's decoder makes")
    func plainEventsAreReadDirectly() throws {
        let bytes = Self.document(Self.plain)
        let (direct, streamed) = try Self.stream(bytes)
        #expect(direct == Self.plain.count)
        let loaded = try DatasetLoader.decode(bytes: bytes, name: "x.json")
        #expect(Self.same(streamed.events, loaded.events))
        #expect(streamed.events.count == Self.plain.count)
    }

    @Test("an event that is not plain goes through the tree and comes out the same", arguments: unusual)
    func unusualEventsGoTheUsualWay(_ event: String) throws {
        let bytes = Self.document(Array(Self.plain.prefix(2)) + [event] + Array(Self.plain.suffix(1)))
        let (direct, streamed) = try Self.stream(bytes)
        #expect(direct == 3)
        let loaded = try DatasetLoader.decode(bytes: bytes, name: "x.json")
        #expect(streamed.events.count == 4)
        #expect(Self.same(streamed.events, loaded.events))
    }

    @Test("an event with a problem goes through the tree, which reports it", arguments: wrong)
    func wrongEventsAreReported(_ event: String) throws {
        let bytes = Self.document(Self.plain + [event])
        let expected = #expect(throws: DatasetLoadError.self) { try DatasetLoader.decode(bytes: bytes, name: "x.json") }
        let actual = #expect(throws: DatasetLoadError.self) { try Self.stream(bytes) }
        #expect(actual?.diagnostics == expected?.diagnostics)
        #expect(expected?.diagnostics.isEmpty == false)
    }

    @Test("the benchmark's synthetic files are read straight from their bytes, every event")
    func syntheticEventsAreAllDirect() throws {
        let bytes = SyntheticDataset.json(events: 2000, seed: 7)
        let (direct, streamed) = try Self.stream(bytes)
        #expect(direct == 2000)
        #expect(Self.same(streamed.events, try DatasetLoader.decode(bytes: bytes, name: "x.json").events))
    }

    @Test("the bundled timeline: every event but those naming an actor is read straight from its bytes")
    func bundledEventsAreDirect() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Repository.path("data/timeline.json"))))
        let loaded = try DatasetLoader.decode(bytes: bytes, name: "timeline.json")
        let (direct, streamed) = try Self.stream(bytes)
        let withActors = loaded.events.filter { !$0.actors.isEmpty }.count
        #expect(withActors > 0)
        #expect(direct == loaded.events.count - withActors)
        #expect(Self.same(streamed.events, loaded.events))
    }

    /// An event with many attributes: repeats are found past the first 16 names (a set there, a scan
    /// before), by the direct reading and the tree alike.
    @Test(arguments: [(40, nil), (40, 3), (40, 30), (16, 15), (17, 16)] as [(Int, Int?)])
    func manyAttributes(count: Int, repeating: Int?) throws {
        var names = (0..<count).map { "a\($0)" }
        if let repeating { names[repeating] = names[repeating - 1] }
        let members = names.enumerated().map { #""\#($1)": \#($0)"# }.joined(separator: ", ")
        let event = #"{"id": "m1", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"], "attributes": {\#(members)}}"#
        let bytes = Self.document([event])
        if repeating == nil {
            let (direct, streamed) = try Self.stream(bytes)
            #expect(direct == 1)
            #expect(streamed.events.first?.attributes.map(\.name) == names)
            #expect(Self.same(streamed.events, try DatasetLoader.decode(bytes: bytes, name: "x.json").events))
        } else {
            let expected = #expect(throws: DatasetLoadError.self) { try DatasetLoader.decode(bytes: bytes, name: "x.json") }
            let actual = #expect(throws: DatasetLoadError.self) { try Self.stream(bytes) }
            #expect(actual?.diagnostics == expected?.diagnostics)
            #expect(expected?.diagnostics.map(\.message) == ["duplicate member '\(names[repeating!])'"])
        }
    }

    /// A number beyond a Double's range would be stored as null, and the store then read as corrupt:
    /// both ways refuse it at its place; the largest finite ones are kept.
    @Test(arguments: ["1e400", "-1e400", "1.8e308"])
    func outOfRangeNumbersAreRefused(number: String) throws {
        let event = #"{"id": "n1", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"], "attributes": {"big": \#(number)}}"#
        let bytes = Self.document([event])
        let expected = #expect(throws: DatasetLoadError.self) { try DatasetLoader.decode(bytes: bytes, name: "x.json") }
        let actual = #expect(throws: DatasetLoadError.self) { try Self.stream(bytes) }
        #expect(actual?.diagnostics == expected?.diagnostics)
        #expect(expected?.diagnostics.map(\.path) == ["events[0].attributes.big"])
        #expect(expected?.diagnostics.first?.message.contains("out of range") == true)
    }

    @Test(arguments: [("1.7e308", 1.7e308), ("-1.7976931348623157e308", -Double.greatestFiniteMagnitude), ("1e-400", 0)])
    func finiteNumbersAreKept(number: String, value: Double) throws {
        let event = #"{"id": "n1", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s1"], "attributes": {"big": \#(number)}}"#
        let (direct, streamed) = try Self.stream(Self.document([event]))
        #expect(direct == 1)
        #expect(streamed.events.first?.attributes == [Attribute("big", .number(value))])
    }

    /// Among ids equally close to an unknown one, "did you mean" offers the first in the file, from
    /// both ways of reading (it came from a dictionary's order, which differs between dictionaries).
    @Test(arguments: [(["s2", "s1"], "s2"), (["s1", "s2"], "s1")])
    func suggestionsAmongEquallyCloseIDsComeInFileOrder(sources: [String], suggested: String) throws {
        let sourceList = sources.map { #"{"id": "\#($0)", "publisher": "P"}"# }.joined(separator: ", ")
        let text = #"{"format": "bilateral-timeline/1", "title": "T", "sources": [\#(sourceList)], "events": [{"id": "e1", "date": "2017", "title": "T", "kind": "visit", "status": "occurred", "sources": ["s9"]}]}"#
        let expected = #expect(throws: DatasetLoadError.self) { try DatasetLoader.decode(bytes: Array(text.utf8), name: "x.json") }
        let actual = #expect(throws: DatasetLoadError.self) { try Self.stream(Array(text.utf8)) }
        #expect(expected?.diagnostics.map(\.message) == ["unknown source 's9'; did you mean '\(suggested)'?"])
        #expect(actual?.diagnostics == expected?.diagnostics)
    }

    /// Thousands of files one change away from a good one (a value, a name, a byte): the stream with
    /// its direct reading says what the tree's decoder says, events or problems.
    @Test func mutatedFilesGiveTheTreesResults() throws {
        let base = String(decoding: Self.document(Self.plain + Self.unusual,
                                                  quotes: #"[{"id": "q1", "speaker": "p1", "text": "t", "events": ["e4", "u1"], "source": "s1"}]"#),
                          as: UTF8.self)
        let tokens = Self.tokens(in: Array(base.utf8))
        let values = [#""""#, #"" ""#, #""RUS""#, #""rus""#, #""XXX""#, "null", "1", "-0.5e3", "[]", "{}", #"["RUS"]"#, #"["s1"]"#,
                      #""s1""#, #""s9""#, #""2017-13""#, #""2017""#, #""mutual""#, #""hub""#, #""directed""#, #""visit""#,
                      #""Visit""#, #""042""#, #""999""#, #""occurred""#, #""e1""#, #""a\u0062""#, "true", #""p1""#, #""bad id""#,
                      #""id""#, #""date""#, #""title""#, #""summary""#, #""participants""#, #""kind""#, #""cameo""#, #""place""#,
                      #""status""#, #""tags""#, #""sources""#, #""people""#, #""notes""#, #""attributes""#, #""x-a""#, #""mode""#,
                      #""countries""#, #""from""#, #""to""#, #""hub""#, #""spokes""#, #""name""#, #""country""#, #""text""#,
                      #""i\u0064""#, #"{"name": "M"}"#, #"[{"text": "n"}]"#]
        let bytesToInsert: [String] = ["\"", ",", ":", "{", "}", "[", "]", " ", "\\", "n", "0", "-", "x", "é"]
        var random = SplitMix64(seed: 2026)
        var accepted = 0, rejected = 0
        for round in 0..<3000 {
            var bytes = Array(base.utf8)
            switch round % 3 {
            case 0, 1:
                let token = tokens[random.below(tokens.count)]
                bytes.replaceSubrange(token, with: Array(values[random.below(values.count)].utf8))
            default:
                let offset = random.below(bytes.count)
                if random.below(2) == 0 {
                    bytes.remove(at: offset)
                } else {
                    bytes.insert(contentsOf: Array(bytesToInsert[random.below(bytesToInsert.count)].utf8), at: offset)
                }
            }
            var expected: Result<Dataset, DatasetLoadError>
            do { expected = .success(try DatasetLoader.decode(bytes: bytes, name: "x.json")) } catch { expected = .failure(error) }
            do {
                let (_, streamed) = try Self.stream(bytes)
                guard case .success(let loaded) = expected else {
                    Issue.record("round \(round): the stream took a file the tree's decoder refuses: \(String(decoding: bytes, as: UTF8.self))")
                    continue
                }
                #expect(Self.same(streamed.events, loaded.events), "round \(round): \(String(decoding: bytes, as: UTF8.self))")
                accepted += 1
            } catch let error as DatasetLoadError {
                guard case .failure(let loadError) = expected else {
                    Issue.record("round \(round): the stream refused a file the tree's decoder takes: \(error.diagnostics)")
                    continue
                }
                #expect(error.diagnostics == loadError.diagnostics, "round \(round)")
                rejected += 1
            }
        }
        // Both sides were tried many times: files that still hold, and files with a problem.
        #expect(accepted > 300)
        #expect(rejected > 1000)
    }

    // MARK: - Helpers

    static func stream(_ bytes: [UInt8]) throws -> (direct: Int, dataset: Dataset) {
        let collector = Collector()
        let direct = try DatasetStream.readCountingDirectEvents(bytes: bytes, name: "x.json", into: collector)
        return (direct, collector.dataset)
    }

    /// Every field of every event, in order.
    static func same(_ a: [Event], _ b: [Event]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.facts == $1.facts && $0.sources == $1.sources && $0.people == $1.people && $0.notes == $1.notes }
    }

    /// The byte ranges of the document's strings, numbers and literals.
    static func tokens(in bytes: [UInt8]) -> [Range<Int>] {
        var tokens: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            let start = index
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") { index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1 }
                index += 1
                tokens.append(start..<index)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                while index < bytes.count, !" ,]}\n".utf8.contains(bytes[index]) { index += 1 }
                tokens.append(start..<index)
            default:
                index += 1
            }
        }
        return tokens
    }
}
