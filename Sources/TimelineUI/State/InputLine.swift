/// A one-line prompt in the footer: an incremental search or a date to jump to.
public struct InputLine: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case search, date }
    public var kind: Kind
    public var text: String = ""
    /// The view to restore when the prompt is cancelled.
    var savedSelectedIndex: Int
    var savedScroll: Int
    var savedSearch: String
    /// A search begun in the quote pane searches its quotes (through the store's quote index).
    var inQuotes = false
    var savedQuoteIndex = 0
    var savedQuoteScroll = QuoteScroll.top

    public var prompt: String { kind == .search ? "/" : ":" }
}
