import DatasetFormats
import Foundation
import ReferenceStore
import SQLiteStore
import Testing
import TimelineKit
@testable import TimelineUI

/// The speaker picker (`s`): a page of the people quoted, most quoted first, narrowed by the prefix
/// of any word of the name; Enter shows all quotes by speaker from that speaker's first.
@Suite("Speaker picker")
struct SpeakerPickerTests {
    /// 400 speakers over 1,250-odd quotes: more than a page of them.
    static let dataset: Dataset = {
        var json: [UInt8] = []
        var generator = SyntheticDataset(seed: 11, shape: .init(pairs: 60, quotesPerEvent: 0.5, speakers: 400))
        generator.write(events: 2500) { json += Array($0.utf8) }
        return try! DatasetLoader.load(bytes: json, name: "speakers.json").dataset
    }()
    static let stores: [any EventStore] = [MemoryEventStore(timeline: Timeline(dataset: dataset)),
                                           try! StoreWriter.inMemory(dataset: dataset)]

    static func everySpeaker(_ store: any EventStore) throws -> [SpeakerCount] {
        try store.speakers(PickerQuery(limit: 100_000))
    }

    static func picker(_ state: AppState) -> PickerState? {
        if case .picker(let picker) = state.overlay { return picker } else { return nil }
    }

