import ArgumentParser
import DatasetFormats
import ReferenceStore
import TimelineKit

/// The event filters shared by `list`, `export` and the browser.
struct FilterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only events of this country pair (RUS-PAK, pk-ru, Russia–Pakistan); repeat for several.", valueName: "A-B"))
    var pair: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only events this country takes part in (code or name).", valueName: "country"))
    var country: String?

    @Option(name: .long, help: ArgumentHelp("Only events that can fall on or after this EDTF date (2016, 2017-09).", valueName: "date"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Only events that can fall on or before this EDTF date.", valueName: "date"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("Only events of this kind (military-exercise, speech, ...).", valueName: "kind"))
    var kind: String?

    @Option(name: .long, help: ArgumentHelp("Only events whose title, summary, place, quotes or speakers contain this text.", valueName: "text"))
    var search: String?

    func validate() throws {
        _ = try query()
    }

    func query() throws -> TimelineQuery {
        var query = TimelineQuery()
        for text in pair { query.pairs.insert(try Self.pair(text)) }
        if let country {
            guard let found = Country(lenient: country) else {
                throw ValidationError("--country: \(Country.unknownMessage(for: country))")
            }
            query.country = found
        }
        query.from = try from.map { try Self.date($0, option: "--from") }
        query.to = try to.map { try Self.date($0, option: "--to") }
        query.kind = kind
        query.text = search ?? ""
        return query
    }

    /// A `--pair` value; `quotes` takes one too.
    static func pair(_ text: String) throws -> CountryPair {
        do { return try CountryPair.parse(text) } catch {
            throw ValidationError("--pair: \(error.description)")
        }
    }

    private static func date(_ text: String, option: String) throws -> EDTFDate {
        do { return try EDTFDate(parsing: text) } catch {
            throw ValidationError("\(option): invalid date: \(error.message)")
        }
    }
}
