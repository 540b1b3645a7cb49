import TimelineKit

/// Our own JSON format, checked whole as `validate` checks it: its records refer to each other by
/// id, so a bad record fails the file even with `--skip-invalid`.
struct BilateralReader: DatasetReader {
    func read(_ bytes: [UInt8], name: String) -> ReadResult {
        do {
            let dataset = try DatasetLoader.decode(bytes: bytes, name: name)
            return ReadResult(dataset: dataset, recordsRead: dataset.events.count)
        } catch {
            return ReadResult(dataset: Dataset.empty(title: name),
                              recordsRead: 0, problems: error.diagnostics.map { RecordProblem($0, reason: "invalid dataset") },
                              wholeFile: true)
        }
    }
}
