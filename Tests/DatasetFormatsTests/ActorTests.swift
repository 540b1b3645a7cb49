import DatasetFormats
@testable import DatasetFormats
import Foundation
import ReferenceStore
import Testing
import TimelineKit

/// A participant may name the actor within its country: `{"country": "AFG", "actor": "Taliban"}`.
@Suite("Actors within a country")
struct ActorTests {
    static func dataset(participants: String) -> String {
        """
        {"format": "bilateral-timeline/1", "title": "T", "sources": [{"id": "s", "publisher": "P"}],
         "events": [{"id": "e", "date": "2020-02-29", "title": "Doha", "kind": "agreement", "status": "occurred",
                     "sources": ["s"], "participants": \(participants)}]}
        """
    }

    static func load(_ participants: String) throws -> Timeline {
        try DatasetLoader.load(bytes: Array(dataset(participants: participants).utf8), name: "a.json")
    }

    static func problems(_ participants: String) -> [String] {
        do {
            _ = try load(participants)
            return []
        } catch let error as DatasetLoadError {
            return error.diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test("An object participant names its actor in every mode; the country still makes the pair")
    func decoded() throws {
        let taliban = CountryActor(country: Country(alpha3: "AFG")!, name: "Taliban")
        let mutual = try Self.load(#"{"mode": "mutual", "countries": ["USA", {"country": "AFG", "actor": "Taliban"}]}"#)
        #expect(mutual.dataset.events[0].actors == [taliban])
        #expect(mutual.dataset.events[0].participants.pairs == [try CountryPair.parse("USA-AFG")])
        let directed = try Self.load(#"{"mode": "directed", "from": ["USA"], "to": [{"country": "AFG", "actor": "Taliban"}]}"#)
        #expect(directed.dataset.events[0].actors == [taliban])
        let hub = try Self.load(#"{"mode": "hub", "hub": {"country": "AFG", "actor": "Taliban"}, "spokes": ["PAK", "QAT"]}"#)
        #expect(hub.dataset.events[0].actors == [taliban])
        #expect(hub.dataset.events[0].participants == .hub(Country(alpha3: "AFG")!, spokes: [Country(alpha3: "PAK")!, Country(alpha3: "QAT")!]))
        let plain = try Self.load(#"{"mode": "mutual", "countries": ["USA", "AFG"]}"#)
        #expect(plain.dataset.events[0].actors == [])
    }

    @Test("A malformed actor is an error at its place, and nothing else is taken for one")
    func malformed() {
        #expect(Self.problems(#"{"mode": "mutual", "countries": ["USA", {"country": "AFG"}]}"#).contains { $0.contains("countries[1].actor: required field is missing") })
        #expect(Self.problems(#"{"mode": "mutual", "countries": ["USA", {"country": "AFG", "actor": ""}]}"#).contains { $0.contains("countries[1].actor") })
        #expect(Self.problems(#"{"mode": "mutual", "countries": ["USA", {"country": "AFG", "actor": "T", "side": "x"}]}"#).contains { $0.contains("side") })
        #expect(Self.problems(#"{"mode": "mutual", "countries": ["USA", {"country": "AFGX", "actor": "T"}]}"#).contains { $0.contains("countries[1].country") })
        #expect(Self.problems(#"{"mode": "mutual", "countries": ["USA", 7]}"#).contains { $0.contains("countries[1]: expected a country code") })
        #expect(Self.problems(#"{"mode": "directed", "from": [{"country": "AFG", "actor": "A"}], "to": ["USA", {"country": "AFG", "actor": "B"}]}"#)
            .contains { $0.contains("AFG already has an actor") })
    }

    @Test("Our format writes the actor back as it reads it; JSON output lists the actors")
    func written() throws {
        let timeline = try Self.load(#"{"mode": "directed", "from": ["USA"], "to": [{"country": "AFG", "actor": "Taliban"}]}"#)
        let store = MemoryEventStore(timeline: timeline)
        var text = ""
        try BilateralWriter.write(store: store, selection: try store.selection(TimelineQuery())) { text += $0 }
        #expect(text.contains(#"{"country": "AFG", "actor": "Taliban"}"#))
        let back = try DatasetLoader.load(bytes: Array(text.utf8), name: "back.json")
        #expect(back.dataset.events[0].actors == timeline.dataset.events[0].actors)
        var slides = ""
        try TimelineJSWriter.write(store: store, selection: try store.selection(TimelineQuery())) { slides += $0 }
        #expect(slides.contains("<em>Who:</em> United States → Afghanistan (Taliban)"), "\(slides)")
        let record = EventRecord(try store.event(atPosition: 0))
        #expect(record.actors.map(\.actor) == ["Taliban"])
        #expect(record.actors.map(\.country) == ["AFG"])
    }

    @Test("A search finds an event by its actor, in the reference store")
    func searched() throws {
        let store = MemoryEventStore(timeline: try Self.load(#"{"mode": "mutual", "countries": ["USA", {"country": "AFG", "actor": "Taliban"}]}"#))
        #expect(try store.selection(TimelineQuery(text: "talib")).count == 1)
        #expect(try store.selection(TimelineQuery(text: "kabul")).count == 0)
    }

    @Test("GDELT and ICEWS names become actors unless they only name the country")
    func imported() throws {
        let afg = Country(alpha3: "AFG")!, usa = Country(alpha3: "USA")!
        #expect(ImportText.actor("TALIBAN", of: afg) == CountryActor(country: afg, name: "TALIBAN"))
        #expect(ImportText.actor("UNITED STATES", of: usa) == nil)
        #expect(ImportText.actor("Afghanistan", of: afg) == nil)
        #expect(ImportText.actor("  ", of: afg) == nil)
        let result = GDELTReader().read(Array((GDELTFixture.row(actor1: "USA", actor2: "AFG", name1: "UNITED STATES", name2: "TALIBAN") + "\n").utf8),
                                        name: "20240105.export.CSV")
        #expect(result.problems == [])
        #expect(result.dataset.events.first?.actors == [CountryActor(country: afg, name: "TALIBAN")])
    }
}
