import DatasetFormats
import Foundation
import GRDB
import TimelineKit

extension StoreWriter {
    /// One write of a store, from a dataset given part by part (a `DatasetSink`). Events are staged
    /// compactly (`StagedEvents`: in memory, spilled as sorted runs beside the store beyond the memory
    /// budget) in file order with per-pair, per-country and per-month tallies; at the end they are
    /// sorted (or their runs merged) and every table is written in date order, so rowid = position,
    /// while another thread builds the full-text index, the search bitmaps and the trend rollups
    /// (`SideTablesBuilder`). The result is the same store, row for row, from a stream
    /// (`DatasetStream`) and from a dataset in memory, spilled or not.
    final class Session: DatasetSink {
        let db: Database
        /// Where the full-text index is built beside the store (nil: in the store, after the rows).
        private let fullTextPath: String?
        /// Where the pair and country lists spill their runs (nil: they stay in memory).
        private let listsPath: String?
        private let rollups: RollupClaim.Writer?
        let staged: StagedEvents
        private let clock = ImportTrace.Clock()
        /// Told (events written, total) as the events go into the store; throwing cancels the write.
        var progress: Progress?
        var people: [Person] = []
        var sources: [Source] = []
        var eventCount = 0
        private var finished = false

        /// What the `pairs` table needs, tallied as events arrive.
        private struct PairTally {
            /// The chronologically first event with the pair: its key decides the label's order
            /// ("as the dataset first presents it") and the first date.
            var firstKey: ChronologicalKey
            var display: (Country, Country)
            var firstDate: EDTFDate
            var count = 1
            var lastDay: Int?

            /// Another event with the pair.
            mutating func add(key: ChronologicalKey, display: (Country, Country), date: EDTFDate, lastKnownDay: Int?) {
                count += 1
                if key < firstKey { firstKey = key; self.display = display; firstDate = date }
                if let lastKnownDay { lastDay = max(lastDay ?? lastKnownDay, lastKnownDay) }
            }
        }
        /// Each pair's stage (its number in first-seen order) and, by stage, its tally: updated in
        /// place, where a dictionary of tallies copied each out and back for every event.
        private var pairStages: [CountryPair: Int] = [:]
        private var pairTallies: [(pair: CountryPair, tally: PairTally)] = []
        private var countryStages: [Country: Int] = [:]
        private var countryCounts: [(country: Country, count: Int)] = []
        var months: [Int: Int] = [:]
        var firstDay: Int?, lastDay: Int?
        var dateReach = DateReach.Tally()

        /// Writes a whole store into `db` (empty, no transaction open) from what `feed` gives the
        /// sink. `scratch` names the files beside the store (nil for a store in memory, whose staged
        /// events all stay in memory).
        /// Returns how many runs were spilled (0: the events stayed in memory).
        @discardableResult
        static func write(_ db: Database, scratch: Scratch?, feed: (any DatasetSink) throws -> Void) throws -> Int {
            var runs = 0
            try db.inTransaction {
                let writer = try Session(db, scratch: scratch)
                try SinkPipe.run(feed: feed, into: writer)
                guard writer.finished else { throw StoreError(message: "the dataset ended before its quotes", exitCode: 70) }
                runs = writer.staged.runs.count
                return .commit
            }
            return runs
        }

        /// The scratch files of a store written to a file: the full-text index is built in one, staged
        /// events beyond `memoryBudget` bytes are spilled to the other.
        struct Scratch {
            var fullTextPath: String
            var spillPath: String
            /// The pair and country lists' runs (`Memberships`).
            var listsPath: String
            var memoryBudget: Int
            /// Which thread writes the trend rollups, for tests (nil: the first free, `RollupClaim`).
            var rollups: RollupClaim.Writer?
        }

        private init(_ db: Database, scratch: Scratch?) throws {
            self.db = db
            self.fullTextPath = scratch?.fullTextPath
            self.listsPath = scratch?.listsPath
            self.rollups = scratch?.rollups
            staged = StagedEvents(budget: scratch?.memoryBudget, spill: scratch.map { SpillFile(path: $0.spillPath) })
            try StoreSchema.createTables(db)
        }

