// The war layer against history: `parley backtest OUTCOMES.csv` and
// `parley calibrate OUTCOMES.csv --model war` on a war-case library
// (docs/validation.md, "War layer").  `backtest` hands an outcomes file here;
// `calibrate` is registered by add_calibrate_command.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace parley::cli {

// True when `path` is a war outcomes file (its header).
bool is_war_outcomes_file(const std::string& path);

struct WarBacktestArgs {
  std::string file;
  std::string models;                 // "" or a list containing war / the baselines
  std::vector<std::string> settings;  // --set k=v for the war model
  std::string format = "table";
  std::string output = "-";
  std::uint64_t seed = 20260101;
  int bootstrap = 2000;
};
int run_war_backtest(const WarBacktestArgs& args);

void add_calibrate_command(CLI::App& app, Shared& shared);

}  // namespace parley::cli
