// War backtest: scores P(first ceasefire by month t) against what happened in
// historical wars coded as scenarios (docs/validation.md, "War layer";
// docs/war-cases.md).  Core code: no I/O.  src/io/war_outcomes.h reads the
// outcomes file into WarCase values; the CLI prints the report.
//
// Time (docs/validation.md, "War layer: scoring rules"):
//  * months are counted as year * 12 + (month - 1);
//  * period t of a case is the month `period1 + t - 1`, where `period1` is the
//    scenario's `conflict.start` (the month after the clock-start month unless
//    the case says otherwise); the model's curve F(t) is P(first ceasefire by
//    the end of period t), F(0) = 0;
//  * a ceasefire in month c is the event at period c - period1 + 1; a war ended
//    by victory, or censored, survives through its `censored` month;
//  * an outcome after the horizon T is censored at T (the case row says so).
//
// Scores of one case with curve F and floor eps (the same for every model):
//    ceasefire at t:   log max(F(t) - F(t-1), eps)
//    survival to t:    log max(1 - F(t), eps)
//  brier_k = mean over the cases whose outcome is known k months after the
//  clock start of (P(ceasefire within k months of the clock start) - y)^2.
//
// Thread-safety: free functions over values; war_backtest() runs the war
// model on each case (the model's own thread fan-out, bit-identical for any
// thread count).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parley/params.h"
#include "parley/scenario.h"

