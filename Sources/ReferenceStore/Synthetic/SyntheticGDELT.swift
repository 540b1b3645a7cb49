import DatasetFormats
import TimelineKit

/// Seeded GDELT 2.0 event rows (61 tab-separated columns) for the import benchmark and scale tests:
/// the same seed writes the same bytes. Most rows are bilateral; some have a regional actor code, a
/// missing actor or one country on both sides, as real exports do.
public struct SyntheticGDELT {
    private var random: SplitMix64

    public init(seed: UInt64) { random = SplitMix64(seed: seed) }

    private mutating func below(_ bound: Int) -> Int { random.below(bound) }

    static let actors = ["USA", "RUS", "CHN", "UKR", "ISR", "PSE", "IRN", "GBR", "FRA", "DEU", "TUR", "SAU", "EGY", "IND", "PAK",
                         "JPN", "KOR", "PRK", "SYR", "IRQ", "AFR", "EUR", "WST", ""]
    static let names = ["UNITED STATES", "RUSSIA", "CHINA", "UKRAINE", "ISRAEL", "PALESTINE", "IRAN", "UNITED KINGDOM", "FRANCE",
                        "GERMANY", "TURKEY", "SAUDI ARABIA", "EGYPT", "INDIA", "PAKISTAN", "JAPAN", "SOUTH KOREA", "NORTH KOREA",
                        "SYRIA", "IRAQ", "AFRICA", "EUROPE", "WEST", ""]
    static let codes = ["010", "020", "0231", "036", "040", "042", "043", "051", "057", "061", "070", "090", "100", "111", "112",
                        "120", "130", "138", "141", "160", "163", "172", "173", "180", "190", "193", "195"]
    static let fips = ["US", "RS", "CH", "UP", "IS", "IR", "UK", "FR", "GM", "TU", "SA", "EG", "IN", "PK"]

    /// Writes `count` rows, a chunk at a time.
    public mutating func write(rows count: Int, to emit: (String) throws -> Void) rethrows {
        var chunk = ""
        chunk.reserveCapacity(1 << 20)
        for row in 0..<count {
            let a = below(Self.actors.count), b = below(Self.actors.count)
            let code = Self.codes[below(Self.codes.count)]
            let day = CivilCalendar.dayNumber(year: 2015, month: 1, day: 1) + below(3650)
            let iso = CivilCalendar.isoString(fromDayNumber: day)
            let date = iso.split(separator: "-").joined()
            let geo = below(Self.fips.count)
            let fields: [String] = [
                String(400_000_000 + row), date, String(date.prefix(6)), String(date.prefix(4)), "\(date.prefix(4)).\(below(999))",
                Self.actors[a], Self.names[a], Self.actors[a], "", "", "", "", "GOV", "", "",
                Self.actors[b], Self.names[b], Self.actors[b], "", "", "", "", "", "", "",
                below(2) == 0 ? "1" : "0", code, String(code.prefix(3)), String(code.prefix(2)), String(1 + below(4)),
                String(Double(below(201) - 100) / 10), String(1 + below(50)), String(1 + below(5)), String(1 + below(50)),
                String(Double(below(2001) - 1000) / 100),
                "1", Self.names[a], Self.fips[geo], "", "", "33.1", "44.2", "123",
                "1", Self.names[b], Self.fips[geo], "", "", "33.1", "44.2", "123",
                "4", "Capital, \(Self.fips[geo])", Self.fips[geo], "\(Self.fips[geo])01", "", String(Double(below(18000) - 9000) / 100),
                String(Double(below(36000) - 18000) / 100), "-\(below(9_000_000))",
                date + String(format6(below(240_000))), "https://news.example/\(below(count / 20 + 1))/story-\(row)",
            ]
            chunk += fields.joined(separator: "\t") + "\n"
            if chunk.utf8.count >= 1 << 20 { try emit(chunk); chunk.removeAll(keepingCapacity: true) }
        }
        try emit(chunk)
    }

    private func format6(_ value: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
