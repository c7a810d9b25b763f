import Foundation

/// Iglu schemas by ``SchemaKey``, each compiled once for validation.
///
/// A new registry contains the built-in CallRail `call_complete` schemas 1-0-0 to 1-0-2.
/// ``loadIgluDirectory(_:)`` adds schemas from a folder laid out like Iglu Central, replacing
/// built-in ones with the same key. Every schema is compiled when it is added, so a schema that
/// cannot be compiled is reported at load time, naming its file.
///
/// The registry is a value. Load schemas while setting up, then share the registry: reading it from
/// several threads at once is safe, because the schemas and compiled validators never change.
public struct SchemaRegistry: Sendable {
    private struct Entry: Sendable {
        let schema: JSONValue
        let validator: CompiledSchema
    }

    private var entries: [SchemaKey: Entry]

    /// The built-in schemas, compiled once per process.
    private static let builtInEntries: [SchemaKey: Entry] = {
        var entries: [SchemaKey: Entry] = [:]
        for version in CallCompleteSchema.versions {
            guard let schema = CallCompleteSchema.schema(for: version) else { continue }
            do {
                entries[CallCompleteSchema.key(for: version)] = Entry(
                    schema: schema,
                    validator: try CompiledSchema(schema)
                )
            } catch {
                preconditionFailure("the built-in call_complete \(version) schema must compile: \(error)")
            }
        }
        return entries
    }()

    /// Creates a registry with the built-in `call_complete` schemas.
    public init() {
        entries = SchemaRegistry.builtInEntries
    }

    /// The keys of every schema, sorted by vendor, name, format and version.
    public var keys: [SchemaKey] {
        entries.keys.sorted()
    }

    /// Returns the schema for a key, or nil when the registry has none.
    public func schema(for key: SchemaKey) -> JSONValue? {
        entries[key]?.schema
    }

    /// Returns the compiled schema for a key, or nil when the registry has none.
    public func validator(for key: SchemaKey) -> CompiledSchema? {
        entries[key]?.validator
    }

    /// Lists the versions available for a vendor and schema name, oldest first in SchemaVer order.
    public func availableVersions(vendor: String, name: String) -> [SchemaVer] {
        Set(entries.keys.filter { $0.vendor == vendor && $0.name == name }.map(\.version)).sorted()
    }

    /// Adds a schema, or replaces the one with the same key.
    /// - Throws: ``SchemaRegistryError`` when the schema does not compile.
    public mutating func add(_ schema: JSONValue, for key: SchemaKey) throws(SchemaRegistryError) {
        entries[key] = try SchemaRegistry.makeEntry(schema, key: key, path: key.igluURI)
    }

    /// Loads every schema of a folder laid out like Iglu Central,
    /// `<path>/schemas/<vendor>/<name>/jsonschema/<version>`, adding them or replacing schemas with
    /// the same key.
    ///
    /// Each file must contain a JSON object that compiles as a draft-04 schema. When the schema has
    /// a `self` member, its vendor, name, format and version must match the file's location. Names
    /// starting with `.` are skipped. Loading is all or nothing: after an error the registry is
    /// unchanged.
    /// - Returns: The keys loaded, sorted.
    /// - Throws: ``SchemaRegistryError`` naming the file or folder and what is wrong with it.
    @discardableResult
    public mutating func loadIgluDirectory(_ path: String) throws(SchemaRegistryError) -> [SchemaKey] {
        let root = URL(fileURLWithPath: path)
        guard SchemaRegistry.isDirectory(root) else {
            let reason = FileManager.default.fileExists(atPath: root.path) ? "is not a folder" : "no such folder"
            throw SchemaRegistryError(path: path, reason: "\(reason); expected an Iglu repository folder")
        }
        let schemasFolder = root.appendingPathComponent("schemas")
        guard SchemaRegistry.isDirectory(schemasFolder) else {
            throw SchemaRegistryError(
                path: path,
                reason: "no 'schemas' folder; expected the Iglu layout schemas/<vendor>/<name>/jsonschema/<version>"
            )
        }

        var loaded: [SchemaKey: Entry] = [:]
        for vendorFolder in try SchemaRegistry.subfolders(of: schemasFolder, level: "vendor", allowsDot: true) {
            for nameFolder in try SchemaRegistry.subfolders(of: vendorFolder, level: "schema name", allowsDot: false) {
                for formatFolder in try SchemaRegistry.subfolders(of: nameFolder, level: "format", allowsDot: false) {
                    guard formatFolder.lastPathComponent == "jsonschema" else {
                        throw SchemaRegistryError(
                            path: formatFolder.path,
                            reason:
                                "unsupported schema format '\(formatFolder.lastPathComponent)'; expected 'jsonschema'"
                        )
                    }
                    for file in try SchemaRegistry.children(of: formatFolder) {
                        let key = try SchemaRegistry.key(
                            for: file,
                            vendor: vendorFolder.lastPathComponent,
                            name: nameFolder.lastPathComponent
                        )
                        loaded[key] = try SchemaRegistry.loadEntry(from: file, key: key)
                    }
                }
            }
        }

        entries.merge(loaded) { _, new in new }
        return loaded.keys.sorted()
    }

