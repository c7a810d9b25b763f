/// CallRail's `call_complete` event schemas, versions 1-0-0, 1-0-1 and 1-0-2, built into the
/// program so that validation needs no Iglu repository.
///
/// Every version describes one flat object that allows no other properties. `id` (a string) and
/// `datetime` (an RFC 3339 date-time string) are required. `answered` and `first_call` are
/// booleans and `duration` a number; these and all other properties are optional and may be null.
/// 1-0-1 adds `device_type`, and 1-0-2 adds the six `customer_*` properties.
enum CallCompleteSchema {
    static let vendor = "com.callrail"
    static let name = "call_complete"

    /// The built-in versions, oldest first.
    static let versions = [
        SchemaVer(model: 1, revision: 0, addition: 0),
        SchemaVer(model: 1, revision: 0, addition: 1),
        SchemaVer(model: 1, revision: 0, addition: 2),
    ]

    /// The JSON type a property accepts.
    enum PropertyKind {
        case requiredString
        case requiredDateTime
        case nullableString
        case nullableBoolean
        case nullableNumber
    }

    /// Every property with the addition (in model 1, revision 0) that introduced it, in name order.
    static let properties: [(name: String, kind: PropertyKind, addedIn: Int)] = [
        ("answered", .nullableBoolean, 0),
        ("callercity", .nullableString, 0),
        ("callercountry", .nullableString, 0),
        ("callername", .nullableString, 0),
        ("callernum", .nullableString, 0),
        ("callerstate", .nullableString, 0),
        ("callerzip", .nullableString, 0),
        ("callsource", .nullableString, 0),
        ("customer_city", .nullableString, 2),
        ("customer_country", .nullableString, 2),
        ("customer_name", .nullableString, 2),
        ("customer_phone_number", .nullableString, 2),
        ("customer_state", .nullableString, 2),
        ("customer_zip", .nullableString, 2),
        ("datetime", .requiredDateTime, 0),
        ("destinationnum", .nullableString, 0),
        ("device_type", .nullableString, 1),
        ("duration", .nullableNumber, 0),
        ("first_call", .nullableBoolean, 0),
        ("ga", .nullableString, 0),
        ("gclid", .nullableString, 0),
        ("id", .requiredString, 0),
        ("ip", .nullableString, 0),
        ("keywords", .nullableString, 0),
        ("kissmetrics_id", .nullableString, 0),
        ("landingpage", .nullableString, 0),
        ("recording", .nullableString, 0),
        ("referrer", .nullableString, 0),
        ("referrermedium", .nullableString, 0),
        ("trackingnum", .nullableString, 0),
        ("transcription", .nullableString, 0),
        ("utm_campaign", .nullableString, 0),
        ("utm_content", .nullableString, 0),
        ("utm_medium", .nullableString, 0),
        ("utm_source", .nullableString, 0),
        ("utm_term", .nullableString, 0),
        ("utma", .nullableString, 0),
        ("utmb", .nullableString, 0),
        ("utmc", .nullableString, 0),
        ("utmv", .nullableString, 0),
        ("utmx", .nullableString, 0),
        ("utmz", .nullableString, 0),
    ]

    /// The key of a version.
    static func key(for version: SchemaVer) -> SchemaKey {
        SchemaKey(vendor: vendor, name: name, version: version)
    }

    /// The schema of a version, or nil for a version that is not built in.
    static func schema(for version: SchemaVer) -> JSONValue? {
        guard versions.contains(version) else { return nil }

        var propertySchemas = JSONObject()
        for property in properties where property.addedIn <= version.addition {
            propertySchemas[property.name] = propertySchema(property.kind)
        }
        let selfDescription: JSONValue = [
            "vendor": .string(vendor), "name": .string(name), "format": "jsonschema",
            "version": .string(version.description),
        ]
        return [
            "$schema": "http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#",
            "description": "A completed CallRail phone call, as CallRail's webhook reports it",
            "self": selfDescription,
            "type": "object",
            "properties": .object(propertySchemas),
            "required": ["datetime", "id"],
            "additionalProperties": false,
        ]
    }

    private static func propertySchema(_ kind: PropertyKind) -> JSONValue {
        switch kind {
        case .requiredString: return ["type": "string"]
        case .requiredDateTime: return ["type": "string", "format": "date-time"]
        case .nullableString: return ["type": ["string", "null"]]
        case .nullableBoolean: return ["type": ["boolean", "null"]]
        case .nullableNumber: return ["type": ["number", "null"]]
        }
    }
}
