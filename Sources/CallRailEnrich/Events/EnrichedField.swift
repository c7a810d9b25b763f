/// The 131 fields of a Snowplow enriched event, in TSV order, with the longest value each text field may
/// hold (counted in UTF-16 code units, as Snowplow's atomic-field limits are) or nil when it has no limit.
public enum EnrichedField: Int, CaseIterable, Sendable {
    case app_id = 0
    case platform
    case etl_tstamp
    case collector_tstamp
    case dvce_created_tstamp
    case event
    case event_id
    case txn_id
    case name_tracker
    case v_tracker
    case v_collector
    case v_etl
    case user_id
    case user_ipaddress
    case user_fingerprint
    case domain_userid
    case domain_sessionidx
    case network_userid
    case geo_country
    case geo_region
    case geo_city
    case geo_zipcode
    case geo_latitude
    case geo_longitude
    case geo_region_name
    case ip_isp
    case ip_organization
    case ip_domain
    case ip_netspeed
    case page_url
    case page_title
    case page_referrer
    case page_urlscheme
    case page_urlhost
    case page_urlport
    case page_urlpath
    case page_urlquery
    case page_urlfragment
    case refr_urlscheme
    case refr_urlhost
    case refr_urlport
    case refr_urlpath
    case refr_urlquery
    case refr_urlfragment
    case refr_medium
    case refr_source
    case refr_term
    case mkt_medium
    case mkt_source
    case mkt_term
    case mkt_content
    case mkt_campaign
    case contexts
    case se_category
    case se_action
    case se_label
    case se_property
    case se_value
    case unstruct_event
    case tr_orderid
    case tr_affiliation
    case tr_total
    case tr_tax
    case tr_shipping
    case tr_city
    case tr_state
    case tr_country
    case ti_orderid
    case ti_sku
    case ti_name
    case ti_category
    case ti_price
    case ti_quantity
    case pp_xoffset_min
    case pp_xoffset_max
    case pp_yoffset_min
    case pp_yoffset_max
    case useragent
    case br_name
    case br_family
    case br_version
    case br_type
    case br_renderengine
    case br_lang
    case br_features_pdf
    case br_features_flash
    case br_features_java
    case br_features_director
    case br_features_quicktime
    case br_features_realplayer
    case br_features_windowsmedia
    case br_features_gears
    case br_features_silverlight
    case br_cookies
    case br_colordepth
    case br_viewwidth
    case br_viewheight
    case os_name
    case os_family
    case os_manufacturer
    case os_timezone
    case dvce_type
    case dvce_ismobile
    case dvce_screenwidth
    case dvce_screenheight
    case doc_charset
    case doc_width
    case doc_height
    case tr_currency
    case tr_total_base
    case tr_tax_base
    case tr_shipping_base
    case ti_currency
    case ti_price_base
    case base_currency
    case geo_timezone
    case mkt_clickid
    case mkt_network
    case etl_tags
    case dvce_sent_tstamp
    case refr_domain_userid
    case refr_dvce_tstamp
    case derived_contexts
    case domain_sessionid
    case derived_tstamp
    case event_vendor
    case event_name
    case event_format
    case event_version
    case event_fingerprint
    case true_tstamp

    /// The number of fields in a row.
    public static let count = 131

    /// The field's column name.
    public var name: String { EnrichedField.names[rawValue] }

    /// The maximum length of the field's value, or nil when the field is not length-checked.
    public var maximumLength: Int? { EnrichedField.maximumLengths[rawValue] }

    /// Column names by position.
    static let names: [String] = [
        "app_id",
        "platform",
        "etl_tstamp",
        "collector_tstamp",
        "dvce_created_tstamp",
        "event",
        "event_id",
        "txn_id",
        "name_tracker",
        "v_tracker",
        "v_collector",
        "v_etl",
        "user_id",
        "user_ipaddress",
        "user_fingerprint",
        "domain_userid",
        "domain_sessionidx",
        "network_userid",
        "geo_country",
        "geo_region",
        "geo_city",
        "geo_zipcode",
        "geo_latitude",
        "geo_longitude",
        "geo_region_name",
        "ip_isp",
        "ip_organization",
        "ip_domain",
        "ip_netspeed",
        "page_url",
        "page_title",
        "page_referrer",
        "page_urlscheme",
        "page_urlhost",
        "page_urlport",
        "page_urlpath",
        "page_urlquery",
        "page_urlfragment",
        "refr_urlscheme",
        "refr_urlhost",
        "refr_urlport",
        "refr_urlpath",
        "refr_urlquery",
        "refr_urlfragment",
        "refr_medium",
        "refr_source",
        "refr_term",
        "mkt_medium",
        "mkt_source",
        "mkt_term",
        "mkt_content",
        "mkt_campaign",
        "contexts",
        "se_category",
        "se_action",
        "se_label",
        "se_property",
        "se_value",
        "unstruct_event",
        "tr_orderid",
        "tr_affiliation",
        "tr_total",
        "tr_tax",
        "tr_shipping",
        "tr_city",
        "tr_state",
        "tr_country",
        "ti_orderid",
        "ti_sku",
        "ti_name",
        "ti_category",
        "ti_price",
        "ti_quantity",
        "pp_xoffset_min",
        "pp_xoffset_max",
        "pp_yoffset_min",
        "pp_yoffset_max",
        "useragent",
        "br_name",
        "br_family",
        "br_version",
        "br_type",
        "br_renderengine",
        "br_lang",
        "br_features_pdf",
        "br_features_flash",
        "br_features_java",
        "br_features_director",
        "br_features_quicktime",
        "br_features_realplayer",
        "br_features_windowsmedia",
        "br_features_gears",
        "br_features_silverlight",
        "br_cookies",
        "br_colordepth",
        "br_viewwidth",
        "br_viewheight",
        "os_name",
        "os_family",
        "os_manufacturer",
        "os_timezone",
        "dvce_type",
        "dvce_ismobile",
        "dvce_screenwidth",
        "dvce_screenheight",
        "doc_charset",
        "doc_width",
        "doc_height",
        "tr_currency",
        "tr_total_base",
        "tr_tax_base",
        "tr_shipping_base",
        "ti_currency",
        "ti_price_base",
        "base_currency",
        "geo_timezone",
        "mkt_clickid",
        "mkt_network",
        "etl_tags",
        "dvce_sent_tstamp",
        "refr_domain_userid",
        "refr_dvce_tstamp",
        "derived_contexts",
        "domain_sessionid",
        "derived_tstamp",
        "event_vendor",
        "event_name",
        "event_format",
        "event_version",
        "event_fingerprint",
        "true_tstamp",
    ]

