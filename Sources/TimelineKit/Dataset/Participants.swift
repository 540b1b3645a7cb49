/// Who takes part in an event, and in which shape; the event's country pairs follow from it.
public enum Participants: Sendable, Hashable {
    /// Countries acting together, undirected (a joint drill): every pair among them.
    case mutual([Country])
    /// Some countries act toward others (a plea, a speech, a delivery): each actor with each target.
    case directed(from: [Country], to: [Country])
    /// One country with several others separately (a minister's tour): hub with each spoke only.
    case hub(Country, spokes: [Country])
    /// No countries (a TimelineJS slide about a war's start): no pairs, so a pair filter hides it.
    case none

    public var countries: [Country] {
        let all: [Country]
        switch self {
        case .mutual(let countries): all = countries
        case .directed(let from, let to): all = from + to
        case .hub(let hub, let spokes): all = [hub] + spokes
        case .none: all = []
        }
        // Most events name two or three countries: a scan of those kept is cheaper than a set's
        // hashing, and an import asks this of every event.
        if all.count <= Self.scannedCount { return all.reduce(into: []) { kept, country in if !kept.contains(country) { kept.append(country) } } }
        var seen = Set<Country>()
        return all.filter { seen.insert($0).inserted }
    }

    /// Up to this many countries or pairs, repeats are found by a scan rather than a set.
    private static let scannedCount = 16

    /// The pairs in display order (actor first, hub first, listed order), without repeats.
    public var orderedPairs: [(Country, Country)] {
        var result: [(Country, Country)] = []
        var seen = Set<CountryPair>()
        // As in `countries`: a scan while there are few, a set once there are more.
        func add(_ a: Country, _ b: Country) {
            guard a != b else { return }
            let pair = CountryPair(a, b)
            if seen.isEmpty && result.count < Self.scannedCount {
                if result.contains(where: { CountryPair($0.0, $0.1) == pair }) { return }
            } else {
                if seen.isEmpty { seen = Set(result.map { CountryPair($0.0, $0.1) }) }
                guard seen.insert(pair).inserted else { return }
            }
            result.append((a, b))
        }
        switch self {
        case .mutual(let countries):
            for i in countries.indices { for j in countries.indices where j > i { add(countries[i], countries[j]) } }
        case .directed(let from, let to):
            for a in from { for b in to { add(a, b) } }
        case .hub(let hub, let spokes):
            for spoke in spokes { add(hub, spoke) }
        case .none: break
        }
        return result
    }

    public var pairs: [CountryPair] { orderedPairs.map { CountryPair($0.0, $0.1) } }

    public var modeName: String {
        switch self {
        case .mutual: return "mutual"
        case .directed: return "directed"
        case .hub: return "hub"
        case .none: return "none"
        }
    }

    /// "RUS ↔ PAK", "IND → RUS", "PAK ⇄ CHN, TUR, RUS" with names or codes.
    public func describe(_ name: (Country) -> String) -> String {
        switch self {
        case .mutual(let countries): return countries.map(name).joined(separator: " ↔ ")
        case .directed(let from, let to):
            return from.map(name).joined(separator: ", ") + " → " + to.map(name).joined(separator: ", ")
        case .hub(let hub, let spokes):
            return name(hub) + " ↔ each of " + spokes.map(name).joined(separator: ", ")
        case .none: return "no countries"
        }
    }
}
