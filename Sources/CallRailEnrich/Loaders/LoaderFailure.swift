/// The reason a log line could not be read as a collector request. It becomes a
/// `collector_payload_format_violation` bad row.
public struct LoaderFailure: Sendable, Equatable, Error {
    /// The format the line was read as.
    public var format: CollectorFormat
    /// The message, in the bad-row schema's two shapes.
    public var message: Message

    public enum Message: Sendable, Equatable {
        /// A named field that did not meet an expectation.
        case inputData(payloadField: String, value: String?, expectation: String)
        /// A line-level problem with no single field.
        case fallback(error: String)
    }

    public init(format: CollectorFormat, message: Message) {
        self.format = format
        self.message = message
    }

    /// A one-line description for diagnostics.
    public var summary: String {
        switch message {
        case .inputData(let field, let value, let expectation):
            return "\(field) '\(value ?? "null")': \(expectation)"
        case .fallback(let error):
            return error
        }
    }
}