    /// Maximum lengths by position.
    static let maximumLengths: [Int?] = [
        255,  // app_id
        255,  // platform
        nil,  // etl_tstamp
        nil,  // collector_tstamp
        nil,  // dvce_created_tstamp
        128,  // event
        36,  // event_id
        nil,  // txn_id
        128,  // name_tracker
        100,  // v_tracker
        100,  // v_collector
        100,  // v_etl
        255,  // user_id
        128,  // user_ipaddress
        128,  // user_fingerprint
        128,  // domain_userid
        nil,  // domain_sessionidx
        128,  // network_userid
        2,  // geo_country
        3,  // geo_region
        75,  // geo_city
        15,  // geo_zipcode
        nil,  // geo_latitude
        nil,  // geo_longitude
        100,  // geo_region_name
        100,  // ip_isp
        128,  // ip_organization
        128,  // ip_domain
        100,  // ip_netspeed
        10000,  // page_url
        2000,  // page_title
        10000,  // page_referrer
        16,  // page_urlscheme
        255,  // page_urlhost
        nil,  // page_urlport
        3000,  // page_urlpath
        6000,  // page_urlquery
        3000,  // page_urlfragment
        16,  // refr_urlscheme
        255,  // refr_urlhost
        nil,  // refr_urlport
        6000,  // refr_urlpath
        6000,  // refr_urlquery
        3000,  // refr_urlfragment
        25,  // refr_medium
        50,  // refr_source
        255,  // refr_term
        255,  // mkt_medium
        255,  // mkt_source
        255,  // mkt_term
        500,  // mkt_content
        255,  // mkt_campaign
        nil,  // contexts
        1000,  // se_category
        1000,  // se_action
        4096,  // se_label
        1000,  // se_property
        nil,  // se_value
        nil,  // unstruct_event
        255,  // tr_orderid
        255,  // tr_affiliation
        nil,  // tr_total
        nil,  // tr_tax
        nil,  // tr_shipping
        255,  // tr_city
        255,  // tr_state
        255,  // tr_country
        255,  // ti_orderid
        255,  // ti_sku
        255,  // ti_name
        255,  // ti_category
        nil,  // ti_price
        nil,  // ti_quantity
        nil,  // pp_xoffset_min
        nil,  // pp_xoffset_max
        nil,  // pp_yoffset_min
        nil,  // pp_yoffset_max
        1000,  // useragent
        50,  // br_name
        50,  // br_family
        50,  // br_version
        50,  // br_type
        50,  // br_renderengine
        255,  // br_lang
        nil,  // br_features_pdf
        nil,  // br_features_flash
        nil,  // br_features_java
        nil,  // br_features_director
        nil,  // br_features_quicktime
        nil,  // br_features_realplayer
        nil,  // br_features_windowsmedia
        nil,  // br_features_gears
        nil,  // br_features_silverlight
        nil,  // br_cookies
        12,  // br_colordepth
        nil,  // br_viewwidth
        nil,  // br_viewheight
        50,  // os_name
        50,  // os_family
        50,  // os_manufacturer
        255,  // os_timezone
        50,  // dvce_type
        nil,  // dvce_ismobile
        nil,  // dvce_screenwidth
        nil,  // dvce_screenheight
        128,  // doc_charset
        nil,  // doc_width
        nil,  // doc_height
        3,  // tr_currency
        nil,  // tr_total_base
        nil,  // tr_tax_base
        nil,  // tr_shipping_base
        3,  // ti_currency
        nil,  // ti_price_base
        3,  // base_currency
        64,  // geo_timezone
        1000,  // mkt_clickid
        64,  // mkt_network
        500,  // etl_tags
        nil,  // dvce_sent_tstamp
        128,  // refr_domain_userid
        nil,  // refr_dvce_tstamp
        nil,  // derived_contexts
        128,  // domain_sessionid
        nil,  // derived_tstamp
        1000,  // event_vendor
        1000,  // event_name
        128,  // event_format
        128,  // event_version
        128,  // event_fingerprint
        nil,  // true_tstamp
    ]

    /// Whether the bad-row schema types this field as an integer rather than a string.
    public var isInteger: Bool {
        switch self {
        case .txn_id, .domain_sessionidx, .page_urlport, .refr_urlport, .ti_quantity, .pp_xoffset_min, .pp_xoffset_max, .pp_yoffset_min, .pp_yoffset_max, .br_features_pdf, .br_features_flash, .br_features_java, .br_features_director, .br_features_quicktime, .br_features_realplayer, .br_features_windowsmedia, .br_features_gears, .br_features_silverlight, .br_cookies, .br_viewwidth, .br_viewheight, .dvce_ismobile, .dvce_screenwidth, .dvce_screenheight, .doc_width, .doc_height:
            return true
        default:
            return false
        }
    }
}
