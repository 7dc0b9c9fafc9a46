// cli/progress.h - a progress bar on stderr for long runs.
//
// A bar with the share done, the count, the rate and the time left, redrawn
// in place ("\r"), only when stderr is a terminal and not --quiet: a pipe or
// a file never receives it.  finish() ends the line.  Used by mc,
// sensitivity, run (models that report progress) and backtest.
//
// Thread-safety: call from one thread (the one that runs the command).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace parley::cli {

class Progress {
 public:
  Progress(bool quiet, std::string unit);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  void update(std::uint64_t done, std::uint64_t total);
  void finish();
  // update() as a callback (RunContext::progress, ensemble hooks).
  std::function<void(std::uint64_t, std::uint64_t)> callback() {
    return [this](std::uint64_t done, std::uint64_t total) { update(done, total); };
  }

 private:
  bool enabled_;
  std::string unit_;
  std::chrono::steady_clock::time_point start_, last_;
  bool drawn_ = false;
};

}  // namespace parley::cli
