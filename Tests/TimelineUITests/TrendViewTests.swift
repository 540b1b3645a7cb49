import DatasetFormats
import Foundation
import ReferenceStore
import SQLiteStore
import TestSupport
import Testing
import TimelineKit
@testable import TimelineUI

/// The trend view (`t`) on the bundled data, whose events carry CAMEO codes.
@Suite("Trend view")
struct TrendViewTests {
    static let bundled = try! DatasetLoader.load(path: Repository.root.appendingPathComponent("data/timeline.json").path)
    static let store: any EventStore = try! StoreWriter.inMemory(dataset: bundled.dataset)

    static func question(width: Int = 80, height: Int = 24, options: DisplayOptions = DisplayOptions(), store: any EventStore = store) throws -> AppState {
        // "How did RUS–PAK and IND–RUS change from 1990 to 2025?"
        let query = TimelineQuery(pairs: [Fixtures.pair("RUS-PAK"), Fixtures.pair("IND-RUS")], from: try EDTFDate(parsing: "1990"),
                                  to: try EDTFDate(parsing: "2025"))
        var state = AppState(store: store, width: width, height: height, query: query, options: options)
        state.press(.character("t"))
        return state
    }

    @Test("Snapshots: the README question at 80×24 and 160×50, the busiest pairs at 160×50, without colour, in ASCII")
    func snapshots() throws {
        var state = try Self.question()
        state.press(.character("j"), .character("h"), .character("h"), .character("h"), .character("h"), .character("h"),
                    .character("h"), .character("h"), .character("h"))
        Snapshot.assert(Renderer.render(state), named: "trend-80x24")
        var wide = try Self.question(width: 160, height: 50)
        wide.press(.character("j"))
        Snapshot.assert(Renderer.render(wide), named: "trend-160x50")
        var busiest = AppState(store: Self.store, width: 160, height: 50)
        busiest.press(.character("t"))
        Snapshot.assert(Renderer.render(busiest), named: "trend-busiest-160x50")
        let plain = try Self.question(options: DisplayOptions(color: false))
        Snapshot.assert(Renderer.render(plain), named: "trend-nocolor-80x24")
        let ascii = try Self.question(options: DisplayOptions(ascii: true))
        Snapshot.assert(Renderer.render(ascii), named: "trend-ascii-80x24")
    }

    @Test("Rows are the filter's pairs, else the busiest; the cursor shows exact counts; h l j k move and clamp")
    func rowsAndCursor() throws {
        var state = try Self.question()
        #expect(state.keyContext == .trend)
        #expect(state.trend?.labels == ["IND–RUS", "RUS–PAK"])
        #expect(state.trend?.bucket == .year)
        #expect(state.trend.map { TrendBucket.year.label($0.cursor) } == "2025", "opens at the latest bucket with events")
        state.press(.character("j"))
        for _ in 0..<8 { state.press(.character("h")) }
        #expect(state.trend.map { TrendBucket.year.label($0.cursor) } == "2017")
        let grid = Renderer.render(state)
        #expect(grid.lines[1].contains("RUS–PAK · 2017: 6 events — 4 verbal cooperation, 2 material cooperation"))
        state.press(.character("j"))
        #expect(state.trend?.row == 1, "clamped at the last row")
        state.press(.character("G"), .character("l"))
        #expect(state.trend.map { TrendBucket.year.label($0.cursor) } == "2025", "clamped at --to")
        state.press(.character("g"), .character("h"))
        #expect(state.trend.map { TrendBucket.year.label($0.cursor) } == "1990", "clamped at --from")

        var busiest = AppState(store: Self.store, width: 160, height: 50)
        busiest.press(.character("t"))
        let top = try Self.store.allPairs().prefix(TrendViewState.busiestPairs).map(\.label)
        #expect(busiest.trend?.labels == Array(top))
        let shown = Renderer.render(busiest).lines.filter { $0.hasPrefix("▶") || $0.hasPrefix(" ") && top.contains(String($0.dropFirst().prefix(7))) }
        #expect(shown.count >= 8, "as many rows as fit at 160×50")
    }

