import DatasetFormats
import Foundation
import GRDB
import TimelineKit

/// Writes a store from a dataset given record by record (a `DatasetSink`). Events are staged
/// compactly in memory (`StagedEvents`) in file order with per-pair, per-country and per-month
/// tallies; at the end their keys are sorted and every table is written in date order, so rowid =
/// position, while another thread builds the full-text index (`FullTextBuilder`). The result is
/// the same store, row for row, from a stream (`DatasetStream`) and from a dataset in memory.
final class StreamingStoreWriter: DatasetSink {
    private let db: Database
    /// Where the full-text index is built beside the store (nil: in the store, after the rows).
    private let fullTextPath: String?
    private let staged = StagedEvents()
    private let clock = ImportTrace.Clock()
    /// Told (events written, total) as the events go into the store; throwing cancels the write.
    private var progress: StoreWriter.Progress?
    /// How many rows ahead records are brought into the cache (`StagedEvents.prefetch`), and what
    /// that read (kept so that the reads are not left out).
    static let lookahead = 8
    private(set) var prefetched: UInt8 = 0
    private var people: [Person] = []
    private var sources: [Source] = []
    private var eventCount = 0
    private var finished = false

    /// What the `pairs` table needs, tallied as events arrive.
    private struct PairTally {
        var stage: Int
        /// The chronologically first event with the pair: its key decides the label's order
        /// ("as the dataset first presents it") and the first date.
        var firstKey: ChronologicalKey
        var display: (Country, Country)
        var firstDate: EDTFDate
        var count = 1
        var lastDay: Int?
    }
    private var pairs: [CountryPair: PairTally] = [:]
    private var countries: [Country: (stage: Int, count: Int)] = [:]
    private var months: [Int: Int] = [:]
    private var firstDay: Int?, lastDay: Int?

    /// Writes a whole store into `db` (empty, no transaction open) from what `feed` gives the
    /// sink. `fullTextPath` is a scratch file for the full-text index (nil for a store in memory).
    static func write(_ db: Database, fullTextPath: String?, feed: (any DatasetSink) throws -> Void) throws {
        try db.inTransaction {
            let writer = try StreamingStoreWriter(db, fullTextPath: fullTextPath)
            try SinkPipe.run(feed: feed, into: writer)
            guard writer.finished else { throw StoreOpenError(message: "the dataset ended before its quotes", exitCode: 70) }
            return .commit
        }
    }

    private init(_ db: Database, fullTextPath: String?) throws {
        self.db = db
        self.fullTextPath = fullTextPath
        try StoreSchema.createTables(db)
    }

    func begin(people: [Person], sources: [Source]) throws {
        self.people = people
        self.sources = sources
    }

    func add(_ event: Event) throws {
        let numbers = tally(event)
        staged.append(event, pairs: numbers.pairs, countries: numbers.countries)
    }

    /// Writes a whole store into `db` from a dataset in memory (another format's reader made it):
    /// the events are tallied in order, then encoded by two threads, a half each (at 1M GDELT
    /// rows, one thread took 2.7 s for what the rest of the import reads in 3.5 s on two).
    static func write(_ db: Database, fullTextPath: String?, dataset: Dataset, progress: StoreWriter.Progress? = nil) throws {
        try db.inTransaction {
            let writer = try StreamingStoreWriter(db, fullTextPath: fullTextPath)
            writer.progress = progress
            try writer.begin(people: dataset.people, sources: dataset.sources)
            let events = dataset.events
            let numbers = events.map { writer.tally($0) }
            let half = events.count / 2
            let second = StagedEvents()
            let parts = [(writer.staged, 0..<half), (second, half..<events.count)]
            DispatchQueue.concurrentPerform(iterations: parts.count) { part in
                let (staged, range) = parts[part]
                for index in range { staged.append(events[index], pairs: numbers[index].pairs, countries: numbers[index].countries) }
            }
            writer.staged.append(contentsOf: second)
            try writer.finish(title: dataset.title, description: dataset.description, quotes: dataset.quotes)
            return .commit
        }
    }

