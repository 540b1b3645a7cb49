import DatasetFormats
import Foundation
import GRDB
import TimelineKit

extension StoreWriter {
    /// One write of a store, from a dataset given part by part (a `DatasetSink`). Events are staged
    /// compactly in memory (`StagedEvents`) in file order with per-pair, per-country and per-month
    /// tallies; at the end their keys are sorted and every table is written in date order, so rowid =
    /// position, while another thread builds the full-text index (`FullTextBuilder`). The result is
    /// the same store, row for row, from a stream (`DatasetStream`) and from a dataset in memory.
    final class Session: DatasetSink {
        let db: Database
        /// Where the full-text index is built beside the store (nil: in the store, after the rows).
        private let fullTextPath: String?
        let staged = StagedEvents()
        private let clock = ImportTrace.Clock()
        /// Told (events written, total) as the events go into the store; throwing cancels the write.
        var progress: Progress?
        /// How many rows ahead staged events are brought into the cache (`StagedEvents.prefetch`),
        /// and what that read (kept so that the reads are not optimized away).
        static let lookahead = 8
        var prefetched: UInt8 = 0
        var people: [Person] = []
        var sources: [Source] = []
        var eventCount = 0
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
        var months: [Int: Int] = [:]
        var firstDay: Int?, lastDay: Int?

        /// Writes a whole store into `db` (empty, no transaction open) from what `feed` gives the
        /// sink. `fullTextPath` is a scratch file for the full-text index (nil for a store in memory).
        static func write(_ db: Database, fullTextPath: String?, feed: (any DatasetSink) throws -> Void) throws {
            try db.inTransaction {
                let writer = try Session(db, fullTextPath: fullTextPath)
                try SinkPipe.run(feed: feed, into: writer)
                guard writer.finished else { throw StoreError(message: "the dataset ended before its quotes", exitCode: 70) }
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
        /// the events are tallied in order, then staged by two threads, a half each: on one thread,
        /// staging a large import took nearly as long as all the rest of it (BENCHMARKS.md).
        static func write(_ db: Database, fullTextPath: String?, dataset: Dataset, progress: Progress? = nil) throws {
            try db.inTransaction {
                let writer = try Session(db, fullTextPath: fullTextPath)
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

            // Pairs and countries, busiest first, as `Timeline.pairSummaries` ranks them.
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
                TestPause.point()
                try insertQuotes(quotes, positionOfRow: positionOfRow)
                try insertMembership(table: "pair", order: order, ids: pairIDs, numbers: staged.pairNumbers, starts: staged.pairStarts)
                try insertMembership(table: "country", order: order, ids: countryIDs, numbers: staged.countryNumbers,
                                     starts: staged.countryStarts)
                clock.mark("pair and country lists")
                try insertTrendRollups(order: order, pairIDs: pairIDs, countryIDs: countryIDs)
                clock.mark("trend rollups")
                try insertTheRest(title: title, description: description, quoteCount: quotes.count)
                try StoreSchema.createIndexes(db)
                clock.mark("indexes")
            }
            clock.mark("full-text index joined and copied")
            try db.execute(sql: "PRAGMA user_version = \(StoreSchema.formatVersion)")
            finished = true
        }
    }
}
