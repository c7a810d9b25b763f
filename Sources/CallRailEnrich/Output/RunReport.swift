import Foundation

/// The counts for one input file.
public struct InputReport: Sendable {
    public var path: String
    public var counts: LineCounts
    /// The damage found in the file's bytes, or nil when it was read to a sound end.
    public var damage: String?

    public init(path: String, counts: LineCounts, damage: String?) {
        self.path = path
        self.counts = counts
        self.damage = damage
    }
}

/// `report.json`: counts per input file and in total.
public struct RunReport: Sendable {
    public var etlTimestamp: Timestamp
    public var schemaVersion: String
    /// Whether call data was validated; false after `--no-validation`.
    public var validatesCallData = true
    public var inputs: [InputReport] = []
    /// The replay window, the recovered run and the inputs `--state` skipped or processed again.
    public var selection = RunSelection()

    public init(etlTimestamp: Timestamp, schemaVersion: String) {
        self.etlTimestamp = etlTimestamp
        self.schemaVersion = schemaVersion
    }

    /// The counts over all inputs.
    public var totals: LineCounts {
        var totals = LineCounts()
        for input in inputs {
            totals.merge(input.counts)
        }
        return totals
    }

    /// The inputs that were damaged.
    public var damagedInputs: [InputReport] {
        inputs.filter { $0.damage != nil }
    }

    /// Returns the report as JSON text with keys in a fixed order, ending in a newline.
    public func jsonText() -> [UInt8] {
        var json = JSONWriter(capacity: 4096)
        json.appendRaw("{\n  \"tool\": ")
        json.appendString(ToolVersion.artifact)
        json.appendRaw(",\n  \"version\": ")
        json.appendString(ToolVersion.version)
        json.appendRaw(",\n  \"etl_tstamp\": ")
        json.appendString(etlTimestamp.enrichedFormat)
        json.appendRaw(",\n  \"schema\": ")
        json.appendString("iglu:com.callrail/call_complete/jsonschema/\(schemaVersion)")
        json.appendRaw(",\n  \"validation\": ")
        validatesCallData ? json.appendRaw("true") : json.appendRaw("false")
        selection.appendJSON(into: &json)
        json.appendRaw(",\n  \"inputs\": [")
        for (index, input) in inputs.enumerated() {
            json.appendRaw(index == 0 ? "\n    " : ",\n    ")
            json.appendRaw("{\"path\": ")
            json.appendString(input.path)
            if input.path != "-" {
                json.appendRaw(", \"absolute_path\": ")
                json.appendString(URL(fileURLWithPath: input.path).standardized.path)
            }
            json.appendRaw(", ")
            appendCounts(input.counts, into: &json)
            json.appendRaw(", \"damage\": ")
            json.appendOptionalString(input.damage)
            json.appendRaw("}")
        }
        json.appendRaw(inputs.isEmpty ? "],\n" : "\n  ],\n")
        json.appendRaw("  \"totals\": {")
        appendCounts(totals, into: &json)
        json.appendRaw(", \"damaged_inputs\": ")
        json.appendRaw(String(damagedInputs.count).utf8)
        json.appendRaw("}\n}\n")
        return json.bytes
    }

    private func appendCounts(_ counts: LineCounts, into json: inout JSONWriter) {
        json.appendRaw("\"read\": ")
        json.appendRaw(String(counts.read).utf8)
        json.appendRaw(", \"enriched\": ")
        json.appendRaw(String(counts.enriched).utf8)
        json.appendRaw(", \"bad\": {")
        for (index, kind) in BadRowKind.allCases.sorted().enumerated() {
            if index > 0 { json.appendRaw(", ") }
            json.appendString(kind.rawValue)
            json.appendRaw(": ")
            json.appendRaw(String(counts.bad[kind] ?? 0).utf8)
        }
        json.appendRaw("}, \"skipped\": ")
        appendCountMap(counts.skipped, into: &json)
        json.appendRaw(", \"headers\": ")
        json.appendRaw(String(counts.headers).utf8)
        json.appendRaw(", \"blank\": ")
        json.appendRaw(String(counts.blank).utf8)
        json.appendRaw(", \"warnings\": ")
        appendCountMap(counts.warnings, into: &json)
    }

    private func appendCountMap(_ map: [String: Int], into json: inout JSONWriter) {
        json.appendRaw("{")
        for (index, key) in map.keys.sorted().enumerated() {
            if index > 0 { json.appendRaw(", ") }
            json.appendString(key)
            json.appendRaw(": ")
            json.appendRaw(String(map[key] ?? 0).utf8)
        }
        json.appendRaw("}")
    }
}
