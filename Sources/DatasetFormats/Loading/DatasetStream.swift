import TimelineKit

/// Receives a dataset in our JSON format record by record from `DatasetStream`, which calls it only
/// while no problem has been found: on any problem the whole read fails, and what the sink was
/// given must be thrown away.
public protocol DatasetSink: AnyObject {
    /// The people and sources, before any event: events and quotes refer to them by index.
    func begin(people: [Person], sources: [Source]) throws
    /// More people and sources, numbered on after those given so far: the table readers find their
    /// sources (one per distinct URL) as they read, and name them after the events that cite them.
    /// Any time before `finish`; the events' and quotes' indices need only be valid by then.
    func add(people: [Person], sources: [Source]) throws
    /// One event, in file order: its index in the dataset is the number of events given before it.
    func add(_ event: Event) throws
    /// The end: the quotes (their `events` are file-order indices), title and description.
    func finish(title: String, description: String, quotes: [Quote]) throws
}

/// Reads our JSON format without building the whole document as a tree: the top-level object is
/// walked member by member, `people` and `sources` are decoded first (an `events` array that comes
/// before them is skipped and read again once they are known), then each element of `events` is
/// parsed, decoded and handed on alone, then `quotes`. The problems are exactly those of
/// `DatasetLoader.decode`: the same decoder checks the same nodes, at the same absolute offsets.
public enum DatasetStream {
    /// (events read, estimated total): the total is guessed from how far into the file they are.
    public typealias Progress = (_ read: Int, _ estimatedTotal: Int) throws -> Void

    /// A regular file is mapped, not read: the pages already parsed are given back as the walk goes.
    /// `name` is what problems are reported against (the path itself unless given).
    public static func read(path: String, name: String? = nil, into sink: some DatasetSink, progress: Progress? = nil) throws {
        guard let file = MappedFile(path: path) else {
            return try read(bytes: DatasetLoader.readFile(path), name: name ?? path, into: sink, progress: progress)
        }
        try withExtendedLifetime(file) {
            _ = try read(buffer: file.buffer, name: name ?? path, into: sink, progress: progress, release: file.release(upTo:))
        }
    }

    /// Checks a file as `import` reads it, keeping nothing: throws `DatasetLoadError` with every
    /// problem, reported against `name` (a file written beside its destination names the destination).
    public static func check(path: String, name: String) throws {
        try read(path: path, name: name, into: DiscardingSink())
    }

    /// Throws `DatasetLoadError` with every problem, or whatever the sink throws.
    public static func read(bytes: [UInt8], name: String, into sink: some DatasetSink, progress: Progress? = nil) throws {
        try bytes.withUnsafeBufferPointer { _ = try read(buffer: $0, name: name, into: sink, progress: progress, release: nil) }
    }

    /// `read(bytes:name:into:)`, saying how many events were read straight from their bytes
    /// (`decodeDirectEvent`) rather than through the tree: the tests check that the fast way is taken.
    static func readCountingDirectEvents(bytes: [UInt8], name: String, into sink: some DatasetSink) throws -> Int {
        try bytes.withUnsafeBufferPointer { try read(buffer: $0, name: name, into: sink, progress: nil, release: nil) }
    }

    /// Returns how many events were read straight from their bytes.
    @discardableResult
    static func read(buffer bytes: UnsafeBufferPointer<UInt8>, name: String, into sink: some DatasetSink, progress: Progress?,
                     release: ((Int) -> Void)?) throws -> Int {
        // Lines and columns are counted only when there is a problem to place.
        func diagnostics(_ problems: [DatasetDecoder.Problem]) -> [Diagnostic] {
            DatasetLoader.diagnostics(problems, bytes: Array(bytes), name: name)
        }
        let invalid = UTF8Validation.invalidOffsets(in: bytes, passed: release)
        if !invalid.isEmpty { throw DatasetLoadError.invalid(diagnostics(DatasetLoader.invalidUTF8Problems(invalid, bytes: bytes))) }
        var walk = StreamWalk(bytes: bytes, sink: sink, progress: progress, release: release)
        let problems: [DatasetDecoder.Problem]
        do {
            guard let found = try walk.run() else {
                // Not an object at the top: nothing to stream, and the header's check says why, as
                // `DatasetLoader.decode` does for the whole document.
                var decoder = DatasetDecoder()
                _ = decoder.decodeHeader(try JSONParser.parse(bytes))
                throw DatasetLoadError.invalid(diagnostics(decoder.problems))
            }
            problems = found
        } catch let error as JSONSyntaxError {
            throw DatasetLoadError.invalid(diagnostics([DatasetDecoder.Problem(offset: error.offset, path: "(document)", message: error.message)]))
        }
        if !problems.isEmpty { throw DatasetLoadError.invalid(diagnostics(problems)) }
        return walk.directEvents
    }

