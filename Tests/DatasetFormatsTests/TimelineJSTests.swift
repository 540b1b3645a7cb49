import DatasetFormats
@testable import DatasetFormats
import Foundation
import ReferenceStore
import TestSupport
import Testing
import TimelineKit

@Suite("Importing and exporting: TimelineJS")
struct TimelineJSTests {
    static let sample = """
    \u{FEFF}{"title": {"text": {"headline": "Russia &amp; Pakistan", "text": "<p>Two <b>countries</b>.</p>"}},
     "scale": "human",
     "events": [
      {"start_date": {"year": "2017", "month": "9", "day": "25", "hour": "14", "minute": "30"},
       "end_date": {"year": 2017, "month": 10, "day": 4},
       "text": {"headline": "Friendship&nbsp;2017 <i>drills</i>", "text": "<p>First &lt;para&gt; &#8212; &#x263A;</p><p>Second<br>line</p>"},
       "media": {"url": "https://www.example.org/drills", "credit": "<a href='x'>ValueWalk</a>", "caption": "Troops"},
       "group": "Russia–Pakistan", "unique_id": "friendship-2017", "background": {"color": "#fff"}},
      {"start_date": {"year": -13800000000}, "text": {"headline": "Big Bang"}, "group": "Cosmos"},
      {"start_date": {"year": -44, "month": 3}, "text": {"text": "<p>Ides of March</p><p>More</p>"}},
      {"start_date": {"year": 2017, "month": 13}, "text": {"headline": "Bad month"}},
      {"text": {"headline": "No date"}},
      {"start_date": {"year": 2018}, "text": {"headline": "\\u001b]0;pwned\\u0007<script>x</script>"}},
      {"start_date": {"year": 2018}, "end_date": {"year": 2017}, "text": {"headline": "Backwards"}}
     ],
     "eras": [{"start_date": {"year": 1947}, "end_date": {"year": 1991}, "text": {"headline": "Cold War"}}]}
    """

    func read(_ text: String, name: String = "tl.json") -> ReadResult {
        TimelineJSReader().read(Array(text.utf8), name: name)
    }

    @Test("Slides become events: dates at their precision, plain text, sources, pairs, ids, eras")
    func slides() throws {
        let result = read(Self.sample)
        #expect(result.recordsRead == 8)
        #expect(result.dataset.title == "Russia & Pakistan")
        #expect(result.dataset.description == "Two countries.")
        let events = result.dataset.events
        #expect(events.map(\.date.text) == ["2017-09-25/2017-10-04", "Y-13800000000", "-0044-03", "2018", "1947/1991"])
        let drills = events[0]
        #expect(drills.id == "friendship-2017")
        #expect(drills.title == "Friendship 2017 drills")
        #expect(drills.summary == "First <para> — ☺\n\nSecond\nline")
        #expect(drills.participants == .mutual([Country(alpha3: "RUS")!, Country(alpha3: "PAK")!]))
        #expect(drills.attributes["start_time"] == .string("14:30"))
        let source = result.dataset.sources[drills.sources[0]]
        #expect(source.url == "https://www.example.org/drills")
        #expect(source.publisher == "ValueWalk")
        #expect(source.title == "Troops")
        #expect(events[1].participants == .none)
        #expect(events[1].tags == ["cosmos"])
        #expect(events[2].title == "Ides of March")
        #expect(events[2].id == "tl-3")
        #expect(events[3].title == "\u{1B}]0;pwned\u{07}x")
        #expect(events[4].kind == "era")
    }

