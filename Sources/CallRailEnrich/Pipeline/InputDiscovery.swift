import Foundation

/// Expands the command line's inputs: files as given, folders to every regular file below them
/// (sorted, hidden entries skipped), and `-` for standard input. A file named twice, directly or
/// through a folder, is read once, at its first place, so its events are not written twice.
public enum InputDiscovery {
    public static func expand(_ arguments: [String]) throws -> [String] {
        var paths: [String] = []
        for argument in arguments {
            if argument == "-" {
                paths.append(argument)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                throw InputDiscoveryError(path: argument, message: "input not found; check the path")
            }
            guard isDirectory.boolValue else {
                paths.append(argument)
                continue
            }
            guard let walker = FileManager.default.enumerator(atPath: argument) else {
                throw InputDiscoveryError(path: argument, message: "cannot list the folder")
            }
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    if walker.fileAttributes?[.type] as? FileAttributeType == .typeDirectory {
                        walker.skipDescendants()
                    }
                    continue
                }
                if walker.fileAttributes?[.type] as? FileAttributeType == .typeRegular {
                    found.append(argument.hasSuffix("/") ? argument + relative : argument + "/" + relative)
                }
            }
            paths.append(contentsOf: found.sorted())
        }
        var seen: Set<String> = []
        return paths.filter { path in
            path == "-" || seen.insert(URL(fileURLWithPath: path).resolvingSymlinksInPath().standardized.path).inserted
        }
    }
}

/// An input argument that cannot be used.
public struct InputDiscoveryError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "'\(path)': \(message)" }
}
