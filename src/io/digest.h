// io/digest.h - content digests: what names a scenario across files and
// commands.  The run store records a scenario by the SHA-256 of its canonical
// text, and result documents record the same digest (`scenario_sha256`), so
// that results made by different commands can be matched to one scenario.
//
// Thread-safety: free functions over values.
#pragma once

#include <string>
#include <string_view>

#include "parley/scenario.h"

namespace parley::io {

// Lower-case hex SHA-256 (OpenSSL EVP).  Throws parley::Error when OpenSSL
// fails.
std::string sha256_hex(std::string_view data);

// The SHA-256 of the scenario's canonical text (its native YAML, to_yaml):
// the same for the same scenario whatever file format it was read from.
// O(size of the scenario).
std::string scenario_sha256(const Scenario& scenario);

}  // namespace parley::io
