/// The collector log formats the tool reads.
public enum CollectorFormat: String, Sendable, CaseIterable {
    /// CloudFront web-distribution standard (access) logs.
    case cloudfront
    /// Clojure-collector Tomcat access logs.
    case tomcat

    /// The loader name written into bad rows and used as the default `v_collector`.
    public var loaderName: String {
        switch self {
        case .cloudfront: return "cloudfront"
        case .tomcat: return "clj-tomcat"
        }
    }
}

/// One collector request as read from a log line, before any adapter looks at it.
public struct CollectorPayload: Sendable {
    /// The format the line was read as.
    public var format: CollectorFormat
    /// The collector timestamp (UTC).
    public var timestamp: Timestamp
    /// The HTTP method, upper-cased.
    public var method: String
    /// The request path as logged.
    public var path: String
    /// The adapter the path selects.
    public var api: CollectorAPI
    /// The querystring bytes ready for form decoding (CloudFront's `%25XX` already unwrapped), or nil
    /// when the request had none.
    public var rawQuerystring: [UInt8]?
    /// The client address, or nil when the log has none.
    public var ipAddress: String?
    /// The decoded User-Agent header.
    public var userAgent: String?
    /// The decoded Referer header.
    public var referer: String?
    /// The decoded Content-Type (Tomcat 17-field layout only).
    public var contentType: String?
    /// The decoded request body (Tomcat 17-field layout only).
    public var body: String?
}

/// A request path's vendor and version: `/com.callrail/v1` is (`com.callrail`, `v1`).
public struct CollectorAPI: Sendable, Hashable {
    public var vendor: String
    public var version: String

    public init(vendor: String, version: String) {
        self.vendor = vendor
        self.version = version
    }

    /// The CallRail webhook.
    public static let callRail = CollectorAPI(vendor: "com.callrail", version: "v1")

    /// Snowplow's legacy pixel (`/i`, `/ice.png`).
    public static let trackerProtocol1 = CollectorAPI(vendor: "com.snowplowanalytics.snowplow", version: "tp1")

    /// Reads `(/)vendor/version(/)`, or the legacy pixel paths `/i`, `/i?…` and `/ice.png…`; nil for
    /// any other path.
    public init?(path: String) {
        if path == "/com.callrail/v1" {
            self = .callRail
            return
        }
        var segments = Substring(path)
        if segments.hasPrefix("/") { segments = segments.dropFirst() }
        if segments.hasSuffix("/") { segments = segments.dropLast() }
        let parts = segments.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty {
            self.init(vendor: String(parts[0]), version: String(parts[1]))
            return
        }
        if path == "/i" || path.hasPrefix("/i?") || path.hasPrefix("/ice.png") {
            self = .trackerProtocol1
            return
        }
        return nil
    }
}
