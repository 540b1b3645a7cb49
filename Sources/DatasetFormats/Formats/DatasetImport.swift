import TimelineKit

/// `bilateral import` and `convert` up to the dataset: read each input with its format's reader,
/// decide what to do with bad records, merge, and say what happened in one summary line.
public enum DatasetImport {
    public struct Outcome: Sendable {
        public var dataset: Dataset
        public var recordsRead: Int
        /// Bad records passed over (only with `skipInvalid`), each with where and why: the first
        /// ones of each input (`DiagnosticList.keptLimit`), in file order.
        public var skippedProblems: [RecordProblem]
        /// Every problem passed over, kept or not.
        public var skippedProblemCount: Int
        /// Skipped by reason: the bad records by their first problem, and records left out by design.
        public var skipped: ReasonCounts

        /// "read 10 records, imported 7, skipped 3 (2 not bilateral, 1 bad date)".
        public var summary: String {
            var line = "read \(recordsRead) \(recordsRead == 1 ? "record" : "records"), imported \(dataset.events.count), skipped \(skipped.total)"
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

    public static func run(inputs: [String], format: InputFormat, options: ImportOptions = ImportOptions(),
                           skipInvalid: Bool = false, unzip: Unzip? = nil) throws(Failure) -> Outcome {
        var results: [(name: String, result: ReadResult)] = []
        var unreadable: [Diagnostic] = []
        for input in inputs {
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
            for file in files {
                let resolved = format == .auto ? InputFormat.detect(name: file.name, head: Array(file.bytes.prefix(1 << 16))) : format
                results.append((file.name, Self.reader(resolved, options: options).read(file.bytes, name: file.name)))
            }
        }
        if !unreadable.isEmpty { throw .unreadable(unreadable) }

        var outcome = Outcome(dataset: Dataset.empty(),
                              recordsRead: 0, skippedProblems: [], skippedProblemCount: 0, skipped: ReasonCounts())
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
        do {
            outcome.dataset = try DatasetMerge.merge(results.map { ($0.name, $0.result.dataset) })
        } catch {
            throw .conflict(error.description, summary: "read \(outcome.recordsRead) records: nothing written")
        }
        return outcome
    }
}
