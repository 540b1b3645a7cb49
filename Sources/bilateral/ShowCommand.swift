import ArgumentParser
import DatasetFormats
import ReferenceStore
import TimelineKit
import TimelineUI

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one event in full: dates, participants, place, status, summary, sources, notes and quotes."
    )

    @OptionGroup var dataOptions: DataOptions

    @Argument(help: ArgumentHelp("The event's id (see `bilateral list --format csv`).", valueName: "id"))
    var id: String

    @Option(name: .long, help: "Output format: table (text) or json.")
    var format: OutputFormat = .table

    func validate() throws {
        try format.requireTableOrJSON(command: "show")
    }

    func run() throws {
        let store = try dataOptions.openStore()
        guard let position = try store.position(ofEventID: id) else { throw try NotFound.event(id, in: store) }
        let event = try store.event(atPosition: position)
        if format == .json {
            try StandardOutput.write(try JSONOutput.encode(EventRecord(event)) + "\n")
            return
        }
        try StandardOutput.write(StdoutText.document(EventDetailDocument(event).lines(width: min(StdoutText.outputWidth, 100))))
    }
}
