import Foundation
import TimelineKit

/// JSON Lines: one JSON object per line, each an event of our format, checked as our format checks
/// it, with problems at `file:line:column`.
///
/// A line's `"type"` says what else it may be: `"source"`, `"person"` or `"quote"` (records of our
/// format, referred to by id from any line, before or after), or `"dataset"` (`title`,
/// `description`). An event line is `"type": "event"` or has no type. An event line without
/// `sources` cites the file itself, so a file of bare events imports as it is.
struct JSONLinesReader: DatasetReader {
    /// A line that is an object of a known type: where it is, not its tree. A million lines' trees
    /// would be most of the memory, so each decoding pass parses a line again when it comes to it.
    private struct Line {
        var start: Int
        var number: Int
        var type: LineType
    }

    private enum LineType: UInt8 { case event, source, person, quote, dataset }

    func read(_ bytes: [UInt8], name: String) -> ReadResult {
        var builder = DatasetBuilder(name: name)
        var problems = RecordProblems(name: name)
        var lines: [Line] = []
        var invalid = InvalidUTF8(bytes)
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var number = 1
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var last = end
            if last > start && bytes[last - 1] == 0x0D { last -= 1 }
            defer { start = end + 1; number += 1 }
            guard bytes[start..<last].contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            if let bad = invalid.first(in: start..<last) {
                problems.add(bad, "(line)", "invalid UTF-8; the file must be UTF-8", reason: "invalid UTF-8", record: number)
                continue
            }
            do {
                let node = try JSONParser.parse(bytes, in: start..<last)
                guard case .object(let members) = node.value else {
                    problems.add(start, "(line)", "expected an object, found \(node.typeName)", reason: "not an object", record: number)
                    continue
                }
                var type = LineType.event
                if let member = members.first(where: { $0.key == "type" }) {
                    guard case .string(let text) = member.value.value, let known = Self.lineTypes[text] else {
                        problems.add(member.value.offset, "type", "type must be event, source, person, quote or dataset",
                                     reason: "unknown type", record: number)
                        continue
                    }
                    type = known
                }
                if type == .event && !members.contains(where: { $0.key == "sources" }) { _ = builder.fileSourceIndex() }
                lines.append(Line(start: start, number: number, type: type))
            } catch {
                problems.add(error.offset, "(line)", error.message, reason: "malformed JSON", record: number)
            }
        }
        // Decode the good lines; drop the lines with problems and decode again until nothing new
        // breaks (an event dropped can break a quote about it). Each problem goes on its line as
        // the decoder finds it, and the line is bad from the next pass on.
        let fileSourceID = builder.sources.isEmpty ? nil : builder.sources[builder.fileSourceIndex()].id
        var dataset: Dataset?
        for _ in 0..<8 {
            let bad = problems.badRecords
            let found = problems.count
            dataset = decode(bytes, lines: lines, skipping: bad, title: name, fileSource: builder, fileSourceID: fileSourceID) { problem in
                let line = Self.line(of: problem.offset, in: lines)
                problems.add(problem.offset, Self.linePath(problem.path), problem.message, reason: Self.reason(problem.message), record: line)
            }
            if problems.count == found { break }
        }
        // Records are the events, and the lines that could not be read: the source, person, quote
        // and dataset lines that are fine are what the events refer to, not records to count.
        let bad = problems.badRecords
        let counted = lines.reduce(bad.count) { $0 + ($1.type == .event && !bad.contains($1.number) ? 1 : 0) }
        return ReadResult(dataset: dataset ?? builder.dataset(title: name), recordsRead: counted, problems: problems.located(in: bytes))
    }

    private static let lineTypes: [String: LineType] = ["event": .event, "source": .source, "person": .person, "quote": .quote, "dataset": .dataset]

    /// A line's object again, without its `type`, and citing the file when an event names no sources.
    private func object(_ bytes: [UInt8], _ line: Line, fileSourceID: String?) -> JSONNode? {
        var last = bytes[line.start...].firstIndex(of: 0x0A) ?? bytes.count
        if last > line.start && bytes[last - 1] == 0x0D { last -= 1 }
        // The line parsed as an object before; it parses the same way again.
        guard let node = try? JSONParser.parse(bytes, in: line.start..<last), case .object(var members) = node.value else { return nil }
        if let type = members.firstIndex(where: { $0.key == "type" }) { members.remove(at: type) }
        if line.type == .event, let fileSourceID, !members.contains(where: { $0.key == "sources" }) {
            let id = JSONNode(.string(fileSourceID), offset: line.start)
            members.append(JSONMember(key: "sources", keyOffset: line.start, value: JSONNode(.array([id]), offset: line.start)))
        }
        return JSONNode(.object(members), offset: node.offset)
    }

    /// One pass over the lines not in `skipping`, as our format decodes a document of them (the
    /// dataset lines' members, then `events`, `sources`, `people`, `quotes`), but an event or a
    /// quote at a time: its tree is dropped once it is decoded. Every problem goes to `report`;
    /// the dataset only when there were none.
    private func decode(_ bytes: [UInt8], lines: [Line], skipping bad: RecordSet, title: String, fileSource: DatasetBuilder,
                        fileSourceID: String?, report: @escaping (DatasetDecoder.Problem) -> Void) -> Dataset? {
        var header: [JSONMember] = []
        var nodes: [LineType: [JSONNode]] = [.source: [], .person: []]
        for line in lines where !bad.contains(line.number) && line.type != .event && line.type != .quote {
            guard let node = object(bytes, line, fileSourceID: fileSourceID) else { continue }
            if line.type == .dataset, case .object(let members) = node.value { header += members } else { nodes[line.type]!.append(node) }
        }
        if !fileSource.sources.isEmpty {
            nodes[.source]! += fileSource.sources.map { source in
                JSONNode(.object(EventObjects.source(source).map { key, value in
                    JSONMember(key: key, keyOffset: 0, value: (try? JSONParser.parse(Array(value.utf8))) ?? JSONNode(.null, offset: 0))
                }), offset: 0)
            }
        }
        // The collections are placeholders after the dataset lines' members: a dataset line that
        // has one of them is reported as a duplicate, and its own array is what is decoded.
        func member(_ key: String, _ value: JSONNode.Value) -> JSONMember { JSONMember(key: key, keyOffset: 0, value: JSONNode(value, offset: 0)) }
        var members = [member("format", .string(Dataset.formatIdentifier))]
        if !header.contains(where: { $0.key == "title" }) { members.append(member("title", .string((title as NSString).lastPathComponent))) }
        members += header.filter { $0.key != "format" }
        members += ["events", "sources", "people", "quotes"].map { member($0, .array([])) }
        func fromHeader(_ key: String) -> Bool { header.contains { $0.key == key } }

        var decoder = DatasetDecoder()
        decoder.observer = report
        guard let top = decoder.decodeHeader(JSONNode(.object(members), offset: 0)) else { return nil }
        let (people, sources) = decoder.decodePeopleAndSources(people: fromHeader("people") ? top.people : nodes[.person]!,
                                                               sources: fromHeader("sources") ? top.sources : nodes[.source]!)
        nodes = [:]
        var events: [Event] = []
        var quotes: [Quote] = []
        if fromHeader("events") {
            for (index, node) in top.events.enumerated() {
                if let event = decoder.decodeStreamedEvent(node, index: index) { events.append(event) }
            }
        } else {
            var index = 0
            for line in lines where line.type == .event && !bad.contains(line.number) {
                guard let node = object(bytes, line, fileSourceID: fileSourceID) else { continue }
                if let event = decoder.decodeStreamedEvent(node, index: index) { events.append(event) }
                index += 1
            }
        }
        if fromHeader("quotes") {
            for (index, node) in top.quotes.enumerated() {
                if let quote = decoder.decodeStreamedQuote(node, index: index) { quotes.append(quote) }
            }
        } else {
            var index = 0
            for line in lines where line.type == .quote && !bad.contains(line.number) {
                guard let node = object(bytes, line, fileSourceID: fileSourceID) else { continue }
                if let quote = decoder.decodeStreamedQuote(node, index: index) { quotes.append(quote) }
                index += 1
            }
        }
        guard decoder.problemCount == 0, let format = top.format, let title = top.title else { return nil }
        return Dataset(format: format, title: title, description: top.description,
                       people: people, sources: sources, events: events, quotes: quotes)
    }

    /// The line (1-based) an offset falls on: the last line starting at or before it.
    private static func line(of offset: Int, in lines: [Line]) -> Int {
        var low = 0, high = lines.count - 1
        guard high >= 0 else { return 0 }
        while low < high {
            let mid = (low + high + 1) / 2
            if lines[mid].start <= offset { low = mid } else { high = mid - 1 }
        }
        return lines[low].number
    }

    /// `events[3].date` → `date`: on a line of its own, the record is the line.
    private static func linePath(_ path: String) -> String {
        guard let bracket = path.firstIndex(of: "]"), ["events[", "sources[", "people[", "quotes["].contains(where: path.hasPrefix) else { return path }
        let rest = path[path.index(after: bracket)...]
        return rest.isEmpty ? "(line)" : String(rest.drop { $0 == "." })
    }

    private static func reason(_ message: String) -> String {
        if message.hasPrefix("invalid EDTF date") { return "bad date" }
        if message.hasPrefix("unknown country") || message.hasPrefix("write countries") { return "unknown country" }
        if message.hasPrefix("unknown source") || message.hasPrefix("unknown person") || message.hasPrefix("unknown event") { return "unknown reference" }
        if message.hasPrefix("required field is missing") { return "missing field" }
        if message.hasPrefix("duplicate id") { return "duplicate id" }
        if message.hasPrefix("unknown field") { return "unknown field" }
        return "invalid record"
    }
}
