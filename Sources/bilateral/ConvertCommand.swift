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
        let file = try OutputFile(path: output, inputs: source.inputs)
        let dataset = try source.load()
        let store = MemoryEventStore(timeline: Timeline(dataset: dataset))
        try file.write(validatingDataset: "converted") { emit in
            try BilateralWriter.write(store: store, selection: try store.selection(TimelineQuery()), emit: emit)
        }
        StandardError.write("wrote \(dataset.events.count) events to \(StdoutText.line(output))\n")
    }
}
