import DatasetFormats
import Foundation
import PostgresNIO
import TimelineKit

/// Writes a dataset into a PostgreSQL database and publishes it atomically.
///
/// The records come through `DatasetSink` as for SQLite, in file order, and go to the server in
/// batches of `COPY` into a scratch schema (`bilateral_scratch_<pid>`) as they arrive: the client
/// keeps only per-pair and per-country tallies, the people and sources, and one batch, so its memory
/// does not grow with the events. At the end the server puts them in chronological order, builds the
/// derived tables, indexes and rollups (`PostgresSchema.build`), and the scratch schema is published
/// in one transaction (`publish`, `PostgresCatalog`); the old one is dropped once no reader holds
/// it. Readers never see a half dataset, nor a mix of two. A failure or an interruption drops the scratch schema; one left by a killed import is
/// dropped by the next import (`removeAbandoned`).
public final class PostgresDatasetWriter: DatasetSink {
    public typealias Progress = (_ written: Int, _ total: Int) throws -> Void

    let session: PostgresSession
    let address: PostgresAddress
    let dataset: String
    let scratch: String
    private let progress: Progress?
    private let replace: Bool
    private var events = CopyText()
    private var notes = CopyText()
    /// Bytes of COPY text a batch gathers before it goes to the server.
    private let batchBytes: Int
    private var people: [Person] = []
    private var sources: [Source] = []
    private var arrivals = 0
    private let clock = ImportTrace.Clock()
    private var finished = false

    private struct PairTally {
        var stage: Int
        var firstKey: ChronologicalKey
        var display: (Country, Country)
        var firstDate: EDTFDate
        var count = 1
        var lastDay: Int?
    }
    private var pairs: [CountryPair: PairTally] = [:]
    private var countries: [Country: (stage: Int, count: Int)] = [:]
    private var firstDay: Int?, lastDay: Int?

