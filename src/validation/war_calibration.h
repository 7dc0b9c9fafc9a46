// Calibration of the war layer's free parameters on a war-case library by
// maximum likelihood of the first-ceasefire months (docs/validation.md,
// "War layer: calibration").  Core code: no I/O.
//
// Method:
//  * the free parameters (war model `--set` names) are searched on a grid
//    (the Cartesian product of each parameter's points); every case is
//    simulated once per grid point with the same seed (common random
//    numbers), at `draws` wars per case, and its log-likelihood stored;
//  * the full fit is the grid point with the largest summed log-likelihood;
//    optionally refined by NLopt's Nelder-Mead inside the neighbouring grid
//    cells (`refine` evaluations);
//  * leave one case out: for each case, the grid point that maximises the
//    other cases' summed log-likelihood (refined the same way); the held-out
//    case is then simulated at `score_draws` wars with those values and scored
//    with the baselines fitted on the other cases (war_backtest.h).  The
//    held-out case never influences its own prediction: the grid, the
//    parameter list and the fixed values are set before any case is scored;
//  * pooling (docs/validation.md, "War layer: pooling"): the weight w of the
//    constant hazard in the pooled forecast (1 - w) F_war + w F_constant is
//    chosen after the war parameters, by the summed log-likelihood of the
//    training cases' war curves (at the fold's values) pooled with constant
//    hazards fitted leave-one-case-out among the training cases
//    (fit_pool_weight); the held-out case is pooled with the constant hazard
//    of the training cases and never sees its own outcome;
//  * each parameter's interval is the profile-likelihood interval on the
//    grid: the values whose profile log-likelihood is within
//    chi2_1(level) / 2 of the maximum.  An interval that reaches an end of
//    the grid means the cases do not bound the parameter there.
//
// Thread-safety: free functions; the war model's own fan-out (`threads`).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parley/params.h"
#include "validation/war_backtest.h"

namespace parley::validation {

struct FitParameter {
  std::string name;            // a war model parameter (`--set` name)
  std::vector<double> points;  // grid, increasing
};

struct WarCalibrationOptions {
  std::vector<FitParameter> parameters;
  Params fixed;                   // other war model settings (threads, fixed values)
  int draws = 400;                // wars per case while fitting
  int score_draws = 2000;         // wars per held-out case when scoring
  int refine = 0;                 // Nelder-Mead evaluations per fit (0 = grid only)
  double level = 0.90;            // profile interval coverage
  std::uint64_t seed = 20260101;  // one seed for every evaluation (common random numbers)
  int bootstrap = 2000;
};

struct ParameterFit {
  std::string name;
  double value = 0;
  double lo = 0, hi = 0;                      // profile-likelihood interval (grid points)
  bool bounded_lo = true, bounded_hi = true;  // false: the interval reaches the grid's end
};

struct WarCalibrationReport {
  std::vector<std::string> cases;
  std::vector<ParameterFit> fit;           // on every case
  double log_lik = 0;                      // summed, at the fit, at `draws`
  std::vector<std::vector<double>> folds;  // per held-out case: fitted values
  double pool_weight = 0;                  // on every case
  double pool_hazard = 0;                  // the constant hazard fitted on every case
  std::vector<double> pool_folds;          // per held-out case: the weight chosen without it
  WarBacktestReport loo;                   // the held-out scores, with the baselines
  WarBacktestReport in_sample;             // every case at the full fit, `score_draws`
  int grid_points = 0, evaluations = 0;
  int draws = 0, score_draws = 0;
};

// Summed log-likelihood per grid point and case: `ll[g][i]`; the grid is
// enumerated with the last parameter varying fastest.
std::vector<std::vector<double>> grid_log_likelihood(const std::vector<WarCase>& cases,
                                                     const WarCalibrationOptions& options);

// The grid point (and its values) maximising the sum over the cases with
// `use[i]` true.
std::size_t best_grid_point(const std::vector<std::vector<double>>& ll,
                            const std::vector<bool>& use);
std::vector<double> grid_values(const std::vector<FitParameter>& parameters, std::size_t g);

WarCalibrationReport calibrate_war(const std::vector<WarCase>& cases,
                                   const WarCalibrationOptions& options);

}  // namespace parley::validation
