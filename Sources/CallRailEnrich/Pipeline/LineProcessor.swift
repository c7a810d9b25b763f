/// The output of processing some lines: enriched TSV rows and bad-row JSON, each row ending in LF,
/// and the counts of where every line went.
public struct ProcessedLines: Sendable {
    public var enriched: [UInt8] = []
    public var bad: [UInt8] = []
    public var counts = LineCounts()

    public init() {}
}

/// The state in which a line arrived from the input stage.
public enum LineArrival: Sendable, Equatable {
    /// Ended by LF, or the unterminated end of a sound file.
    case complete
    /// The unterminated end of a damaged file: the rest of the line was lost.
    case truncated
    /// Longer than the maximum; only the first bytes were kept.
    case oversized(length: Int)
}

/// Turns collector log lines into enriched events or bad rows. One processor reads one file at a
/// time: it remembers the CloudFront `#Fields:` layout in force. It is not thread-safe; give each
/// worker its own.
public struct LineProcessor {
    public let options: EnrichOptions
    private let badRows: BadRowWriter
    private let etlTimestampText: String
    private var splitter = FieldSplitter()
    private var cloudFront = CloudFrontLoader()
    private var tomcat = TomcatLoader()
    private var decodeScratch: [UInt8] = []
    private var json = JSONWriter(capacity: 4096)
    private let keyTable: QueryKeyTable
    private let fastCheck: FastCallDataCheck?
    private let unstructPrefix: [UInt8]
    private var query = CallRailQuery()
    private var event = EnrichedEvent()
    private var lastCollectorTimestamp: (timestamp: Timestamp, text: String)?

    /// The CloudFront layout in force; a `#Fields:` header line replaces it.
    public private(set) var layout = CloudFrontLayout.positional

