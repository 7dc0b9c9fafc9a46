// models/smp_internal.h - pieces of the SMP engine shared by its source
// files (smp_primitives.cpp: spec sections 2, 3 and 4.1; smp_engine.cpp:
// 4.2-5 and the whole run).  Internal to src/models.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "models/smp.h"

namespace parley::smp::detail {

constexpr double kElectionFloor = 1e-8;    // coalition floor in elections (2.4)
constexpr double kChallengeFloor = 1e-10;  // coalition floor in challenges (4.1)
constexpr double kMinGain = 1e-5;          // minimum significant challenge gain (4.1)
constexpr double kOwnBias = 1e-6;          // bargain own-coordinate bias (4.2)

inline double clip_sign(double d) { return std::clamp(d / 1e-8, -1.0, 1.0); }

inline double round4(double y) { return std::floor(0.5 + 1e4 * y) / 1e4; }

// Salience-weighted normalised distance of `y` from actor i's ideal (2.1).
// O(D).
inline double distance_from(const Problem& pb, const double* ideal, int i, const double* y) {
  double num = 0, den = 0;
  const double* s = &pb.salience[static_cast<size_t>(i) * pb.d];
  for (int k = 0; k < pb.d; ++k) {
    const double ds = (ideal[k] - y[k]) * s[k];
    num += ds * ds;
    den += s[k] * s[k];
  }
  return std::sqrt(num / den);
}

inline double total_salience(const Problem& pb, int i) {
  double s = 0;
  for (int k = 0; k < pb.d; ++k) s += pb.salience[static_cast<size_t>(i) * pb.d + k];
  return s;
}

// A third-party vote accumulator chosen once per run for the voting rule and
// commitment model (smp_primitives.cpp).
using ThirdPartyFn = void (*)(const Problem&, const RiskView&, const double*, const double*,
                              const double*, int, int, double, double, double&, double&, double&,
                              double*);
ThirdPartyFn pick_third_parties(const Config& cfg);

// h's view of the world: perceived risk attitudes, U^h(n, n), weights.  O(N).
struct Perspective {
  int h = 0;
  std::vector<double> rh;               // Rhat^h_n
  std::vector<double> unn;              // U^h(n, n)
  mutable std::vector<double> scratch;  // third-party votes; one Perspective per thread
};
Perspective perspective(const Problem& pb, const RiskView& view, const Config& cfg, int h);

// h's estimate of challenge (i, j) with k's expected gain (4.1).  O(N).
Estimate estimate_with(const Problem& pb, const RiskView& view, const Config& cfg,
                       const Perspective& ps, const std::vector<double>& wsc, ThirdPartyFn fn,
                       int k, int i, int j);

// Challenge weights: total salience x capability per actor.
std::vector<double> challenge_weights(const Problem& pb);

}  // namespace parley::smp::detail
