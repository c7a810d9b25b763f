/// The reason an adapter could not turn a collector request into an event. It becomes an
/// `adapter_failures` bad row.
public struct AdapterFailure: Error, Sendable, Equatable {
    /// One unmet expectation about one input field.
    public struct Message: Sendable, Equatable {
        public var field: String
        public var value: String?
        public var expectation: String
    }

    public var api: CollectorAPI
    public var messages: [Message]

    public init(api: CollectorAPI, messages: [Message]) {
        self.api = api
        self.messages = messages
    }
}
