import DatasetFormats
import Foundation
import GRDB
import TimelineKit

/// Turns a search into the FTS5 query that answers it fastest, per connection.
///
/// Words of one to three characters are not the index's: it keeps no prefixes (they made building
/// it several times slower), and the prefix bitmaps answer them (`PrefixWords`). A longer prefix
/// (`"talk"*`) is a query FTS5 answers by merging the whole doclists of every term that begins with
/// it, in memory, before it can seek: for a common word in a large store, slow enough to feel on
/// every query (the first match, the window's highlights, each typed character).
/// A plain term's doclist seeks. So a word longer than three characters is expanded, through
/// an `fts5vocab` table, to the terms that begin with it, and the search asks for
/// `("talks" OR "talking")`; when more than `cap` terms do, it stays a prefix query.
///
/// A term seeks in a small fraction of what the unindexed prefix costs, and
/// a few dozen terms ORed still do (BENCHMARKS.md). An expansion step (the next term in the
/// vocabulary) is cheap, except after a common term. The step's cost is that of the index seek to a term that is not there: FTS5 walks the pages
/// of the previous term's doclist to the next term. So an expansion takes `terms + 1` steps,
/// bounded by `cap`, and is cached: while a word is typed, its longer forms filter the expansion
/// of its shorter ones and need no step at all.
final class SearchTerms: @unchecked Sendable {
    /// Words of at most this many characters are answered by the prefix bitmaps (`PrefixWords`).
    static let indexedPrefix = 3
    /// At most this many terms are ORed; beyond, the prefix query.
    static let cap = 16
    private static let vocabulary = "temp.events_vocab"
    /// One row per term with the number of events that hold it (`doc`): a single term's count.
    private static let termRows = "temp.events_vocab_rows"

    /// Whether the vocabulary table could be made (a temporary table of this connection).
    private let available: Bool
    private let lock = NSLock()
    /// A word's terms when there are at most `cap`; `[]` for none. Absent: not asked yet.
    private var expansions: [String: [String]] = [:]
    /// Words with more than `cap` terms.
    private var tooMany: Set<String> = []

    /// Makes the vocabulary over the store's index: a virtual table in the connection's TEMP
    /// schema, which a read-only connection can create; it reads the index, never writes the file.
    init(queue: DatabaseQueue) {
        available = (try? queue.inDatabase { (db: Database) throws -> Void in
            try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS \(Self.vocabulary) USING fts5vocab(main, events_fts, 'instance')")
            try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS \(Self.termRows) USING fts5vocab(main, events_fts, 'row')")
        }) != nil
    }

    /// The query for a search with words; nil when some word begins no indexed word (nothing
    /// matches). Each word is ANDed: a short one's prefix bitmaps, or its terms ORed, or a prefix
    /// query.
    func query(_ db: Database, _ search: SearchText) throws -> FTSQuery? {
        var parts: [String] = []
        var prefixes: [String] = []
        var seeks = true
        var single: String?
        // `SearchText` splits words as the index's tokenizer does: none of them is a phrase, which
        // FTS5 refuses on an index without positions (`detail=none`).
        guard !search.words.isEmpty else { return nil }
        for word in search.words {
            if word.unicodeScalars.count <= Self.indexedPrefix {
                prefixes.append(word)
                continue
            }
            guard let terms = try terms(db, word) else {
                parts.append(Self.quoted(word) + "*")
                seeks = false
                continue
            }
            if terms.isEmpty { return nil }
            parts.append(terms.count == 1 ? Self.quoted(terms[0]) : "(" + terms.map(Self.quoted).joined(separator: " OR ") + ")")
            if terms.count == 1 && search.words.count == 1 { single = terms[0] }
        }
        guard try PrefixWords.allKnown(db, prefixes) else { return nil }
        return FTSQuery(text: parts.joined(separator: " AND "), prefixes: prefixes, seeks: seeks, singleTerm: single)
    }

    /// How many events hold `term`, read from the index's own tally for it (`fts5vocab` 'row'): FTS5
    /// walks the term's doclist in C, without a step of the query engine per match as
    /// `count(*) ... MATCH` takes, so a word in most of 10M events counts in about half the time
    /// (BENCHMARKS.md). nil when the vocabulary could not be made.
    func documentCount(_ db: Database, term: String) throws -> Int? {
        guard available else { return nil }
        let statement = try db.cachedStatement(sql: "SELECT doc FROM \(Self.termRows) WHERE term = ?")
        return try Int.fetchOne(statement, arguments: [term]) ?? 0
    }

    static func quoted(_ term: String) -> String {
        "\"" + term.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// The index terms that begin with `word`, ascending; nil when the prefix query is the better
    /// plan (a word of at most `indexedPrefix` characters, more than `cap` terms, or no vocabulary).
    func terms(_ db: Database, _ word: String) throws -> [String]? {
        let scalars = Array(word.unicodeScalars)
        guard available, scalars.count > Self.indexedPrefix else { return nil }
        if let known = lock.withLock({ () -> [String]?? in
            if let terms = expansions[word] { return .some(terms) }
            if tooMany.contains(word) { return .some(nil) }
            // A shorter prefix with all its terms known: keep those that begin with the word.
            for length in stride(from: scalars.count - 1, to: Self.indexedPrefix, by: -1) {
                var shorter = String.UnicodeScalarView()
                shorter.append(contentsOf: scalars[..<length])
                let prefix = String(shorter)
                if let terms = expansions[prefix] { return .some(terms.filter { $0.utf8.starts(with: word.utf8) }) }
                if tooMany.contains(prefix) { break }
            }
            return nil
        }) {
            if let terms = known { remember(word, terms) }
            return known
        }
        // Each step: the first term at or after `from` that is at most the word followed by the
        // highest scalar (bytewise, as FTS5 compares). A term's successor is itself + U+0001:
        // no indexed term holds a control character.
        let statement = try db.cachedStatement(sql: "SELECT term FROM \(Self.vocabulary) WHERE term >= ? AND term <= ? LIMIT 1")
        let upper = word + "\u{10FFFF}"
        var from = word
        var terms: [String] = []
        while let term = try String.fetchOne(statement, arguments: [from, upper]) {
            guard term.utf8.starts(with: word.utf8) else { break }
            guard terms.count < Self.cap else {
                lock.withLock { _ = tooMany.insert(word) }
                return nil
            }
            terms.append(term)
            from = term + "\u{1}"
        }
        remember(word, terms)
        return terms
    }

    private func remember(_ word: String, _ terms: [String]) {
        lock.withLock {
            if expansions.count >= 4096 { expansions.removeAll() }
            expansions[word] = terms
        }
    }
}

/// A search as the index and the prefix bitmaps answer it: an FTS5 MATCH expression for its words
/// longer than three characters (empty when there are none), and its shorter words, which the
/// bitmaps answer (`PrefixWords`). `seeks` says whether FTS5 can seek in the expression by rowid
/// (its words are terms): when it cannot, each query over it costs a merge of whole doclists, so a
/// caller asks one range query rather than many probes.
struct FTSQuery: Sendable, Equatable {
    var text: String
    var prefixes: [String] = []
    var seeks: Bool
    /// The one index term the query is, when it is one (a one-word search whose word is a term or
    /// expands to exactly one): its count is the term's own.
    var singleTerm: String? = nil

    /// Whether the index has words to answer (else the bitmaps answer all).
    var hasText: Bool { !text.isEmpty }
}
