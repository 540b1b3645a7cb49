import Foundation
import TimelineKit

/// CSV or TSV with a header row, any columns, read through `--map FIELD=COLUMN`: `date` and `title`
/// are required; `end`, `from`/`to` (directed) or `countries` (mutual), `summary`, `kind`, `status`, `place`,
/// `url`, `id` are optional; every column not mapped becomes an attribute. The separator is a tab
/// when the header has one, else a comma; TSV is quoted only where a field starts with a quote.
struct CSVReader: DatasetReader {
    let options: ImportOptions

    func read(_ bytes: [UInt8], name: String) -> ReadResult { collecting(bytes, name: name) }

    func stream(_ bytes: [UInt8], name: String, events emit: (Event) throws -> Void) rethrows -> ReadResult {
        var builder = DatasetBuilder(name: name)
        var problems = RecordProblems(name: name)
        let headerEnd = bytes.firstIndex(of: 0x0A) ?? bytes.count
        let tab = bytes[..<headerEnd].contains(0x09)
        var text = DelimitedText(bytes: bytes, separator: tab ? 0x09 : UInt8(ascii: ","), quoting: true)
        guard let first = text.next() else {
            return .unreadable(name, "the file is empty; expected a header row naming the columns", reason: "no header")
        }
        let header: DelimitedText.Record
        switch first {
        case .success(let record): header = record
        case .failure(let problem):
            problems.add(problem.offset, "(header)", problem.message, reason: "bad header", record: 0)
            return ReadResult(dataset: builder.dataset(title: name), recordsRead: 0, problems: problems.located(in: bytes), wholeFile: true)
        }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        // Mapped columns must exist: a misspelt column name would otherwise silently drop a field.
        var index: [String: Int] = [:]
        for (field, column) in options.mapping {
            guard let position = columns.firstIndex(of: column) ?? columns.firstIndex(where: { $0.lowercased() == column.lowercased() }) else {
                var message = "--map \(field)=\(column): no column \(MessageText.quoted(column))"
                if let guess = EditDistance.closest(to: column, in: columns) { message += "; did you mean '\(guess)'?" }
                problems.add(header.offsets.first ?? 0, "(header)", message, reason: "unknown column", record: 0)
                continue
            }
            index[field] = position
        }
        for required in ["date", "title"] where options.column(for: required) == nil {
            let guess = EditDistance.closest(to: required, in: columns).map { " (like --map \(required)=\($0))" } ?? ""
            problems.add(header.offsets.first ?? 0, "(header)", "map a column to \(required) with --map \(required)=COLUMN\(guess)",
                         reason: "unmapped field", record: 0)
        }
        if !problems.isEmpty {
            return ReadResult(dataset: builder.dataset(title: name), recordsRead: 0, problems: problems.located(in: bytes), wholeFile: true)
        }
        let mapped = Set(index.values)
        let attributeColumns = columns.indices.filter { !mapped.contains($0) && !columns[$0].isEmpty }
        var rows = CheckedRows(text, bytes: bytes)
        while let row = rows.next(width: columns.count, problems: &problems) {
            let record = rows.record
            var cells = RowCells(row: row, columns: columns, record: record)
            if let event = event(&cells, index: index, attributeColumns: attributeColumns, builder: &builder, problems: &problems) {
                if builder.claim(event) {
                    try emit(event)
                } else {
                    cells.problem(index["id"] ?? 0, "duplicate id \(MessageText.quoted(event.id))", reason: "duplicate id", into: &problems)
                }
            }
        }
        return ReadResult(dataset: builder.dataset(title: (name as NSString).lastPathComponent), recordsRead: rows.read,
                          problems: problems.located(in: bytes))
    }

