/// The range of collector timestamps a run keeps: from `since` (inclusive) to `until` (exclusive).
///
/// Either bound may be missing. Half-open ranges let consecutive replays share a bound, such as
/// `--since 2024-01-01 --until 2024-02-01` followed by `--since 2024-02-01`, without a line falling
/// into both or neither.
public struct ReplayWindow: Sendable, Equatable {
    /// The earliest collector timestamp kept, or nil for no lower bound.
    public var since: Timestamp?
    /// The first collector timestamp no longer kept, or nil for no upper bound.
    public var until: Timestamp?

    public init(since: Timestamp?, until: Timestamp?) {
        self.since = since
        self.until = until
    }

    /// The key under which `LineCounts.skipped` counts lines outside the window.
    public static let skippedKey = "(outside --since/--until)"

    /// Returns whether a collector timestamp lies inside the window.
    @inline(__always)
    public func contains(_ timestamp: Timestamp) -> Bool {
        if let since, timestamp < since {
            return false
        }
        if let until, timestamp >= until {
            return false
        }
        return true
    }

    /// The window as `[since, until)` with `yyyy-MM-dd HH:mm:ss.SSS` bounds and `…` for a missing one.
    public var text: String {
        "[\(since?.enrichedFormat ?? "…"), \(until?.enrichedFormat ?? "…"))"
    }
}
