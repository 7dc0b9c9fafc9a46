// Helpers shared by the tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace parley::testing {

// ../shared/validation beside the source tree, or $PARLEY_VALIDATION_DIR.
inline std::string validation_dir() {
  if (const char* env = std::getenv("PARLEY_VALIDATION_DIR")) return env;
  return std::string(PARLEY_SOURCE_DIR) + "/../shared/validation";
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

// Reference-data tests are skipped (with a message) when the validation folder
// is absent; CI checks that it is present, so there they always run.
#define PARLEY_REQUIRE_VALIDATION()                                                           \
  do {                                                                                        \
    if (!::parley::testing::have_validation())                                                \
      GTEST_SKIP() << "validation data not found at " << ::parley::testing::validation_dir(); \
  } while (0)
