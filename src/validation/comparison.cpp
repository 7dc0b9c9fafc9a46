#include "validation/comparison.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace parley::validation {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The smallest x in [lo, hi] with sum_k w_k F_k(x) >= p, by bisection (60
// halvings take the bracket below 1e-18 of the scale).
double pooled_quantile(const std::vector<PredictiveDistribution>& parts,
                       const std::vector<double>& weight, double total, double p) {
  double lo = parts.front().lo(), hi = parts.front().hi();
  auto cdf = [&](double x) {
    double f = 0;
    for (size_t k = 0; k < parts.size(); ++k) f += weight[k] * parts[k].cdf(x);
    return f / total;
  };
  if (cdf(lo) >= p) return lo;
  for (int step = 0; step < 60; ++step) {
    const double mid = 0.5 * (lo + hi);
    (cdf(mid) >= p ? hi : lo) = mid;
  }
  return hi;
}

}  // namespace

std::vector<double> skill_weights(const std::vector<double>& crps) {
  if (crps.empty()) throw std::invalid_argument("skill_weights: no scores");
  std::vector<double> w;
  double total = 0;
  for (double c : crps) {
    if (!std::isfinite(c) || !(c > 0))
      throw std::invalid_argument("skill_weights: a CRPS must be a finite positive number");
    w.push_back(1.0 / (c * c));
    total += w.back();
  }
  for (double& x : w) x /= total;
  return w;
}

std::pair<double, double> pooled_interval(const std::vector<PredictiveDistribution>& parts,
                                          const std::vector<double>& weight, double level) {
  if (parts.empty() || parts.size() != weight.size())
    throw std::invalid_argument("pooled_interval: one weight per distribution");
  double total = 0;
  for (double w : weight) total += w;
  if (!(total > 0)) throw std::invalid_argument("pooled_interval: the weights sum to 0");
  return {pooled_quantile(parts, weight, total, (1 - level) / 2),
          pooled_quantile(parts, weight, total, (1 + level) / 2)};
}

Comparison compare_models(const Instance& instance, const std::vector<ModelForecast>& models,
                          double level) {
  const size_t issues = static_cast<size_t>(instance.issues());
  Comparison out;
  out.level = level;
  std::vector<double> crps;
  for (const ModelForecast& m : models) {
    if (m.forecast.size() != issues)
      throw std::invalid_argument("compare_models: " + m.label + " has no forecast per issue");
    ModelColumn column;
    column.label = m.label;
    column.forecast = m.forecast;
    column.interval.assign(issues, {kNaN, kNaN});
    column.calibrated = m.calibration != nullptr;
    column.crps = column.calibrated ? m.calibration->cv.crps : kNaN;
    column.mae = column.calibrated ? m.calibration->cv.mae : kNaN;
    column.scored = column.calibrated ? m.calibration->cv.n : 0;
    if (column.calibrated) crps.push_back(column.crps);
    out.models.push_back(std::move(column));
  }
  if (!crps.empty()) {
    const std::vector<double> w = skill_weights(crps);
    size_t k = 0;
    for (ModelColumn& column : out.models)
      if (column.calibrated) column.weight = w[k++];
  }
  for (size_t i = 0; i < issues; ++i) {
    IssueComparison row;
    row.lo = instance.frames[i].lo;
    row.hi = instance.frames[i].hi;
    row.consensus = kNaN;
    row.interval = {kNaN, kNaN};
    std::vector<PredictiveDistribution> parts;
    std::vector<double> weights;
    double low = std::numeric_limits<double>::infinity(), high = -low, sum = 0, weight = 0;
    for (size_t m = 0; m < models.size(); ++m) {
      const double f = models[m].forecast[i];
      if (!std::isfinite(f)) continue;
      low = std::min(low, f);
      high = std::max(high, f);
      ModelColumn& column = out.models[m];
      if (!column.calibrated || instance.participants(static_cast<int>(i)).empty()) continue;
      parts.push_back(predictive(models[m].calibration->fitted,
                                 issue_evidence(instance, static_cast<int>(i), f)));
      column.interval[i] = parts.back().interval(level);
      weights.push_back(column.weight);
      sum += column.weight * f;
      weight += column.weight;
    }
    row.spread = high > low ? high - low : 0;
    row.disagree = row.spread > kDisagreement * (row.hi - row.lo);
    if (weight > 0) {
      row.consensus = sum / weight;
      row.interval = pooled_interval(parts, weights, level);
    }
    out.issues.push_back(row);
  }
  return out;
}

}  // namespace parley::validation
