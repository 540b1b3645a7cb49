import ArgumentParser
import DatasetFormats
import ReferenceStore
import TimelineKit

struct PairsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pairs",
        abstract: "List every country pair with its event count and date span, busiest first."
    )

    @OptionGroup var dataOptions: DataOptions

    @Option(name: .long, help: "Output format: table or json.")
    var format: OutputFormat = .table

    func validate() throws {
        try format.requireTableOrJSON(command: "pairs")
    }

    func run() throws {
        let summaries = try dataOptions.openStore().allPairs()
        if format == .json {
            try StandardOutput.write(try JSONOutput.encode(summaries.map(PairRecord.init(summary:))) + "\n")
            return
        }
        let rows = summaries.map { summary -> [String] in
            let (a, b) = summary.displayOrder
            return [summary.label, String(summary.eventCount), PairSpan.text(summary), "\(a.name) – \(b.name)"]
        }
        try StandardOutput.write(Table(headers: ["PAIR", "EVENTS", "SPAN", "COUNTRIES"], rows: rows, caps: [7, 6, 30])
            .render(width: StdoutText.outputWidth))
    }
}

enum PairSpan {
    /// "Jun 2014 – Oct 2017", "2015 – ongoing".
    static func text(_ summary: PairSummary) -> String {
        guard let first = summary.firstDate.earliestDay else { return "unknown" }
        let start = monthYear(first)
        if summary.lastDay == Int.max { return start + " – ongoing" }
        let end = monthYear(summary.lastDay)
        return start == end ? start : start + " – " + end
    }

    private static func monthYear(_ day: Int) -> String {
        let (year, month, _) = CivilCalendar.civil(fromDayNumber: day)
        return "\(CivilCalendar.monthAbbreviations[month - 1]) \(EDTFPoint.yearName(year))"
    }
}
