#!/usr/bin/env python3
"""Enrich CallRail webhooks from collector logs with a plain Python script.

This is the benchmark's comparison point: the script a data engineer could write instead of
callrail-enrich, built on the standard library and written to be reasonably fast, but with
no tricks. It reads gzipped (or plain) CloudFront and Clojure-collector Tomcat logs, turns
every /com.callrail/v1 request into a Snowplow enriched event (131-field TSV) validated
against call_complete 1-0-2, and writes every failure as a self-describing bad row.

Usage: python3 bench/peer.py --output OUTDIR INPUT...
Writes OUTDIR/enriched.tsv.gz and OUTDIR/bad.jsonl.gz (gzip level 1), replacing them if they
exist, and prints the line counts to stderr.

Differences from callrail-enrich, none of which changes the work done per line much:
- Columns are read by position, not from the #Fields: header.
- Event ids use this script's own UUID v5 namespace, so they differ from the tool's ids.
- Bad rows follow Snowplow's self-describing shapes but are not validated against their
  schemas, and values are not cut to the schemas' maximum lengths.
- No report.json, no atomic run folder, no line-length limit and no damage report for a
  truncated gzip file (Python raises EOFError there and the script stops).
"""

import argparse
import datetime
import gzip
import io
import json
import re
import sys
import uuid
from pathlib import Path
from urllib.parse import parse_qsl, unquote, unquote_plus, urlsplit

PROCESSOR = {"artifact": "callrail-enrich-peer", "version": "1.0.0"}
V_ETL = "callrail-enrich-peer-1.0.0"
EVENT_ID_NAMESPACE = uuid.UUID("cddd7e72-7a50-47de-b15b-60be06bf8bf0")

UNSTRUCT_EVENT_SCHEMA = "iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0"
CALL_COMPLETE_SCHEMA = "iglu:com.callrail/call_complete/jsonschema/1-0-2"
BAD_ROW_SCHEMA_PREFIX = "iglu:com.snowplowanalytics.snowplow.badrows/"
FORMAT_VIOLATION_SCHEMA = (BAD_ROW_SCHEMA_PREFIX
                           + "collector_payload_format_violation/jsonschema/1-0-0")
ADAPTER_FAILURES_SCHEMA = BAD_ROW_SCHEMA_PREFIX + "adapter_failures/jsonschema/1-0-0"
SCHEMA_VIOLATIONS_SCHEMA = BAD_ROW_SCHEMA_PREFIX + "schema_violations/jsonschema/2-0-1"

CALLRAIL_PATHS = frozenset(("/com.callrail/v1", "/com.callrail/v1/", "com.callrail/v1"))

# The enriched event's 131 fields, in TSV order.
FIELD_NAMES = (
    "app_id", "platform", "etl_tstamp", "collector_tstamp", "dvce_created_tstamp", "event",
    "event_id", "txn_id", "name_tracker", "v_tracker", "v_collector", "v_etl", "user_id",
    "user_ipaddress", "user_fingerprint", "domain_userid", "domain_sessionidx",
    "network_userid", "geo_country", "geo_region", "geo_city", "geo_zipcode", "geo_latitude",
    "geo_longitude", "geo_region_name", "ip_isp", "ip_organization", "ip_domain",
    "ip_netspeed", "page_url", "page_title", "page_referrer", "page_urlscheme",
    "page_urlhost", "page_urlport", "page_urlpath", "page_urlquery", "page_urlfragment",
    "refr_urlscheme", "refr_urlhost", "refr_urlport", "refr_urlpath", "refr_urlquery",
    "refr_urlfragment", "refr_medium", "refr_source", "refr_term", "mkt_medium",
    "mkt_source", "mkt_term", "mkt_content", "mkt_campaign", "contexts", "se_category",
    "se_action", "se_label", "se_property", "se_value", "unstruct_event", "tr_orderid",
    "tr_affiliation", "tr_total", "tr_tax", "tr_shipping", "tr_city", "tr_state",
    "tr_country", "ti_orderid", "ti_sku", "ti_name", "ti_category", "ti_price",
    "ti_quantity", "pp_xoffset_min", "pp_xoffset_max", "pp_yoffset_min", "pp_yoffset_max",
    "useragent", "br_name", "br_family", "br_version", "br_type", "br_renderengine",
    "br_lang", "br_features_pdf", "br_features_flash", "br_features_java",
    "br_features_director", "br_features_quicktime", "br_features_realplayer",
    "br_features_windowsmedia", "br_features_gears", "br_features_silverlight",
    "br_cookies", "br_colordepth", "br_viewwidth", "br_viewheight", "os_name", "os_family",
    "os_manufacturer", "os_timezone", "dvce_type", "dvce_ismobile", "dvce_screenwidth",
    "dvce_screenheight", "doc_charset", "doc_width", "doc_height", "tr_currency",
    "tr_total_base", "tr_tax_base", "tr_shipping_base", "ti_currency", "ti_price_base",
    "base_currency", "geo_timezone", "mkt_clickid", "mkt_network", "etl_tags",
    "dvce_sent_tstamp", "refr_domain_userid", "refr_dvce_tstamp", "derived_contexts",
    "domain_sessionid", "derived_tstamp", "event_vendor", "event_name", "event_format",
    "event_version", "event_fingerprint", "true_tstamp",
)
FIELD = {name: index for index, name in enumerate(FIELD_NAMES)}
assert len(FIELD_NAMES) == 131

