// The war layer against history: `parley backtest OUTCOMES.csv` and
// `parley calibrate OUTCOMES.csv --model war` on a war-case library
// (docs/validation.md, "War layer").  Both commands hand an outcomes file
// here; `calibrate` adds the war options with add_war_calibrate_options.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "io/output.h"

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

// Options of `calibrate` that apply to a war outcomes file only.
struct WarCalibrateArgs {
  std::vector<std::string> fit;  // NAME=LO:HI:POINTS or NAME=A,B,C; empty = the defaults
  int draws = 400, score_draws = 2000, refine = 0, bootstrap = 2000;
};
void add_war_calibrate_options(CLI::App& cmd, WarCalibrateArgs& args);

// The `war_calibration` document of the war layer fitted on `file`; `model`
// must be "war" or empty.
output::Json war_calibration(const std::string& file, const std::string& model,
                             const std::vector<std::string>& settings, std::uint64_t seed,
                             const WarCalibrateArgs& args);

}  // namespace parley::cli
