import Foundation

/// A one-line progress display for a terminal: raw bytes read of the total, lines read, lines per
/// second and the estimated time left.
///
/// The line is redrawn in place (carriage return, then erase to the end of the line) at most once
/// per `minimumInterval`. It is cut to the terminal's width when ioctl(2) reports one, so that it
/// does not wrap. Callers check that
/// the descriptor is a terminal before they create one, and call ``clear()`` before writing
/// anything else to it. All methods may be called from any thread.
public final class ProgressDisplay: @unchecked Sendable {
    private let descriptor: Int32
    private let minimumInterval: Double
    private let startTime: Double
    private let lock = NSLock()
    private var lastDrawTime: Double?
    private var isShowing = false

    /// Creates a display that draws on `descriptor`, by default standard error.
    /// - Parameter minimumInterval: the minimum time between two redraws, in seconds.
    public init(descriptor: Int32 = STDERR_FILENO, minimumInterval: Double = 0.25) {
        self.descriptor = descriptor
        self.minimumInterval = minimumInterval
        startTime = ProgressDisplay.monotonicSeconds()
    }

    /// Redraws the line, unless it was drawn less than `minimumInterval` ago.
    public func update(_ progress: RunProgress) {
        lock.lock()
        defer { lock.unlock() }
        let now = ProgressDisplay.monotonicSeconds()
        if let lastDrawTime, now - lastDrawTime < minimumInterval {
            return
        }
        lastDrawTime = now

        var line = ProgressDisplay.text(for: progress, elapsedSeconds: now - startTime)
        if let columns = terminalColumns(), columns > 1, line.count >= columns {
            line = String(line.prefix(columns - 1))
        }
        write("\r" + line + "\u{1B}[K")
        isShowing = true
    }

    /// Erases the line if it is shown; the next ``update(_:)`` draws it again.
    public func clear() {
        lock.lock()
        defer { lock.unlock() }
        guard isShowing else { return }
        write("\r\u{1B}[K")
        isShowing = false
        lastDrawTime = nil
    }

    /// Returns the progress line, such as
    /// `callrail-enrich: 12.3 of 45.6 MiB (27%), 120000 lines, 85000 lines/s, 0:42 left, input 2 of 5`.
    public static func text(for progress: RunProgress, elapsedSeconds: Double) -> String {
        var parts: [String] = []
        if let total = progress.totalBytes, total > 0 {
            let percent = min(100, progress.bytesRead * 100 / total)
            parts.append("\(mebibytes(progress.bytesRead)) of \(mebibytes(total)) MiB (\(percent)%)")
        } else {
            parts.append("\(mebibytes(progress.bytesRead)) MiB")
        }
        parts.append("\(progress.linesRead) lines")
        if elapsedSeconds > 0 {
            parts.append("\(Int((Double(progress.linesRead) / elapsedSeconds).rounded())) lines/s")
        }
        if let total = progress.totalBytes, progress.bytesRead > 0, elapsedSeconds >= 1 {
            let bytesPerSecond = Double(progress.bytesRead) / elapsedSeconds
            let secondsLeft = Double(max(0, total - progress.bytesRead)) / bytesPerSecond
            parts.append("\(duration(secondsLeft)) left")
        }
        parts.append("input \(progress.inputNumber) of \(progress.inputCount)")
        return "callrail-enrich: " + parts.joined(separator: ", ")
    }

    /// Bytes in MiB with one decimal, such as `12.3`.
    static func mebibytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Seconds as `m:ss`, or `h:mm:ss` from an hour on.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        let hours = whole / 3600
        let minutes = whole / 60 % 60
        let secondsText = whole % 60 < 10 ? "0\(whole % 60)" : "\(whole % 60)"
        if hours > 0 {
            return "\(hours):" + (minutes < 10 ? "0\(minutes)" : "\(minutes)") + ":" + secondsText
        }
        return "\(minutes):" + secondsText
    }

    private func terminalColumns() -> Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else {
            return nil
        }
        return Int(size.ws_col)
    }

    /// Writes text, ignoring failures: a progress line that cannot be shown must not stop the run.
    private func write(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                let rest = UnsafeRawBufferPointer(rebasing: buffer[offset...])
                return Glibc.write(descriptor, rest.baseAddress, rest.count)
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

    private static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
    }
}
