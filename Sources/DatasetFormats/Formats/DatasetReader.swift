import TimelineKit

/// The importer seam: each input format has one reader that turns a file's bytes into a `Dataset`
/// of the records it could read, and says what it could not, record by record, all at once.
public protocol DatasetReader {
    func read(_ bytes: [UInt8], name: String) -> ReadResult
    /// The same read with each good event handed to `event` as it is read, in file order, instead
    /// of kept: the result is `read`'s but for its dataset's `events`, which stay empty (its sources,
    /// people, quotes and title are all there). An import's memory then does not grow with the
    /// events. Whatever `event` throws ends the read.
    func stream(_ bytes: [UInt8], name: String, events event: (Event) throws -> Void) rethrows -> ReadResult
}

extension DatasetReader {
    /// For formats whose records refer to each other and are checked as a whole (our JSON, JSON
    /// Lines, TimelineJS): read whole, then handed on.
    public func stream(_ bytes: [UInt8], name: String, events event: (Event) throws -> Void) rethrows -> ReadResult {
        var result = read(bytes, name: name)
        let events = result.dataset.events
        result.dataset.events = []
        for each in events { try event(each) }
        return result
    }

    /// `read` for the readers that stream: their events collected.
    func collecting(_ bytes: [UInt8], name: String) -> ReadResult {
        var events: [Event] = []
        var result = stream(bytes, name: name) { events.append($0) }
        result.dataset.events = events
        return result
    }
}

/// What one reader made of one file.
public struct ReadResult: Sendable {
    /// The good records (events with their sources).
    public var dataset: Dataset
    /// Records seen: rows, lines, slides (a header is not a record).
    public var recordsRead: Int
    /// Records that are wrong: a bad date, a wrong column count. Without `--skip-invalid` any of
    /// these means nothing is written. Only the first problems in file order are kept
    /// (`DiagnosticList.keptLimit`); the counts below cover all of them.
    public var problems: [RecordProblem]
    /// Every problem found, kept or not.
    public var problemCount: Int
    /// Records with at least one problem.
    public var invalidRecords: Int
    /// The invalid records by the reason of their first problem in file order, in the order the
    /// records come.
    public var invalidByReason: ReasonCounts
    /// Records left out by design, not errors (a GDELT row without two countries), by reason.
    public var excluded: ReasonCounts
    /// The file as a whole cannot be read in part (our JSON format, whose records refer to each
    /// other): its problems fail the import even with `--skip-invalid`.
    public var wholeFile: Bool

    /// `problems` in file order, all of them: the first are kept and the rest counted.
    public init(dataset: Dataset, recordsRead: Int, problems: [RecordProblem] = [], excluded: ReasonCounts = ReasonCounts(),
                wholeFile: Bool = false) {
        self.dataset = dataset
        self.recordsRead = recordsRead
        self.problems = Array(problems.prefix(DiagnosticList.keptLimit))
        problemCount = problems.count
        let firstReasons = Dictionary(problems.map { ($0.record, $0.reason) }, uniquingKeysWith: { first, _ in first })
        invalidRecords = firstReasons.count
        invalidByReason = ReasonCounts()
        for record in firstReasons.keys.sorted() { invalidByReason.add(firstReasons[record]!) }
        self.excluded = excluded
        self.wholeFile = wholeFile
    }

    /// A reader's problems as `RecordProblems` kept and counted them.
    init(dataset: Dataset, recordsRead: Int, problems: RecordProblems.Located, excluded: ReasonCounts = ReasonCounts(),
         wholeFile: Bool = false) {
        self.dataset = dataset
        self.recordsRead = recordsRead
        self.problems = problems.problems
        problemCount = problems.total
        invalidRecords = problems.invalidRecords
        invalidByReason = problems.invalidByReason
        self.excluded = excluded
        self.wholeFile = wholeFile
    }

    /// The kept problems' diagnostics and the count of all.
    public var diagnostics: DiagnosticList { DiagnosticList(problems.map(\.diagnostic), total: problemCount) }

    /// A file that could not be read at all in this format: one problem, no records.
    public static func unreadable(_ name: String, _ message: String, reason: String) -> ReadResult {
        ReadResult(dataset: Dataset.empty(title: name), recordsRead: 0,
                   problems: [RecordProblem(Diagnostic(file: name, line: 1, column: 1, path: "(file)", message: message), reason: reason)],
                   wholeFile: true)
    }
}

/// One bad record: where and what (`file:line:column: path: message`), and a short reason that
/// the summary counts by ("bad date", "wrong column count").
public struct RecordProblem: Sendable, Equatable {
    public var diagnostic: Diagnostic
    public var reason: String
    /// Which record (0-based, in file order): a record with two problems is skipped once.
    public var record: Int

    public init(_ diagnostic: Diagnostic, reason: String, record: Int = 0) {
        self.diagnostic = diagnostic
        self.reason = reason
        self.record = record
    }
}

/// Counts by reason, in the order the reasons first came up.
public struct ReasonCounts: Sendable, Equatable {
    public private(set) var reasons: [String] = []
    public private(set) var counts: [String: Int] = [:]

    public init() {}

    public mutating func add(_ reason: String, _ count: Int = 1) {
        guard count > 0 else { return }
        if counts[reason] == nil { reasons.append(reason) }
        counts[reason, default: 0] += count
    }

    public mutating func add(_ other: ReasonCounts) {
        for reason in other.reasons { add(reason, other.counts[reason]!) }
    }

    public var total: Int { counts.values.reduce(0, +) }
    public var isEmpty: Bool { reasons.isEmpty }

    /// "3 not bilateral, 1 bad date", biggest first.
    public var summary: String {
        reasons.enumerated().sorted { (counts[$0.1]!, -$0.0) > (counts[$1.1]!, -$1.0) }
            .map { "\(counts[$0.1]!) \($0.1)" }.joined(separator: ", ")
    }
}
