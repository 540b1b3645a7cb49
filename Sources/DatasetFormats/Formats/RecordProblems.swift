import TimelineKit

/// Problems found while reading records, kept as byte offsets and turned into `file:line:column`
/// only at the end, and only if there are any (a million good rows never pay for line tables).
///
/// Memory follows what is kept, not what is found: only the first `DiagnosticList.keptLimit`
/// problems in file order are stored (a reader may find them out of order, as JSON Lines' second
/// pass does); the rest are counted: in all, by record (a bit per record number) and by reason.
struct RecordProblems {
    struct Pending {
        var offset: Int
        var path: String
        var message: String
        var reason: String
        var record: Int
    }

    let name: String
    private var first = FirstInFileOrder<Pending>(limit: DiagnosticList.keptLimit)
    /// Records with a problem: record numbers are 0-based rows or 1-based lines, never negative.
    private var bad = RecordSet()
    /// A record's problems come together (a row is checked whole before the next): its reason is
    /// that of its first problem in file order, settled when another record's problem comes up.
    /// A record whose problems come in two runs (JSON Lines: a quote broken by a later pass) keeps
    /// the reason of its first run.
    private var run: (record: Int, offset: Int, reason: String, counts: Bool)?
    /// Bad records by the reason of their first problem, with the lowest such record number: the
    /// summary lists reasons in the order their records come in the file.
    private var reasons: [String: (count: Int, firstRecord: Int)] = [:]
    /// "Did you mean" is bounded work: only the first problems get a suggestion.
    private var suggestionsLeft = DatasetDecoder.suggestionLimit

    init(name: String) { self.name = name }

    /// Every problem found, kept or not.
    var count: Int { first.count }
    var isEmpty: Bool { first.count == 0 }
    /// Records with at least one problem.
    var badRecords: RecordSet { bad }

    /// `path` and `message` are built only if the problem is kept.
    mutating func add(_ offset: Int, _ path: @autoclosure () -> String, _ message: @autoclosure () -> String,
                      reason: String, record: Int) {
        first.add(offset: offset, Pending(offset: offset, path: path(), message: message(), reason: reason, record: record))
        if let run, run.record == record {
            if offset < run.offset { self.run = (record, offset, reason, run.counts) }
            return
        }
        settleRun()
        run = (record, offset, reason, bad.insert(record))
    }

    private mutating func settleRun() {
        guard let run, run.counts else { return }
        let known = reasons[run.reason]
        reasons[run.reason] = ((known?.count ?? 0) + 1, min(known?.firstRecord ?? run.record, run.record))
    }

    mutating func maySuggest() -> Bool {
        guard suggestionsLeft > 0 else { return false }
        suggestionsLeft -= 1
        return true
    }

    /// The kept problems in file order, located, with the counts of all of them.
    func located(in bytes: [UInt8]) -> Located {
        bytes.withUnsafeBufferPointer { located(in: $0) }
    }

    /// `located(in:)` over bytes that are not an array (a mapped file).
    func located(in bytes: UnsafeBufferPointer<UInt8>) -> Located {
        var tally = self
        tally.settleRun()
        var byReason = ReasonCounts()
        for (reason, entry) in tally.reasons.sorted(by: { $0.value.firstRecord < $1.value.firstRecord }) {
            byReason.add(reason, entry.count)
        }
        let kept = first.inFileOrder
        let locations = SourceText.locations(of: kept.map(\.offset), in: bytes)
        let problems = zip(kept, locations).map { problem, location in
            RecordProblem(Diagnostic(file: name, line: location.line, column: location.column, path: problem.path, message: problem.message),
                          reason: problem.reason, record: problem.record)
        }
        return Located(problems: problems, total: count, invalidRecords: bad.count, invalidByReason: byReason)
    }

    /// What `located(in:)` gives `ReadResult`.
    struct Located {
        var problems: [RecordProblem]
        var total: Int
        var invalidRecords: Int
        var invalidByReason: ReasonCounts
    }
}

/// The first `limit` of however many items are added, in file order (by offset, then in the order
/// added), and how many were added: sorted and cut back whenever twice the limit are held, so a
/// million items cost a million comparisons with the cut-off, not a million stored items.
struct FirstInFileOrder<Item> {
    let limit: Int
    private var items: [(offset: Int, sequence: Int, item: Item)] = []
    /// Once cut back: items after this one in file order are not kept.
    private var cutoff: (offset: Int, sequence: Int)?
    private(set) var count = 0

    init(limit: Int) { self.limit = limit }

    /// `item` is made only if it is kept.
    mutating func add(offset: Int, _ item: @autoclosure () -> Item) {
        count += 1
        if let cutoff, (offset, count) > cutoff { return }
        items.append((offset, count, item()))
        if items.count >= max(2 * limit, 16) { cut() }
    }

    private mutating func cut() {
        items.sort { ($0.offset, $0.sequence) < ($1.offset, $1.sequence) }
        if items.count > limit { items.removeLast(items.count - limit) }
        cutoff = items.last.map { ($0.offset, $0.sequence) } ?? (Int.min, Int.min)
    }

    var inFileOrder: [Item] {
        var copy = self
        copy.cut()
        return copy.items.map(\.item)
    }
}

/// A set of non-negative record numbers, a bit each.
struct RecordSet {
    private var words: [UInt64] = []
    private(set) var count = 0

    /// True when the record was not in the set.
    @discardableResult
    mutating func insert(_ record: Int) -> Bool {
        precondition(record >= 0, "record numbers are not negative")
        let word = record >> 6, bit = UInt64(1) << UInt64(record & 63)
        if word >= words.count { words += repeatElement(0, count: max(word + 1 - words.count, words.count)) }
        guard words[word] & bit == 0 else { return false }
        words[word] |= bit
        count += 1
        return true
    }

    func contains(_ record: Int) -> Bool {
        let word = record >> 6
        return record >= 0 && word < words.count && words[word] & (UInt64(1) << UInt64(record & 63)) != 0
    }
}

/// Invalid UTF-8 in a record: the record is reported rather than silently repaired. The offsets are
/// found once, in order, and each record asks for those inside its bytes.
struct InvalidUTF8 {
    private let offsets: [Int]
    private var next = 0

    /// `range`: the part of the bytes being read (all of them by default); offsets stay whole-file ones.
    init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        let range = range ?? 0..<bytes.count
        offsets = bytes.withUnsafeBufferPointer { buffer in
            UTF8Validation.invalidOffsets(in: UnsafeBufferPointer(rebasing: buffer[range]), limit: 100_000).map { $0 + range.lowerBound }
        }
    }

    /// All of `bytes` (a mapped file: `passed` gives back the pages checked).
    init(_ bytes: UnsafeBufferPointer<UInt8>, passed: ((Int) -> Void)?) {
        offsets = UTF8Validation.invalidOffsets(in: bytes, limit: 100_000, passed: passed)
    }

    /// The first invalid offset in `range`, if any.
    mutating func first(in range: Range<Int>) -> Int? {
        while next < offsets.count && offsets[next] < range.lowerBound { next += 1 }
        guard next < offsets.count, range.contains(offsets[next]) else { return nil }
        return offsets[next]
    }
}
