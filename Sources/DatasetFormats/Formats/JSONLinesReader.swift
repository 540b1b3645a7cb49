import Foundation
import TimelineKit

/// JSON Lines: one JSON object per line, each an event of our format, checked as our format checks
/// it, with problems at `file:line:column`.
///
/// A line's `"type"` says what else it may be: `"source"`, `"person"` or `"quote"` (records of our
/// format, referred to by id from any line, before or after), or `"dataset"` (`title`,
/// `description`). An event line is `"type": "event"` or has no type. An event line without
/// `sources` cites the file itself, so a file of bare events imports as it is.
///
/// Streamed, so that an import's memory does not grow with the events: a first pass checks every
/// line (UTF-8, JSON, its type) and keeps where the lines that are not events are; then the
/// dataset, source and person lines are decoded (until none of them has a new problem: a source
/// dropped can break another line's check only through the events), each event line is parsed,
/// decoded and handed on alone in a second pass (one with problems is dropped, and a quote about
/// it refers to an unknown event), and the quote lines last. A mapped file's pages are given back
/// as each pass goes (`stream(buffer:name:release:events:)`).
struct JSONLinesReader: DatasetReader {
    /// A line that is not an event: where it is, not its tree. Such lines are few next to the events.
    private struct Line {
        var start: Int
        var number: Int
        var type: LineType
    }

    private enum LineType: UInt8 { case event, source, person, quote, dataset }

    func read(_ bytes: [UInt8], name: String) -> ReadResult {
        collecting(bytes, name: name)
    }

    func stream(_ bytes: [UInt8], name: String, events event: (Event) throws -> Void) rethrows -> ReadResult {
        try bytes.withUnsafeBufferPointer { try stream(buffer: $0, name: name, release: nil, events: event) }
    }

    /// `bytes` stay valid during the call; `release` (a mapped file's) gives back the pages before an offset.
    func stream(buffer bytes: UnsafeBufferPointer<UInt8>, name: String, release: ((Int) -> Void)?,
                events event: (Event) throws -> Void) rethrows -> ReadResult {
        var builder = DatasetBuilder(name: name)
        var problems = RecordProblems(name: name)
        var others: [Line] = []
        var invalid = InvalidUTF8(bytes, passed: release)
        Self.forEachLine(bytes, release: release) { start, last, number in
            if let bad = invalid.first(in: start..<last) {
                problems.add(bad, "(line)", "invalid UTF-8; the file must be UTF-8", reason: "invalid UTF-8", record: number)
                return
            }
            do throws(JSONSyntaxError) {
                let node = try JSONParser.parse(UnsafeBufferPointer(rebasing: bytes[..<last]), from: start)
                guard case .object(let members) = node.value else {
                    problems.add(start, "(line)", "expected an object, found \(node.typeName)", reason: "not an object", record: number)
                    return
                }
                var type = LineType.event
                if let member = members.first(where: { $0.key == "type" }) {
                    guard case .string(let text) = member.value.value, let known = Self.lineTypes[text] else {
                        problems.add(member.value.offset, "type", "type must be event, source, person, quote or dataset",
                                     reason: "unknown type", record: number)
                        return
                    }
                    type = known
                }
                if type == .event {
                    if !members.contains(where: { $0.key == "sources" }) { _ = builder.fileSourceIndex() }
                } else {
                    others.append(Line(start: start, number: number, type: type))
                }
            } catch {
                problems.add(error.offset, "(line)", error.message, reason: "malformed JSON", record: number)
            }
        }
        let fileSourceID = builder.sources.isEmpty ? nil : builder.sources[builder.fileSourceIndex()].id

        // Each problem goes on its line: the line being decoded, else (people and sources are
        // decoded together) the line its offset falls on.
        var current: Int?
        let report = { (problem: DatasetDecoder.Problem) in
            let line = current ?? Self.line(of: problem.offset, in: others)
            problems.add(problem.offset, Self.linePath(problem.path), problem.message, reason: Self.reason(problem.message), record: line)
        }
        var decoder = DatasetDecoder()
        var top: DatasetDecoder.Header?
        var people: [Person] = [], sources: [Source] = []
        for _ in 0..<8 {
            let found = problems.count
            decoder = DatasetDecoder()
            decoder.observer = report
            top = decodeHeader(bytes, others: others, skipping: problems.badRecords, title: name, fileSource: builder,
                               fileSourceID: fileSourceID, decoder: &decoder, people: &people, sources: &sources)
            if problems.count == found { break }
        }
        guard let top else {
            return ReadResult(dataset: builder.dataset(title: name), recordsRead: problems.badRecords.count, problems: problems.located(in: bytes))
        }

        var given = 0, index = 0
        var nextOther = 0
        try Self.forEachLine(bytes, release: release) { start, last, number in
            while nextOther < others.count && others[nextOther].number < number { nextOther += 1 }
            if nextOther < others.count && others[nextOther].number == number { return }
            guard !problems.badRecords.contains(number),
                  let node = object(bytes, start: start, type: .event, fileSourceID: fileSourceID) else { return }
            current = number
            defer { current = nil; index += 1 }
            let before = decoder.problemCount
            if let decoded = decoder.decodeStreamedEvent(node, index: index), decoder.problemCount == before {
                try event(decoded)
                given += 1
            } else {
                decoder.dropStreamedEvent(index: index)
            }
        }

        var quotes: [Quote] = []
        index = 0
        for line in others where line.type == .quote && !problems.badRecords.contains(line.number) {
            guard let node = object(bytes, start: line.start, type: .quote, fileSourceID: fileSourceID) else { continue }
            current = line.number
            let before = decoder.problemCount
            if let quote = decoder.decodeStreamedQuote(node, index: index), decoder.problemCount == before { quotes.append(quote) }
            index += 1
        }
        current = nil
        release?(bytes.count)

        // Records are the events, and the lines that could not be read: the source, person, quote
        // and dataset lines that are fine are what the events refer to, not records to count.
        let dataset = Dataset(format: top.format ?? Dataset.formatIdentifier, title: top.title ?? name, description: top.description,
                              people: people, sources: sources, events: [], quotes: quotes)
        return ReadResult(dataset: dataset, recordsRead: problems.badRecords.count + given, problems: problems.located(in: bytes))
    }

