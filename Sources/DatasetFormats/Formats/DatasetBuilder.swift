import Foundation
import TimelineKit

/// Builds a `Dataset` from flat records (table rows, GDELT events): one source per distinct URL,
/// the input file itself as the source of a record that names none (every event must cite one),
/// and ids that stay unique within the file and, prefixed with its name, across inputs.
struct DatasetBuilder {
    let name: String
    /// The file's name made safe for ids: "events-2024.csv" → "events-2024".
    let prefix: String
    private(set) var sources: [Source] = []
    private var sourceByURL: [String: Int] = [:]
    private var fileSource: Int?
    /// The ids of the events read, for duplicates: the events themselves go to the reader's caller.
    /// Compact (`IDTable`), as it holds every id of a file that may hold millions of events.
    private var eventIDs = IDTable()

    init(name: String) {
        self.name = name
        let base = (name as NSString).lastPathComponent
        let stem = base.split(separator: ".").first.map(String.init) ?? base
        prefix = ImportText.identifier(stem.isEmpty ? "input" : stem)
    }

    /// The source for a URL (one per distinct URL), or the file when there is no usable URL.
    mutating func source(url: String?, publisher: String? = nil, title: String? = nil) -> Int {
        guard var url, !url.isEmpty else { return fileSourceIndex() }
        if url.first!.isWhitespace || url.last!.isWhitespace { url = url.trimmingWhitespace() }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else { return fileSourceIndex() }
        if let index = sourceByURL[url] { return index }
        let host = Self.host(url)
        sources.append(Source(id: "\(prefix).s\(sources.count + 1)", title: title, publisher: publisher ?? host ?? url, url: url))
        sourceByURL[url] = sources.count - 1
        return sources.count - 1
    }

    /// A source without a URL, one per distinct publisher (ICEWS names the publisher only).
    mutating func source(publisher: String) -> Int {
        let key = "publisher:" + publisher
        if let index = sourceByURL[key] { return index }
        sources.append(Source(id: "\(prefix).s\(sources.count + 1)", publisher: publisher))
        sourceByURL[key] = sources.count - 1
        return sources.count - 1
    }

    /// "https://www.example.org:8080/a" → "example.org": by hand, as Foundation's URL parsing costs
    /// more than the rest of a GDELT row.
    static func host(_ url: String) -> String? {
        let bytes = url.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
              bytes[colon...].starts(with: "://".utf8) else { return nil }
        var host = bytes[bytes.index(colon, offsetBy: 3)...].prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?")
            && $0 != UInt8(ascii: "#") && $0 != UInt8(ascii: ":") }
        if let at = host.lastIndex(of: UInt8(ascii: "@")) { host = host[host.index(after: at)...] }
        if host.starts(with: "www.".utf8) { host = host.dropFirst(4) }
        return host.isEmpty ? nil : String(Substring(host))
    }

    mutating func fileSourceIndex() -> Int {
        if let fileSource { return fileSource }
        sources.append(Source(id: "\(prefix).file", publisher: (name as NSString).lastPathComponent,
                              note: "The imported file; its records name no source of their own."))
        fileSource = sources.count - 1
        return sources.count - 1
    }

    /// Claims the event's id; false means a duplicate id (the event is then not handed on).
    mutating func claim(_ event: Event) -> Bool {
        eventIDs.insert(event.id, index: 0) == nil
    }

    /// The sources and title; the events went to the reader's caller as they were read.
    func dataset(title: String, description: String = "") -> Dataset {
        Dataset(title: title, description: description, people: [], sources: sources, events: [], quotes: [])
    }
}

/// Text clean-up shared by the readers: ids, kinds, countries from codes or names.
enum ImportText {
    /// The actor a row names for a country (GDELT's Actor1Name, ICEWS's Source Name), unless the
    /// name is empty or only the country's own name ("UNITED STATES" for USA says nothing more).
    static func actor(_ name: String, of country: Country) -> CountryActor? {
        let trimmed = name.trimmingWhitespace()
        guard !trimmed.isEmpty, Country(lenient: trimmed) != country else { return nil }
        return CountryActor(country: country, name: trimmed)
    }

    /// Our id alphabet (ASCII letters, digits, `-_.:`); anything else becomes `-`.
    static func identifier(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            let allowed = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "-_.:".unicodeScalars.contains(scalar))
            return allowed ? Character(scalar) : "-"
        })
    }

    /// A kind from free text: "Make an appeal or request" → "make-an-appeal-or-request"; nil when
    /// nothing usable is left.
    static func kind(_ text: String) -> String? {
        var out = ""
        var dash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII && (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)) {
                if dash && !out.isEmpty { out += "-" }
                out.unicodeScalars.append(scalar)
                dash = false
            } else {
                dash = true
            }
        }
        guard let first = out.unicodeScalars.first, ("a"..."z").contains(first) else { return out.isEmpty ? nil : "k-" + out }
        return out
    }

    /// A country from an alpha-3 or alpha-2 code or a name, as people write them in tables.
    static func country(_ text: String) -> Country? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return Country(alpha3: trimmed) ?? Country(lenient: trimmed)
    }
}
