// Backtests: run models on issues whose outcome is known and score them
// (docs/validation.md).  Core code: no I/O; the CLI (`parley backtest`) reads
// the file and prints the report.
//
// Scoring rules (docs/models/compromise.md section 3, docs/validation.md):
//  * an issue is scored only when it has an outcome; issues without one are
//    counted under `skipped` with the reason, never dropped silently;
//  * a model's forecast counts when it is finite, whatever its status; a
//    non-finite forecast is counted as missing under the model's status
//    (e.g. `no_reference_point`); status tallies are reported for all;
//  * errors are absolute errors on the issue's own scale;
//  * the paired difference to the baseline (`compromise`) is the mean over
//    the issues both score of |model - outcome| - |baseline - outcome|, with a
//    percentile bootstrap interval that resamples whole groups (DEU:
//    proposals), since issues of one proposal are not independent.
//
// Thread-safety: free functions over values.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "parley/params.h"
#include "parley/scenario.h"
#include "validation/scoring.h"

namespace parley::validation {

// Which capability the actors get (docs/validation.md): `treaty` = as
// imported (DEU: Council weights by treaty regime), `gdp` = the scenario's
// `capability_options.gdp` map (DEU row 2), `equal` = 1 for everybody.
enum class CapabilityOption { treaty, gdp, equal };
CapabilityOption parse_capability_option(const std::string& name);
std::string capability_option_name(CapabilityOption option);
// A copy of `scenario` with the option applied.  Throws parley::Error when the
// scenario lacks the data (e.g. no gdp map, or an actor missing from it).
Scenario with_capabilities(const Scenario& scenario, CapabilityOption option);

// A model with fixed parameters, written `name` or `name:key=value:key=value`
// (e.g. `compromise:weight=sal`).  The label is the text as written.
struct ModelSpec {
  std::string label;
  std::string model;
  Params params;
};
ModelSpec parse_model_spec(const std::string& text);
// The default line-up: every registered static model with its defaults, plus
// the weight variants of compromise and median (sal, none).
std::vector<ModelSpec> default_model_specs();
// A comma-separated list of specs; the words `static` (= default_model_specs())
// and `all` (every registered model with its defaults, plus the variants) may
// appear in it.
std::vector<ModelSpec> parse_model_list(const std::string& text);

// Canonical split keys: procedure "COD"/"CNS"/other text/"unknown"; voting
// "QMV" (also QMV(10)), "unanimity", other text, or "unknown".
std::string procedure_key(const Issue& issue);
std::string voting_key(const Issue& issue);
// The resampling group: tag `proposal`, else tag `case`, else the issue id.
std::string group_key(const Issue& issue);

struct Metrics {
  int n = 0;
  double mae = 0, median_ae = 0, rmse = 0;
  double hit5 = 0, hit10 = 0, hit20 = 0;  // share of issues with |error| <= 5 / 10 / 20
};
// Metrics of a list of absolute errors (NaN fields when empty).  O(n log n).
Metrics metrics_of(std::vector<double> abs_errors);

struct PairedDifference {
  int n = 0;              // issues both scored
  int groups = 0;         // resampling groups among them
  double mean = 0;        // mean of AE(model) - AE(baseline); < 0 = model better
  double lo = 0, hi = 0;  // bootstrap percentile interval
};

struct ModelReport {
  ModelSpec spec;
  Metrics all;
  std::map<std::string, Metrics> by_procedure, by_voting;
  std::optional<PairedDifference> vs_baseline;  // absent for the baseline itself when not asked
  std::map<std::string, int> missing;   // reason (status) -> issues with outcome but no forecast
  std::map<std::string, int> statuses;  // status -> issues (all issues with an outcome)
  std::vector<std::string> notes;       // the model's Result::notes
  // Scores of the model's predictive distributions, filled by
  // score_backtest_distributions() (validation/backtest_distributions.h):
  // with the calibration that applies to the model, else as a bare point.
  std::optional<DistributionScores> distribution;
  std::string distribution_source;                   // "point" or the calibration used
  std::optional<PairedDifference> crps_vs_baseline;  // paired CRPS difference, as vs_baseline
};

struct IssueRow {
  std::string issue, group, procedure, voting;
  std::optional<double> outcome;
  std::vector<double> forecast;     // per model (NaN = none)
  std::vector<std::string> status;  // per model
  std::vector<double> crps;         // per model, once distributions are scored (NaN = none)
};

// A model tuned by choosing among candidate settings with cross-validation
// grouped by proposal: the groups (in order of first appearance) are dealt
// round-robin into `folds` folds; for each fold the candidate with the lowest
// MAE on the other folds forecasts the fold's issues.  The report row (label
// `cv[a|b|...]`) therefore holds out-of-fold errors only, never in-sample ones.
struct TunedSpec {
  std::vector<ModelSpec> candidates;
  std::string label() const;
};
TunedSpec parse_tuned_spec(const std::string& text);  // "a|b|c", each as in parse_model_spec

struct BacktestOptions {
  std::vector<ModelSpec> models;  // empty = default_model_specs()
  std::vector<TunedSpec> tuned;   // added after `models`
  int folds = 10;
  std::string baseline = "compromise";  // label of the model differences refer to
  int bootstrap = 2000;                 // resamples (0 = no interval)
  double level = 0.95;                  // interval coverage
  std::uint64_t seed = 20260101;
  // Optional: told the model runs done of the total after each one (the
  // calling thread).  Never affects the report.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

struct BacktestReport {
  int issues = 0;                      // issues in the scenario
  int scored = 0;                      // issues with an outcome
  std::map<std::string, int> skipped;  // reason -> issues not scored
  std::string baseline;                // label, or "" when the baseline is not among the models
  double level = 0.95;
  int bootstrap = 0;
  std::vector<ModelReport> models;
  std::vector<IssueRow> rows;         // every issue of the scenario, in order
  std::vector<std::string> warnings;  // the scenario's importer warnings
};

// Runs every model on the nominal instance of `scenario` and scores it.
// Throws parley::Error for unknown models or bad parameters.
BacktestReport backtest(const Scenario& scenario, const BacktestOptions& options);

// Paired differences of a per-issue loss against the report's baseline:
// for every model m, the bootstrap (below) of loss(row, m) - loss(row, b)
// over the rows where both are finite, resampling IssueRow::group.  Empty
// when the baseline is not among the models.  O(models x (issues +
// resamples x groups)).
std::vector<PairedDifference> paired_to_baseline(
    const BacktestReport& report, const std::function<double(const IssueRow&, std::size_t)>& loss,
    std::uint64_t seed);

// Paired bootstrap by group (exposed for tests): `diff[k]` per scored issue,
// `group[k]` its group id (dense 0..G-1).  Resample G groups with replacement
// from Stream(seed, {b, Subsystem::bootstrap}) for b = 0..resamples-1 and
// return the percentile interval of the resampled mean.  O(resamples x n).
PairedDifference paired_bootstrap(const std::vector<double>& diff, const std::vector<int>& group,
                                  int resamples, double level, std::uint64_t seed);

}  // namespace parley::validation
