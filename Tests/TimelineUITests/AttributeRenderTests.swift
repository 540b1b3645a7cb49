import DatasetFormats
import ReferenceStore
import Testing
import TimelineKit
@testable import TimelineUI

@Suite("Attributes in the detail")
struct AttributeRenderTests {
    static func detail(attributes: [Attribute], participants: Participants = .none) throws -> EventDetail {
        EventDetail(position: 0, facts: EventFacts(id: "e", date: try EDTFDate(parsing: "2015-03-01"), title: "Title", summary: "",
                                                   participants: participants, kind: "talks", status: .occurred, tags: [],
                                                   attributes: attributes),
                    pairLabels: [], sources: [], people: [], notes: [], quotes: [])
    }

    @Test("An Attributes block lists each name and value in order, sanitized")
    func block() throws {
        let event = try Self.detail(attributes: [Attribute("GoldsteinScale", .number(-2)), Attribute("Note", .string("a\u{1B}[31m\nb"))])
        let text = EventDetailDocument(event).lines(width: 60).map(\.plainText)
        let start = try #require(text.firstIndex(of: "Attributes"))
        #expect(text[start + 1].hasPrefix(" GoldsteinScale: -2"))
        #expect(text[start + 2].contains("Note: a␛[31m"))
        #expect(!text.joined().unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x0A })
    }

    @Test("No block without attributes; no countries says so")
    func none() throws {
        let text = EventDetailDocument(try Self.detail(attributes: [])).lines(width: 60).map(\.plainText)
        #expect(!text.contains("Attributes"))
        #expect(text.contains { $0.contains("no countries") })
        #expect(!text.contains { $0.hasPrefix("Pairs") })
    }

    @Test("The Who line names the actor within its country")
    func actorInWho() throws {
        var event = try Self.detail(attributes: [], participants: .directed(from: [Country(alpha3: "USA")!], to: [Country(alpha3: "AFG")!]))
        event.actors = [CountryActor(country: Country(alpha3: "AFG")!, name: "Taliban")]
        let text = EventDetailDocument(event).lines(width: 80).map(\.plainText)
        #expect(text.contains { $0.hasPrefix("Who") && $0.contains("United States → Afghanistan (Taliban) (directed)") }, "\(text)")
    }

}
