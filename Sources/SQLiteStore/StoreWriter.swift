import Foundation
import GRDB

/// Writes a `Timeline` as a store (see `StoreSchema`).
public enum StoreWriter {
    /// Called as events are written: (events written, total). Throwing from it cancels the write.
    public typealias Progress = (_ written: Int, _ total: Int) throws -> Void

    /// Writes a complete store into a temporary file beside `path`, then renames it into place.
    /// An error leaves no file behind and never touches an existing file at `path`.
    public static func write(timeline: Timeline, to path: String, progress: Progress? = nil) throws {
        try writeFile(to: path) { db, _ in
            try db.inTransaction {
                try populate(db, timeline: timeline, progress: progress)
                return .commit
            }
        }
    }

    /// Writes a store from a dataset that `feed` streams into the given sink (`DatasetStream`,
    /// or `DatasetStream.feed` for a dataset in memory), as `write(timeline:to:)` does.
    public static func write(to path: String, feed: (any DatasetSink) throws -> Void) throws {
        try writeFile(to: path) { db, temporary in
            try StreamingStoreWriter.write(db, fullTextPath: temporary + "-fts", feed: feed)
        }
    }

    /// Writes a store from a dataset in memory (another format's reader made it), as
    /// `write(to:feed:)` does with `DatasetStream.feed`, on two threads.
    public static func write(dataset: Dataset, to path: String) throws {
        try writeFile(to: path) { db, temporary in
            try StreamingStoreWriter.write(db, fullTextPath: temporary + "-fts", dataset: dataset)
        }
    }

    /// A store in memory from a streamed dataset.
    public static func inMemory(feed: (any DatasetSink) throws -> Void) throws -> SQLiteEventStore {
        let queue = try DatabaseQueue()
        try queue.writeWithoutTransaction { db in try StreamingStoreWriter.write(db, fullTextPath: nil, feed: feed) }
        return try SQLiteEventStore(queue: queue, name: "<in-memory store>")
    }

