// validation/predictive_workspace.h - predictive distributions built without
// allocation, for code that builds one per issue and Monte Carlo draw
// (ensemble/model_error.h).
//
// build(model, instance, issue, forecast) is
//   predictive(model, issue_evidence(instance, issue, forecast))
// (validation/calibration.h) bit for bit: both gather the evidence with
// gather_evidence and build with assign_predictive, but the workspace keeps
// the buffers, so that once they have grown to the largest issue seen (N
// actors) a build allocates nothing.  tests/test_model_error_fast.cpp pins
// the equality.
//
// Cost of build(): O(N log N) for N actors (the sort of their positions, a
// handful) plus O(K) calls of exp and log for K distinct positions and a few
// erfc for the continuous part.
//
// Thread-safety: a workspace is mutable scratch: one per thread (e.g. one per
// slot of parallel_for_slots, scenario/parallel.h).  The distribution build()
// returns lives in the workspace and is valid until its next build().
#pragma once

#include <utility>
#include <vector>

#include "parley/instance.h"
#include "validation/calibration.h"
#include "validation/predictive.h"

namespace parley::validation {

class PredictiveWorkspace {
 public:
  // The predictive distribution of issue `issue`, or nullptr where the
  // reference path throws std::invalid_argument: `forecast` is not finite,
  // nobody takes part in the issue, or the scale or weights are degenerate.
  const PredictiveDistribution* build(const ErrorModel& model, const Instance& instance, int issue,
                                      double forecast);

 private:
  std::vector<std::pair<double, double>> held_;  // the evidence (gather_evidence)
  std::vector<double> probability_;              // of each atom of held_
  PredictiveScratch scratch_;
  PredictiveDistribution distribution_ = PredictiveDistribution::point(0.5, 0, 1);
};

}  // namespace parley::validation
