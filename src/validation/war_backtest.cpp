// War backtest: scoring rules of war_backtest.h (docs/validation.md, "War
// layer").
#include "validation/war_backtest.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include <nlopt.hpp>

#include "parley/error.h"
#include "parley/instance.h"
#include "parley/model.h"
#include "validation/backtest.h"

namespace parley::validation {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double at(const std::vector<double>& cumulative, int t) {
  return t <= 0 ? 0.0 : cumulative[static_cast<std::size_t>(t - 1)];
}

double mean_of(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? kNaN : s / static_cast<double>(v.size());
}

// Negative log-likelihood of the discrete Weibull S(t) = exp(-exp(a) t^k) on
// `cases` (x = {a, ln k}); O(cases).
double weibull_nll(const std::vector<Exposure>& cases, double a, double k) {
  const double lambda = std::exp(a);
  double nll = 0;
  for (const Exposure& e : cases) {
    const double t = e.periods;
    const double log_s = -lambda * std::pow(t, k);
    if (!e.event) {
      nll -= log_s;
      continue;
    }
    const double log_s_before = -lambda * std::pow(t - 1, k);
    // log(S(t-1) - S(t)) = log S(t-1) + log(1 - exp(log S(t) - log S(t-1))).
    const double p = -std::expm1(log_s - log_s_before);
    nll -= log_s_before + std::log(std::max(p, 1e-300));
  }
  return nll;
}

}  // namespace

const char* war_end_name(WarEnd end) {
  switch (end) {
    case WarEnd::ceasefire:
      return "ceasefire";
    case WarEnd::victory_a:
      return "victory_a";
    case WarEnd::victory_b:
      return "victory_b";
    case WarEnd::censored:
      return "censored";
  }
  return "?";
}

std::optional<int> parse_month(const std::string& text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  for (int i : {0, 1, 2, 3, 5, 6})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  const int year = std::stoi(text.substr(0, 4)), month = std::stoi(text.substr(5, 2));
  if (year < 1000 || month < 1 || month > 12) return std::nullopt;
  return year * 12 + month - 1;
}

std::string month_label(int month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", month / 12, month % 12 + 1);
  return buf;
}

const std::vector<int>& brier_windows() {
  static const std::vector<int> windows = {6, 12, 24};
  return windows;
}

WarObservation observe(const WarCase& c, int horizon_override) {
  WarObservation obs;
  obs.horizon = horizon_override > 0 ? horizon_override : c.horizon;
  if (obs.horizon < 1) throw Error("case " + c.name + ": the horizon must be at least 1 month");
  obs.ceasefire = c.end == WarEnd::ceasefire;
  obs.period = c.last_month - c.period1 + 1;
  if (obs.period > obs.horizon) {  // the outcome lies beyond the simulated months
    obs.period = obs.horizon;
    obs.ceasefire = false;
    obs.at_horizon = true;
  }
  for (int k : brier_windows()) {
    const int month = c.clock_start + k;
    obs.within.push_back(std::clamp(month - c.period1 + 1, 0, obs.horizon));
    int y = -1;
    if (c.end == WarEnd::ceasefire)
      y = *c.ceasefire <= month ? 1 : 0;
    else if (c.end != WarEnd::censored || c.last_month >= month)
      y = 0;  // a victory ends the war: no ceasefire can follow it
    obs.within_y.push_back(y);
  }
  return obs;
}

WarCaseScore score_curve(const WarObservation& obs, const std::vector<double>& cumulative,
                         double eps) {
  if (static_cast<int>(cumulative.size()) < obs.horizon)
    throw Error("the war model returned " + std::to_string(cumulative.size()) +
                " months; the case needs " + std::to_string(obs.horizon));
  WarCaseScore s;
  s.cumulative.assign(cumulative.begin(), cumulative.begin() + obs.horizon);
  for (int t = 1; t <= obs.horizon; ++t) {
    const double before = at(s.cumulative, t - 1);
    s.hazard.push_back(before < 1 ? (at(s.cumulative, t) - before) / (1 - before) : kNaN);
  }
  s.p_by_actual = at(s.cumulative, obs.period);
  s.p_outcome = obs.ceasefire ? at(s.cumulative, obs.period) - at(s.cumulative, obs.period - 1)
                              : 1 - at(s.cumulative, obs.period);
  s.floored = s.p_outcome < eps;
  s.log_lik = std::log(std::max(s.p_outcome, eps));
  for (int t : obs.within) s.p_within.push_back(at(s.cumulative, t));
  return s;
}

Exposure exposure_of(const WarObservation& obs) { return {obs.period, obs.ceasefire}; }

double fit_constant_hazard(const std::vector<Exposure>& cases) {
  long events = 0, periods = 0;
  for (const Exposure& e : cases) {
    events += e.event ? 1 : 0;
    periods += e.periods;
  }
  return periods > 0 ? static_cast<double>(events) / static_cast<double>(periods) : 0.0;
}

std::vector<double> constant_hazard_curve(double h, int periods) {
  std::vector<double> f(periods);
  for (int t = 1; t <= periods; ++t) f[t - 1] = -std::expm1(t * std::log1p(-std::min(h, 1.0)));
  return f;
}

