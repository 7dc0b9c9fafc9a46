// Helpers shared by the tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace parley::testing {

// The reference data vendored with the sources (data/, one folder per data
// set; data/README.md), or $PARLEY_VALIDATION_DIR when set (another copy of
// the same layout).
inline std::string validation_dir() {
  if (const char* env = std::getenv("PARLEY_VALIDATION_DIR")) return env;
  return std::string(PARLEY_SOURCE_DIR) + "/data";
}
inline bool have_validation() { return std::filesystem::is_directory(validation_dir()); }
inline std::string validation_file(const std::string& relative) {
  return validation_dir() + "/" + relative;
}
inline std::string source_file(const std::string& relative) {
  return std::string(PARLEY_SOURCE_DIR) + "/" + relative;
}
// The parley executable built with the tests.
inline std::string parley_binary() {
  if (const char* env = std::getenv("PARLEY_BINARY")) return env;
  return PARLEY_BINARY;
}

// Runs a shell command; returns its exit code and captured stdout+stderr.
struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout
  std::string error;   // stderr
};
CommandResult run_command(const std::string& command_line);

}  // namespace parley::testing

// Reference-data tests start with this check: the data ship with the
// sources, so a missing folder is a failure, never a skip.
#define PARLEY_REQUIRE_DATA()                                                          \
  do {                                                                                 \
    if (!::parley::testing::have_validation())                                         \
      FAIL() << "reference data not found at " << ::parley::testing::validation_dir(); \
  } while (0)
// The former name, kept for tests written against it.
#define PARLEY_REQUIRE_VALIDATION() PARLEY_REQUIRE_DATA()