    /// Writes the dataset `feed` gives into `address` (which names the dataset). Without `replace`, a
    /// dataset of that name already there is an error and is left as it is.
    public static func write(to address: PostgresAddress, replace: Bool, progress: Progress? = nil, batchBytes: Int = 4 << 20,
                             feed: (any DatasetSink) throws -> Void) throws {
        let writer = try PostgresDatasetWriter(address: address, replace: replace, progress: progress, batchBytes: batchBytes)
        do {
            // Parsing on another thread while this one writes COPY text, as the SQLite writer does.
            try SinkPipe.run(feed: feed, into: writer)
            guard writer.finished else { throw PostgresStoreError(message: "the dataset ended before its quotes", exitCode: 70) }
            try writer.publish()
            writer.clock.mark("published")
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// Writes a dataset in memory (another format's reader made it).
    public static func write(dataset: Dataset, to address: PostgresAddress, replace: Bool, progress: Progress? = nil) throws {
        let total = dataset.events.count
        try write(to: address, replace: replace, progress: progress.map { report in { written, _ in try report(written, total) } }) { sink in
            try DatasetStream.feed(dataset, to: sink)
        }
    }

    private init(address: PostgresAddress, replace: Bool, progress: Progress?, batchBytes: Int) throws {
        guard let dataset = address.dataset else {
            throw PostgresStoreError.address("\(address.shown): name the dataset to write (?dataset=NAME)")
        }
        self.address = address
        self.dataset = dataset
        self.progress = progress
        self.replace = replace
        self.batchBytes = batchBytes
        session = try PostgresSession(address: address, statementTimeout: 0)
        scratch = PostgresSchema.scratchPrefix + String(session.backendPID)
        try PostgresCatalog.create(session: session)
        try Self.removeAbandoned(session)
        if let existing = try PostgresCatalog.locate(dataset, session: session),
           let kind = try PostgresCatalog.kind(of: existing.schema, session: session) {
            switch kind {
            case .dataset, .older:
                if !replace {
                    throw PostgresStoreError(message: "\(address.shown): dataset \(dataset) exists (--replace replaces it)", exitCode: 73)
                }
            case .other:
                throw PostgresStoreError.bad("\(address.shown): schema \(dataset) belongs to another application; not replaced")
            case .newer(let version):
                throw PostgresStoreError.bad("\(address.shown): dataset \(dataset) is of a newer store version (\(version)); not replaced")
            }
        }
        let s = PostgresSchema.quoted(scratch)
        // postgres-nio's COPY quotes the table name whole (no schema in it): the scratch schema is
        // the session's search path.
        try session.execute("DROP SCHEMA IF EXISTS \(s) CASCADE; CREATE SCHEMA \(s); SET search_path TO \(s);" + PostgresSchema.tables(s))
    }

    /// Drops the scratch schemas (and replaced datasets waiting to be dropped) of imports whose
    /// connection is gone: killed, or cut off, before they could clean up; and replaced
    /// publications no reader holds any more.
    static func removeAbandoned(_ session: PostgresSession) throws {
        try PostgresCatalog.dropUnreferenced(session: session)
        let rows = try session.query("""
            SELECT nspname::text FROM pg_namespace
            WHERE (nspname LIKE 'bilateral\\_scratch\\_%' OR nspname LIKE 'bilateral\\_old\\_%')
              AND substring(nspname FROM '[0-9]+$')::int NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL)
            """)
        for row in rows {
            let name = try row.text(0)
            try? session.execute("SET lock_timeout = '5s'; DROP SCHEMA IF EXISTS \(PostgresSchema.quoted(name)) CASCADE; SET lock_timeout = 0")
        }
    }

    public func begin(people: [Person], sources: [Source]) throws {
        self.people = people
        self.sources = sources
    }

    public func add(people: [Person], sources: [Source]) throws {
        self.people += people
        self.sources += sources
    }

    public func add(_ event: Event) throws {
        let arrival = arrivals
        arrivals += 1
        let numbers = tally(event)
        // One access to the buffer for the whole row (each of a stored property's mutations is
        // checked for exclusive access at run time).
        Self.writeRow(event, arrival: arrival, numbers: numbers, into: &events)
        for (seq, note) in event.notes.enumerated() {
            notes.field(arrival)
            notes.field(seq)
            notes.field(note.text)
            notes.field(EventColumns.numbers(note.sources))
            notes.endRow()
        }
        if events.byteCount + notes.byteCount >= batchBytes { try flush() }
    }

    /// The event's row of `staged_events`.
    private static func writeRow(_ event: Event, arrival: Int, numbers: (pairs: [Int], countries: [Int]), into events: inout CopyText) {
        let date = event.date
        let range = date.filterRange
        let day = date.sortDay
        events.field(arrival)
        events.field(event.id)
        events.field(date.text)
        events.field(day)
        events.field(date.precision.rawValue)
        events.field(event.id.precomposedStringWithCanonicalMapping)
        events.field(range.lowerBound)
        events.field(range.upperBound)
        events.field(event.title)
        events.field(event.summary)
        events.field(event.kind)
        events.field(event.status.rawValue)
        events.field(event.participants.modeName)
        events.field(EventColumns.participants(event.participants))
        events.field(event.place?.name)
        events.field(event.place?.country?.alpha3)
        events.field(event.tags.isEmpty ? nil : event.tags.joined(separator: EventColumns.listSeparator))
        events.field(EventColumns.numbers(event.sources))
        events.field(EventColumns.numbers(event.people))
        events.field(event.attributes.isEmpty ? nil : JSONWriter.attributes(event.attributes))
        events.field(EventColumns.actors(event.actors))
        events.field(event.cameo)
        events.lexemes(of: [event.title, event.summary, event.place?.name] + event.actors.map { $0.name })
        events.field(day == Int.min || day == Int.max ? nil : MonthCount.month(ofDay: day))
        events.field(numbers.pairs)
        events.field(numbers.countries)
        // What the trend rollups tally it as (its category and measures), as the SQLite writer does.
        let measures = TrendMeasure.values(of: event.attributes)
        events.field(EventClassification.category(of: event.facts).rawValue)
        events.field(measures.goldstein)
        events.field(measures.tone)
        events.endRow()
    }

    /// Sends the gathered rows (one COPY a table) while the next ones are read
    /// (`copyInBackground`): the buffers go with the COPY and new ones are started.
    private func flush() throws {
        var batches: [(table: String, data: ByteBuffer)] = []
        if events.rows > 0 { batches.append(("staged_events", events.buffer)) }
        if notes.rows > 0 { batches.append(("staged_notes", notes.buffer)) }
        events = CopyText()
        notes = CopyText()
        try session.copyInBackground(batches)
        try progress?(arrivals, arrivals)
    }

    /// Counts the event in its pairs and countries, as the SQLite writer does; their stage numbers.
    private func tally(_ event: Event) -> (pairs: [Int], countries: [Int]) {
        let date = event.date
        let day = date.sortDay
        let key = ChronologicalKey(event)
        if day != Int.min && day != Int.max {
            firstDay = min(firstDay ?? day, day)
            lastDay = max(lastDay ?? day, day)
        }
        var pairNumbers: [Int] = []
        for (a, b) in event.participants.orderedPairs {
            let pair = CountryPair(a, b)
            let known = date.isUnknown ? nil : date.filterRange.upperBound
            if var tally = pairs[pair] {
                tally.count += 1
                if key < tally.firstKey { tally.firstKey = key; tally.display = (a, b); tally.firstDate = date }
                if let known { tally.lastDay = max(tally.lastDay ?? known, known) }
                pairs[pair] = tally
                pairNumbers.append(tally.stage)
            } else {
                pairNumbers.append(pairs.count)
                pairs[pair] = PairTally(stage: pairs.count, firstKey: key, display: (a, b), firstDate: date, lastDay: known)
            }
        }
        var countryNumbers: [Int] = []
        for country in event.participants.countries {
            if let tally = countries[country] {
                countryNumbers.append(tally.stage)
                countries[country] = (tally.stage, tally.count + 1)
            } else {
                countryNumbers.append(countries.count)
                countries[country] = (countries.count, 1)
            }
        }
        return (pairNumbers, countryNumbers)
    }

    public func finish(title: String, description: String, quotes: [Quote]) throws {
        try flush()
        try session.finishCopies()
        clock.mark("events sent")
        let s = PostgresSchema.quoted(scratch)
        var table = CopyText()
        func send(_ name: String) throws {
            if table.rows > 0 { try session.copy(into: name, columns: [], data: table.buffer) }
            table.reset()
        }
        // Pairs and countries, busiest first, as the other stores rank them.
        var pickerKeys: [[[String]]] = [[], [], []]
        for (rank, (pair, tally)) in pairs.sorted(by: { ($0.value.count, $1.key) > ($1.value.count, $0.key) }).enumerated() {
            pickerKeys[0].append(PickerKeys.pair(tally.display.0, tally.display.1))
            table.field(rank + 1)
            table.field(pair.first.alpha3 + "-" + pair.second.alpha3)
            table.field(PairSummary.label(tally.display.0, tally.display.1))
            table.field(tally.count)
            table.field(tally.firstDate.text)
            table.field(tally.firstDate.sortDay)
            table.field(tally.lastDay ?? Int.max)
            table.field(rank)
            table.field(tally.stage)
            table.endRow()
        }
        try send("pairs")
        for (rank, (country, tally)) in countries.sorted(by: { ($0.value.count, $1.key) > ($1.value.count, $0.key) }).enumerated() {
            pickerKeys[1].append(PickerKeys.country(country))
            table.field(rank + 1)
            table.field(country.alpha3)
            table.field(tally.count)
            table.field(rank)
            table.field(tally.stage)
            table.endRow()
        }
        try send("countries")
        for (index, source) in sources.enumerated() {
            table.field(index)
            table.field(source.id)
            table.field(source.title)
            table.field(source.publisher)
            table.field(source.url)
            table.field(source.published?.text)
            table.field(source.note)
            table.endRow()
            if table.byteCount >= batchBytes { try send("sources") }
        }
        try send("sources")
        for (index, person) in people.enumerated() {
            table.field(index)
            table.field(person.id)
            table.field(person.name)
            table.field(person.role)
            table.field(person.affiliation)
            table.endRow()
        }
        try send("people")
        var rankOf = [Int](repeating: 0, count: quotes.count)
        for (rank, index) in Dataset.speakerOrder(of: quotes, people: people).enumerated() { rankOf[index] = rank }
        for (index, quote) in quotes.enumerated() {
            table.field(index)
            table.field(quote.id)
            table.field(quote.speaker)
            table.field(quote.text)
            table.field(quote.context)
            table.field(quote.source)
            table.field(rankOf[index])
            table.lexemes(Self.searchWords(of: quote, people: people))
            table.endRow()
            if table.byteCount >= batchBytes { try send("quotes") }
        }
        try send("quotes")
        // Quoted people, most quoted first, then by name and dataset order (as the reference ranks them).
        var quotesOf = [Int](repeating: 0, count: people.count), firstOf = [Int](repeating: Int.max, count: people.count)
        for (index, quote) in quotes.enumerated() {
            quotesOf[quote.speaker] += 1
            firstOf[quote.speaker] = min(firstOf[quote.speaker], rankOf[index])
        }
        let speakers = people.indices.filter { quotesOf[$0] > 0 }.sorted { a, b in
            if quotesOf[a] != quotesOf[b] { return quotesOf[a] > quotesOf[b] }
            return people[a].name != people[b].name ? people[a].name < people[b].name : a < b
        }
        for (rank, person) in speakers.enumerated() {
            pickerKeys[2].append(PickerKeys.speaker(people[person]))
            table.field(rank)
            table.field(person)
            table.field(quotesOf[person])
            table.field(firstOf[person])
            table.endRow()
        }
        try send("speakers")
        for (kind, entries) in pickerKeys.enumerated() {
            for (rank, keys) in entries.enumerated() {
                for prefix in PickerKeys.prefixes(of: keys, upTo: PostgresSchema.pickerPrefixLength) {
                    table.field(kind)
                    table.field(prefix)
                    table.field(rank)
                    table.endRow()
                }
                if table.byteCount >= batchBytes { try send("picker_prefixes") }
            }
        }
        try send("picker_prefixes")
        for (index, quote) in quotes.enumerated() {
            for (seq, arrival) in quote.events.enumerated() {
                table.field(index)
                table.field(seq)
                table.field(arrival)
                table.endRow()
            }
        }
        try send("staged_quote_events")
        // The quotes' words count as words of the events they are about (as in the other stores).
        for quote in quotes {
            let words = Self.searchWords(of: quote, people: people).joined(separator: " ")
            guard !words.isEmpty else { continue }
            for arrival in quote.events {
                table.field(arrival)
                table.field(words)
                table.endRow()
            }
        }
        try send("staged_quote_words")
        let meta: [(String, String?)] = [
            ("application", PostgresSchema.application), ("format_version", String(PostgresSchema.formatVersion)),
            ("title", title), ("description", description), ("event_count", String(arrivals)),
            ("quote_count", String(quotes.count)), ("first_day", firstDay.map(String.init)), ("last_day", lastDay.map(String.init)),
            ("format", Dataset.formatIdentifier), ("dataset", dataset),
        ]
        for (key, value) in meta {
            table.field(key)
            table.field(value)
            table.endRow()
        }
        try send("meta")
        clock.mark("the other tables sent")
        try session.execute(PostgresSchema.buildSettings)
        try runTraced(PostgresSchema.build(s))
        try session.execute(PostgresSchema.resetSettings)
        clock.mark("built on the server")
        try progress?(arrivals, arrivals)
        finished = true
    }

    /// A quote's search words: its text's and its speaker's name's, as the other stores index it.
    private static func searchWords(of quote: Quote, people: [Person]) -> [String] {
        SearchText.words(in: quote.text) + SearchText.words(in: people[quote.speaker].name)
    }

    /// Runs the build's statements one by one; with `BILATERAL_TRACE` set, each one's wall time
    /// on standard error (where an import's server time goes, for BENCHMARKS.md).
    private func runTraced(_ sql: String) throws {
        for statement in sql.split(separator: ";") {
            let text = statement.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            let start = Date()
            try session.execute(text)
            let summary = text.split(whereSeparator: \.isWhitespace).prefix(6).joined(separator: " ")
            ImportTrace.write(String(format: "server: %@: %.2f s", summary, Date().timeIntervalSince(start)))
        }
    }

    /// The swap: the scratch schema becomes a publication of its own (`bilateral_data_<generation>`)
    /// and the catalog names it for the dataset, in one transaction. Readers that opened the old
    /// publication keep reading it whole (they resolved its schema once and hold it); those that
    /// open after the commit read the new one. The old publication is dropped now if no reader
    /// holds it, else by a later import. A dataset published before the catalog (a schema of its
    /// own name) is renamed out of the way in the same transaction and dropped after.
    private func publish() throws {
        let legacy = PostgresSchema.oldPrefix + String(session.backendPID)
        try session.execute("BEGIN; SET LOCAL lock_timeout = '30s'")
        do {
            // The row lock makes two imports of one dataset publish one after the other.
            let current = try session.query("SELECT schema FROM \(PostgresCatalog.table) WHERE name = $1 FOR UPDATE", [.text(dataset)])
            let named = try !session.query("SELECT 1::bigint FROM pg_namespace WHERE nspname = $1", [.text(dataset)]).isEmpty
            if (!current.isEmpty || named) && !replace {
                throw PostgresStoreError(message: "\(address.shown): dataset \(dataset) appeared during the import (--replace replaces it)", exitCode: 73)
            }
            guard let generation = try session.query("SELECT nextval('\(PostgresCatalog.schema).generations')::bigint").first?.int(0) else {
                throw PostgresStoreError(message: "\(address.shown): no generation number", exitCode: 70)
            }
            let published = PostgresCatalog.dataPrefix + String(generation)
            if named { try session.execute("ALTER SCHEMA \(PostgresSchema.quoted(dataset)) RENAME TO \(PostgresSchema.quoted(legacy))") }
            try session.execute("ALTER SCHEMA \(PostgresSchema.quoted(scratch)) RENAME TO \(PostgresSchema.quoted(published))")
            // Without --replace a row another import inserted meanwhile is a unique violation, not overwritten.
            _ = try session.query("""
                INSERT INTO \(PostgresCatalog.table)(name, schema, generation) VALUES ($1, $2, $3)
                \(replace ? "ON CONFLICT (name) DO UPDATE SET schema = EXCLUDED.schema, generation = EXCLUDED.generation" : "")
                """, [.text(dataset), .text(published), .int(generation)])
            try session.execute("COMMIT")
        } catch {
            try? session.execute("ROLLBACK")
            throw error
        }
        try? session.execute("SET lock_timeout = '10s'; DROP SCHEMA IF EXISTS \(PostgresSchema.quoted(legacy)) CASCADE; SET lock_timeout = 0")
        try? PostgresCatalog.dropUnreferenced(session: session)
    }

    /// After a failure: the scratch schema goes (a connection that is gone leaves it to the next import).
    private func abandon() {
        try? session.finishCopies()
        try? session.execute("ROLLBACK")
        try? session.execute("DROP SCHEMA IF EXISTS \(PostgresSchema.quoted(scratch)) CASCADE")
    }
}

/// The columns that hold lists, written as the SQLite store writes them (its `StagedEvent`), so
/// both stores decode them with the same rules.
enum EventColumns {
    static let listSeparator = "\u{1F}"

    static func numbers(_ list: [Int]) -> String { list.map(String.init).joined(separator: ",") }
    static func codes(_ list: [Country]) -> String { list.map(\.alpha3).joined(separator: ",") }

    static func participants(_ participants: Participants) -> String {
        switch participants {
        case .mutual(let countries): return codes(countries)
        case .directed(let from, let to): return codes(from) + ">" + codes(to)
        case .hub(let hub, let spokes): return hub.alpha3 + ">" + codes(spokes)
        case .none: return ""
        }
    }

    static func actors(_ actors: [CountryActor]) -> String? {
        actors.isEmpty ? nil : JSONWriter.attributes(actors.map { Attribute($0.country.alpha3, .string($0.name)) })
    }
}