std::vector<double> pooled_curve(const std::vector<double>& war, double weight, double h) {
  const auto constant = constant_hazard_curve(h, static_cast<int>(war.size()));
  std::vector<double> f(war.size());
  for (std::size_t t = 0; t < war.size(); ++t) f[t] = (1 - weight) * war[t] + weight * constant[t];
  return f;
}

double fit_pool_weight(const std::vector<WarObservation>& obs,
                       const std::vector<std::vector<double>>& war_curves, double eps) {
  const std::size_t n = obs.size();
  std::vector<double> h(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<Exposure> others;
    for (std::size_t j = 0; j < n; ++j)
      if (j != i) others.push_back(exposure_of(obs[j]));
    h[i] = fit_constant_hazard(others);
  }
  double best = 0, top = -std::numeric_limits<double>::infinity();
  for (int k = 0; k <= 20; ++k) {
    const double w = k / 20.0;
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i)
      sum += score_curve(obs[i], pooled_curve(war_curves[i], w, h[i]), eps).log_lik;
    if (sum > top + 1e-12) {  // strict: ties go to the smaller weight
      top = sum;
      best = w;
    }
  }
  return best;
}

Weibull fit_weibull(const std::vector<Exposure>& cases) {
  // Start at the constant hazard (k = 1, exp(a) = -ln(1 - h)), bounded so that
  // a library without events stays finite.  BOBYQA: 2 parameters, O(cases)
  // per evaluation, at most 4000 evaluations.
  const double h = std::clamp(fit_constant_hazard(cases), 1e-6, 0.999);
  std::vector<double> x = {std::log(-std::log1p(-h)), 0.0};
  nlopt::opt opt(nlopt::LN_BOBYQA, 2);
  opt.set_lower_bounds({-25.0, std::log(0.05)});
  opt.set_upper_bounds({5.0, std::log(20.0)});
  x[0] = std::clamp(x[0], -25.0, 5.0);
  auto objective = [](unsigned, const double* v, double*, void* data) {
    return weibull_nll(*static_cast<const std::vector<Exposure>*>(data), v[0], std::exp(v[1]));
  };
  opt.set_min_objective(objective, const_cast<std::vector<Exposure>*>(&cases));
  opt.set_xtol_abs(1e-10);
  opt.set_ftol_abs(1e-13);
  opt.set_maxeval(4000);
  double value = 0;
  try {
    opt.optimize(x, value);
  } catch (const nlopt::roundoff_limited&) {  // x holds the best point found
  }
  return {x[0], std::exp(x[1])};
}

std::vector<double> weibull_curve(const Weibull& w, int periods) {
  std::vector<double> f(periods);
  for (int t = 1; t <= periods; ++t) f[t - 1] = -std::expm1(-std::exp(w.a) * std::pow(t, w.k));
  return f;
}

namespace {

// Fills nll and the Brier scores of `m` from its case scores.  O(cases).
void summarise(WarModelReport& m, const std::vector<WarObservation>& obs) {
  std::vector<double> nll;
  for (const auto& c : m.cases) nll.push_back(-c.log_lik);
  m.nll = mean_of(nll);
  for (std::size_t w = 0; w < brier_windows().size(); ++w) {
    std::vector<double> sq;
    for (std::size_t i = 0; i < obs.size(); ++i)
      if (obs[i].within_y[w] >= 0) {
        const double d = m.cases[i].p_within[w] - obs[i].within_y[w];
        sq.push_back(d * d);
      }
    m.brier[w] = mean_of(sq);
    m.brier_n[w] = static_cast<int>(sq.size());
  }
}

WarPairedDifference paired(const std::vector<double>& diff, const WarBacktestOptions& o) {
  std::vector<int> group(diff.size());
  for (std::size_t i = 0; i < diff.size(); ++i) group[i] = static_cast<int>(i);
  const PairedDifference d = paired_bootstrap(diff, group, o.bootstrap, o.level, o.seed);
  return {d.mean, d.lo, d.hi};
}

// Differences of `m` to the baseline `b`, case by case, with the case bootstrap.
void compare(WarModelReport& m, const WarModelReport& b, const std::vector<WarObservation>& obs,
             const WarBacktestOptions& o) {
  std::vector<double> dn, db;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    dn.push_back(b.cases[i].log_lik - m.cases[i].log_lik);
    if (obs[i].within_y[1] >= 0) {
      const double y = obs[i].within_y[1];
      const double pm = m.cases[i].p_within[1], pb = b.cases[i].p_within[1];
      db.push_back((pm - y) * (pm - y) - (pb - y) * (pb - y));
    }
  }
  if (!dn.empty()) m.nll_vs_baseline = paired(dn, o);
  if (!db.empty()) m.brier12_vs_baseline = paired(db, o);
}

}  // namespace

