import DatasetFormats
import ReferenceStore
import SQLiteStore
import Testing
import TimelineKit
@testable import TimelineUI

/// Events dated `XXXX` are drawn last, under their own heading, and leave the ruler's span alone.
@Suite("Unknown dates on screen")
struct UnknownDateRenderTests {
    static let timeline: Timeline = {
        func event(_ id: String, _ date: String) -> String {
            #"{"id":"\#(id)","date":"\#(date)","title":"Title \#(id)","participants":{"mode":"mutual","countries":["RUS","PAK"]},"kind":"talks","status":"occurred","sources":["s"]}"#
        }
        let text = #"{"format":"bilateral-timeline/1","title":"Unknowns","sources":[{"id":"s","publisher":"p"}],"events":["#
            + [event("nobody-knows", "XXXX-XX-XX"), event("known", "2016-05-01"), event("later", "2017")].joined(separator: ",") + "]}"
        return try! DatasetLoader.load(bytes: Array(text.utf8), name: "u.json")
    }()

    @Test("The unknown date has a 'date unknown' heading after the years, and the ruler spans the known years")
    func heading() throws {
        var state = AppState(store: try! StoreWriter.inMemory(dataset: Self.timeline.dataset), width: 80, height: 24, query: TimelineQuery(), options: DisplayOptions())
        let lines = Renderer.render(state).text.split(separator: "\n").map(String.init)
        let headings = lines.filter { $0.contains("── 2016") || $0.contains("── 2017") || $0.contains("── date unknown") }
        #expect(headings.count == 3)
        #expect(headings.last?.contains("date unknown") == true)
        #expect(lines.contains { $0.contains("date unknown") && $0.contains("Title nobody-knows") })
        #expect(lines.contains { $0.contains("│2016") } && lines.contains { $0.contains("│2017") })
        state.apply(.last)
        #expect(state.selectedID == "nobody-knows")
        _ = Renderer.render(state) // the selection marker of an unknown date is not drawn, and nothing traps
        state.apply(.first, .nextYear, .nextYear)
        #expect(state.selectedID == "nobody-knows", "] reaches the unknown dates after the last year")
    }
}

/// TimelineJS's own example starts at the Big Bang, 13.8 billion years back: the ruler draws its
/// labels by jumping over the years that would collide (trying each year never finished a frame),
/// and a search there counts months that do not fit in 32 bits (it trapped).
@Suite("Deep time on screen")
struct DeepTimeRenderTests {
    static let timeline: Timeline = {
        func event(_ id: String, _ date: String) -> String {
            #"{"id":"\#(id)","date":"\#(date)","title":"Title \#(id)","participants":{"mode":"mutual","countries":["RUS","PAK"]},"kind":"talks","status":"occurred","sources":["s"]}"#
        }
        let text = #"{"format":"bilateral-timeline/1","title":"Deep time","sources":[{"id":"s","publisher":"p"}],"events":["#
            + [event("big-bang", "Y-13800000000"), event("relations", "1948-05")].joined(separator: ",") + "]}"
        return try! DatasetLoader.load(bytes: Array(text.utf8), name: "d.json")
    }()

    @Test("The ruler labels 13.8 billion years in one frame; a search there counts its months",
          .timeLimit(.minutes(1)))
    func ruler() throws {
        var state = AppState(store: try StoreWriter.inMemory(dataset: Self.timeline.dataset), width: 80, height: 24,
                             query: TimelineQuery(), options: DisplayOptions())
        let lines = Renderer.render(state).text.split(separator: "\n").map(String.init)
        let labels = try #require(lines.first { $0.contains("│13800000001 BCE") }, "\(lines)")
        #expect(labels.components(separatedBy: "│").count - 1 >= 3, "more than the first label: \(labels)")
        state.apply(.beginSearch)
        state.type("title")
        state.apply(.activate)
        #expect(state.selectedID == "big-bang")
        let selection = try state.store.selection(TimelineQuery(text: "title"))
        #expect(try selection.bucketCounts(monthBounds: [-(1 << 60), 0, 1 << 60]) == [1, 1], "the Big Bang, and one in our era")
        #expect(state.rulerCounts.reduce(0, +) == 2, "the ruler counts both dated events: \(state.rulerCounts)")
        #expect(state.rulerCounts.first == 1 && state.rulerCounts.last == 1, "at either end of its span: \(state.rulerCounts)")
    }
}
