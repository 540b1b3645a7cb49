import Foundation
import TimelineKit

/// TimelineJS 3 JSON, the format of the TimelineJS web viewer: `title` (a slide), `events[]` (slides),
/// `eras[]`. A slide's `start_date`/`end_date` become an EDTF date at the precision given (times of day
/// as the attributes `start_time`/`end_time`); `text.headline` the title and `text.text` the summary
/// (HTML made plain text); `media.url` with `credit` and `caption` a source; a `group` naming a country
/// pair ("Russia–Pakistan") the participants, any other group a tag; `unique_id` the id. An era becomes
/// an event of kind `era` without countries. The viewer's other members (`background`, `autolink`,
/// `scale`, ...) are left alone.
struct TimelineJSReader: DatasetReader {
    func read(_ bytes: [UInt8], name: String) -> ReadResult { collecting(bytes, name: name) }

    func stream(_ bytes: [UInt8], name: String, events emit: (Event) throws -> Void) rethrows -> ReadResult {
        var builder = DatasetBuilder(name: name)
        var problems = RecordProblems(name: name)
        let base = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if let bad = UTF8Validation.invalidOffsets(in: bytes, limit: 1).first {
            problems.add(bad, "(document)", "invalid UTF-8; the file must be UTF-8", reason: "invalid UTF-8", record: 0)
            return ReadResult(dataset: builder.dataset(title: name), recordsRead: 0, problems: problems.located(in: bytes), wholeFile: true)
        }
        let top: JSONNode
        do {
            top = try JSONParser.parse(bytes, in: base..<bytes.count)
        } catch {
            problems.add(error.offset, "(document)", error.message, reason: "malformed JSON", record: 0)
            return ReadResult(dataset: builder.dataset(title: name), recordsRead: 0, problems: problems.located(in: bytes), wholeFile: true)
        }
        var slides = SlideReader(problems: problems)
        guard case .object(let members) = top.value else {
            slides.problems.add(top.offset, "(document)", "expected an object with `events`, found \(top.typeName)", reason: "not TimelineJS", record: 0)
            return ReadResult(dataset: builder.dataset(title: name), recordsRead: 0, problems: slides.problems.located(in: bytes), wholeFile: true)
        }
        func member(_ key: String) -> JSONNode? { members.first { $0.key == key }?.value }
        var title = (name as NSString).lastPathComponent, description = ""
        if let slide = member("title"), let text = SlideReader.text(slide) {
            if !text.headline.isEmpty { title = text.headline }
            description = text.text
        }
        var eventNodes: [JSONNode] = []
        if let events = member("events") {
            if case .array(let elements) = events.value { eventNodes = elements } else {
                slides.problems.add(events.offset, "events", "expected an array of slides, found \(events.typeName)", reason: "not TimelineJS", record: 0)
            }
        } else {
            slides.problems.add(top.offset, "events", "required field is missing", reason: "not TimelineJS", record: 0)
        }
        var eraNodes: [JSONNode] = []
        if let eras = member("eras"), case .array(let elements) = eras.value { eraNodes = elements }
        if !slides.problems.isEmpty {
            return ReadResult(dataset: builder.dataset(title: title), recordsRead: 0, problems: slides.problems.located(in: bytes), wholeFile: true)
        }
        for (index, node) in eventNodes.enumerated() {
            guard let event = slides.event(node, path: "events[\(index)]", record: index, builder: &builder) else { continue }
            if builder.claim(event) { try emit(event) } else {
                slides.problems.add(node.offset, "events[\(index)].unique_id", "duplicate id \(MessageText.quoted(event.id))", reason: "duplicate id", record: index)
            }
        }
        for (index, node) in eraNodes.enumerated() {
            let record = eventNodes.count + index
            if var event = slides.event(node, path: "eras[\(index)]", record: record, builder: &builder, era: true) {
                event.id = "\(builder.prefix)-era-\(index + 1)"
                if builder.claim(event) { try emit(event) }
            }
        }
        return ReadResult(dataset: builder.dataset(title: title, description: description),
                          recordsRead: eventNodes.count + eraNodes.count, problems: slides.problems.located(in: bytes))
    }
}

