import DatasetFormats
import GRDB
import TimelineKit

/// The store's file format, version 4 (`formatVersion`): one SQLite database.
///
/// - `PRAGMA application_id` = 0x42494C41 ('BILA') and `PRAGMA user_version` = 4 identify it.
///   Version 1 lacked the picker, speaker and quote-search tables below, 2 the search bitmaps, and
///   3 kept prefix indexes in `events_fts` and only the dense blocks of prefixes; each is refused
///   with a message to import again (the store cache, keyed by the version, rebuilds its entries
///   itself).
/// - `events`: one row per event in chronological order (`Timeline.order`), so `num` (the rowid)
///   = position + 1. Columns hold the row (id, EDTF text, sort day, title, kind, status, pair
///   labels) and the rest of the event (summary, participants, place, tags, source and people indices,
///   `attributes` as a compact JSON object or NULL; a store written before the column existed has
///   no such column and reads as having no attributes, so the format version did not change);
///   `actors` likewise: a JSON object of country code → the actor named within it, or NULL;
///   `cameo` likewise: the CAMEO event code, or NULL).
/// - `event_notes`: an event's notes in order; `sources`, `people`: `num` = dataset index + 1.
/// - `quotes` (`num` = dataset index + 1, `speaker_rank` = place in speaker-name order) and
///   `quote_events(quote, seq, position)`: the events each quote is about, in its order.
/// - `pairs(id, key, label, count, first_date, first_day, last_day, rank)`: `rank` is the busiest-first
///   order; `pair_events(pair, seq, position)`: the pair's events, seq = index in its selection.
/// - `countries(id, alpha3, count, rank)`, `country_events(country, seq, position)`: the same per country.
/// - `months(month, count)`, `pair_months`, `country_months`: events per month of their sort day.
/// - `trend_months`, `pair_trend_months`, `country_trend_months`: events per month × category (and
///   pair or country) with the sums of their measures, the rollups trends are answered from.
/// - `picker_prefixes(kind, prefix, rank)`: every prefix (up to `pickerPrefixLength` characters) of
///   every key (`PickerKeys`) of each pair (kind 0, `pairs.rank`), country (1, `countries.rank`) and
///   quoted person (2, `speakers.rank`), so a picker's page is one index range scan with LIMIT.
/// - `speakers(rank, person, quotes, first_index)`: quoted people, most quoted first (`person` =
///   `people.num`; `first_index`: their first quote's `speaker_rank`); `quote_runs(start, end)`: the
///   runs of one speaker's quotes in speaker order.
/// - `quotes_fts`: FTS5 like `events_fts` but with prefix indexes of 1–3 characters (`"ta"*` over a
///   few quotes costs little to build), rowid = `quotes.speaker_rank + 1`, over each quote's
///   folded words and its speaker's name: the quote pane's search is a rowid seek in speaker order.
/// - `meta(key, value)`: title, description, event and quote counts, first and last day, and how far
///   the events' dates reach past their sort days (`date_reach`, `DateReach`: a store written before
///   it lacks the key and reads every event for a date filter, so the format version did not change).
/// - `events_fts`: FTS5, contentless, `detail=none`, `columnsize=0`, `unicode61 remove_diacritics 2`,
///   rowid = `events.num`, over the
///   event's folded search words (title, summary, place, its quotes' texts and speakers' names), each
///   once; it keeps no prefixes (format 4 dropped them). A search's words are ANDed (see
///   `SearchText`); a word longer than three characters is asked as the terms it begins, ORed, when
///   they are few, else as `"word"*` (`SearchTerms`).
/// - `search_bitmaps(kind, key, block, bits)`: the dense stretches of common terms, which count a
///   search, and every block of every prefix of one to three characters, which answer the words
///   that short (`SearchBitmaps`, `PrefixWords`; format 3 added them, format 4 stored every
///   prefix block).
public enum StoreSchema {
    public static let applicationID: Int32 = 0x4249_4C41
    public static let formatVersion = 4
    /// Picker keys are indexed by their prefixes up to this many characters; longer typed text is
    /// looked up by its first ones and the few entries found are checked in full.
    static let pickerPrefixLength = 24

