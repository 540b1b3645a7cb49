import Foundation
import ReferenceStore
import Testing
import TimelineKit
@testable import TimelineUI

/// A store behind a server that goes away and comes back: every call fails with a lost
/// connection while `down` is set, as the PostgreSQL store's do.
final class FlakyStore: EventStore, @unchecked Sendable {
    struct Lost: StoreConnectionError { var isConnectionLost: Bool { true } }
    let base: any EventStore
    private let lock = NSLock()
    private var isDown = false
    var down: Bool {
        get { lock.withLock { isDown } }
        set { lock.withLock { isDown = newValue } }
    }

    init(_ base: any EventStore) { self.base = base }

    func check() throws { if down { throw Lost() } }
    var info: StoreInfo { base.info }
    func selection(_ query: TimelineQuery) throws -> any EventSelection { try check(); return FlakySelection(base: try base.selection(query), store: self) }
    func event(atPosition position: Int) throws -> EventDetail { try check(); return try base.event(atPosition: position) }
    func position(ofEventID id: String) throws -> Int? { try check(); return try base.position(ofEventID: id) }
    func suggestions(forEventID id: String) throws -> [String] { try check(); return try base.suggestions(forEventID: id) }
    func pairs(_ query: PickerQuery) throws -> [PairSummary] { try check(); return try base.pairs(query) }
    func countries(_ query: PickerQuery) throws -> [CountryCount] { try check(); return try base.countries(query) }
    func speakers(_ query: PickerQuery) throws -> [SpeakerCount] { try check(); return try base.speakers(query) }
    func quoteSelection(_ scope: QuoteScope) throws -> any QuoteSelection { try check(); return try base.quoteSelection(scope) }
    func quotes(_ query: QuoteQuery) throws -> [QuoteDetail] { try check(); return try base.quotes(query) }
    func worker() throws -> any EventStore { self }
    func interrupt() {}
    func trend(_ query: TrendQuery) throws -> Trend { try check(); return try base.trend(query) }
}

struct FlakySelection: EventSelection {
    let base: any EventSelection
    let store: FlakyStore
    var query: TimelineQuery { base.query }
    var count: Int { base.count }
    func rows(_ range: Range<Int>) throws -> [EventRow] { try store.check(); return try base.rows(range) }
    func index(atOrAfterPosition position: Int) throws -> Int? { try store.check(); return try base.index(atOrAfterPosition: position) }
    func index(onOrAfterDay day: Int) throws -> Int? { try store.check(); return try base.index(onOrAfterDay: day) }
    func bucketCounts(monthBounds: [Int]) throws -> [Int] { try store.check(); return try base.bucketCounts(monthBounds: monthBounds) }
    func match(_ search: SearchText, from index: Int, forward: Bool) throws -> Int? {
        try store.check(); return try base.match(search, from: index, forward: forward)
    }
    func matches(_ search: SearchText, in range: Range<Int>) throws -> Set<Int> { try store.check(); return try base.matches(search, in: range) }
    func matchCount(_ search: SearchText) throws -> Int { try store.check(); return try base.matchCount(search) }
}

@Suite("A lost connection: the screen stays, the footer says so, the key waits")
struct ConnectionLossTests {
    @Test func keyWaitsUntilTheServerIsBack() throws {
        let store = FlakyStore(MemoryEventStore(timeline: Fixtures.timeline))
        var state = AppState(store: store, width: 80, height: 24)
        let reference = Fixtures.state()
        let before = Renderer.render(state).text
        #expect(!before.contains(AppState.connectionLostMessage))

        store.down = true
        #expect(state.perform(.moveDown).isEmpty)
        #expect(state.isWaitingForConnection)
        #expect(state.storeFailure == nil)
        #expect(state.selectedIndex == 0)
        #expect(state.selectedDetail?.position == reference.selectedDetail?.position)
        let waiting = Renderer.render(state).text
        #expect(waiting.contains(AppState.connectionLostMessage))
        #expect(!waiting.contains("store error"))
        // The screen is the one before the key, but for the footer's line.
        #expect(waiting.split(separator: "\n").prefix(20) == before.split(separator: "\n").prefix(20))
        // Other keys that need data are dropped; retries fail quietly while the server is away.
        _ = state.perform(.last)
        _ = state.retryWaitingAction()
        #expect(state.isWaitingForConnection)
        #expect(state.selectedIndex == 0)
        // Quitting does not wait.
        var quitting = state
        #expect(quitting.perform(.quit) == [.quit])

        store.down = false
        _ = state.retryWaitingAction()
        #expect(!state.isWaitingForConnection)
        var expected = reference
        expected.update(.moveDown)
        #expect(state.selectedIndex == 1)
        #expect(state.selectedDetail?.position == expected.selectedDetail?.position)
        #expect(Renderer.render(state).text == Renderer.render(expected).text)
    }
}
