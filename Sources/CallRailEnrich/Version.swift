/// The tool's name and release, as written into `v_etl` and bad rows.
public enum ToolVersion {
    /// The artifact name in bad rows' `processor`.
    public static let artifact = "callrail-enrich"
    /// The release, a semantic version.
    public static let version = "0.1.0"
    /// The `v_etl` value of every enriched event.
    public static let etlVersion = "callrail-enrich-\(version)"
}
