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
//    draw's distribution with its own counter-based uniform,
//    Stream(seed, {d, Subsystem::model_error, i}).
// A draw's numbers are a pure function of (plan, draw, forecast): computed in
// the worker that ran the draw, or afterwards for draws read back from a
// store or gathered from other ranks, they are the same, and so is the
// summary on any thread count.
//
// Core code: no I/O.  Thread-safety: ModelError is immutable once attached;
// the functions may run on many threads for different draws.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "ensemble/ensemble.h"
#include "validation/calibration.h"

namespace parley::ensemble {

struct ModelError {
  validation::ErrorModel fitted;
  std::string label;                         // what the calibration was fitted on
  std::vector<std::vector<Region>> regions;  // per issue, as regions_for()
};

// Attaches the error model to `plan` (after make_plan): every later draw and
// summary of the plan includes it.
void set_model_error(Plan& plan, const validation::ErrorModel& fitted, std::string label);

// Fills draw.error_sample, error_mean and error_mass from the draw's
// instance.  An issue without a finite forecast (or without participants)
// gets NaN.  O(I (N log N + R N)) for I issues, N actors, R ranges.
void apply_model_error(const Plan& plan, const Instance& instance, DrawResult& draw);

// True when `draw` carries the error numbers of `plan`'s issues and ranges.
bool has_model_error(const Plan& plan, const DrawResult& draw);

// Copies of the draws that lack their error numbers, completed by realising
// their instances again (in parallel); the others are left out.
std::vector<DrawResult> completed_model_error(const Plan& plan, std::span<const DrawResult> draws);

}  // namespace parley::ensemble