# Snowplow Enrich's default maximum lengths, in characters, of the atomic fields set here.
MAX_LENGTHS = {"app_id": 255, "platform": 255, "v_collector": 100, "user_ipaddress": 128,
               "network_userid": 128, "page_url": 10000, "page_urlscheme": 16,
               "page_urlhost": 255, "page_urlpath": 3000, "page_urlquery": 6000,
               "page_urlfragment": 3000, "useragent": 1000}

PLATFORMS = frozenset(("web", "iot", "app", "mob", "pc", "cnsl", "tv", "srv", "headset"))

# Property types of call_complete 1-0-2. Every property except id and datetime may be null.
CALL_COMPLETE_BOOLEANS = frozenset(("answered", "first_call"))
CALL_COMPLETE_NUMBERS = frozenset(("duration",))
CALL_COMPLETE_STRINGS = frozenset((
    "callercity", "callercountry", "callername", "callernum", "callerstate", "callerzip",
    "callsource", "customer_city", "customer_country", "customer_name",
    "customer_phone_number", "customer_state", "customer_zip", "destinationnum",
    "device_type", "ga", "gclid", "ip", "keywords", "kissmetrics_id", "landingpage",
    "recording", "referrer", "referrermedium", "trackingnum", "transcription",
    "utm_campaign", "utm_content", "utm_medium", "utm_source", "utm_term", "utma", "utmb",
    "utmc", "utmv", "utmx", "utmz",
))
CALL_COMPLETE_REQUIRED = ("datetime", "id")

# The lookahead leaves the two hex digits in place, so the replacement is a plain string.
ESCAPED_PERCENT = re.compile(r"%25(?=[0-9A-Fa-f]{2})")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
LOG_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
LOG_TIME = re.compile(r"[0-9]{2}:[0-9]{2}:[0-9]{2}")
INTEGER = re.compile(r"[+-]?[0-9]+")
CALLRAIL_DATETIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})")
RFC3339_DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}"
                               r"(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})")
UUID_TEXT = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                       r"[0-9a-fA-F]{12}")
MILLISECONDS = re.compile(r"[0-9]{1,13}")

OUTPUT_BATCH_LINES = 10_000


class LineError(Exception):
    """A line that cannot become an event. Carries the bad row as JSON text."""

    def __init__(self, bad_row):
        super().__init__(bad_row)
        self.bad_row = bad_row


def unwrap_escaped_percent(text):
    """Turn CloudFront's %25XX back into %XX, once."""
    if "%25" in text:
        return ESCAPED_PERCENT.sub("%", text)
    return text


def clean_atomic(value):
    """Make a value TSV-safe: TAB becomes four spaces, other control characters go."""
    if CONTROL_CHARACTERS.search(value):
        value = CONTROL_CHARACTERS.sub("", value.replace("\t", "    "))
    return value


