// Scoring distributions in a backtest (docs/calibration.md, "In backtest").
// Core code: no I/O.
//
// Every model row of a backtest report gets distribution scores: with the
// first calibration that applies to it (same model, same resolved
// parameters), its out-of-sample predictive distribution per issue; without
// one, its bare point, which scores CRPS = absolute error.  The paired CRPS
// difference against the baseline is bootstrapped by group exactly as the
// MAE difference (same streams, same groups).
//
// Thread-safety: free function over values.
#pragma once

#include <cstdint>
#include <vector>

#include "parley/scenario.h"
#include "validation/backtest.h"
#include "validation/calibration.h"

namespace parley::validation {

// `scenario` must be the scenario `report` was computed from (capabilities
// applied).  Fills ModelReport::distribution, distribution_source and
// crps_vs_baseline, and IssueRow::crps.  O(models x issues x K + models x
// bootstrap x groups).
void score_backtest_distributions(BacktestReport& report, const Scenario& scenario,
                                  const std::vector<Calibration>& calibrations, std::uint64_t seed);

// "file.json (model, fitted on DATA, sha256 PREFIX)": how a report names a
// calibration.
std::string calibration_label(const Calibration& calibration);

}  // namespace parley::validation
