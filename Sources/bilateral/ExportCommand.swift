import ArgumentParser
import DatasetFormats
import Foundation
import ReferenceStore
import TimelineKit

enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case bilateral, jsonl, timelinejs, csv
}

/// `bilateral export [filters] --format F -o FILE`: the events `list` would show, in a file format.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the events that list would show to a file: our JSON, JSON Lines, TimelineJS or CSV.",
        discussion: """
        Takes the same filters as list. Our JSON and JSON Lines carry everything (with the sources, \
        people and quotes the events refer to) and import back to the same events; TimelineJS opens \
        in the TimelineJS viewer; CSV reads back with --map of its column names.
        """
    )

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var filters: FilterOptions

    @Option(name: .long, help: ArgumentHelp("bilateral (our JSON), jsonl, timelinejs or csv.", valueName: "format"))
    var format: ExportFormat

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The file to write.", valueName: "file"))
    var output: String

    func run() throws {
        let file = try OutputFile(path: output, inputs: dataOptions.data.map { [$0] } ?? [])
        let store = try dataOptions.openStore()
        let selection = try store.selection(try filters.query())
        var skipped = 0
        try file.write(validatingDataset: format == .bilateral ? "exported" : nil) { emit in
            switch format {
            case .bilateral: try BilateralWriter.write(store: store, selection: selection, emit: emit)
            case .jsonl: try JSONLinesWriter.write(store: store, selection: selection, emit: emit)
            case .timelinejs: skipped = try TimelineJSWriter.write(store: store, selection: selection, emit: emit)
            case .csv: try CSVWriter.write(store: store, selection: selection, emit: emit)
            }
        }
        var line = "exported \(selection.count - skipped) events to \(StdoutText.line(output))"
        if skipped > 0 { line += " (\(skipped) of a date not known at all have no TimelineJS slide)" }
        StandardError.write(line + "\n")
    }
}
