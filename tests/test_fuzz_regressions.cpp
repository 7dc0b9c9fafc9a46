// Replays the fuzz seed corpus and every saved fuzz finding through the same
// code the fuzzers run: a crash found once stays fixed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "harness.h"
#include "test_support.h"

namespace parley {
namespace {

void replay(const std::filesystem::path& root, int& count) {
  if (!std::filesystem::is_directory(root)) return;
  for (const auto& dir : std::filesystem::directory_iterator(root)) {
    if (!dir.is_directory()) continue;
    const std::string target = dir.path().filename().string();
    ASSERT_NE(std::find(fuzz::targets().begin(), fuzz::targets().end(), target),
              fuzz::targets().end())
        << "folder " << dir.path() << " names no fuzz target";
    for (const auto& file : std::filesystem::directory_iterator(dir.path())) {
      std::ifstream in(file.path(), std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), {});
      SCOPED_TRACE(file.path().string());
      fuzz::run_one(target, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++count;
    }
  }
}

TEST(FuzzRegressions, SeedCorpusAndSavedFindingsRunCleanly) {
  int count = 0;
  replay(testing::source_file("fuzz/corpus"), count);
  replay(testing::source_file("fuzz/regressions"), count);
  EXPECT_GE(count, 10);
}

}  // namespace
}  // namespace parley
