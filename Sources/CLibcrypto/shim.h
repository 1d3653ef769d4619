// OpenSSL's libcrypto (Debian's libssl-dev), for the SHA-256 digests of a run's input files
// (InputRecord). Only the one-shot EVP digest interface is used.
#include <openssl/evp.h>
