/// What an event is, apart from how it refers to the rest of its dataset: declared once, for the
/// event in a dataset (`Event`, references as indices) and the event a store answers with
/// (`EventDetail`, references resolved). A new fact is a field here.
public struct EventFacts: Sendable, Hashable {
    public var id: String
    public var date: EDTFDate
    public var title: String
    public var summary: String
    public var participants: Participants
    public var kind: String
    public var place: Place?
    public var status: EventStatus
    public var tags: [String]
    /// Free-form facts from an imported source, in their given order.
    public var attributes: [Attribute]
    /// Who within a participating country acted, for the countries that name one (at most one each).
    public var actors: [CountryActor]
    /// The CAMEO event code (`"042"`, `"1313"`) that says what kind of act it was, when the dataset codes
    /// it: its quad class is the event's category in trends (`EventClassification`).
    public var cameo: String?

    public init(id: String, date: EDTFDate, title: String, summary: String, participants: Participants, kind: String,
                place: Place? = nil, status: EventStatus, tags: [String], attributes: [Attribute] = [], actors: [CountryActor] = [],
                cameo: String? = nil) {
        self.id = id
        self.date = date
        self.title = title
        self.summary = summary
        self.participants = participants
        self.kind = kind
        self.place = place
        self.status = status
        self.tags = tags
        self.attributes = attributes
        self.actors = actors
        self.cameo = cameo
    }
}
