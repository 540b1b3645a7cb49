import TimelineKit

/// An input file's bytes as its reader gets them: read whole into memory, or mapped. A JSON Lines
/// file is mapped (`DatasetImport.mappedLines`): its reader takes a line at a time and gives the
/// pages back as it goes, so neither the file nor its events sit whole in memory, and it may be
/// larger than the limit for a file read whole.
enum InputBytes {
    case array([UInt8])
    case mapped(MappedFile)

    /// The reader's result with its events.
    func read(with reader: any DatasetReader, name: String) -> ReadResult {
        switch self {
        case .array(let bytes): return reader.read(bytes, name: name)
        case .mapped: return reader.collecting(self, name: name)
        }
    }

    /// The reader's events handed to `event` as they are read (`DatasetReader.stream`).
    func stream(with reader: any DatasetReader, name: String, events event: (Event) throws -> Void) rethrows -> ReadResult {
        switch self {
        case .array(let bytes):
            return try reader.stream(bytes, name: name, events: event)
        case .mapped(let file):
            guard let lines = reader as? JSONLinesReader else { return try reader.stream(Array(file.buffer), name: name, events: event) }
            return try withExtendedLifetime(file) {
                try lines.stream(buffer: file.buffer, name: name, release: file.release(upTo:), events: event)
            }
        }
    }
}

extension DatasetReader {
    /// `read` of mapped bytes: the streamed events collected.
    fileprivate func collecting(_ bytes: InputBytes, name: String) -> ReadResult {
        var events: [Event] = []
        var result = bytes.stream(with: self, name: name) { events.append($0) }
        result.dataset.events = events
        return result
    }
}