    /// Creates the tables and the indexes kept in order as the rows go in (`createIndexes` makes
    /// the others after the inserts).
    static func createTables(_ db: Database) throws {
        try db.execute(sql: """
            PRAGMA application_id = \(applicationID);
            CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
            CREATE TABLE events(
                num INTEGER PRIMARY KEY,
                id TEXT NOT NULL,
                date TEXT NOT NULL,
                sort_day INTEGER NOT NULL,
                filter_lo INTEGER NOT NULL,
                filter_hi INTEGER NOT NULL,
                title TEXT NOT NULL,
                summary TEXT NOT NULL,
                kind TEXT NOT NULL,
                status TEXT NOT NULL,
                pair_labels TEXT NOT NULL,
                mode TEXT NOT NULL,
                participants TEXT NOT NULL,
                place_name TEXT,
                place_country TEXT,
                tags TEXT,
                sources TEXT NOT NULL,
                people TEXT NOT NULL,
                attributes TEXT,
                actors TEXT,
                cameo TEXT);
            CREATE TABLE event_notes(position INTEGER NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL,
                sources TEXT NOT NULL, PRIMARY KEY(position, seq)) WITHOUT ROWID;
            CREATE TABLE sources(num INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT, publisher TEXT NOT NULL,
                url TEXT, published TEXT, note TEXT);
            CREATE TABLE people(num INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, role TEXT, affiliation TEXT);
            CREATE TABLE quotes(num INTEGER PRIMARY KEY, id TEXT NOT NULL, speaker INTEGER NOT NULL, text TEXT NOT NULL,
                context TEXT, source INTEGER NOT NULL, speaker_rank INTEGER NOT NULL);
            CREATE TABLE quote_events(quote INTEGER NOT NULL, seq INTEGER NOT NULL, position INTEGER NOT NULL,
                PRIMARY KEY(quote, seq)) WITHOUT ROWID;
            CREATE TABLE pairs(id INTEGER PRIMARY KEY, key TEXT NOT NULL, label TEXT NOT NULL, count INTEGER NOT NULL,
                first_date TEXT NOT NULL, first_day INTEGER NOT NULL, last_day INTEGER NOT NULL, rank INTEGER NOT NULL);
            CREATE TABLE pair_events(pair INTEGER NOT NULL, seq INTEGER NOT NULL, position INTEGER NOT NULL,
                PRIMARY KEY(pair, seq)) WITHOUT ROWID;
            CREATE TABLE countries(id INTEGER PRIMARY KEY, alpha3 TEXT NOT NULL, count INTEGER NOT NULL, rank INTEGER NOT NULL);
            CREATE TABLE country_events(country INTEGER NOT NULL, seq INTEGER NOT NULL, position INTEGER NOT NULL,
                PRIMARY KEY(country, seq)) WITHOUT ROWID;
            CREATE TABLE months(month INTEGER PRIMARY KEY, count INTEGER NOT NULL);
            CREATE TABLE pair_months(pair INTEGER NOT NULL, month INTEGER NOT NULL, count INTEGER NOT NULL,
                PRIMARY KEY(pair, month)) WITHOUT ROWID;
            CREATE TABLE country_months(country INTEGER NOT NULL, month INTEGER NOT NULL, count INTEGER NOT NULL,
                PRIMARY KEY(country, month)) WITHOUT ROWID;
            CREATE TABLE picker_prefixes(kind INTEGER NOT NULL, prefix TEXT NOT NULL, rank INTEGER NOT NULL,
                PRIMARY KEY(kind, prefix, rank)) WITHOUT ROWID;
            CREATE TABLE speakers(rank INTEGER PRIMARY KEY, person INTEGER NOT NULL, quotes INTEGER NOT NULL,
                first_index INTEGER NOT NULL);
            CREATE TABLE quote_runs(start INTEGER PRIMARY KEY, end INTEGER NOT NULL);
            CREATE VIRTUAL TABLE quotes_fts USING fts5(words, content='', tokenize='unicode61 remove_diacritics 2',
                prefix='1 2 3', detail=none, columnsize=0);
            """)
        try createTrendTables(db)
        try createFullTextTable(db)
        try createOrderedIndexes(db)
    }

