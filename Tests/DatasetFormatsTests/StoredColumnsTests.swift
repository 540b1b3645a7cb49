import DatasetFormats
import Testing
import TimelineKit

/// The columns both stores read back: a pair's key and label decode, and anything else is the
/// store's own damage error naming the text (never a trap).
@Suite struct StoredColumnsTests {
    struct Damaged: Error, Equatable { let what: String }
    let columns = StoredColumns { Damaged(what: $0) }

    @Test("A pair: canonical key and the label's order, as stored")
    func pair() throws {
        let (pair, order) = try columns.pair(key: "PAK-RUS", label: "RUS–PAK")
        let rus = try #require(Country(alpha3: "RUS")), pak = try #require(Country(alpha3: "PAK"))
        #expect(pair == CountryPair(rus, pak))
        #expect(order.0 == rus && order.1 == pak)
    }

    @Test("A damaged pair is the store's error, its text shown safely", arguments: [
        ("PAK-RUS", "RUS-PAK"),        // the label's separator is the en dash
        ("PAK–RUS", "RUS–PAK"),        // the key's is the hyphen
        ("PAK-RUS-IND", "RUS–PAK"),
        ("PAK-XXX", "RUS–PAK"),
        ("PAK-RUS", "RUS–\u{1B}[2J"),
        ("", ""),
    ])
    func damagedPair(key: String, label: String) {
        #expect(throws: Damaged(what: "bad pair '\(StoredColumns.shown(key))' '\(StoredColumns.shown(label))'")) {
            _ = try columns.pair(key: key, label: label)
        }
    }
}
