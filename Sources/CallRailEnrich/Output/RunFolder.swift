import Foundation

/// A run's output folder, written under a temporary name beside its destination and renamed into
/// place only by ``commit()``, so that readers see either a complete run or nothing.
///
/// Layout: `enriched/part-00000.tsv.gz`, `bad/part-00000.jsonl.gz`, `report.json`, and `_SUCCESS`,
/// written last.
public final class RunFolder {
    /// The folder the run commits to.
    public let destination: String
    /// The temporary folder being written, `DESTINATION.tmp-<id>`.
    public let temporaryPath: String
    private let overwrite: Bool
    private var isFinished = false

    /// Creates the temporary folder and its `enriched` and `bad` subfolders.
    /// - Throws: ``OutputError`` when the destination exists and `overwrite` is false, or a folder
    ///   cannot be created.
    public init(destination: String, overwrite: Bool) throws {
        var destination = destination
        while destination.count > 1 && destination.hasSuffix("/") {
            destination.removeLast()
        }
        self.destination = destination
        self.overwrite = overwrite
        if let problem = RunFolder.destinationProblem(destination, overwrite: overwrite) {
            throw OutputError(path: destination, message: problem)
        }
        temporaryPath = "\(destination).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        for path in [temporaryPath, temporaryPath + "/enriched", temporaryPath + "/bad"] {
            guard mkdir(path, 0o755) == 0 else {
                let reason = String(cString: strerror(errno))
                discard()
                throw OutputError(path: path, message: "cannot create folder: \(reason)")
            }
        }
    }

    /// Returns why `destination` cannot receive a run, or nil when it can. An existing destination is
    /// replaced only with `overwrite`, and only when it is a committed run folder (it has
    /// `_SUCCESS`) or an empty folder, so that `--overwrite` never deletes anything else.
    public static func destinationProblem(_ destination: String, overwrite: Bool) -> String? {
        guard !destination.isEmpty else {
            return "the output folder name is empty; give --output a folder path"
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: destination, isDirectory: &isDirectory) {
            guard overwrite else {
                return "output folder already exists; choose another --output or pass --overwrite to replace it"
            }
            guard isDirectory.boolValue else {
                return "the output path is a file, not a run folder; --overwrite replaces only run folders"
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: destination)) ?? []
            guard entries.isEmpty || entries.contains("_SUCCESS") else {
                return "the output folder is not a committed run folder (it has no _SUCCESS); "
                    + "--overwrite replaces only run folders, so move or remove it yourself"
            }
            return nil
        }
        let parent = (destination as NSString).deletingLastPathComponent
        if !parent.isEmpty && !FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) {
            return "the parent folder '\(parent)' does not exist; create it first"
        }
        return nil
    }

    /// Returns the path of a file inside the temporary folder.
    public func path(_ relative: String) -> String {
        temporaryPath + "/" + relative
    }

    /// Writes `_SUCCESS` and renames the temporary folder to the destination, replacing an existing
    /// destination only when overwriting was asked for.
    public func commit() throws {
        let marker = try FileSink(path: path("_SUCCESS"))
        try marker.close(synchronize: true)
        var replaced: String?
        if FileManager.default.fileExists(atPath: destination) {
            guard overwrite else {
                throw OutputError(path: destination, message: "output folder appeared during the run; nothing was committed")
            }
            let aside = "\(destination).old-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            guard rename(destination, aside) == 0 else {
                throw OutputError(
                    path: destination, message: "cannot move the old output folder aside: \(String(cString: strerror(errno)))")
            }
            replaced = aside
        }
        guard rename(temporaryPath, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            if let replaced {
                _ = rename(replaced, destination)
            }
            throw OutputError(path: destination, message: "cannot rename the finished run into place: \(reason)")
        }
        isFinished = true
        if let replaced {
            try? FileManager.default.removeItem(atPath: replaced)
        }
    }

    /// Removes the temporary folder; nothing is committed.
    public func discard() {
        guard !isFinished else { return }
        isFinished = true
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }
}

/// A failure writing the run's output; the run aborts and commits nothing.
public struct OutputError: Error, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "'\(path)': \(message)" }
}
