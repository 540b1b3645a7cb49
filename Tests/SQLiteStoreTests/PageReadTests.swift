import DatasetFormats
import Foundation
import ReferenceStore
import SQLiteStore
import StoreTestSupport
import TestSupport
import Testing
import TimelineKit

/// The page read (`events(atPositions:)`, behind `list --format json`) answers what the one-event
/// read answers, whole, for runs, scattered, unsorted and repeated positions, and filtered pages.
@Suite("Page reads")
struct PageReadTests {
    @Test("A page is the one-event reads of its positions, every field")
    func sameAsOneByOne() throws {
        let scratch = try ScratchFolder("page-read")
        let path = scratch.path("g.bilateral")
        try StoreWriter.write(dataset: try Fixtures.generated(events: 400, seed: 11).dataset, to: path)
        let store = try SQLiteEventStore(path: path)
        for positions in [Array(0..<400), Array(120..<180), [399, 5, 3, 3, 250, 0, 17], [42]] {
            WholeValue.expectSame(try store.events(atPositions: positions), try positions.map { try store.event(atPosition: $0) },
                                  "page \(positions.prefix(8))")
        }
        let pair = try #require(try store.allPairs().first).pair
        let selection = try store.selection(TimelineQuery(pairs: [pair]))
        let expected = try selection.rows(0..<selection.count).map { try store.event(atPosition: $0.position) }
        WholeValue.expectSame(try store.events(in: selection, at: 0..<selection.count), expected, "the pair's page")
        #expect(throws: StoreError.self) { try store.events(atPositions: [400]) }
    }
}
