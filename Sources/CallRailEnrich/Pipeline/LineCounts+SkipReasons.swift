extension LineCounts {
    /// Keys of `skipped` that count a reason rather than a request path. They are never folded into
    /// ``otherPathsKey``, however many distinct paths were skipped.
    public static let skipReasonKeys: Set<String> = [ReplayWindow.skippedKey, RecoveredRun.skippedKey]

    /// Counts a line skipped for a reason in ``skipReasonKeys``.
    mutating func countSkipped(reason key: String) {
        skipped[key, default: 0] += 1
    }
}