    @Test("s opens one page of speakers, most quoted first, 'All speakers' on top; PgDn reaches the last", arguments: [0, 1])
    func opens(_ storeIndex: Int) throws {
        let store = Self.stores[storeIndex]
        let all = try Self.everySpeaker(store)
        try #require(all.count > PickerState.page)
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.quotes >= $1.quotes }, "most quoted first")
        var state = AppState(store: store, width: 160, height: 50)
        state.press(.character("s"))
        let opened = try #require(Self.picker(state))
        #expect(opened.kind == .speaker)
        #expect(opened.items.count == PickerState.page, "one page, not every speaker")
        #expect(opened.items.first?.label == "All speakers")
        #expect(opened.items.first?.count == store.info.quoteCount)
        #expect(opened.items.dropFirst().map(\.speaker) == all.prefix(PickerState.page - 1).map(\.person))
        #expect(opened.items.dropFirst().map(\.count) == all.prefix(PickerState.page - 1).map(\.quotes))
        for step in 1...45 {
            state.apply(.pageDown)
            let current = try #require(Self.picker(state))
            let index = min(step * 10, all.count)
            #expect(current.selectedItem?.speaker == all[index - 1].person, "at \(index)")
            #expect(current.items.count <= PickerState.page)
        }
        #expect(Self.picker(state)?.knownCount == all.count + 1, "the end read: the speakers and 'all'")
        #expect(Renderer.render(state).text.contains(all.last!.person.name))
    }

    @Test("Typing narrows to the speakers a word of whose name begins with it, not one it is inside", arguments: [0, 1])
    func narrows(_ storeIndex: Int) throws {
        let store = Self.stores[storeIndex]
        let all = try Self.everySpeaker(store)
        var state = AppState(store: store, width: 160, height: 50)
        state.press(.character("s"))
        // The second word of a busy speaker's name ("Analyst Word 17"), as typed: lower case.
        let word = all[3].person.name.split(separator: " ")[1].lowercased()
        state.type(word)
        let expected = all.filter { PickerKeys.matches(word, keys: PickerKeys.speaker($0.person)) }
        try #require(expected.count < all.count && expected.contains { $0.person == all[3].person })
        var narrowed = try #require(Self.picker(state))
        #expect(narrowed.items.map(\.speaker) == expected.prefix(PickerState.page).map(\.person), "no 'all' once typed")
        #expect(narrowed.items.allSatisfy { $0.speaker!.name.lowercased().split(separator: " ").contains { $0.hasPrefix(word) } })
        // Inside a word, not at its start: nothing ("nalyst" is in every name).
        state.apply(.back)
        state.press(.character("s"))
        state.type("nalyst")
        narrowed = try #require(Self.picker(state))
        #expect(narrowed.knownCount == 0)
        #expect(Renderer.render(state).text.contains("nothing matches"))
        // One more letter in front: the first word's prefix, which every speaker has.
        state.apply(.back)
        state.press(.character("s"))
        state.type("analyst")
        narrowed = try #require(Self.picker(state))
        #expect(narrowed.items.map(\.speaker) == all.prefix(PickerState.page).map(\.person))
        // A number is the last word: "1" begins 1, 10–19, 100–199 and no others.
        state.apply(.back)
        state.press(.character("s"))
        state.type("analyst " + all[0].person.name.split(separator: " ")[1].lowercased() + " 1")
        narrowed = try #require(Self.picker(state))
        let numbered = all.filter { PickerKeys.matches(PickerKeys.normalized(narrowed.filter), keys: PickerKeys.speaker($0.person)) }
        #expect(narrowed.items.map(\.speaker) == numbered.prefix(PickerState.page).map(\.person))
        #expect(narrowed.items.allSatisfy { $0.speaker!.name.split(separator: " ").last!.hasPrefix("1") })
        // Backspace widens again.
        for _ in 0..<2 { state.apply(.deleteBackward) }
        #expect((Self.picker(state)?.items.count ?? 0) > narrowed.items.count)
    }

    @Test("Enter shows all quotes by speaker from the chosen one's first, their heading at the top", arguments: [0, 1])
    func enter(_ storeIndex: Int) throws {
        let store = Self.stores[storeIndex]
        let all = try Self.everySpeaker(store)
        // A speaker deep in the by-name order, with several quotes.
        let target = try #require(all.filter { $0.quotes > 1 }.max { $0.firstIndex < $1.firstIndex })
        for (width, height) in [(80, 24), (160, 50)] {
            var state = AppState(store: store, width: width, height: height)
            #expect(state.quoteMode == .selectedEvent)
            state.press(.character("s"))
            state.type(target.person.name)
            #expect(Self.picker(state)?.selectedItem?.speaker == target.person)
            state.press(.enter)
            #expect(state.overlay == nil)
            #expect(state.quoteMode == .allBySpeaker)
            #expect(state.focus == .quotes)
            #expect(state.selectedQuoteIndex == target.firstIndex)
            #expect(state.selectedQuote?.speaker == target.person)
            let previous = try state.quotes.quotes((target.firstIndex - 1)..<target.firstIndex).first
            #expect(previous?.speaker != target.person, "the first of the speaker's quotes")
            let rows = PagedPaneTests.rows(state)
            #expect(rows.first?.contains("\(target.person.name) (\(target.quotes))") == true, "heading on top at \(width)x\(height): \(rows)")
            #expect(!PagedPaneTests.markedRows(state).isEmpty, "the selected quote is marked")
            state.press(.character("j"))
            #expect(state.selectedQuoteIndex == target.firstIndex + 1)
            #expect(state.selectedQuote?.speaker == target.person)
        }
    }

    @Test("Esc leaves everything as it was; * (or a before typing) shows all quotes from the top", arguments: [0, 1])
    func escapeAndAll(_ storeIndex: Int) throws {
        var state = AppState(store: Self.stores[storeIndex], width: 120, height: 40)
        state.press(.character("s"), .character("j"))
        #expect(Self.picker(state)?.filter == "j", "j is typed in the picker")
        state.press(.escape)
        #expect(state.overlay == nil)
        #expect(state.quoteMode == .selectedEvent)
        #expect(state.focus == .timeline)
        state.press(.character("s"), .character("*"))
        #expect(state.overlay == nil)
        #expect(state.quoteMode == .allBySpeaker)
        #expect(state.selectedQuoteIndex == 0)
        #expect(state.quoteScroll == .top)
        #expect(PagedPaneTests.rows(state).first?.contains("All \(state.store.info.quoteCount) quotes by speaker") == true)
        state.press(.character("s"), .character("a"))
        #expect(state.overlay == nil, "a before typing: all")
    }

    @Test("The picker drawn at 80x24 and 160x50: title, counts, the selected row reversed")
    func drawn() throws {
        let store = Self.stores[1]
        let all = try Self.everySpeaker(store)
        for (width, height) in [(80, 24), (160, 50)] {
            var state = AppState(store: store, width: width, height: height)
            state.press(.character("s"), .down)
            let grid = Renderer.render(state)
            let lines = grid.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(grid.text.contains("Speakers · type a name · Enter shows their quotes"))
            let allRow = try #require(lines.firstIndex { $0.contains("All speakers") })
            #expect(lines[allRow].contains(String(store.info.quoteCount)))
            let first = try #require(lines.firstIndex { $0.contains(all[0].person.name) }, "at \(width)x\(height)")
            #expect(first == allRow + 1)
            #expect(lines[first].hasSuffix("\(all[0].quotes) │") || lines[first].contains(" \(all[0].quotes) "))
            let x = try #require(lines[first].range(of: all[0].person.name).map { lines[first].distance(from: lines[first].startIndex, to: $0.lowerBound) })
            #expect(grid[x, first].style.reverse, "the selected row")
            #expect(!grid[x, allRow].style.reverse)
        }
    }

    @Test("A speaker's name and affiliation are sanitized before they are drawn")
    func sanitized() throws {
        let people = [Person(id: "x", name: "Evil\u{1B}]0;owned\u{07} Speaker", affiliation: "Bad\u{1B}[2J Co")]
        let codes = [Country(alpha3: "RUS")!, Country(alpha3: "PAK")!]
        let event = Event(id: "e", date: try EDTFDate(parsing: "2020-01-01"), title: "t", summary: "s", participants: .mutual(codes),
                          kind: "statement", status: .occurred, tags: [], sources: [0], people: [], notes: [])
        let dataset = Dataset(title: "T", description: "", people: people, sources: [Source(id: "s", publisher: "P")], events: [event],
                              quotes: [Quote(id: "q", speaker: 0, text: "hello", context: nil, events: [0], source: 0)])
        var state = AppState(store: MemoryEventStore(timeline: Timeline(dataset: dataset)), width: 80, height: 24)
        state.press(.character("s"), .character("e"))
        let text = Renderer.render(state).text
        #expect(text.contains("Speaker"))
        #expect(!text.contains("\u{1B}") && !text.contains("\u{07}"))
    }

    @Test("s is in the quote pane's footer and the help")
    func listed() {
        #expect(Keymap.footerItems(for: .quotes).contains { $0.keys == "s" && $0.word == "speaker" })
        #expect(Keymap.helpSections.contains { $0.section == .start && $0.rows.contains { $0.keys == "s" && $0.help.contains("speaker") } })
    }
}
