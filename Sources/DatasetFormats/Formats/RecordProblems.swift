import TimelineKit

/// Problems found while reading records, kept as byte offsets and turned into `file:line:column`
/// only at the end, and only if there are any (a million good rows never pay for line tables).
struct RecordProblems {
    struct Pending {
        var offset: Int
        var path: String
        var message: String
        var reason: String
        var record: Int
    }

    let name: String
    private(set) var pending: [Pending] = []
    /// "Did you mean" is bounded work: only the first problems get a suggestion.
    private var suggestionsLeft = DatasetDecoder.suggestionLimit

    init(name: String) { self.name = name }

    var isEmpty: Bool { pending.isEmpty }

    mutating func add(_ offset: Int, _ path: String, _ message: String, reason: String, record: Int) {
        pending.append(Pending(offset: offset, path: path, message: message, reason: reason, record: record))
    }

    mutating func maySuggest() -> Bool {
        guard suggestionsLeft > 0 else { return false }
        suggestionsLeft -= 1
        return true
    }

    /// The problems in file order (a reader may find some in a second pass), located.
    func located(in bytes: [UInt8]) -> [RecordProblem] {
        guard !pending.isEmpty else { return [] }
        let source = SourceText(bytes: bytes)
        let ordered = pending.enumerated().sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }.map(\.element)
        return ordered.map { problem in
            let (line, column) = source.location(of: problem.offset)
            return RecordProblem(Diagnostic(file: name, line: line, column: column, path: problem.path, message: problem.message),
                                 reason: problem.reason, record: problem.record)
        }
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

    /// The first invalid offset in `range`, if any.
    mutating func first(in range: Range<Int>) -> Int? {
        while next < offsets.count && offsets[next] < range.lowerBound { next += 1 }
        guard next < offsets.count, range.contains(offsets[next]) else { return nil }
        return offsets[next]
    }
}
