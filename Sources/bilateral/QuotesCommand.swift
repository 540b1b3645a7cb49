import ArgumentParser
import DatasetFormats
import ReferenceStore
import TerminalText
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
            StandardOutput.write(try JSONOutput.encode(matching.map(QuoteRecord.init)) + "\n")
            return
        }
        let width = StdoutText.outputWidth
        var output = ""
        for quote in matching {
            let person = quote.speaker
            output += TextWrap.wrap("“" + Sanitizer.paragraph(quote.text) + "”", width: width - 2).map { "  " + $0 }.joined(separator: "\n") + "\n"
            var who = "— " + person.name
            if let affiliation = person.affiliation { who += ", " + affiliation }
            output += TextWrap.wrap(Sanitizer.line(who), width: width - 4).map { "    " + $0 }.joined(separator: "\n") + "\n"
            let about = quote.events.map { "\($0.title) (\($0.date.humanDescription))" }
            if !about.isEmpty {
                output += TextWrap.wrap(Sanitizer.line("about: " + about.joined(separator: "; ")), width: width - 4)
                    .map { "    " + $0 }.joined(separator: "\n") + "\n"
            }
            output += "\n"
        }
        if matching.isEmpty { StandardError.write("no quotes match\n") }
        StandardOutput.write(output)
    }
}
