#include "io/digest.h"

#include <openssl/evp.h>

#include "io/document.h"
#include "parley/error.h"

namespace parley::io {

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw Error("SHA-256 failed (OpenSSL)");
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int k = 0; k < length; ++k) {
    out += hex[digest[k] >> 4];
    out += hex[digest[k] & 15];
  }
  return out;
}

std::string scenario_fingerprint(const Scenario& scenario) {
  return sha256_hex(json_of(scenario_to_document(scenario)).dump());
}

}  // namespace parley::io