    /// Counts the event in its month, pairs and countries; its pairs' and countries' numbers.
    private func tally(_ event: Event) -> (pairs: [Int32], countries: [Int32]) {
        eventCount += 1
        let date = event.date
        let day = date.sortDay
        let key = ChronologicalKey(event)
        // Days with no known start (Int.min) or no known date (Int.max) count in no month.
        if day != Int.min && day != Int.max {
            months[MonthCount.month(ofDay: day), default: 0] += 1
            firstDay = min(firstDay ?? day, day)
            lastDay = max(lastDay ?? day, day)
        }

        var pairNumbers: [Int32] = []
        for (a, b) in event.participants.orderedPairs {
            let pair = CountryPair(a, b)
            let known = date.isUnknown ? nil : date.filterRange.upperBound
            if var tally = pairs[pair] {
                tally.count += 1
                if key < tally.firstKey { tally.firstKey = key; tally.display = (a, b); tally.firstDate = date }
                if let known { tally.lastDay = max(tally.lastDay ?? known, known) }
                pairs[pair] = tally
                pairNumbers.append(Int32(tally.stage))
            } else {
                pairNumbers.append(Int32(pairs.count))
                pairs[pair] = PairTally(stage: pairs.count, firstKey: key, display: (a, b), firstDate: date, lastDay: known)
            }
        }
        var countryNumbers: [Int32] = []
        for country in event.participants.countries {
            if let tally = countries[country] {
                countryNumbers.append(Int32(tally.stage))
                countries[country] = (tally.stage, tally.count + 1)
            } else {
                countryNumbers.append(Int32(countries.count))
                countries[country] = (countries.count, 1)
            }
        }
        return (pairNumbers, countryNumbers)
    }

