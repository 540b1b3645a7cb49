/// A dataset on PostgreSQL, version 2: one schema of a database (`bilateral_data_<generation>`, which
/// `PostgresCatalog` maps the dataset's name to; before the catalog, named by the dataset), holding the
/// SQLite store's tables (`StoreSchema` in SQLiteStore) with 0-based numbers instead of rowids:
///
/// - `meta(key, value)`: `application` = `bilateral` (what tells our schemas from another
///   application's), `format_version`, title, description, event and quote counts, first and last day.
/// - `events`: one row per event, `position` (PK) in chronological order, loaded in that order; the
///   row's and the event's columns as in SQLite (`cameo` among them), `month` (of the sort day, NULL when unknown) and
///   `words`, a `tsvector` of the event's folded search words (title, summary, place, actors, its
///   quotes' texts and speakers) with a GIN index.
/// - `event_notes`, `sources`, `people`, `quotes`, `quote_events`: as in SQLite, `num` = index;
///   `quotes.words`, the folded words of each quote's text and speaker, with a GIN index (the quote
///   pane's search).
/// - `trend_months`, `pair_trend_months`, `country_trend_months`: events per month × category (and
///   pair or country) with the sums of their measures, as in SQLite: what trends are answered from.
/// - `speakers(rank, person, quotes, first_index)`: quoted people, most quoted first, then by name.
/// - `picker_prefixes(kind, prefix, rank)`: every prefix (up to `pickerPrefixLength` characters) of
///   every picker key (`PickerKeys`) of each pair (kind 0, `pairs.rank`), country (1) and speaker
///   (2, `speakers.rank`), as in SQLite: a picker's page is one range scan of its primary key.
/// - `pairs`, `pair_events(pair, seq, position)`, `countries`, `country_events`, `months`,
///   `pair_months`, `country_months`: the precomputed lists and rollups, as in SQLite.
/// - `lexicon(word, ndoc)`: every indexed word and how many events hold it (`ts_stat`), from which a
///   search picks its plan (design/postgres.md: the planner's own estimates walk for rare words).
///
/// Search words are folded and split by `SearchText` (the same code the other stores use), and
/// stored with `array_to_tsvector`, not `to_tsvector('simple', unaccent(...))`: PostgreSQL's parser
/// and `unaccent` split and fold some text differently from Foundation (marks, ligatures), and the
/// three stores must agree on every match; it also keeps the load off the server's parser (the
/// generated column was 90% of the load time in the measurements). The index is GIN as there.
enum PostgresSchema {
    static let application = "bilateral"
    /// Version 2 added `quotes.words` (the quote pane's search through an index), `speakers` and
    /// `picker_prefixes` (pickers by query), and the trend rollups; a version-1 dataset is refused on opening with
    /// "import it again".
    static let formatVersion = 2
    /// Scratch schemas of imports in progress: `bilateral_scratch_<backend pid>`; a dataset
    /// published before the catalog, when replaced, waits as `bilateral_old_<backend pid>` until it can be dropped.
    static let pickerPrefixLength = 24
    static let scratchPrefix = "bilateral_scratch_"
    static let oldPrefix = "bilateral_old_"

