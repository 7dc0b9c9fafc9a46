// Calibration files (docs/calibration.md, "The calibration file"): versioned
// JSON written by `parley calibrate` and read by the commands that take
// `--calibration FILE`.  Internal to parley_io.
//
// The reader is strict: the format tag, the version, every field and its type
// and range are checked, and a problem is a parley::Error naming the file,
// line, column and field path (exit 2), never a silent default.
//
// Thread-safety: free functions over values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "validation/calibration.h"
#include "validation/scoring.h"

namespace parley::io {

constexpr const char* kCalibrationFormat = "parley-calibration";

std::string calibration_to_json(const validation::Calibration& calibration);
// `origin` names the text in error messages (a path, or "built-in ...").
validation::Calibration calibration_from_json(std::string_view text, const std::string& origin);
validation::Calibration read_calibration(const std::string& path);

// Distribution scores as JSON members of `out` (an object): crps,
// coverage_50/80/90, interval_coverage_50/80/90, pit and reliability.  Used
// by the calibration file's `cv` block and by backtest's `all` blocks.
void add_distribution_scores(nlohmann::json& out, const validation::DistributionScores& scores);

// The calibrations shipped in data/calibration/ (one per model, compiled
// into the program), in model-name order.
std::vector<validation::Calibration> default_calibrations();

}  // namespace parley::io
