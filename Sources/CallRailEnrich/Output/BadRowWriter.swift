/// Writes Snowplow self-describing bad rows as compact JSON, one per line.
///
/// Each row is `{"schema":…,"data":{"processor":…,"failure":…,"payload":…}}` with keys in that
/// order. The failure timestamp is the run's ETL timestamp so that output stays deterministic. Values
/// whose schema caps their length are cut to that many characters, so every row validates.
public struct BadRowWriter: Sendable {
    /// The failure timestamp, `yyyy-MM-ddTHH:mm:ss.SSSZ`.
    public let failureTimestamp: String

    public init(etlTimestamp: Timestamp) {
        failureTimestamp = etlTimestamp.isoFormat
    }

    /// Writes a `collector_payload_format_violation` row whose payload is the raw line.
    public func formatViolation(_ failure: LoaderFailure, line: UnsafeBufferPointer<UInt8>, into json: inout JSONWriter) {
        beginRow(.collectorPayloadFormatViolation, into: &json)
        json.appendRaw(#","loader":"#)
        json.appendString(failure.format.loaderName)
        json.appendRaw(#","message":{"#)
        switch failure.message {
        case .inputData(let field, let value, let expectation):
            json.appendRaw(#""payloadField":"#)
            json.appendString(cut(field, 64))
            json.appendRaw(#","value":"#)
            json.appendOptionalString(value)
            json.appendRaw(#","expectation":"#)
            json.appendString(cut(expectation, 256))
        case .fallback(let error):
            json.appendRaw(#""error":"#)
            json.appendString(cut(error, 512))
        }
        json.appendRaw(#"}},"payload":"#)
        appendLossyString(line, into: &json)
        json.appendRaw("}}")
    }

    /// Writes an `adapter_failures` row whose payload is the collector request.
    public func adapterFailure(
        _ failure: AdapterFailure, payload: CollectorPayload, querystring: QueryString, into json: inout JSONWriter
    ) {
        beginRow(.adapterFailures, into: &json)
        json.appendRaw(#","vendor":"#)
        json.appendString(cut(failure.api.vendor, 64))
        json.appendRaw(#","version":"#)
        json.appendString(cut(failure.api.version, 16))
        json.appendRaw(#","messages":["#)
        for (index, message) in failure.messages.enumerated() {
            if index > 0 { json.appendRaw(",") }
            json.appendRaw(#"{"field":"#)
            json.appendString(cut(message.field, 64))
            json.appendRaw(#","value":"#)
            json.appendOptionalString(message.value)
            json.appendRaw(#","expectation":"#)
            json.appendString(cut(message.expectation, 256))
            json.appendRaw("}")
        }

        json.appendRaw(#"]},"payload":{"vendor":"#)
        json.appendString(cut(payload.api.vendor, 64))
        json.appendRaw(#","version":"#)
        json.appendString(cut(payload.api.version, 16))
        json.appendRaw(#","querystring":"#)
        appendNameValueArray(querystring.pairs, into: &json)
        json.appendRaw(#","contentType":"#)
        json.appendOptionalString(payload.contentType.map { cut($0, 256) })
        json.appendRaw(#","body":"#)
        json.appendOptionalString(payload.body)
        json.appendRaw(#","collector":"#)
        json.appendString(payload.format.loaderName)
        json.appendRaw(#","encoding":"UTF-8","hostname":null,"timestamp":"#)
        json.appendString(payload.timestamp.isoFormat)
        appendContext(payload, into: &json)
        json.appendRaw(#","headers":[],"networkUserId":null}}}"#)
    }

    /// Writes a `schema_violations` row with what failed, the event as far as it was enriched, and
    /// the raw event.
    public func schemaViolations(
        _ violations: [SchemaViolation], event: EnrichedEvent, payload: CollectorPayload,
        rawParameters: [(name: String, value: String)], into json: inout JSONWriter
    ) {
        beginRow(.schemaViolations, into: &json)
        json.appendRaw(#","messages":["#)
        for (index, violation) in violations.enumerated() {
            if index > 0 { json.appendRaw(",") }
            json.appendRaw(#"{"schemaKey":"#)
            json.appendString(violation.schemaKey)
            json.appendRaw(#","error":{"error":"ValidationError","dataReports":["#)
            for (reportIndex, report) in violation.reports.enumerated() {
                if reportIndex > 0 { json.appendRaw(",") }
                json.appendRaw(#"{"message":"#)
                json.appendString(report.message)
                json.appendRaw(#","path":"#)
                json.appendString(report.path)
                json.appendRaw(#","keyword":"#)
                json.appendString(report.keyword)
                json.appendRaw(#","targets":["#)
                for (targetIndex, target) in report.targets.enumerated() {
                    if targetIndex > 0 { json.appendRaw(",") }
                    json.appendString(target)
                }
                json.appendRaw("]}")
            }
            json.appendRaw("]}}")
        }

        json.appendRaw(#"]},"payload":{"enriched":{"#)
        for field in EnrichedField.allCases {
            if field.rawValue > 0 { json.appendRaw(",") }
            json.appendString(field.name)
            json.appendRaw(":")
            guard let value = event[field] else {
                json.appendRaw("null")
                continue
            }
            if field.isInteger, Int(value) != nil {
                json.appendRaw(value.utf8)
            } else {
                json.appendString(value)
            }
        }

        json.appendRaw(#"},"raw":{"vendor":"#)
        json.appendString(cut(payload.api.vendor, 64))
        json.appendRaw(#","version":"#)
        json.appendString(cut(payload.api.version, 16))
        json.appendRaw(#","parameters":"#)
        appendNameValueArray(rawParameters, into: &json)
        json.appendRaw(#","contentType":"#)
        json.appendOptionalString(payload.contentType.map { cut($0, 256) })
        json.appendRaw(#","loaderName":"#)
        json.appendString(payload.format.loaderName)
        json.appendRaw(#","encoding":"UTF-8","hostname":null,"timestamp":"#)
        json.appendString(payload.timestamp.isoFormat)
        appendContext(payload, into: &json)
        json.appendRaw(#","headers":[],"userId":null}}}}"#)
    }

    /// Writes a `size_violation` row with the first bytes of something too large to keep.
    public func sizeViolation(
        maximumBytes: Int, actualBytes: Int, expectation: String, payloadPrefix: UnsafeBufferPointer<UInt8>,
        into json: inout JSONWriter
    ) {
        beginRow(.sizeViolation, into: &json)
        json.appendRaw(#","maximumAllowedSizeBytes":"#)
        json.appendRaw(String(min(maximumBytes, 1 << 30)).utf8)
        json.appendRaw(#","actualSizeBytes":"#)
        json.appendRaw(String(min(actualBytes, 1 << 30)).utf8)
        json.appendRaw(#","expectation":"#)
        json.appendString(cut(expectation, 256))
        json.appendRaw(#"},"payload":"#)
        appendLossyString(payloadPrefix, into: &json)
        json.appendRaw("}}")
    }

    private func beginRow(_ kind: BadRowKind, into json: inout JSONWriter) {
        json.appendRaw(#"{"schema":"#)
        json.appendString(kind.schemaURI)
        json.appendRaw(#","data":{"processor":{"artifact":"#)
        json.appendString(ToolVersion.artifact)
        json.appendRaw(#","version":"#)
        json.appendString(ToolVersion.version)
        json.appendRaw(#"},"failure":{"timestamp":"#)
        json.appendString(failureTimestamp)
    }

    /// Writes `[{"name":…,"value":…},…]` with both cut to the schemas' 512 characters.
    private func appendNameValueArray(_ pairs: [(name: String, value: String)], into json: inout JSONWriter) {
        json.appendRaw("[")
        for (index, pair) in pairs.enumerated() {
            if index > 0 {
                json.appendRaw(",")
            }
            json.appendRaw(#"{"name":"#)
            json.appendString(cut(pair.name, 512))
            json.appendRaw(#","value":"#)
            json.appendString(cut(pair.value, 512))
            json.appendRaw("}")
        }
        json.appendRaw("]")
    }

    private func appendContext(_ payload: CollectorPayload, into json: inout JSONWriter) {
        json.appendRaw(#","ipAddress":"#)
        json.appendOptionalString(payload.ipAddress.map { cut($0, 128) })
        json.appendRaw(#","useragent":"#)
        json.appendOptionalString(payload.userAgent.map { cut($0, 4096) })
        json.appendRaw(#","refererUri":"#)
        json.appendOptionalString(payload.referer.map { cut($0, 8192) })
    }

    /// Writes bytes as a JSON string, with U+FFFD for anything that is not UTF-8.
    private func appendLossyString(_ bytes: UnsafeBufferPointer<UInt8>, into json: inout JSONWriter) {
        if let valid = String(validating: bytes, as: UTF8.self) {
            json.appendString(valid)
        } else {
            json.appendString(String(decoding: bytes, as: UTF8.self))
        }
    }
}

/// Returns the text cut to at most `maximum` Unicode scalars, the unit JSON Schema's `maxLength` counts.
func cut(_ text: String, _ maximum: Int) -> String {
    guard text.utf8.count > maximum else { return text }
    var scalars = text.unicodeScalars
    guard scalars.count > maximum else { return text }
    scalars = String.UnicodeScalarView(scalars.prefix(maximum))
    return String(scalars)
}
