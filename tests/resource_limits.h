// Running the parley binary under address-space and CPU-time limits
// (setrlimit through the shell's ulimit), for the tests of the readers'
// resource limits.
#pragma once

#include <string>

// AddressSanitizer and ThreadSanitizer reserve terabytes of address space for
// their shadow memory, so an address-space limit cannot be applied to a
// sanitized binary: tests that depend on one are skipped in those builds.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PARLEY_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define PARLEY_SANITIZED 1
#endif
#endif
#ifndef PARLEY_SANITIZED
#define PARLEY_SANITIZED 0
#endif

namespace parley::testing {

// `command` (a shell command that execs one program) under `ulimit -v
// address_kb` and `ulimit -t cpu_seconds`, and `timeout wall_seconds`.  In
// sanitized builds the address-space limit is left out.
inline std::string limited(const std::string& command, long address_kb, int cpu_seconds,
                           int wall_seconds = 60) {
  std::string limits = "ulimit -t " + std::to_string(cpu_seconds) + "; ";
  if (!PARLEY_SANITIZED) limits = "ulimit -v " + std::to_string(address_kb) + "; " + limits;
  return limits + "exec timeout -s KILL " + std::to_string(wall_seconds) + " " + command;
}

}  // namespace parley::testing