    /// A dataset already in memory (another format's, or the bundled one) through the same sink.
    public static func feed(_ dataset: Dataset, to sink: some DatasetSink) throws {
        try sink.begin(people: dataset.people, sources: dataset.sources)
        for event in dataset.events { try sink.add(event) }
        try sink.finish(title: dataset.title, description: dataset.description, quotes: dataset.quotes)
    }
}

/// One pass over the top-level object (see `DatasetStream`).
private struct StreamWalk<Sink: DatasetSink> {
    let bytes: UnsafeBufferPointer<UInt8>
    let sink: Sink
    let progress: DatasetStream.Progress?
    /// Gives back a mapped file's pages before an offset (nil for bytes in an array).
    let release: ((Int) -> Void)?
    var nextRelease = UTF8Validation.step
    var decoder = DatasetDecoder()
    /// The top-level members as read, `events` and `quotes` arrays as empty placeholders at their
    /// offsets: the header is checked on these, as `decode` checks the whole tree.
    var members: [JSONMember] = []
    var peopleNodes: [JSONNode] = []
    var sourceNodes: [JSONNode] = []
    var began = false
    var eventsDone = false
    var eventCount = 0
    /// Events read straight from their bytes (`decodeDirectEvent`), for the tests.
    var directEvents = 0
    var quotes: [Quote] = []

    init(bytes: UnsafeBufferPointer<UInt8>, sink: Sink, progress: DatasetStream.Progress?, release: ((Int) -> Void)?) {
        self.bytes = bytes
        self.sink = sink
        self.progress = progress
        self.release = release
    }

    /// The walk is past `offset` (for now: deferred arrays are read again later).
    mutating func passed(_ offset: Int) {
        guard offset >= nextRelease, let release else { return }
        release(offset)
        nextRelease = offset + UTF8Validation.step
    }

    /// Every problem found, or nil when the document is not an object. Syntax errors are thrown:
    /// like the whole-document parser, the first one is the only problem reported.
    mutating func run() throws -> [DatasetDecoder.Problem]? {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        guard let first = parser.current else { throw JSONSyntaxError(offset: 0, message: "the file is empty; expected a JSON object") }
        guard first == UInt8(ascii: "{") else { return nil }
        let rootOffset = parser.index
        var deferredEvents: Int?, deferredQuotes: Int?
        try forEachMember(&parser) { walk, parser, key, keyOffset in
            let firstOfItsName = !walk.members.contains { $0.key == key }
            let valueOffset = parser.index
            if firstOfItsName, key == "events" || key == "quotes", parser.current == UInt8(ascii: "[") {
                if key == "events", walk.has("people"), walk.has("sources") {
                    try walk.beginIfNeeded()
                    try walk.streamEvents(&parser)
                } else if key == "quotes", walk.eventsDone {
                    try walk.streamQuotes(&parser)
                } else {
                    // Its references are not all known yet: check its syntax now, read it later.
                    if key == "events" { deferredEvents = valueOffset } else { deferredQuotes = valueOffset }
                    parser.keepsValues = false
                    defer { parser.keepsValues = true }
                    try Self.forEachElement(&parser) { parser, _ in
                        _ = try parser.parseValue(depth: 2)
                        walk.passed(parser.index)
                    }
                }
                walk.members.append(JSONMember(key: key, keyOffset: keyOffset, value: JSONNode(.array([]), offset: valueOffset)))
                return
            }
            let node = try parser.parseValue(depth: 1)
            walk.members.append(JSONMember(key: key, keyOffset: keyOffset, value: node))
            if firstOfItsName, case .array(let elements) = node.value {
                if key == "people" { walk.peopleNodes = elements }
                if key == "sources" { walk.sourceNodes = elements }
            }
        }
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw parser.error("unexpected \(parser.describeCurrent()) after the end of the JSON value")
        }
        try beginIfNeeded()
        if let offset = deferredEvents {
            nextRelease = offset + UTF8Validation.step
            var again = JSONParser(bytes: bytes, at: offset)
            try streamEvents(&again)
        }
        eventsDone = true
        if let offset = deferredQuotes {
            nextRelease = offset + UTF8Validation.step
            var again = JSONParser(bytes: bytes, at: offset)
            try streamQuotes(&again)
        }

        release?(bytes.count)

