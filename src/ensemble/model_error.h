// ensemble/model_error.h - the model's own error inside an ensemble
// (docs/calibration.md, "In mc").
//
// Without it an ensemble spreads the forecast over the uncertain inputs
// only.  With a calibration's error model attached to the plan, the point
// forecast of draw d on issue i becomes that draw's predictive distribution
// (validation::predictive on the draw's own instance: its positions, weights
// and reference point), and the summary describes the mixture of these
// distributions over the draws:
//  * the mean and the probability of every named range are exact mixture
//    averages: the mean over draws of each distribution's mean and mass;
//  * the quantiles, sd and histogram come from one value drawn from each
//    draw's distribution (PredictiveDistribution::sample) with its own
//    counter-based uniform: the (i+1)-th of Stream(seed, {d,
//    Subsystem::model_error}).
// A draw's numbers are a pure function of (plan, draw, forecast): computed in
// the worker that ran the draw, or afterwards for draws read back from a
// store or gathered from other ranks, they are the same, and so is the
// summary on any thread count.
//
// Cost: a draw's distributions are built into a ModelErrorWorkspace that the
// worker keeps from draw to draw (one per slot of parallel_for_slots), so in
// steady state the path allocates nothing but the draw's one result vector.
//
// Core code: no I/O.  Thread-safety: ModelError is immutable once attached;
// the functions may run on many threads for different draws, each with its
// own workspace.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "ensemble/ensemble.h"
#include "validation/calibration.h"
#include "validation/predictive_workspace.h"

namespace parley::ensemble {

struct ModelError {
  validation::ErrorModel fitted;
  std::string label;                         // what the calibration was fitted on
  std::vector<std::vector<Region>> regions;  // per issue, as regions_for()
  // Per issue: the distinct bounds of its ranges, ascending, and for each
  // range the places of its lo and hi among them (for one CDF sweep).
  std::vector<std::vector<double>> bounds;
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> bound_of;
  std::size_t masses = 0;  // ranges of all issues
};

// A draw's error numbers (DrawResult::error_numbers), read in place.
struct ErrorNumbers {
  std::span<const double> sample, mean;  // per issue
  std::span<const double> mass;          // per issue and range
};

// Scratch space of apply_model_error for one worker: reused draw after draw.
struct ModelErrorWorkspace {
  validation::PredictiveWorkspace predictive;
  std::vector<double> below, at;  // F(x-) and F(x) at an issue's range bounds
};

// Attaches the error model to `plan` (after make_plan): every later draw and
// summary of the plan includes it.
void set_model_error(Plan& plan, const validation::ErrorModel& fitted, std::string label);

// Fills draw.error_numbers from the draw's instance.  An issue without a
// finite forecast (or without participants) gets NaN.  O(I (N log N + B K))
// for I issues, N actors, K distinct positions, B distinct range bounds.  The first form allocates
// its workspace; the second reuses `workspace` and gives the same bits.
void apply_model_error(const Plan& plan, const Instance& instance, DrawResult& draw);
void apply_model_error(const Plan& plan, const Instance& instance, DrawResult& draw,
                       ModelErrorWorkspace& workspace);

// True when `draw` carries the error numbers of `plan`'s issues and ranges.
bool has_model_error(const Plan& plan, const DrawResult& draw);

// The parts of draw.error_numbers; `draw` must have them (has_model_error).
ErrorNumbers error_numbers_of(const Plan& plan, const DrawResult& draw);

// Copies of the draws that lack their error numbers, completed by realising
// their instances again (in parallel); the others are left out.
std::vector<DrawResult> completed_model_error(const Plan& plan, std::span<const DrawResult> draws);

}  // namespace parley::ensemble
