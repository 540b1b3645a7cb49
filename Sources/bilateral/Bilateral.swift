import ArgumentParser
import TimelineKit

@main
struct Bilateral: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "bilateral",
        abstract: "Browse the history of relations between countries.",
        discussion: """
        With no subcommand, lists the timeline of the bundled dataset (Russia–Pakistan relations,
        2014–2017). Any dataset in the documented JSON format opens with --data PATH.

        Exit status: 0 success, 1 nothing found (an unknown event id), 64 bad usage,
        65 invalid dataset, 66 unreadable input.
        """,
        version: version,
        subcommands: [ListCommand.self, PairsCommand.self, ShowCommand.self, QuotesCommand.self, ValidateCommand.self],
        defaultSubcommand: ListCommand.self
    )
}
