/// Who within a country takes part, when it is not simply the country: the Taliban before they held
/// Kabul, a rebel movement, a ministry GDELT or ICEWS names. The country still makes the pair; the
/// actor says who in it acted, and is shown, written and searched with the event.
public struct CountryActor: Sendable, Hashable {
    public var country: Country
    public var name: String

    public init(country: Country, name: String) {
        self.country = country
        self.name = name
    }
}

extension EventFacts {
    /// The actor named for a participating country, if any.
    public func actor(of country: Country) -> String? {
        actors.first { $0.country == country }?.name
    }

    /// A participant as shown: the country's name (or code), then its actor in parentheses:
    /// "Afghanistan (Taliban)".
    public func participantName(_ country: Country, _ name: (Country) -> String) -> String {
        actor(of: country).map { "\(name(country)) (\($0))" } ?? name(country)
    }

    /// "United States → Afghanistan (Taliban)": `Participants.describe` with each country's actor.
    public func describeParticipants(_ name: (Country) -> String) -> String {
        participants.describe { participantName($0, name) }
    }
}
