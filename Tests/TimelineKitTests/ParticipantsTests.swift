import Testing
import TimelineKit

/// An event's countries and pairs: each once, in the order they are listed, whether there are a few
/// (found by a scan) or many (found with a set).
@Suite struct ParticipantsTests {
    static let countries = Array(Country.all.prefix(40))

    /// What `orderedPairs` must give: every (a, b) of `candidates` in order, skipping a country with
    /// itself and a pair already given either way round.
    static func expectedPairs(_ candidates: [(Country, Country)]) -> [[Country]] {
        var seen = Set<CountryPair>()
        return candidates.filter { $0.0 != $0.1 && seen.insert(CountryPair($0.0, $0.1)).inserted }.map { [$0.0, $0.1] }
    }

    @Test(arguments: [3, 16, 17, 40])
    func countriesAreEachListedOnceInOrder(count: Int) {
        let listed = Array(Self.countries.prefix(count))
        // Every country again, backwards, after the first listing: none may come twice.
        let participants = Participants.directed(from: listed, to: listed.reversed())
        #expect(participants.countries == listed)
        #expect(Participants.hub(listed[1], spokes: listed).countries == [listed[1]] + listed.filter { $0 != listed[1] })
        #expect(Participants.mutual(listed).countries == listed)
    }

    @Test(arguments: [2, 5, 6, 7, 30])
    func pairsAreEachGivenOnceInOrder(count: Int) {
        let listed = Array(Self.countries.prefix(count))
        let mutual = Participants.mutual(listed + [listed[0]])
        var candidates: [(Country, Country)] = []
        let all = listed + [listed[0]]
        for i in all.indices { for j in all.indices where j > i { candidates.append((all[i], all[j])) } }
        #expect(mutual.orderedPairs.map { [$0.0, $0.1] } == Self.expectedPairs(candidates))
        #expect(mutual.orderedPairs.count == count * (count - 1) / 2)

        // Each pair both ways round, and a country with itself: each pair once, as first met.
        let directed = Participants.directed(from: listed, to: listed)
        let crossed = listed.flatMap { a in listed.map { b in (a, b) } }
        #expect(directed.orderedPairs.map { [$0.0, $0.1] } == Self.expectedPairs(crossed))
        #expect(directed.orderedPairs.count == count * (count - 1) / 2)
    }
}
