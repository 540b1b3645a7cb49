import TimelineKit

/// A small dataset shaped for the paging tests: pairs of known, distinct busyness (including
/// accented country names: Côte d'Ivoire, Türkiye), people of whom one is never quoted, a speaker
/// whose name sorts first but is quoted least, runs of one speaker's quotes, and one quote far
/// longer than any pane.
public enum PagingDataset {
    /// Pairs, busiest first: the first has 9 events, the next 8, and so on.
    public static let pairs = ["CIV-FRA", "TUR-RUS", "RUS-PAK", "USA-PAK", "RUS-USA", "TUR-CIV", "PAK-IND", "FRA-DEU", "CHE-DEU"]
    public static let people = [
        Person(id: "putin", name: "Vladimir Putin"),
        Person(id: "alander", name: "Zoë Ålander", affiliation: "Åbo Akademi"),
        Person(id: "silent", name: "Nobody Quoted"),
        Person(id: "khan", name: "Imran Khan"),
        Person(id: "akhan", name: "Aamir Khan"),
    ]
    /// Quote speakers in dataset order (indices into `people`), and which quote is the long one.
    public static let speakers = [0, 1, 0, 3, 1, 0, 3, 4, 0, 1, 3, 0]
    public static let longQuote = 4

    public static func make() -> Dataset {
        var events: [Event] = []
        for (rank, text) in pairs.enumerated() {
            let codes = text.split(separator: "-").map { Country(alpha3: String($0))! }
            for index in 0..<(pairs.count - rank) {
                let year = 2000 + (rank * 3 + index * 2) % 20
                let date = try! EDTFDate(parsing: String(format: "%04d-%02d-%02d", year, 1 + (index * 5) % 12, 1 + rank))
                events.append(Event(id: "e-\(rank)-\(index)", date: date, title: "\(text) event \(index) talks",
                                    summary: "about \(text)", participants: .mutual(codes), kind: "statement", status: .occurred,
                                    tags: [], sources: [0], people: [], notes: []))
            }
        }
        let quotes = speakers.enumerated().map { index, speaker -> Quote in
            let text = index == longQuote
                ? (0..<300).map { "word\($0 % 17)" }.joined(separator: " ") + " finale"
                : "Quote \(index) on helicopters and friendship number \(index)"
            return Quote(id: "q\(index)", speaker: speaker, text: text, context: index % 3 == 0 ? "said at a press conference" : nil,
                         events: index % 2 == 0 ? [index, index + 20] : [index], source: 0)
        }
        return Dataset(title: "Paging", description: "shaped for paging tests", people: people,
                       sources: [Source(id: "s", publisher: "Press")], events: events, quotes: quotes)
    }
}
