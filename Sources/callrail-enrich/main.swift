import CallRailEnrich
import Foundation

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// The current time as a timestamp, read once at start.
func currentTimestamp() -> Timestamp {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Timestamp(millisecondsSinceEpoch: Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec / 1_000_000))
}

// A write past a file-size limit must fail with EFBIG and be reported, not kill the process.
signal(SIGXFSZ, SIG_IGN)

let command: Command
do {
    command = try Arguments.parse(Array(CommandLine.arguments.dropFirst()), now: currentTimestamp())
} catch let error as UsageError {
    printError("callrail-enrich: error: \(error.message)")
    printError("Run 'callrail-enrich --help' for usage.")
    exit(64)
}

switch command {
case .help:
    print(Arguments.usage)
    exit(0)
case .version:
    print("callrail-enrich \(ToolVersion.version)")
    exit(0)
case .enrich(let configuration, let quiet):
    let job = EnrichJob(configuration: configuration)
    job.warn = { printError("callrail-enrich: warning: \($0)") }
    do {
        let report = try job.run()
        if !quiet {
            printError(Summary.text(report, outputPath: configuration.outputPath))
        }
        exit(report.damagedInputs.isEmpty ? 0 : 3)
    } catch {
        printError("callrail-enrich: error: \(error); nothing was committed to '\(configuration.outputPath)'")
        exit(1)
    }
}
