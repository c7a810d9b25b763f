import Dispatch
import Foundation

/// A request to stop the run, raised by a signal and checked by the job between batches and between
/// input files.
///
/// The first signal only raises the flag: the job then throws ``RunInterruptedError``, lets its
/// reader and workers finish their current batch and removes its temporary folder. A second signal
/// calls ``abandonRun()``, which removes the registered temporary folder and files at once so that the
/// process can exit without waiting. Once the job has started to commit, neither stops it.
public final class Interruption: @unchecked Sendable {
    private let lock = NSLock()
    private var receivedSignal: Int32?
    private var temporaryPaths: Set<String> = []
    private var hasStartedCommit = false
    private var signalSources: [DispatchSourceSignal] = []

    public init() {}

    /// The first signal received, or nil.
    public var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return receivedSignal
    }

    /// Records a signal and returns true when it is the first one.
    @discardableResult
    public func raise(signal number: Int32) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard receivedSignal == nil else {
            return false
        }
        receivedSignal = number
        return true
    }

    /// Throws when a signal was received.
    /// - Parameter path: the input being read, named in the error.
    public func check(reading path: String? = nil) throws(RunInterruptedError) {
        lock.lock()
        let number = receivedSignal
        lock.unlock()
        if let number {
            throw RunInterruptedError(signal: number, path: path)
        }
    }

    /// Removes every registered temporary folder and file, unless the run has started to commit.
    ///
    /// - Returns: the removed paths, or nil when the run is committing and should be left to finish.
    public func abandonRun() -> [String]? {
        lock.lock()
        defer { lock.unlock() }
        guard !hasStartedCommit else {
            return nil
        }
        let removed = temporaryPaths.sorted()
        for path in removed {
            try? FileManager.default.removeItem(atPath: path)
        }
        temporaryPaths.removeAll()
        // A commit attempted after this point fails the check in `commitUnlessInterrupted`, because
        // a signal was recorded before `abandonRun` is called.
        return removed
    }

    /// Records a temporary folder or file for ``abandonRun()`` to remove.
    func register(temporaryPath path: String) {
        lock.lock()
        temporaryPaths.insert(path)
        lock.unlock()
    }

    /// Forgets a temporary folder or file once the run has removed or committed it.
    func unregister(temporaryPath path: String) {
        lock.lock()
        temporaryPaths.remove(path)
        lock.unlock()
    }

    /// Runs `commit` unless a signal was received; signals that arrive later no longer stop the run.
    ///
    /// The check and the start of the commit happen under one lock, so ``abandonRun()`` either
    /// removes the temporary folder before the commit starts or leaves the commit alone.
    func commitUnlessInterrupted<Result>(_ commit: () throws -> Result) throws -> Result {
        lock.lock()
        if let number = receivedSignal {
            lock.unlock()
            throw RunInterruptedError(signal: number, path: nil)
        }
        hasStartedCommit = true
        lock.unlock()
        return try commit()
    }

    /// Routes `signals` to this flag through Dispatch signal sources.
    ///
    /// A signal that was ignored when the process started stays ignored, as `nohup` (for SIGHUP) and
    /// a non-interactive shell running a command in the background (for SIGINT) expect.
    /// - Parameter handler: called on a Dispatch queue with the signal number and whether it is the
    ///   first signal received.
    public func handleSignals(_ signals: [Int32], handler: @escaping @Sendable (Int32, Bool) -> Void) {
        let queue = DispatchQueue(label: "callrail-enrich.signals")
        for number in signals {
            let previous = Glibc.signal(number, SIG_IGN)
            if Interruption.isIgnoreDisposition(previous) {
                continue
            }
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [self] in
                handler(number, raise(signal: number))
            }
            source.resume()
            signalSources.append(source)
        }
    }

    private static func isIgnoreDisposition(_ handler: __sighandler_t?) -> Bool {
        // SIG_IGN is the C constant `(__sighandler_t) 1`, which Swift cannot compare as a function.
        unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    /// Returns the conventional name of a signal, such as `SIGTERM`.
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        default: return "signal \(signal)"
        }
    }
}

/// The run stopped because the process received a signal; nothing was committed.
public struct RunInterruptedError: Error, CustomStringConvertible {
    public var signal: Int32
    /// The input being read when the job noticed the signal, if any.
    public var path: String?

    public var description: String {
        let name = Interruption.name(of: signal)
        guard let path else {
            return "interrupted by \(name)"
        }
        return "interrupted by \(name) while reading '\(path)'"
    }
}