    /// Each line that is not blank: its start, its end (before a CR LF or LF) and its number.
    private static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, release: ((Int) -> Void)?,
                                    _ body: (_ start: Int, _ last: Int, _ number: Int) throws -> Void) rethrows {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var number = 1
        var nextRelease = UTF8Validation.step
        while start < bytes.count {
            let end = UnsafeBufferPointer(rebasing: bytes[start...]).firstIndex(of: 0x0A).map { $0 + start } ?? bytes.count
            var last = end
            if last > start && bytes[last - 1] == 0x0D { last -= 1 }
            if bytes[start..<last].contains(where: { $0 != 0x20 && $0 != 0x09 }) { try body(start, last, number) }
            start = end + 1
            number += 1
            if let release, start >= nextRelease {
                release(start)
                nextRelease = start + UTF8Validation.step
            }
        }
    }

    /// The dataset, source and person lines not in `skipping`, decoded as our format decodes a
    /// document of them (the dataset lines' members, then `sources` and `people`). Nil when the
    /// header is not one (its problems reported).
    private func decodeHeader(_ bytes: UnsafeBufferPointer<UInt8>, others: [Line], skipping bad: RecordSet, title: String,
                              fileSource: DatasetBuilder, fileSourceID: String?, decoder: inout DatasetDecoder,
                              people: inout [Person], sources: inout [Source]) -> DatasetDecoder.Header? {
        var header: [JSONMember] = []
        var nodes: [LineType: [JSONNode]] = [.source: [], .person: []]
        for line in others where !bad.contains(line.number) && line.type != .quote {
            guard let node = object(bytes, start: line.start, type: line.type, fileSourceID: fileSourceID) else { continue }
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
        // has one of them is reported as a duplicate (and dropped with its arrays).
        func member(_ key: String, _ value: JSONNode.Value) -> JSONMember { JSONMember(key: key, keyOffset: 0, value: JSONNode(value, offset: 0)) }
        var members = [member("format", .string(Dataset.formatIdentifier))]
        if !header.contains(where: { $0.key == "title" }) { members.append(member("title", .string((title as NSString).lastPathComponent))) }
        members += header.filter { $0.key != "format" }
        members += ["events", "sources", "people", "quotes"].map { member($0, .array([])) }
        guard let top = decoder.decodeHeader(JSONNode(.object(members), offset: 0)) else { return nil }
        (people, sources) = decoder.decodePeopleAndSources(people: nodes[.person]!, sources: nodes[.source]!)
        return top
    }

    private static let lineTypes: [String: LineType] = ["event": .event, "source": .source, "person": .person, "quote": .quote, "dataset": .dataset]

    /// A line's object again, without its `type`, and citing the file when an event names no sources.
    private func object(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, type: LineType, fileSourceID: String?) -> JSONNode? {
        var last = UnsafeBufferPointer(rebasing: bytes[start...]).firstIndex(of: 0x0A).map { $0 + start } ?? bytes.count
        if last > start && bytes[last - 1] == 0x0D { last -= 1 }
        // The line parsed as an object before; it parses the same way again.
        guard let node = try? JSONParser.parse(UnsafeBufferPointer(rebasing: bytes[..<last]), from: start),
              case .object(var members) = node.value else { return nil }
        if let type = members.firstIndex(where: { $0.key == "type" }) { members.remove(at: type) }
        if type == .event, let fileSourceID, !members.contains(where: { $0.key == "sources" }) {
            let id = JSONNode(.string(fileSourceID), offset: start)
            members.append(JSONMember(key: "sources", keyOffset: start, value: JSONNode(.array([id]), offset: start)))
        }
        return JSONNode(.object(members), offset: node.offset)
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
