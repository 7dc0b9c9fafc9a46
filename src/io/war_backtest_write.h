// Writers of a war backtest report (validation/war_backtest.h) and of a war
// calibration (validation/war_calibration.h): a table for
// people (100 columns) and JSON whose `models` list has the shape of the DEU
// backtest's (docs/validation.md, "War layer").
//
// Thread-safety: free functions over values.
#pragma once

#include <string>

#include "validation/war_backtest.h"
#include "validation/war_calibration.h"

namespace parley::io {

std::string war_backtest_table(const validation::WarBacktestReport& report,
                               const std::string& title);

// The calibration: fitted values, intervals, folds and the held-out scores.
std::string war_calibration_table(const validation::WarCalibrationReport& report,
                                  const std::string& title);
std::string war_calibration_json(const validation::WarCalibrationReport& report,
                                 const std::string& title);
std::string war_backtest_json(const validation::WarBacktestReport& report,
                              const std::string& title);

// The calibration: fitted values, intervals, folds and the held-out scores.
std::string war_calibration_table(const validation::WarCalibrationReport& report,
                                  const std::string& title);
std::string war_calibration_json(const validation::WarCalibrationReport& report,
                                 const std::string& title);

}  // namespace parley::io
