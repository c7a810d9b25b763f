import Glibc

/// Returns the C library's text for an error number, such as "No space left on device".
func errorText(_ errorNumber: Int32) -> String {
    var text = [CChar](repeating: 0, count: 256)
    let status = strerror_r(errorNumber, &text, text.count)
    guard status == 0 else {
        return "error \(errorNumber)"
    }
    let characters = text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: characters, as: UTF8.self)
}