def convert_datetime(value):
    """Rewrite 'yyyy-MM-dd HH:mm:ss' (read as UTC) or an ISO-8601 time with an offset as
    'yyyy-MM-ddTHH:mm:ss.SSSZ' in UTC. Any other value is returned unchanged."""
    match = CALLRAIL_DATETIME.fullmatch(value)
    if match:
        try:
            datetime.datetime(*map(int, match.groups()))
        except ValueError:
            return value
        return f"{value[:10]}T{value[11:]}.000Z"
    if RFC3339_DATE_TIME.fullmatch(value):
        try:
            moment = datetime.datetime.fromisoformat(value.replace("z", "Z").replace("t", "T"))
        except ValueError:
            return value
        utc = moment.astimezone(datetime.timezone.utc)
        return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
    return value


def convert_value(key, value):
    """Convert one CallRail value to its JSON value."""
    if value == "":
        return None
    if key in CALL_COMPLETE_BOOLEANS:
        if value == "true":
            return True
        if value == "false":
            return False
        return value
    if key == "duration":
        return int(value) if INTEGER.fullmatch(value) else value
    if key == "datetime":
        return convert_datetime(value)
    return value


def json_type_name(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return "string"


def validate_call_complete(data):
    """Return the call_complete 1-0-2 data reports for the call data (empty when valid)."""
    reports = []
    for key, value in data.items():
        if key in CALL_COMPLETE_STRINGS:
            expected = ("string", "null")
        elif key in CALL_COMPLETE_BOOLEANS:
            expected = ("boolean", "null")
        elif key in CALL_COMPLETE_NUMBERS:
            expected = ("number", "null")
        elif key in CALL_COMPLETE_REQUIRED:
            expected = ("string",)
        else:
            reports.append({
                "message": f"$.{key}: is not defined in the schema and the schema does not "
                           f"allow additional properties",
                "path": "$", "keyword": "additionalProperties", "targets": [key]})
            continue

        actual = json_type_name(value)
        if actual not in expected:
            reports.append({
                "message": f"$.{key}: {actual} found, {' or '.join(expected)} expected",
                "path": f"$.{key}", "keyword": "type", "targets": list(expected)})
        elif key == "datetime" and not RFC3339_DATE_TIME.fullmatch(value):
            reports.append({
                "message": f"$.datetime: {json.dumps(value, ensure_ascii=False)} is not a "
                           f"valid RFC 3339 date-time",
                "path": "$.datetime", "keyword": "format", "targets": ["date-time"]})

    for key in CALL_COMPLETE_REQUIRED:
        if key not in data:
            reports.append({"message": f"$.{key}: is missing but it is required",
                            "path": "$", "keyword": "required", "targets": [key]})
    return reports


def compact_json(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


class Enricher:
    """Turns collector log lines into enriched TSV lines or bad row JSON lines."""

    def __init__(self, etl_timestamp):
        self.etl_tstamp = etl_timestamp.strftime("%Y-%m-%d %H:%M:%S.") + \
            f"{etl_timestamp.microsecond // 1000:03d}"
        self.failure_timestamp = etl_timestamp.strftime("%Y-%m-%dT%H:%M:%S.") + \
            f"{etl_timestamp.microsecond // 1000:03d}Z"
        self.empty_row = [""] * len(FIELD_NAMES)
        self.counts = {"read": 0, "enriched": 0, "bad": 0, "skipped": 0, "headers": 0,
                       "blank": 0}
        self.skipped_paths = {}

    # Bad rows ------------------------------------------------------------------------------

    def format_violation(self, line, loader, message):
        return compact_json({"schema": FORMAT_VIOLATION_SCHEMA, "data": {
            "processor": PROCESSOR,
            "failure": {"timestamp": self.failure_timestamp, "loader": loader,
                        "message": message},
            "payload": line}})

    @staticmethod
    def collector_payload(request, pairs):
        return {
            "vendor": "com.callrail", "version": "v1",
            "querystring": [{"name": name, "value": value} for name, value in pairs],
            "contentType": None, "body": None, "collector": request["loader"],
            "encoding": "UTF-8", "hostname": None, "timestamp": request["timestamp_iso"],
            "ipAddress": request["ip"] or None, "useragent": request["raw_useragent"] or None,
            "refererUri": request["raw_referer"] or None, "headers": [], "networkUserId": None,
        }

    def adapter_failure(self, request, pairs, query, expectation):
        return compact_json({"schema": ADAPTER_FAILURES_SCHEMA, "data": {
            "processor": PROCESSOR,
            "failure": {"timestamp": self.failure_timestamp, "vendor": "com.callrail",
                        "version": "v1",
                        "messages": [{"field": "querystring", "value": query or None,
                                      "expectation": expectation}]},
            "payload": self.collector_payload(request, pairs)}})

    def schema_violation(self, request, row, parameters, messages):
        # A failed event carries no unstruct event and no event_* fields.
        for name in ("unstruct_event", "event_vendor", "event_name", "event_format",
                     "event_version"):
            row[FIELD[name]] = ""
        enriched = {name: (value if value != "" else None)
                    for name, value in zip(FIELD_NAMES, row)}
        raw = {
            "vendor": "com.callrail", "version": "v1",
            "parameters": [{"name": name, "value": value} for name, value in parameters.items()],
            "contentType": None, "loaderName": request["loader"], "encoding": "UTF-8",
            "hostname": None, "timestamp": request["timestamp_iso"],
            "ipAddress": request["ip"] or None, "useragent": request["raw_useragent"] or None,
            "refererUri": request["raw_referer"] or None, "headers": [], "userId": None,
        }
        return compact_json({"schema": SCHEMA_VIOLATIONS_SCHEMA, "data": {
            "processor": PROCESSOR,
            "failure": {"timestamp": self.failure_timestamp, "messages": messages},
            "payload": {"enriched": enriched, "raw": raw}}})

    # Collector log layouts -----------------------------------------------------------------

    def read_request(self, line, fields):
        """Read the request fields of a CloudFront or Tomcat line.

        A third field of '-' marks a Tomcat line. Raises LineError for a line that fits
        neither layout, has an invalid timestamp or a method other than GET and POST.
        """
        if len(fields) < 12:
            raise LineError(self.format_violation(line, "cloudfront", {
                "error": f"expected at least 12 tab-separated fields, found {len(fields)}"}))

        if fields[2] == "-":
            loader = "clj-tomcat"
            query = fields[11]
            raw_useragent = fields[10]
            raw_referer = fields[9]
            useragent = unquote_plus(raw_useragent) if raw_useragent != "-" else ""
            referer = raw_referer if raw_referer != "-" else ""
            ip = fields[4].split(",")[0].strip()
        else:
            loader = "cloudfront"
            query = fields[11]
            query = unwrap_escaped_percent(query) if query != "-" else ""
            raw_useragent = unwrap_escaped_percent(fields[10])
            raw_referer = unwrap_escaped_percent(fields[9])
            useragent = unquote(raw_useragent) if raw_useragent != "-" else ""
            referer = unquote(raw_referer) if raw_referer != "-" else ""
            forwarded_for = fields[19] if len(fields) > 19 else "-"
            if forwarded_for != "-":
                ip = forwarded_for.split(",")[0].strip().strip('"[]')
            else:
                ip = fields[4]

        date, clock = fields[0], fields[1]
        if not (LOG_DATE.fullmatch(date) and LOG_TIME.fullmatch(clock)):
            raise LineError(self.format_violation(line, loader, {
                "payloadField": "timestamp", "value": f"{date} {clock}",
                "expectation": "date yyyy-MM-dd and time HH:mm:ss"}))
        method = fields[5].upper()
        if method not in ("GET", "POST"):
            raise LineError(self.format_violation(line, loader, {
                "payloadField": "verb", "value": method,
                "expectation": "operation must be GET or POST"}))

        return {
            "loader": loader, "path": fields[7], "query": query,
            "collector_tstamp": f"{date} {clock}.000",
            "timestamp_iso": f"{date}T{clock}.000Z",
            "ip": "" if ip == "-" else ip,
            "useragent": useragent, "raw_useragent": "" if raw_useragent == "-" else raw_useragent,
            "referer": referer, "raw_referer": "" if raw_referer == "-" else raw_referer,
        }

    # CallRail adapter and enrichment ---------------------------------------------------------

    def enrich(self, line, request):
        """Build the enriched TSV line for a CallRail request.

        Raises LineError with an adapter_failures or schema_violations bad row instead.
        """
        query = request["query"]
        pairs = parse_qsl(query, keep_blank_values=True)
        # dict keeps each key where it first appeared and the value it last had.
        parameters = dict(pairs)

        app_id = parameters.pop("aid", "")
        platform = parameters.pop("p", "") or "srv"
        collector = parameters.pop("cv", "") or request["loader"]
        network_userid = parameters.pop("nuid", "")
        network_userid = parameters.pop("tnuid", "") or network_userid
        event_id = parameters.pop("eid", "")
        true_tstamp_ms = parameters.pop("ttm", "")
        page_url = parameters.pop("url", "") or request["referer"]
        if not parameters:
            expectation = "empty querystring" if not pairs else "no CallRail parameters"
            raise LineError(self.adapter_failure(request, pairs, query, expectation))

        data = {key: convert_value(key, value) for key, value in parameters.items()}
        reports = validate_call_complete(data)

        row = self.empty_row.copy()
        row[FIELD["app_id"]] = clean_atomic(app_id)
        row[FIELD["platform"]] = clean_atomic(platform)
        row[FIELD["etl_tstamp"]] = self.etl_tstamp
        row[FIELD["collector_tstamp"]] = request["collector_tstamp"]
        row[FIELD["event"]] = "unstruct"
        row[FIELD["v_tracker"]] = "com.callrail-v1"
        row[FIELD["v_collector"]] = clean_atomic(collector)
        row[FIELD["v_etl"]] = V_ETL
        row[FIELD["user_ipaddress"]] = clean_atomic(request["ip"])
        if network_userid == "-":
            network_userid = ""
        row[FIELD["network_userid"]] = clean_atomic(network_userid)
        # The user agent keeps its other control characters, as Snowplow's does.
        useragent = request["useragent"]
        useragent = useragent.replace("\t", "    ").replace("\r", "").replace("\n", "")
        row[FIELD["useragent"]] = useragent
        row[FIELD["unstruct_event"]] = compact_json({"schema": UNSTRUCT_EVENT_SCHEMA, "data": {
            "schema": CALL_COMPLETE_SCHEMA, "data": data}})
        row[FIELD["event_vendor"]] = "com.callrail"
        row[FIELD["event_name"]] = "call_complete"
        row[FIELD["event_format"]] = "jsonschema"
        row[FIELD["event_version"]] = "1-0-2"

        atomic_reports = []
        if event_id:
            if UUID_TEXT.fullmatch(event_id):
                row[FIELD["event_id"]] = event_id.lower()
            else:
                atomic_reports.append(("eid", event_id, "not a UUID"))
        if not row[FIELD["event_id"]]:
            row[FIELD["event_id"]] = str(uuid.uuid5(EVENT_ID_NAMESPACE, line))
        row[FIELD["derived_tstamp"]] = row[FIELD["collector_tstamp"]]
        if true_tstamp_ms:
            if MILLISECONDS.fullmatch(true_tstamp_ms):
                moment = datetime.datetime.fromtimestamp(int(true_tstamp_ms) / 1000,
                                                          datetime.timezone.utc)
                row[FIELD["true_tstamp"]] = moment.strftime("%Y-%m-%d %H:%M:%S.") + \
                    f"{int(true_tstamp_ms) % 1000:03d}"
                row[FIELD["derived_tstamp"]] = row[FIELD["true_tstamp"]]
            else:
                atomic_reports.append((
                    "ttm", true_tstamp_ms, "not milliseconds since the epoch"))
        if page_url:
            row[FIELD["page_url"]] = clean_atomic(page_url)
            parts = urlsplit(row[FIELD["page_url"]])
            row[FIELD["page_urlscheme"]] = parts.scheme
            row[FIELD["page_urlhost"]] = parts.hostname or ""
            try:
                port = parts.port or (443 if parts.scheme == "https" else 80)
                row[FIELD["page_urlport"]] = str(port)
            except ValueError:
                atomic_reports.append(("url", page_url, "invalid port"))
            row[FIELD["page_urlpath"]] = parts.path
            row[FIELD["page_urlquery"]] = parts.query
            row[FIELD["page_urlfragment"]] = parts.fragment
        if row[FIELD["platform"]] not in PLATFORMS:
            atomic_reports.append(
                ("p", row[FIELD["platform"]], f"not one of {' '.join(sorted(PLATFORMS))}"))
        for name, maximum in MAX_LENGTHS.items():
            if len(row[FIELD[name]]) > maximum:
                atomic_reports.append((name, row[FIELD[name]],
                                       f"longer than the maximum of {maximum} characters"))

        if reports or atomic_reports:
            messages = []
            if reports:
                messages.append({"schemaKey": CALL_COMPLETE_SCHEMA, "error": {
                    "error": "ValidationError", "dataReports": reports}})
            for field, value, error in atomic_reports:
                messages.append({"field": field, "value": value, "error": error})
            raise LineError(self.schema_violation(request, row, parameters, messages))
        return "\t".join(row)

    # Driver ----------------------------------------------------------------------------------

    def process(self, stream, enriched_out, bad_out):
        """Enrich every line of a text stream, writing in batches to the two outputs."""
        counts = self.counts
        skipped_paths = self.skipped_paths
        enriched_batch = []
        bad_batch = []
        for line in stream:
            counts["read"] += 1
            if line.endswith("\n"):
                line = line[:-1]
            if line.endswith("\r"):
                line = line[:-1]
            if not line:
                counts["blank"] += 1
                continue
            if line[0] == "#":
                counts["headers"] += 1
                continue

            fields = line.split("\t")
            try:
                request = self.read_request(line, fields)
                if request["path"] not in CALLRAIL_PATHS:
                    counts["skipped"] += 1
                    path = request["path"]
                    skipped_paths[path] = skipped_paths.get(path, 0) + 1
                    continue
                enriched_batch.append(self.enrich(line, request))
                counts["enriched"] += 1
            except LineError as error:
                bad_batch.append(error.bad_row)
                counts["bad"] += 1

            if len(enriched_batch) >= OUTPUT_BATCH_LINES:
                enriched_batch.append("")
                enriched_out.write("\n".join(enriched_batch))
                enriched_batch.clear()
            if len(bad_batch) >= OUTPUT_BATCH_LINES:
                bad_batch.append("")
                bad_out.write("\n".join(bad_batch))
                bad_batch.clear()

        for batch, out in ((enriched_batch, enriched_out), (bad_batch, bad_out)):
            if batch:
                batch.append("")
                out.write("\n".join(batch))


def open_log(path):
    """Open a log as text, gunzipping it when it starts with the gzip magic bytes."""
    raw = open(path, "rb")
    if raw.peek(2)[:2] == b"\x1f\x8b":
        raw = gzip.GzipFile(fileobj=raw, mode="rb")
    return io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="\n")


def parse_etl_timestamp(text):
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid timestamp {text!r}; expected ISO-8601 such as 2024-01-01T00:00:00Z")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.astimezone(datetime.timezone.utc)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Turn CallRail webhooks in CloudFront or Clojure-collector Tomcat logs into "
                    "Snowplow enriched events and bad rows (the benchmark's Python peer).")
    parser.add_argument("--output", required=True, type=Path,
                        help="directory for enriched.tsv.gz and bad.jsonl.gz (created if missing)")
    parser.add_argument("--etl-timestamp", type=parse_etl_timestamp,
                        default=datetime.datetime.now(datetime.timezone.utc),
                        help="etl_tstamp of every event, ISO-8601 (default: now)")
    parser.add_argument("--quiet", action="store_true", help="do not print the counts")
    parser.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                        help="log file, gzipped or plain")
    arguments = parser.parse_args(argv)

    for path in arguments.inputs:
        if not path.is_file():
            parser.error(f"input {path} is not a file or does not exist")

    arguments.output.mkdir(parents=True, exist_ok=True)
    enricher = Enricher(arguments.etl_timestamp)
    with gzip.open(arguments.output / "enriched.tsv.gz", "wt", compresslevel=1,
                   encoding="utf-8", newline="\n") as enriched_out, \
            gzip.open(arguments.output / "bad.jsonl.gz", "wt", compresslevel=1,
                      encoding="utf-8", newline="\n") as bad_out:
        for path in arguments.inputs:
            try:
                stream = open_log(path)
            except OSError as error:
                parser.exit(1, f"error: cannot open input {path}: {error.strerror}\n")
            with stream:
                enricher.process(stream, enriched_out, bad_out)

    if not arguments.quiet:
        counts = enricher.counts
        print(" ".join(f"{name}={value}" for name, value in counts.items()), file=sys.stderr)
        for path, count in sorted(enricher.skipped_paths.items()):
            print(f"skipped {path}: {count}", file=sys.stderr)


if __name__ == "__main__":
    main()
