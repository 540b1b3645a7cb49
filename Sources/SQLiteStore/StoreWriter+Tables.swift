import DatasetFormats
import Foundation
import GRDB
import TimelineKit

extension StoreWriter.Session {
    /// What writing the events in date order gathers for the tables after them.
    struct PlacedEvents {
        /// Each pair's (by number) and country's events, by position, and their counts per month.
        var pairs: [MembershipList]
        var countries: [MembershipList]
        /// Position of each row (file order) a quote is about.
        var quotedPositions: [Int32: Int32]
    }

    /// One pair's or country's events in date order (positions), and how many in each month.
    struct MembershipList {
        var positions: [Int32] = []
        var months: [(month: Int, count: Int)] = []

        mutating func add(_ position: Int, sortDay: Int) {
            positions.append(Int32(position))
            // Days with no known start (Int.min) or no known date (Int.max) count in no month. The
            // events come in date order, so a month's events are consecutive.
            guard sortDay != Int.min && sortDay != Int.max else { return }
            let month = MonthCount.month(ofDay: sortDay)
            if months.last?.month == month { months[months.count - 1].count += 1 } else { months.append((month, 1)) }
        }
    }

    /// The events in date order, with their notes (one pass over the staged events: a merge of
    /// their runs when they were spilled), gathering each pair's and country's events on the way.
    func insertEvents(labels: [String], pairCount: Int, countryCount: Int, quotedRows: Set<Int>) throws -> PlacedEvents {
        let insertEvent = try BulkInsert(db, sql: """
            INSERT INTO events(num, id, date, sort_day, filter_lo, filter_hi, title, summary, kind, status, pair_labels,
                mode, participants, place_name, place_country, tags, sources, people, attributes, actors)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertNote = try BulkInsert(db, sql: "INSERT INTO event_notes(position, seq, text, sources) VALUES (?, ?, ?, ?)")
        var placed = PlacedEvents(pairs: Array(repeating: MembershipList(), count: pairCount),
                                  countries: Array(repeating: MembershipList(), count: countryCount), quotedPositions: [:])
        let total = staged.count
        try staged.forEachInOrder { position, record in
            // Halfway through (mid-merge when spilled), for the interrupted-import test.
            if position == total / 2 { TestPause.point() }
            let event = record.event
            var pairLabels = ""
            for number in record.pairs {
                if !pairLabels.isEmpty { pairLabels += "," }
                pairLabels += labels[Int(number)]
                placed.pairs[Int(number)].add(position, sortDay: record.sortDay)
            }
            for number in record.countries { placed.countries[Int(number)].add(position, sortDay: record.sortDay) }
            if quotedRows.contains(record.row) { placed.quotedPositions[Int32(record.row)] = Int32(position) }
            insertEvent.bind(1, position + 1)
            insertEvent.bind(from: 2, event.id, event.date)
            insertEvent.bind(4, record.sortDay)
            insertEvent.bind(5, event.filterLow)
            insertEvent.bind(6, event.filterHigh)
            insertEvent.bind(from: 7, event.title, event.summary, event.kind, event.status)
            insertEvent.bind(11, pairLabels)
            insertEvent.bind(from: 12, event.mode, event.participants, event.placeName, event.placeCountry,
                             event.tags, event.sources, event.people, event.attributes, event.actors)
            try insertEvent.step()
            if let progress, (position + 1) % 1000 == 0 { try progress(position + 1, total) }
            for (seq, note) in event.notes.enumerated() {
                insertNote.bind(1, position)
                insertNote.bind(2, seq)
                insertNote.bind(3, note.text)
                insertNote.bind(4, note.sources)
                try insertNote.step()
            }
        }
        try progress?(total, total)
        return placed
    }

    /// `pair_events` and `pair_months` (or the country tables): each pair's events in date order,
    /// numbered within it, and counted per month. `lists` are by pair number, `ids` their rows' ids.
    ///
    /// Each pair's rows go in as one statement over a JSON array (`json_each`): there are several
    /// rows per event, and one prepared insert per row spent most of its time in the statement's own overhead.
    func insertMembership(table: String, ids: [Int32], lists: [MembershipList]) throws {
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
            let monthCounts = lists[number].months
            let id = Int(ids[number])
            try insertEvents.execute(arguments: [id, JSONArray.text(lists[number].positions)])
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
    func insertTheRest(title: String, description: String, quoteCount: Int) throws {
        let insertMonth = try db.makeStatement(sql: "INSERT INTO months(month, count) VALUES (?, ?)")
        for (month, count) in months.sorted(by: { $0.key < $1.key }) { try insertMonth.execute(arguments: [month, count]) }
        // A GDELT file has a source per distinct URL: as many rows as there are events, nearly.
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
    func insertQuotes(_ quotes: [Quote], positionOfRow: [Int32: Int32]) throws {
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
                insertLink.bind(3, Int(positionOfRow[Int32(eventIndex)]!))
                try insertLink.step()
            }
        }
    }
}
