// The core's one thread fan-out: every index runs once, and a throw on a
// worker thread reaches the caller instead of std::terminate.
#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "parley/error.h"
#include "scenario/parallel.h"

namespace parley {
namespace {

TEST(ParallelTest, EveryIndexRunsExactlyOnceOnAnyThreadCount) {
  for (int threads : {1, 2, 4, 7}) {
    std::vector<int> hits(1000, 0);
    parallel_for(hits.size(), threads, [&](std::uint64_t k) { hits[k] += 1; });
    for (int h : hits) ASSERT_EQ(h, 1) << threads << " threads";
  }
}

TEST(ParallelTest, AThrowOnAWorkerThreadReachesTheCaller) {
  for (int threads : {1, 2, 4}) {
    try {
      parallel_for(500, threads, [&](std::uint64_t k) {
        if (k == 123 || k == 321) throw Error("draw " + std::to_string(k) + " failed");
      });
      FAIL() << "no exception with " << threads << " threads";
    } catch (const Error& e) {
      // The lowest failing index wins whatever the scheduling, so the message
      // does not depend on the thread count.
      EXPECT_EQ(e.detail(), "draw 123 failed") << threads << " threads";
    }
  }
}

TEST(ParallelTest, ProgressEndsAtTheTotal) {
  std::uint64_t last = 0;
  parallel_for(
      64, 2, [](std::uint64_t) {}, [&](std::uint64_t done) { last = done; });
  EXPECT_EQ(last, 64u);
}

}  // namespace
}  // namespace parley
