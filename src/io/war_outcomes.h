// The outcomes file of a war-case library (docs/war-cases.md, "Outcomes"):
// a CSV with exactly the columns
//     case,scenario,clock_start,ceasefire,end,censored
// one row per case.  `scenario` is a path relative to the CSV; `clock_start`
// and `ceasefire` are YYYY-MM (`ceasefire` empty when none came); `end` is
// ceasefire, victory_a, victory_b or censored; `censored` is empty after a
// ceasefire, else the last month observed without one.
//
// Every problem is a parley::Error naming the file and the line (exit 2 in
// the CLI): an unknown or missing column, a bad month, a ceasefire before the
// clock start, inconsistent end and censored, a duplicate case, a missing
// scenario file, a scenario without a `conflict` section or whose period 1
// does not follow the clock start, an outcome before period 1.
//
// Thread-safety: free functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "validation/war_backtest.h"

namespace parley::io {

// One row as written, checked on its own (no file is opened).
struct WarOutcomeRow {
  int line = 0;
  std::string name, scenario;
  int clock_start = 0;
  std::optional<int> ceasefire;
  validation::WarEnd end = validation::WarEnd::ceasefire;
  int last_month = 0;  // the ceasefire month, or the `censored` month
};

// True when the first non-blank line is the outcomes header.
bool is_war_outcomes(std::string_view text);

// Parses and checks the rows (`file` names the file in messages).
std::vector<WarOutcomeRow> parse_war_outcomes(std::string_view text, const std::string& file);

// Reads the outcomes file at `path` and loads every case scenario.
std::vector<validation::WarCase> load_war_cases(const std::string& path);

}  // namespace parley::io
