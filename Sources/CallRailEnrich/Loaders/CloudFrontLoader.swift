/// Reads CloudFront web-distribution log lines.
///
/// Fields are split on single TABs; any line of at least 12 fields is accepted and unknown trailing
/// fields are ignored. `-` means empty. CloudFront writes the `%` of every escape the client sent as
/// `%25`, so the querystring, User-Agent and Referer have `%25XY` unwrapped to `%XY` once. The
/// User-Agent and Referer are then percent-decoded once with `+` kept literal. The client address is
/// the first address of `x-forwarded-for` when that field holds one, else `c-ip`. GET and POST are
/// accepted (CallRail webhooks arrive as POST).
struct CloudFrontLoader {
    private var scratch: [UInt8] = []
    private var decodeScratch: [UInt8] = []

    /// Reads a data line (not a header) with `layout`, returning the payload or why the line is bad.
    /// When `isWanted` rejects the path, the line is reported as skipped before the rest is parsed.
    mutating func read(
        _ line: SplitLine, layout: CloudFrontLayout, isWanted: (String, CollectorAPI?) -> Bool,
        warnings: inout DecodingWarnings
    ) -> LineReading {
        if let missing = layout.missingColumn {
            return .failure(
                LoaderFailure(
                    format: .cloudfront,
                    message: .fallback(error: "the #Fields header has no '\(missing)' column, so lines under it cannot be read")))
        }
        guard line.count >= layout.minimumFieldCount else {
            return .failure(
                LoaderFailure(
                    format: .cloudfront,
                    message: .fallback(
                        error: "expected at least \(layout.minimumFieldCount) tab-separated fields, found \(line.count)")))
        }

        let path = line.string(layout.uriStem)
        let api = CollectorAPI(path: path)
        guard isWanted(path, api) else {
            return .skipped(path: path)
        }

        let method = line.string(layout.method).uppercased()
        guard method == "GET" || method == "POST" else {
            return .failure(
                LoaderFailure(
                    format: .cloudfront,
                    message: .inputData(payloadField: "verb", value: method, expectation: "operation must be GET or POST")))
        }
        guard let timestamp = Timestamp.parseCollector(date: line.field(layout.date), time: line.field(layout.time))
        else {
            return .failure(
                LoaderFailure(
                    format: .cloudfront,
                    message: .inputData(
                        payloadField: "dateTime", value: line.string(layout.date) + " " + line.string(layout.time),
                        expectation: "could not convert timestamp: expected yyyy-MM-dd and HH:mm:ss[.SSS] in UTC")))
        }
        guard let api else {
            return .failure(
                LoaderFailure(
                    format: .cloudfront,
                    message: .inputData(
                        payloadField: "path", value: path,
                        expectation: "path does not match (/)vendor/version(/) nor is a legacy /i(ce.png) request")))
        }

        var rawQuerystring: [UInt8]?
        if let index = layout.index(layout.uriQuery, in: line.count), !line.isNull(index) {
            PercentDecoding.unwrapCloudFrontEscapes(line.field(index), into: &scratch)
            rawQuerystring = scratch
        }
        let userAgent = decodedHeader(line, layout.index(layout.userAgent, in: line.count), warnings: &warnings)
        let referer = decodedHeader(line, layout.index(layout.referer, in: line.count), warnings: &warnings)

        var ipAddress: String?
        if let index = layout.index(layout.forwardedFor, in: line.count), !line.isNull(index) {
            ipAddress = CloudFrontLoader.firstForwardedAddress(line.string(index))
        }
        if ipAddress == nil, let index = layout.index(layout.clientIP, in: line.count) {
            ipAddress = line.optionalString(index)
        }

        return .payload(
            CollectorPayload(
                format: .cloudfront, timestamp: timestamp, method: method, path: path, api: api,
                rawQuerystring: rawQuerystring, ipAddress: ipAddress, userAgent: userAgent, referer: referer,
                contentType: nil, body: nil))
    }

    private mutating func decodedHeader(_ line: SplitLine, _ index: Int?, warnings: inout DecodingWarnings) -> String? {
        guard let index, !line.isNull(index) else { return nil }
        PercentDecoding.unwrapCloudFrontEscapes(line.field(index), into: &scratch)
        return scratch.withUnsafeBufferPointer {
            PercentDecoding.decode($0, plusIsSpace: false, scratch: &decodeScratch, warnings: &warnings)
        }
    }

    /// Returns the first address in an `x-forwarded-for` value such as `203.0.113.10,%20198.51.100.7`, or nil
    /// when it does not start with something shaped like an IPv4 or IPv6 address.
    static func firstForwardedAddress(_ value: String) -> String? {
        var first = Substring(value)
        if let comma = first.firstIndex(of: ",") {
            first = first[..<comma]
        }
        first = first.drop(while: { $0 == " " || $0 == "\"" || $0 == "[" })
        var candidate = ""
        for scalar in first.unicodeScalars {
            if scalar == "]" || scalar == "\"" || scalar == " " || scalar == "%" { break }
            candidate.unicodeScalars.append(scalar)
        }
        let isAddressLike =
            !candidate.isEmpty && (candidate.contains(".") || candidate.contains(":"))
            && candidate.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit || $0 == "." || $0 == ":" }
        guard isAddressLike else { return nil }
        // An IPv4 address with a port, such as 1.2.3.4:8080, keeps only the address.
        if candidate.contains("."), let colon = candidate.firstIndex(of: ":"), candidate.filter({ $0 == ":" }).count == 1
        {
            candidate = String(candidate[..<colon])
        }
        return candidate
    }
}

/// The kind a log line turned out to be.
enum LineReading {
    /// A collector request to pass to an adapter.
    case payload(CollectorPayload)
    /// A request for a path this run does not process.
    case skipped(path: String)
    /// A line that does not fit the format.
    case failure(LoaderFailure)
}
