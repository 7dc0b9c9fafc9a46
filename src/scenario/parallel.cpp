#include "scenario/parallel.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace parley {

void parallel_for(std::uint64_t n, int threads, const std::function<void(std::uint64_t)>& fn,
                  const std::function<void(std::uint64_t)>& progress) {
  parallel_for_slots(
      n, threads, [&fn](std::uint64_t k, int) { fn(k); }, progress);
}

int parallel_slots(std::uint64_t n, int threads) {
  if (threads <= 1 || n <= 1) return 1;
  return static_cast<int>(std::min<std::uint64_t>(static_cast<std::uint64_t>(threads), n));
}

void parallel_for_slots(std::uint64_t n, int threads,
                        const std::function<void(std::uint64_t, int)>& fn,
                        const std::function<void(std::uint64_t)>& progress) {
  using Clock = std::chrono::steady_clock;
  constexpr auto kTick = std::chrono::milliseconds(200);
  if (threads <= 1 || n <= 1) {
    auto last = Clock::now();
    for (std::uint64_t k = 0; k < n; ++k) {
      fn(k, 0);
      if (progress && Clock::now() - last > kTick) {
        progress(k + 1);
        last = Clock::now();
      }
    }
    if (progress) progress(n);
    return;
  }
  // After a failure at index f, indices above f are skipped but those below
  // it still run, so the error reported is the lowest failing index's
  // whatever the scheduling (the serial loop's error).
  std::atomic<std::uint64_t> next{0}, done{0}, failed_at{n};
  std::mutex mutex;
  std::condition_variable finished;
  std::exception_ptr first_error;
  int running = parallel_slots(n, threads);
  auto worker = [&](int slot) {
    for (;;) {
      const std::uint64_t k = next.fetch_add(1);
      if (k >= failed_at.load()) break;  // also k >= n
      try {
        fn(k, slot);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (k < failed_at.load()) {
          failed_at = k;
          first_error = std::current_exception();
        }
      }
      done.fetch_add(1);
    }
    std::lock_guard lock(mutex);
    if (--running == 0) finished.notify_all();
  };
  std::vector<std::thread> pool;
  const int spawn = running;
  pool.reserve(spawn);
  for (int t = 0; t < spawn; ++t) pool.emplace_back(worker, t);
  // A throw from `progress` (a caller stopping the work) stops the handing
  // out like a failure before index 0, and wins over the workers' errors.
  std::exception_ptr stopped;
  {
    std::unique_lock lock(mutex);
    while (running > 0) {
      finished.wait_for(lock, kTick);
      if (progress && running > 0 && !stopped) {
        lock.unlock();
        try {
          progress(done.load());
        } catch (...) {
          stopped = std::current_exception();
          failed_at = 0;
        }
        lock.lock();
      }
    }
  }
  for (auto& thread : pool) thread.join();
  if (stopped) std::rethrow_exception(stopped);
  if (first_error) std::rethrow_exception(first_error);
  if (progress) progress(n);
}

}  // namespace parley
