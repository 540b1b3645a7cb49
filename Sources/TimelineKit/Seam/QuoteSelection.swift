/// Which quotes the quote pane lists.
public enum QuoteScope: Sendable, Hashable {
    /// The quotes about the event at this position, in dataset order (as `EventDetail.quotes`).
    case event(position: Int)
    /// Every quote, by speaker name, then dataset order (`Dataset.speakerOrder`, the store's `speaker_rank`).
    case allBySpeaker
}

/// The quotes of a scope, addressed by index 0..<count, read a page at a time: what the quote pane
/// shows costs the pane, never the number of quotes.
public protocol QuoteSelection: Sendable {
    var scope: QuoteScope { get }
    var count: Int { get }
    /// The quotes at these indices, clamped to the selection.
    func quotes(_ range: Range<Int>) throws -> [QuoteDetail]
    /// The index of the quote with this id, nil when the scope does not hold it (a key lookup).
    func index(ofQuoteID id: String) throws -> Int?
    /// The maximal run of consecutive indices around `index` whose quotes have the same speaker
    /// (by person id): the pane's speaker heading stands above its first and counts it. Empty when
    /// `index` is outside the selection.
    func speakerRun(containing index: Int) throws -> Range<Int>
    /// The nearest index at or after `index` (forward) or at or before it whose quote matches the
    /// search (`SearchText` over the quote's text and its speaker's name), without wrapping; nil
    /// when there is none that way.
    func match(_ search: SearchText, from index: Int, forward: Bool) throws -> Int?
}

/// What a store call throws when `EventStore.interrupt()` stopped it.
public struct StoreInterrupted: Error, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "interrupted" }
}
