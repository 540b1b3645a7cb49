import ArgumentParser
import DatasetFormats
import Foundation
import ReferenceStore
import TerminalText
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
        let store = try dataOptions.openStore()
        let query = try filters.query()
        if count {
            try StandardOutput.write("\(try Self.count(store, query))\n")
            return
        }
        let events = try store.selection(query)
        try EventListWriter(store: store).write(events, format: format, width: StdoutText.outputWidth)
    }

    /// How many events `query` selects. A search with no date or kind filter is counted as the
    /// browser counts it, over the selection without the words (`matchCount`): one word is one
    /// lookup in the index's tally, where selecting its matches first reads every one of them.
    static func count(_ store: any EventStore, _ query: TimelineQuery) throws -> Int {
        let search = SearchText(query.text)
        guard !search.isEmpty, query.from == nil, query.to == nil, query.kind == nil else { return try store.selection(query).count }
        var members = query
        members.text = ""
        return try store.selection(members).matchCount(search)
    }
}

/// Writes a selection in each output format, a page of rows at a time, so a million events
/// never stand in memory at once (the table, which sizes its columns to the rows, excepted).
struct EventListWriter {
    let store: any EventStore
    static let pageSize = 2_000

    func write(_ events: any EventSelection, format: OutputFormat, width: Int) throws {
        switch format {
        case .json:
            // A JSON array streamed a page at a time, each record the text the encoder gives for
            // it (as `show --format json` prints it), indented one level.
            try StandardOutput.write("[")
            var first = true
            var json = EventJSON(margin: "  ")
            try forEachDetailPage(events) { page in
                json.removeAll()
                for event in page {
                    json.append(raw: first ? "\n  " : ",\n  ")
                    first = false
                    let record = EventRecord(event)
                    if !json.append(record) {
                        // Only the encoder's error is wanted here (a number that is not finite).
                        json.append(raw: try JSONOutput.encode(record).replacingOccurrences(of: "\n", with: "\n  "))
                    }
                }
                try StandardOutput.write(json.bytes)
            }
            try StandardOutput.write(first ? "]\n" : "\n]\n")
        case .csv:
            try StandardOutput.write("id,date,date_text,pairs,kind,status,title\n")
            try forEachPage(events) { rows in
                try StandardOutput.write(rows.map { row in
                    [row.id, row.date.text, row.date.humanDescription, PairBadges.full(row.pairLabels), row.kind,
                     row.status.rawValue, row.title].map { CSVWriter.field(Sanitizer.line($0)) }.joined(separator: ",") + "\n"
                }.joined())
            }
        case .markdown:
            try StandardOutput.write("| Date | Pairs | Kind | Status | Title | Id |\n|---|---|---|---|---|---|\n")
            try forEachPage(events) { rows in
                try StandardOutput.write(rows.map { row in
                    "| " + [row.date.humanDescription, PairBadges.full(row.pairLabels), row.kind, row.status.rawValue, row.title,
                            "`\(row.id)`"].map { Markdown.cell(Sanitizer.line($0)) }.joined(separator: " | ") + " |\n"
                }.joined())
            }
        case .table:
            var rows: [[String]] = []
            try forEachPage(events) { page in
                rows += page.map { row in
                    // Only the unusual statuses are spelled out, so the title keeps its room.
                    let status = row.status == .occurred ? "" : "[\(row.status.rawValue)] "
                    return [row.date.shortDescription, PairBadges.compact(row.pairLabels, width: 16), status + row.title]
                }
            }
            try StandardOutput.write(Table(headers: ["DATE", "PAIRS", "TITLE"], rows: rows, caps: [22, 16]).render(width: width))
        }
    }

    /// Pages of events in full, each read on another thread while `body` writes the one before:
    /// reading and writing a long list overlap.
    private func forEachDetailPage(_ events: any EventSelection, _ body: ([EventDetail]) throws -> Void) throws {
        let pages = stride(from: 0, to: events.count, by: Self.pageSize).map { $0..<min(events.count, $0 + Self.pageSize) }
        guard let firstPage = pages.first else { return }
        let read: @Sendable (Range<Int>) throws -> [EventDetail] = { [store] range in try store.events(in: events, at: range) }
        var next = Prefetch(firstPage, read)
        for index in pages.indices {
            let page = try next.value()
            if index + 1 < pages.count { next = Prefetch(pages[index + 1], read) }
            try body(page)
        }
    }

    private func forEachPage(_ events: any EventSelection, _ body: ([EventRow]) throws -> Void) throws {
        var start = 0
        while start < events.count {
            let end = min(events.count, start + Self.pageSize)
            try body(try events.rows(start..<end))
            start = end
        }
    }
}

enum Markdown {
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
    }
}

/// A value computed on a global queue from the moment it is made; `value()` waits for it.
private final class Prefetch<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once on the queue before `done` is signalled, read after the wait.
    private var result: Result<Value, any Error>?

    init<Input: Sendable>(_ input: Input, _ compute: @escaping @Sendable (Input) throws -> Value) {
        DispatchQueue.global().async { [self] in
            result = Result { try compute(input) }
            done.signal()
        }
    }

    func value() throws -> Value {
        done.wait()
        return try result!.get()
    }
}
