// ensemble/ensemble.h - forecasts as distributions (Monte Carlo ensembles).
//
// An ensemble draws every uncertain input of a Scenario, runs one model per
// draw and summarises the forecasts per issue: mean, median, quantiles, a
// histogram, the probability of named ranges and, for dynamic models, the
// distribution of the number of rounds and fan-chart data.
//
// Reproducibility contract: draw d of a run is a pure function of (scenario,
// model, parameters, seed, noise, d).  Every input of draw d is drawn from its
// own counter-based Stream keyed by (seed, {d, Subsystem::sampling, input}),
// the model receives RunContext{seed, d}, results are stored by draw index
// and every reduction runs in draw order.  Summaries are therefore
// bit-identical for any thread count, any sharding of the draws and any
// interruption and resumption of a run.
//
// Core code: no I/O libraries; storage and printing live in src/store and
// src/cli.
//
// Thread-safety: Plan is immutable after make_plan() and may be shared by all
// worker threads; every other type is a value.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "parley/instance.h"
#include "parley/model.h"
#include "parley/scenario.h"
#include "parley/section_inputs.h"
#include "scenario/parallel.h"
#include "scenario/quantile.h"

namespace parley::ensemble {

// A named range of an issue.  `issue` empty = applies to every issue.
// Ranges are half-open, [lo, hi), except that a range reaching the top of the
// issue's scale includes it: ranges that partition the scale (the anchor
// ranges do) count every forecast exactly once, so their probabilities sum
// to 1.
struct Region {
  std::string issue;
  std::string name;
  double lo = 0, hi = 0;
};

// Parses "name=lo:hi" or "issue.name=lo:hi"; throws parley::Error.
Region parse_region(const std::string& text);

struct Options {
  std::string model;
  Params params;  // as given; resolved against the model's schema
  std::uint64_t seed = 0;
  std::uint64_t draws = 1000;
  double noise = 0;  // relative sd perturbing certain inputs (0 = none)
  std::vector<Region> regions;
  int bins = 0;  // histogram bins over each issue's scale; 0 = histogram_bins()
  int threads = 1;
};

// One uncertain input of a scenario, as realise() enumerates it.
struct Input {
  std::uint64_t index = 0;  // realise()'s stable input index
  std::string label;        // e.g. "russia.position.donbas"
  std::string actor;        // actor id ("" when not an actor's input)
  std::string issue;        // issue id ("" when not issue-specific)
  std::string field;        // position, salience, capability, status_quo or section
  Uncertain value;          // as written (the noise distribution for certain inputs)
  double lo = 0, hi = 0;    // the field's valid range
  bool uncertain = false;   // drawn (false: fixed at its nominal value)
};

struct ModelError;  // ensemble/model_error.h

// Everything a worker needs; built once per run.
struct Plan {
  const Scenario* scenario = nullptr;
  const ModelInfo* model = nullptr;
  Params params;                        // resolved
  std::shared_ptr<const Model> runner;  // one instance, shared: run() is const and stateless
  Options options;
  std::vector<Input> inputs;  // every input realise() asks for, by index order
  // The uncertain numbers of the scenario's conflict and agenda sections
  // (parley/section_inputs.h), listed once for every draw.
  std::vector<SectionInput> sections;
  std::vector<std::string> issue_ids;
  std::vector<IssueFrame> frames;
  // The model's own error (ensemble/model_error.h); null = inputs only.
  std::shared_ptr<const ModelError> model_error;
  // The model's own headline quantities (ModelInfo::quantities, e.g. the war
  // layer's p_ceasefire_by.YYYY-MM and regime_share.REGIME), in its order;
  // forecast.ISSUE is not repeated here.  Empty for models without any.
  std::vector<std::string> quantity_names;
};

// Resolves the model and its parameters and enumerates the inputs.  The
// scenario must outlive the plan (which points to it), so a temporary is
// refused at compile time.  Throws parley::Error.
Plan make_plan(const Scenario& scenario, const Options& options);
Plan make_plan(Scenario&& scenario, const Options& options) = delete;

// Picks input values from the uniforms `u(index)`: uncertain inputs through
// their inverse CDF (normal truncated to the field's range), certain ones
// perturbed by the relative noise when options.noise > 0, else nominal.
double pick_value(const Input& input, double u, double noise);
// The value an input takes at the nominal run.
Instance nominal(const Plan& plan);

// What one draw produced.
struct DrawResult {
  std::uint64_t draw = 0;
  std::vector<double> forecast;     // per issue
  std::vector<std::string> status;  // per issue
  int rounds = 0;                   // trajectory length - 1 (0 for static models)
  // Per round (0..rounds) and issue: trajectory median and mean,
  // index round * issues + issue.
  std::vector<double> median_path, mean_path;
  // Per name of Plan::quantity_names: the run's value (NaN when it did not
  // answer it).
  std::vector<double> quantities;
  double seconds = 0;  // wall time of this draw (not part of any summary)
  std::string error;   // non-empty when the model rejected the drawn instance
  // With a plan's model error (ensemble/model_error.h), in one vector (one
  // allocation per draw; error_numbers_of() reads it): per issue a value
  // drawn from the draw's predictive distribution, then per issue its mean,
  // then per issue and range (regions_for order, issues one after the
  // other) its mass.  Not stored: a pure function of the draw, computed
  // again when missing.
  std::vector<double> error_numbers;