    func finish(title: String, description: String, quotes: [Quote]) throws {
        clock.mark("reading and staging")
        let order = staged.chronologicalOrder()
        clock.mark("ordering")
        var positionOfRow = [Int32](repeating: 0, count: order.count)
        for (position, row) in order.enumerated() { positionOfRow[Int(row)] = Int32(position) }

        // Pairs and countries, busiest first, as `Timeline.pairSummaries` and the writer rank them.
        let rankedPairs = pairs.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
        var labels = [String](repeating: "", count: pairs.count)
        var pairIDs = [Int32](repeating: 0, count: pairs.count)
        let insertPairRow = try db.makeStatement(sql: """
            INSERT INTO pairs(id, key, label, count, first_date, first_day, last_day, rank) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (rank, (pair, tally)) in rankedPairs.enumerated() {
            let label = PairSummary.label(tally.display.0, tally.display.1)
            labels[tally.stage] = label
            pairIDs[tally.stage] = Int32(rank + 1)
            try insertPairRow.execute(arguments: [rank + 1, StoreWriter.pairKey(pair), label, tally.count,
                                                  tally.firstDate.text, tally.firstDate.sortDay, tally.lastDay ?? Int.max, rank])
        }
        let rankedCountries = countries.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
        var countryIDs = [Int32](repeating: 0, count: countries.count)
        let insertCountryRow = try db.makeStatement(sql: "INSERT INTO countries(id, alpha3, count, rank) VALUES (?, ?, ?, ?)")
        for (rank, (country, tally)) in rankedCountries.enumerated() {
            countryIDs[tally.stage] = Int32(rank + 1)
            try insertCountryRow.execute(arguments: [rank + 1, country.alpha3, tally.count, rank])
        }

        let fullText = FullTextBuilder(staged: staged, order: order, quoteWords: StagedEvents.quoteWords(quotes, people: people))
        try fullText.build(db, sidePath: fullTextPath) {
            try insertEvents(order: order, labels: labels)
            clock.mark("events")
            try insertQuotes(quotes, positionOfRow: positionOfRow)
            try insertMembership(table: "pair", order: order, ids: pairIDs, numbers: staged.pairNumbers, starts: staged.pairStarts)
            try insertMembership(table: "country", order: order, ids: countryIDs, numbers: staged.countryNumbers,
                                 starts: staged.countryStarts)
            clock.mark("pair and country lists")
            try insertTheRest(title: title, description: description, quoteCount: quotes.count)
            try StoreSchema.createIndexes(db)
            clock.mark("indexes")
        }
        clock.mark("full-text index joined and copied")
        try db.execute(sql: "PRAGMA user_version = \(StoreSchema.formatVersion)")
        finished = true
    }

    /// The events in date order, with their notes.
    private func insertEvents(order: [Int32], labels: [String]) throws {
        let insertEvent = try BulkInsert(db, sql: """
            INSERT INTO events(num, id, date, sort_day, filter_lo, filter_hi, title, summary, kind, status, pair_labels,
                mode, participants, place_name, place_country, tags, sources, people, attributes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertNote = try BulkInsert(db, sql: "INSERT INTO event_notes(position, seq, text, sources) VALUES (?, ?, ?, ?)")
        for (position, row) in order.enumerated() {
            let row = Int(row)
            if position + Self.lookahead < order.count { prefetched &+= staged.prefetch(Int(order[position + Self.lookahead])) }
            let pairLabels = staged.pairNumbers[staged.pairStarts[row]..<staged.pairStarts[row + 1]]
                .map { labels[Int($0)] }.joined(separator: ",")
            try staged.withRecord(row) { record in
                insertEvent.bind(1, position + 1)
                insertEvent.bind(2, record.text()) // id
                insertEvent.bind(3, record.text()) // date
                insertEvent.bind(4, staged.sortDays[row])
                insertEvent.bind(5, record.int()) // filter_lo
                insertEvent.bind(6, record.int()) // filter_hi
                insertEvent.bind(7, record.text()) // title
                insertEvent.bind(8, record.text()) // summary
                insertEvent.bind(9, record.text()) // kind
                insertEvent.bind(10, record.text()) // status
                insertEvent.bind(11, pairLabels)
                for column in Int32(12)...19 { insertEvent.bind(column, record.text()) } // mode ... attributes
                try insertEvent.step()
                if let progress, (position + 1) % 1000 == 0 { try progress(position + 1, order.count) }
                for seq in 0..<record.int() {
                    insertNote.bind(1, position)
                    insertNote.bind(2, seq)
                    insertNote.bind(3, record.text())
                    insertNote.bind(4, record.text())
                    try insertNote.step()
                }
            }
        }
        try progress?(order.count, order.count)
    }

    /// `pair_events` and `pair_months` (or the country tables): each pair's events in date order,
    /// numbered within it, and counted per month. `numbers`/`starts` give each row's pair numbers.
    ///
    /// Each pair's rows go in as one statement over a JSON array (`json_each`): at 1M events the
    /// 3M rows took 3.0 s as one prepared insert per row, most of it the statement's own overhead.
    private func insertMembership(table: String, order: [Int32], ids: [Int32], numbers: [Int32], starts: [Int]) throws {
        var positions = [[Int32]](repeating: [], count: ids.count)
        for (position, row) in order.enumerated() {
            for number in numbers[starts[Int(row)]..<starts[Int(row) + 1]] { positions[Int(number)].append(Int32(position)) }
        }
        let insertEvents = try db.makeStatement(sql: """
            INSERT INTO \(table)_events(\(table), seq, position) SELECT ?, key, value FROM json_each(?)
            """)
        // A month and its count travel as one integer, month * 2^32 + count, when the month fits in
        // 31 bits (years within ±178 million); deep time (a TimelineJS Big Bang) goes row by row.
        let insertPackedMonths = try db.makeStatement(sql: """
            INSERT INTO \(table)_months(\(table), month, count)
            SELECT ?, (value - (value & 4294967295)) / 4294967296, value & 4294967295 FROM json_each(?)
            """)
        let insertMonth = try BulkInsert(db, sql: "INSERT INTO \(table)_months(\(table), month, count) VALUES (?, ?, ?)")
        // By id, so that each table's rows arrive in its key's order.
        for number in ids.indices.sorted(by: { ids[$0] < ids[$1] }) {
            var monthCounts: [(month: Int, count: Int)] = []
            for position in positions[number] {
                // Positions are in date order, so a month's events are consecutive.
                let day = staged.sortDays[Int(order[Int(position)])]
                guard day != Int.min && day != Int.max else { continue }
                let month = MonthCount.month(ofDay: day)
                if monthCounts.last?.month == month { monthCounts[monthCounts.count - 1].count += 1 } else { monthCounts.append((month, 1)) }
            }
            let id = Int(ids[number])
            try insertEvents.execute(arguments: [id, JSONArray.text(positions[number])])
            if monthCounts.allSatisfy({ Int32(exactly: $0.month) != nil }) {
                try insertPackedMonths.execute(arguments: [id, JSONArray.text(monthCounts.map { $0.month << 32 + $0.count })])
            } else {
                for (month, count) in monthCounts {
                    insertMonth.bind(1, id)
                    insertMonth.bind(2, month)
                    insertMonth.bind(3, count)
                    try insertMonth.step()
                }
            }
        }
    }

    /// Months, sources, people and the meta table.
    private func insertTheRest(title: String, description: String, quoteCount: Int) throws {
        let insertMonth = try db.makeStatement(sql: "INSERT INTO months(month, count) VALUES (?, ?)")
        for (month, count) in months.sorted(by: { $0.key < $1.key }) { try insertMonth.execute(arguments: [month, count]) }
        // A GDELT file has a source per distinct URL: half a million rows at 1M events.
        let insertSource = try BulkInsert(db, sql: "INSERT INTO sources(num, id, title, publisher, url, published, note) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (index, source) in sources.enumerated() {
            insertSource.bind(1, index + 1)
            insertSource.bind(2, source.id)
            insertSource.bind(3, source.title)
            insertSource.bind(4, source.publisher)
            insertSource.bind(5, source.url)
            insertSource.bind(6, source.published?.text)
            insertSource.bind(7, source.note)
            try insertSource.step()
        }
        let insertPerson = try db.makeStatement(sql: "INSERT INTO people(num, id, name, role, affiliation) VALUES (?, ?, ?, ?, ?)")
        for (index, person) in people.enumerated() {
            try insertPerson.execute(arguments: [index + 1, person.id, person.name, person.role, person.affiliation])
        }
        let insertMeta = try db.makeStatement(sql: "INSERT INTO meta(key, value) VALUES (?, ?)")
        let meta: [(String, (any DatabaseValueConvertible)?)] = [
            ("title", title), ("description", description), ("event_count", eventCount),
            ("quote_count", quoteCount), ("first_day", firstDay), ("last_day", lastDay),
            ("format", Dataset.formatIdentifier),
        ]
        for (key, value) in meta { try insertMeta.execute(arguments: [key, value]) }
    }

    /// Quotes in dataset order, and the events each is about, by position.
    private func insertQuotes(_ quotes: [Quote], positionOfRow: [Int32]) throws {
        let speakerRank = Dataset.speakerOrder(of: quotes, people: people)
        var rankOf = [Int](repeating: 0, count: quotes.count)
        for (rank, index) in speakerRank.enumerated() { rankOf[index] = rank }
        let insertQuote = try db.makeStatement(sql: "INSERT INTO quotes(num, id, speaker, text, context, source, speaker_rank) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let insertLink = try BulkInsert(db, sql: "INSERT INTO quote_events(quote, seq, position) VALUES (?, ?, ?)")
        for (index, quote) in quotes.enumerated() {
            try insertQuote.execute(arguments: [index + 1, quote.id, quote.speaker, quote.text, quote.context, quote.source, rankOf[index]])
            for (seq, eventIndex) in quote.events.enumerated() {
                insertLink.bind(1, index + 1)
                insertLink.bind(2, seq)
                insertLink.bind(3, Int(positionOfRow[eventIndex]))
                try insertLink.step()
            }
        }
    }
}

