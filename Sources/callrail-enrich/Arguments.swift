import CallRailEnrich
import Foundation

/// The action the command line requests.
enum Command {
    case help
    case version
    case enrich(EnrichJob.Configuration, quiet: Bool)
}

/// A command-line mistake; the tool prints it with the usage hint and exits with status 64.
struct UsageError: Error {
    var message: String
}

/// Parses `CommandLine.arguments` by hand, since the argument-parser package cannot be fetched.
enum Arguments {
    static let usage = """
        Usage: callrail-enrich enrich --output DIR [options] INPUT...
               callrail-enrich enrich --output DIR --recover RUN_DIR [options] [INPUT...]
               callrail-enrich --help | --version

        Reads CloudFront or Clojure-collector Tomcat access logs (gzip or plain text; files, folders
        searched recursively, or - for standard input), turns every /com.callrail/v1 request into a
        Snowplow enriched event or a bad row, and commits a run folder atomically.

        Options:
          --output DIR              run folder to create (required); written as DIR.tmp-<id> and
                                    renamed to DIR only when the whole run succeeded
          --overwrite               replace DIR if it is a committed run folder (has _SUCCESS)
                                    or an empty folder; never a folder holding an input
          --format FORMAT           auto (default: per line, a third field of '-' means Tomcat),
                                    cloudfront or tomcat
          --schema-version VERSION  call_complete version to emit and validate against:
                                    1-0-0, 1-0-1 or 1-0-2 (default 1-0-2), or one added
                                    with --iglu-dir
          --iglu-dir DIR            add or override schemas from a folder laid out like Iglu
                                    Central: DIR/schemas/<vendor>/<name>/jsonschema/<version>;
                                    may be given more than once
          --etl-timestamp TS        etl_tstamp for every event, 'yyyy-MM-dd HH:mm:ss.SSS' (UTC) or
                                    ISO-8601 such as 2024-01-01T00:00:00Z (default: run start)
          --unsupported POLICY      requests for other paths: skip (default, counted per path) or
                                    bad (written as adapter_failures bad rows)
          --event-id MODE           deterministic (default: a version 5 UUID of the raw line, so
                                    re-runs give the same ids) or random (version 4)
          --compression KIND        gzip (default) or none
          --max-line-length BYTES   longer lines become size_violation bad rows (default 1048576)
          --jobs N                  worker threads (default: all cores); the output is byte-identical
                                    whatever N is
          --no-validation           write events without checking the call data against the
                                    schema (atomic fields are still checked); for measuring the
                                    cost of validation or replaying data known to be valid
          --state FILE              skip inputs that an earlier run recorded in FILE with the same
                                    path, size and SHA-256, and record this run's inputs there once
                                    the run is committed; a FILE that cannot be parsed fails the run
          --reprocess               with --state: process recorded inputs again; FILE is still
                                    updated
          --since TS                keep only requests logged at or after TS (collector time)
          --until TS                keep only requests logged before TS; both take the
                                    --etl-timestamp formats or a date alone (its midnight, UTC),
                                    and other requests are counted as skipped under
                                    '(outside --since/--until)'
          --recover RUN_DIR         process the inputs of the committed run RUN_DIR again (or the
                                    INPUTs given) and write only events that RUN_DIR did not
                                    enrich, such as those an older schema rejected; bad rows are
                                    written again; needs deterministic event ids
          --quiet                   print no progress and no summary
          --help                    show this help
          --version                 show the version

        Exit status:
          0   run committed
          1   run failed (unreadable input, write error, interrupted by SIGINT, SIGTERM or
              SIGHUP, invalid or locked --state file); nothing was committed
          3   run committed, but at least one input was damaged (truncated or corrupt gzip);
              report.json names it
          64  usage error, including an existing DIR without --overwrite
        Bad rows alone never make a run fail. While standard error is a terminal, a progress line
        is shown there.
        """