  // Equality of everything except the timing.
  bool same_as(const DrawResult& other) const;
};

// The instance of draw `draw`.  When `values` is given it receives the value
// of every input (parallel to plan.inputs).  Thread-safe.
Instance draw_instance(const Plan& plan, std::uint64_t draw, std::vector<double>* values = nullptr);

// Runs draw `draw` alone (realise + model).  Thread-safe.
DrawResult run_draw(const Plan& plan, std::uint64_t draw);

// The core's one thread fan-out (scenario/parallel.h).
using parley::parallel_for;

// Runs the model on an instance already realised (for sensitivity designs).
// A parley::Error from the model gives a result with status "error".
DrawResult run_instance(const Plan& plan, const Instance& instance, std::uint64_t draw);

// Runs the listed draws in parallel; out[k] is the result of draws[k].
std::vector<DrawResult> run_draws(const Plan& plan, std::span<const std::uint64_t> draws,
                                  const std::function<void(std::uint64_t)>& progress = {});

// Quantile of sorted data: the core's one kernel (scenario/quantile.h, type 7).
using parley::quantile_sorted;

struct RegionProbability {
  std::string name;
  double lo = 0, hi = 0;
  double probability = 0;  // share of draws with a finite forecast in the range
};

struct IssueSummary {
  std::string issue;
  double lo = 0, hi = 100;  // issue scale
  std::uint64_t n = 0;      // draws with a finite forecast
  double mean = 0, sd = 0, min = 0, max = 0;
  double median = 0, q05 = 0, q25 = 0, q75 = 0, q95 = 0;
  std::vector<std::uint64_t> histogram;  // `bins` equal bins over [lo, hi]
  std::vector<RegionProbability> regions;
  std::map<std::string, std::uint64_t> status;  // status flag -> draws
  // With the model's error the numbers above describe the mixture
  // (ensemble/model_error.h); these keep the spread of the inputs alone.
  struct InputsOnly {
    double mean = 0, q05 = 0, median = 0, q95 = 0;
    std::vector<double> region_probability;  // parallel to regions
  };
  std::optional<InputsOnly> inputs_only;
};

// Fan-chart data: per round, per issue, quantiles over draws of the
// trajectory's median and mean.  A draw that stopped before round r keeps
// its last value (it has settled there).
struct FanPoint {
  double q05 = 0, q25 = 0, q50 = 0, q75 = 0, q95 = 0;
};
struct Fan {
  int rounds = 0;                      // max rounds over draws
  std::vector<FanPoint> median, mean;  // (rounds + 1) x issues, round-major
};

// The distribution over draws of one headline quantity.
struct QuantitySummary {
  std::string name;
  std::uint64_t n = 0;  // draws with a finite value
  double mean = 0, sd = 0, q05 = 0, q25 = 0, median = 0, q75 = 0, q95 = 0;
};

struct Summary {
  std::string model;
  std::uint64_t draws = 0;  // draws summarised
  std::uint64_t seed = 0;
  double noise = 0;
  bool dynamic = false;
  std::vector<IssueSummary> issues;
  std::vector<QuantitySummary> quantities;  // one per Plan::quantity_names
  // Dynamic models: number of rounds.
  double rounds_mean = 0;
  double rounds_q05 = 0, rounds_median = 0, rounds_q95 = 0;
  std::map<int, std::uint64_t> rounds_histogram;  // rounds -> draws
  Fan fan;
  std::vector<std::string> notes;  // e.g. the first draw the model rejected
  std::string model_error;         // the calibration included ("" = inputs only)
};

// Mean, sd and quantiles of the finite values, summed in the order given.
// O(n log n).
QuantitySummary summarise_values(const std::string& name, std::vector<double> values);

// Summarises draws given in draw order.  O(D) per issue (selecting the
// quantiles, scenario/quantile.h) plus
// O(D R I log D) for the fan chart (D draws, R rounds, I issues).
Summary summarise(const Plan& plan, std::span<const DrawResult> draws);

// The number of equal bins over the scale [lo, hi] for the sorted finite
// forecasts `sorted` (or put in order at ranks 0, n - 1 and those of the
// quartiles, place_ranks): the Freedman-Diaconis width 2 IQR n^(-1/3) (Sturges'
// count over the draws' range when the IQR is 0), so that more draws give
// more bins; at least kMinBins (also when every draw agrees), at most
// kMaxBins.  O(1).
constexpr int kMinBins = 10;
constexpr int kMaxBins = 400;
int histogram_bins(std::span<const double> sorted, double lo, double hi);

// The regions that apply to issue `i`: the user's (issue-specific first, in
// the order given), else one per anchor of the issue: the points closer to
// that anchor than to any other (cut at midpoints between anchors).
std::vector<Region> regions_for(const Plan& plan, int issue);

// A whole run in memory: plan, all draws, summary.  `done` may hold results
// of draws already computed (e.g. loaded from a store on resume): those are
// not re-run.  `on_batch` receives each batch of newly computed draws (in
// draw order) so that a caller can persist it; batches are about
// `batch_size` draws.  `draw_list` empty = all draws 0..draws-1.
struct RunHooks {
  std::function<void(std::span<const DrawResult>)> on_batch;
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
  // 0 = automatic: max(1024, 64 x threads) with on_batch, else one batch.
  std::uint64_t batch_size = 0;
};
std::vector<DrawResult> run_ensemble(const Plan& plan, std::span<const std::uint64_t> draw_list,
                                     std::vector<DrawResult> done, const RunHooks& hooks = {});

// 0 .. draws-1.
std::vector<std::uint64_t> all_draws(std::uint64_t draws);
// The draws of shard i of k: the contiguous block [i*N/k, (i+1)*N/k).
std::vector<std::uint64_t> shard_draws(std::uint64_t draws, int shard, int shards);
// Parses "i/k" (0 <= i < k); throws parley::Error.
std::pair<int, int> parse_shard(const std::string& text);

}  // namespace parley::ensemble
