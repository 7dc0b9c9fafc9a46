// Calibration: turning a model's point forecast into a predictive
// distribution whose uncertainty is fitted to real outcomes
// (docs/calibration.md).  Core code: no I/O; the `parley calibrate` command
// reads the data and writes the calibration file (src/io/calibration_io.h).
//
// The error model (docs/calibration.md, "Method").  On the issue's unit scale
// u = (x - lo) / (hi - lo), with f the model's point forecast:
//  * atoms at the distinct stated positions and the reference point, with
//    total probability pi (`atom_share`).  Atom k gets
//      w_k  proportional to  ((1 - rho) m_k + rho / K) exp(-|a_k - f| / (h s)),
//    m_k the capability x salience share of the actors standing at a_k (0 for
//    a reference point nobody holds), K the number of atoms, rho
//    (`evenness`), h (`proximity`);
//  * a continuous part of weight 1 - pi: a normal centred at f with standard
//    deviation tau s (`dispersion`), truncated to the scale;
//  * s = max(spread, 0.01): the capability x salience weighted standard
//    deviation of the stated positions, so that an issue on which the actors
//    are close gets a narrow distribution and a calibration carries to issues
//    on other scales.
// The four numbers are fitted by minimising the mean CRPS on the unit scale
// (NLopt's BOBYQA from fixed starting points: deterministic).
//
// Usage for a forecast (run, mc, compare, report):
//   Instance inst = ...; Result r = run_model(...);
//   for each issue i: IssueEvidence e = issue_evidence(inst, i, r.forecast[i]);
//                     PredictiveDistribution d = predictive(calibration.fitted, e);
//                     d.interval(0.8), d.sample(u), d.cdf(x) ...
// Building d is O(K log K) for K atoms; evaluating it allocates nothing.
//
// Thread-safety: free functions over values; Calibration is a value.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "parley/instance.h"
#include "parley/params.h"
#include "parley/scenario.h"
#include "validation/backtest.h"
#include "validation/predictive.h"
#include "validation/scoring.h"