        func begin(people: [Person], sources: [Source]) throws {
            self.people = people
            self.sources = sources
        }

        func add(people: [Person], sources: [Source]) throws {
            self.people += people
            self.sources += sources
        }

        func add(_ event: Event) throws {
            let numbers = tally(event)
            try staged.append(event, pairs: numbers.pairs, countries: numbers.countries)
        }

        /// Writes a whole store into `db` from a dataset in memory (another format's reader made it):
        /// the events are tallied in order, then staged by two threads, a half each: on one thread,
        /// staging a large import took nearly as long as all the rest of it (BENCHMARKS.md).
        @discardableResult
        static func write(_ db: Database, scratch: Scratch?, dataset: Dataset, progress: Progress? = nil) throws -> Int {
            var runs = 0
            try db.inTransaction {
                let writer = try Session(db, scratch: scratch)
                writer.progress = progress
                try writer.begin(people: dataset.people, sources: dataset.sources)
                let events = dataset.events
                let numbers = events.map { writer.tally($0) }
                let half = events.count / 2
                // Each half may hold half the budget; both spill to the same file.
                let budget = writer.staged.budget.map { $0 / 2 }
                writer.staged.budget = budget
                let second = StagedEvents(budget: budget, spill: writer.staged.spill, firstRow: half)
                let parts = [(writer.staged, 0..<half), (second, half..<events.count)]
                let failures = Failures()
                DispatchQueue.concurrentPerform(iterations: parts.count) { part in
                    let (staged, range) = parts[part]
                    do {
                        for index in range { try staged.append(events[index], pairs: numbers[index].pairs, countries: numbers[index].countries) }
                    } catch {
                        failures.add(error)
                    }
                }
                if let error = failures.first { throw error }
                writer.staged.append(contentsOf: second)
                try writer.finish(title: dataset.title, description: dataset.description, quotes: dataset.quotes)
                runs = writer.staged.runs.count
                return .commit
            }
            return runs
        }

        /// Counts the event in its month, pairs and countries; its pairs' and countries' numbers.
        private func tally(_ event: Event) -> (pairs: [Int32], countries: [Int32]) {
            eventCount += 1
            let date = event.date
            let day = date.sortDay
            let key = ChronologicalKey(event)
            dateReach.add(date)
            // Days with no known start (Int.min) or no known date (Int.max) count in no month.
            if day != Int.min && day != Int.max {
                months[MonthCount.month(ofDay: day), default: 0] += 1
                firstDay = min(firstDay ?? day, day)
                lastDay = max(lastDay ?? day, day)
            }

            var pairNumbers: [Int32] = []
            let known = date.isUnknown ? nil : date.filterRange.upperBound
            for (a, b) in event.participants.orderedPairs {
                let pair = CountryPair(a, b)
                if let stage = pairStages[pair] {
                    pairTallies[stage].tally.add(key: key, display: (a, b), date: date, lastKnownDay: known)
                    pairNumbers.append(Int32(stage))
                } else {
                    pairNumbers.append(Int32(pairTallies.count))
                    pairStages[pair] = pairTallies.count
                    pairTallies.append((pair, PairTally(firstKey: key, display: (a, b), firstDate: date, lastDay: known)))
                }
            }
            var countryNumbers: [Int32] = []
            for country in event.participants.countries {
                if let stage = countryStages[country] {
                    countryCounts[stage].count += 1
                    countryNumbers.append(Int32(stage))
                } else {
                    countryNumbers.append(Int32(countryCounts.count))
                    countryStages[country] = countryCounts.count
                    countryCounts.append((country, 1))
                }
            }
            return (pairNumbers, countryNumbers)
        }