    /// The tables a load fills (in schema `s`), without secondary indexes.
    static func tables(_ s: String) -> String {
        """
        CREATE TABLE \(s).meta(key text PRIMARY KEY, value text);
        CREATE TABLE \(s).events(position bigint NOT NULL, id text NOT NULL, date text NOT NULL, sort_day bigint NOT NULL,
            filter_lo bigint NOT NULL, filter_hi bigint NOT NULL, title text NOT NULL, summary text NOT NULL, kind text NOT NULL,
            status text NOT NULL, pair_labels text NOT NULL, mode text NOT NULL, participants text NOT NULL, place_name text,
            place_country text, tags text, sources text NOT NULL, people text NOT NULL, attributes text, actors text,
            cameo text, month bigint, words tsvector NOT NULL);
        CREATE TABLE \(s).event_notes(position bigint NOT NULL, seq bigint NOT NULL, text text NOT NULL, sources text NOT NULL);
        CREATE TABLE \(s).sources(num bigint NOT NULL, id text NOT NULL, title text, publisher text NOT NULL, url text,
            published text, note text);
        CREATE TABLE \(s).people(num bigint NOT NULL, id text NOT NULL, name text NOT NULL, role text, affiliation text);
        CREATE TABLE \(s).quotes(num bigint NOT NULL, id text NOT NULL, speaker bigint NOT NULL, text text NOT NULL, context text,
            source bigint NOT NULL, speaker_rank bigint NOT NULL, words tsvector NOT NULL);
        CREATE TABLE \(s).quote_events(quote bigint NOT NULL, seq bigint NOT NULL, position bigint NOT NULL);
        CREATE TABLE \(s).pairs(id bigint NOT NULL, key text NOT NULL, label text NOT NULL, count bigint NOT NULL,
            first_date text NOT NULL, first_day bigint NOT NULL, last_day bigint NOT NULL, rank bigint NOT NULL, stage bigint NOT NULL);
        CREATE TABLE \(s).countries(id bigint NOT NULL, alpha3 text NOT NULL, count bigint NOT NULL, rank bigint NOT NULL,
            stage bigint NOT NULL);
        CREATE TABLE \(s).speakers(rank bigint NOT NULL, person bigint NOT NULL, quotes bigint NOT NULL, first_index bigint NOT NULL);
        CREATE TABLE \(s).picker_prefixes(kind bigint NOT NULL, prefix text COLLATE "C" NOT NULL, rank bigint NOT NULL);
        CREATE UNLOGGED TABLE \(s).staged_events(arrival bigint NOT NULL, id text NOT NULL, date text NOT NULL,
            sort_day bigint NOT NULL, precision int NOT NULL, sort_id text NOT NULL, filter_lo bigint NOT NULL, filter_hi bigint NOT NULL,
            title text NOT NULL, summary text NOT NULL, kind text NOT NULL, status text NOT NULL, mode text NOT NULL,
            participants text NOT NULL, place_name text, place_country text, tags text, sources text NOT NULL, people text NOT NULL,
            attributes text, actors text, cameo text, words tsvector NOT NULL, month bigint, pairs bigint[] NOT NULL, countries bigint[] NOT NULL,
            category bigint NOT NULL, goldstein double precision, tone double precision);
        CREATE UNLOGGED TABLE \(s).staged_notes(arrival bigint NOT NULL, seq bigint NOT NULL, text text NOT NULL, sources text NOT NULL);
        CREATE UNLOGGED TABLE \(s).staged_quote_events(quote bigint NOT NULL, seq bigint NOT NULL, arrival bigint NOT NULL);
        CREATE UNLOGGED TABLE \(s).staged_quote_words(arrival bigint NOT NULL, words text NOT NULL);
        """
    }

