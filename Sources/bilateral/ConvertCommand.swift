import ArgumentParser
import DatasetFormats
import Foundation
import ReferenceStore
import TimelineKit

/// `bilateral convert INPUT... -o OUT.json`: files in any input format, one dataset in our JSON
/// format out, checked by our own loader before it replaces anything.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert files in any input format into one dataset in our JSON format.",
        discussion: """
        Reads like import (the same --format, --map and --skip-invalid, the same problems and \
        summary line) and writes our JSON format instead of a store. The output is validated before \
        it is renamed into place.
        """
    )

    @OptionGroup var source: ImportInputs

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The JSON file to write.", valueName: "out"))
    var output: String

    func run() throws {
        let dataset = try source.load()
        let store = MemoryEventStore(timeline: Timeline(dataset: dataset))
        var bytes: [UInt8] = []
        try BilateralWriter.write(store: store, selection: try store.selection(TimelineQuery())) { bytes.append(contentsOf: $0.utf8) }
        do {
            _ = try DatasetLoader.decode(bytes: bytes, name: output)
        } catch {
            // A bug of ours, not the input's: say so rather than write a file `validate` rejects.
            DiagnosticPrinter.print(error.diagnostics)
            StandardError.write("bilateral: internal error: the converted dataset does not validate; nothing written\n")
            throw ExitCode(70)
        }
        try OutputFile.write(bytes, to: output)
        StandardError.write("wrote \(dataset.events.count) events to \(StdoutText.line(output))\n")
    }
}

/// Writes a whole file through a temporary file beside it, renamed into place when complete.
enum OutputFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            StandardError.write("bilateral: cannot write \(StdoutText.line(path))\n")
            throw ExitCode(73)
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            StandardError.write("bilateral: cannot write \(StdoutText.line(path)): \(String(cString: strerror(errno)))\n")
            throw ExitCode(73)
        }
    }
}
