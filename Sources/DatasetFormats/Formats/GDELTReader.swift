import Foundation
import TimelineKit

/// GDELT event exports: version 1.0 (57 tab-separated columns, 58 with SOURCEURL from April 2013)
/// and 2.0 (61 columns, with each geography's ADM2 code), no header, never quoted.
///
/// A row is a directed event Actor1CountryCode → Actor2CountryCode. These are CAMEO actor country
/// codes: ISO alpha-3 for countries, plus regional codes (AFR, EUR, WST...) that are not countries.
/// A row without two different countries is not bilateral: it is left out and counted by reason,
/// not reported as an error. Kind from the CAMEO root code, title from the countries and the CAMEO
/// event name, date SQLDATE (day precision), place ActionGeo (FIPS 10-4 country), a source per
/// distinct SOURCEURL, id `gdelt-GLOBALEVENTID`; the numeric columns are kept as attributes.
struct GDELTReader: DatasetReader {
    /// Column positions that differ between the versions.
    struct Layout {
        var actionGeoFullName: Int
        var actionGeoCountry: Int
        var actionGeoLat: Int
        var actionGeoLong: Int
        var sourceURL: Int?

        static let v1 = Layout(actionGeoFullName: 50, actionGeoCountry: 51, actionGeoLat: 53, actionGeoLong: 54, sourceURL: nil)
        static let v1URL = Layout(actionGeoFullName: 50, actionGeoCountry: 51, actionGeoLat: 53, actionGeoLong: 54, sourceURL: 57)
        static let v2 = Layout(actionGeoFullName: 52, actionGeoCountry: 53, actionGeoLat: 56, actionGeoLong: 57, sourceURL: 60)

        static func forColumns(_ count: Int) -> Layout? {
            switch count {
            case 57: return v1
            case 58: return v1URL
            case 61: return v2
            default: return nil
            }
        }
    }

    /// The columns kept as attributes (the same positions in both versions), with whether they are text.
    static let attributeColumns: [(name: String, index: Int, text: Bool)] = [
        ("EventCode", 26, true), ("EventBaseCode", 27, true), ("EventRootCode", 28, true), ("QuadClass", 29, false),
        ("GoldsteinScale", 30, false), ("NumMentions", 31, false), ("NumSources", 32, false), ("NumArticles", 33, false),
        ("AvgTone", 34, false), ("IsRootEvent", 25, false),
    ]

    /// GDELT's full names end with the country ("Malerkotla, Punjab, India", "Nassau, New Providence,
    /// Bahamas, The"), which the place's country says again ("Malerkotla, Punjab, India, India" in the
    /// detail pane): the name keeps what comes before it, as our own places do ("Rawalpindi", PAK). A
    /// name that is the country alone ("Australia") stays whole, as a place needs a name.
    static func placeName(_ fullName: String, country: Country?) -> String {
        guard let country else { return fullName }
        let parts = fullName.components(separatedBy: ", ")
        for count in [2, 1] where parts.count > count {
            let tail = parts.suffix(count)
            // "Bahamas, The" and "Korea, South" are FIPS's inverted names.
            let names = count == 1 ? [tail.joined()]
                : [tail.joined(separator: ", "), tail.reversed().joined(separator: " ")] + (tail.last == "The" ? [tail.first!] : [])
            if names.contains(where: { Country(lenient: $0) == country }) {
                return parts.dropLast(count).joined(separator: ", ")
            }
        }
        return fullName
    }

    /// A big file is read as two halves on two threads, joined in file order: reading is most of a
    /// GDELT import on one thread. When a half has a problem, or the halves share an
    /// event id, the file is read again on one thread, so the report is exactly that of one pass.
    func read(_ bytes: [UInt8], name: String) -> ReadResult {
        guard bytes.count >= Self.splitSize, let cut = bytes[(bytes.count / 2)...].firstIndex(of: 0x0A).map({ $0 + 1 }),
              cut < bytes.count else {
            return readRows(bytes, name: name)
        }
        // Each half is read in place: copies of them cost another file's worth of memory.
        let halves = [Half(0..<cut, name: name), Half(cut..<bytes.count, name: name)]
        DispatchQueue.concurrentPerform(iterations: 2) { part in halves[part].read(bytes, reader: self) }
        guard var joined = halves[0].take(), var second = halves[1].take() else { return readRows(bytes, name: name) }
        guard Self.join(&joined, &second, firstBuilder: &halves[0].builder) else {
            return readRows(bytes, name: name)
        }
        return joined
    }

