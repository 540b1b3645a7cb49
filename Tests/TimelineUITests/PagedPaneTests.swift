import DatasetFormats
import Foundation
import ReferenceStore
import SQLiteStore
import TestSupport
import Testing
import TimelineKit
@testable import TimelineUI

/// The panes that page through the store (issue 13): the all-quotes pane with a quote longer than
/// the pane and its own search, the pair picker over thousands of pairs, and the ruler's buckets.
@Suite("Paged panes")
struct PagedPaneTests {
    static let paging = PagingDataset.make()
    static let stores: [any EventStore] = [MemoryEventStore(timeline: Timeline(dataset: paging)),
                                           try! StoreWriter.inMemory(dataset: paging)]

    static func allQuotes(_ store: any EventStore, width: Int = 120, height: Int = 40) -> AppState {
        var state = AppState(store: store, width: width, height: height)
        state.apply(.toggleQuoteView)
        while state.focus != .quotes { state.apply(.focusNext) }
        return state
    }

    /// The visible text of the quote pane, one string a row, right of the marker column.
    static func rows(_ state: AppState) -> [String] {
        let grid = Renderer.render(state)
        let content = ScreenLayout.content(of: state.layout.quotes)
        return (content.y..<content.maxY).map { y in
            String(((content.x + 1)..<content.maxX).filter { !grid[$0, y].isContinuation }.map { grid[$0, y].character })
        }
    }

    static func markedRows(_ state: AppState) -> [Int] {
        let grid = Renderer.render(state)
        let content = ScreenLayout.content(of: state.layout.quotes)
        return (content.y..<content.maxY).filter { grid[content.x, $0].character == "▌" }.map { $0 - content.y }
    }

