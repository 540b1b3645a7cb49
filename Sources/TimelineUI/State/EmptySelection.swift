import TimelineKit

/// The visible events when the store could not answer: none.
struct EmptySelection: EventSelection {
    let query: TimelineQuery
    var count: Int { 0 }
    func rows(_ range: Range<Int>) throws -> [EventRow] { [] }
    func index(atOrAfterPosition position: Int) throws -> Int? { nil }
    func index(onOrAfterDay day: Int) throws -> Int? { nil }
    func bucketCounts(monthBounds: [Int]) throws -> [Int] { Array(repeating: 0, count: max(0, monthBounds.count - 1)) }
    func match(_ search: SearchText, from index: Int, forward: Bool) throws -> Int? { nil }
    func matches(_ search: SearchText, in range: Range<Int>) throws -> Set<Int> { [] }
    func matchCount(_ search: SearchText) throws -> Int { 0 }
}

/// No quotes: before any event is selected, or when the store could not answer.
struct EmptyQuoteSelection: QuoteSelection {
    var scope: QuoteScope = .event(position: -1)
    var count: Int { 0 }
    func quotes(_ range: Range<Int>) throws -> [QuoteDetail] { [] }
    func index(ofQuoteID id: String) throws -> Int? { nil }
    func speakerRun(containing index: Int) throws -> Range<Int> { index..<index }
    func match(_ search: SearchText, from index: Int, forward: Bool) throws -> Int? { nil }
}