        func finish(title: String, description: String, quotes: [Quote]) throws {
            clock.mark("reading and staging")
            try staged.seal()
            clock.mark(staged.spilled ? "spilling the last run (\(staged.runs.count) runs)" : "ordering")

            // Pairs and countries, busiest first, as `Timeline.pairSummaries` ranks them.
            // By stage (a pair's index in `pairTallies`), as the countries below.
            let rankedPairs = pairTallies.indices.sorted { a, b in
                (pairTallies[a].tally.count, pairTallies[b].pair) > (pairTallies[b].tally.count, pairTallies[a].pair)
            }
            var labels = [String](repeating: "", count: pairTallies.count)
            var pairIDs = [Int32](repeating: 0, count: pairTallies.count)
            let insertPairRow = try db.makeStatement(sql: """
                INSERT INTO pairs(id, key, label, count, first_date, first_day, last_day, rank) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (rank, stage) in rankedPairs.enumerated() {
                let (pair, tally) = pairTallies[stage]
                let label = PairSummary.label(tally.display.0, tally.display.1)
                labels[stage] = label
                pairIDs[stage] = Int32(rank + 1)
                try insertPairRow.execute(arguments: [rank + 1, StoreWriter.pairKey(pair), label, tally.count,
                                                      tally.firstDate.text, tally.firstDate.sortDay, tally.lastDay ?? Int.max, rank])
            }
            // The pairs' picker prefixes, made on another thread while the events go in.
            let pairKeys = rankedPairs.map { PickerKeys.pair(pairTallies[$0].tally.display.0, pairTallies[$0].tally.display.1) }
            let pairPrefixes = BackgroundValue { PickerPrefixRows(keys: pairKeys, upTo: StoreSchema.pickerPrefixLength) }
            let rankedCountries = countryCounts.indices.sorted { a, b in
                (countryCounts[a].count, countryCounts[b].country) > (countryCounts[b].count, countryCounts[a].country)
            }
            var countryIDs = [Int32](repeating: 0, count: countryCounts.count)
            let insertCountryRow = try db.makeStatement(sql: "INSERT INTO countries(id, alpha3, count, rank) VALUES (?, ?, ?, ?)")
            for (rank, stage) in rankedCountries.enumerated() {
                countryIDs[stage] = Int32(rank + 1)
                try insertCountryRow.execute(arguments: [rank + 1, countryCounts[stage].country.alpha3, countryCounts[stage].count, rank])
            }

            let sideTables = SideTablesBuilder(staged: staged, quoteWords: StagedEvents.quoteWords(quotes, people: people),
                                               trends: TrendRollups(pairIDs: pairIDs, countryIDs: countryIDs))
            try sideTables.build(db, sidePath: fullTextPath, rollups: rollups) {
                // Each spills a run once it holds a 32nd of the budget (`Memberships.heldBytes`).
                let limit = staged.budget.map { max(4096, $0 / 32) }
                // Both lists' runs go to one file (each run appended whole).
                let listsSpill = listsPath.map { SpillFile(path: $0) }
                let pairLists = Memberships(db, table: "pair", ids: pairIDs, limit: limit, spill: listsSpill)
                let countryLists = Memberships(db, table: "country", ids: countryIDs, limit: limit, spill: listsSpill)
                let quotedPositions = try insertEvents(labels: labels, pairs: pairLists, countries: countryLists,
                                                       quotedRows: Set(quotes.lazy.flatMap(\.events)))
                clock.mark("events")
                try insertQuotes(quotes, positionOfRow: quotedPositions)
                try pairLists.finish()
                try countryLists.finish()
                listsPath.map { _ = unlink($0) }
                clock.mark("pair and country lists (\(pairLists.runCount) + \(countryLists.runCount) runs)")
                try insertTheRest(title: title, description: description, quoteCount: quotes.count, pairPrefixes: pairPrefixes,
                                  countryKeys: rankedCountries.map { PickerKeys.country(countryCounts[$0].country) })
                clock.mark("sources, people and the pickers' prefixes")
                try StoreSchema.createIndexes(db)
                clock.mark("indexes")
            }
            // Both merges are over: the runs' disk space is given back now, not at the rename.
            staged.spill.map { _ = unlink($0.path) }
            clock.mark("the side thread awaited, its tables copied")
            try db.execute(sql: "PRAGMA user_version = \(StoreSchema.formatVersion)")
            finished = true
        }
    }
}

/// The first error of the threads staging a dataset's halves.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var first: (any Error)?

    func add(_ error: any Error) {
        lock.lock()
        if first == nil { first = error }
        lock.unlock()
    }
}