    public init(options: EnrichOptions) {
        self.options = options
        badRows = BadRowWriter(etlTimestamp: options.etlTimestamp)
        etlTimestampText = options.etlTimestamp.enrichedFormat
        let flatSchema = options.validator?.flatSchema
        let schemaNames = flatSchema.map { Array($0.properties.keys).sorted() + $0.required } ?? []
        let table = QueryKeyTable(extraNames: schemaNames)
        keyTable = table
        fastCheck = flatSchema.map { FastCallDataCheck(schema: $0, table: table) }
        var prefix = JSONWriter(capacity: 160)
        prefix.appendRaw(#"{"schema":"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0","data":{"schema":"#)
        prefix.appendString(options.callCompleteSchemaKey)
        prefix.appendRaw(#","data":"#)
        unstructPrefix = prefix.bytes
    }

    /// Starts a new file, dropping any `#Fields:` layout read before.
    public mutating func startFile() {
        layout = .positional
    }

    /// Uses a layout carried over from an earlier part of the same file.
    public mutating func setLayout(_ layout: CloudFrontLayout) {
        self.layout = layout
    }

    /// Processes one line (without its terminator) and appends the result to `output`.
    public mutating func process(_ line: UnsafeBufferPointer<UInt8>, arrival: LineArrival, into output: inout ProcessedLines) {
        output.counts.read += 1
        switch arrival {
        case .oversized(let length):
            json.bytes.removeAll(keepingCapacity: true)
            let prefix = UnsafeBufferPointer(rebasing: line[0..<min(line.count, 1024)])
            badRows.sizeViolation(
                maximumBytes: options.maximumLineLength, actualBytes: length,
                expectation: "a log line of at most \(options.maximumLineLength) bytes; this one has \(length), so only its first \(prefix.count) bytes are kept here",
                payloadPrefix: prefix, into: &json)
            emitBad(.sizeViolation, into: &output)
            return
        case .truncated:
            json.bytes.removeAll(keepingCapacity: true)
            let failure = LoaderFailure(
                format: guessFormat(line),
                message: .fallback(error: "truncated input: the compressed file ends inside this line, so the rest of it was lost"))
            badRows.formatViolation(failure, line: line, into: &json)
            emitBad(.collectorPayloadFormatViolation, into: &output)
            return
        case .complete:
            break
        }

        if line.isEmpty {
            output.counts.blank += 1
            return
        }
        if line[0] == UInt8(ascii: "#") {
            output.counts.headers += 1
            if line.starts(with: "#Fields:".utf8) {
                layout = CloudFrontLayout(fieldsHeader: line)
            }
            return
        }

        splitter.split(line)
        let split = SplitLine(bytes: line, ranges: splitter.ranges)
        var warnings = DecodingWarnings()
        let acceptsOtherPaths = options.unsupportedPaths == .bad
        let isWanted: (String, CollectorAPI?) -> Bool = { _, api in
            acceptsOtherPaths || api == .callRail
        }
        let reading: LineReading
        switch format(of: split) {
        case .cloudfront:
            reading = cloudFront.read(split, layout: layout, isWanted: isWanted, warnings: &warnings)
        case .tomcat:
            reading = tomcat.read(split, isWanted: isWanted, warnings: &warnings)
        }

        switch reading {
        case .skipped(let path):
            output.counts.countSkipped(path: path)
        case .failure(let failure):
            json.bytes.removeAll(keepingCapacity: true)
            badRows.formatViolation(failure, line: line, into: &json)
            emitBad(.collectorPayloadFormatViolation, into: &output)
        case .payload(let payload):
            if let window = options.replayWindow, !window.contains(payload.timestamp) {
                output.counts.countSkipped(reason: ReplayWindow.skippedKey)
            } else {
                process(payload, line: line, warnings: &warnings, into: &output)
            }
        }
        output.counts.countWarnings(warnings)
    }

    private mutating func process(
        _ payload: CollectorPayload, line: UnsafeBufferPointer<UInt8>, warnings: inout DecodingWarnings,
        into output: inout ProcessedLines
    ) {
        guard payload.api == .callRail else {
            let failure = AdapterFailure(
                api: payload.api,
                messages: [
                    .init(
                        field: "vendor/version", value: "\(payload.api.vendor)/\(payload.api.version)",
                        expectation: "vendor/version combination is not supported")
                ])
            writeAdapterFailure(failure, payload: payload, warnings: &warnings, into: &output)
            return
        }

        let empty: [UInt8] = []
        (payload.rawQuerystring ?? empty).withUnsafeBufferPointer {
            query.decode($0, table: keyTable, warnings: &warnings)
        }
        if query.isEmpty {
            let failure = AdapterFailure(
                api: .callRail, messages: [.init(field: "querystring", value: nil, expectation: "empty querystring")])
            writeAdapterFailure(failure, payload: payload, warnings: &warnings, into: &output)
            return
        }
        if query.members.isEmpty {
            var names: [String] = []
            for name in query.parameterNames where !names.contains(name) {
                names.append(name)
            }
            let failure = AdapterFailure(
                api: .callRail,
                messages: [
                    .init(
                        field: "querystring", value: payload.rawQuerystring.map { String(decoding: $0, as: UTF8.self) },
                        expectation:
                            "at least one CallRail parameter on the querystring, found only \(names.joined(separator: ", ")); the call_complete adapter does not read the request body"
                    )
                ])
            writeAdapterFailure(failure, payload: payload, warnings: &warnings, into: &output)
            return
        }
        enrich(payload: payload, line: line, into: &output)
    }

    /// Writes an `adapter_failures` row; the querystring is decoded again as name/value pairs for its
    /// payload, which is rare enough not to matter. Its warnings were already counted.
    private mutating func writeAdapterFailure(
        _ failure: AdapterFailure, payload: CollectorPayload, warnings: inout DecodingWarnings,
        into output: inout ProcessedLines
    ) {
        var ignored = DecodingWarnings()
        var querystring = QueryString(pairs: [])
        if let raw = payload.rawQuerystring {
            querystring = raw.withUnsafeBufferPointer { QueryString.decode($0, scratch: &decodeScratch, warnings: &ignored) }
        }
        if payload.api != .callRail {
            warnings.invalidPercentEscapes += ignored.invalidPercentEscapes
            warnings.invalidUTF8 += ignored.invalidUTF8
        }
        json.bytes.removeAll(keepingCapacity: true)
        badRows.adapterFailure(failure, payload: payload, querystring: querystring, into: &json)
        emitBad(.adapterFailures, into: &output)
    }

    private mutating func enrich(payload: CollectorPayload, line: UnsafeBufferPointer<UInt8>, into output: inout ProcessedLines) {
        let snowplow = query.snowplow
        var violations: [SchemaViolation] = []
        var atomicReports: [ValidationViolation] = []
        event.reset()

        event.setText(.app_id, snowplow.aid)
        let platform = snowplow.p.flatMap { $0.isEmpty ? nil : $0 } ?? "srv"
        if !LineProcessor.platforms.contains(platform) {
            atomicReports.append(
                ValidationViolation(
                    path: "platform", keyword: "atomic_field_invalid",
                    message: "platform '\(platform)' is not one of \(LineProcessor.platformList)"))
        }
        event.setText(.platform, platform)
        event.setVerbatim(.etl_tstamp, etlTimestampText)
        let collectorText = collectorTimestampText(payload.timestamp)
        event.setVerbatim(.collector_tstamp, collectorText)
        event.setVerbatim(.event, "unstruct")

        var eventID: String
        switch options.eventIDMode {
        case .deterministic:
            eventID = EventID.nameBased(line)
        case .random:
            eventID = EventID.random()
        }
        if let eid = snowplow.eid, !eid.isEmpty {
            if let canonical = EventID.canonical(eid) {
                eventID = canonical
            } else {
                atomicReports.append(
                    ValidationViolation(
                        path: "event_id", keyword: "atomic_field_invalid",
                        message: "eid '\(eid)' is not a UUID (expected 8-4-4-4-12 hex digits)"))
            }
        }
        if let recovered = options.recoveredEventIDs, recovered.contains(eventID) {
            output.counts.countSkipped(reason: RecoveredRun.skippedKey)
            return
        }
        event.setVerbatim(.event_id, eventID)
        event.setVerbatim(.v_tracker, "com.callrail-v1")
        event.setText(.v_collector, snowplow.cv.flatMap { $0.isEmpty ? nil : $0 } ?? payload.format.loaderName)
        event.setVerbatim(.v_etl, ToolVersion.etlVersion)
        event.setText(.user_ipaddress, payload.ipAddress.map(LineProcessor.firstAddress))
        let networkUserID = [snowplow.tnuid, snowplow.nuid].lazy.compactMap { $0 }.first { !$0.isEmpty && $0 != "-" }
        event.setText(.network_userid, networkUserID)

        if let urlText = snowplow.url.flatMap({ $0.isEmpty ? nil : $0 }) ?? payload.referer {
            let url = PageURL(urlText)
            event.setText(.page_url, url.url)
            event.setText(.page_urlscheme, url.scheme)
            event.setText(.page_urlhost, url.host)
            event.setVerbatim(.page_urlport, url.port.map(String.init))
            event.setText(.page_urlpath, url.path)
            event.setText(.page_urlquery, url.query)
            event.setText(.page_urlfragment, url.fragment)
        }
        event.setText(.useragent, payload.userAgent)

        var trueTimestamp: Timestamp?
        if let ttm = snowplow.ttm, !ttm.isEmpty {
            trueTimestamp = Timestamp.parseEpochMilliseconds(ttm)
            if trueTimestamp == nil {
                atomicReports.append(
                    ValidationViolation(
                        path: "true_tstamp", keyword: "atomic_field_invalid",
                        message: "ttm '\(ttm)' is not milliseconds since the epoch"))
            }
        }
        event.setTimestamp(.true_tstamp, trueTimestamp)
        if let trueTimestamp {
            event.setTimestamp(.derived_tstamp, trueTimestamp)
        } else {
            event.setVerbatim(.derived_tstamp, collectorText)
        }

        var dataReports: [ValidationViolation] = []
        if let validator = options.validator, options.validatesCallData {
            if let fastCheck, fastCheck.isValid(query) {
                dataReports = []
            } else {
                dataReports = validator.validate(query.callData(table: keyTable))
            }
        }
        if !dataReports.isEmpty {
            violations.append(SchemaViolation(schemaKey: options.callCompleteSchemaKey, reports: dataReports))
        }
        json.bytes.removeAll(keepingCapacity: true)
        json.appendRaw(unstructPrefix)
        query.writeCallData(into: &json, table: keyTable)
        json.appendRaw("}}")
        if dataReports.isEmpty {
            event.setVerbatim(.event_vendor, "com.callrail")
            event.setVerbatim(.event_name, "call_complete")
            event.setVerbatim(.event_format, "jsonschema")
            event.setVerbatim(.event_version, options.schemaVersion)
        }

        atomicReports.append(contentsOf: LineProcessor.lengthViolations(of: event))
        if !atomicReports.isEmpty {
            violations.insert(SchemaViolation(schemaKey: SchemaViolation.atomicSchemaKey, reports: atomicReports), at: 0)
        }

        guard violations.isEmpty else {
            let unstructEvent = String(decoding: json.bytes, as: UTF8.self)
            if dataReports.isEmpty {
                event.setVerbatim(.unstruct_event, unstructEvent)
            }
            var rawParameters: [(name: String, value: String)] = [
                ("tv", "com.callrail-v1"), ("e", "ue"), ("p", platform), ("ue_pr", unstructEvent),
            ]
            rawParameters.append(contentsOf: snowplow.present)
            json.bytes.removeAll(keepingCapacity: true)
            badRows.schemaViolations(violations, event: event, payload: payload, rawParameters: rawParameters, into: &json)
            emitBad(.schemaViolations, into: &output)
            return
        }
        json.bytes.withUnsafeBufferPointer { event.appendTSV(to: &output.enriched, unstructEvent: $0) }
        output.enriched.append(0x0A)
        output.counts.enriched += 1
    }

    /// Formats a collector timestamp, reusing the last text when consecutive lines share the
    /// instant, as log lines of one second often do.
    private mutating func collectorTimestampText(_ timestamp: Timestamp) -> String {
        if let cached = lastCollectorTimestamp, cached.timestamp == timestamp {
            return cached.text
        }
        let text = timestamp.enrichedFormat
        lastCollectorTimestamp = (timestamp, text)
        return text
    }

    private mutating func emitBad(_ kind: BadRowKind, into output: inout ProcessedLines) {
        output.bad.append(contentsOf: json.bytes)
        output.bad.append(0x0A)
        output.counts.bad[kind, default: 0] += 1
    }

    private func format(of line: SplitLine) -> CollectorFormat {
        switch options.format {
        case .cloudfront: return .cloudfront
        case .tomcat: return .tomcat
        case .auto: return line.count >= 3 && line.equals(2, "-") ? .tomcat : .cloudfront
        }
    }

    private func guessFormat(_ line: UnsafeBufferPointer<UInt8>) -> CollectorFormat {
        var splitter = FieldSplitter()
        splitter.split(line)
        return format(of: SplitLine(bytes: line, ranges: splitter.ranges))
    }

    /// The platforms Snowplow accepts.
    static let platforms: Set<String> = ["web", "iot", "app", "mob", "pc", "cnsl", "tv", "srv", "headset"]
    static let platformList = "web, iot, app, mob, pc, cnsl, tv, srv, headset"

    /// Returns the address before the first `,`, `|` or space, as Snowplow keeps it.
    static func firstAddress(_ value: String) -> String {
        let utf8 = value.utf8
        guard let end = utf8.firstIndex(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "|") || $0 == 0x20 })
        else { return value }
        return String(Substring(utf8[..<end]))
    }

    /// Lists every field longer than Snowplow's limit, measured in UTF-16 code units as Snowplow does.
    static func lengthViolations(of event: EnrichedEvent) -> [ValidationViolation] {
        var reports: [ValidationViolation] = []
        for field in EnrichedField.allCases {
            guard let maximum = field.maximumLength, let value = event[field], value.utf8.count > maximum else {
                continue
            }
            let length = value.utf16.count
            if length > maximum {
                reports.append(
                    ValidationViolation(
                        path: field.name, keyword: "atomic_field_length_exceeded",
                        message: "\(field.name) is \(length) characters long, longer than the maximum allowed size \(maximum)"))
            }
        }
        return reports
    }
}