WarBacktestReport score_war_cases(const std::vector<WarObservation>& observations,
                                  const std::vector<std::string>& names,
                                  const std::vector<std::vector<double>>& curves,
                                  const std::string& label, const WarBacktestOptions& options,
                                  int draws) {
  WarBacktestReport r;
  r.cases = names;
  r.observations = observations;
  r.draws = draws;
  r.eps = 1.0 / (2.0 * draws);
  const std::size_t n = observations.size();
  std::vector<Exposure> data;
  for (const auto& o : observations) data.push_back(exposure_of(o));

  WarModelReport constant{"constant_hazard", {}, 0, {}, {}, {}, {}, {}};
  std::vector<double> hazards;  // per case, the leave-one-case-out constant hazard
  WarModelReport weibull{"weibull", {}, 0, {}, {}, {}, {}, {}};
  // Leave one case out: case i's baselines are fitted on the other cases only.
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<Exposure> others;
    for (std::size_t j = 0; j < n; ++j)
      if (j != i) others.push_back(data[j]);
    const int T = observations[i].horizon;
    const double h = fit_constant_hazard(others);
    hazards.push_back(h);
    constant.cases.push_back(score_curve(observations[i], constant_hazard_curve(h, T), r.eps));
    char text[64];
    std::snprintf(text, sizeof text, "h = %.4f", h);
    constant.fitted.push_back(text);
    const Weibull w = fit_weibull(others);
    weibull.cases.push_back(score_curve(observations[i], weibull_curve(w, T), r.eps));
    std::snprintf(text, sizeof text, "a = %.3f, k = %.3f", w.a, w.k);
    weibull.fitted.push_back(text);
  }
  summarise(constant, observations);
  summarise(weibull, observations);
  if (!curves.empty()) {
    WarModelReport model{label, {}, 0, {}, {}, {}, {}, {}};
    for (std::size_t i = 0; i < n; ++i)
      model.cases.push_back(score_curve(observations[i], curves[i], r.eps));
    summarise(model, observations);
    compare(model, constant, observations, options);
    r.models.push_back(std::move(model));
    if (!options.pool_weights.empty()) {
      WarModelReport pooled{label + "_pooled", {}, 0, {}, {}, {}, {}, {}};
      for (std::size_t i = 0; i < n; ++i) {
        const double w = options.pool_weights.at(i);
        pooled.cases.push_back(
            score_curve(observations[i], pooled_curve(curves[i], w, hazards[i]), r.eps));
        char text[64];
        std::snprintf(text, sizeof text, "w = %.2f, h = %.4f", w, hazards[i]);
        pooled.fitted.push_back(text);
      }
      summarise(pooled, observations);
      compare(pooled, constant, observations, options);
      r.models.push_back(std::move(pooled));
    }
  }
  compare(weibull, constant, observations, options);
  WarModelReport self = constant;
  compare(constant, self, observations, options);
  r.models.push_back(std::move(constant));
  r.models.push_back(std::move(weibull));
  for (std::size_t i = 0; i < n; ++i)
    if (observations[i].at_horizon)
      r.notes.push_back("case " + names[i] + ": the outcome lies beyond the horizon (" +
                        std::to_string(observations[i].horizon) +
                        " months); scored as censored at the horizon");
  return r;
}

std::vector<double> war_curve(const WarCase& c, const Params& params, std::uint64_t seed) {
  RunContext context;
  context.seed = seed;
  context.scenario = &c.scenario;
  const Result result =
      run_model(find_model("war"), nominal_instance(c.scenario), params, context, "--set");
  // The first-ceasefire curve: the `ceasefire_curve` table where the model
  // has one, else the `p_ceasefire_by_then` column of `periods`.
  for (auto [table, column] : {std::pair{"ceasefire_curve", "p_ceasefire_by"},
                               std::pair{"periods", "p_ceasefire_by_then"}}) {
    const Table* t = result.table(table);
    if (!t) continue;
    const auto it = std::find(t->columns.begin(), t->columns.end(), column);
    if (it == t->columns.end()) continue;
    const auto col = static_cast<std::size_t>(it - t->columns.begin());
    std::vector<double> f;
    for (const auto& row : t->rows) f.push_back(std::get<double>(row[col]));
    return f;
  }
  throw Error("the war model's result has no ceasefire curve");
}

WarBacktestReport war_backtest(const std::vector<WarCase>& cases,
                               const WarBacktestOptions& options) {
  const Params resolved = resolve(find_model("war").schema, options.war_params, "--set");
  const int draws = integer(resolved, "draws");
  const int horizon = integer(resolved, "horizon");
  WarBacktestOptions o = options;
  // The model's pooling weight, with each case's own leave-one-case-out
  // constant hazard (never the model's `pool_hazard`, fitted on every case).
  if (o.include_war && o.pool_weights.empty())
    o.pool_weights.assign(cases.size(), number(resolved, "pool_weight"));
  std::vector<WarObservation> obs;
  std::vector<std::string> names;
  std::vector<std::vector<double>> curves;
  for (const WarCase& c : cases) {
    obs.push_back(observe(c, horizon));
    names.push_back(c.name);
    if (options.include_war) curves.push_back(war_curve(c, options.war_params, options.seed));
  }
  return score_war_cases(obs, names, curves, "war", o, draws);
}

}  // namespace parley::validation