    static let splitSize = 4 << 20

    /// Half a file, read on a thread of its own.
    private final class Half: @unchecked Sendable {
        private let range: Range<Int>
        private var result: ReadResult?
        /// What read the half: its sources, by URL, are where the second half's are looked up.
        var builder: DatasetBuilder
        init(_ range: Range<Int>, name: String) {
            self.range = range
            builder = DatasetBuilder(name: name)
        }

        func read(_ bytes: [UInt8], reader: GDELTReader) {
            var events: [Event] = []
            result = reader.readRows(bytes, range: range, into: &builder) { events.append($0) }
            result?.dataset.events = events
        }

        /// The result, held by the caller alone from now on (its events are then changed in place, not copied).
        func take() -> ReadResult? {
            defer { result = nil }
            return result
        }
    }

    /// The halves as one pass would have read them, into `first`: the second half's sources go
    /// through the first half's builder, which shares those it has and numbers the new ones on, as
    /// one pass would have. False when a half has problems or the halves share an event id (one
    /// pass then says where).
    static func join(_ first: inout ReadResult, _ second: inout ReadResult, firstBuilder builder: inout DatasetBuilder) -> Bool {
        guard first.problems.isEmpty, second.problems.isEmpty else { return false }
        let mapped = second.dataset.sources.map { source in
            source.url.map { builder.source(url: $0) } ?? builder.fileSourceIndex()
        }
        first.dataset.sources = builder.sources
        // Ids are "gdelt-" and a GLOBALEVENTID: compared as numbers, cheaper to hash than strings.
        func number(_ id: String) -> Int? { Int(id.dropFirst(6)) }
        var ids = Set<Int>(minimumCapacity: second.dataset.events.count)
        for event in second.dataset.events {
            guard let id = number(event.id) else { return false }
            ids.insert(id)
        }
        for event in first.dataset.events {
            guard let id = number(event.id), !ids.contains(id) else { return false }
        }
        for index in second.dataset.events.indices {
            for source in second.dataset.events[index].sources.indices {
                second.dataset.events[index].sources[source] = mapped[second.dataset.events[index].sources[source]]
            }
        }
        first.dataset.events += second.dataset.events
        first.recordsRead += second.recordsRead
        first.excluded.add(second.excluded)
        return true
    }

    func readRows(_ bytes: [UInt8], name: String) -> ReadResult { collecting(bytes, name: name) }

    /// One pass on this thread, each event handed on as it is read (the halves' threads would
    /// need to hold the second half's events until the first's are through).
    func stream(_ bytes: [UInt8], name: String, events emit: (Event) throws -> Void) rethrows -> ReadResult {
        var builder = DatasetBuilder(name: name)
        return try readRows(bytes, into: &builder, events: emit)
    }