    @Test("b changes the bucket and keeps the cursor's time; Enter opens the timeline of the pair at the bucket")
    func bucketsAndEnter() throws {
        var state = try Self.question()
        state.press(.character("j"))
        for _ in 0..<8 { state.press(.character("h")) }
        state.press(.character("b"))
        #expect(state.trend?.bucket == .quarter)
        state.press(.character("b"))
        #expect(state.trend?.bucket == .month)
        #expect(state.trend.map { TrendBucket.month.label($0.cursor) } == "2017-01")
        state.press(.character("b"), .character("b"))
        #expect(state.trend?.bucket == .quarter)
        #expect(state.trend.map { TrendBucket.quarter.label($0.cursor) } == "2017 Q1")
        state.press(.character("l"))   // 2017 Q2: the SCO membership, 9 Jun 2017
        state.press(.enter)
        #expect(state.trend == nil && state.keyContext == .timeline)
        #expect(state.query.pairs == [Fixtures.pair("RUS-PAK")])
        #expect(state.selectedRow?.id == "sco-membership-2017")
    }

    @Test("The pair picker adds a pair to the trend and removes it; x removes the row's pair")
    func pickerAddsAndRemoves() throws {
        var state = try Self.question()
        state.press(.character("p"))
        state.type("pak-usa")
        state.press(.enter)
        #expect(state.trend?.labels == ["IND–RUS", "RUS–PAK", "PAK–USA"])
        #expect(state.trend?.row == 2)
        #expect(state.trend?.panels.count == 3)
        state.press(.character("p"))
        state.type("ind-rus")
        state.press(.enter)
        #expect(state.trend?.labels == ["RUS–PAK", "PAK–USA"])
        state.press(.character("x"))
        #expect(state.trend?.labels.count == 1)
        state.press(.character("x"))
        #expect(state.trend?.labels.count == 1, "the last row stays")
        #expect(state.message != nil)
    }

    @Test("A resize redraws at the new size and picks the bucket that fits, unless b chose one")
    func resize() throws {
        var state = try Self.question()
        state.apply(.resize(width: 160, height: 50))
        #expect(Renderer.render(state).width == 160)
        #expect(state.trend?.bucket == .quarter, "36 years: 144 quarters fit 153 columns, 432 months do not")
        // A short span fits months.
        var short = AppState(store: Self.store, width: 80, height: 24,
                             query: TimelineQuery(pairs: [Fixtures.pair("RUS-PAK")], from: try EDTFDate(parsing: "2014"), to: try EDTFDate(parsing: "2017")))
        short.press(.character("t"))
        #expect(short.trend?.bucket == .month)
        short.apply(.resize(width: 40, height: 12))
        #expect(short.trend?.bucket == .quarter)
        short.press(.character("b"))
        #expect(short.trend?.bucket == .month)
        short.apply(.resize(width: 40, height: 12))
        #expect(short.trend?.bucket == .month, "b's choice, kept")
        for size in [(40, 10), (80, 24), (160, 50)] {
            short.apply(.resize(width: size.0, height: size.1))
            let grid = Renderer.render(short)
            #expect(grid.lines.contains { $0.contains("RUS–PAK") }, "\(size)")
        }
    }

    @Test("The numbers are read off the input path: the key draws the rows at once and the bars follow the answer; a stale answer is dropped, a failed read says why")
    func readOffTheInputPath() throws {
        var state = AppState(store: Self.store, width: 80, height: 24, query: TimelineQuery(pairs: [Fixtures.pair("RUS-PAK")]))
        let opened = state.update(.toggleTrend)
        guard opened.count == 1, case .readTrend(let first) = opened[0] else {
            Issue.record("opening asks for one trend read, got \(opened)")
            return
        }
        #expect(first.query.pairs == [Fixtures.pair("RUS-PAK")])
        #expect(state.trend?.panels.isEmpty == true)
        let waiting = Renderer.render(state).text
        #expect(waiting.contains("RUS–PAK · ") && waiting.contains("reading…"), "the row and the readout are drawn before the answer")
        // `b` asks a new question; the first answer then answers nothing.
        let rebucketed = state.update(.cycleBucket)
        guard rebucketed.count == 1, case .readTrend(let second) = rebucketed[0] else {
            Issue.record("a new bucket asks for one trend read, got \(rebucketed)")
            return
        }
        #expect(second.generation > first.generation && second.query.bucket != first.query.bucket)
        #expect(state.update(.moveDown).isEmpty, "a cursor key asks for nothing")
        state.update(.trendRead(generation: first.generation, answer: .read(try Self.store.trend(first.query))))
        #expect(state.trend?.panels.isEmpty == true && state.trend?.pending?.request == second, "the stale answer is dropped")
        state.update(.trendRead(generation: second.generation, answer: .failed("server closed the connection")))
        #expect(state.trend?.pending == nil)
        #expect(Renderer.render(state).text.contains("could not read: server closed the connection"))
        // Asking again reads again, and the answer fills the bars.
        let third = state.update(.cycleBucket)
        guard case .readTrend(let request) = third.first else {
            Issue.record("expected a read, got \(third)")
            return
        }
        state.update(.trendRead(generation: request.generation, answer: .read(try Self.store.trend(request.query))))
        #expect(state.trend?.panels.first?.isEmpty == false)
        #expect(state.trend?.loaded == request.query)
        #expect(!Renderer.render(state).text.contains("reading"))
    }

