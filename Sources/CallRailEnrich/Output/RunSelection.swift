/// The choices a run made about its inputs and lines, starting with its replay window.
public struct RunSelection: Sendable {
    /// `--since`/`--until`, or nil when neither was given.
    public var window: ReplayWindow?

    public init() {}

    /// Appends the report keys `since` and `until`, each after a comma, so that it fits between two
    /// keys of the report object.
    func appendJSON(into json: inout JSONWriter) {
        json.appendRaw(",\n  \"since\": ")
        json.appendOptionalString(window?.since?.enrichedFormat)
        json.appendRaw(",\n  \"until\": ")
        json.appendOptionalString(window?.until?.enrichedFormat)
    }
}
