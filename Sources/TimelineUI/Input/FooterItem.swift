/// A binding's item in the footer of its context: the keys, then a word.
public struct FooterItem: Hashable, Sendable {
    /// How the footer writes the keys; nil: the binding's first key.
    public var keys: String?
    public var word: String
    /// Kept in reach: drawn after the others, with room set aside for it, however narrow the screen.
    public var kept: Bool

    /// An item shown while there is room for it.
    public static func word(_ word: String, keys: String? = nil) -> FooterItem { FooterItem(keys: keys, word: word, kept: false) }
    /// An item always shown.
    public static func kept(_ word: String) -> FooterItem { FooterItem(keys: nil, word: word, kept: true) }
}