    /// Everything after the load: positions, the derived tables, indexes, statistics.
    ///
    /// Every step is set-based (hash joins, sorts, one pass each): a per-event subquery, such as
    /// looking up each event's pair labels row by row, made one import step cost events × pairs.
    /// The session's sort and index memory is raised for these steps (`buildSettings`).
    static func build(_ s: String) -> String {
        """
        ANALYZE \(s).staged_events;
        CREATE UNLOGGED TABLE \(s).order_map AS
            SELECT arrival, (row_number() OVER (ORDER BY sort_day, precision, sort_id COLLATE "C", arrival) - 1)::bigint AS position, month,
                category, goldstein, tone
            FROM \(s).staged_events;
        ANALYZE \(s).order_map;
        CREATE UNLOGGED TABLE \(s).event_pairs AS
            SELECT e.arrival, m.position, m.month, m.category, m.goldstein, m.tone, u.o, p.id AS pair, p.label
            FROM \(s).staged_events e JOIN \(s).order_map m ON m.arrival = e.arrival
            CROSS JOIN LATERAL unnest(e.pairs) WITH ORDINALITY AS u(stage, o) JOIN \(s).pairs p ON p.stage = u.stage;
        CREATE UNLOGGED TABLE \(s).event_countries AS
            SELECT m.position, m.month, m.category, m.goldstein, m.tone, c.id AS country
            FROM \(s).staged_events e JOIN \(s).order_map m ON m.arrival = e.arrival
            CROSS JOIN LATERAL unnest(e.countries) AS u(stage) JOIN \(s).countries c ON c.stage = u.stage;
        CREATE UNLOGGED TABLE \(s).event_labels AS
            SELECT arrival, string_agg(label, ',' ORDER BY o) AS labels FROM \(s).event_pairs GROUP BY arrival;
        CREATE UNLOGGED TABLE \(s).quote_words AS
            SELECT arrival, array_to_tsvector(array_remove(string_to_array(string_agg(words, ' '), ' '), '')) AS words
            FROM \(s).staged_quote_words GROUP BY arrival;
        ANALYZE \(s).event_pairs; ANALYZE \(s).event_countries; ANALYZE \(s).event_labels; ANALYZE \(s).quote_words;
        INSERT INTO \(s).events
            SELECT m.position, e.id, e.date, e.sort_day, e.filter_lo, e.filter_hi, e.title, e.summary, e.kind, e.status,
                coalesce(l.labels, ''),
                e.mode, e.participants, e.place_name, e.place_country, e.tags, e.sources, e.people, e.attributes, e.actors, e.cameo, e.month,
                CASE WHEN q.words IS NULL THEN e.words ELSE e.words || q.words END
            FROM \(s).staged_events e JOIN \(s).order_map m ON m.arrival = e.arrival
            LEFT JOIN \(s).event_labels l ON l.arrival = e.arrival
            LEFT JOIN \(s).quote_words q ON q.arrival = e.arrival
            ORDER BY m.position;
        INSERT INTO \(s).event_notes SELECT m.position, n.seq, n.text, n.sources
            FROM \(s).staged_notes n JOIN \(s).order_map m ON m.arrival = n.arrival;
        INSERT INTO \(s).quote_events SELECT q.quote, q.seq, m.position
            FROM \(s).staged_quote_events q JOIN \(s).order_map m ON m.arrival = q.arrival;
        CREATE TABLE \(s).pair_events AS
            SELECT pair, (row_number() OVER (PARTITION BY pair ORDER BY position) - 1)::bigint AS seq, position
            FROM \(s).event_pairs ORDER BY pair, position;
        CREATE TABLE \(s).country_events AS
            SELECT country, (row_number() OVER (PARTITION BY country ORDER BY position) - 1)::bigint AS seq, position
            FROM \(s).event_countries ORDER BY country, position;
        CREATE TABLE \(s).months AS
            SELECT month, count(*)::bigint AS count FROM \(s).order_map WHERE month IS NOT NULL GROUP BY month ORDER BY month;
        CREATE TABLE \(s).pair_months AS
            SELECT pair, month, count(*)::bigint AS count FROM \(s).event_pairs WHERE month IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2;
        CREATE TABLE \(s).country_months AS
            SELECT country, month, count(*)::bigint AS count FROM \(s).event_countries WHERE month IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2;
        CREATE TABLE \(s).trend_months AS SELECT month, category, \(rollupMeasures)
            FROM \(s).order_map WHERE month IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2;
        CREATE TABLE \(s).pair_trend_months AS SELECT pair, month, category, \(rollupMeasures)
            FROM \(s).event_pairs WHERE month IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
        CREATE TABLE \(s).country_trend_months AS SELECT country, month, category, \(rollupMeasures)
            FROM \(s).event_countries WHERE month IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
        DROP TABLE \(s).staged_events, \(s).staged_notes, \(s).staged_quote_events, \(s).staged_quote_words,
            \(s).order_map, \(s).event_pairs, \(s).event_countries, \(s).event_labels, \(s).quote_words;
        ALTER TABLE \(s).events ADD PRIMARY KEY (position);
        CREATE INDEX events_id ON \(s).events(id);
        CREATE INDEX events_sort_day ON \(s).events(sort_day, position);
        CREATE INDEX events_words ON \(s).events USING gin (words);
        ALTER TABLE \(s).event_notes ADD PRIMARY KEY (position, seq);
        ALTER TABLE \(s).sources ADD PRIMARY KEY (num);
        ALTER TABLE \(s).people ADD PRIMARY KEY (num);
        ALTER TABLE \(s).quotes ADD PRIMARY KEY (num);
        CREATE INDEX quotes_speaker_rank ON \(s).quotes(speaker_rank);
        CREATE INDEX quotes_words ON \(s).quotes USING gin (words);
        ALTER TABLE \(s).quote_events ADD PRIMARY KEY (quote, seq);
        CREATE INDEX event_quotes ON \(s).quote_events(position, quote);
        ALTER TABLE \(s).pairs ADD PRIMARY KEY (id);
        CREATE UNIQUE INDEX pairs_key ON \(s).pairs(key);
        ALTER TABLE \(s).countries ADD PRIMARY KEY (id);
        CREATE UNIQUE INDEX countries_alpha3 ON \(s).countries(alpha3);
        ALTER TABLE \(s).speakers ADD PRIMARY KEY (rank);
        ALTER TABLE \(s).picker_prefixes ADD PRIMARY KEY (kind, prefix, rank);
        ALTER TABLE \(s).pair_events ADD PRIMARY KEY (pair, seq);
        CREATE INDEX pair_events_position ON \(s).pair_events(pair, position);
        ALTER TABLE \(s).country_events ADD PRIMARY KEY (country, seq);
        CREATE INDEX country_events_position ON \(s).country_events(country, position);
        ALTER TABLE \(s).months ADD PRIMARY KEY (month);
        ALTER TABLE \(s).pair_months ADD PRIMARY KEY (pair, month);
        ALTER TABLE \(s).country_months ADD PRIMARY KEY (country, month);
        ALTER TABLE \(s).trend_months ADD PRIMARY KEY (month, category);
        ALTER TABLE \(s).pair_trend_months ADD PRIMARY KEY (pair, month, category);
        ALTER TABLE \(s).country_trend_months ADD PRIMARY KEY (country, month, category);
        CREATE TABLE \(s).lexicon AS SELECT word COLLATE "C" AS word, ndoc::bigint AS ndoc
            FROM ts_stat('SELECT words FROM \(s).events');
        ALTER TABLE \(s).lexicon ADD PRIMARY KEY (word);
        ANALYZE \(s).events; ANALYZE \(s).pair_events; ANALYZE \(s).country_events; ANALYZE \(s).lexicon;
        """
    }

    /// A trend rollup's columns (as the SQLite store's `trend_months`): the events, and the sums of
    /// their measures with how many events had each.
    static let rollupMeasures = """
        count(*)::bigint AS count, coalesce(sum(goldstein), 0) AS goldstein_sum, count(goldstein)::bigint AS goldstein_n,
        coalesce(sum(tone), 0) AS tone_sum, count(tone)::bigint AS tone_n
        """

    /// The session's memory for the build's sorts, hashes and index builds: PostgreSQL's defaults
    /// (4 MB and 64 MB) made the sorts of a million rows spill to disk in many passes. Set for the
    /// import's own session only, and only while it builds.
    static let buildSettings = "SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'"
    static let resetSettings = "RESET work_mem; RESET maintenance_work_mem"

    /// An identifier quoted for SQL (dataset names are checked plain identifiers; this is belt and braces).
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A string literal for SQL text that takes no parameters (DDL).
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
