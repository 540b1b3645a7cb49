import ArgumentParser
import PostgresStore
import TimelineKit

/// `bilateral datasets --data postgresql://…/db`: the datasets of a PostgreSQL database (each a
/// schema), with their counts and spans.
struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "List the datasets of a PostgreSQL database with their event counts and spans."
    )

    @Option(name: .long, help: ArgumentHelp("The database: postgresql://user@host:port/db (a ?dataset= is ignored).", valueName: "address"))
    var data: String

    func validate() throws {
        guard PostgresAddress.isAddress(data) else {
            throw ValidationError("--data must be a postgresql:// address (a store file holds one dataset)")
        }
    }

    func run() throws {
        let entries = try PostgresCatalog.datasets(at: try DataOptions.postgresAddress(data))
        let rows = entries.map { entry -> [String] in
            [entry.name, String(entry.eventCount), String(entry.quoteCount), Self.span(entry), entry.title]
        }
        try StandardOutput.write(Table(headers: ["DATASET", "EVENTS", "QUOTES", "SPAN", "TITLE"], rows: rows, caps: [40, 10, 10, 30])
            .render(width: StdoutText.outputWidth))
    }

    /// "1914-07-28 – 2017-09-25" from the first and last known days.
    static func span(_ entry: PostgresCatalog.Entry) -> String {
        guard let first = entry.firstDay, let last = entry.lastDay else { return "unknown" }
        func day(_ number: Int) -> String {
            let (year, month, day) = CivilCalendar.civil(fromDayNumber: number)
            return "\(EDTFPoint.yearName(year))-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        }
        return day(first) + " – " + day(last)
    }
}
