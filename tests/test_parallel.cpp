// The core's one thread fan-out: every index runs once, and a throw on a
// worker thread reaches the caller instead of std::terminate.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>
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

// Per-slot scratch needs no lock: slots stay below parallel_slots(), and a
// slot never runs two indices at once.
TEST(ParallelTest, SlotsAreInRangeAndNeverShared) {
  for (int threads : {1, 2, 4}) {
    const std::uint64_t n = 400;
    const int slots = parallel_slots(n, threads);
    EXPECT_EQ(slots, threads);
    auto busy = std::make_unique<std::atomic<bool>[]>(slots);
    std::atomic<int> out_of_range{0}, overlaps{0};
    std::vector<int> hits(n, 0);
    parallel_for_slots(n, threads, [&](std::uint64_t k, int slot) {
      if (slot < 0 || slot >= slots) {
        ++out_of_range;
        return;
      }
      if (busy[slot].exchange(true)) ++overlaps;
      hits[k] += 1;
      std::this_thread::yield();  // room for another thread to enter the slot if it could
      busy[slot].store(false);
    });
    EXPECT_EQ(out_of_range.load(), 0) << threads;
    EXPECT_EQ(overlaps.load(), 0) << threads;
    for (int h : hits) ASSERT_EQ(h, 1) << threads << " threads";
  }
  EXPECT_EQ(parallel_slots(1, 4), 1);
  EXPECT_EQ(parallel_slots(3, 8), 3);
}

TEST(ParallelTest, ProgressEndsAtTheTotal) {
  std::uint64_t last = 0;
  parallel_for(
      64, 2, [](std::uint64_t) {}, [&](std::uint64_t done) { last = done; });
  EXPECT_EQ(last, 64u);
}

// A caller stops a long fan-out by throwing from its progress hook (the
// server's time limit): the throw reaches the caller after every worker has
// finished its current index, and most indices never run.
TEST(ParallelTest, AThrowFromProgressStopsTheWorkAndReachesTheCaller) {
  for (int threads : {1, 3}) {
    std::atomic<std::uint64_t> ran{0};
    const std::uint64_t n = 100000;
    EXPECT_THROW(parallel_for(
                     n, threads,
                     [&](std::uint64_t) {
                       std::this_thread::sleep_for(std::chrono::microseconds(200));
                       ran.fetch_add(1);
                     },
                     [](std::uint64_t) { throw std::runtime_error("stop"); }),
                 std::runtime_error)
        << threads << " threads";
    EXPECT_LT(ran.load(), n / 2) << threads << " threads";
  }
}

}  // namespace
}  // namespace parley
