// ensemble/sensitivity.h - which inputs move the forecast.
//
// Two analyses over the uncertain inputs of a Plan (ensemble.h):
//  * one-at-a-time (tornado): every input at its low and its high value, all
//    others at their nominal values.  Low/high = the range as written for
//    `tri` and `uniform` (cut to the field's valid range), the 5% and 95%
//    quantiles of the truncated distribution for `normal` (and for certain
//    inputs perturbed by --noise).  Cost 1 + 2k model runs for k inputs.
//  * variance-based (Sobol): first-order indices with the Saltelli (2010)
//    estimator and total indices with Jansen's (1999) estimator, from two
//    independent N x k matrices A and B of uniforms mapped through each
//    input's inverse CDF.  Cost N (k + 2) model runs.  Confidence intervals
//    by the percentile bootstrap over the N rows.
//
//    V    = variance of the 2N outputs f(A), f(B)
//    S_i  = (1/N) sum_j (f(B)_j - m) (f(A_B^i)_j - f(A)_j) / V  (Saltelli 2010)
//    ST_i = (1/2N) sum_j (f(A)_j - f(A_B^i)_j)^2 / V          (Jansen 1999)
//  where A_B^i is A with column i taken from B and m the mean of the 2N
//  outputs (centring does not bias the estimator and cuts its variance).
//
// Randomness: row j, input i uses Stream(seed, {j, Subsystem::sensitivity,
// input index}) (first uniform -> A, second -> B); bootstrap replicate r uses
// Stream(seed, {r, Subsystem::bootstrap}).  Results do not depend on the
// thread count.
//
// Targets: every analysis reports per target, the forecast of each issue
// followed by the model's headline quantities (Plan::quantity_names, e.g. the
// war layer's P(ceasefire by each year end) and regime shares): target t < I
// is issue t, target I + q is quantity q.
//
// Thread-safety: free functions; the Plan is read-only.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ensemble/ensemble.h"

namespace parley::ensemble {

struct TornadoBar {
  size_t input = 0;  // index into Plan::inputs
  double low_value = 0, high_value = 0;
  std::vector<double> low, high;  // per target (see above) at the low / high value
};

struct Tornado {
  std::vector<double> base;      // nominal value per target
  std::vector<TornadoBar> bars;  // in input order
};

// One-at-a-time analysis.  Parallel over the 1 + 2k runs.
// `progress(done, total)` as in run_ensemble (calling thread only).
using ProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;
Tornado one_at_a_time(const Plan& plan, const ProgressFn& progress = {});
// Bars of target i ordered by swing |high - low|, largest first (ties: input
// order).
std::vector<const TornadoBar*> ranked(const Tornado& tornado, int issue);

struct SobolOptions {
  std::uint64_t samples = 1000;   // N
  std::uint64_t bootstrap = 200;  // replicates for the confidence intervals
  double confidence = 0.95;
};

struct SobolIndex {
  size_t input = 0;  // index into Plan::inputs
  // Per target.
  std::vector<double> first, first_lo, first_hi;
  std::vector<double> total, total_lo, total_hi;
};

struct Sobol {
  std::uint64_t samples = 0;
  std::uint64_t evaluations = 0;
  double confidence = 0.95;
  std::vector<double> variance;     // per target
  std::vector<SobolIndex> indices;  // one per uncertain input, in input order
};

Sobol sobol(const Plan& plan, const SobolOptions& options, const ProgressFn& progress = {});

// The estimators on given outputs (exposed for tests): fa, fb of size N,
// fab of size N for one input; rows = which rows to use (a bootstrap
// resample; empty = all).
struct SobolPair {
  double first = 0, total = 0;
};
SobolPair sobol_estimate(const std::vector<double>& fa, const std::vector<double>& fb,
                         const std::vector<double>& fab, const std::vector<size_t>& rows);

// Sum over each actor's inputs of a per-input score, largest first: which
// actors' inputs move issue i most.  `score[k]` belongs to plan.inputs[k].
// The targets of a run: its forecast per issue, then its quantities.
std::vector<double> targets_of(const DrawResult& result);

std::vector<std::pair<std::string, double>> by_actor(const Plan& plan,
                                                     const std::vector<double>& score);

}  // namespace parley::ensemble
