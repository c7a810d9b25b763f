import Glibc

/// One input file that a committed run processed, as a `--state` file records it.
public struct ProcessedInputRecord: Sendable, Equatable {
    /// The absolute path with symbolic links resolved.
    public var path: String
    /// The file size in bytes when it was read.
    public var size: Int
    /// SHA-256 of the file's raw bytes, as 64 lower-case hex digits.
    public var sha256: String
    /// The `--since`/`--until` window of the run that processed it; nil bounds mean none.
    public var window: ReplayWindow
    /// The committed run folder, as an absolute path.
    public var run: String
    /// When that run was committed, as ISO-8601 UTC.
    public var committedAt: String

    public init(
        path: String, size: Int, sha256: String, window: ReplayWindow, run: String, committedAt: String
    ) {
        self.path = path
        self.size = size
        self.sha256 = sha256
        self.window = window
        self.run = run
        self.committedAt = committedAt
    }
}

/// The contents of a `--state` file: the latest record of every input file that committed runs
/// have processed, one per path.
///
/// The file is JSON with keys in a fixed order and one record per line:
///
/// ```
/// {
///   "format": "callrail-enrich-state/1",
///   "inputs": [
///     {"path": "/logs/a.gz", "size": 1234, "sha256": "…", "since": null, "until": null,
///      "run": "/out/2024-01-02", "committed_at": "2024-01-02T03:00:00.000Z"}
///   ]
/// }
/// ```
///
/// `since` and `until` are `yyyy-MM-dd HH:mm:ss.SSS` (UTC) or null.
public struct RunStateFile: Sendable, Equatable {
    /// The value of the `format` key; a file with another value is rejected.
    public static let formatName = "callrail-enrich-state/1"

    /// The records by path.
    public var records: [String: ProcessedInputRecord] = [:]

    public init(records: [String: ProcessedInputRecord] = [:]) {
        self.records = records
    }

    /// Returns the file as JSON text ending in a newline, with records sorted by path.
    public func jsonText() -> [UInt8] {
        var json = JSONWriter(capacity: 256 + records.count * 256)
        json.appendRaw("{\n  \"format\": ")
        json.appendString(RunStateFile.formatName)
        json.appendRaw(",\n  \"inputs\": [")
        for (index, path) in records.keys.sorted().enumerated() {
            guard let record = records[path] else { continue }
            json.appendRaw(index == 0 ? "\n    " : ",\n    ")
            json.appendRaw("{\"path\": ")
            json.appendString(record.path)
            json.appendRaw(", \"size\": ")
            json.appendRaw(String(record.size).utf8)
            json.appendRaw(", \"sha256\": ")
            json.appendString(record.sha256)
            json.appendRaw(", \"since\": ")
            json.appendOptionalString(record.window.since?.enrichedFormat)
            json.appendRaw(", \"until\": ")
            json.appendOptionalString(record.window.until?.enrichedFormat)
            json.appendRaw(", \"run\": ")
            json.appendString(record.run)
            json.appendRaw(", \"committed_at\": ")
            json.appendString(record.committedAt)
            json.appendRaw("}")
        }
        json.appendRaw(records.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return json.bytes
    }

    /// Parses the text of a state file.
    /// - Throws: ``RunStateError`` naming `path` and the first problem found.
    public static func parse(_ bytes: [UInt8], path: String) throws(RunStateError) -> RunStateFile {
        func invalid(_ message: String) -> RunStateError {
            RunStateError(
                path: path,
                message: "invalid state file: \(message); fix it, or remove it to process every input again")
        }

        let document: JSONValue
        do {
            document = try JSONParser().parse(bytes)
        } catch {
            throw invalid(error.description)
        }
        guard let root = document.objectValue else {
            throw invalid("expected a JSON object at the top level")
        }
        guard let format = root["format"]?.stringValue else {
            throw invalid("missing \"format\"; expected \"\(formatName)\"")
        }
        guard format == formatName else {
            throw invalid("unsupported format '\(format)'; expected \"\(formatName)\"")
        }
        guard let inputs = root["inputs"]?.arrayValue else {
            throw invalid("missing \"inputs\"; expected an array of records")
        }

        var file = RunStateFile()
        for (index, value) in inputs.enumerated() {
            let location = "inputs[\(index)]"
            guard let object = value.objectValue else {
                throw invalid("\(location) is not an object")
            }
            func string(_ key: String) throws(RunStateError) -> String {
                guard let text = object[key]?.stringValue else {
                    throw invalid("\(location).\(key) is missing or not a string")
                }
                return text
            }
            func timestamp(_ key: String) throws(RunStateError) -> Timestamp? {
                guard let value = object[key], !value.isNull else { return nil }
                guard let text = value.stringValue, let timestamp = parseRecordTimestamp(text) else {
                    throw invalid("\(location).\(key) is not null or a 'yyyy-MM-dd HH:mm:ss.SSS' timestamp")
                }
                return timestamp
            }

            let recordPath = try string("path")
            guard recordPath.hasPrefix("/") else {
                throw invalid("\(location).path '\(recordPath)' is not an absolute path")
            }
            guard let literal = object["size"]?.numberValue?.literal, let size = Int(literal), size >= 0 else {
                throw invalid("\(location).size is missing or not a whole number of bytes")
            }
            let sha256 = try string("sha256")
            guard sha256.utf8.count == 64, sha256.utf8.allSatisfy(isLowerHexDigit) else {
                throw invalid("\(location).sha256 '\(sha256)' is not 64 lower-case hex digits")
            }
            let window = ReplayWindow(since: try timestamp("since"), until: try timestamp("until"))
            guard file.records[recordPath] == nil else {
                throw invalid("\(location).path '\(recordPath)' is recorded twice")
            }
            file.records[recordPath] = ProcessedInputRecord(
                path: recordPath, size: size, sha256: sha256, window: window, run: try string("run"),
                committedAt: try string("committed_at"))
        }
        return file
    }

    private static func isLowerHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    /// Reads `yyyy-MM-dd HH:mm:ss.SSS` as UTC, the form `jsonText()` writes.
    private static func parseRecordTimestamp(_ text: String) -> Timestamp? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let date = Array(parts[0].utf8)
        let time = Array(parts[1].utf8)
        return date.withUnsafeBufferPointer { dateBuffer in
            time.withUnsafeBufferPointer { timeBuffer in
                Timestamp.parseCollector(date: dateBuffer, time: timeBuffer)
            }
        }
    }
}

/// A `--state` file that cannot be read, parsed, locked or written; the run commits nothing.
public struct RunStateError: Error, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "state file '\(path)': \(message)" }
}
