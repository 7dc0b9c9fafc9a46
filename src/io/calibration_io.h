// Calibration files (docs/calibration.md, "The calibration file"): the
// `calibration` result document that `parley calibrate --format json` writes
// (output::calibration_document, io/output.h), read back by the commands that
// take `--calibration FILE`.  Internal to parley_io.
//
// The reader is strict: the kind, the version, every field and its type and
// range are checked, and a problem is a parley::Error naming the file, line,
// column and field path (exit 2), never a silent default.  The envelope's
// `parley_version` and `notes` are checked for their type only.
//
// Thread-safety: free functions over values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "validation/calibration.h"

namespace parley::io {

constexpr const char* kCalibrationKind = "calibration";

// `origin` names the text in error messages (a path, or "built-in ...").
validation::Calibration calibration_from_json(std::string_view text, const std::string& origin);
validation::Calibration read_calibration(const std::string& path);

// The calibrations shipped in data/calibration/ (one per model, compiled
// into the program), in model-name order.
std::vector<validation::Calibration> default_calibrations();
// The shipped calibration of `model` (data/calibration/MODEL.json), or none.
// Reads that one file only: a command that needs one calibration does not
// parse the seven (about 10 ms).
std::optional<validation::Calibration> default_calibration(const std::string& model);

}  // namespace parley::io
