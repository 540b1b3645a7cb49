import TimelineKit

/// ICEWS coded event files: tab-separated with a header (Event ID, Event Date, Source Name, Source
/// Sectors, Source Country, Event Text, CAMEO Code, Intensity, Target Name, Target Sectors, Target
/// Country, Story ID, Sentence Number, Publisher, City, District, Province, Country, Latitude,
/// Longitude), columns found by name. A cell of `NA` (R's missing value) is an empty cell.
///
/// A row is a directed event Source Country → Target Country, the countries by name through our
/// country table with ICEWS's own spellings as aliases. Rows without two different known countries
/// (domestic events, international bodies, Kosovo, which ISO 3166-1 does not list) are not bilateral:
/// left out and counted by reason. Kind from the CAMEO code's root; title from the countries and the
/// Event Text; a source per publisher; the codes, intensity, actors and coordinates as attributes.
struct ICEWSReader: DatasetReader {
    static let required = ["Event ID", "Event Date", "Source Country", "Event Text", "CAMEO Code", "Target Country"]
    /// Kept as attributes when present, in this order; numbers where ICEWS writes numbers.
    static let attributeColumns: [(name: String, number: Bool)] = [
        ("CAMEO Code", false), ("Intensity", true), ("Source Name", false), ("Source Sectors", false), ("Target Name", false),
        ("Target Sectors", false), ("Story ID", false), ("Sentence Number", true), ("Latitude", true), ("Longitude", true),
    ]

    /// ICEWS's own spellings, which no one else uses; common names are in the country table.
    static let aliases: [String: String] = [
        "Occupied Palestinian Territory": "PSE", "Congo, Democratic Republic of": "COD", "Democratic Republic of Congo": "COD",
    ]

    static func country(_ name: String) -> Country? {
        if let code = aliases[name] { return Country(alpha3: code) }
        return Country(lenient: name)
    }

    func read(_ bytes: [UInt8], name: String) -> ReadResult { collecting(bytes, name: name) }

    func stream(_ bytes: [UInt8], name: String, events emit: (Event) throws -> Void) rethrows -> ReadResult {
        var builder = DatasetBuilder(name: name)
        var problems = RecordProblems(name: name)
        var excluded = ReasonCounts()
        var text = DelimitedText(bytes: bytes, separator: 0x09, quoting: false)
        guard case .success(let header)? = text.next() else {
            return .unreadable(name, "the file is empty; expected ICEWS's header row", reason: "no header")
        }
        let columns = header.fields.map { $0.trimmingWhitespace() }
        var index: [String: Int] = [:]
        for (position, column) in columns.enumerated() where index[column] == nil { index[column] = position }
        let missing = Self.required.filter { index[$0] == nil }
        guard missing.isEmpty else {
            return .unreadable(name, "not an ICEWS header: no column \(missing.map(MessageText.quoted).joined(separator: ", "))", reason: "bad header")
        }
        let cameo = CAMEO.shared
        var rows = CheckedRows(text, bytes: bytes)
        while let row = rows.next(width: columns.count, problems: &problems) {
            let record = rows.record
            let cells = RowCells(row: row, columns: columns, record: record)
            // "NA" is R's missing value, as files written by readr (the icews package's among them) have it
            // wherever ICEWS has nothing: no city, no sectors, no country for an international body. Read
            // as a value it made Namibia (ISO's NA) the target of such rows.
            func field(_ column: String) -> String {
                guard let position = index[column] else { return "" }
                let value = row[position].trimmingWhitespace()
                return value == "NA" ? "" : value
            }
            let eventID = field("Event ID")
            guard !eventID.isEmpty else { cells.problem(index["Event ID"]!, "the event has no id", reason: "missing id", into: &problems); continue }
            let dateText = field("Event Date")
            guard let date = TableValues.date(dateText)?.date else {
                cells.problem(index["Event Date"]!, "not a date: \(MessageText.quoted(dateText)); expected YYYY-MM-DD", reason: "bad date", into: &problems)
                continue
            }
            let names = (field("Source Country"), field("Target Country"))
            if names.0.isEmpty || names.1.isEmpty { excluded.add("without two countries"); continue }
            guard let from = Self.country(names.0), let to = Self.country(names.1) else {
                excluded.add("with a country not in ISO 3166-1"); continue
            }
            if from == to { excluded.add("within one country"); continue }
            let code = field("CAMEO Code")
            var attributes: [Attribute] = []
            for column in Self.attributeColumns {
                let value = field(column.name)
                guard !value.isEmpty else { continue }
                attributes.append(Attribute(column.name, column.number ? TableValues.attribute(value) ?? .string(value) : .string(value)))
            }
            let placeName = ["City", "District", "Province"].map(field).filter { !$0.isEmpty }.joined(separator: ", ")
            let placeCountry = field("Country")
            var place: Place?
            if !placeName.isEmpty || !placeCountry.isEmpty {
                let country = Self.country(placeCountry)
                place = Place(name: placeName.isEmpty ? placeCountry : placeName, country: country)
            }
            let publisher = field("Publisher")
            let source = publisher.isEmpty ? builder.fileSourceIndex() : builder.source(publisher: publisher)
            let eventText = field("Event Text")
            let actors = [field("Source Name"), field("Target Name")]
            let event = Event(id: "icews-" + ImportText.identifier(eventID), date: date,
                              title: "\(from.name) → \(to.name): \(eventText.isEmpty ? "CAMEO event \(code)" : eventText)",
                              summary: actors.allSatisfy(\.isEmpty) ? "" : actors.joined(separator: " → "),
                              participants: .directed(from: [from], to: [to]), kind: cameo.kind(root: String(code.prefix(2))) ?? "event",
                              place: place, status: .occurred, tags: [], sources: [source], people: [], notes: [], attributes: attributes,
                              actors: [ImportText.actor(actors[0], of: from), ImportText.actor(actors[1], of: to)].compactMap { $0 },
                              cameo: cameo.quadClasses[code] == nil ? nil : code)
            if builder.claim(event) { try emit(event) } else { cells.problem(index["Event ID"]!, "duplicate event id \(MessageText.quoted(eventID))", reason: "duplicate id", into: &problems) }
        }
        return ReadResult(dataset: builder.dataset(title: "ICEWS events: " + MessageText.shortened(name.split(separator: "/").last ?? Substring(name))), recordsRead: rows.read,
                          problems: problems.located(in: bytes), excluded: excluded)
    }
}