    @Test("A trend read that finds the server gone keeps the rows, says so, and is asked again until it is answered")
    func readAgainAfterTheConnectionComesBack() throws {
        var state = AppState(store: Self.store, width: 80, height: 24, query: TimelineQuery(pairs: [Fixtures.pair("RUS-PAK")]))
        guard case .readTrend(let request) = state.update(.toggleTrend).first else {
            Issue.record("opening asks for a trend read")
            return
        }
        #expect(!state.trendAwaitsConnection && state.retryTrendRead().isEmpty, "nothing to retry while the read is in flight")
        state.update(.trendRead(generation: request.generation, answer: .connectionLost))
        #expect(state.trendAwaitsConnection)
        let screen = Renderer.render(state).text
        #expect(screen.contains(AppState.connectionLostMessage) && screen.contains("reading…") && screen.contains("RUS–PAK · "))
        #expect(!screen.contains("could not read"))
        // Once a second the loop asks again: the same question, once.
        let retried = state.retryTrendRead()
        #expect(retried == [.readTrend(request)])
        #expect(!state.trendAwaitsConnection && state.retryTrendRead().isEmpty)
        // Still gone, then back: the answer fills the bars.
        state.update(.trendRead(generation: request.generation, answer: .connectionLost))
        #expect(state.retryTrendRead() == [.readTrend(request)])
        state.update(.trendRead(generation: request.generation, answer: .read(try Self.store.trend(request.query))))
        #expect(state.trend?.panels.first?.isEmpty == false && state.trend?.loaded == request.query)
        #expect(!state.trendAwaitsConnection && !Renderer.render(state).text.contains("reading"))
        // A lost read that a newer question replaced is not asked again.
        guard case .readTrend(let older) = state.update(.cycleBucket).first,
              case .readTrend(let newer) = state.update(.cycleBucket).first else {
            Issue.record("each bucket change asks for a read")
            return
        }
        state.update(.trendRead(generation: older.generation, answer: .connectionLost))
        #expect(!state.trendAwaitsConnection && state.trend?.pending?.request == newer)
    }

    @Test("Frames and cursor keys read nothing from the store; a new bucket is one trend query")
    func cachedNotPerFrame() throws {
        let counting = CountingStore(Self.store)
        var state = try Self.question(store: counting)
        let opened = counting.trendCalls, others = counting.otherCalls
        #expect(opened == 1)
        for key in [Key.character("h"), .character("l"), .character("j"), .character("k"), .character("m"), .character("G")] {
            state.press(key)
            _ = Renderer.render(state)
            _ = Renderer.render(state)
        }
        #expect(counting.trendCalls == opened && counting.otherCalls == others)
        state.press(.character("b"))
        #expect(counting.trendCalls == opened + 1)
    }

