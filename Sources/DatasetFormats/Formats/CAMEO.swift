import Foundation
import TimelineKit

/// CAMEO event codes and FIPS 10-4 country codes, parsed once from the reference tables in `data/reference/`.
struct CAMEO: Sendable {
    static let shared = CAMEO()

    /// Code → name: "02" → "APPEAL", "020" → "Make an appeal or request, not specified below".
    let names: [String: String]
    /// FIPS 10-4 → our country ("EG" → EGY).
    let fips: [String: Country]
    /// Code → quad class (1 verbal cooperation ... 4 material conflict), the table's `quad_class`.
    let quadClasses: [String: Int]

    private init() {
        var names: [String: String] = [:]
        var quadClasses: [String: Int] = [:]
        let table = TabSeparatedTable(GDELTTables.cameo)
        let quadColumn = table.columns.firstIndex(of: "quad_class")!
        for fields in table.rows {
            names[fields[0]] = Self.corrected(fields[1])
            quadClasses[fields[0]] = Int(fields[quadColumn])
        }
        self.names = names
        self.quadClasses = quadClasses
        var fips: [String: Country] = [:]
        for fields in TabSeparatedTable(GDELTTables.fips).rows {
            if let country = Country(alpha3: fields[1]) { fips[fields[0]] = country }
        }
        self.fips = fips
    }

    /// The reference table splits "Threaten" in 18 names ("Threate n with sanctions, boycott, embargo"),
    /// a trace of its extraction from the codebook; GDELT's own CAMEO.eventcodes.txt and the codebook
    /// spell it whole, and these names become event titles.
    static func corrected(_ name: String) -> String {
        name.replacingOccurrences(of: "Threate n", with: "Threaten")
    }

    /// The event's name for a title: "Make an appeal or request" (without "not specified below"),
    /// from the most specific code known; nil when no code is known.
    func eventName(code: String, root: String) -> String? {
        for candidate in [code, String(code.prefix(3)), root] {
            guard let name = names[candidate] else { continue }
            if candidate.count == 2 { return name.prefix(1) + name.dropFirst().lowercased() }
            var text = Substring(name)
            for suffix in [", not specified below", ", not specified"] where text.hasSuffix(suffix) { text = text.dropLast(suffix.count) }
            return String(text)
        }
        return nil
    }

    /// The kind of a root code: its name as a kind ("02" APPEAL → "appeal", "19" FIGHT → "fight").
    func kind(root: String) -> String? { names[root].flatMap(ImportText.kind) }
}
