/// The kinds of self-describing bad rows the tool writes, each with its Iglu schema.
public enum BadRowKind: String, Sendable, CaseIterable, Comparable {
    case adapterFailures = "adapter_failures"
    case collectorPayloadFormatViolation = "collector_payload_format_violation"
    case schemaViolations = "schema_violations"
    case sizeViolation = "size_violation"

    /// The Iglu URI of the bad row's schema.
    public var schemaURI: String {
        switch self {
        case .adapterFailures:
            return "iglu:com.snowplowanalytics.snowplow.badrows/adapter_failures/jsonschema/1-0-0"
        case .collectorPayloadFormatViolation:
            return "iglu:com.snowplowanalytics.snowplow.badrows/collector_payload_format_violation/jsonschema/1-0-0"
        case .schemaViolations:
            return "iglu:com.snowplowanalytics.snowplow.badrows/schema_violations/jsonschema/2-0-1"
        case .sizeViolation:
            return "iglu:com.snowplowanalytics.snowplow.badrows/size_violation/jsonschema/1-0-0"
        }
    }

    public static func < (lhs: BadRowKind, rhs: BadRowKind) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// The schema whose rules a group of data reports broke.
public struct SchemaViolation: Sendable, Equatable {
    /// The Iglu URI of the schema.
    public var schemaKey: String
    public var reports: [ValidationViolation]

    public init(schemaKey: String, reports: [ValidationViolation]) {
        self.schemaKey = schemaKey
        self.reports = reports
    }

    /// The schema Snowplow names for checks on atomic fields.
    public static let atomicSchemaKey = "iglu:com.snowplowanalytics.snowplow/atomic/jsonschema/1-0-0"
}
