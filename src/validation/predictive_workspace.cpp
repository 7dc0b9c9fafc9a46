#include "validation/predictive_workspace.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace parley::validation {

// The same arithmetic, in the same order, as issue_evidence()
// (validation/calibration.cpp): any change there must be made here too, and
// the equality test in tests/test_model_error.cpp fails until it is.
bool PredictiveWorkspace::gather(const Instance& instance, int issue, double& spread) {
  const IssueFrame& frame = instance.frames.at(issue);
  const double width = frame.hi - frame.lo;
  auto unit = [&](double x) { return std::clamp((x - frame.lo) / width, 0.0, 1.0); };
  held_.clear();
  double total = 0;
  for (int a = 0; a < instance.actors(); ++a) {  // O(N)
    if (!instance.has(a, issue)) continue;
    double w = instance.capability(a, issue) * instance.salience(a, issue);
    held_.emplace_back(unit(instance.position(a, issue)), std::max(0.0, w));
    total += std::max(0.0, w);
  }
  if (held_.empty()) return false;
  if (!(total > 0) || !std::isfinite(total)) {
    for (auto& h : held_) h.second = 1;
    total = static_cast<double>(held_.size());
  }
  double mean = 0;
  for (auto& h : held_) mean += (h.second /= total) * h.first;
  double var = 0;
  for (const auto& [x, w] : held_) var += w * (x - mean) * (x - mean);
  spread = std::sqrt(var);
  if (frame.status_quo && std::isfinite(*frame.status_quo))
    held_.emplace_back(unit(*frame.status_quo), 0.0);
  std::sort(held_.begin(), held_.end());  // O(N log N)
  // Equal positions merge into one atom, in place.
  std::size_t kept = 0;
  for (std::size_t k = 0; k < held_.size(); ++k) {  // O(N)
    if (kept > 0 && held_[kept - 1].first == held_[k].first)
      held_[kept - 1].second += held_[k].second;
    else
      held_[kept++] = held_[k];
  }
  held_.resize(kept);
  return true;
}

// As predictive() (validation/calibration.cpp), on the gathered evidence.
const PredictiveDistribution* PredictiveWorkspace::build(const ErrorModel& model,
                                                         const Instance& instance, int issue,
                                                         double forecast) {
  double spread = 0;
  if (!std::isfinite(forecast) || !gather(instance, issue, spread)) return nullptr;
  const IssueFrame& frame = instance.frames[issue];
  const double lo = frame.lo, hi = frame.hi, width = hi - lo;
  const double point = std::clamp((forecast - lo) / width, 0.0, 1.0);
  const double s = std::max(spread, kMinSpread);
  const double k = static_cast<double>(held_.size());
  atoms_.clear();
  double top = -std::numeric_limits<double>::infinity();
  // Equal bases share their logarithm (all of them when evenness is 1).
  double last_base = std::numeric_limits<double>::quiet_NaN(), log_base = 0;
  for (const auto& [x, weight] : held_) {  // O(K), at most K calls of log
    double base = (1 - model.evenness) * weight + model.evenness / k;
    if (base > 0 && base != last_base) {
      last_base = base;
      log_base = std::log(base);
    }
    double log_w = base > 0 ? log_base - std::abs(x - point) / (model.proximity * s)
                            : -std::numeric_limits<double>::infinity();
    atoms_.push_back({lo + width * x, log_w});
    top = std::max(top, log_w);
  }
  double sum = 0;
  for (auto& atom : atoms_) {  // O(K) calls of exp; exp(0) = 1 exactly, so the top atom skips it
    const double shifted = atom.probability - top;
    sum += atom.probability = shifted == 0 ? 1.0 : std::exp(shifted);
  }
  double share = atoms_.empty() || !(sum > 0) ? 0.0 : model.atom_share;
  for (auto& atom : atoms_) atom.probability = sum > 0 ? share * atom.probability / sum : 0.0;
  try {
    distribution_.assign(lo, hi, atoms_, 1 - share, lo + width * point,
                         model.dispersion * s * width, unit_);
  } catch (const std::invalid_argument&) {
    return nullptr;  // a degenerate scale or weights: the reference path throws
  }
  return &distribution_;
}

}  // namespace parley::validation
