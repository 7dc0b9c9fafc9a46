#include "cli/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <utility>

namespace parley::cli {

Progress::Progress(bool quiet, std::string unit)
    : enabled_(!quiet && isatty(STDERR_FILENO) == 1),
      unit_(std::move(unit)),
      start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() { finish(); }

void Progress::update(std::uint64_t done, std::uint64_t total) {
  if (!enabled_ || total == 0) return;
  // At most ten redraws a second, and always the last.
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && done < total && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  double elapsed = std::chrono::duration<double>(now - start_).count();
  double share = static_cast<double>(done) / static_cast<double>(total);
  double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  constexpr int kWidth = 30;
  int filled = static_cast<int>(share * kWidth);
  std::string bar(filled, '#');
  bar.resize(kWidth, '.');
  std::string eta = "--:--";
  if (rate > 0 && done < total) {
    auto left = static_cast<long>((static_cast<double>(total - done)) / rate);
    eta = fmt::format("{}:{:02}", left / 60, left % 60);
  } else if (done >= total) {
    eta = "0:00";
  }
  std::fprintf(stderr, "\r[%s] %3.0f%% %llu/%llu %s  %.0f/s  ETA %s ", bar.c_str(), share * 100,
               static_cast<unsigned long long>(done), static_cast<unsigned long long>(total),
               unit_.c_str(), rate, eta.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::finish() {
  if (drawn_) std::fprintf(stderr, "\n");
  drawn_ = false;
}

}  // namespace parley::cli