    /// The temporary file, the rename into place, and the clean-up on any failure.
    private static func writeFile(to path: String, body: (Database, _ temporary: String) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let prefix = "." + url.lastPathComponent + ".tmp-"
        removeAbandoned(prefix: prefix, directory: directory)
        let temporary = directory + "/" + prefix + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            var configuration = Configuration()
            configuration.journalMode = .default
            let queue = try DatabaseQueue(path: temporary, configuration: configuration)
            do {
                try queue.writeWithoutTransaction { db in
                    // The temporary file is thrown away on any failure, so no journal is needed. The rows
                    // go in in key order, so a 64 MB page cache was as fast as 256 MB at 1M events (and
                    // 180 MB smaller); in-memory temporary storage keeps the index sorts off the disk.
                    try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY")
                    try body(db, temporary)
                }
                try queue.close()
            } catch {
                try? queue.close()
                throw error
            }
            unlink(temporary + "-fts")
            guard rename(temporary, path) == 0 else {
                throw StoreOpenError(message: "\(path): cannot write the store (\(String(cString: strerror(errno))))", exitCode: 73)
            }
        } catch {
            for suffix in ["", "-journal", "-wal", "-shm", "-fts", "-fts-journal"] { unlink(temporary + suffix) }
            throw error
        }
    }

    /// Removes temporary files of earlier writes to the same path whose process is gone (killed mid-write).
    static func removeAbandoned(prefix: String, directory: String) {
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where entry.hasPrefix(prefix) {
            let rest = entry.dropFirst(prefix.count)
            guard let pid = rest.split(separator: "-").first.flatMap({ pid_t($0) }), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + entry) }
        }
    }

    /// A store in memory (the bundled data, `--no-cache`).
    public static func inMemory(timeline: Timeline, progress: Progress? = nil) throws -> SQLiteEventStore {
        let queue = try DatabaseQueue()
        try queue.write { db in try populate(db, timeline: timeline, progress: progress) }
        return try SQLiteEventStore(queue: queue, name: "<in-memory store>")
    }

    /// Every table, then the indexes and the full-text index; the caller holds the transaction.
    static func populate(_ db: Database, timeline: Timeline, progress: Progress?) throws {
        let dataset = timeline.dataset
        let events = dataset.events
        let total = timeline.eventCount
        try StoreSchema.createTables(db)

        let separator = StoreSchema.listSeparator
        func indices(_ list: [Int]) -> String { list.map(String.init).joined(separator: ",") }
        func codes(_ list: [Country]) -> String { list.map(\.alpha3).joined(separator: ",") }

        let insertEvent = try db.makeStatement(sql: """
            INSERT INTO events(num, id, date, sort_day, filter_lo, filter_hi, title, summary, kind, status, pair_labels,
                mode, participants, place_name, place_country, tags, sources, people, attributes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertNote = try db.makeStatement(sql: "INSERT INTO event_notes(position, seq, text, sources) VALUES (?, ?, ?, ?)")
        let insertWords = try db.makeStatement(sql: "INSERT INTO events_fts(rowid, words) VALUES (?, ?)")
        var months: [Int: Int] = [:]
        var firstDay: Int?, lastDay: Int?
        for position in 0..<total {
            let eventIndex = Int(timeline.order[position])
            let event = events[eventIndex]
            let range = event.date.filterRange
            let participants: String
            switch event.participants {
            case .mutual(let countries): participants = codes(countries)
            case .directed(let from, let to): participants = codes(from) + ">" + codes(to)
            case .hub(let hub, let spokes): participants = hub.alpha3 + ">" + codes(spokes)
            case .none: participants = ""
            }
            let labels = event.participants.pairs.map(timeline.label(of:)).joined(separator: ",")
            let tags: String? = event.tags.isEmpty ? nil : event.tags.joined(separator: separator)
            let arguments: [(any DatabaseValueConvertible)?] = [
                position + 1, event.id, event.date.text, event.date.sortDay, range.lowerBound, range.upperBound,
                event.title, event.summary, event.kind, event.status.rawValue, labels,
                event.participants.modeName, participants, event.place?.name, event.place?.country?.alpha3, tags,
                indices(event.sources), indices(event.people),
                event.attributes.isEmpty ? nil : JSONWriter.attributes(event.attributes),
            ]
            try insertEvent.execute(arguments: StatementArguments(arguments))
            for (seq, note) in event.notes.enumerated() {
                try insertNote.execute(arguments: [position, seq, note.text, indices(note.sources)])
            }
            try insertWords.execute(arguments: [position + 1, searchWords(timeline: timeline, eventIndex: eventIndex)])
            let day = event.date.sortDay
            if day != Int.min && day != Int.max { // no known start, or no known date at all
                months[MonthCount.month(ofDay: day), default: 0] += 1
                if firstDay == nil { firstDay = day }
                lastDay = day
            }
            if let progress, (position + 1) % 1000 == 0 { try progress(position + 1, total) }
        }

        let insertSource = try db.makeStatement(sql: "INSERT INTO sources(num, id, title, publisher, url, published, note) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (index, source) in dataset.sources.enumerated() {
            try insertSource.execute(arguments: [index + 1, source.id, source.title, source.publisher, source.url, source.published?.text, source.note])
        }
        let insertPerson = try db.makeStatement(sql: "INSERT INTO people(num, id, name, role, affiliation) VALUES (?, ?, ?, ?, ?)")
        for (index, person) in dataset.people.enumerated() {
            try insertPerson.execute(arguments: [index + 1, person.id, person.name, person.role, person.affiliation])
        }
        var speakerRank = [Int](repeating: 0, count: dataset.quotes.count)
        for (rank, quoteIndex) in timeline.quotesBySpeaker.enumerated() { speakerRank[quoteIndex] = rank }
        let insertQuote = try db.makeStatement(sql: "INSERT INTO quotes(num, id, speaker, text, context, source, speaker_rank) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let insertQuoteEvent = try db.makeStatement(sql: "INSERT INTO quote_events(quote, seq, position) VALUES (?, ?, ?)")
        for (index, quote) in dataset.quotes.enumerated() {
            try insertQuote.execute(arguments: [index + 1, quote.id, quote.speaker, quote.text, quote.context, quote.source, speakerRank[index]])
            for (seq, eventIndex) in quote.events.enumerated() {
                try insertQuoteEvent.execute(arguments: [index + 1, seq, Int(timeline.positionOfEvent[eventIndex])])
            }
        }

        func monthsOf(_ positions: [Int32]) -> [(Int, Int)] {
            var counts: [Int: Int] = [:]
            for position in positions {
                let day = timeline.event(atPosition: Int(position)).date.sortDay
                if day != Int.min && day != Int.max { counts[MonthCount.month(ofDay: day), default: 0] += 1 }
            }
            return counts.sorted { $0.key < $1.key }
        }

        let insertPair = try db.makeStatement(sql: """
            INSERT INTO pairs(id, key, label, count, first_date, first_day, last_day, rank) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertPairEvent = try db.makeStatement(sql: "INSERT INTO pair_events(pair, seq, position) VALUES (?, ?, ?)")
        let insertPairMonth = try db.makeStatement(sql: "INSERT INTO pair_months(pair, month, count) VALUES (?, ?, ?)")
        for (rank, summary) in timeline.pairSummaries.enumerated() {
            let id = rank + 1
            let positions = timeline.positionsByPair[summary.pair] ?? []
            try insertPair.execute(arguments: [id, pairKey(summary.pair), summary.label, summary.eventCount,
                                               summary.firstDate.text, summary.firstDate.sortDay, summary.lastDay, rank])
            for (seq, position) in positions.enumerated() { try insertPairEvent.execute(arguments: [id, seq, Int(position)]) }
            for (month, count) in monthsOf(positions) { try insertPairMonth.execute(arguments: [id, month, count]) }
        }

        let countries = timeline.positionsByCountry.map { ($0.key, $0.value) }
            .sorted { ($0.1.count, $1.0) > ($1.1.count, $0.0) }
        let insertCountry = try db.makeStatement(sql: "INSERT INTO countries(id, alpha3, count, rank) VALUES (?, ?, ?, ?)")
        let insertCountryEvent = try db.makeStatement(sql: "INSERT INTO country_events(country, seq, position) VALUES (?, ?, ?)")
        let insertCountryMonth = try db.makeStatement(sql: "INSERT INTO country_months(country, month, count) VALUES (?, ?, ?)")
        for (rank, (country, positions)) in countries.enumerated() {
            let id = rank + 1
            try insertCountry.execute(arguments: [id, country.alpha3, positions.count, rank])
            for (seq, position) in positions.enumerated() { try insertCountryEvent.execute(arguments: [id, seq, Int(position)]) }
            for (month, count) in monthsOf(positions) { try insertCountryMonth.execute(arguments: [id, month, count]) }
        }

        let insertMonth = try db.makeStatement(sql: "INSERT INTO months(month, count) VALUES (?, ?)")
        for (month, count) in months.sorted(by: { $0.key < $1.key }) { try insertMonth.execute(arguments: [month, count]) }

        let insertMeta = try db.makeStatement(sql: "INSERT INTO meta(key, value) VALUES (?, ?)")
        let meta: [(String, (any DatabaseValueConvertible)?)] = [
            ("title", dataset.title), ("description", dataset.description), ("event_count", total),
            ("quote_count", dataset.quotes.count), ("first_day", firstDay), ("last_day", lastDay),
            ("format", Dataset.formatIdentifier),
        ]
        for (key, value) in meta { try insertMeta.execute(arguments: [key, value]) }

        try StoreSchema.createIndexes(db)
        try db.execute(sql: "INSERT INTO events_fts(events_fts) VALUES('optimize')")
        try db.execute(sql: "PRAGMA user_version = \(StoreSchema.formatVersion)")
        try progress?(total, total)
    }

    /// The folded words an event is found by: title, summary, place, its quotes and their speakers.
    public static func searchWords(timeline: Timeline, eventIndex: Int) -> String {
        let dataset = timeline.dataset
        let event = dataset.events[eventIndex]
        var out: [UInt8] = []
        SearchWords.append(event.title, to: &out)
        SearchWords.append(event.summary, to: &out)
        if let place = event.place { SearchWords.append(place.name, to: &out) }
        for quoteIndex in timeline.quotesByEvent[eventIndex] {
            let quote = dataset.quotes[Int(quoteIndex)]
            SearchWords.append(quote.text, to: &out)
            SearchWords.append(dataset.people[quote.speaker].name, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A pair's key in the `pairs` table: its canonical codes ("PAK-RUS").
    public static func pairKey(_ pair: CountryPair) -> String { pair.first.alpha3 + "-" + pair.second.alpha3 }
}