    /// The indexes whose keys arrive in order as the writer inserts the rows (events in date order;
    /// each pair's and country's list whole, in id order), made with the tables so that each insert
    /// appends to them: built afterwards, each was a sort of every row (BENCHMARKS.md, issue 13).
    static func createOrderedIndexes(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX events_sort_day ON events(sort_day);
            CREATE INDEX pair_events_position ON pair_events(pair, position);
            CREATE INDEX country_events_position ON country_events(country, position);
            """)
    }

    /// The trend rollups (issue 15): per month of the sort day and category (`EventCategory` raw
    /// value), for the whole dataset, per pair and per country: the count and the sums of the
    /// measures (`TrendMeasure`) with how many events had each. A store written before these tables
    /// existed opens all the same; its trends are counted from the events (`SQLiteEventStore+Trend`).
    static let trendTables = ["trend_months", "pair_trend_months", "country_trend_months"]

    static func createTrendTables(_ db: Database) throws {
        let measures = "count INTEGER NOT NULL, goldstein_sum REAL NOT NULL, goldstein_n INTEGER NOT NULL, tone_sum REAL NOT NULL, tone_n INTEGER NOT NULL"
        try db.execute(sql: """
            CREATE TABLE trend_months(month INTEGER NOT NULL, category INTEGER NOT NULL, \(measures),
                PRIMARY KEY(month, category)) WITHOUT ROWID;
            CREATE TABLE pair_trend_months(pair INTEGER NOT NULL, month INTEGER NOT NULL, category INTEGER NOT NULL, \(measures),
                PRIMARY KEY(pair, month, category)) WITHOUT ROWID;
            CREATE TABLE country_trend_months(country INTEGER NOT NULL, month INTEGER NOT NULL, category INTEGER NOT NULL, \(measures),
                PRIMARY KEY(country, month, category)) WITHOUT ROWID;
            """)
    }

    /// The full-text index. Contentless, and `detail=none` / `columnsize=0`: a search asks for
    /// words and prefixes ANDed and ORed, never phrases, columns or ranks, so the index keeps only
    /// which events hold a term: several times smaller and faster to build, counts as fast, a
    /// first match a little slower (BENCHMARKS.md). `SearchText` splits words exactly as the
    /// tokenizer does, so no search is a phrase, which FTS5 refuses without positions. No prefix
    /// indexes: they made it several times slower to build, and the search bitmaps answer the
    /// short words they served (`PrefixWords`).
    static func createFullTextTable(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE events_fts USING fts5(words, content='', tokenize='unicode61 remove_diacritics 2',
                detail=none, columnsize=0);
            """)
        try SearchBitmaps.createTable(db)
    }

    /// The other secondary indexes, built once the rows are in (their keys arrive out of order).
    static func createIndexes(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX events_id ON events(id);
            CREATE INDEX event_quotes ON quote_events(position, quote);
            CREATE UNIQUE INDEX pairs_key ON pairs(key);
            CREATE UNIQUE INDEX countries_alpha3 ON countries(alpha3);
            CREATE INDEX quotes_speaker_rank ON quotes(speaker_rank);
            CREATE INDEX quotes_id ON quotes(id);
            """)
    }

    /// Separators inside text columns that hold lists (they never occur in ids, codes or labels).
    static let listSeparator = "\u{1F}"
}
