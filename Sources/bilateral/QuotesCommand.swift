import ArgumentParser
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
        if let pair { do { _ = try CountryPair.parse(pair) } catch { throw ValidationError("--pair: \(error.description)") } }
        guard format == .table || format == .json else { throw ValidationError("quotes supports --format table or json") }
    }

    func run() throws {
        let timeline = try dataOptions.loadTimeline()
        let dataset = timeline.dataset
        var eventFilter: Int?
        if let event {
            guard let index = timeline.eventIndexByID[event] else { throw NotFound.event(event, in: timeline) }
            eventFilter = index
        }
        let pairFilter = try pair.map { try CountryPair.parse($0) }
        let speakerNeedle = speaker?.lowercased()
        let matching = dataset.quotes.indices.filter { index in
            let quote = dataset.quotes[index]
            if let speakerNeedle {
                let person = dataset.people[quote.speaker]
                guard person.id.lowercased() == speakerNeedle || person.name.lowercased().contains(speakerNeedle) else { return false }
            }
            if let eventFilter, !quote.events.contains(eventFilter) { return false }
            if let pairFilter, !quote.events.contains(where: { dataset.events[$0].participants.pairs.contains(pairFilter) }) { return false }
            return true
        }
        if format == .json {
            StandardOutput.write(try JSONOutput.encode(matching.map { QuoteRecord(timeline: timeline, quoteIndex: $0) }) + "\n")
            return
        }
        let width = TerminalText.outputWidth
        var output = ""
        for index in matching {
            let quote = dataset.quotes[index]
            let person = dataset.people[quote.speaker]
            output += TextWrap.wrap("“" + Sanitizer.paragraph(quote.text) + "”", width: width - 2).map { "  " + $0 }.joined(separator: "\n") + "\n"
            var who = "— " + person.name
            if let affiliation = person.affiliation { who += ", " + affiliation }
            output += TextWrap.wrap(Sanitizer.line(who), width: width - 4).map { "    " + $0 }.joined(separator: "\n") + "\n"
            let about = quote.events.map { dataset.events[$0] }.map { "\($0.title) (\($0.date.humanDescription))" }
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

enum NotFound {
    /// "no event 'frendship-2017'; did you mean 'friendship-2017'?" with exit status 1.
    static func event(_ id: String, in timeline: Timeline) -> ExitCode {
        var message = "no event '\(TerminalText.line(id))'"
        if let guess = EditDistance.closest(to: id, in: timeline.eventIndexByID.keys) { message += "; did you mean '\(guess)'?" }
        StandardError.write("bilateral: \(message)\n")
        return ExitCode(1)
    }
}