        // The header last, on its own decoder: a wrong format is then the only problem, as in `decode`.
        var headerDecoder = DatasetDecoder()
        guard let header = headerDecoder.decodeHeader(JSONNode(.object(members), offset: rootOffset)) else {
            return headerDecoder.problems
        }
        let problems = headerDecoder.problems + decoder.problems
        if problems.isEmpty, header.format != nil, let title = header.title {
            try sink.finish(title: title, description: header.description, quotes: quotes)
        }
        return problems
    }

    func has(_ key: String) -> Bool { members.contains { $0.key == key } }

    mutating func beginIfNeeded() throws {
        guard !began else { return }
        began = true
        let (people, sources) = decoder.decodePeopleAndSources(people: peopleNodes, sources: sourceNodes)
        peopleNodes = []
        sourceNodes = []
        if decoder.problems.isEmpty { try sink.begin(people: people, sources: sources) }
    }

    mutating func streamEvents(_ parser: inout JSONParser) throws {
        let total = bytes.count
        let start = parser.index
        try Self.forEachElement(&parser) { parser, index in
            let offset = parser.index
            if index == 1000 {
                // The ids so far filled `offset - start` bytes: the rest of the file holds about as many per byte.
                decoder.expectEvents(Int(Double(index) * Double(total - start) / Double(max(1, offset - start)) * 1.1))
            }
            // Most events are plainly right and read straight from their bytes; any other goes
            // through the tree, where its problems are found and worded.
            var event = decoder.decodeDirectEvent(&parser, index: index)
            if event != nil {
                directEvents += 1
            } else {
                event = decoder.decodeStreamedEvent(try parser.parseValue(depth: 2), index: index)
            }
            let end = parser.index
            if let event, decoder.problems.isEmpty { try sink.add(event) }
            eventCount += 1
            passed(end)
            if let progress, eventCount % 1000 == 0 {
                try progress(eventCount, max(eventCount, Int(Double(eventCount) * Double(total) / Double(max(1, end)))))
            }
        }
        eventsDone = true
        try progress?(eventCount, eventCount)
    }

    mutating func streamQuotes(_ parser: inout JSONParser) throws {
        try Self.forEachElement(&parser) { parser, index in
            let node = try parser.parseValue(depth: 2)
            passed(parser.index)
            if let quote = decoder.decodeStreamedQuote(node, index: index), decoder.problems.isEmpty { quotes.append(quote) }
        }
    }

    /// The members of the top-level object, with the parser's own messages for its punctuation.
    mutating func forEachMember(_ parser: inout JSONParser,
                                _ body: (inout Self, inout JSONParser, _ key: String, _ keyOffset: Int) throws -> Void) throws {
        parser.index += 1
        parser.skipWhitespace()
        if parser.current == UInt8(ascii: "}") { parser.index += 1; return }
        while true {
            parser.skipWhitespace()
            guard parser.current == UInt8(ascii: "\"") else {
                throw parser.error("unexpected \(parser.describeCurrent()); expected a quoted member name")
            }
            let keyOffset = parser.index
            let key = try parser.parseString()
            parser.skipWhitespace()
            guard parser.current == UInt8(ascii: ":") else {
                throw parser.error("unexpected \(parser.describeCurrent()); expected ':' after member name")
            }
            parser.index += 1
            parser.skipWhitespace()
            try body(&self, &parser, key, keyOffset)
            parser.skipWhitespace()
            guard let next = parser.current else { throw parser.error("unexpected end of file; expected ',' or '}'") }
            if next == UInt8(ascii: ",") { parser.index += 1; continue }
            if next == UInt8(ascii: "}") { parser.index += 1; return }
            throw parser.error("unexpected \(parser.describeCurrent()); expected ',' or '}'")
        }
    }

    /// Each element of the array at the parser (a member of the top level), with its index: `body`
    /// reads it from the parser, which it leaves just after it.
    static func forEachElement(_ parser: inout JSONParser, _ body: (inout JSONParser, Int) throws -> Void) throws {
        parser.index += 1
        parser.skipWhitespace()
        if parser.current == UInt8(ascii: "]") { parser.index += 1; return }
        var index = 0
        while true {
            parser.skipWhitespace()
            try body(&parser, index)
            index += 1
            parser.skipWhitespace()
            guard let next = parser.current else { throw parser.error("unexpected end of file; expected ',' or ']'") }
            if next == UInt8(ascii: ",") { parser.index += 1; continue }
            if next == UInt8(ascii: "]") { parser.index += 1; return }
            throw parser.error("unexpected \(parser.describeCurrent()); expected ',' or ']'")
        }
    }
}

/// A sink that keeps nothing: the read's checks are all that is wanted (`DatasetStream.check`).
private final class DiscardingSink: DatasetSink {
    func begin(people: [Person], sources: [Source]) {}
    func add(people: [Person], sources: [Source]) {}
    func add(_ event: Event) {}
    func finish(title: String, description: String, quotes: [Quote]) {}
}
