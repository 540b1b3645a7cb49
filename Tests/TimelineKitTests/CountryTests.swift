import Testing
@testable import TimelineKit

@Suite("Countries and pairs")
struct CountryTests {
    @Test("The built-in table is the whole of ISO 3166-1")
    func table() {
        #expect(Country.all.count == 249)
        #expect(Set(Country.all.map(\.alpha3)).count == 249)
        #expect(Set(Country.all.map(\.alpha2)).count == 249)
        #expect(Country(alpha3: "PAK")?.name == "Pakistan")
        #expect(Country(alpha3: "RUS")?.name == "Russia")
        #expect(Country(alpha3: "IRN")?.name == "Iran")
        #expect(Country(alpha3: "rus") == nil, "datasets must use upper-case alpha-3")
    }

    @Test("Codes and names in any case", arguments: [
        ("RUS", "RUS"), ("ru", "RUS"), ("Russia", "RUS"), ("russian federation", "RUS"), ("pk", "PAK"),
        ("United States", "USA"), ("usa", "USA"), ("Côte d'Ivoire", "CIV"), ("cote divoire", "CIV"),
        ("Turkey", "TUR"), ("Türkiye", "TUR"), ("Viet Nam", "VNM"), ("Vietnam", "VNM"), ("guinea-bissau", "GNB"),
        ("Brunei", "BRN"), ("Micronesia", "FSM"), ("Holy See", "VAT"), ("Vatican City", "VAT"), ("Macau", "MAC"),
    ])
    func lenientLookup(_ text: String, _ alpha3: String) {
        #expect(Country(lenient: text)?.alpha3 == alpha3)
    }

    @Test("Every country's shown name finds it again")
    func shownNamesFindTheirCountry() {
        for country in Country.all {
            #expect(Country(lenient: country.name) == country, "\(country.name)")
        }
    }

    @Test("The same undirected pair however it is written", arguments: [
        "RUS-PAK", "pk-ru", "Russia–Pakistan", "pakistan/russia", "PAK — RUS", "Russian Federation-PK",
    ])
    func pairs(_ text: String) throws {
        let pair = try CountryPair.parse(text)
        #expect(pair == CountryPair(Country(alpha3: "RUS")!, Country(alpha3: "PAK")!))
    }

    @Test("Hyphenated names are split at the right separator")
    func hyphenatedNames() throws {
        let pair = try CountryPair.parse("Guinea-Bissau-Senegal")
        #expect(Set([pair.first.alpha3, pair.second.alpha3]) == ["GNB", "SEN"])
    }

    @Test("Unknown countries get the closest suggestion")
    func suggestions() {
        let error = #expect(throws: CountryPair.ParseError.self) { try CountryPair.parse("PAKK-RUS") }
        #expect(error?.description == "unknown country 'PAKK'; did you mean PAK (Pakistan)?")
        #expect(Country.unknownMessage(for: "Pakistn") == "unknown country 'Pakistn'; did you mean PAK (Pakistan)?")
        #expect(Country.unknownMessage(for: "zzzzzzzzzz") == "unknown country 'zzzzzzzzzz'")
    }

    @Test("A pair needs two different countries and a separator")
    func badPairs() {
        #expect(throws: CountryPair.ParseError.self) { try CountryPair.parse("RUS") }
        #expect(throws: CountryPair.ParseError.self) { try CountryPair.parse("RUS-RU") }
        #expect(throws: CountryPair.ParseError.self) { try CountryPair.parse("-") }
    }

    @Test("Participants yield their pairs: mutual, directed and hub")
    func participantPairs() {
        let rus = Country(alpha3: "RUS")!, pak = Country(alpha3: "PAK")!, chn = Country(alpha3: "CHN")!
        let tur = Country(alpha3: "TUR")!, ind = Country(alpha3: "IND")!
        #expect(Participants.mutual([rus, pak]).pairs == [CountryPair(rus, pak)])
        #expect(Participants.mutual([rus, pak, chn]).pairs.count == 3)
        #expect(Participants.directed(from: [ind], to: [rus]).orderedPairs.map { [$0.0, $0.1] } == [[ind, rus]])
        let tour = Participants.hub(pak, spokes: [chn, tur, rus])
        #expect(Set(tour.pairs) == [CountryPair(pak, chn), CountryPair(pak, tur), CountryPair(pak, rus)])
        #expect(!tour.pairs.contains(CountryPair(chn, tur)))
    }
}

@Suite("Places")
struct PlaceTests {
    @Test("A place names its country once: after a town, not again after the country itself")
    func displayName() {
        let australia = Country(alpha3: "AUS")!
        #expect(Place(name: "Rawalpindi", country: Country(alpha3: "PAK")).displayName == "Rawalpindi, Pakistan")
        #expect(Place(name: "Australia", country: australia).displayName == "Australia")
        #expect(Place(name: "AUSTRALIA", country: australia).displayName == "AUSTRALIA")
        #expect(Place(name: "Austria", country: australia).displayName == "Austria, Australia")
        #expect(Place(name: "Kabul").displayName == "Kabul")
    }
}