    @Test("Opening reads no label per row: the filter's come from the header, the busiest with their page")
    func labelsWithoutLookups() throws {
        let counting = CountingStore(Self.store)
        var filtered = try Self.question(store: counting)
        filtered.press(.character("t"))
        let before = counting.otherCalls
        filtered.press(.character("t"))
        #expect(counting.otherCalls == before, "the pair filter's labels are the header's")
        #expect(filtered.trend?.labels == ["IND–RUS", "RUS–PAK"])
        var busiest = AppState(store: counting, width: 160, height: 50)
        let opening = counting.otherCalls
        busiest.press(.character("t"))
        #expect(counting.otherCalls - opening == 1, "one page of the busiest pairs, labels included")
        #expect(busiest.trend?.labels.count == min(TrendViewState.busiestPairs, try Self.store.allPairs().count))
        #expect(busiest.trend?.labels == Array(try Self.store.allPairs().prefix(TrendViewState.busiestPairs).map(\.label)))
        #expect(busiest.trend?.labels.allSatisfy { $0.contains("–") } == true)
    }

    @Test("Measures show as marks where events have them")
    func measureMarks() throws {
        let rus = Country(alpha3: "RUS")!, pak = Country(alpha3: "PAK")!
        let events = (0..<6).map { index in
            Event(id: "e\(index)", date: try! EDTFDate(parsing: "201\(index)-05-01"), title: "t", summary: "", participants: .mutual([rus, pak]),
                  kind: "visit", status: .occurred, tags: [], sources: [0], people: [], notes: [],
                  attributes: [Attribute("GoldsteinScale", .number(Double(index * 4 - 10)))], cameo: "042")
        }
        let dataset = Dataset(title: "m", description: "", people: [], sources: [Source(id: "s", publisher: "p")], events: events, quotes: [])
        var state = AppState(store: try StoreWriter.inMemory(dataset: dataset), width: 80, height: 24)
        state.press(.character("t"))
        func marks(_ grid: Grid) -> Int { grid.cells.filter { $0.style.underline }.count + grid.text.filter { $0 == "●" }.count }
        #expect(marks(Renderer.render(state)) == 0)
        state.press(.character("m"))
        #expect(state.trend?.measure == .goldstein)
        let grid = Renderer.render(state)
        #expect(marks(grid) >= 6, "a mark in each year's bar (on the bar: underlined; above it: a dot)")
        #expect(grid.text.contains("mean Goldstein 10"))
    }

    @Test("t is in the timeline's footer and the help; the trend's keys in its footer")
    func keysListed() throws {
        #expect(Keymap.footerItems(for: .timeline).contains { $0.word == "trend" })
        #expect(Keymap.footerItems(for: .trend).map(\.word).starts(with: ["bucket", "pair", "open", "timeline", "pairs"]))
        let sections = Keymap.helpSections
        #expect(sections.contains { $0.section == .trend && $0.rows.contains { $0.keys == "b" } })
        #expect(sections.contains { $0.section == .start && $0.rows.contains { $0.keys == "t" } })
    }
}

/// A store that counts what it is asked, to show frames and cursor keys ask nothing.
final class CountingStore: EventStore, @unchecked Sendable {
    let base: any EventStore
    private(set) var trendCalls = 0
    private(set) var otherCalls = 0
    init(_ base: any EventStore) { self.base = base }
    var info: StoreInfo { base.info }
    func selection(_ query: TimelineQuery) throws -> any EventSelection { otherCalls += 1; return try base.selection(query) }
    func event(atPosition position: Int) throws -> EventDetail { otherCalls += 1; return try base.event(atPosition: position) }
    func position(ofEventID id: String) throws -> Int? { otherCalls += 1; return try base.position(ofEventID: id) }
    func suggestions(forEventID id: String) throws -> [String] { try base.suggestions(forEventID: id) }
    func pairs(_ query: PickerQuery) throws -> [PairSummary] { otherCalls += 1; return try base.pairs(query) }
    func countries(_ query: PickerQuery) throws -> [CountryCount] { otherCalls += 1; return try base.countries(query) }
    func speakers(_ query: PickerQuery) throws -> [SpeakerCount] { otherCalls += 1; return try base.speakers(query) }
    func quoteSelection(_ scope: QuoteScope) throws -> any QuoteSelection { otherCalls += 1; return try base.quoteSelection(scope) }
    func quotes(_ query: QuoteQuery) throws -> [QuoteDetail] { otherCalls += 1; return try base.quotes(query) }
    func worker() throws -> any EventStore { self }
    func interrupt() { base.interrupt() }
    func trend(_ query: TrendQuery) throws -> Trend { trendCalls += 1; return try base.trend(query) }
}
