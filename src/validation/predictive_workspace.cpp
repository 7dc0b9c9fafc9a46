#include "validation/predictive_workspace.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace parley::validation {

// As predictive() (validation/calibration.cpp), on the gathered evidence.
const PredictiveDistribution* PredictiveWorkspace::build(const ErrorModel& model,
                                                         const Instance& instance, int issue,
                                                         double forecast) {
  double spread = 0;
  if (!std::isfinite(forecast) || !gather_evidence(instance, issue, held_, spread)) return nullptr;
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
