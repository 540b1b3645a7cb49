import TimelineKit

/// `bilateral import` and `convert` up to the dataset: read each input with its format's reader,
/// decide what to do with bad records, merge, and say what happened in one summary line.
public enum DatasetImport {
    public struct Outcome: Sendable {
        /// The merged dataset (`run`); after `stream`, only its title and description: the records
        /// went to the sink.
        public var dataset: Dataset
        public var recordsRead: Int
        /// Events imported (the dataset's, or those handed to the sink).
        public var imported: Int
        /// Bad records passed over (only with `skipInvalid`), each with where and why: the first
        /// ones of each input (`DiagnosticList.keptLimit`), in file order.
        public var skippedProblems: [RecordProblem]
        /// Every problem passed over, kept or not.
        public var skippedProblemCount: Int
        /// Skipped by reason: the bad records by their first problem, and records left out by design.
        public var skipped: ReasonCounts

        /// "read 10 records, imported 7, skipped 3 (2 not bilateral, 1 bad date)".
        public var summary: String {
            var line = "read \(recordsRead) \(recordsRead == 1 ? "record" : "records"), imported \(imported), skipped \(skipped.total)"
            if !skipped.isEmpty { line += " (\(skipped.summary))" }
            return line
        }

        /// The problems passed over as `bilateral` prints them: the kept ones and the count of all.
        public var skippedDiagnostics: DiagnosticList {
            DiagnosticList(skippedProblems.map(\.diagnostic), total: skippedProblemCount)
        }
    }

    public enum Failure: Error, Sendable {
        /// An input cannot be read at all: exit 66.
        case unreadable([Diagnostic])
        /// Bad records without `--skip-invalid`, or a file that must be read whole: exit 65. Each
        /// input's first problems, and the count of all.
        case invalid(DiagnosticList, summary: String)
        /// The same id in two inputs: exit 65.
        case conflict(String, summary: String)
    }

    /// The reader for a format; `auto` is resolved per file first.
    static func reader(_ format: InputFormat, options: ImportOptions) -> any DatasetReader {
        switch format {
        case .auto, .bilateral: return BilateralReader()
        case .csv: return CSVReader(options: options)
        case .jsonl: return JSONLinesReader()
        case .timelinejs: return TimelineJSReader()
        case .gdelt: return GDELTReader()
        case .icews: return ICEWSReader()
        }
    }

    /// Opens a ZIP archive: each entry's name and bytes. TimelineKit reads no archives itself (it
    /// depends on Foundation only); the executable passes one (ZIPFoundation).
    public typealias Unzip = (_ bytes: [UInt8]) throws -> [(name: String, bytes: [UInt8])]

