import DatasetFormats
import Foundation
import GRDB
import TimelineKit

extension StoreWriter.Session {
    /// The events in date order, with their notes.
    func insertEvents(order: [Int32], labels: [String]) throws {
        let insertEvent = try BulkInsert(db, sql: """
            INSERT INTO events(num, id, date, sort_day, filter_lo, filter_hi, title, summary, kind, status, pair_labels,
                mode, participants, place_name, place_country, tags, sources, people, attributes, actors, cameo)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertNote = try BulkInsert(db, sql: "INSERT INTO event_notes(position, seq, text, sources) VALUES (?, ?, ?, ?)")
        for (position, row) in order.enumerated() {
            let row = Int(row)
            if position + Self.lookahead < order.count { prefetched &+= staged.prefetch(Int(order[position + Self.lookahead])) }
            let pairLabels = staged.pairNumbers[staged.pairStarts[row]..<staged.pairStarts[row + 1]]
                .map { labels[Int($0)] }.joined(separator: ",")
            try staged.withEvent(row) { event in
                insertEvent.bind(1, position + 1)
                insertEvent.bind(from: 2, event.id, event.date)
                insertEvent.bind(4, staged.sortDays[row])
                insertEvent.bind(5, event.filterLow)
                insertEvent.bind(6, event.filterHigh)
                insertEvent.bind(from: 7, event.title, event.summary, event.kind, event.status)
                insertEvent.bind(11, pairLabels)
                insertEvent.bind(from: 12, event.mode, event.participants, event.placeName, event.placeCountry,
                                 event.tags, event.sources, event.people, event.attributes, event.actors, event.cameo)
                try insertEvent.step()
                if let progress, (position + 1) % 1000 == 0 { try progress(position + 1, order.count) }
                for (seq, note) in event.notes.enumerated() {
                    insertNote.bind(1, position)
                    insertNote.bind(2, seq)
                    insertNote.bind(3, note.text)
                    insertNote.bind(4, note.sources)
                    try insertNote.step()
                }
            }
        }
        try progress?(order.count, order.count)
    }

    /// `pair_events` and `pair_months` (or the country tables): each pair's events in date order,
    /// numbered within it, and counted per month. `numbers`/`starts` give each row's pair numbers.
    ///
    /// Each pair's rows go in as one statement over a JSON array (`json_each`): there are several
    /// rows per event, and one prepared insert per row spent most of its time in the statement's own overhead.
    func insertMembership(table: String, order: [Int32], ids: [Int32], numbers: [Int32], starts: [Int]) throws {
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
    func insertQuotes(_ quotes: [Quote], positionOfRow: [Int32]) throws {
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