    // MARK: Loading files

    private static func loadEntry(from file: URL, key: SchemaKey) throws(SchemaRegistryError) -> Entry {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw SchemaRegistryError(path: file.path, reason: "cannot be read: \(error.localizedDescription)")
        }

        let schema: JSONValue
        do {
            schema = try data.withUnsafeBytes { bytes throws(JSONParseError) in try JSONParser().parse(bytes) }
        } catch {
            throw SchemaRegistryError(path: file.path, reason: "\(error); expected a JSON schema")
        }
        guard case .object(let object) = schema else {
            throw SchemaRegistryError(
                path: file.path,
                reason: "the file contains \(schema.kindDescription), expected a JSON schema object"
            )
        }
        try checkSelfDescription(object, matches: key, file: file)
        return try makeEntry(schema, key: key, path: file.path)
    }

    private static func makeEntry(_ schema: JSONValue, key: SchemaKey, path: String) throws(SchemaRegistryError)
        -> Entry
    {
        do {
            return Entry(schema: schema, validator: try CompiledSchema(schema, baseURI: ""))
        } catch {
            throw SchemaRegistryError(path: path, reason: "the schema for \(key) does not compile: \(error)")
        }
    }

    /// Checks that a schema's `self` member, when present, names the key its location gives.
    private static func checkSelfDescription(_ schema: JSONObject, matches key: SchemaKey, file: URL)
        throws(SchemaRegistryError)
    {
        guard let selfValue = schema["self"] else { return }
        guard case .object(let description) = selfValue,
            let vendor = description["vendor"]?.stringValue, let name = description["name"]?.stringValue,
            let format = description["format"]?.stringValue, let versionText = description["version"]?.stringValue
        else {
            throw SchemaRegistryError(
                path: file.path,
                reason: "'self' must be an object with string vendor, name, format and version"
            )
        }
        let described = "iglu:\(vendor)/\(name)/\(format)/\(versionText)"
        guard described == key.igluURI else {
            throw SchemaRegistryError(
                path: file.path,
                reason: "'self' describes \(described) but the file's location means \(key.igluURI); "
                    + "move the file or correct 'self'"
            )
        }
    }

    private static func key(for file: URL, vendor: String, name: String) throws(SchemaRegistryError) -> SchemaKey {
        guard !isDirectory(file) else {
            throw SchemaRegistryError(
                path: file.path,
                reason: "is a folder where a schema file named like 1-0-0 was expected"
            )
        }
        guard let version = SchemaVer(file.lastPathComponent) else {
            throw SchemaRegistryError(
                path: file.path,
                reason: "the file name is not a SchemaVer version; expected MODEL-REVISION-ADDITION such as 1-0-0"
            )
        }
        return SchemaKey(vendor: vendor, name: name, version: version)
    }

    // MARK: Folders

    /// Lists the subfolders of a folder, checking that each is a folder with a valid Iglu name.
    private static func subfolders(of folder: URL, level: String, allowsDot: Bool) throws(SchemaRegistryError) -> [URL]
    {
        var folders: [URL] = []
        for child in try children(of: folder) {
            guard isDirectory(child) else {
                throw SchemaRegistryError(
                    path: child.path,
                    reason: "is a file where a \(level) folder was expected; expected the Iglu layout "
                        + "schemas/<vendor>/<name>/jsonschema/<version>"
                )
            }
            guard SchemaKey.isValidPart(Substring(child.lastPathComponent), allowsDot: allowsDot) else {
                let allowed = allowsDot ? "letters, digits, '-', '_' and '.'" : "letters, digits, '-' and '_'"
                throw SchemaRegistryError(
                    path: child.path,
                    reason: "the \(level) '\(child.lastPathComponent)' may contain only \(allowed)"
                )
            }
            folders.append(child)
        }
        return folders
    }

    /// Lists the entries of a folder in name order, without hidden ones (names starting with `.`).
    private static func children(of folder: URL) throws(SchemaRegistryError) -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw SchemaRegistryError(path: folder.path, reason: "cannot be listed: \(error.localizedDescription)")
        }
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