namespace parley::validation {

// What a scenario says about one issue beyond the point forecast, on the unit
// scale of the issue.
struct IssueEvidence {
  double lo = 0, hi = 1;       // the issue scale
  double point = 0.5;          // the model's forecast, clamped to [0, 1]
  std::vector<double> atoms;   // distinct positions and reference point, sorted
  std::vector<double> weight;  // capability x salience share at each atom; sums to 1
  double spread = 0;           // weighted standard deviation of the positions
};
// The evidence of an issue on the unit scale: the participants' positions
// with their capability x salience shares (equal shares when those sum to 0)
// and the reference point with share 0, sorted, equal positions merged, into
// `held` (cleared first; a reused buffer keeps its capacity, so that an
// ensemble's workers do not allocate per draw); `spread` is the shares'
// weighted standard deviation of the positions.  Returns false when nobody
// takes part.  O(actors log actors).
bool gather_evidence(const Instance& instance, int issue,
                     std::vector<std::pair<double, double>>& held, double& spread);
// Throws std::invalid_argument when `forecast` is not finite or nobody takes
// part in the issue.  Capability x salience weights that sum to 0 are
// replaced by equal weights.  O(actors log actors).
IssueEvidence issue_evidence(const Instance& instance, int issue, double forecast);

// The fitted numbers of the error model (see the header comment).
struct ErrorModel {
  double atom_share = 0;  // pi in [0, 1]
  double evenness = 0;    // rho in [0, 1]
  double proximity = 1;   // h > 0, in units of the spread
  double dispersion = 1;  // tau > 0, in units of the spread
};
constexpr double kMinSpread = 0.01;  // floor of s on the unit scale
// The name of the family above, recorded in calibration files.
inline const char* kErrorFamily = "atoms_truncated_normal";

PredictiveDistribution predictive(const ErrorModel& model, const IssueEvidence& evidence);

// predictive()'s work on evidence already gathered (gather_evidence): `held`
// on the unit scale, sorted, distinct; `point` and `spread` as in
// IssueEvidence.  Makes `out` the distribution, reusing the buffers: `held`
// (its weights are replaced by the atoms' probabilities), `probability` and
// `scratch`, so that a caller that keeps them allocates nothing per call
// (validation/predictive_workspace.h).  Throws std::invalid_argument as
// predictive() does.  O(K).
struct PredictiveScratch {
  std::vector<PredictiveDistribution::Atom> atoms;
  std::vector<std::pair<double, double>> unit;
};
void assign_predictive(const ErrorModel& model, double lo, double hi, double point, double spread,
                       std::vector<std::pair<double, double>>& held,
                       std::vector<double>& probability, PredictiveScratch& scratch,
                       PredictiveDistribution& out);

// The atoms' part of predictive() (docs/calibration.md, "Method"): for the
// evidence (x_k, w_k) of `held` (unit scale) and the point `point`, out[k] =
// pi b_k exp(-|x_k - point| / (h s)) / sum_j b_j exp(-|x_j - point| / (h s))
// with b_k = (1 - rho) w_k + rho / K, computed in log space so that a narrow
// kernel cannot underflow every atom.  Returns the atoms' total share: pi, or
// 0 when no atom carries weight (every out[k] is then 0).  `out` has
// held.size() entries.  O(K): at most K calls of log and of exp (equal bases
// share one log; the largest term needs no exp).
double atom_probabilities(const ErrorModel& model, std::span<const std::pair<double, double>> held,
                          double point, double s, std::span<double> out);

// Minimises the mean unit-scale CRPS of predictive(model, evidence[k])
// against outcomes[k] (issue scale).  Deterministic.  Throws
// std::invalid_argument when the inputs are empty or differ in length.
// O(evaluations x n x K); about a few hundred evaluations.
ErrorModel fit_error_model(const std::vector<IssueEvidence>& evidence,
                           const std::vector<double>& outcomes);

// Folds of whole groups: the groups, in order of first appearance, are dealt
// round-robin into `folds` folds (as `backtest --tune`).  Returns the fold of
// each entry.  Throws parley::Error when there are fewer groups than folds.
std::vector<int> group_folds(const std::vector<std::string>& groups, int folds);

struct CrossValidated {
  std::vector<PredictiveDistribution> distributions;  // out of fold, one per entry
  std::vector<ErrorModel> fold_models;                // fitted without fold k
};
// For each fold k, fits on the entries of the other folds and predicts the
// entries of fold k: no entry of fold k (its outcome included) reaches the
// fit that predicts it.  The folds are fitted on up to `threads` threads
// (parallel_for); the result is the same on any number.
CrossValidated cross_validate(const std::vector<IssueEvidence>& evidence,
                              const std::vector<double>& outcomes, const std::vector<int>& fold,
                              int folds, int threads = 1);

// Where a calibration's data came from.
struct DataFingerprint {
  std::string file;    // file name without folders
  std::string sha256;  // of the file's bytes
  int issues = 0;      // issues in the file
  int scored = 0;      // issues used (an outcome and a finite forecast)
};

// A model's fitted error model with the evidence of its quality.
struct Calibration {
  static constexpr int kVersion = 1;
  std::string model;         // registered model name
  Params params;             // the model's resolved parameters
  std::string capabilities;  // capability option of the data (e.g. treaty)
  DataFingerprint data;
  std::string family = kErrorFamily;
  ErrorModel fitted;  // on all the data
  int folds = 5;
  std::uint64_t seed = 0;
  DistributionScores cv;                // out-of-fold scores
  std::vector<ErrorModel> fold_models;  // one per fold
};

// Runs `spec` on the nominal instance of `scenario` (capabilities already
// applied), fits the error model on the issues with an outcome and a finite
// forecast, and scores it by grouped cross-validation.  Fills everything but
// `capabilities` and `data.file` / `data.sha256`.  Throws parley::Error when
// the model fails on the data or too few issues can be scored.  `threads`:
// as in cross_validate.
Calibration calibrate(const Scenario& scenario, const ModelSpec& spec, int folds,
                      std::uint64_t seed, int threads = 1);

// True when `calibration` was fitted for this model and these parameters
// (compared after resolving the spec's parameters).
bool calibration_applies(const Calibration& calibration, const ModelSpec& spec);

}  // namespace parley::validation
