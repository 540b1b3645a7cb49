import ReferenceStore
import Testing
import TimelineKit

/// `MemorySelection.match` from a start beyond either end of the selection: nothing that way,
/// and no trap (going forward from past the last index used to build a range whose lower bound
/// was above its upper one).
@Suite("Searching a selection from beyond its ends")
struct MemorySelectionTests {
    @Test func forwardFromPastTheLastFindsNothing() throws {
        let store = MemoryEventStore(timeline: QueryTests.timeline)
        let all = try store.selection(TimelineQuery())
        let n = all.count, search = SearchText("pakistan")
        let last = try all.match(search, from: n - 1, forward: false)
        #expect(last != nil)
        for start in [n, n + 1, n + 7, Int.max] {
            #expect(try all.match(search, from: start, forward: true) == nil, "forward from \(start)")
            #expect(try all.match(search, from: start, forward: false) == last, "back from \(start)")
        }
        #expect(try all.match(search, from: -1, forward: false) == nil)
        #expect(try all.match(search, from: -3, forward: true) == all.match(search, from: 0, forward: true))
        let none = try store.selection(TimelineQuery(kind: "no-such-kind"))
        for start in [-1, 0, 1] {
            #expect(try none.match(search, from: start, forward: true) == nil)
            #expect(try none.match(search, from: start, forward: false) == nil)
        }
    }
}
