import CallRailEnrich
import Foundation

/// Writes a line to standard error, ignoring failures: a closed standard error must not stop a run
/// halfway and leave its temporary folder behind.
func printError(_ message: String) {
    let bytes = Array((message + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
        let count = bytes.withUnsafeBytes { buffer in
            let rest = UnsafeRawBufferPointer(rebasing: buffer[offset...])
            return write(STDERR_FILENO, rest.baseAddress, rest.count)
        }
        if count < 0 && errno == EINTR {
            continue
        }
        guard count > 0 else {
            return
        }
        offset += count
    }
}

/// Returns the current time as a timestamp; the run reads it once, at start.
func currentTimestamp() -> Timestamp {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Timestamp(millisecondsSinceEpoch: Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec / 1_000_000))
}

// A write past a file-size limit must fail with EFBIG and be reported, not kill the process, and a
// write to a closed standard error must fail with EPIPE instead.
signal(SIGXFSZ, SIG_IGN)
signal(SIGPIPE, SIG_IGN)

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
case .enrich(var configuration, let quiet):
    let outputPath = configuration.outputPath
    let progressDisplay = !quiet && isatty(STDERR_FILENO) == 1 ? ProgressDisplay() : nil
    let interruption = Interruption()
    interruption.handleSignals([SIGINT, SIGTERM, SIGHUP]) { signal, isFirst in
        let name = Interruption.name(of: signal)
        progressDisplay?.clear()
        if isFirst {
            printError("callrail-enrich: \(name) received; stopping without committing (send it again to stop at once)")
            return
        }
        // nil: the commit has started, and exiting now could leave a committed run without its state
        // update, so the run is left to finish.
        guard let removed = interruption.abandonRun() else {
            return
        }
        let removedText = removed.isEmpty ? "" : "; removed " + removed.map { "'\($0)'" }.joined(separator: ", ")
        printError(
            "callrail-enrich: error: interrupted again by \(name)\(removedText); nothing was committed to '\(outputPath)'")
        _exit(1)
    }
    configuration.interruption = interruption

    let job = EnrichJob(configuration: configuration)
    job.warn = {
        progressDisplay?.clear()
        printError("callrail-enrich: warning: \($0)")
    }
    if let progressDisplay {
        job.progress = { progressDisplay.update($0) }
    }
    do {
        let report = try job.run()
        progressDisplay?.clear()
        if !quiet {
            printError(Summary.text(report, outputPath: outputPath))
        }
        exit(report.damagedInputs.isEmpty ? 0 : 3)
    } catch {
        progressDisplay?.clear()
        printError("callrail-enrich: error: \(error); nothing was committed to '\(outputPath)'")
        exit(1)
    }
}