    static func isZip(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// The input mapped when it is a JSON Lines file (named or detected) that is a regular file
    /// and not an archive: `InputBytes`. Anything else is read whole, which names what is wrong.
    static func mappedLines(_ path: String, format: InputFormat) -> MappedFile? {
        guard format == .jsonl || format == .auto, let file = MappedFile(path: path) else { return nil }
        let head = Array(file.buffer.prefix(1 << 16))
        guard !isZip(head), format == .jsonl || InputFormat.detect(name: path, head: head) == .jsonl else { return nil }
        return file
    }

    public static func run(inputs: [String], format: InputFormat, options: ImportOptions = ImportOptions(),
                           skipInvalid: Bool = false, unzip: Unzip? = nil) throws(Failure) -> Outcome {
        let read = readInputs(inputs, format: format, options: options, unzip: unzip,
                              read: { reader, bytes, name in bytes.read(with: reader, name: name) }, parts: { _ in })
        if !read.unreadable.isEmpty { throw .unreadable(read.unreadable) }
        var outcome = try outcome(of: read.results, skipInvalid: skipInvalid)
        do {
            outcome.dataset = try DatasetMerge.merge(read.results.map { ($0.name, $0.result.dataset) })
        } catch {
            throw .conflict(error.description, summary: "read \(outcome.recordsRead) records: nothing written")
        }
        outcome.imported = outcome.dataset.events.count
        return outcome
    }

    /// `run` without holding the records: each input's events go to `sink` as its reader reads them
    /// (`DatasetReader.stream`), then its people and sources, and at the end the quotes, references
    /// shifted as `DatasetMerge` shifts them. The checks and failures are `run`'s, in its order
    /// (unreadable inputs, then bad records, then ids in two inputs), but come after the records
    /// were given: a failure thrown here means the sink's records must be thrown away (the store
    /// writers do). Inputs in two or more parts keep every event id to find one in two parts
    /// (`DatasetMerge` held them all); one input keeps only what its reader keeps.
    public static func stream(inputs: [String], format: InputFormat, options: ImportOptions = ImportOptions(),
                              skipInvalid: Bool = false, unzip: Unzip? = nil, into sink: some DatasetSink,
                              progress: ((_ events: Int) throws -> Void)? = nil) throws -> Outcome {
        var merge = StreamedMerge(several: inputs.count > 1)
        try sink.begin(people: [], sources: [])
        let read = try readInputs(inputs, format: format, options: options, unzip: unzip, read: { reader, bytes, name throws(any Error) in
            try merge.read(reader, bytes, name: name, into: sink, progress: progress)
        }, parts: { count in
            if count > 1 { merge.several = true }
        })
        if !read.unreadable.isEmpty { throw Failure.unreadable(read.unreadable) }
        var outcome = try outcome(of: read.results, skipInvalid: skipInvalid)
        if let conflict = merge.conflict {
            throw Failure.conflict(conflict, summary: "read \(outcome.recordsRead) records: nothing written")
        }
        let datasets = read.results.map(\.result.dataset)
        let title = datasets.count == 1 ? datasets[0].title : datasets.map(\.title).joined(separator: " + ")
        let description = datasets.count == 1 ? datasets[0].description
            : datasets.map(\.description).filter { !$0.isEmpty }.joined(separator: "\n\n")
        try sink.finish(title: title, description: description, quotes: merge.quotes)
        outcome.dataset = Dataset(title: title, description: description, people: [], sources: [], events: [], quotes: [])
        outcome.imported = merge.events
        return outcome
    }

    /// Each input read (an archive's entries each on their own) by its format's reader through
    /// `read`, in order; the inputs that cannot be read at all. `parts` is told how many parts an
    /// input makes (its archive's entries) before they are read.
    static func readInputs<E: Error>(_ inputs: [String], format: InputFormat, options: ImportOptions, unzip: Unzip?,
                                     read: (any DatasetReader, InputBytes, String) throws(E) -> ReadResult,
                                     parts: (Int) -> Void) throws(E) -> (results: [(name: String, result: ReadResult)], unreadable: [Diagnostic]) {
        var results: [(name: String, result: ReadResult)] = []
        var unreadable: [Diagnostic] = []
        for input in inputs {
            if let file = mappedLines(input, format: format) {
                parts(1)
                results.append((input, try read(Self.reader(.jsonl, options: options), .mapped(file), input)))
                continue
            }
            let bytes: [UInt8]
            do { bytes = try DatasetLoader.readFile(input) } catch {
                if case .unreadable = error { unreadable += error.diagnostics } else {
                    results.append((input, ReadResult(dataset: Dataset.empty(title: input),
                                                      recordsRead: 0, problems: error.diagnostics.map { RecordProblem($0, reason: "too large") },
                                                      wholeFile: true)))
                }
                continue
            }
            // An archive's entries are inputs of their own, named `archive.zip:entry.CSV` in messages.
            var files = [(name: input, bytes: bytes)]
            if isZip(bytes) {
                guard let unzip else {
                    results.append((input, .unreadable(input, "a ZIP archive, and this reader cannot open archives", reason: "archive")))
                    continue
                }
                do {
                    files = try unzip(bytes).map { (input + ":" + $0.name, $0.bytes) }
                } catch {
                    results.append((input, .unreadable(input, "a damaged ZIP archive (\(error))", reason: "damaged archive")))
                    continue
                }
            }
            parts(files.count)
            for file in files {
                let resolved = format == .auto ? InputFormat.detect(name: file.name, head: Array(file.bytes.prefix(1 << 16))) : format
                results.append((file.name, try read(Self.reader(resolved, options: options), .array(file.bytes), file.name)))
            }
        }
        return (results, unreadable)
    }

    /// The counts of what the inputs' readers read and passed over, or the problems that stop the import.
    static func outcome(of results: [(name: String, result: ReadResult)], skipInvalid: Bool) throws(Failure) -> Outcome {
        var outcome = Outcome(dataset: Dataset.empty(), recordsRead: 0, imported: 0,
                              skippedProblems: [], skippedProblemCount: 0, skipped: ReasonCounts())
        var blocking = DiagnosticList([])
        for (_, result) in results {
            outcome.recordsRead += result.recordsRead
            if result.problemCount > 0 && (result.wholeFile || !skipInvalid) {
                blocking.append(contentsOf: result.diagnostics)
            } else {
                outcome.skippedProblems += result.problems
                outcome.skippedProblemCount += result.problemCount
                outcome.skipped.add(result.invalidByReason)
            }
            outcome.skipped.add(result.excluded)
        }
        if !blocking.isEmpty {
            let invalid = results.reduce(0) { $0 + $1.result.invalidRecords }
            var summary = "read \(outcome.recordsRead) records, \(invalid) invalid: nothing written"
            if !skipInvalid && results.allSatisfy({ !$0.result.wholeFile || $0.result.problemCount == 0 }) {
                summary += " (--skip-invalid imports the good ones)"
            }
            throw .invalid(blocking, summary: summary)
        }
        return outcome
    }
}
