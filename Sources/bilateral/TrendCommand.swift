import ArgumentParser
import DatasetFormats
import Foundation
import TimelineKit

enum TrendFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, svg
}

extension TrendBucket: ExpressibleByArgument {}
extension TrendMeasure: ExpressibleByArgument {}

/// `bilateral trend [filters] [--pair A-B]... --by year|quarter|month [--measure M] --format F [-o FILE]`:
/// events per pair, time bucket and category (CAMEO quad class), from the store's rollups
/// (`EventStore.trend`), as rows for scripts or as an SVG chart to publish.
struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Count events per pair, year/quarter/month and category (CAMEO quad class); table, CSV, JSON or an SVG chart.",
        discussion: """
        Takes the filters of list. Each --pair is a series (one panel of the chart), in the order \
        given; without --pair there is one series of every event the filters select. An event counts \
        in the month of its sort day (its earliest possible day); --from and --to are taken as whole \
        months. The category is the quad class of the event's CAMEO code, else its kind's (README, \
        Trends). --measure goldstein or tone adds the mean of the events' GoldsteinScale or AvgTone \
        attributes (GDELT's) where they have one.
        """
    )

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var filters: FilterOptions

    @Option(name: .customLong("by"), help: ArgumentHelp("The time bucket: year, quarter or month.", valueName: "bucket"))
    var bucket: TrendBucket = .year

    @Option(name: .long, help: ArgumentHelp("count, goldstein or tone (the mean, where events have it).", valueName: "measure"))
    var measure: TrendMeasure = .count

    @Option(name: .long, help: "Output format: table, csv, json or svg.")
    var format: TrendFormat = .table

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let file = try output.map { try OutputFile(path: $0, inputs: dataOptions.data.map { [$0] } ?? []) }
        let store = try dataOptions.openStore()
        var pairs: [CountryPair] = []
        for text in filters.pair {
            let pair = try FilterOptions.pair(text)
            if !pairs.contains(pair) { pairs.append(pair) }
        }
        let trend = try store.trend(TrendQuery(filter: try filters.query(), pairs: pairs, bucket: bucket))
        let labels = try TrendLabels(store: store, trend: trend, filter: try filters.query())
        let text: String
        switch format {
        case .table: text = TrendRows.table(trend, labels: labels, measure: measure, width: StdoutText.outputWidth)
        case .csv: text = TrendRows.csv(trend, labels: labels)
        case .json: text = try JSONOutput.encode(TrendRows.records(trend, labels: labels)) + "\n"
        case .svg: text = TrendSVG(trend: trend, labels: labels, measure: measure, title: store.info.title,
                                  eventCount: store.info.eventCount).document()
        }
        if let file {
            try file.write { emit in try emit(text) }
        } else {
            try StandardOutput.write(text)
        }
    }
}

/// How each series is named: a pair as the dataset presents it ("RUS–PAK", "RUS-PAK" for scripts),
/// the one series of a query without pairs after its country or as "all events".
struct TrendLabels {
    /// Shown to people: "RUS–PAK" (en dash).
    var shown: [String]
    /// For scripts: "RUS-PAK", or empty for the series of a query without pairs.
    var codes: [String]
    /// Long names for the chart: "Russia – Pakistan".
    var names: [String]

    init(store: any EventStore, trend: Trend, filter: TimelineQuery) throws {
        var display: [CountryPair: (Country, Country)] = [:]
        if trend.series.contains(where: { $0.pair != nil }) {
            // The dataset's own order of the two countries; bounded by the pairs asked for.
            let wanted = Set(trend.series.compactMap(\.pair))
            for pair in wanted { if let summary = try store.summary(of: pair) { display[pair] = summary.displayOrder } }
        }
        shown = []; codes = []; names = []
        for series in trend.series {
            if let pair = series.pair {
                let (a, b) = display[pair] ?? (pair.first, pair.second)
                shown.append(PairSummary.label(a, b))
                codes.append("\(a.alpha3)-\(b.alpha3)")
                names.append("\(a.name) – \(b.name)")
            } else if let country = filter.country {
                shown.append(country.alpha3)
                codes.append("")
                names.append("Events of \(country.name)")
            } else {
                shown.append("all")
                codes.append("")
                names.append("All events")
            }
        }
    }
}

