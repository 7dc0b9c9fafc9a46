// report/model_error.h - the report's view of the model's own error
// (docs/report.md, "Forecast with the model's error"; docs/calibration.md).
//
// A run document made with a calibration carries `calibration` (what it was
// fitted on and its out-of-fold scores) and `predictive` (per issue: point,
// 80% interval, atoms, density on a grid, quantiles).  This part of the
// report draws, per issue, the predictive distribution (atoms as spikes, the
// continuous part as an area) and, once, the calibration's reliability
// diagram; every caption says "includes model error, calibrated on <data>".
// It also shows the answers to the scenario's questions.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <string>
#include <vector>

#include "report/documents.h"
#include "report/report.h"

namespace parley::report {

// Appends the plots of the model's error to `plots`, numbering their ids on
// from the last ("plot-N").  Nothing when no document carries a calibration.
void add_model_error_plots(const Documents& documents, std::vector<Plot>& plots);

// The answers to the scenario's questions (the run document's `questions`,
// else the mc document's) as an HTML section; "" without questions.
std::string questions_section(const Documents& documents);

// " (includes model error, calibrated on ...)" when the mc document includes
// the model's error, else "".
std::string mc_model_error_words(const json& mc);

}  // namespace parley::report