/// One slide at a time, reporting what is wrong with it.
private struct SlideReader {
    var problems: RecordProblems

    static func member(_ node: JSONNode, _ key: String) -> JSONNode? {
        guard case .object(let members) = node.value else { return nil }
        return members.first { $0.key == key }?.value
    }

    static func string(_ node: JSONNode?) -> String? {
        guard let node else { return nil }
        switch node.value {
        case .string(let text): return text
        case .number(let number): return AttributeValue.format(number)
        default: return nil
        }
    }

    /// An object whose members are all empty strings or null (`{}` too).
    static func isBlank(_ node: JSONNode) -> Bool {
        guard case .object(let members) = node.value else { return false }
        return members.allSatisfy {
            switch $0.value.value {
            case .null: return true
            case .string(let text): return text.isEmpty
            default: return false
            }
        }
    }

    /// `text.headline` and `text.text` as plain text.
    static func text(_ slide: JSONNode) -> (headline: String, text: String)? {
        guard let text = member(slide, "text") else { return nil }
        return (HTMLText.plainText(string(member(text, "headline")) ?? ""), HTMLText.plainText(string(member(text, "text")) ?? ""))
    }

    mutating func event(_ node: JSONNode, path: String, record: Int, builder: inout DatasetBuilder, era: Bool = false) -> Event? {
        guard case .object = node.value else {
            problems.add(node.offset, path, "expected a slide (an object), found \(node.typeName)", reason: "not a slide", record: record)
            return nil
        }
        var failed = false
        var attributes: [Attribute] = []
        var start: TimelineJSDates.Parts?
        if let startNode = Self.member(node, "start_date") {
            start = date(startNode, path: path + ".start_date", record: record)
            failed = failed || start == nil
        } else {
            problems.add(node.offset, path + ".start_date", "required field is missing", reason: "missing date", record: record)
            failed = true
        }
        var end: TimelineJSDates.Parts?
        // TimelineJS's own sheet-to-JSON export writes `"end_date": {"year": "", "month": "", "day": ""}`
        // for a slide without an end: a date object with nothing in it is no end date.
        if let endNode = Self.member(node, "end_date"), !Self.isBlank(endNode) {
            end = date(endNode, path: path + ".end_date", record: record)
            failed = failed || end == nil
        }
        var date: EDTFDate?
        if let start {
            var text = TimelineJSDates.edtf(start)
            if let end { text += "/" + TimelineJSDates.edtf(end) }
            do { date = try EDTFDate(parsing: text) } catch {
                problems.add(node.offset, path + ".start_date", "\(error.message)", reason: "bad date", record: record)
                failed = true
            }
            if let time = TimelineJSDates.time(start) { attributes.append(Attribute("start_time", .string(time))) }
            if let end, let time = TimelineJSDates.time(end) { attributes.append(Attribute("end_time", .string(time))) }
            for (key, name) in [("start_date", "display_date"), ("end_date", "end_display_date")] {
                if let display = Self.member(node, key).flatMap({ Self.string(Self.member($0, "display_date")) }), !display.isEmpty {
                    attributes.append(Attribute(name, .string(HTMLText.plainText(display))))
                }
            }
        }
        if let display = Self.string(Self.member(node, "display_date")), !display.isEmpty {
            attributes.append(Attribute("display_date", .string(HTMLText.plainText(display))))
        }
        let text = Self.text(node) ?? ("", "")
        let media = Self.member(node, "media")
        let (title, titleFrom) = Self.title(text: text, media: media, record: record)
        if let titleFrom { attributes.append(Attribute("title_from", .string(titleFrom))) }
        var participants = Participants.none
        var tags: [String] = []
        if let group = Self.string(Self.member(node, "group")), !group.isEmpty {
            let plain = HTMLText.plainText(group)
            if let pair = try? CountryPair.parse(plain) {
                // In the group's order ("Russia–Pakistan" is RUS–PAK), as the file's author wrote it.
                let left = String(plain.prefix { !"-–—/".contains($0) }).trimmingWhitespace()
                participants = Country(lenient: left) == pair.second ? .mutual([pair.second, pair.first]) : .mutual([pair.first, pair.second])
            } else if let tag = ImportText.kind(group) {
                tags.append(tag)
            }
            attributes.append(Attribute("group", .string(group)))
        }
        guard !failed, let date else { return nil }
        var source: Int
        if let media {
            source = builder.source(url: Self.string(Self.member(media, "url")), publisher: Self.plainMember(media, "credit"),
                                    title: Self.plainMember(media, "caption"))
        } else {
            source = builder.fileSourceIndex()
        }
        var id = "\(builder.prefix)-\(record + 1)"
        if let unique = Self.string(Self.member(node, "unique_id")), !unique.isEmpty { id = ImportText.identifier(unique) }
        return Event(id: id, date: date, title: title, summary: text.headline.isEmpty ? "" : text.text, participants: participants,
                     kind: era ? "era" : "event", status: .occurred, tags: tags, sources: [source], people: [], notes: [],
                     attributes: attributes)
    }

