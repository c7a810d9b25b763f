#pragma once
// The one-shot SHA-1 calls are deprecated in OpenSSL 3 in favour of EVP, whose per-call setup costs
// more than hashing one log line. They remain supported, so the deprecation attributes are dropped.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
