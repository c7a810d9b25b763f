import COpenSSLCrypto

/// SHA-1 from OpenSSL's libcrypto, used only to derive name-based (version 5) UUIDs; not for
/// security. libcrypto uses the CPU's SHA extensions where present, which matters because every
/// event hashes its whole raw line.
struct SHA1 {
    private var context = SHA_CTX()

    init() {
        SHA1_Init(&context)
    }

    /// Feeds more message bytes.
    mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        SHA1_Update(&context, base, bytes.count)
    }

    /// Returns the 20-byte digest; the hasher must not be used afterwards.
    mutating func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA_DIGEST_LENGTH))
        digest.withUnsafeMutableBufferPointer { buffer in
            // The buffer has room for exactly SHA_DIGEST_LENGTH bytes, the size SHA1_Final writes.
            _ = SHA1_Final(buffer.baseAddress!, &context)
        }
        return digest
    }
}
