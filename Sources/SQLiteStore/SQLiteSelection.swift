import DatasetFormats
import GRDB
import TimelineKit

/// A selection over a store. What it costs depends on its shape, decided once when it is made:
/// - every event: index = position, no lookup at all;
/// - exactly one pair, or exactly one country: `pair_events`/`country_events` seq lookups, O(log n);
/// - several pairs and nothing else: their lists merged (`PairUnion`) into an array, without reading
///   the events;
/// - a date range alone, over every event or one pair or country, in a store that knows how far
///   its dates reach: a run of positions and the few events before it (`SQLiteDateWindow`); over
///   several pairs, their lists merged over the range's positions only;
/// - anything else: the matching positions read once, here, into an array; then O(1)/O(log n).
struct SQLiteSelection: EventSelection {
    enum Backing: Sendable {
        case all(count: Int)
        /// `table` is "pair" or "country": `<table>_events`, `<table>_months`.
        case list(table: String, id: Int, count: Int)
        /// The selected positions, and the month of each one's sort day (`Int.min` when unknown).
        /// Months are whole integers: a TimelineJS file may date the Big Bang, 13.8 billion years
        /// back, whose month number does not fit in 32 bits (it stopped the program).
        case positions([Int32], months: [Int])
        case window(SQLiteDateWindow)
    }

    let store: SQLiteEventStore
    let query: TimelineQuery
    let backing: Backing

