import ArgumentParser
import DatasetFormats
import ReferenceStore
import TimelineKit
import TimelineUI

struct QuotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "List quotes, with who said them and the events they are about."
    )

    @OptionGroup var dataOptions: DataOptions

    @Option(name: .long, help: ArgumentHelp("Only quotes by this person (id or part of the name).", valueName: "name"))
    var speaker: String?

    @Option(name: .long, help: ArgumentHelp("Only quotes about events of this pair.", valueName: "A-B"))
    var pair: String?

    @Option(name: .long, help: ArgumentHelp("Only quotes about this event.", valueName: "id"))
    var event: String?

    @Option(name: .long, help: "Output format: table (text) or json.")
    var format: OutputFormat = .table

    func validate() throws {
        if let pair { _ = try FilterOptions.pair(pair) }
        try format.requireTableOrJSON(command: "quotes")
    }

    func run() throws {
        let store = try dataOptions.openStore()
        if let event, try store.position(ofEventID: event) == nil { throw try NotFound.event(event, in: store) }
        let matching = try store.quotes(QuoteQuery(speaker: speaker, pair: try pair.map(FilterOptions.pair), eventID: event))
        if format == .json {
            try StandardOutput.write(try JSONOutput.encode(matching.map(QuoteRecord.init)) + "\n")
            return
        }
        // The quote pane's document, so a quote reads the same in the browser and in a script.
        let width = StdoutText.outputWidth
        if matching.isEmpty { StandardError.write("no quotes match\n") }
        try StandardOutput.write(StdoutText.document(matching.flatMap { QuoteDocument.lines($0, width: width, showEvents: true) }))
    }
}
