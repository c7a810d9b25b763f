/// Turns a `/com.callrail/v1` request into the parameters of one unstructured event whose data is a
/// `com.callrail/call_complete` object.
///
/// Snowplow's own parameters (`aid`, `p`, `cv`, `nuid`, `tnuid`, `eid`, `ttm`, `url`) are taken off
/// the querystring and never reach the call data. Every other key becomes a member, in querystring
/// order of first occurrence, with the last value of a repeated key. Values convert as follows: empty
/// is `null`; `answered` and `first_call` become booleans when exactly `true` or `false`; `duration`
/// becomes a number when it is an integer; `datetime` in `yyyy-MM-dd HH:mm:ss` (UTC) or ISO-8601
/// with an offset becomes `yyyy-MM-ddTHH:mm:ss.SSSZ` in UTC; anything else stays a string, for
/// validation to judge. `id` always stays a string.
public struct CallRailAdapter: Sendable {
    /// The querystring keys that carry Snowplow parameters rather than call data.
    public static let snowplowParameterNames: Set<String> = ["aid", "p", "cv", "nuid", "tnuid", "eid", "ttm", "url"]

    public init() {}

    /// Builds the event, or the reason there is none.
    /// - Parameters:
    ///   - parameters: the decoded querystring with duplicates collapsed, so names are unique.
    ///   - rawQuerystring: the querystring as logged, quoted in failure messages.
    public func adapt(parameters: [(name: String, value: String)], rawQuerystring: String?) -> Result<
        CallRailEvent, AdapterFailure
    > {
        var members: [(key: String, value: JSONValue)] = []
        return adapt(parameters: parameters, rawQuerystring: rawQuerystring, members: &members)
    }

    /// ``adapt(parameters:rawQuerystring:)`` building the call data in a reused array.
    func adapt(
        parameters: [(name: String, value: String)], rawQuerystring: @autoclosure () -> String?,
        members: inout [(key: String, value: JSONValue)]
    ) -> Result<CallRailEvent, AdapterFailure> {
        guard !parameters.isEmpty else {
            return .failure(
                AdapterFailure(
                    api: .callRail,
                    messages: [.init(field: "querystring", value: nil, expectation: "empty querystring")]))
        }

        var snowplow = SnowplowParameters()
        members.removeAll(keepingCapacity: true)
        for (name, value) in parameters {
            if snowplow.set(name, value) {
                continue
            } else {
                members.append((name, CallRailAdapter.convert(name: name, value: value)))
            }
        }
        guard !members.isEmpty else {
            let present = parameters.map(\.name).joined(separator: ", ")
            return .failure(
                AdapterFailure(
                    api: .callRail,
                    messages: [
                        .init(
                            field: "querystring", value: rawQuerystring(),
                            expectation:
                                "no CallRail parameters on the querystring (only \(present)); the request body is not read by the call_complete adapter"
                        )
                    ]))
        }
        return .success(CallRailEvent(snowplowParameters: snowplow, callData: JSONObject(uniqueMembers: members)))
    }

    /// Converts one CallRail value to JSON.
    static func convert(name: String, value: String) -> JSONValue {
        if value.isEmpty {
            return .null
        }
        switch name {
        case "answered", "first_call":
            if value == "true" { return .bool(true) }
            if value == "false" { return .bool(false) }
            return .string(value)
        case "duration":
            if let literal = integerLiteral(value) {
                return .number(JSONNumber(literal: literal))
            }
            return .string(value)
        case "datetime":
            if let timestamp = Timestamp.parseCallRailDateTime(value) {
                return .string(timestamp.isoFormat)
            }
            return .string(value)
        default:
            return .string(value)
        }
    }

    /// The canonical JSON literal of an optionally signed run of ASCII digits (`007` → `7`,
    /// `+5` → `5`, `-0` → `0`), or nil when the text is not an integer.
    static func integerLiteral(_ text: String) -> String? {
        var digits = Substring(text)
        var isNegative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            isNegative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let trimmed = digits.drop(while: { $0 == "0" })
        if trimmed.isEmpty {
            return "0"
        }
        return (isNegative ? "-" : "") + trimmed
    }
}

/// The adapter's output: Snowplow parameters for the atomic fields and the call data.
public struct CallRailEvent: Sendable {
    /// Values of `aid`, `p`, `cv`, `nuid`, `tnuid`, `eid`, `ttm` and `url` that were present.
    public var snowplowParameters: SnowplowParameters
    /// The `call_complete` object.
    public var callData: JSONObject
}

/// The Snowplow parameters a CallRail querystring may carry, each nil when absent.
public struct SnowplowParameters: Sendable, Equatable {
    public var aid: String?
    public var p: String?
    public var cv: String?
    public var nuid: String?
    public var tnuid: String?
    public var eid: String?
    public var ttm: String?
    public var url: String?

    public init() {}

    /// Stores the value when `name` is a Snowplow parameter and returns whether it was one. The
    /// length check first keeps this cheaper than hashing for the many CallRail keys.
    mutating func set(_ name: String, _ value: String) -> Bool {
        switch name.utf8.count {
        case 1:
            guard name == "p" else { return false }
            p = value
        case 2:
            guard name == "cv" else { return false }
            cv = value
        case 3:
            switch name {
            case "aid": aid = value
            case "eid": eid = value
            case "ttm": ttm = value
            case "url": url = value
            default: return false
            }
        case 4:
            guard name == "nuid" else { return false }
            nuid = value
        case 5:
            guard name == "tnuid" else { return false }
            tnuid = value
        default:
            return false
        }
        return true
    }

    /// The parameters present, in a fixed order, for bad rows.
    var present: [(name: String, value: String)] {
        [("aid", aid), ("cv", cv), ("nuid", nuid), ("tnuid", tnuid), ("eid", eid), ("ttm", ttm), ("url", url)]
            .compactMap { entry in entry.1.map { (entry.0, $0) } }
    }
}