namespace parley::validation {

enum class WarEnd { ceasefire, victory_a, victory_b, censored };
const char* war_end_name(WarEnd end);

// Months since year 0 of "YYYY-MM" (year 1000..9999, month 01..12); nullopt
// for anything else.  The inverse formats a month index.
std::optional<int> parse_month(const std::string& text);
std::string month_label(int month);

// One row of the outcomes file, with its scenario.
struct WarCase {
  std::string name;
  int line = 0;                  // line in the outcomes file (for messages)
  Scenario scenario;             // the case file
  int clock_start = 0;           // month index
  std::optional<int> ceasefire;  // month index of the first ceasefire
  WarEnd end = WarEnd::ceasefire;
  int last_month = 0;  // ceasefire month, or the last month observed without one
  int period1 = 0;     // month index of period 1 (conflict.start)
  int horizon = 0;     // months simulated (conflict.horizon)
};

// The case's discrete-time survival outcome on its periods 1..horizon.
struct WarObservation {
  int period = 0;             // ceasefire period, or the last period survived
  bool ceasefire = false;     // the event happened at `period`
  bool at_horizon = false;    // the outcome came after the horizon: censored there
  int horizon = 0;            // periods
  std::vector<int> within;    // per Brier window: period that ends k months after the clock start
  std::vector<int> within_y;  // per window: 1 ceasefire within k months, 0 none, -1 unknown
};

// The Brier windows, in months after the clock start.
const std::vector<int>& brier_windows();  // {6, 12, 24}

// `horizon_override` > 0 replaces the case's horizon (the model's `horizon`).
WarObservation observe(const WarCase& c, int horizon_override = 0);

// Scores of one model on one case.
struct WarCaseScore {
  std::vector<double> cumulative;  // F(1..T)
  std::vector<double> hazard;      // h(t) = (F(t) - F(t-1)) / (1 - F(t-1)); NaN once F = 1
  double p_by_actual = 0;          // F(observed period)
  double p_outcome = 0;            // probability of the observed outcome (before the floor)
  double log_lik = 0;              // log max(p_outcome, eps)
  bool floored = false;            // p_outcome < eps
  std::vector<double> p_within;    // per Brier window
};

// Scores curve F (probabilities by the end of periods 1..T, T >= obs.horizon,
// non-decreasing in [0, 1]) against `obs`; log-likelihood floored at `eps`.
WarCaseScore score_curve(const WarObservation& obs, const std::vector<double>& cumulative,
                         double eps);

// Survival data of one case for the baselines: exposure (periods at risk) and
// whether the event ended them.
struct Exposure {
  int periods = 0;
  bool event = false;
};
Exposure exposure_of(const WarObservation& obs);

// Constant monthly hazard fitted by maximum likelihood on `cases` (closed
// form: events / periods at risk); 0 when no case had a ceasefire.
double fit_constant_hazard(const std::vector<Exposure>& cases);
std::vector<double> constant_hazard_curve(double h, int periods);

// Discrete Weibull survival S(t) = exp(-exp(a) t^k), fitted by maximum
// likelihood (NLopt, derivative-free, from the constant-hazard fit).
struct Weibull {
  double a = 0, k = 1;
};
Weibull fit_weibull(const std::vector<Exposure>& cases);
std::vector<double> weibull_curve(const Weibull& w, int periods);

// Pooling (docs/validation.md, "War layer: pooling"): the war layer's curve
// mixed with a constant hazard h, F(t) = (1 - w) F_war(t) + w (1 - (1 - h)^t),
// a mixture of two first-ceasefire distributions; w = 0 is the war layer
// alone, w = 1 the constant hazard alone.
std::vector<double> pooled_curve(const std::vector<double>& war, double weight, double h);

// The weight on the grid 0, 0.05, ..., 1 that maximises the summed
// log-likelihood (floored at `eps`) of the cases' war curves pooled, for each
// case, with the constant hazard fitted on the other cases of the list; ties
// go to the smaller weight.  O(21 x cases x (cases + T)).
double fit_pool_weight(const std::vector<WarObservation>& observations,
                       const std::vector<std::vector<double>>& war_curves, double eps);

struct WarPairedDifference {
  double mean = 0, lo = 0, hi = 0;  // model - baseline; < 0 = model better
};

struct WarModelReport {
  std::string label;  // "war", "constant_hazard", "weibull"
  std::vector<WarCaseScore> cases;
  double nll = 0;               // mean negative log-likelihood per case
  double brier[3] = {0, 0, 0};  // brier_6, brier_12, brier_24 (NaN when no case is known)
  int brier_n[3] = {0, 0, 0};   // cases with a known outcome per window
  std::optional<WarPairedDifference> nll_vs_baseline, brier12_vs_baseline;
  std::vector<std::string> fitted;  // per case: the baseline's leave-one-case-out fit, for people
};

struct WarBacktestOptions {
  Params war_params;  // --set for the war model (draws, threads, horizon, ...)
  bool include_war = true;
  std::uint64_t seed = 20260101;  // simulation and bootstrap
  int bootstrap = 2000;
  double level = 0.90;
  // Per case, the weight w of the pooled entry `war_pooled` (the war curve
  // pooled with the case's leave-one-case-out constant hazard); empty = no
  // pooled entry.
  std::vector<double> pool_weights;
};

struct WarBacktestReport {
  std::vector<std::string> cases;
  std::vector<WarObservation> observations;
  double eps = 0;  // the log-likelihood floor 1/(2 draws)
  int draws = 0;
  std::vector<WarModelReport> models;  // war and war_pooled (if included), constant_hazard, weibull
  std::vector<std::string> notes;
};

// Per-case cumulative curves of some model, scored with the baselines:
// `curves[i]` for case i (empty = the model is not run).  Exposed so that
// tests can feed known hazards and calibration can score candidate fits.
WarBacktestReport score_war_cases(const std::vector<WarObservation>& observations,
                                  const std::vector<std::string>& names,
                                  const std::vector<std::vector<double>>& curves,
                                  const std::string& label, const WarBacktestOptions& options,
                                  int draws);

// The war model's cumulative curve on one case (runs the registered `war`
// model on the case scenario's nominal instance with `params`).
std::vector<double> war_curve(const WarCase& c, const Params& params, std::uint64_t seed);

// Runs everything: the war model on each case, the baselines leave-one-case-out.
WarBacktestReport war_backtest(const std::vector<WarCase>& cases,
                               const WarBacktestOptions& options);

}  // namespace parley::validation