    static func parse(_ arguments: [String], now: Timestamp) throws -> Command {
        var remaining = arguments[...]
        guard let first = remaining.popFirst() else {
            throw UsageError(message: "missing command; expected 'enrich', --help or --version")
        }
        switch first {
        case "--help", "-h", "help":
            return .help
        case "--version":
            return .version
        case "enrich":
            break
        default:
            throw UsageError(message: "unknown command '\(first)'; expected 'enrich', --help or --version")
        }

        var options = EnrichOptions(etlTimestamp: now)
        var inputs: [String] = []
        var output: String?
        var overwrite = false
        var compress = true
        var quiet = false
        var igluDirectories: [String] = []
        var skipValidation = false
        var jobs = ProcessInfo.processInfo.activeProcessorCount
        var statePath: String?
        var reprocess = false
        var since: Timestamp?
        var until: Timestamp?
        var recoverPath: String?

        func value(for option: String) throws -> String {
            guard let value = remaining.popFirst() else {
                throw UsageError(message: "option \(option) needs a value")
            }
            return value
        }
        func windowBound(_ option: String, _ text: String) throws -> Timestamp {
            // A date alone means its midnight (UTC), so that replays can be cut at day boundaries.
            let isDateOnly = text.utf8.count == 10 && !text.contains(" ") && !text.contains("T")
            guard let timestamp = parseETLTimestamp(isDateOnly ? text + " 00:00:00" : text) else {
                throw UsageError(
                    message: "invalid \(option) '\(text)'; expected 'yyyy-MM-dd', 'yyyy-MM-dd HH:mm:ss.SSS' (UTC) or ISO-8601 such as 2024-01-01T00:00:00Z")
            }
            return timestamp
        }
        func choice<T: RawRepresentable & CaseIterable>(_ option: String, _ text: String, as type: T.Type) throws -> T
        where T.RawValue == String {
            guard let parsed = T(rawValue: text) else {
                let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
                throw UsageError(message: "invalid value '\(text)' for \(option); expected one of \(allowed)")
            }
            return parsed
        }

        while let argument = remaining.popFirst() {
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            func optionValue() throws -> String {
                if let inlineValue { return inlineValue }
                return try value(for: name)
            }
            switch name {
            case "--help", "-h":
                return .help
            case "--output", "-o":
                output = try optionValue()
            case "--overwrite":
                overwrite = true
            case "--format":
                options.format = try choice(name, try optionValue(), as: FormatOption.self)
            case "--schema-version":
                options.schemaVersion = try optionValue()
            case "--iglu-dir":
                igluDirectories.append(try optionValue())
            case "--etl-timestamp":
                let text = try optionValue()
                guard let timestamp = parseETLTimestamp(text) else {
                    throw UsageError(
                        message: "invalid --etl-timestamp '\(text)'; expected 'yyyy-MM-dd HH:mm:ss.SSS' (UTC) or ISO-8601 such as 2024-01-01T00:00:00Z")
                }
                options.etlTimestamp = timestamp
            case "--unsupported":
                options.unsupportedPaths = try choice(name, try optionValue(), as: UnsupportedPathPolicy.self)
            case "--event-id":
                options.eventIDMode = try choice(name, try optionValue(), as: EventIDMode.self)
            case "--compression":
                let kind = try optionValue()
                guard kind == "gzip" || kind == "none" else {
                    throw UsageError(message: "invalid value '\(kind)' for --compression; expected gzip or none")
                }
                compress = kind == "gzip"
            case "--max-line-length":
                let text = try optionValue()
                guard let bytes = Int(text), bytes >= 64 else {
                    throw UsageError(message: "invalid --max-line-length '\(text)'; expected a number of bytes, at least 64")
                }
                options.maximumLineLength = bytes
            case "--jobs", "-j":
                let text = try optionValue()
                guard let count = Int(text), (1...256).contains(count) else {
                    throw UsageError(message: "invalid --jobs '\(text)'; expected a number of worker threads from 1 to 256")
                }
                jobs = count
            case "--no-validation":
                skipValidation = true
            case "--quiet", "-q":
                quiet = true
            case "--state":
                statePath = try optionValue()
            case "--reprocess":
                reprocess = true
            case "--since":
                since = try windowBound(name, try optionValue())
            case "--until":
                until = try windowBound(name, try optionValue())
            case "--recover":
                recoverPath = try optionValue()
            case "--":
                inputs.append(contentsOf: remaining)
                remaining = []
            default:
                if argument.hasPrefix("-") && argument != "-" {
                    throw UsageError(message: "unknown option '\(argument)'")
                }
                inputs.append(argument)
            }
        }

        guard let output else {
            throw UsageError(message: "missing --output DIR; the run folder to create")
        }
        if reprocess && statePath == nil {
            throw UsageError(
                message: "--reprocess needs --state FILE; without a state file every input is processed anyway")
        }
        if let since, let until, since >= until {
            throw UsageError(
                message: "--since '\(since.enrichedFormat)' is not before --until '\(until.enrichedFormat)'; the window would be empty")
        }
        if since != nil || until != nil {
            options.replayWindow = ReplayWindow(since: since, until: until)
        }
        var recoveredRun: RecoveredRun?
        if let recoverPath {
            let recovered = try recoveredRunArgument(recoverPath, output: output, eventIDMode: options.eventIDMode)
            if inputs.isEmpty {
                guard !recovered.inputs.isEmpty else {
                    throw UsageError(
                        message: "--recover: the run '\(recoverPath)' read no inputs; give the inputs as INPUT")
                }
                guard !recovered.inputs.contains("-") else {
                    throw UsageError(
                        message: "--recover: the run '\(recoverPath)' read standard input, which cannot be read again; give the inputs as INPUT")
                }
                if let missing = recovered.inputs.first(where: { !FileManager.default.fileExists(atPath: $0) }) {
                    throw UsageError(
                        message: "--recover: input '\(missing)', listed in '\(recoverPath)/report.json', was not found from the current folder; run from the folder the recovered run ran in, or give the inputs as INPUT")
                }
                inputs = recovered.inputs
            }
            recoveredRun = recovered
        }
        guard !inputs.isEmpty else {
            throw UsageError(message: "missing INPUT; give log files, folders or - for standard input")
        }
        if overwrite, let inside = inputs.first(where: { isInside($0, folder: output) }) {
            throw UsageError(
                message: "input '\(inside)' is inside the --output folder '\(output)', which --overwrite would delete; move the input or choose another --output")
        }
        if let problem = RunFolder.destinationProblem(output, overwrite: overwrite) {
            throw UsageError(message: "--output '\(output)': \(problem)")
        }
        var registry = SchemaRegistry()
        for directory in igluDirectories {
            do {
                _ = try registry.loadIgluDirectory(directory)
            } catch {
                throw UsageError(message: "cannot load schemas from --iglu-dir '\(directory)': \(error)")
            }
        }
        do {
            options.validator = try CallCompleteValidator(registry: registry, version: options.schemaVersion)
            options.validatesCallData = !skipValidation
        } catch {
            throw UsageError(
                message: "--schema-version: \(error); add other versions with --iglu-dir")
        }
        var configuration = EnrichJob.Configuration(options: options, inputs: inputs, outputPath: output)
        configuration.overwrite = overwrite
        configuration.compress = compress
        configuration.jobs = jobs
        configuration.statePath = statePath
        configuration.reprocessesAll = reprocess
        configuration.recoveredRun = recoveredRun
        return .enrich(configuration, quiet: quiet)
    }

