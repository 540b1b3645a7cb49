public enum QuoteMode: Hashable, Sendable {
    /// The quotes about the selected event.
    case selectedEvent
    /// Every quote, grouped by speaker.
    case allBySpeaker
}
