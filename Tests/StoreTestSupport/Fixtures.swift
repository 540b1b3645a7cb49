import DatasetFormats
import Foundation
import ReferenceStore
import TestSupport
import TimelineKit

/// Datasets the store tests run on: the article's 13 events, and a generated one.
public enum Fixtures {
    public static var articlePath: String { Repository.articleFixture }

    public static func article() throws -> Timeline {
        try DatasetLoader.load(path: articlePath)
    }

    public static func generated(events count: Int = 500, seed: UInt64 = 7, words: [String]? = nil, boundedDates: Bool = false) throws -> Timeline {
        try DatasetLoader.load(bytes: Array(generatedJSON(events: count, seed: seed, words: words, boundedDates: boundedDates).utf8),
                               name: "generated.json")
    }

    /// A seeded dataset: many pairs and years, non-ASCII text, unknown starts, open ends,
    /// same-day events of different precision, quotes with accented speakers, attributes.
    /// `words` replaces the vocabulary of titles, summaries and quotes. `boundedDates` gives the
    /// open ends and open starts a closing year and an unknown date instead, so that every date
    /// reaches a bounded way past its start (up to about three years: `DateReach`).
    public static func generatedJSON(events count: Int, seed: UInt64, words: [String]? = nil, boundedDates: Bool = false) -> String {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
        func quoted(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        let countries = ["RUS", "PAK", "TUR", "CHN", "USA", "IND", "DEU", "CHE", "FRA", "IRN"]
        let words = words ?? ["helicopter", "helicopters", "friendship", "friends", "Türkiye", "Zürich", "Ankara–Moskva", "talks",
                     "drill", "embargo", "Øresund", "São", "Paulo", "naïve", "Ελλάδα", "trade", "visit", "ministers", "2017"]
        let people = [("erdogan", "Recep Tayyip Erdoğan"), ("mueller", "Jürg Müller"), ("putin", "Vladimir Putin"),
                      ("khan", "Imran Khan")]
        let places: [(String, String?)] = [("Zürich", "CHE"), ("Ankara", "TUR"), ("Moskva", "RUS"), ("Open sea", nil)]
        func date() -> String {
            let year = 2010 + next(10)
            let month = 1 + next(12), day = 1 + next(28)
            let ymd = String(format: "%04d-%02d-%02d", year, month, day), ym = String(format: "%04d-%02d", year, month)
            switch next(12) {
            case 0: return "\(year)"
            case 1: return ym
            case 2: return "/\(year)"
            case 3: return boundedDates ? "\(ym)/\(year + 2)" : "\(ym)/.."
            case 4: return "\(ymd)/\(year + 1)-01-02"
            case 5: return "\(ym)~"
            case 6: return "\(ymd)/"
            case 7: return String(format: "%04d-%02d-01", year, month)
            case 8: return boundedDates ? "XXXX-XX" : "../\(ymd)"
            default: return ymd
            }
        }
        var events: [String] = []
        for index in 0..<count {
            let a = pick(countries)
            var b = pick(countries)
            while b == a { b = pick(countries) }
            var c = pick(countries)
            while c == a || c == b { c = pick(countries) }
            let participants: String
            switch next(4) {
            case 0: participants = "{\"mode\": \"mutual\", \"countries\": [\"\(a)\", \"\(b)\"]}"
            // Some targets are an actor within the country (the same seeded sequence otherwise).
            case 1: participants = "{\"mode\": \"directed\", \"from\": [\"\(a)\"], \"to\": [\"\(b)\", "
                + (index % 3 == 0 ? "{\"country\": \"\(c)\", \"actor\": \"Insurgés du Nord\"}" : "\"\(c)\"") + "]}"
            case 2: participants = "{\"mode\": \"hub\", \"hub\": \"\(a)\", \"spokes\": [\"\(b)\", \"\(c)\"]}"
            default: participants = "{\"mode\": \"directed\", \"from\": [\"\(a)\"], \"to\": [\"\(b)\"]}"
            }
            let title = (0..<3).map { _ in pick(words) }.joined(separator: " ")
            let summary = (0..<6).map { _ in pick(words) }.joined(separator: ", ")
            let place = places[next(places.count)]
            var fields = [
                "\"id\": \"e\(String(format: "%04d", (index * 7919) % 10007))\"", "\"date\": \"\(date())\"",
                "\"title\": \(quoted(title))", "\"summary\": \(quoted(summary))", "\"participants\": \(participants)",
                "\"kind\": \"\(pick(["visit", "military-exercise", "arms-trade"]))\"",
                "\"status\": \"\(pick(["occurred", "scheduled", "reported", "unconfirmed"]))\"",
                "\"tags\": [\(next(3) == 0 ? "" : "\"t\(next(5))\", \"ü-tag\"")]",
                "\"sources\": [\"s\(next(3))\"\(next(2) == 0 ? ", \"s3\"" : "")]",
                "\"people\": [\(next(2) == 0 ? "" : "\"\(pick(people).0)\"")]",
                "\"notes\": [\(next(3) == 0 ? "{\"text\": \"A note on Zürich\", \"sources\": [\"s1\"]}" : "")]",
            ]
            if next(3) > 0 {
                fields.append("\"place\": {\"name\": \(quoted(place.0))\(place.1.map { ", \"country\": \"\($0)\"" } ?? "")}")
            }
            // Attributes on every fifth event, by index, so the seeded draws above stay as they were.
            if index % 5 == 0 {
                fields.append("\"attributes\": {\"Actor\": \"Zürich \(index)\", \"GoldsteinScale\": \(Double(index % 21) - 10.5), \"NumArticles\": \(index)}")
            }
            events.append("{" + fields.joined(separator: ", ") + "}")
        }
        let ids = events.indices.map { String(format: "e%04d", ($0 * 7919) % 10007) }
        var quotes: [String] = []
        for index in 0..<(count / 8) {
            let about = (0..<(1 + next(2))).map { _ in "\"\(pick(ids))\"" }.joined(separator: ", ")
            let text = (0..<5).map { _ in pick(words) }.joined(separator: " ")
            quotes.append("{\"id\": \"q\(index)\", \"speaker\": \"\(pick(people).0)\", \"text\": \(quoted(text)), \"events\": [\(about)], \"source\": \"s\(next(4))\"\(next(2) == 0 ? ", \"context\": \"said in Zürich\"" : "")}")
        }
        let peopleJSON = people.map { "{\"id\": \"\($0.0)\", \"name\": \(quoted($0.1)), \"role\": \"Minister\"}" }
        let sources = (0..<4).map { "{\"id\": \"s\($0)\", \"publisher\": \"Publisher \($0)\"\($0 == 1 ? ", \"published\": \"2016-05~\", \"title\": \"Über\"" : "")}" }
        return """
            {"format": "bilateral-timeline/1", "title": "Generated – Türkiye", "description": "seeded",
             "people": [\(peopleJSON.joined(separator: ", "))],
             "sources": [\(sources.joined(separator: ", "))],
             "events": [\(events.joined(separator: ",\n"))],
             "quotes": [\(quotes.joined(separator: ",\n"))]}
            """
    }

    public static func create(_ path: String, _ data: some DataProtocol) throws {
        try Data(data).write(to: URL(fileURLWithPath: path))
    }

    /// A fresh temporary directory.
    public static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "sqlitestore-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