    static func make(store: SQLiteEventStore, query: TimelineQuery) throws -> SQLiteSelection {
        let search = SearchText(query.text)
        let onlyMembership = query.from == nil && query.to == nil && query.kind == nil && search.isEmpty
        let eventCount = store.info.eventCount
        return try store.read { db in
            func listID(_ table: String, _ key: String, _ value: String) throws -> (Int, Int)? {
                try CheckedRow.fetchOne(db, table: table, "'\(StoreRows.shown(value))'", sql: "SELECT id, count FROM \(table) WHERE \(key) = ?",
                                        arguments: [value]).map { (try $0.int(0, in: Int.min ..< Int.max), try $0.int(1, in: 0 ..< eventCount + 1)) }
            }
            if onlyMembership {
                if query.pairs.isEmpty, query.country == nil {
                    return SQLiteSelection(store: store, query: query, backing: .all(count: store.info.eventCount))
                }
                if query.pairs.count == 1, query.country == nil {
                    guard let (id, count) = try listID("pairs", "key", StoreWriter.pairKey(query.pairs.first!)) else {
                        return SQLiteSelection(store: store, query: query, backing: .positions([], months: []))
                    }
                    return SQLiteSelection(store: store, query: query, backing: .list(table: "pair", id: id, count: count))
                }
                if query.pairs.count > 1, query.country == nil {
                    let ids = try query.pairs.compactMap { try listID("pairs", "key", StoreWriter.pairKey($0))?.0 }
                    let positions = try PairUnion.positions(db, pairIDs: ids, count: eventCount)
                    let months = try PairUnion.months(db, of: positions, count: eventCount)
                    return SQLiteSelection(store: store, query: query, backing: .positions(positions, months: months))
                }
                if query.pairs.isEmpty, let country = query.country {
                    guard let (id, count) = try listID("countries", "alpha3", country.alpha3) else {
                        return SQLiteSelection(store: store, query: query, backing: .positions([], months: []))
                    }
                    return SQLiteSelection(store: store, query: query, backing: .list(table: "country", id: id, count: count))
                }
            }
            let empty = SQLiteSelection(store: store, query: query, backing: .positions([], months: []))
            let lower = query.from?.earliestDay ?? query.from?.filterRange.lowerBound
            let upper = query.to?.latestDay ?? query.to?.filterRange.upperBound
            // A date range alone, over every event, some pairs or one country: the run its sort days
            // make, and the events before it whose dates reach into it.
            if let reach = store.dateReach, lower != nil || upper != nil, query.kind == nil, search.isEmpty,
               query.pairs.isEmpty || query.country == nil {
                if query.pairs.count > 1 {
                    let ids = try query.pairs.compactMap { try listID("pairs", "key", StoreWriter.pairKey($0))?.0 }
                    let (positions, months) = try SQLiteDateWindow.pairs(db, ids: ids, lower: lower, upper: upper, reach: reach, eventCount: eventCount)
                    return SQLiteSelection(store: store, query: query, backing: .positions(positions, months: months))
                }
                var list: SQLiteDateWindow.List?
                if let pair = query.pairs.first {
                    guard let (id, count) = try listID("pairs", "key", StoreWriter.pairKey(pair)) else { return empty }
                    list = SQLiteDateWindow.List(table: "pair", id: id, count: count)
                } else if let country = query.country {
                    guard let (id, count) = try listID("countries", "alpha3", country.alpha3) else { return empty }
                    list = SQLiteDateWindow.List(table: "country", id: id, count: count)
                }
                let window = try SQLiteDateWindow.make(db, list: list, lower: lower, upper: upper, reach: reach, eventCount: eventCount)
                return SQLiteSelection(store: store, query: query, backing: .window(window))
            }
            var conditions: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            var pairIDs: [Int] = []
            if !query.pairs.isEmpty {
                pairIDs = try query.pairs.compactMap { try listID("pairs", "key", StoreWriter.pairKey($0))?.0 }
                if pairIDs.isEmpty { return empty }
            }
            var countryID: Int?
            if let country = query.country {
                guard let (id, _) = try listID("countries", "alpha3", country.alpha3) else { return empty }
                countryID = id
            }
            if let lower {
                conditions.append("filter_hi >= ?")
                arguments.append(lower)
            }
            if let upper {
                conditions.append("filter_lo <= ?")
                arguments.append(upper)
            }
            if lower != nil || upper != nil {
                // An event of unknown date (`XXXX`, stored as Int.max...Int.max) is in no date range,
                // as in `TimelineQuery.matches`.
                conditions.append("filter_lo != \(Int.max)")
            }
            if let kind = query.kind {
                conditions.append("kind = ?")
                arguments.append(kind)
            }
            var fts: FTSQuery?
            if !search.isEmpty {
                guard let found = try store.searchTerms.query(db, search) else { return empty }
                fts = found
            }
            if let fts, !pairIDs.isEmpty || countryID != nil {
                // A search within pairs or a country: from the members (their positions are an index
                // walk), tested against the index by ranges or row by row (`matching`), then the other
                // conditions on the few that match. FTS driving (`num IN (SELECT rowid ...)`) read every
                // match of a common word first, however few the members.
                let members = try memberPositions(db, pairIDs: pairIDs, countryID: countryID, count: eventCount)
                let found = try matching(db, fts, among: members, count: eventCount)
                var collector = Collector(count: eventCount)
                if conditions.isEmpty, let first = found.first, let last = found.last, found.count > (last - first) / 16 {
                    // Many: their sort days from one walk of the (sort_day, num) index over their span,
                    // in position order (sort days never decrease with it), rather than a lookup per
                    // match, which is slow when a large country meets a common word.
                    let rows = try Row.fetchCursor(db, sql: """
                        SELECT num - 1, sort_day FROM events INDEXED BY events_sort_day
                        WHERE sort_day BETWEEN (SELECT sort_day FROM events WHERE num = ?) AND (SELECT sort_day FROM events WHERE num = ?)
                        ORDER BY sort_day, num
                        """, arguments: [first + 1, last + 1])
                    var index = 0
                    while index < found.count, let row = try rows.next() {
                        let checked = CheckedRow(row, table: "events")
                        let position = try checked.int(0, in: StoreRows.positions(eventCount))
                        while index < found.count, found[index] < position { index += 1 }
                        if index < found.count, found[index] == position { try collector.append(checked) }
                    }
                    return SQLiteSelection(store: store, query: query, backing: .positions(collector.positions, months: collector.months))
                }
                let filter = conditions.isEmpty ? "" : " AND " + conditions.joined(separator: " AND ")
                for start in stride(from: 0, to: found.count, by: 500) {
                    let chunk = found[start..<min(start + 500, found.count)].map { String($0 + 1) }.joined(separator: ",")
                    try collector.add(Row.fetchCursor(db, sql: "SELECT num - 1, sort_day FROM events WHERE num IN (\(chunk))\(filter) ORDER BY num",
                                                      arguments: StatementArguments(arguments)))
                }
                return SQLiteSelection(store: store, query: query, backing: .positions(collector.positions, months: collector.months))
            }
            if !pairIDs.isEmpty {
                conditions.append("num IN (SELECT position + 1 FROM pair_events WHERE pair IN (\(pairIDs.map(String.init).joined(separator: ","))))")
            }
            if let countryID {
                conditions.append("num IN (SELECT position + 1 FROM country_events WHERE country = ?)")
                arguments.append(countryID)
            }
            if let fts, fts.hasText {
                conditions.append("num IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
                arguments.append(fts.text)
            }
            // The short words' events, as bits the rows are kept by (the index keeps no prefixes).
            let prefixBits = try fts.flatMap { $0.prefixes.isEmpty ? nil : try PrefixWords($0.prefixes, events: eventCount).all(db) }
            var collector = Collector(count: eventCount)
            if let prefixBits, fts?.hasText == false, prefixBits.population <= eventCount / 16 {
                // Short words alone, and few events: those events' rows, not a walk of every row.
                let filter = conditions.isEmpty ? "" : " AND " + conditions.joined(separator: " AND ")
                var chunk: [String] = []
                func flush() throws {
                    guard !chunk.isEmpty else { return }
                    try collector.add(Row.fetchCursor(db, sql: "SELECT num - 1, sort_day FROM events WHERE num IN (\(chunk.joined(separator: ",")))\(filter) ORDER BY num",
                                                      arguments: StatementArguments(arguments)))
                    chunk.removeAll(keepingCapacity: true)
                }
                for position in prefixBits.positions {
                    chunk.append(String(position + 1))
                    if chunk.count == 500 { try flush() }
                }
                try flush()
            } else {
                let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
                try collector.add(Row.fetchCursor(db, sql: "SELECT num - 1, sort_day FROM events\(filter) ORDER BY num", arguments: StatementArguments(arguments)),
                                  keeping: prefixBits)
            }
            return SQLiteSelection(store: store, query: query, backing: .positions(collector.positions, months: collector.months))
        }
    }

    /// Gathers selected positions and the month of each one's sort day, from rows (position, sort day).
    /// Both checked: a position within the store's count (so it fits in 32 bits), a day an EDTF
    /// date can have.
    private struct Collector {
        let count: Int
        var positions: [Int32] = [], months: [Int] = []
        private var lastDay = Int.min, lastMonth = Int.min

        init(count: Int) { self.count = count }

        /// Every row, or those whose position `keeping` holds.
        mutating func add(_ cursor: RowCursor, keeping: PositionBits? = nil) throws {
            while let row = try cursor.next() {
                let checked = CheckedRow(row, table: "events")
                if let keeping, !keeping.contains(try checked.int(0, in: StoreRows.positions(count))) { continue }
                try append(checked)
            }
        }

        mutating func append(_ row: CheckedRow) throws {
            let position = try row.int(0, in: StoreRows.positions(count))
            let day = try row.day(1, marks: true)
            if day != lastDay {
                lastDay = day
                lastMonth = day == Int.min || day == Int.max ? Int.min : MonthCount.month(ofDay: day)
            }
            positions.append(Int32(position))
            months.append(lastMonth)
        }
    }

    /// The positions of the events of any of these pairs (and of this country, if any), ascending.
    private static func memberPositions(_ db: Database, pairIDs: [Int], countryID: Int?, count: Int) throws -> [Int] {
        guard !pairIDs.isEmpty else {
            return try CheckedRow.ints(db, "country_events", sql: "SELECT position FROM country_events WHERE country = ? ORDER BY position",
                                       arguments: [countryID], in: StoreRows.positions(count))
        }
        var sql = "SELECT DISTINCT position FROM pair_events p WHERE pair IN (\(pairIDs.map(String.init).joined(separator: ",")))"
        if let countryID {
            sql += " AND EXISTS (SELECT 1 FROM country_events c WHERE c.country = \(countryID) AND c.position = p.position)"
        }
        return try CheckedRow.ints(db, "pair_events", sql: sql + " ORDER BY position", in: StoreRows.positions(count))
    }

    var count: Int {
        switch backing {
        case .all(let count), .list(_, _, let count): return count
        case .positions(let positions, _): return positions.count
        case .window(let window): return window.count
        }
    }

    // MARK: index ↔ position

    /// The positions of the indices in `range` (already clamped), ascending.
    private func positions(_ db: Database, _ range: Range<Int>) throws -> [Int] {
        guard !range.isEmpty else { return [] }
        switch backing {
        case .all: return Array(range)
        case .list(let table, let id, _):
            return try StoreSeeks.listPositions(db, table: table, id: id, seqs: range, eventCount: store.info.eventCount)
        case .positions(let positions, _): return range.map { Int(positions[$0]) }
        case .window(let window): return try window.positions(db, range, eventCount: store.info.eventCount)
        }
    }

    private func position(_ db: Database, at index: Int) throws -> Int {
        switch backing {
        case .all: return index
        case .list(let table, let id, _):
            return try StoreSeeks.listPosition(db, table: table, id: id, seq: index, eventCount: store.info.eventCount)
        case .positions(let positions, _): return Int(positions[index])
        case .window(let window): return try window.positions(db, index ..< index + 1, eventCount: store.info.eventCount)[0]
        }
    }

    private func index(_ db: Database, atOrAfter position: Int) throws -> Int? {
        switch backing {
        case .all(let count): return position < count && count > 0 ? max(0, position) : nil
        case .list(let table, let id, let count):
            let seq = try StoreSeeks.firstSeq(db, table: table, id: id, count: count, positionAtLeast: position)
            return seq < count ? seq : nil
        case .positions(let positions, _):
            return AscendingPositions.firstIndex(in: positions, atOrAfter: position)
        case .window(let window):
            return try window.index(db, atOrAfter: position, eventCount: store.info.eventCount)
        }
    }

    private func index(_ db: Database, atOrBefore position: Int) throws -> Int? {
        let next = position == Int.max ? count : try index(db, atOrAfter: position + 1) ?? count
        return next > 0 ? next - 1 : nil
    }

    // MARK: EventSelection

    func rows(_ range: Range<Int>) throws -> [EventRow] {
        let range = range.clamped(to: 0..<count)
        guard !range.isEmpty else { return [] }
        let eventCount = store.info.eventCount
        func eventRow(_ row: Row) throws -> EventRow { try StoreRows.eventRow(row, count: eventCount) }
        let rows = try store.read { db in
            switch backing {
            case .all:
                return try Row.fetchAll(db, sql: "SELECT \(StoreRows.rowColumns) FROM events WHERE num > ? AND num <= ? ORDER BY num",
                                        arguments: [range.lowerBound, range.upperBound]).map(eventRow)
            case .list(let table, let id, _):
                return try Row.fetchAll(db, sql: """
                    SELECT \(StoreRows.rowColumns) FROM \(table)_events l JOIN events e ON e.num = l.position + 1
                    WHERE l.\(table) = ? AND l.seq >= ? AND l.seq < ? ORDER BY l.seq
                    """, arguments: [id, range.lowerBound, range.upperBound]).map(eventRow)
            case .positions, .window:
                var rows: [EventRow] = []
                let wanted = try positions(db, range)
                for start in stride(from: 0, to: wanted.count, by: 500) {
                    let chunk = wanted[start..<min(start + 500, wanted.count)].map { String($0 + 1) }.joined(separator: ",")
                    rows += try Row.fetchAll(db, sql: "SELECT \(StoreRows.rowColumns) FROM events WHERE num IN (\(chunk)) ORDER BY num")
                        .map(eventRow)
                }
                return rows
            }
        }
        // Every index in the range is an event: fewer rows mean missing or mislinked ones.
        guard rows.count == range.count else {
            throw SQLiteEventStore.storeError(StoreRows.corrupt("\(range.count - rows.count) of events \(range.lowerBound)..<\(range.upperBound) are missing"),
                                              path: store.path)
        }
        return rows
    }

    func index(atOrAfterPosition position: Int) throws -> Int? {
        try store.read { db in try index(db, atOrAfter: position) }
    }

    func index(onOrAfterDay day: Int) throws -> Int? {
        try store.read { db in
            // Sort days never decrease with position: the first such event overall bounds the selection's.
            let position = try StoreSeeks.firstPosition(db, sortDayAtLeast: day, eventCount: store.info.eventCount)
            return position < store.info.eventCount ? try index(db, atOrAfter: position) : nil
        }
    }

    /// One query over the per-month table: each bucket's months summed (the bounds go in as a JSON
    /// array, each bucket a range of the table's key). A selection read into positions counts its
    /// months, which it holds, in one walk.
    func bucketCounts(monthBounds: [Int]) throws -> [Int] {
        guard monthBounds.count >= 2 else { return [] }
        var counts = [Int](repeating: 0, count: monthBounds.count - 1)
        if case .positions(_, let months) = backing {
            Self.addMonths(months, monthBounds: monthBounds, into: &counts)
            return counts
        }
        if case .window(let window) = backing {
            return try store.read { db in try window.bucketCounts(db, monthBounds: monthBounds, eventCount: store.info.eventCount) }
        }
        let (table, filter, arguments): (String, String, [any DatabaseValueConvertible]) = {
            if case .list(let table, let id, _) = backing { return (table + "_months", "\(table) = ? AND ", [id]) }
            return ("months", "", [])
        }()
        let bounds = "[" + monthBounds.map(String.init).joined(separator: ",") + "]"
        return try store.read { db in
            // The array is parsed once; each bucket is then a range of the table's primary key.
            let rows = try CheckedRow.fetchAll(db, table: table, sql: """
                WITH b(i, lo, hi) AS (SELECT key, value, lead(value) OVER (ORDER BY key) FROM json_each(?))
                SELECT i, (SELECT sum(m.count) FROM \(table) m WHERE \(filter)m.month >= lo AND m.month < hi)
                FROM b WHERE hi IS NOT NULL ORDER BY i
                """, arguments: StatementArguments([bounds] + arguments))
            for row in rows {
                let bucket = try row.int(0, in: 0 ..< counts.count)
                counts[bucket] = try row.optionalInt(1, in: 0 ..< store.info.eventCount + 1) ?? 0
            }
            return counts
        }
    }

    /// Counts months (ascending, `Int.min` for an unknown day) into the buckets of `monthBounds`:
    /// months never decrease along a selection, so one walk beside the bounds.
    static func addMonths(_ months: [Int], monthBounds: [Int], into counts: inout [Int]) {
        var bucket = 0
        for month in months where month != Int.min && month >= monthBounds[0] {
            while bucket < counts.count, month >= monthBounds[bucket + 1] { bucket += 1 }
            guard bucket < counts.count else { break }
            counts[bucket] += 1
        }
    }

    /// The first (or last) event at or after (or before) a position that matches the search: the
    /// index's next match of the long words and the bitmaps' of the short ones, each from where
    /// the other stopped, until they meet. Words that rarely meet would take a step per match:
    /// after `leaps` steps, the search's bitmaps whole (a few reads a key) give the answer, or,
    /// when a long word has no bitmaps, one walk of the index's matches does, as it does from the
    /// start when the index cannot seek (each query would merge the word's doclists again).
    private func ftsNeighbour(_ db: Database, _ search: SearchText, _ fts: FTSQuery, from position: Int, forward: Bool,
                              leaps: Int = 64) throws -> Int? {
        var prefixes = PrefixWords(fts.prefixes, events: store.info.eventCount)
        guard fts.hasText else { return try prefixes.next(db, from: position, forward: forward) }
        guard !fts.prefixes.isEmpty else { return try textNeighbour(db, fts, from: position, forward: forward) }
        var from = position
        if fts.seeks {
            for _ in 0 ..< leaps {
                guard let found = try textNeighbour(db, fts, from: from, forward: forward) else { return nil }
                guard let next = try prefixes.next(db, from: found, forward: forward) else { return nil }
                if next == found { return found }
                from = next
            }
            if let bits = try SearchBitmaps.matches(db, search, terms: store.searchTerms, events: store.info.eventCount) {
                return bits.nearest(from: from, forward: forward)
            }
        }
        let matches = try textMatches(db, fts, from: from, forward: forward)
        while let found = try matches.next() {
            if try prefixes.contains(db, found) { return found }
        }
        return nil
    }

    /// The index's first (or last) match of the long words at or after (or before) a position.
    private func textNeighbour(_ db: Database, _ fts: FTSQuery, from position: Int, forward: Bool) throws -> Int? {
        try textMatches(db, fts, from: position, forward: forward).next()
    }

    /// The index's matches of the long words from a position on (or back from it), nearest first,
    /// each checked to be an event's. FTS5 steps its doclists as the cursor is read.
    private func textMatches(_ db: Database, _ fts: FTSQuery, from position: Int, forward: Bool) throws -> AnyCursor<Int> {
        let count = store.info.eventCount
        let sql = forward
            ? "SELECT rowid FROM events_fts WHERE events_fts MATCH ? AND rowid >= ? ORDER BY rowid"
            : "SELECT rowid FROM events_fts WHERE events_fts MATCH ? AND rowid <= ? ORDER BY rowid DESC"
        let rowids = try Int.fetchCursor(db.cachedStatement(sql: sql), arguments: [fts.text, position + 1])
        return AnyCursor {
            guard let rowid = try rowids.next() else { return nil }
            guard rowid >= 1, rowid <= count else { throw StoreRows.corrupt("events_fts has row \(rowid), outside 1...\(count)") }
            return rowid - 1
        }
    }

    /// The search's matches among these positions (ascending).
    private func hits(_ db: Database, _ fts: FTSQuery, among positions: [Int]) throws -> Set<Int> {
        Set(try Self.matching(db, fts, among: positions, count: store.info.eventCount))
    }

    /// The candidates (ascending positions) whose events match the search, ascending.
    ///
    /// Candidates go in blocks. A block reads the index's matches over its span and merges them,
    /// until it has read `rowsPerCandidate` matches per candidate of the block; then it probes
    /// each candidate left, one by one. A probe costs far more than a match read in a range (two
    /// orders of magnitude), so a rare word, or candidates dense in their span, are read; a common
    /// word over a sparse pair is probed, after a bounded number of reads per candidate.
    /// A query that cannot seek (a long prefix with many terms) costs a doclist merge per query:
    /// one range then.
    /// The short words are then asked of the bitmaps, for each candidate left.
    static func matching(_ db: Database, _ fts: FTSQuery, among candidates: [Int], count: Int,
                         block: Int = 4096, rowsPerCandidate: Int = 64) throws -> [Int] {
        let found = fts.hasText ? try textMatching(db, fts, among: candidates, count: count, block: block, rowsPerCandidate: rowsPerCandidate)
                                : candidates
        guard !fts.prefixes.isEmpty else { return found }
        var prefixes = PrefixWords(fts.prefixes, events: count)
        return try found.filter { try prefixes.contains(db, $0) }
    }

    /// The candidates that hold the long words (`matching`).
    private static func textMatching(_ db: Database, _ fts: FTSQuery, among candidates: [Int], count: Int,
                                     block: Int, rowsPerCandidate: Int) throws -> [Int] {
        guard !candidates.isEmpty else { return [] }
        let block = fts.seeks ? block : candidates.count
        let range = try db.cachedStatement(sql: """
            SELECT rowid FROM events_fts WHERE events_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid
            """)
        let probe = try db.cachedStatement(sql: "SELECT 1 FROM events_fts WHERE events_fts MATCH ? AND rowid = ?")
        var found: [Int] = []
        var start = 0
        while start < candidates.count {
            let end = min(start + block, candidates.count)
            let budget = fts.seeks ? rowsPerCandidate * (end - start) : Int.max
            let cursor = try Int.fetchCursor(range, arguments: [fts.text, candidates[start] + 1, candidates[end - 1] + 1])
            var index = start, read = 0, exhausted = false
            while index < end {
                guard read < budget else { break }
                guard let rowid = try cursor.next() else {
                    exhausted = true
                    break
                }
                guard rowid >= 1, rowid <= count else { throw StoreRows.corrupt("events_fts has row \(rowid), outside 1...\(count)") }
                let match = rowid - 1
                read += 1
                // Every candidate before `index` is decided; those from `index` on are after `match`.
                while index < end, candidates[index] < match { index += 1 }
                if index < end, candidates[index] == match {
                    found.append(match)
                    index += 1
                }
            }
            if !exhausted {
                for position in candidates[index..<end] where try Int.fetchOne(probe, arguments: [fts.text, position + 1]) != nil {
                    found.append(position)
                }
            }
            start = end
        }
        return found
    }

    /// Every selection: the search's next match is one index seek when the selection is all events.
    /// Otherwise each round skips with the search (its next match, and the selection's first event
    /// from there), then tests the selection's next rows in one range query, in growing blocks;
    /// so neither a small selection under a common word nor a rare word in a big selection scans.
    func match(_ search: SearchText, from index: Int, forward: Bool) throws -> Int? {
        guard !search.isEmpty, count > 0 else { return nil }
        return try store.read { db in
            guard let fts = try store.searchTerms.query(db, search) else { return nil }
            var current = forward ? max(0, index) : min(index, count - 1)
            guard current >= 0, current < count else { return nil }
            if case .all = backing { return try ftsNeighbour(db, search, fts, from: current, forward: forward) }
            var block = 32
            while current >= 0, current < count {
                let position = try self.position(db, at: current)
                guard let found = try ftsNeighbour(db, search, fts, from: position, forward: forward) else { return nil }
                if found == position { return current }
                guard let next = forward ? try self.index(db, atOrAfter: found) : try self.index(db, atOrBefore: found) else { return nil }
                let range = forward ? next..<min(count, next + block) : max(0, next - block + 1)..<next + 1
                let positions = try self.positions(db, range)
                let hits = try hits(db, fts, among: positions)
                let offsets = forward ? Array(positions.indices) : positions.indices.reversed()
                if let offset = offsets.first(where: { hits.contains(positions[$0]) }) { return range.lowerBound + offset }
                current = forward ? range.upperBound : range.lowerBound - 1
                block = min(block * 2, 4096)
            }
            return nil
        }
    }

    func matches(_ search: SearchText, in range: Range<Int>) throws -> Set<Int> {
        let range = range.clamped(to: 0..<count)
        guard !search.isEmpty, !range.isEmpty else { return [] }
        return try store.read { db in
            guard let fts = try store.searchTerms.query(db, search) else { return [] }
            let positions = try positions(db, range)
            let hits = try hits(db, fts, among: positions)
            return Set(positions.indices.filter { hits.contains(positions[$0]) }.map { range.lowerBound + $0 })
        }
    }

    func matchCount(_ search: SearchText) throws -> Int {
        guard !search.isEmpty, count > 0 else { return 0 }
        return try store.read { db in
            guard let fts = try store.searchTerms.query(db, search) else { return 0 }
            let events = store.info.eventCount
            /// The search's bitmaps (`SearchBitmaps`): a few reads a key, whatever the matches.
            func bitmaps() throws -> PositionBits? {
                try SearchBitmaps.matches(db, search, terms: store.searchTerms, events: events)
            }
            switch backing {
            case .all:
                if let bits = try bitmaps() { return bits.population }
                if let term = fts.singleTerm, let count = try store.searchTerms.documentCount(db, term: term) { return count }
                guard !fts.prefixes.isEmpty else {
                    return try Int.fetchOne(db, sql: "SELECT count(*) FROM events_fts WHERE events_fts MATCH ?", arguments: [fts.text]) ?? 0
                }
                // A long word with too many terms for bitmaps beside short words: its matches
                // counted against theirs.
                let prefixBits = try PrefixWords(fts.prefixes, events: events).all(db)
                let matches = try Int.fetchCursor(db, sql: "SELECT rowid - 1 FROM events_fts WHERE events_fts MATCH ?", arguments: [fts.text])
                var count = 0
                while let position = try matches.next() {
                    guard position >= 0, position < events else { throw StoreRows.corrupt("events_fts has row \(position + 1), outside 1...\(events)") }
                    if prefixBits.contains(position) { count += 1 }
                }
                return count
            case .list(let table, let id, _):
                // The members against the index (`matching`): `position + 1 IN (SELECT rowid ...)`
                // read every match of a common word first, however small the pair.
                let members = try CheckedRow.ints(db, "\(table)_events", sql: "SELECT position FROM \(table)_events WHERE \(table) = ? ORDER BY seq",
                                                  arguments: [id], in: StoreRows.positions(events))
                return try Self.count(members, matching: fts, db, events: events, bitmaps: bitmaps)
            case .positions(let positions, _):
                return try Self.count(positions.lazy.map { Int($0) }, matching: fts, db, events: events, bitmaps: bitmaps)
            case .window(let window):
                // The run of every event is a range of positions, however long: not copied.
                let before = try Self.count(window.before.lazy.map { Int($0) }, matching: fts, db, events: events, bitmaps: bitmaps)
                guard window.list != nil else { return try before + Self.count(window.run, matching: fts, db, events: events, bitmaps: bitmaps) }
                let run = try window.positions(db, window.before.count ..< window.count, eventCount: events)
                return try before + Self.count(run, matching: fts, db, events: events, bitmaps: bitmaps)
            }
        }
    }

    /// How many of `members` match: probed in the index when they are few, against the search's
    /// bitmaps when they are many (probing a common pair's members read them block by block
    /// against every match of the words).
    private static func count(_ members: some Collection<Int>, matching fts: FTSQuery, _ db: Database, events: Int,
                              bitmaps: () throws -> PositionBits?) throws -> Int {
        if members.count >= bitmapMembers, let bits = try bitmaps() {
            return members.reduce(0) { $0 + (bits.contains($1) ? 1 : 0) }
        }
        return try matching(db, fts, among: Array(members), count: events).count
    }

    /// From this many members a filtered count reads the bitmaps.
    static let bitmapMembers = 4096
}
