import Foundation

/// Batch results handed from workers to the writer, which takes them strictly in sequence order.
final class OrderedResults: @unchecked Sendable {
    private let condition = NSCondition()
    private var results: [Int: BatchResult] = [:]
    private var producedCount: Int?
    private var failure: Error?

    /// Stores a finished batch.
    func put(_ sequence: Int, _ result: BatchResult) {
        condition.lock()
        results[sequence] = result
        condition.broadcast()
        condition.unlock()
    }

    /// Records that the reader produced `count` batches in all, or failed.
    func finish(count: Int, error: Error?) {
        condition.lock()
        producedCount = count
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the batch `sequence`; nil once every batch has been taken.
    /// - Throws: the reader's error, after the batches before it were taken.
    func take(_ sequence: Int) throws -> BatchResult? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let result = results.removeValue(forKey: sequence) {
                return result
            }
            if let producedCount, sequence >= producedCount {
                if let failure {
                    throw failure
                }
                return nil
            }
            condition.wait()
        }
    }
}

/// A flag the writer raises to stop the reader early.
final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    func raise() {
        lock.lock()
        raised = true
        lock.unlock()
    }

    var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }
}
