/// Reads Clojure-collector Tomcat access-log lines.
///
/// The layout is 12, 15 or 17 TAB-separated fields: date, time, `-`, bytes, IP, method, host, path,
/// status, Referer, User-Agent, querystring, then `-` `-` `-`, then content type and base64url body.
/// The Referer is logged raw, the User-Agent form-encoded (`+` is a space) and the querystring raw,
/// so it is decoded once and `%25` is a real percent. The collector appends `&cv=…&nuid=…`.
struct TomcatLoader {
    private var decodeScratch: [UInt8] = []

    mutating func read(
        _ line: SplitLine, isWanted: (String, CollectorAPI?) -> Bool, warnings: inout DecodingWarnings
    ) -> LineReading {
        guard line.count == 12 || line.count == 15 || line.count == 17 else {
            return .failure(
                LoaderFailure(
                    format: .tomcat,
                    message: .fallback(error: "expected 12, 15 or 17 tab-separated fields, found \(line.count)")))
        }
        guard line.equals(2, "-") else {
            return .failure(
                LoaderFailure(
                    format: .tomcat,
                    message: .inputData(
                        payloadField: "x-edge-location", value: line.string(2),
                        expectation: "a Clojure-collector line has '-' in its third field")))
        }

        let path = line.string(7)
        let api = CollectorAPI(path: path)
        guard isWanted(path, api) else {
            return .skipped(path: path)
        }

        guard let timestamp = Timestamp.parseCollector(date: line.field(0), time: line.field(1)) else {
            return .failure(
                LoaderFailure(
                    format: .tomcat,
                    message: .inputData(
                        payloadField: "dateTime", value: line.string(0) + " " + line.string(1),
                        expectation: "could not convert timestamp: expected yyyy-MM-dd and HH:mm:ss[.SSS] in UTC")))
        }
        let method = line.string(5).uppercased()
        var contentType: String?
        var body: String?
        if line.count == 17 {
            if !line.isNull(15) {
                contentType = PercentDecoding.decode(
                    line.field(15), plusIsSpace: true, scratch: &decodeScratch, warnings: &warnings)
            }
            if !line.isNull(16) {
                body = TomcatLoader.decodeBase64URL(line.field(16), warnings: &warnings)
            }
            if body != nil && method != "POST" {
                return .failure(
                    LoaderFailure(
                        format: .tomcat,
                        message: .inputData(
                            payloadField: "verb", value: method,
                            expectation: "operation must be POST if content type and/or body are provided")))
            }
        }
        guard let api else {
            return .failure(
                LoaderFailure(
                    format: .tomcat,
                    message: .inputData(
                        payloadField: "path", value: path,
                        expectation: "path does not match (/)vendor/version(/) nor is a legacy /i(ce.png) request")))
        }

        var rawQuerystring: [UInt8]?
        if !line.isNull(11) {
            rawQuerystring = Array(line.field(11))
        }
        var userAgent: String?
        if !line.isNull(10) {
            userAgent = PercentDecoding.decode(line.field(10), plusIsSpace: true, scratch: &decodeScratch, warnings: &warnings)
        }
        var referer: String?
        if !line.isNull(9) {
            referer = PercentDecoding.makeString(line.field(9), isASCII: !line.field(9).contains { $0 >= 0x80 }, warnings: &warnings)
        }
        return .payload(
            CollectorPayload(
                format: .tomcat, timestamp: timestamp, method: method, path: path, api: api,
                rawQuerystring: rawQuerystring, ipAddress: line.optionalString(4), userAgent: userAgent,
                referer: referer, contentType: contentType, body: body))
    }

    /// Decodes base64 in the URL-safe alphabet, accepting the standard `+` and `/` too. Padding is
    /// optional and other characters are skipped. The bytes are read as UTF-8 with U+FFFD replacements.
    static func decodeBase64URL(_ text: UnsafeBufferPointer<UInt8>, warnings: inout DecodingWarnings) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in text {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "-"), UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "_"), UInt8(ascii: "/"): value = 63
            default: continue
            }
            accumulator = accumulator << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return output.withUnsafeBufferPointer {
            PercentDecoding.makeString($0, isASCII: !$0.contains { $0 >= 0x80 }, warnings: &warnings)
        }
    }
}
