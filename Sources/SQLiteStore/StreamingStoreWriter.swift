import Foundation
import GRDB

/// Writes a store from a dataset given record by record (a `DatasetSink`), holding only small
/// per-pair and per-country tallies in memory. Events go into staging tables (the attached
/// database `stage`) in file order with their sort keys; at the end SQLite sorts the keys and
/// copies the rows into `events` in chronological order, so rowid = position, and every other
/// table is filled with SQL from the staged rows. The result is the same store, row for row, as
/// `StoreWriter.populate` writes from a `Timeline`.
final class StreamingStoreWriter: DatasetSink {
    private let db: Database
    private var people: [Person] = []
    private var sources: [Source] = []
    private var eventCount = 0
    private var finished = false

    /// What the `pairs` table needs, tallied as events arrive.
    private struct PairTally {
        var stage: Int
        /// The chronologically first event with the pair: its key decides the label's order
        /// ("as the dataset first presents it") and the first date.
        var firstKey: SortKey
        var display: (Country, Country)
        var firstDate: EDTFDate
        var count = 1
        var lastDay: Int?
    }
    private var pairs: [CountryPair: PairTally] = [:]
    private var countries: [Country: (stage: Int, count: Int)] = [:]
    private var months: [Int: Int] = [:]
    private var firstDay: Int?, lastDay: Int?

    /// `Timeline`'s order: sort day, then finer precision first, then id.
    private struct SortKey {
        var day: Int
        var precision: Int
        var id: String
        static func < (a: SortKey, b: SortKey) -> Bool {
            (a.day, a.precision) != (b.day, b.precision) ? (a.day, a.precision) < (b.day, b.precision) : a.id < b.id
        }
    }

    private let insertEvent: Statement
    private let insertNote: Statement
    /// An event's pairs and countries (staged numbers, as JSON arrays for `json_each`) and month:
    /// one narrow row per event, cheaper to insert than a row per pair and per country.
    private let insertLists: Statement

    /// Writes a whole store into `db` (empty, no transaction open) from what `feed` gives the
    /// sink. Staging lives in `stagePath` ("" = a temporary file SQLite removes itself).
    static func write(_ db: Database, stagePath: String, feed: (any DatasetSink) throws -> Void) throws {
        try db.execute(sql: "ATTACH DATABASE ? AS stage", arguments: [stagePath])
        defer { try? db.execute(sql: "DETACH DATABASE stage") }
        try db.execute(sql: "PRAGMA stage.journal_mode = OFF; PRAGMA stage.synchronous = OFF")
        // Small page caches and sorts in temporary files keep the import's memory small; at 100k
        // events 8-16 MB caches were no slower than 256 MB (5.1 s against 5.4 s, 121-129 MB against 216 MB).
        try db.execute(sql: "PRAGMA main.cache_size = -16384; PRAGMA stage.cache_size = -8192; PRAGMA temp_store = FILE")
        try db.inTransaction {
            let writer = try StreamingStoreWriter(db)
            try SinkPipe.run(feed: feed, into: writer)
            guard writer.finished else { throw StoreOpenError(message: "the dataset ended before its quotes", exitCode: 70) }
            return .commit
        }
    }

