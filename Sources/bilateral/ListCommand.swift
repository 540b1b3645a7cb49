import Foundation
import ArgumentParser
import TimelineKit
import TimelineUI

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List events in chronological order."
    )

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var filters: FilterOptions

    @Option(name: .long, help: "Output format: table, json, csv or markdown.")
    var format: OutputFormat = .table

    @Flag(name: .long, help: "Print only the number of matching events.")
    var count = false

    func run() throws {
        let timeline = try dataOptions.loadTimeline()
        let positions = timeline.positions(matching: try filters.query())
        if count {
            StandardOutput.write("\(positions.count)\n")
            return
        }
        StandardOutput.write(try EventListWriter(timeline: timeline).render(positions, format: format, width: TerminalText.outputWidth))
    }
}

/// Renders a list of events in each output format.
struct EventListWriter {
    let timeline: Timeline

    func render(_ positions: [Int32], format: OutputFormat, width: Int) throws -> String {
        let indices = positions.map { Int(timeline.order[Int($0)]) }
        switch format {
        case .json:
            return try JSONOutput.encode(indices.map { EventRecord(timeline: timeline, eventIndex: $0) }) + "\n"
        case .csv:
            var output = "id,date,date_text,pairs,kind,status,title\n"
            for index in indices {
                let event = timeline.dataset.events[index]
                let fields = [event.id, event.date.text, event.date.humanDescription, PairBadges.full(event, in: timeline),
                              event.kind, event.status.rawValue, event.title]
                output += fields.map { CSV.field(Sanitizer.line($0)) }.joined(separator: ",") + "\n"
            }
            return output
        case .markdown:
            var output = "| Date | Pairs | Kind | Status | Title | Id |\n|---|---|---|---|---|---|\n"
            for index in indices {
                let event = timeline.dataset.events[index]
                let fields = [event.date.humanDescription, PairBadges.full(event, in: timeline), event.kind,
                              event.status.rawValue, event.title, "`\(event.id)`"]
                output += "| " + fields.map { Markdown.cell(Sanitizer.line($0)) }.joined(separator: " | ") + " |\n"
            }
            return output
        case .table:
            let rows = indices.map { index -> [String] in
                let event = timeline.dataset.events[index]
                // Only the unusual statuses are spelled out, so the title keeps its room.
                let status = event.status == .occurred ? "" : "[\(event.status.rawValue)] "
                return [event.date.shortDescription, PairBadges.compact(event, in: timeline, width: 16), status + event.title]
            }
            return Table(headers: ["DATE", "PAIRS", "TITLE"], rows: rows, caps: [22, 16]).render(width: width)
        }
    }
}

enum CSV {
    /// RFC 4180: quote fields with commas, quotes or line breaks; double the quotes.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

enum Markdown {
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
    }
}
