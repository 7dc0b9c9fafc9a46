// Scores of predictive distributions against outcomes (docs/calibration.md,
// "Scores"): mean CRPS, coverage of central intervals, the PIT histogram and
// a reliability table.  Core code: no I/O.
//
// Coverage comes in two forms, because a distribution with atoms cannot have
// exactly nominal closed intervals:
//  * `interval_coverage`: the share of outcomes inside the closed central
//    interval [Q((1-L)/2), Q((1+L)/2)].  An outcome sitting on an atom at an
//    end of the interval counts as inside, so for a calibrated forecast with
//    atoms this is at least L (for a dichotomous issue whose two atoms each
//    carry more than (1-L)/2 the interval is the whole scale);
//  * `coverage`: the share of the outcomes' PIT mass inside the central band
//    [(1-L)/2, (1+L)/2]; an outcome on an atom spanning F(y-)..F(y) counts by
//    the fraction of that span inside the band.  It equals the expected
//    coverage of the randomised interval and is L in expectation for any
//    calibrated forecast, atoms or not.
// The PIT histogram is the non-randomised one of Czado, Gneiting and Held
// (2009, Biometrics 65): each outcome spreads one unit uniformly over
// [F(y-), F(y)], i.e. the expectation of the randomised PIT histogram.
//
// Thread-safety: free functions over values.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "validation/predictive.h"

namespace parley::validation {

// The levels of the reliability table and of the named coverages.
constexpr std::array<double, 9> kReliabilityLevels = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
constexpr int kPitBins = 10;

struct ReliabilityPoint {
  double level = 0;
  double coverage = 0;           // PIT-band coverage (see above)
  double interval_coverage = 0;  // closed central interval
};

struct DistributionScores {
  int n = 0;
  double crps = 0;  // mean CRPS on the issue scale
  double mae = 0;   // mean |point - outcome|, for comparison (NaN when no points were given)
  double coverage_50 = 0, coverage_80 = 0, coverage_90 = 0;
  double interval_coverage_50 = 0, interval_coverage_80 = 0, interval_coverage_90 = 0;
  std::vector<double> pit;  // kPitBins shares summing to 1
  std::vector<ReliabilityPoint> reliability;
};

// PIT span [F(y-), F(y)] of an outcome.
std::pair<double, double> pit_span(const PredictiveDistribution& d, double y);
// Share of the PIT span inside [(1-level)/2, (1+level)/2] (1 or 0 when the
// span is a point).
double band_coverage(const PredictiveDistribution& d, double y, double level);
bool inside_interval(const PredictiveDistribution& d, double y, double level);

// Scores distributions[k] against outcomes[k] (same length); `points` (same
// length, or empty) are the bare forecasts whose MAE is reported beside.
// NaN fields when empty.  O(n (K + bins)).
DistributionScores score_distributions(const std::vector<PredictiveDistribution>& distributions,
                                       const std::vector<double>& outcomes,
                                       const std::vector<double>& points = {});

}  // namespace parley::validation
