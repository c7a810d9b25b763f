import Foundation

/// A committed run named by `--recover`: the inputs its `report.json` lists and the ids of the
/// events it enriched.
///
/// A recovery run processes the same inputs again and skips every event whose `event_id` the
/// recovered run already enriched. Deterministic event ids (a version 5 UUID of the raw line, or
/// the request's `eid`) make an event's id the same in both runs, so only events that failed
/// before, such as ones rejected by an older schema, are written.
public struct RecoveredRun: Sendable {
    /// The run folder as given.
    public let path: String
    /// The input files that the run's `report.json` lists, in its order.
    public let inputs: [String]

    /// The key under which `LineCounts.skipped` counts events the recovered run already enriched.
    public static let skippedKey = "(enriched in the recovered run)"

    /// Checks that `path` is a committed run and reads its `report.json`.
    /// - Throws: ``RecoveryError`` when `_SUCCESS` or `report.json` is missing or invalid.
    public init(path: String) throws(RecoveryError) {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RecoveryError(path: path, message: "not a folder; expected a committed run folder")
        }
        guard FileManager.default.fileExists(atPath: path + "/_SUCCESS") else {
            throw RecoveryError(
                path: path,
                message: "no _SUCCESS file, so the run was never committed; recover only from a committed run folder")
        }

        let reportPath = path + "/report.json"
        guard let data = FileManager.default.contents(atPath: reportPath) else {
            throw RecoveryError(path: reportPath, message: "cannot read the run's report")
        }
        let report: JSONValue
        do {
            report = try JSONParser().parse(Array(data))
        } catch {
            throw RecoveryError(path: reportPath, message: "not a valid report: \(error)")
        }
        guard let entries = report["inputs"]?.arrayValue else {
            throw RecoveryError(path: reportPath, message: "not a valid report: no \"inputs\" array")
        }
        var inputs: [String] = []
        for (index, entry) in entries.enumerated() {
            // The absolute path, when the report has it, names the file the run read whatever the
            // current folder is now.
            guard let inputPath = entry["absolute_path"]?.stringValue ?? entry["path"]?.stringValue else {
                throw RecoveryError(path: reportPath, message: "not a valid report: inputs[\(index)] has no \"path\"")
            }
            inputs.append(inputPath)
        }
        self.inputs = inputs
    }

    /// Reads the `event_id` (TSV field 6, counting from 0) of every row in the run's `enriched`
    /// files, gzip or plain.
    /// - Throws: ``RecoveryError`` for a row without a UUID there or a damaged file, ``InputError``
    ///   when a file cannot be read, ``RunInterruptedError``.
    public func loadEnrichedEventIDs(interruption: Interruption? = nil) throws -> EventIDSet {
        let folder = path + "/enriched"
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw RecoveryError(path: folder, message: "cannot list the enriched events: \(error.localizedDescription)")
        }

        var ids = Set<EventIDSet.Key>()
        for name in names {
            let filePath = folder + "/" + name
            let input = try InputFile(path: filePath)
            defer { input.close() }
            let reader = LineBatchReader(input: input, maxLineLength: 1 << 20, oversizedPrefixLength: 4096)
            while let batch = try reader.nextBatch() {
                try interruption?.check(reading: filePath)
                try RecoveredRun.collectEventIDs(from: batch, path: filePath, into: &ids)
            }
            if let damage = input.damage {
                throw RecoveryError(
                    path: filePath, message: "damaged (\(damage)); the events it enriched cannot all be known")
            }
        }
        return EventIDSet(ids)
    }

    private static func collectEventIDs(
        from batch: LineBatch, path: String, into ids: inout Set<EventIDSet.Key>
    ) throws(RecoveryError) {
        let tab = UInt8(ascii: "\t")
        let eventIDField = EnrichedField.event_id.rawValue
        for record in batch.records {
            guard record.length > 0 else { continue }
            let key = batch.storage.withUnsafeBufferPointer { storage -> EventIDSet.Key? in
                let line = UnsafeBufferPointer(rebasing: storage[record.offset..<record.offset + record.length])
                var start = 0
                for _ in 0..<eventIDField {
                    guard let tabIndex = line[start...].firstIndex(of: tab) else { return nil }
                    start = tabIndex + 1
                }
                let end = line[start...].firstIndex(of: tab) ?? line.count
                return EventIDSet.Key(UnsafeBufferPointer(rebasing: line[start..<end]))
            }
            guard let key else {
                throw RecoveryError(
                    path: path,
                    message:
                        "line \(record.number) has no UUID in field \(eventIDField) (event_id); expected a 131-field enriched event written by callrail-enrich"
                )
            }
            ids.insert(key)
        }
    }
}

/// The event ids a recovered run enriched, stored as 128-bit values (16 bytes each, not 36 bytes
/// of text) so that a run of tens of millions of events fits in memory.
public final class EventIDSet: Sendable {
    /// A UUID's 128 bits.
    struct Key: Hashable {
        var high: UInt64
        var low: UInt64

        /// Reads a UUID written as 8-4-4-4-12 hex digits in either case.
        init?(_ text: UnsafeBufferPointer<UInt8>) {
            guard text.count == 36 else { return nil }
            var high: UInt64 = 0
            var low: UInt64 = 0
            var digitCount = 0
            for (index, byte) in text.enumerated() {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard byte == UInt8(ascii: "-") else { return nil }
                    continue
                }
                let value: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): value = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                if digitCount < 16 {
                    high = high << 4 | UInt64(value)
                } else {
                    low = low << 4 | UInt64(value)
                }
                digitCount += 1
            }
            self.high = high
            self.low = low
        }
    }

    private let keys: Set<Key>

    init(_ keys: Set<Key>) {
        self.keys = keys
    }

    /// The number of distinct ids.
    public var count: Int { keys.count }

    /// Returns whether the set contains a UUID given as text, and false for text that is not a UUID.
    public func contains(_ eventID: String) -> Bool {
        var text = eventID
        return text.withUTF8 { buffer in
            guard let key = Key(buffer) else { return false }
            return keys.contains(key)
        }
    }
}

/// A `--recover` run folder that cannot be used; nothing is committed.
public struct RecoveryError: Error, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "recovered run '\(path)': \(message)" }
}
