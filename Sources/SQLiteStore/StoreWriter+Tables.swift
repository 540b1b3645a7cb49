import DatasetFormats
import Foundation
import GRDB
import TimelineKit

extension StoreWriter.Session {
    /// The events in date order, with their notes (one pass over the staged events: a merge of
    /// their runs when they were spilled), handing each pair's and country's events to `pairs` and
    /// `countries` on the way. Returns the position of each row (file order) in `quotedRows`.
    func insertEvents(labels: [String], pairs: Memberships, countries: Memberships,
                      quotedRows: Set<Int>) throws -> [Int32: Int32] {
        let insertEvent = try BulkInsert(db, sql: """
            INSERT INTO events(num, id, date, sort_day, filter_lo, filter_hi, title, summary, kind, status, pair_labels,
                mode, participants, place_name, place_country, tags, sources, people, attributes, actors, cameo)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertNote = try BulkInsert(db, sql: "INSERT INTO event_notes(position, seq, text, sources) VALUES (?, ?, ?, ?)")
        var quotedPositions: [Int32: Int32] = [:]
        let total = staged.count
        try staged.forEachInOrder { position, record in
            // Halfway through (mid-merge when spilled), for the interrupted-import test.
            if position == total / 2 { TestPause.point() }
            let event = record.event
            var pairLabels = ""
            for number in record.pairs {
                if !pairLabels.isEmpty { pairLabels += "," }
                pairLabels += labels[Int(number)]
                try pairs.add(number, position: position, sortDay: record.sortDay)
            }
            for number in record.countries { try countries.add(number, position: position, sortDay: record.sortDay) }
            if quotedRows.contains(record.row) { quotedPositions[Int32(record.row)] = Int32(position) }
            insertEvent.bind(1, position + 1)
            insertEvent.bind(from: 2, event.id, event.date)
            insertEvent.bind(4, record.sortDay)
            insertEvent.bind(5, event.filterLow)
            insertEvent.bind(6, event.filterHigh)
            insertEvent.bind(from: 7, event.title, event.summary, event.kind, event.status)
            insertEvent.bind(11, pairLabels)
            insertEvent.bind(from: 12, event.mode, event.participants, event.placeName, event.placeCountry,
                             event.tags, event.sources, event.people, event.attributes, event.actors, event.cameo)
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
        return quotedPositions
    }

    /// Months, sources, people and the meta table.
    func insertTheRest(title: String, description: String, quoteCount: Int, pairPrefixes: BackgroundValue<PickerPrefixRows>,
                       countryKeys: [[String]]) throws {
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
            ("format", Dataset.formatIdentifier), (DateReach.metaKey, dateReach.reach?.days),
        ]
        for (key, value) in meta { try insertMeta.execute(arguments: [key, value]) }
        try insertPickerPrefixes(kind: 0, rows: pairPrefixes.wait())
        try insertPickerPrefixes(kind: 1, keys: countryKeys)
    }

    /// Quotes in dataset order, and the events each is about, by position.
    func insertQuotes(_ quotes: [Quote], positionOfRow: [Int32: Int32]) throws {
        let speakerRank = Dataset.speakerOrder(of: quotes, people: people)
        var rankOf = [Int](repeating: 0, count: quotes.count)
        for (rank, index) in speakerRank.enumerated() { rankOf[index] = rank }
        let insertQuote = try BulkInsert(db, sql: "INSERT INTO quotes(num, id, speaker, text, context, source, speaker_rank) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let insertLink = try BulkInsert(db, sql: "INSERT INTO quote_events(quote, seq, position) VALUES (?, ?, ?)")
        let insertWords = try BulkInsert(db, sql: "INSERT INTO quotes_fts(rowid, words) VALUES (?, ?)")
        for (index, quote) in quotes.enumerated() {
            insertQuote.bind(1, index + 1)
            insertQuote.bind(2, quote.id)
            insertQuote.bind(3, quote.speaker)
            insertQuote.bind(4, quote.text)
            insertQuote.bind(5, quote.context)
            insertQuote.bind(6, quote.source)
            insertQuote.bind(7, rankOf[index])
            try insertQuote.step()
            for (seq, eventIndex) in quote.events.enumerated() {
                insertLink.bind(1, index + 1)
                insertLink.bind(2, seq)
                insertLink.bind(3, Int(positionOfRow[Int32(eventIndex)]!))
                try insertLink.step()
            }
        }
        // The quote pane's search, in speaker order so that its next match is a rowid seek.
        for (rank, index) in speakerRank.enumerated() {
            let quote = quotes[index]
            insertWords.bind(1, rank + 1)
            insertWords.bind(2, (SearchText.words(in: quote.text) + SearchText.words(in: people[quote.speaker].name)).joined(separator: " "))
            try insertWords.step()
        }
        try insertSpeakers(quotes, speakerRank: speakerRank)
    }

    /// `quote_runs`, `speakers`, and the speakers' picker prefixes.
    private func insertSpeakers(_ quotes: [Quote], speakerRank: [Int]) throws {
        let insertRun = try db.makeStatement(sql: "INSERT INTO quote_runs(start, end) VALUES (?, ?)")
        var quotesOf = [Int](repeating: 0, count: people.count)
        var firstOf = [Int](repeating: Int.max, count: people.count)
        var runStart = 0
        for (rank, index) in speakerRank.enumerated() {
            let speaker = quotes[index].speaker
            quotesOf[speaker] += 1
            firstOf[speaker] = min(firstOf[speaker], rank)
            if rank > 0, quotes[speakerRank[rank - 1]].speaker != speaker {
                try insertRun.execute(arguments: [runStart, rank])
                runStart = rank
            }
        }
        if !speakerRank.isEmpty { try insertRun.execute(arguments: [runStart, speakerRank.count]) }
        // Most quoted first, then by name and dataset order, as the reference ranks them.
        let ranked = people.indices.filter { quotesOf[$0] > 0 }.sorted { a, b in
            if quotesOf[a] != quotesOf[b] { return quotesOf[a] > quotesOf[b] }
            return people[a].name != people[b].name ? people[a].name < people[b].name : a < b
        }
        let insertSpeaker = try db.makeStatement(sql: "INSERT INTO speakers(rank, person, quotes, first_index) VALUES (?, ?, ?, ?)")
        for (rank, person) in ranked.enumerated() {
            try insertSpeaker.execute(arguments: [rank, person + 1, quotesOf[person], firstOf[person]])
        }
        try insertPickerPrefixes(kind: 2, keys: ranked.map { PickerKeys.speaker(people[$0]) })
    }

    /// Every prefix of each entry's keys (entry i has rank i), once per entry, in the table's order.
    private func insertPickerPrefixes(kind: Int, keys: [[String]]) throws {
        try insertPickerPrefixes(kind: kind, rows: PickerPrefixRows(keys: keys, upTo: StoreSchema.pickerPrefixLength))
    }

    private func insertPickerPrefixes(kind: Int, rows: PickerPrefixRows) throws {
        let insert = BatchedInsert(db, head: "INSERT INTO picker_prefixes(kind, prefix, rank)", tuple: "(\(kind), ?, ?)", columns: 2)
        try rows.forEach { prefix, rank in
            insert.add(prefix)
            insert.add(rank)
            try insert.endRow()
        }
        try insert.finish()
    }
}
