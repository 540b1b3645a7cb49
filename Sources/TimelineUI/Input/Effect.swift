import TimelineKit

/// What `update` asks the outside world to do; the loop runs these and may feed back an action.
public enum Effect: Hashable, Sendable {
    case quit
    case openURL(String)
    /// Count the events of `query` that match `search`, off the input path, and send back
    /// `.matchesCounted` with the request's generation (a newer question makes it stale).
    case countMatches(CountRequest)
    /// Read the trend view's numbers (`EventStore.trend`) off the input path, and send back
    /// `.trendRead` with the request's generation (a newer question makes it stale).
    case readTrend(TrendRequest)
}

public struct CountRequest: Hashable, Sendable {
    public var generation: Int
    public var query: TimelineQuery
    public var search: SearchText
}

public struct TrendRequest: Hashable, Sendable {
    public var generation: Int
    public var query: TrendQuery
}