    private init(_ db: Database) throws {
        self.db = db
        try StoreSchema.createTables(db)
        try db.execute(sql: """
            CREATE TABLE stage.events(row INTEGER PRIMARY KEY, id TEXT NOT NULL, date TEXT NOT NULL, sort_day INTEGER NOT NULL,
                precision INTEGER NOT NULL, filter_lo INTEGER NOT NULL, filter_hi INTEGER NOT NULL, title TEXT NOT NULL,
                summary TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL, pairs TEXT NOT NULL, mode TEXT NOT NULL,
                participants TEXT NOT NULL, place_name TEXT, place_country TEXT, tags TEXT, sources TEXT NOT NULL,
                people TEXT NOT NULL, attributes TEXT, words TEXT NOT NULL);
            CREATE TABLE stage.notes(row INTEGER NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL, sources TEXT NOT NULL);
            CREATE TABLE stage.lists(row INTEGER PRIMARY KEY, month INTEGER, pairs TEXT NOT NULL, countries TEXT NOT NULL);
            CREATE TABLE stage.quote_refs(row INTEGER NOT NULL, quote INTEGER NOT NULL, seq INTEGER NOT NULL, words TEXT NOT NULL,
                PRIMARY KEY(row, quote, seq)) WITHOUT ROWID;
            CREATE TABLE stage.pair_ids(stage INTEGER PRIMARY KEY, id INTEGER NOT NULL);
            CREATE TABLE stage.country_ids(stage INTEGER PRIMARY KEY, id INTEGER NOT NULL);
            CREATE TABLE stage.ord(num INTEGER PRIMARY KEY, row INTEGER NOT NULL);
            """)
        insertEvent = try db.makeStatement(sql: """
            INSERT INTO stage.events(row, id, date, sort_day, precision, filter_lo, filter_hi, title, summary, kind, status, pairs,
                mode, participants, place_name, place_country, tags, sources, people, attributes, words)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertNote = try db.makeStatement(sql: "INSERT INTO stage.notes(row, seq, text, sources) VALUES (?, ?, ?, ?)")
        insertLists = try db.makeStatement(sql: "INSERT INTO stage.lists(row, month, pairs, countries) VALUES (?, ?, ?, ?)")
    }

    func begin(people: [Person], sources: [Source]) throws {
        self.people = people
        self.sources = sources
    }

    private static func indices(_ list: [Int]) -> String { list.map(String.init).joined(separator: ",") }
    private static func codes(_ list: [Country]) -> String { list.map(\.alpha3).joined(separator: ",") }

    func add(_ event: Event) throws {
        eventCount += 1
        let row = eventCount
        let date = event.date
        let day = date.sortDay
        let key = SortKey(day: day, precision: date.precision.rawValue, id: event.id)
        // Days with no known start (Int.min) or no known date (Int.max) count in no month.
        let month: Int? = day != Int.min && day != Int.max ? MonthCount.month(ofDay: day) : nil
        if let month {
            months[month, default: 0] += 1
            firstDay = min(firstDay ?? day, day)
            lastDay = max(lastDay ?? day, day)
        }

        var pairStages: [String] = []
        for (a, b) in event.participants.orderedPairs {
            let pair = CountryPair(a, b)
            let known = date.isUnknown ? nil : date.filterRange.upperBound
            if var tally = pairs[pair] {
                tally.count += 1
                if key < tally.firstKey { tally.firstKey = key; tally.display = (a, b); tally.firstDate = date }
                if let known { tally.lastDay = max(tally.lastDay ?? known, known) }
                pairs[pair] = tally
            } else {
                pairs[pair] = PairTally(stage: pairs.count, firstKey: key, display: (a, b), firstDate: date, lastDay: known)
            }
            pairStages.append(String(pairs[pair]!.stage))
        }
        var countryStages: [String] = []
        for country in event.participants.countries {
            let stage: Int
            if let tally = countries[country] {
                stage = tally.stage
                countries[country] = (stage, tally.count + 1)
            } else {
                stage = countries.count
                countries[country] = (stage, 1)
            }
            countryStages.append(String(stage))
        }
        let pairList = "[" + pairStages.joined(separator: ",") + "]"
        try insertLists.execute(arguments: [row, month, pairList, "[" + countryStages.joined(separator: ",") + "]"])

        let participants: String
        switch event.participants {
        case .mutual(let countries): participants = Self.codes(countries)
        case .directed(let from, let to): participants = Self.codes(from) + ">" + Self.codes(to)
        case .hub(let hub, let spokes): participants = hub.alpha3 + ">" + Self.codes(spokes)
        case .none: participants = ""
        }
        var words: [UInt8] = []
        SearchWords.append(event.title, to: &words)
        SearchWords.append(event.summary, to: &words)
        if let place = event.place { SearchWords.append(place.name, to: &words) }
        let range = date.filterRange
        let arguments: [(any DatabaseValueConvertible)?] = [
            row, event.id, date.text, day, key.precision, range.lowerBound, range.upperBound,
            event.title, event.summary, event.kind, event.status.rawValue, pairList,
            event.participants.modeName, participants, event.place?.name, event.place?.country?.alpha3,
            event.tags.isEmpty ? nil : event.tags.joined(separator: StoreSchema.listSeparator),
            Self.indices(event.sources), Self.indices(event.people),
            event.attributes.isEmpty ? nil : JSONWriter.attributes(event.attributes),
            String(decoding: words, as: UTF8.self),
        ]
        try insertEvent.execute(arguments: StatementArguments(arguments))
        for (seq, note) in event.notes.enumerated() {
            try insertNote.execute(arguments: [row, seq, note.text, Self.indices(note.sources)])
        }
    }

    func finish(title: String, description: String, quotes: [Quote]) throws {
        // Chronological order: only the keys are sorted, the rows are then copied in that order.
        try db.execute(sql: """
            INSERT INTO stage.ord(row) SELECT row FROM stage.events ORDER BY sort_day, precision, id;
            CREATE INDEX stage.ord_row ON ord(row, num);
            """)

        // Pairs and countries, busiest first, as `Timeline.pairSummaries` and the writer rank them.
        let rankedPairs = pairs.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
        var labels = [String](repeating: "", count: pairs.count)
        let insertPairRow = try db.makeStatement(sql: """
            INSERT INTO pairs(id, key, label, count, first_date, first_day, last_day, rank) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertPairID = try db.makeStatement(sql: "INSERT INTO stage.pair_ids(stage, id) VALUES (?, ?)")
        for (rank, (pair, tally)) in rankedPairs.enumerated() {
            let label = "\(tally.display.0.alpha3)–\(tally.display.1.alpha3)"
            labels[tally.stage] = label
            try insertPairRow.execute(arguments: [rank + 1, StoreWriter.pairKey(pair), label, tally.count,
                                                  tally.firstDate.text, tally.firstDate.sortDay, tally.lastDay ?? Int.max, rank])
            try insertPairID.execute(arguments: [tally.stage, rank + 1])
        }
        let rankedCountries = countries.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
        let insertCountryRow = try db.makeStatement(sql: "INSERT INTO countries(id, alpha3, count, rank) VALUES (?, ?, ?, ?)")
        let insertCountryID = try db.makeStatement(sql: "INSERT INTO stage.country_ids(stage, id) VALUES (?, ?)")
        for (rank, (country, tally)) in rankedCountries.enumerated() {
            try insertCountryRow.execute(arguments: [rank + 1, country.alpha3, tally.count, rank])
            try insertCountryID.execute(arguments: [tally.stage, rank + 1])
        }

        // An event's pair labels, from the staged pair numbers, once every pair's first event is known.
        let pairLabels = DatabaseFunction("bilateral_pair_labels", argumentCount: 1, pure: true) { [labels] values in
            guard let stages = String.fromDatabaseValue(values[0]) else { return "" }
            return stages.dropFirst().dropLast().split(separator: ",").map { Int($0).map { labels[$0] } ?? "" }.joined(separator: ",")
        }
        db.add(function: pairLabels)
        defer { db.remove(function: pairLabels) }

        try insertQuotes(quotes)
        try db.execute(sql: """
            INSERT INTO events(num, id, date, sort_day, filter_lo, filter_hi, title, summary, kind, status, pair_labels,
                mode, participants, place_name, place_country, tags, sources, people, attributes)
            SELECT o.num, s.id, s.date, s.sort_day, s.filter_lo, s.filter_hi, s.title, s.summary, s.kind, s.status,
                bilateral_pair_labels(s.pairs), s.mode, s.participants, s.place_name, s.place_country, s.tags, s.sources,
                s.people, s.attributes
            FROM stage.ord o CROSS JOIN stage.events s ON s.row = o.row ORDER BY o.num;
            INSERT INTO event_notes(position, seq, text, sources)
            SELECT o.num - 1, n.seq, n.text, n.sources FROM stage.notes n JOIN stage.ord o ON o.row = n.row ORDER BY 1, 2;
            INSERT INTO quote_events(quote, seq, position)
            SELECT q.quote, q.seq, o.num - 1 FROM stage.quote_refs q JOIN stage.ord o ON o.row = q.row ORDER BY 1, 2;
            """)
        // Pairs and countries are listed the same way: each one's events with their index within it, and per month.
        for (table, column) in [("pair", "pairs"), ("country", "countries")] {
            try db.execute(sql: """
                INSERT INTO \(table)_events(\(table), seq, position)
                SELECT m.id, row_number() OVER (PARTITION BY m.id ORDER BY o.num) - 1, o.num - 1
                FROM stage.ord o JOIN stage.lists l ON l.row = o.row, json_each(l.\(column)) j JOIN stage.\(table)_ids m ON m.stage = j.value;
                INSERT INTO \(table)_months(\(table), month, count)
                SELECT m.id, l.month, count(*) FROM stage.lists l, json_each(l.\(column)) j JOIN stage.\(table)_ids m ON m.stage = j.value
                WHERE l.month IS NOT NULL GROUP BY m.id, l.month;
                """)
        }
        try buildFullText()

        let insertMonth = try db.makeStatement(sql: "INSERT INTO months(month, count) VALUES (?, ?)")
        for (month, count) in months.sorted(by: { $0.key < $1.key }) { try insertMonth.execute(arguments: [month, count]) }
        let insertSource = try db.makeStatement(sql: "INSERT INTO sources(num, id, title, publisher, url, published, note) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (index, source) in sources.enumerated() {
            try insertSource.execute(arguments: [index + 1, source.id, source.title, source.publisher, source.url, source.published?.text, source.note])
        }
        let insertPerson = try db.makeStatement(sql: "INSERT INTO people(num, id, name, role, affiliation) VALUES (?, ?, ?, ?, ?)")
        for (index, person) in people.enumerated() {
            try insertPerson.execute(arguments: [index + 1, person.id, person.name, person.role, person.affiliation])
        }
        let insertMeta = try db.makeStatement(sql: "INSERT INTO meta(key, value) VALUES (?, ?)")
        let meta: [(String, (any DatabaseValueConvertible)?)] = [
            ("title", title), ("description", description), ("event_count", eventCount),
            ("quote_count", quotes.count), ("first_day", firstDay), ("last_day", lastDay),
            ("format", Dataset.formatIdentifier),
        ]
        for (key, value) in meta { try insertMeta.execute(arguments: [key, value]) }

        try StoreSchema.createIndexes(db)
        try db.execute(sql: "PRAGMA user_version = \(StoreSchema.formatVersion)")
        finished = true
    }

    /// Quotes in dataset order, and what each says and who said it, staged by the event it is about
    /// (an event's search words end with its quotes', in quote order).
    private func insertQuotes(_ quotes: [Quote]) throws {
        let speakerRank = quotes.indices.sorted { a, b in
            let nameA = people[quotes[a].speaker].name, nameB = people[quotes[b].speaker].name
            return nameA != nameB ? nameA < nameB : a < b
        }
        var rankOf = [Int](repeating: 0, count: quotes.count)
        for (rank, index) in speakerRank.enumerated() { rankOf[index] = rank }
        let insertQuote = try db.makeStatement(sql: "INSERT INTO quotes(num, id, speaker, text, context, source, speaker_rank) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let insertRef = try db.makeStatement(sql: "INSERT INTO stage.quote_refs(row, quote, seq, words) VALUES (?, ?, ?, ?)")
        for (index, quote) in quotes.enumerated() {
            try insertQuote.execute(arguments: [index + 1, quote.id, quote.speaker, quote.text, quote.context, quote.source, rankOf[index]])
            var words: [UInt8] = []
            SearchWords.append(quote.text, to: &words)
            SearchWords.append(people[quote.speaker].name, to: &words)
            let text = String(decoding: words, as: UTF8.self)
            for (seq, eventIndex) in quote.events.enumerated() {
                try insertRef.execute(arguments: [eventIndex + 1, index + 1, seq, text])
            }
        }
    }

    /// The full-text index in one pass over the events in order (rowid = position + 1): each
    /// event's own words, then its quotes'. FTS5 keeps only the tokens, so the spacing is free.
    ///
    /// Measured (release, 2 shared cores): at 100k events FTS5's default merging took 1.64 s + 0.38 s
    /// `optimize`; with no automatic merges (`automerge` 0, `crisismerge` 64) 0.98 s + 0.38 s; other
    /// `automerge`/`crisismerge`/`pgsz` values were no faster. A 32 MB `hashsize` (flushes of the
    /// in-memory terms, default 1 MB) took the whole 1M-event import from 64.9 s to 58.7 s for 30 MB
    /// more memory. Without `optimize` the index stays in dozens of segments (slower searches), so it
    /// stays. The settings are removed afterwards: `events_fts_config` is the default one.
    private func buildFullText() throws {
        try db.execute(sql: """
            INSERT INTO events_fts(events_fts, rank) VALUES('automerge', 0);
            INSERT INTO events_fts(events_fts, rank) VALUES('crisismerge', 64);
            INSERT INTO events_fts(events_fts, rank) VALUES('hashsize', \(32 << 20));
            INSERT INTO events_fts(rowid, words)
            SELECT o.num, s.words || coalesce(' ' || (SELECT group_concat(q.words, ' ') FROM stage.quote_refs q WHERE q.row = s.row), '')
            FROM stage.ord o CROSS JOIN stage.events s ON s.row = o.row ORDER BY o.num;
            INSERT INTO events_fts(events_fts) VALUES('optimize');
            DELETE FROM events_fts_config WHERE k IN ('automerge', 'crisismerge', 'hashsize');
            """)
    }
}