    @Test("A quote longer than the pane: selected at its first line, paged through, left with j", arguments: [0, 1])
    func longQuote(_ storeIndex: Int) {
        var state = Self.allQuotes(Self.stores[storeIndex], width: 80, height: 24)
        let height = ScreenLayout.content(of: state.layout.quotes).height
        #expect(Self.rows(state).first?.contains("All 12 quotes by speaker") == true)
        // q4, the long one, is tenth by speaker: Zoë Ålander's second.
        for _ in 0..<10 { state.apply(.moveDown) }
        #expect(state.selectedQuoteIndex == 10)
        #expect(state.selectedQuote?.id == "q4")
        var rows = Self.rows(state)
        #expect(rows.first?.contains("“word0 word1") == true, "its first line at the top: \(rows)")
        #expect(Self.markedRows(state) == Array(0..<height), "marked all the way down: it runs on below")
        // Paging down reads on through it, and it stays the selected quote.
        var seenFinale = false
        for _ in 0..<30 {
            state.apply(.pageDown)
            rows = Self.rows(state)
            if rows.contains(where: { $0.contains("finale") }) { seenFinale = true; break }
            #expect(state.selectedQuoteIndex == 10)
        }
        #expect(seenFinale, "paging reaches its end")
        state.apply(.pageDown, .pageDown)
        rows = Self.rows(state)
        #expect(rows.contains { $0.contains("Quote 9 on") }, "the last quote shows at the end: \(rows)")
        #expect(!rows.last!.trimmingCharacters(in: .whitespaces).isEmpty || rows.contains { $0.contains("→") },
                "no blank pane below the last quote")
        // j from the long quote selects the next, shown from its first line.
        state.apply(.first)
        #expect(state.selectedQuoteIndex == 0)
        #expect(Self.markedRows(state).first == 0, "the first quote's first line at the top")
        state.apply(.pageUp)
        #expect(Self.rows(state).first?.contains("All 12 quotes") == true, "PgUp scrolls up to the headings")
        for _ in 0..<11 { state.apply(.moveDown) }
        #expect(state.selectedQuote?.id == "q9")
        let marked = Self.markedRows(state)
        #expect(!marked.isEmpty)
        #expect(Self.rows(state)[marked.first!].contains("“Quote 9 on"))
        state.apply(.last)
        #expect(state.selectedQuoteIndex == 11)
    }

    @Test("Speaker headings count each speaker's quotes; nobody unquoted is listed", arguments: [0, 1])
    func headings(_ storeIndex: Int) {
        var state = Self.allQuotes(Self.stores[storeIndex], width: 120, height: 60)
        var text: [String] = []
        for _ in 0..<12 {
            text += Self.rows(state)
            state.apply(.pageDown)
        }
        for heading in ["Aamir Khan (1)", "Imran Khan (3)", "Vladimir Putin (5)", "Zoë Ålander (3) — Åbo Akademi"] {
            #expect(text.contains { $0.contains(heading) }, "\(heading)")
        }
        #expect(!text.contains { $0.contains("Nobody Quoted") })
    }

    @Test("/ in the quote pane searches the quotes; n and N move and wrap; Esc restores", arguments: [0, 1])
    func quoteSearch(_ storeIndex: Int) {
        var state = Self.allQuotes(Self.stores[storeIndex])
        state.apply(.moveDown, .moveDown)
        let timelineSelection = state.selectedIndex
        state.apply(.beginSearch)
        state.type("fina")
        #expect(state.selectedQuote?.id == "q4", "the first match from where the search began")
        state.apply(.back)
        #expect(state.selectedQuoteIndex == 2, "Esc restores")
        #expect(state.searchTerm.isEmpty)
        state.apply(.beginSearch)
        state.type("khan")
        state.apply(.activate)
        #expect(state.selectedQuoteIndex == 2, "from q6, the second of Imran Khan's: itself")
        state.apply(.nextMatch)
        #expect(state.selectedQuoteIndex == 3)
        state.apply(.nextMatch)
        #expect(state.selectedQuoteIndex == 0, "wrapped to Aamir Khan")
        #expect(state.message == "search wrapped to the first quote")
        state.apply(.previousMatch)
        #expect(state.selectedQuoteIndex == 3)
        #expect(state.selectedIndex == timelineSelection, "the timeline did not move")
        state.apply(.beginSearch)
        state.type("zzzz")
        #expect(state.message == "no match")
        #expect(state.selectedQuoteIndex == 3)
    }

    @Test("Enter on a quote follows it to its event; the event's quotes find it by id", arguments: [0, 1])
    func follow(_ storeIndex: Int) {
        var state = Self.allQuotes(Self.stores[storeIndex])
        for _ in 0..<4 { state.apply(.moveDown) } // q0
        #expect(state.selectedQuote?.id == "q0")
        state.apply(.activate)
        #expect(state.selectedID == "e-0-0", "q0's first event")
        state.apply(.toggleQuoteView)
        #expect(state.quoteMode == .selectedEvent)
        #expect(state.quoteItems.map(\.id) == ["q0"])
    }

    // MARK: - Picker

    static let manyPairs: any EventStore = {
        var json: [UInt8] = []
        var generator = SyntheticDataset(seed: 3, shape: .init(pairs: 1500, quotesPerEvent: 0.1, speakers: 3))
        generator.write(events: 2500) { json += Array($0.utf8) }
        let timeline = try! DatasetLoader.load(bytes: json, name: "pairs.json")
        return try! StoreWriter.inMemory(dataset: timeline.dataset)
    }()

    @Test("The pair picker holds one window of 1500 pairs; paging, typing, Enter and * read pages")
    func pickerPages() throws {
        let store = Self.manyPairs
        let all = try store.allPairs()
        #expect(all.count == 1500)
        var state = AppState(store: store, width: 160, height: 50)
        state.apply(.openPairPicker)
        func picker() -> PickerState? { if case .picker(let picker) = state.overlay { return picker } else { return nil } }
        #expect(picker()?.items.count == PickerState.page, "one page, not every pair")
        #expect(picker()?.selectedItem?.label == "All pairs")
        for step in 1...200 {
            state.apply(.pageDown)
            let current = try #require(picker())
            let index = min(step * 10, all.count)
            #expect(current.selectedIndex == index)
            #expect(current.selectedItem?.pair == all[index - 1].pair, "at \(index)")
            #expect(current.items.count <= PickerState.page)
        }
        #expect(picker()?.knownCount == all.count + 1, "the end read: the pairs and 'all'")
        let grid = Renderer.render(state)
        #expect(grid.text.contains(all.last!.label), "the last pair is drawn")
        state.apply(.pageUp)
        #expect(picker()?.selectedItem?.pair == all[all.count - 11].pair)
        // The busiest pair's first country: its pairs, busiest first.
        let code = all[0].displayOrder.0.alpha3
        state.type(code.lowercased())
        let narrowed = try #require(picker())
        #expect(narrowed.selectedIndex == 0)
        let expected = all.filter { $0.label.contains(code) }
        try #require(expected.count > 2)
        #expect(narrowed.items.map(\.pair) == Array(expected.prefix(PickerState.page)).map(\.pair))
        state.apply(.moveDown, .activate)
        #expect(state.query.pairs == [expected[1].pair])
        #expect(state.pairFilterLabels == [expected[1].label])
        #expect(state.overlay == nil)
        state.apply(.clearPairFilter)
        #expect(state.query.pairs.isEmpty)
        #expect(state.visibleCount == 2500)
    }

    // MARK: - Ruler

    /// The ruler's counts as a frame used to add them up: each month into the column of its first day.
    static func columnsByMonth(_ state: AppState, width: Int) throws -> [Int] {
        guard let scale = RulerScale(info: state.store.info, width: width) else { return [] }
        var counts = [Int](repeating: 0, count: width)
        let first = MonthCount.month(ofDay: state.store.info.firstDay!), last = MonthCount.month(ofDay: state.store.info.lastDay!)
        let perMonth = try state.visibleEvents.bucketCounts(monthBounds: Array(first...(last + 1)))
        for (offset, count) in perMonth.enumerated() {
            counts[min(width - 1, scale.column(ofDay: MonthCount.firstDay(ofMonth: first + offset)))] += count
        }
        return counts
    }

    @Test("The ruler's bucket counts equal the months added up column by column, at every width and filter",
          arguments: [0, 1])
    func ruler(_ storeIndex: Int) throws {
        for width in [40, 41, 59, 80, 111, 160, 233] {
            for query in [TimelineQuery(), TimelineQuery(pairs: [Fixtures.pair("TUR-RUS")]), TimelineQuery(text: "event 2"),
                          TimelineQuery(pairs: [Fixtures.pair("BRA-ARG")])] {
                let state = AppState(store: Self.stores[storeIndex], width: width, height: 24, query: query)
                #expect(state.rulerCounts.count == width - 2)
                #expect(try state.rulerCounts == Self.columnsByMonth(state, width: width - 2), "\(width) \(query)")
                #expect(state.rulerCounts.reduce(0, +) == state.visibleCount)
            }
        }
        var state = AppState(store: Self.stores[storeIndex], width: 80, height: 24)
        state.apply(.resize(width: 131, height: 30))
        #expect(state.rulerCounts.count == 129, "read again for the new width")
        #expect(try state.rulerCounts == Self.columnsByMonth(state, width: 129))
        state.apply(.resize(width: 131, height: 12))
        #expect(state.rulerCounts.count == 129)
    }

    @Test("RulerScale's month bounds: one per column, ascending, from far below to far above")
    func rulerBounds() {
        let info = StoreInfo(title: "", description: "", eventCount: 1, quoteCount: 0,
                             firstDay: CivilCalendar.dayNumber(year: 2001, month: 5, day: 3),
                             lastDay: CivilCalendar.dayNumber(year: 2003, month: 2, day: 1))
        for width in [8, 9, 36, 37, 200] {
            let scale = RulerScale(info: info, width: width)!
            let bounds = scale.monthBounds
            #expect(bounds.count == width + 1)
            #expect(bounds == bounds.sorted())
            #expect(bounds.first! < -1_000_000 && bounds.last! > 1_000_000)
            // Each column's months have their first day in it.
            for column in 0..<width {
                for month in max(bounds[column], 2001 * 12)..<min(bounds[column + 1], 2004 * 12) {
                    #expect(scale.column(ofDay: MonthCount.firstDay(ofMonth: month)) == column, "month \(month) at width \(width)")
                }
            }
        }
        #expect(RulerScale(info: info, width: 7) == nil)
    }
}
