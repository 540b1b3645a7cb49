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
    private struct Line {
        var number: Int
        var start: Int
        var node: JSONNode
        var type: String
    }

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
                guard case .object(var members) = node.value else {
                    problems.add(start, "(line)", "expected an object, found \(node.typeName)", reason: "not an object", record: number)
                    continue
                }
                var type = "event"
                if let at = members.firstIndex(where: { $0.key == "type" }) {
                    guard case .string(let text) = members[at].value.value, ["event", "source", "person", "quote", "dataset"].contains(text) else {
                        problems.add(members[at].value.offset, "type", "type must be event, source, person, quote or dataset",
                                     reason: "unknown type", record: number)
                        continue
                    }
                    type = text
                    members.remove(at: at)
                }
                if type == "event" && !members.contains(where: { $0.key == "sources" }) {
                    let file = builder.fileSourceIndex()
                    let id = JSONNode(.string(builder.sources[file].id), offset: start)
                    members.append(JSONMember(key: "sources", keyOffset: start, value: JSONNode(.array([id]), offset: start)))
                }
                lines.append(Line(number: number, start: start, node: JSONNode(.object(members), offset: node.offset), type: type))
            } catch {
                problems.add(error.offset, "(line)", error.message, reason: "malformed JSON", record: number)
            }
        }
        // Decode the good lines; drop the lines with problems and decode again until nothing new
        // breaks (an event dropped can break a quote about it).
        var bad = Set(problems.pending.map(\.record))
        var dataset: Dataset?
        for _ in 0..<8 {
            let (decoded, found) = decode(lines.filter { !bad.contains($0.number) }, title: name, fileSource: builder)
            for problem in found {
                let line = Self.line(of: problem.offset, in: lines)
                problems.add(problem.offset, Self.linePath(problem.path), problem.message, reason: Self.reason(problem.message), record: line)
                bad.insert(line)
            }
            dataset = decoded
            if found.isEmpty { break }
        }
        let located = problems.located(in: bytes)
        // Records are the events, and the lines that could not be read: the source, person, quote
        // and dataset lines that are fine are what the events refer to, not records to count.
        let counted = Set(lines.filter { $0.type == "event" }.map(\.number)).union(bad).count
        return ReadResult(dataset: dataset ?? builder.dataset(title: name), recordsRead: counted, problems: located)
    }

    private func decode(_ lines: [Line], title: String, fileSource: DatasetBuilder) -> (Dataset?, [DatasetDecoder.Problem]) {
        var top: [String: [JSONNode]] = ["event": [], "source": [], "person": [], "quote": []]
        var header: [JSONMember] = []
        for line in lines {
            if line.type == "dataset", case .object(let members) = line.node.value { header += members } else { top[line.type]!.append(line.node) }
        }
        if !fileSource.sources.isEmpty {
            top["source"]! += fileSource.sources.map { source in
                JSONNode(.object(EventObjects.source(source).map { key, value in
                    JSONMember(key: key, keyOffset: 0, value: (try? JSONParser.parse(Array(value.utf8))) ?? JSONNode(.null, offset: 0))
                }), offset: 0)
            }
        }
        func member(_ key: String, _ value: JSONNode.Value) -> JSONMember { JSONMember(key: key, keyOffset: 0, value: JSONNode(value, offset: 0)) }
        var members = [member("format", .string(Dataset.formatIdentifier))]
        if !header.contains(where: { $0.key == "title" }) { members.append(member("title", .string((title as NSString).lastPathComponent))) }
        members += header.filter { $0.key != "format" }
        members += [member("events", .array(top["event"]!)), member("sources", .array(top["source"]!)),
                    member("people", .array(top["person"]!)), member("quotes", .array(top["quote"]!))]
        var decoder = DatasetDecoder()
        let dataset = decoder.decode(JSONNode(.object(members), offset: 0))
        return (dataset, decoder.problems)
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