    private func event(_ cells: inout RowCells, index: [String: Int], attributeColumns: [Int],
                       builder: inout DatasetBuilder, problems: inout RecordProblems) -> Event? {
        func cell(_ field: String) -> String? {
            guard let column = index[field] else { return nil }
            let value = cells.row[column].trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        var failed = false
        func fail(_ field: String, _ message: String, _ reason: String) {
            cells.problem(index[field] ?? 0, message, reason: reason, into: &problems)
            failed = true
        }
        var attributes: [Attribute] = []
        var date: EDTFDate?
        if let text = cell("date") {
            if let parsed = TableValues.date(text) {
                date = parsed.date
                if let time = parsed.time { attributes.append(Attribute("time", .string(time))) }
            } else {
                fail("date", "not a date: \(MessageText.quoted(text)); write EDTF (2017-09-25, 2017-09, 2017~) or YYYYMMDD", "bad date")
            }
        } else {
            fail("date", "the date is empty", "missing date")
        }
        if let start = date, let endText = cell("end") {
            if let end = TableValues.date(endText) {
                do { date = try EDTFDate(parsing: start.text + "/" + end.date.text) } catch { fail("end", error.message, "bad date") }
            } else {
                fail("end", "not a date: \(MessageText.quoted(endText))", "bad date")
            }
        }
        let title = cell("title")
        if title == nil { fail("title", "the title is empty", "missing title") }
        let participants = participants(cell, fail: fail, suggest: { problems.maySuggest() })
        let kind: String
        if let text = cell("kind") {
            guard let slug = ImportText.kind(text) else { fail("kind", "no kind in \(MessageText.quoted(text))", "bad kind"); return nil }
            kind = slug
        } else {
            kind = "event"
        }
        var status = EventStatus.occurred
        if let text = cell("status") {
            if let parsed = EventStatus(rawValue: text.lowercased()) { status = parsed } else {
                fail("status", "unknown status \(MessageText.quoted(text)); expected one of \(EventStatus.allCases.map(\.rawValue).joined(separator: ", "))", "bad status")
            }
        }
        var id = "\(builder.prefix)-\(cells.row.line)"
        if let text = cell("id") { id = ImportText.identifier(text) }
        for column in attributeColumns {
            if let value = TableValues.attribute(cells.row[column]) { attributes.append(Attribute(cells.columns[column], value)) }
        }
        guard !failed, let date, let title, let participants else { return nil }
        let source = builder.source(url: cell("url"))
        return Event(id: id, date: date, title: title, summary: cell("summary") ?? "", participants: participants, kind: kind,
                     place: cell("place").map { Place(name: $0) }, status: status, tags: [], sources: [source], people: [],
                     notes: [], attributes: attributes)
    }

    /// `countries` (mutual) when the row fills it, else `from` and `to` (directed), or none of them (no pair).
    /// `suggest` says whether a "did you mean" is still worth its cost (bounded across the file).
    private func participants(_ cell: (String) -> String?, fail: (String, String, String) -> Void,
                              suggest: () -> Bool) -> Participants? {
        func countries(_ field: String) -> [Country]? {
            guard let text = cell(field) else { return [] }
            let found = TableValues.countries(text)
            if let unknown = found.unknown.first {
                fail(field, Country.unknownMessage(for: unknown, suggesting: suggest()), "unknown country")
                return nil
            }
            return found.known
        }
        // A row fills `countries` (mutual) or `from`/`to` (directed); our CSV export has all three columns.
        if cell("countries") != nil {
            guard let list = countries("countries") else { return nil }
            guard list.count >= 2 else { fail("countries", "needs at least two countries, found \(list[0].alpha3)", "one country"); return nil }
            return .mutual(list)
        }
        guard let from = countries("from"), let to = countries("to") else { return nil }
        if from.isEmpty && to.isEmpty { return Participants.none }
        guard !from.isEmpty && !to.isEmpty else {
            fail(from.isEmpty ? "from" : "to", "\(from.isEmpty ? "from" : "to") is empty; a directed event needs both sides (or neither)", "one side missing")
            return nil
        }
        if let both = from.first(where: to.contains) {
            fail("to", "\(both.alpha3) is on both sides", "same country on both sides")
            return nil
        }
        return .directed(from: from, to: to)
    }
}

/// One row's cells with what a problem in one of them needs: its column's offset and name.
struct RowCells {
    let row: DelimitedText.Record
    let columns: [String]
    let record: Int

    func problem(_ column: Int, _ message: String, reason: String, into problems: inout RecordProblems) {
        let name = column < columns.count ? MessageText.shortened(columns[column]) : "row"
        problems.add(row.offsets[min(column, row.offsets.count - 1)], name, message, reason: reason, record: record)
    }
}
