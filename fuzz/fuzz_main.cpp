// libFuzzer entry point; the target is chosen at build time (PARLEY_FUZZ_TARGET).
#include <cstddef>
#include <cstdint>

#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  parley::fuzz::run_one(PARLEY_FUZZ_TARGET, data, size);
  return 0;
}
