import TimelineKit

/// An event's category for trends: the quad class of its CAMEO code (`data/reference/
/// cameo-event-codes.tsv`), else the class its kind implies, else `other`. One function, used by every
/// store at import and by the in-memory reference, so they count alike.
public enum EventClassification {
    /// Whether the CAMEO table has this code ("042", "1313", a root "04").
    public static func isCAMEOCode(_ code: String) -> Bool { CAMEO.shared.quadClasses[code] != nil }

    /// The code's name in the CAMEO table, spelled whole ("Make a visit").
    public static func cameoName(_ code: String) -> String? { CAMEO.shared.names[code] }

    public static func category(cameo: String?, kind: String) -> EventCategory {
        if let cameo, let quad = CAMEO.shared.quadClasses[cameo], let category = EventCategory(rawValue: quad) { return category }
        return kindCategories[kind] ?? .other
    }

    public static func category(of facts: EventFacts) -> EventCategory { category(cameo: facts.cameo, kind: facts.kind) }

    /// The bundled vocabulary's kinds (README, "Kinds") and the quad class of the CAMEO code an event of
    /// that kind usually gets (data/CAMEO-CODING.md). `arms-policy` (an embargo or its end) and any
    /// other kind are `other`: they could be either.
    public static let kindCategories: [String: EventCategory] = [
        "agreement": .verbalCooperation,            // 057 sign formal agreement
        "aid": .materialCooperation,                // 07 provide aid
        "arms-deal": .materialCooperation,          // 062 cooperate militarily
        "arms-delivery": .materialCooperation,      // 062
        "arms-negotiation": .verbalCooperation,     // 046 engage in negotiation
        "diplomatic-protest": .verbalConflict,      // 11 disapprove
        "diplomatic-relations": .verbalCooperation, // 054 grant diplomatic recognition
        "diplomatic-response": .verbalCooperation,  // 01 make public statement
        "diplomatic-threat": .verbalConflict,       // 13 threaten
        "diplomatic-tour": .verbalCooperation,      // 042 make a visit
        "incident": .materialConflict,              // 190 use conventional military force
        "meeting": .verbalCooperation,              // 04 consult
        "military-exercise": .materialCooperation,  // 062
        "military-operation": .materialConflict,    // 19 fight
        "sanctions": .materialConflict,             // 163 impose embargo, boycott, or sanctions
        "speech": .verbalCooperation,               // 01 make public statement
        "statement": .verbalCooperation,            // 01
        "trade": .materialCooperation,              // 061 cooperate economically
        "visit": .verbalCooperation,                // 042 make a visit
        "weapons-test": .materialConflict,          // 150 demonstrate military power
    ]
}