    /// Returns whether `path` is `folder` or lies below it, after resolving both.
    static func isInside(_ path: String, folder: String) -> Bool {
        guard path != "-" else { return false }
        let resolvedPath = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardized.path
        let resolvedFolder = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardized.path
        return resolvedPath == resolvedFolder || resolvedPath.hasPrefix(resolvedFolder + "/")
    }

    /// Checks the `--recover` run folder against the other options and reads its report.
    private static func recoveredRunArgument(
        _ path: String, output: String, eventIDMode: EventIDMode
    ) throws -> RecoveredRun {
        guard eventIDMode == .deterministic else {
            throw UsageError(
                message: "--recover needs --event-id deterministic; random ids differ from the recovered run's, so its events would be written again")
        }
        let resolvedOutput = URL(fileURLWithPath: output).resolvingSymlinksInPath().standardized.path
        let resolvedRun = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardized.path
        guard resolvedOutput != resolvedRun else {
            throw UsageError(
                message: "--output '\(output)' is the --recover run folder; choose another --output so that the recovered run is kept")
        }
        let recovered: RecoveredRun
        do {
            recovered = try RecoveredRun(path: path)
        } catch {
            throw UsageError(message: "--recover: \(error)")
        }
        return recovered
    }

    /// Reads `yyyy-MM-dd HH:mm:ss[.SSS]` as UTC, or ISO-8601 with `T` and a zone.
    static func parseETLTimestamp(_ text: String) -> Timestamp? {
        if let iso = Timestamp.parseCallRailDateTime(text), text.contains("T") || text.contains("t") {
            return iso
        }
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        var date = Array(parts[0].utf8)
        var time = Array(parts[1].utf8)
        return date.withUnsafeMutableBufferPointer { dateBuffer in
            time.withUnsafeMutableBufferPointer { timeBuffer in
                Timestamp.parseCollector(date: UnsafeBufferPointer(dateBuffer), time: UnsafeBufferPointer(timeBuffer))
            }
        }
    }
}
