/// Where an event stands on a timeline: its sort day, then the finer precision first, then its id.
/// The one definition of the order, for the timeline in memory and the store's writer.
public struct ChronologicalKey: Comparable, Sendable {
    public var day: Int
    public var precision: EDTFPrecision
    public var id: String

    public init(day: Int, precision: EDTFPrecision, id: String) {
        self.day = day
        self.precision = precision
        self.id = id
    }

    public init(_ event: Event) {
        self.init(day: event.date.sortDay, precision: event.date.precision, id: event.id)
    }

    public static func < (a: ChronologicalKey, b: ChronologicalKey) -> Bool {
        if a.day != b.day { return a.day < b.day }
        if a.precision != b.precision { return a.precision < b.precision }
        return a.id < b.id
    }
}