    /// The slide's title as TimelineJS shows it: the headline; else the body's first paragraph; else,
    /// for a slide that is only media (TimelineJS's own Mark Twain example has such slides), the
    /// media's caption, then its credit; else "Untitled slide N". The second value says where a title
    /// not taken from the slide's text came from (the `title_from` attribute), so it is marked as such.
    static func title(text: (headline: String, text: String), media: JSONNode?, record: Int) -> (String, String?) {
        if !text.headline.isEmpty { return (text.headline, nil) }
        if let first = text.text.components(separatedBy: "\n").first, !first.isEmpty { return (first, nil) }
        if let media, let caption = plainMember(media, "caption") { return (caption, "media caption") }
        if let media, let credit = plainMember(media, "credit") { return (credit, "media credit") }
        return ("Untitled slide \(record + 1)", "none: the slide has no headline, text, caption or credit")
    }

    /// A string member as plain text, nil when absent, null or empty.
    static func plainMember(_ node: JSONNode, _ name: String) -> String? {
        string(member(node, name)).map(HTMLText.plainText).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A date object: `year` required, the rest optional; numbers or numeric strings.
    mutating func date(_ node: JSONNode, path: String, record: Int) -> TimelineJSDates.Parts? {
        guard case .object = node.value else {
            problems.add(node.offset, path, "expected a date object like {\"year\": 2017}, found \(node.typeName)", reason: "bad date", record: record)
            return nil
        }
        var values: [String: Int] = [:]
        var failed = false
        for (key, range) in [("year", Int.min...Int.max), ("month", 1...12), ("day", 1...31), ("hour", 0...23), ("minute", 0...59),
                             ("second", 0...60)] {
            guard let value = Self.member(node, key) else { continue }
            let number: Int?
            switch value.value {
            case .number(let double) where AttributeValue.wholeNumber(double) != nil: number = Int(double)
            case .string(let text): number = text.isEmpty ? nil : Int(text.trimmingWhitespace())
            case .null: continue
            default: number = nil
            }
            if case .string(let text) = value.value, text.isEmpty { continue }
            guard let number, range.contains(number) else {
                problems.add(value.offset, "\(path).\(key)", "\(key) must be a whole number\(key == "year" ? "" : " from \(range.lowerBound) to \(range.upperBound)")",
                             reason: "bad date", record: record)
                failed = true
                continue
            }
            values[key] = number
        }
        guard let year = values["year"] else {
            if !failed { problems.add(node.offset, "\(path).year", "required field is missing", reason: "bad date", record: record) }
            return nil
        }
        if failed { return nil }
        if values["day"] != nil && values["month"] == nil {
            problems.add(node.offset, "\(path).day", "a day needs a month", reason: "bad date", record: record)
            return nil
        }
        return TimelineJSDates.Parts(year: year, month: values["month"], day: values["day"], hour: values["hour"],
                                     minute: values["minute"], second: values["second"])
    }
}
