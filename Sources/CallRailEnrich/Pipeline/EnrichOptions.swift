/// The collector format to read lines as.
public enum FormatOption: String, Sendable, CaseIterable {
    /// Decide per line: a third field of `-` is Tomcat, anything else CloudFront.
    case auto
    case cloudfront
    case tomcat
}

/// The handling of requests for paths other than `/com.callrail/v1`.
public enum UnsupportedPathPolicy: String, Sendable, CaseIterable {
    /// Count them per path and write nothing.
    case skip
    /// Write an `adapter_failures` bad row for each.
    case bad
}

/// Checks call data against the selected `call_complete` schema.
public protocol CallDataValidator: Sendable {
    /// The Iglu URI of the schema, named in bad rows.
    var schemaKey: String { get }
    /// Returns every violation of the schema, empty when the data is valid.
    func validate(_ data: JSONObject) -> [ValidationViolation]
}

extension CallDataValidator {
    /// A fast check equivalent to ``validate(_:)``, or nil when the schema has none.
    var flatSchema: FlatObjectSchema? {
        (self as? CallCompleteValidator)?.flatSchema
    }
}

/// Settings for one run that every line's processing shares.
public struct EnrichOptions: Sendable {
    public var format: FormatOption = .auto
    public var unsupportedPaths: UnsupportedPathPolicy = .skip
    /// The `call_complete` version to emit, such as `1-0-2`.
    public var schemaVersion = "1-0-2"
    public var eventIDMode: EventIDMode = .deterministic
    /// The run's `etl_tstamp`, also the failure timestamp of bad rows.
    public var etlTimestamp: Timestamp
    /// Lines longer than this many bytes become `size_violation` bad rows.
    public var maximumLineLength = 1 << 20
    /// Validates call data before an event is written; nil writes events unvalidated.
    public var validator: (any CallDataValidator)?
    /// Whether the validator checks call data; when false, its schema still names the known keys,
    /// so turning validation off measures exactly what validation costs.
    public var validatesCallData = true
    /// Requests whose collector timestamp lies outside this window are skipped; nil keeps all.
    public var replayWindow: ReplayWindow?
    /// Events with these ids are skipped, because the run being recovered enriched them already.
    public var recoveredEventIDs: EventIDSet?

    public init(etlTimestamp: Timestamp) {
        self.etlTimestamp = etlTimestamp
    }

    /// The Iglu URI of the emitted call data.
    public var callCompleteSchemaKey: String {
        "iglu:com.callrail/call_complete/jsonschema/\(schemaVersion)"
    }
}
