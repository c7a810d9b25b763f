import Testing

/// The parent suite of every test of the Validation folder, so that
/// `swift test --filter Validation` selects them all.
@Suite struct ValidationTests {}
