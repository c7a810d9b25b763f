/// An input that `--state` records as processed by an earlier committed run, skipped in this one.
public struct AlreadyProcessedInput: Sendable {
    /// The path as given or found in a folder.
    public var path: String
    public var record: ProcessedInputRecord

    public init(path: String, record: ProcessedInputRecord) {
        self.path = path
        self.record = record
    }
}

/// An input that `--state` records, processed again in this run.
public struct ReprocessedInput: Sendable {
    /// The path as given or found in a folder.
    public var path: String
    public var reason: ReprocessReason
    /// The record of the earlier run.
    public var previous: ProcessedInputRecord

    public init(path: String, reason: ReprocessReason, previous: ProcessedInputRecord) {
        self.path = path
        self.reason = reason
        self.previous = previous
    }
}

/// The choices a run made about its inputs and lines: its replay window, the run it recovers, and
/// the inputs its state file let it skip or made it process again.
public struct RunSelection: Sendable {
    /// `--since`/`--until`, or nil when neither was given.
    public var window: ReplayWindow?
    /// The `--recover` run folder.
    public var recoveredRun: String?
    /// The number of distinct event ids the recovered run enriched.
    public var recoveredEventIDCount = 0
    /// The `--state` file.
    public var stateFile: String?
    public var alreadyProcessed: [AlreadyProcessedInput] = []
    public var reprocessed: [ReprocessedInput] = []

    public init() {}

    /// Appends the report keys `since`, `until`, `recovered_run`, `state`, `already_processed` and
    /// `reprocessed`, each after a comma, so that it fits between two keys of the report object.
    func appendJSON(into json: inout JSONWriter) {
        json.appendRaw(",\n  \"since\": ")
        json.appendOptionalString(window?.since?.enrichedFormat)
        json.appendRaw(",\n  \"until\": ")
        json.appendOptionalString(window?.until?.enrichedFormat)
        json.appendRaw(",\n  \"recovered_run\": ")
        if let recoveredRun {
            json.appendRaw("{\"path\": ")
            json.appendString(recoveredRun)
            json.appendRaw(", \"enriched_event_ids\": ")
            json.appendRaw(String(recoveredEventIDCount).utf8)
            json.appendRaw("}")
        } else {
            json.appendRaw("null")
        }
        json.appendRaw(",\n  \"state\": ")
        json.appendOptionalString(stateFile)

        json.appendRaw(",\n  \"already_processed\": [")
        for (index, input) in alreadyProcessed.enumerated() {
            json.appendRaw(index == 0 ? "\n    " : ",\n    ")
            json.appendRaw("{\"path\": ")
            json.appendString(input.path)
            json.appendRaw(", \"size\": ")
            json.appendRaw(String(input.record.size).utf8)
            json.appendRaw(", \"sha256\": ")
            json.appendString(input.record.sha256)
            json.appendRaw(", \"run\": ")
            json.appendString(input.record.run)
            json.appendRaw(", \"committed_at\": ")
            json.appendString(input.record.committedAt)
            json.appendRaw("}")
        }
        json.appendRaw(alreadyProcessed.isEmpty ? "]" : "\n  ]")

        json.appendRaw(",\n  \"reprocessed\": [")
        for (index, input) in reprocessed.enumerated() {
            json.appendRaw(index == 0 ? "\n    " : ",\n    ")
            json.appendRaw("{\"path\": ")
            json.appendString(input.path)
            json.appendRaw(", \"reason\": ")
            json.appendString(input.reason.rawValue)
            json.appendRaw(", \"previous_size\": ")
            json.appendRaw(String(input.previous.size).utf8)
            json.appendRaw(", \"previous_sha256\": ")
            json.appendString(input.previous.sha256)
            json.appendRaw(", \"previous_run\": ")
            json.appendString(input.previous.run)
            json.appendRaw("}")
        }
        json.appendRaw(reprocessed.isEmpty ? "]" : "\n  ]")
    }
}
