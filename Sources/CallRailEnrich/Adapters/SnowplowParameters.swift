/// The Snowplow parameters a CallRail querystring may carry, each nil when absent. They become
/// atomic fields (`app_id`, `platform`, `v_collector`, `network_userid`, `event_id`, `true_tstamp`,
/// `page_url`) and never reach the call data.
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

    /// The parameters present, in a fixed order, for the raw event of a bad row.
    var present: [(name: String, value: String)] {
        [("aid", aid), ("cv", cv), ("nuid", nuid), ("tnuid", tnuid), ("eid", eid), ("ttm", ttm), ("url", url)]
            .compactMap { entry in entry.1.map { (entry.0, $0) } }
    }
}