/// The trend as rows, one per series × bucket × category with events.
enum TrendRows {
    struct Record: Encodable {
        /// "RUS-PAK", or null for the series of a query without pairs.
        var pair: String?
        var bucket: String
        /// ISO day the bucket starts.
        var start: String
        var category: String
        var events: Int
        /// Means over the events that have the measure; null when none has.
        var goldstein: Double?
        var goldsteinEvents: Int
        var tone: Double?
        var toneEvents: Int

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(pair, forKey: .pair)
            try container.encode(bucket, forKey: .bucket)
            try container.encode(start, forKey: .start)
            try container.encode(category, forKey: .category)
            try container.encode(events, forKey: .events)
            try container.encode(goldstein, forKey: .goldstein)
            try container.encode(goldsteinEvents, forKey: .goldsteinEvents)
            try container.encode(tone, forKey: .tone)
            try container.encode(toneEvents, forKey: .toneEvents)
        }

        enum CodingKeys: String, CodingKey { case pair, bucket, start, category, events, goldstein, goldsteinEvents, tone, toneEvents }
    }

    static func records(_ trend: Trend, labels: TrendLabels) -> [Record] {
        var records: [Record] = []
        for (index, series) in trend.series.enumerated() {
            for cell in series.cells {
                records.append(Record(pair: labels.codes[index].isEmpty ? nil : labels.codes[index],
                                      bucket: trend.query.bucket.label(cell.bucket), start: start(cell.bucket, trend.query.bucket),
                                      category: cell.category.key, events: cell.count,
                                      goldstein: cell.value(.goldstein), goldsteinEvents: cell.goldsteinCount,
                                      tone: cell.value(.tone), toneEvents: cell.toneCount))
            }
        }
        return records
    }

    static func start(_ bucket: Int, _ size: TrendBucket) -> String {
        CivilCalendar.isoString(fromDayNumber: MonthCount.firstDay(ofMonth: size.firstMonth(ofBucket: bucket)))
    }

    static func csv(_ trend: Trend, labels: TrendLabels) -> String {
        var text = "pair,bucket,start,category,events,goldstein_mean,goldstein_events,tone_mean,tone_events\n"
        for record in records(trend, labels: labels) {
            let fields = [record.pair ?? "", record.bucket, record.start, record.category, String(record.events),
                          record.goldstein.map(number) ?? "", String(record.goldsteinEvents), record.tone.map(number) ?? "", String(record.toneEvents)]
            text += fields.map(CSVWriter.field).joined(separator: ",") + "\n"
        }
        return text
    }

    static func number(_ value: Double) -> String { AttributeValue.format(value) }

    static func table(_ trend: Trend, labels: TrendLabels, measure: TrendMeasure, width: Int) -> String {
        var headers = ["PAIR", "BUCKET", "CATEGORY", "EVENTS"]
        if measure != .count { headers.append(measure == .goldstein ? "MEAN GOLDSTEIN" : "MEAN TONE") }
        var rows: [[String]] = []
        for (index, series) in trend.series.enumerated() {
            for cell in series.cells {
                var row = [labels.shown[index], trend.query.bucket.label(cell.bucket), cell.category.name, String(cell.count)]
                if measure != .count { row.append(cell.value(measure).map { String(format: "%.2f", $0) } ?? "–") }
                rows.append(row)
            }
        }
        if rows.isEmpty { return "no events\n" }
        return Table(headers: headers, rows: rows, caps: [9, 9, 20, 6]).render(width: width)
    }
}
