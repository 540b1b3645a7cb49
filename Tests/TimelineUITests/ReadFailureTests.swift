import Foundation
import ReferenceStore
import TestSupport
import Testing
import TimelineKit
@testable import TimelineUI

/// A store read that fails while a pane pages (a store damaged after it was opened, a lost
/// connection): the quote pane and the pickers say so in a sanitized line, never blank rows.
@Suite("Read failures in paged panes")
struct ReadFailureTests {
    @Test("A quote page that cannot be read shows the error in the pane, sanitized; the next frame recovers")
    func quotePage() throws {
        let store = FailingStore(MemoryEventStore(timeline: Timeline(dataset: PagedPaneTests.paging)))
        store.failQuotes = true
        var state = PagedPaneTests.allQuotes(store, width: 80, height: 24)
        var rows = PagedPaneTests.rows(state)
        let failure = try #require(rows.firstIndex { $0.contains("could not read the quotes:") }, "\(rows)")
        #expect(rows[failure...].joined().contains("disk went away"))
        #expect(!Renderer.render(state).text.contains("\u{1B}"), "the error's escape is not drawn")
        #expect(rows.first?.contains("All 12 quotes by speaker") == true, "the heading still shows")
        #expect(rows[(failure + 1)...].allSatisfy { !$0.contains("could not read") }, "one failure line, not one per quote")
        #expect(state.selectedQuote == nil)
        state.apply(.activate)
        #expect(state.message == "no quote selected")
        store.failQuotes = false
        rows = PagedPaneTests.rows(state)
        #expect(!rows.contains { $0.contains("could not read") })
        #expect(rows.contains { $0.contains("Aamir Khan (1)") }, "read again once the store answers: \(rows)")
    }

    @Test("A picker page that cannot be read says why instead of 'nothing matches', and recovers", arguments: [
        Action.openSpeakerPicker, .openPairPicker, .openCountryPicker,
    ])
    func pickerPage(_ open: Action) throws {
        let store = FailingStore(MemoryEventStore(timeline: Timeline(dataset: PagedPaneTests.paging)))
        var state = AppState(store: store, width: 80, height: 24)
        store.failPickers = true
        state.apply(open)
        guard case .picker(let picker) = state.overlay else { Issue.record("the picker opens to say why"); return }
        #expect(picker.failure?.contains("disk went away") == true)
        #expect(picker.items.isEmpty)
        var text = Renderer.render(state).text
        #expect(text.contains("could not read the list:"))
        #expect(!text.contains("nothing matches"))
        #expect(!text.contains("\u{1B}"))
        #expect(state.storeFailure != nil, "reported as every store failure is")
        state.type("r")
        text = Renderer.render(state).text
        #expect(text.contains("could not read the list:"), "typing asks again, and says it failed again")
        store.failPickers = false
        state.apply(.deleteBackward)
        guard case .picker(let recovered) = state.overlay else { Issue.record("closed"); return }
        #expect(recovered.failure == nil)
        #expect(!recovered.items.isEmpty)
        #expect(!Renderer.render(state).text.contains("could not read"))
        store.failPickers = true
        state.type("x")
        state.apply(.activate)
        #expect(state.message?.contains("could not read the list") == true, "Enter says why nothing was chosen")
    }
}

/// An error whose text carries a terminal escape, as a damaged file's bytes could.
struct DiskError: Error, CustomStringConvertible {
    var description: String { "disk went away \u{1B}[2J here" }
}

/// A store whose quote pages or picker pages fail while the flag is set.
final class FailingStore: EventStore, @unchecked Sendable {
    let base: any EventStore
    var failQuotes = false
    var failPickers = false
    init(_ base: any EventStore) { self.base = base }
    var info: StoreInfo { base.info }
    func selection(_ query: TimelineQuery) throws -> any EventSelection { try base.selection(query) }
    func event(atPosition position: Int) throws -> EventDetail { try base.event(atPosition: position) }
    func position(ofEventID id: String) throws -> Int? { try base.position(ofEventID: id) }
    func suggestions(forEventID id: String) throws -> [String] { try base.suggestions(forEventID: id) }
    func pairs(_ query: PickerQuery) throws -> [PairSummary] {
        // The header's pair labels read one entry; only the picker's pages (larger) fail.
        if failPickers && query.limit > 8 { throw DiskError() }
        return try base.pairs(query)
    }
    func countries(_ query: PickerQuery) throws -> [CountryCount] { if failPickers { throw DiskError() }; return try base.countries(query) }
    func speakers(_ query: PickerQuery) throws -> [SpeakerCount] { if failPickers { throw DiskError() }; return try base.speakers(query) }
    func quoteSelection(_ scope: QuoteScope) throws -> any QuoteSelection { FailingQuotes(base: try base.quoteSelection(scope), store: self) }
    func quotes(_ query: QuoteQuery) throws -> [QuoteDetail] { try base.quotes(query) }
    func worker() throws -> any EventStore { self }
    func interrupt() { base.interrupt() }
    func trend(_ query: TrendQuery) throws -> Trend { try base.trend(query) }
}

struct FailingQuotes: QuoteSelection, @unchecked Sendable {
    let base: any QuoteSelection
    let store: FailingStore
    var scope: QuoteScope { base.scope }
    var count: Int { base.count }
    func quotes(_ range: Range<Int>) throws -> [QuoteDetail] { if store.failQuotes { throw DiskError() }; return try base.quotes(range) }
    func index(ofQuoteID id: String) throws -> Int? { try base.index(ofQuoteID: id) }
    func speakerRun(containing index: Int) throws -> Range<Int> { try base.speakerRun(containing: index) }
    func match(_ search: SearchText, from index: Int, forward: Bool) throws -> Int? { try base.match(search, from: index, forward: forward) }
}