    @Test("Bad slides are located, all at once")
    func problems() {
        let found = read(Self.sample).problems.map(\.diagnostic.description)
        #expect(found == [
            "tl.json:11:42: events[3].start_date.month: month must be a whole number from 1 to 12",
            "tl.json:12:3: events[4].start_date: required field is missing",
            "tl.json:14:3: events[6].start_date: the interval '2018/2017' ends before it starts",
        ])
        let notJSON = read("{\"events\": [", name: "x.json")
        #expect(notJSON.wholeFile)
        #expect(notJSON.problems.first?.diagnostic.description.hasPrefix("x.json:1:13: (document):") == true)
    }

    @Test("An end date with nothing in it, as TimelineJS's sheet export writes it, is no end date")
    func blankEndDate() {
        let text = """
        {"events": [
          {"start_date": {"year": "1948", "month": "3", "day": "14"}, "end_date": {"year": "", "month": "", "day": ""},
           "text": {"headline": "Edith Clarke"}},
          {"start_date": {"year": "1951"}, "end_date": {"year": null, "display_date": ""}, "text": {"headline": "Null"}},
          {"start_date": {"year": "1952"}, "end_date": {}, "text": {"headline": "Empty object"}},
          {"start_date": {"year": "1953"}, "end_date": {"month": "4"}, "text": {"headline": "A month without a year"}},
          {"start_date": {"year": "", "month": ""}, "text": {"headline": "A blank start is still no date"}}
        ]}
        """
        let result = read(text)
        #expect(result.dataset.events.map(\.date.text) == ["1948-03-14", "1951", "1952"])
        #expect(result.problems.map(\.diagnostic.description) == [
            "tl.json:6:48: events[3].end_date.year: required field is missing",
            "tl.json:7:18: events[4].start_date.year: required field is missing",
        ])
    }

    @Test("HTML to text keeps paragraphs, drops tags, decodes entities")
    func html() {
        #expect(HTMLText.plainText("<p>a &amp; b</p>\n<p>c<br/>d</p><ul><li>e</li></ul>&unknown; &#0;") == "a & b\n\nc\nd\n\ne\n\n&unknown; \u{0}")
        #expect(HTMLText.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTMLText.paragraphs("one\ntwo\n\n<three>") == "<p>one<br>two</p><p>&lt;three&gt;</p>")
    }

    @Test("The writer's TimelineJS reads back: the same titles, dates, pairs and ids; HTML escaped")
    func roundTrip() throws {
        var dataset = try DatasetLoader.load(path: JSONLinesTests.articlePath).dataset
        // Markup in a title must be escaped on the way out and come back as the same text.
        dataset.events[0].title = "<script>x</script> & \"q\""
        let timeline = Timeline(dataset: dataset)
        let store = MemoryEventStore(timeline: timeline)
        var text = ""
        let skipped = try TimelineJSWriter.write(store: store, selection: try store.selection(TimelineQuery())) { text += $0 }
        #expect(skipped == 0)
        #expect(InputFormat.detect(name: "x.json", head: Array(text.utf8)) == .timelinejs)
        let result = read(text, name: "article.json")
        #expect(result.problems == [])
        let back = result.dataset.events
        #expect(back.count == timeline.eventCount)
        for (position, event) in back.enumerated() {
            let original = try store.event(atPosition: position)
            #expect(event.id == original.id)
            #expect(event.title == original.title)
            #expect(event.participants.pairs.first == original.participants.pairs.first)
            // Qualifiers and unknown ends are not TimelineJS's: the days are kept, the marks go to display_date.
            #expect(event.date.earliestDay == original.date.earliestDay || original.date.earliestDay == nil)
            #expect(event.attributes["display_date"]?.text == original.date.shortDescription)
        }
        #expect(text.contains("<blockquote>“"))
        #expect(!text.contains("<script"))
        #expect(text.contains("&lt;script&gt;"))
    }

    @Test("A date object in full, and long and negative years")
    func dates() {
        #expect(TimelineJSDates.edtf(.init(year: 2017, month: 9, day: 5)) == "2017-09-05")
        #expect(TimelineJSDates.edtf(.init(year: 12345)) == "Y12345")
        #expect(TimelineJSDates.edtf(.init(year: -5, month: 1)) == "-0005-01")
        #expect(TimelineJSDates.time(.init(year: 1, hour: 9, minute: 5, second: 7)) == "09:05:07")
        #expect(TimelineJSWriter.dateObject(EDTFPoint(year: 2017, month: 8, approximate: true), time: "09:05", display: "~Aug 2017")
                == #"{"year": 2017, "month": 8, "hour": 9, "minute": 5, "display_date": "~Aug 2017"}"#)
    }

    static func titleFrom(_ event: Event) -> String? {
        guard case .string(let text)? = event.attributes.first(where: { $0.name == "title_from" })?.value else { return nil }
        return text
    }

    /// An excerpt of TimelineJS's own Mark Twain example (Tests/BilateralTests/Fixtures/real-world/PROVENANCE.md):
    /// two slides are only media with a caption, as TimelineJS shows them.
    @Test("A slide without headline and text takes its title from the media caption, and says so")
    func mediaOnlySlides() throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Repository.fixture("real-world/marktwain_juked.excerpt.json"))))
        let result = TimelineJSReader().read(bytes, name: "marktwain_juked.excerpt.json")
        #expect(result.problems.isEmpty, "\(result.problems)")
        let events = result.dataset.events
        #expect(events.count == 4)
        let gazette = "Hannibal Gazette. Begins work as a journeyman printer with the Hannibal Gazette. Publishes first sketches."
        #expect(events.map(\.title) == ["Florida, Missouri", gazette, gazette, "Itinerant Printer"])
        let from = events.map(Self.titleFrom)
        #expect(from == [nil, "media caption", "media caption", nil])
        #expect(events[1].summary == "", "the caption is the title, not also the summary")
    }

    @Test("Without a caption the credit is the title; with neither, 'Untitled slide N', marked as such")
    func creditAndUntitled() throws {
        let text = """
        {"events": [
         {"start_date": {"year": 1901}, "media": {"url": "https://example.org/a", "credit": "<b>Vanity Fair</b>", "caption": ""}},
         {"start_date": {"year": 1902}, "media": {"url": "https://example.org/b", "caption": null}, "text": {"headline": "", "text": ""}},
         {"start_date": {"year": 1903}, "text": {"headline": "Named"}}
        ]}
        """
        let result = read(text)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.dataset.events.map(\.title) == ["Vanity Fair", "Untitled slide 2", "Named"])
        let from = result.dataset.events.map(Self.titleFrom)
        #expect(from == ["media credit", "none: the slide has no headline, text, caption or credit", nil])
    }

}
