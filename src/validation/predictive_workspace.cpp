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
  const double point = std::clamp((forecast - frame.lo) / (frame.hi - frame.lo), 0.0, 1.0);
  try {
    assign_predictive(model, frame.lo, frame.hi, point, spread, held_, probability_, scratch_,
                      distribution_);
  } catch (const std::invalid_argument&) {
    return nullptr;  // a degenerate scale or weights: the reference path throws
  }
  return &distribution_;
}

}  // namespace parley::validation
