import Testing

@testable import CallRailEnrich

/// The CallRail request of Snowplow's Clojure-collector fixture, with TABs between the fields.
let workedExampleQuerystring =
    "aid=bnb&answered=true&callercity=BAKERSFIELD&callercountry=US&callername=SKYPE+CALLER&callernum=%2B16617240240&callerstate=CA&callerzip=93307&callsource=keyword&datetime=2014-10-09+16%3A23%3A45&destinationnum=2015014231&duration=247&first_call=true&ga=&gclid=&id=305895151&ip=86.178.183.7&keywords=&kissmetrics_id=&landingpage=http%3A%2F%2Flndpage.com%2F&recording=http%3A%2F%2Fapp.callrail.com%2Fcalls%2F305895151%2Frecording%2F9f59ad59ba1cfa964372&referrer=direct&referrermedium=Direct&trackingnum=%2B12015911668&transcription=&utm_campaign=&utm_content=&utm_medium=&utm_source=&utm_term=&utma=&utmb=&utmc=&utmv=&utmx=&utmz=&cv=clj-0.6.0-tom-0.0.4&nuid=-"

let workedExampleTomcatLine =
    "2014-10-09\t16:28:31\t-\t13\t255.255.255.255\tPOST\t255.255.255.255\t/com.callrail/v1\t404\t-\t-\t"
    + workedExampleQuerystring + "\t-\t-\t-"

/// The same request as CloudFront would log it: every `%` of the querystring escaped as `%25`.
let workedExampleCloudFrontLine =
    "2014-10-09\t16:28:31\tLAX1\t13\t255.255.255.255\tPOST\td111111abcdef8.cloudfront.net\t/com.callrail/v1\t404\t-\t-\t"
    + workedExampleQuerystring.replacingOccurrences(of: "%", with: "%25") + "\t-\tHit\tabc==\tcollector.example.com\thttps\t900"

/// The call data Snowplow emits for the worked example, member by member.
let workedExampleCallData: [(String, JSONValue)] = [
    ("answered", .bool(true)), ("callercity", .string("BAKERSFIELD")), ("callercountry", .string("US")),
    ("callername", .string("SKYPE CALLER")), ("callernum", .string("+16617240240")), ("callerstate", .string("CA")),
    ("callerzip", .string("93307")), ("callsource", .string("keyword")),
    ("datetime", .string("2014-10-09T16:23:45.000Z")), ("destinationnum", .string("2015014231")),
    ("duration", .number(JSONNumber(247))), ("first_call", .bool(true)), ("ga", .null), ("gclid", .null),
    ("id", .string("305895151")), ("ip", .string("86.178.183.7")), ("keywords", .null), ("kissmetrics_id", .null),
    ("landingpage", .string("http://lndpage.com/")),
    ("recording", .string("http://app.callrail.com/calls/305895151/recording/9f59ad59ba1cfa964372")),
    ("referrer", .string("direct")), ("referrermedium", .string("Direct")), ("trackingnum", .string("+12015911668")),
    ("transcription", .null), ("utm_campaign", .null), ("utm_content", .null), ("utm_medium", .null),
    ("utm_source", .null), ("utm_term", .null), ("utma", .null), ("utmb", .null), ("utmc", .null), ("utmv", .null),
    ("utmx", .null), ("utmz", .null),
]

@Suite struct WorkedExampleTests {
    /// The fields the worked example fills, with the values Snowplow's reference row has, except
    /// `v_etl` (this tool's name), `network_userid` (`-` means no cookie, so it is null here) and
    /// the pinned `etl_tstamp`.
    static let expectedFields: [EnrichedField: String] = [
        .app_id: "bnb", .platform: "srv", .etl_tstamp: "2024-01-01 00:00:00.000",
        .collector_tstamp: "2014-10-09 16:28:31.000", .event: "unstruct", .v_tracker: "com.callrail-v1",
        .v_collector: "clj-0.6.0-tom-0.0.4", .v_etl: "callrail-enrich-0.1.0", .user_ipaddress: "255.255.255.255",
        .derived_tstamp: "2014-10-09 16:28:31.000", .event_vendor: "com.callrail", .event_name: "call_complete",
        .event_format: "jsonschema", .event_version: "1-0-2",
    ]

    @Test func tomcatLineGivesTheReferenceRowFieldByField() throws {
        let output = process([workedExampleTomcatLine])
        #expect(output.counts.enriched == 1)
        #expect(output.bad.isEmpty)
        let row = try #require(enrichedRows(output).first)
        #expect(row.count == 131)
        for field in EnrichedField.allCases where field != .event_id && field != .unstruct_event {
            #expect(row[field.rawValue] == (Self.expectedFields[field] ?? ""), "field \(field.name)")
        }
        #expect(EventID.canonical(field(row, .event_id)) == field(row, .event_id))
        #expect(field(row, .event_id).dropFirst(14).first == "5")
    }

    @Test func tomcatLineCarriesTheReferenceCallData() throws {
        let row = try #require(enrichedRows(process([workedExampleTomcatLine])).first)
        let expected =
            #"{"schema":"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0","data":{"schema":"iglu:com.callrail/call_complete/jsonschema/1-0-2","data":"#
            + JSONValue.object(JSONObject(workedExampleCallData.map { ($0.0, $0.1) })).compactText + "}}"
        // Keys keep querystring order, so the exact text is known.
        #expect(field(row, .unstruct_event) == expected)
    }

    @Test func cloudFrontLineGivesTheSameEvent() throws {
        let tomcat = try #require(enrichedRows(process([workedExampleTomcatLine])).first)
        let cloudFront = try #require(enrichedRows(process([workedExampleCloudFrontLine])).first)
        for field in EnrichedField.allCases where field != .event_id {
            #expect(tomcat[field.rawValue] == cloudFront[field.rawValue], "field \(field.name)")
        }
    }
}
