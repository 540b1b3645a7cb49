import TimelineKit

/// The visible events when the store could not answer: none.
struct EmptySelection: EventSelection {
    let query: TimelineQuery
    var count: Int { 0 }
    func rows(_ range: Range<Int>) throws -> [EventRow] { [] }
    func index(atOrAfterPosition position: Int) throws -> Int? { nil }
    func index(onOrAfterDay day: Int) throws -> Int? { nil }
    func monthCounts() throws -> [MonthCount] { [] }
    func match(_ search: SearchText, from index: Int, forward: Bool) throws -> Int? { nil }
    func matches(_ search: SearchText, in range: Range<Int>) throws -> Set<Int> { [] }
    func matchCount(_ search: SearchText) throws -> Int { 0 }
}
