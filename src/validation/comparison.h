// Several models' forecasts of one scenario side by side (docs/compare.md):
// each model's point and, where a calibration applies, its predictive
// interval; a consensus weighted by out-of-sample skill; the spread across
// models per issue.  Core code: no I/O.  Running the models is the caller's
// (the `parley compare` command); this file combines what they forecast.
//
// The consensus rule (docs/compare.md, "Consensus").  A calibrated model m
// has an out-of-sample CRPS c_m (the calibration's cross-validated score,
// in the units of its data's scale).  Its weight is
//
//   w_m = c_m^-2 / sum_k c_k^-2,
//
// the inverse-variance rule with the CRPS standing in for the error's
// standard deviation (for a normal forecast the CRPS is proportional to it).
// The weights sum to 1 and a lower CRPS never gets a lower weight.  The
// consensus forecast is sum_m w_m f_m; its interval is the central interval
// of the linear pool sum_m w_m F_m of the models' predictive distributions.
// Models without a calibration (no track record) are shown but get no
// weight.
//
// Thread-safety: free functions over values.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "parley/instance.h"
#include "validation/calibration.h"
#include "validation/predictive.h"

namespace parley::validation {

// What one model forecast for the scenario.
struct ModelForecast {
  std::string label;                         // as the user named it (e.g. "bdm")
  std::vector<double> forecast;              // per issue, issue scale; NaN = none
  const Calibration* calibration = nullptr;  // the one that applies; null = none
};

// One model's column of the comparison.
struct ModelColumn {
  std::string label;
  std::vector<double> forecast;                     // per issue
  std::vector<std::pair<double, double>> interval;  // per issue; NaN pair without calibration
  bool calibrated = false;
  double crps = 0, mae = 0;  // out of sample, from the calibration (NaN without)
  int scored = 0;            // outcomes the scores are over
  double weight = 0;         // in the consensus; 0 without calibration
};

// One issue across the models.
struct IssueComparison {
  double lo = 0, hi = 100;             // the issue's scale
  double consensus = 0;                // NaN when no model is calibrated
  std::pair<double, double> interval;  // of the pooled distribution; NaN pair likewise
  double spread = 0;                   // max - min of the finite forecasts (0 for < 2)
  bool disagree = false;               // spread > kDisagreement x (hi - lo)
};

constexpr double kDisagreement = 0.25;  // share of the scale that flags an issue

struct Comparison {
  double level = 0.8;  // of every interval
  std::vector<ModelColumn> models;
  std::vector<IssueComparison> issues;  // one per issue of the instance
};

// Consensus weights from out-of-sample CRPS values (> 0, finite), by the rule
// above.  Throws std::invalid_argument for an empty list or a value that is
// not a finite positive number.  O(n).
std::vector<double> skill_weights(const std::vector<double>& crps);

// The central `level` interval of the linear pool sum_k weight[k] F_k, found
// by bisection on the pooled CDF to 1e-9 of the scale.  The weights must be
// >= 0 with a positive sum (they are normalised).  O(60 x sum of atoms).
std::pair<double, double> pooled_interval(const std::vector<PredictiveDistribution>& parts,
                                          const std::vector<double>& weight, double level);

// Combines the models' forecasts on `instance` (the nominal instance they
// ran on): intervals from each calibration's fitted error model, consensus
// weights by skill_weights(), the pooled interval and the spread.  Each
// forecast vector must have one entry per issue (std::invalid_argument
// otherwise).  O(models x issues x actors log actors).
Comparison compare_models(const Instance& instance, const std::vector<ModelForecast>& models,
                          double level = 0.8);

}  // namespace parley::validation
