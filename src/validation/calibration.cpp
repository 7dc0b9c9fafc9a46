#include "validation/calibration.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>

#include <nlopt.hpp>

#include "parley/error.h"
#include "parley/model.h"
#include "scenario/parallel.h"

namespace parley::validation {

bool gather_evidence(const Instance& instance, int issue,
                     std::vector<std::pair<double, double>>& held, double& spread) {
  const IssueFrame& frame = instance.frames.at(issue);
  const double inv_width = 1 / (frame.hi - frame.lo);
  auto unit = [&](double x) { return std::clamp((x - frame.lo) * inv_width, 0.0, 1.0); };
  held.clear();
  double total = 0;
  for (int a = 0; a < instance.actors(); ++a) {  // O(N)
    if (!instance.has(a, issue)) continue;
    double w = instance.capability(a, issue) * instance.salience(a, issue);
    held.emplace_back(unit(instance.position(a, issue)), std::max(0.0, w));
    total += std::max(0.0, w);
  }
  if (held.empty()) return false;
  if (!(total > 0) || !std::isfinite(total)) {
    for (auto& h : held) h.second = 1;
    total = static_cast<double>(held.size());
  }
  const double inv_total = 1 / total;
  double mean = 0;
  for (auto& h : held) mean += (h.second *= inv_total) * h.first;
  double var = 0;
  for (const auto& [x, w] : held) var += w * (x - mean) * (x - mean);
  spread = std::sqrt(var);
  if (frame.status_quo && std::isfinite(*frame.status_quo))
    held.emplace_back(unit(*frame.status_quo), 0.0);
  sort_and_merge(held);  // equal positions become one atom; O(N log N)
  return true;
}

IssueEvidence issue_evidence(const Instance& instance, int issue, double forecast) {
  if (!std::isfinite(forecast)) throw std::invalid_argument("issue_evidence: no forecast");
  const IssueFrame& frame = instance.frames.at(issue);
  IssueEvidence e;
  e.lo = frame.lo;
  e.hi = frame.hi;
  e.point = std::clamp((forecast - frame.lo) / (frame.hi - frame.lo), 0.0, 1.0);
  std::vector<std::pair<double, double>> held;  // (position, c*s share)
  if (!gather_evidence(instance, issue, held, e.spread))
    throw std::invalid_argument("issue_evidence: nobody takes part");
  e.atoms.reserve(held.size());
  e.weight.reserve(held.size());
  for (const auto& [x, w] : held) {
    e.atoms.push_back(x);
    e.weight.push_back(w);
  }
  return e;
}

double atom_probabilities(const ErrorModel& model, std::span<const std::pair<double, double>> held,
                          double point, double s, std::span<double> out) {
  const double k = static_cast<double>(held.size());
  const double inverse_bandwidth = 1 / (model.proximity * s);
  double top = -std::numeric_limits<double>::infinity();
  // Equal bases share their logarithm (all of them when evenness is 1).
  double last_base = std::numeric_limits<double>::quiet_NaN(), log_base = 0;
  for (std::size_t j = 0; j < held.size(); ++j) {  // O(K), at most K calls of log
    const double base = (1 - model.evenness) * held[j].second + model.evenness / k;
    if (base > 0 && base != last_base) {
      last_base = base;
      log_base = std::log(base);
    }
    out[j] = base > 0 ? log_base - std::abs(held[j].first - point) * inverse_bandwidth
                      : -std::numeric_limits<double>::infinity();
    top = std::max(top, out[j]);
  }
  double sum = 0;
  for (std::size_t j = 0; j < held.size(); ++j) {  // O(K) calls of exp; exp(0) = 1 exactly
    const double shifted = out[j] - top;
    sum += out[j] = shifted == 0 ? 1.0 : std::exp(shifted);
  }
  const double share = held.empty() || !(sum > 0) ? 0.0 : model.atom_share;
  const double factor = sum > 0 ? share / sum : 0.0;
  for (double& p : out.first(held.size())) p *= factor;
  return share;
}

void assign_predictive(const ErrorModel& model, double lo, double hi, double point, double spread,
                       std::vector<std::pair<double, double>>& held,
                       std::vector<double>& probability, PredictiveScratch& scratch,
                       PredictiveDistribution& out) {
  const double width = hi - lo;
  const double s = std::max(spread, kMinSpread);
  probability.resize(held.size());  // no allocation once it has grown
  const double share = atom_probabilities(model, held, point, s, probability);
  if (model.dispersion * s > 1e-12) {  // the usual case: the evidence as it stands
    for (std::size_t k = 0; k < held.size(); ++k) held[k].second = probability[k];
    out.assign_unit(lo, hi, held, 1 - share, point, model.dispersion * s);
    return;
  }
  // No spread: the continuous part is an atom, which assign() sorts in.
  scratch.atoms.clear();
  for (std::size_t k = 0; k < held.size(); ++k)
    scratch.atoms.push_back({lo + width * held[k].first, probability[k]});
  out.assign(lo, hi, scratch.atoms, 1 - share, lo + width * point, model.dispersion * s * width,
             scratch.unit);
}

PredictiveDistribution predictive(const ErrorModel& model, const IssueEvidence& e) {
  std::vector<std::pair<double, double>> held;
  held.reserve(e.atoms.size());
  for (std::size_t j = 0; j < e.atoms.size(); ++j) held.emplace_back(e.atoms[j], e.weight[j]);
  std::vector<double> probability;
  PredictiveScratch scratch;
  PredictiveDistribution out = PredictiveDistribution::point(0.5, 0, 1);
  assign_predictive(model, e.lo, e.hi, e.point, e.spread, held, probability, scratch, out);
  return out;
}

namespace {

struct FitData {
  const std::vector<IssueEvidence>* evidence;
  const std::vector<double>* outcomes;
  long evaluations = 0;
};

// x = (pi, rho, log h, log tau).
ErrorModel model_of(const std::vector<double>& x) {
  return {x[0], x[1], std::exp(x[2]), std::exp(x[3])};
}

double mean_unit_crps(const std::vector<double>& x, std::vector<double>& /*grad*/, void* data) {
  auto* fit = static_cast<FitData*>(data);
  ++fit->evaluations;
  ErrorModel model = model_of(x);
  double sum = 0;
  for (std::size_t k = 0; k < fit->evidence->size(); ++k) {  // O(n K)
    const IssueEvidence& e = (*fit->evidence)[k];
    sum += predictive(model, e).crps((*fit->outcomes)[k]) / (e.hi - e.lo);
  }
  return sum / static_cast<double>(fit->evidence->size());
}

}  // namespace

ErrorModel fit_error_model(const std::vector<IssueEvidence>& evidence,
                           const std::vector<double>& outcomes) {
  if (evidence.empty() || evidence.size() != outcomes.size())
    throw std::invalid_argument("fit_error_model: no data, or lengths differ");
  FitData data{&evidence, &outcomes};
  // Bounds: h in [0.05, 50] and tau in [0.02, 20] spreads cover "only the
  // nearest atom" to "all atoms alike" and "a spike" to "flat on the scale".
  const std::vector<double> lower = {0, 0, std::log(0.05), std::log(0.02)};
  const std::vector<double> upper = {1, 1, std::log(50.0), std::log(20.0)};
  // Fixed starting points (mostly atoms / balanced / mostly continuous); the
  // best end point wins, the first on ties.
  const std::vector<std::vector<double>> starts = {
      {0.5, 0.5, std::log(1.0), std::log(1.0)},
      {0.7, 0.9, std::log(0.3), std::log(0.5)},
      {0.3, 0.1, std::log(5.0), std::log(2.0)},
  };
  std::vector<double> best;
  double best_value = std::numeric_limits<double>::infinity();
  for (const auto& start : starts) {
    nlopt::opt opt(nlopt::LN_BOBYQA, 4);
    opt.set_lower_bounds(lower);
    opt.set_upper_bounds(upper);
    opt.set_min_objective(mean_unit_crps, &data);
    opt.set_xtol_rel(1e-6);
    opt.set_ftol_abs(1e-10);
    opt.set_maxeval(2000);
    std::vector<double> x = start;
    double value = std::numeric_limits<double>::infinity();
    try {
      opt.optimize(x, value);
    } catch (const nlopt::roundoff_limited&) {
      value = mean_unit_crps(x, x, &data);  // x holds the best point found
    }
    if (value < best_value) {
      best_value = value;
      best = x;
    }
  }
  return model_of(best);
}

std::vector<int> group_folds(const std::vector<std::string>& groups, int folds) {
  std::map<std::string, int> ids;
  std::vector<int> fold;
  fold.reserve(groups.size());
  for (const auto& g : groups) {
    int id = ids.emplace(g, static_cast<int>(ids.size())).first->second;
    fold.push_back(id % folds);
  }
  if (static_cast<int>(ids.size()) < folds)
    throw Error("cross-validation needs at least as many groups (proposals/cases) as folds: " +
                std::to_string(ids.size()) + " groups for " + std::to_string(folds) + " folds");
  return fold;
}

CrossValidated cross_validate(const std::vector<IssueEvidence>& evidence,
                              const std::vector<double>& outcomes, const std::vector<int>& fold,
                              int folds, int threads) {
  const std::size_t n = evidence.size();
  if (outcomes.size() != n || fold.size() != n)
    throw std::invalid_argument("cross_validate: lengths differ");
  CrossValidated cv;
  cv.fold_models.resize(folds);
  // The folds' fits are independent and deterministic; each writes only its
  // own slot, so the result does not depend on `threads`.  O(folds x fit).
  parallel_for(static_cast<std::uint64_t>(folds), threads, [&](std::uint64_t k) {
    std::vector<IssueEvidence> train;
    std::vector<double> train_outcomes;
    for (std::size_t i = 0; i < n; ++i)
      if (fold[i] != static_cast<int>(k)) {
        train.push_back(evidence[i]);
        train_outcomes.push_back(outcomes[i]);
      }
    cv.fold_models[k] = fit_error_model(train, train_outcomes);
  });
  for (std::size_t i = 0; i < n; ++i)  // O(n x K log K)
    cv.distributions.push_back(predictive(cv.fold_models.at(fold[i]), evidence[i]));
  return cv;
}

Calibration calibrate(const Scenario& scenario, const ModelSpec& spec, int folds,
                      std::uint64_t seed, int threads) {
  BacktestOptions options;
  options.models = {spec};
  options.baseline = "";
  options.bootstrap = 0;
  options.seed = seed;
  BacktestReport report = backtest(scenario, options);
  const ModelReport& run = report.models.front();
  if (run.missing.count("error"))
    throw Error("model " + spec.label + " failed on " + scenario.origin + ": " +
                (run.notes.empty() ? std::string("no forecast") : run.notes.back()));

  Instance instance = nominal_instance(scenario);
  std::vector<IssueEvidence> evidence;
  std::vector<double> outcomes, points;
  std::vector<std::string> groups;
  for (int i = 0; i < report.issues; ++i) {
    const IssueRow& row = report.rows[i];
    if (!row.outcome || !std::isfinite(row.forecast.front())) continue;
    evidence.push_back(issue_evidence(instance, i, row.forecast.front()));
    outcomes.push_back(*row.outcome);
    points.push_back(row.forecast.front());
    groups.push_back(row.group);
  }
  if (static_cast<int>(outcomes.size()) < 2 * folds)
    throw Error("too few scored issues to calibrate " + spec.label + ": " +
                std::to_string(outcomes.size()) + " with an outcome and a forecast, " +
                std::to_string(2 * folds) + " needed for " + std::to_string(folds) + " folds");

  Calibration c;
  c.model = spec.model;
  c.params = resolve(find_model(spec.model).schema, spec.params, "--set");
  c.data.issues = report.issues;
  c.data.scored = static_cast<int>(outcomes.size());
  c.folds = folds;
  c.seed = seed;
  std::vector<int> fold = group_folds(groups, folds);
  CrossValidated cv = cross_validate(evidence, outcomes, fold, folds, threads);
  c.fold_models = cv.fold_models;
  c.cv = score_distributions(cv.distributions, outcomes, points);
  c.fitted = fit_error_model(evidence, outcomes);
  return c;
}

bool calibration_applies(const Calibration& calibration, const ModelSpec& spec) {
  if (calibration.model != spec.model) return false;
  return resolve(find_model(spec.model).schema, spec.params, "--models " + spec.label) ==
         calibration.params;
}

}  // namespace parley::validation