    /// The rows of `range` (whole lines; all of them by default) read into `builder` (kept by the
    /// caller when it joins halves), each event handed to `emit`.
    func readRows(_ bytes: [UInt8], range: Range<Int>? = nil, into builder: inout DatasetBuilder,
                  events emit: (Event) throws -> Void) rethrows -> ReadResult {
        let name = builder.name
        var problems = RecordProblems(name: name)
        var excluded = ReasonCounts()
        /// Full names seen, by FIPS code: a file names the same few thousand places again and again.
        var placeNames: [String: String] = [:]
        var days: [String: EDTFDate] = [:]
        let text = DelimitedText(bytes: bytes, separator: 0x09, quoting: false, range: range)
        let cameo = CAMEO.shared
        var rows = CheckedRows(text, bytes: bytes)
        while let row = rows.next(width: nil, problems: &problems) {
            let record = rows.record
            guard let layout = Layout.forColumns(row.count) else {
                problems.add(row.offsets[0], "row \(record + 1)",
                             "expected 57 or 58 columns (GDELT 1.0) or 61 (GDELT 2.0), found \(row.count)",
                             reason: "wrong column count", record: record)
                continue
            }
            let fields = row
            func problem(_ column: Int, _ name: String, _ message: String, _ reason: String) {
                problems.add(row.offsets[column], name, message, reason: reason, record: record)
            }
            let eventID = fields[0]
            guard !eventID.isEmpty, eventID.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                problem(0, "GLOBALEVENTID", "not an event number: \(MessageText.quoted(eventID))", "bad id")
                continue
            }
            let day = fields[1]
            // A file holds a few thousand distinct days at most: each is parsed once.
            guard day.utf8.count == 8, let date = days[day] ?? TableValues.date(day).map(\.date), date.precision == .day else {
                problem(1, "SQLDATE", "not a day as YYYYMMDD: \(MessageText.quoted(day))", "bad date")
                continue
            }
            days[day] = date
            // Not bilateral: left out by design, counted by reason.
            let codes = (fields[7], fields[17])
            if codes.0.isEmpty || codes.1.isEmpty { excluded.add("without two actor countries"); continue }
            guard let from = Country(alpha3: codes.0), let to = Country(alpha3: codes.1) else {
                excluded.add("with a regional or unknown actor country code"); continue
            }
            if from == to { excluded.add("within one country"); continue }
            let root = fields[28], code = fields[26]
            let eventName = cameo.eventName(code: code, root: root) ?? "CAMEO event \(code)"
            var attributes: [Attribute] = []
            for column in Self.attributeColumns {
                let value = fields[column.index]
                guard !value.isEmpty else { continue }
                attributes.append(Attribute(column.name, column.text ? .string(value) : TableValues.attribute(value) ?? .string(value)))
            }
            for (attribute, index) in [("ActionGeo_Lat", layout.actionGeoLat), ("ActionGeo_Long", layout.actionGeoLong)] {
                let value = fields[index]
                // A coordinate that is not a finite number ("nan", "1e999") stays the text it was:
                // the store holds only finite numbers.
                let number = Double(value).flatMap { $0.isFinite ? AttributeValue.number($0) : nil }
                if !value.isEmpty { attributes.append(Attribute(attribute, number ?? .string(value))) }
            }
            for (attribute, index) in [("Actor1Name", 6), ("Actor2Name", 16)] {
                let value = fields[index]
                if !value.isEmpty { attributes.append(Attribute(attribute, .string(value))) }
            }
            var place: Place?
            let fullName = fields[layout.actionGeoFullName]
            if !fullName.isEmpty {
                let country = cameo.fips[fields[layout.actionGeoCountry]]
                let key = fields[layout.actionGeoCountry] + "\t" + fullName
                let name = placeNames[key] ?? Self.placeName(fullName, country: country)
                placeNames[key] = name
                place = Place(name: name, country: country)
            }
            let source = builder.source(url: layout.sourceURL.map { fields[$0] })
            let event = Event(id: "gdelt-" + eventID, date: date, title: "\(from.name) → \(to.name): \(eventName)", summary: "",
                              participants: .directed(from: [from], to: [to]), kind: cameo.kind(root: root) ?? "event", place: place,
                              status: .occurred, tags: [], sources: [source], people: [], notes: [], attributes: attributes,
                              actors: [ImportText.actor(fields[6], of: from), ImportText.actor(fields[16], of: to)].compactMap { $0 },
                              cameo: cameo.quadClasses[fields[26]] == nil ? nil : fields[26])
            if builder.claim(event) { try emit(event) } else { problem(0, "GLOBALEVENTID", "duplicate event \(eventID)", "duplicate id") }
        }
        return ReadResult(dataset: builder.dataset(title: "GDELT events: " + MessageText.shortened(name.split(separator: "/").last ?? Substring(name))), recordsRead: rows.read,
                          problems: problems.located(in: bytes), excluded: excluded)
    }
}
