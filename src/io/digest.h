// io/digest.h - content digests: what names a scenario across files and
// commands.  Result documents record the scenario they were made from by its
// fingerprint (`scenario_fingerprint`), so that results made by different
// commands can be matched to one scenario (`parley run --with`).
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

// The scenario's fingerprint: the SHA-256 of its native JSON form (what
// result documents embed), written compactly.  The same for the same
// scenario whichever file format it was read from; sections the scenario
// core keeps as read (`conflict`) are normalised there as well, unlike in the
// YAML text (to_yaml) whose digest the run store records.  O(size of the
// scenario).
std::string scenario_fingerprint(const Scenario& scenario);

}  // namespace parley::io
