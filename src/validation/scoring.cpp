#include "validation/scoring.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace parley::validation {

std::pair<double, double> pit_span(const PredictiveDistribution& d, double y) {
  return {d.cdf_below(y), d.cdf(y)};
}

double band_coverage(const PredictiveDistribution& d, double y, double level) {
  auto [below, at] = pit_span(d, y);
  double lo = (1 - level) / 2, hi = (1 + level) / 2;
  if (at - below <= 1e-15) return at >= lo && at <= hi ? 1.0 : 0.0;
  return std::max(0.0, std::min(at, hi) - std::max(below, lo)) / (at - below);
}

bool inside_interval(const PredictiveDistribution& d, double y, double level) {
  auto [lo, hi] = d.interval(level);
  return y >= lo && y <= hi;
}

DistributionScores score_distributions(const std::vector<PredictiveDistribution>& distributions,
                                       const std::vector<double>& outcomes,
                                       const std::vector<double>& points) {
  if (distributions.size() != outcomes.size() ||
      (!points.empty() && points.size() != outcomes.size()))
    throw std::invalid_argument("score_distributions: lengths differ");
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  DistributionScores s;
  s.n = static_cast<int>(outcomes.size());
  s.pit.assign(kPitBins, 0.0);
  std::vector<double> band(kReliabilityLevels.size(), 0.0), closed(kReliabilityLevels.size(), 0.0);
  double crps = 0, ae = 0;
  for (std::size_t k = 0; k < outcomes.size(); ++k) {  // O(n (K + bins + levels K))
    const PredictiveDistribution& d = distributions[k];
    double y = outcomes[k];
    crps += d.crps(y);
    if (!points.empty()) ae += std::abs(points[k] - y);
    for (std::size_t l = 0; l < kReliabilityLevels.size(); ++l) {
      band[l] += band_coverage(d, y, kReliabilityLevels[l]);
      closed[l] += inside_interval(d, y, kReliabilityLevels[l]) ? 1.0 : 0.0;
    }
    auto [below, at] = pit_span(d, y);
    if (at - below <= 1e-15) {
      s.pit[std::min(kPitBins - 1, static_cast<int>(at * kPitBins))] += 1;
      continue;
    }
    for (int b = 0; b < kPitBins; ++b) {
      double lo = static_cast<double>(b) / kPitBins, hi = static_cast<double>(b + 1) / kPitBins;
      s.pit[b] += std::max(0.0, std::min(at, hi) - std::max(below, lo)) / (at - below);
    }
  }
  const double n = static_cast<double>(outcomes.size());
  if (outcomes.empty()) {
    s.crps = s.mae = kNaN;
    s.coverage_50 = s.coverage_80 = s.coverage_90 = kNaN;
    s.interval_coverage_50 = s.interval_coverage_80 = s.interval_coverage_90 = kNaN;
    return s;
  }
  s.crps = crps / n;
  s.mae = points.empty() ? kNaN : ae / n;
  for (double& p : s.pit) p /= n;
  for (std::size_t l = 0; l < kReliabilityLevels.size(); ++l)
    s.reliability.push_back({kReliabilityLevels[l], band[l] / n, closed[l] / n});
  auto at_level = [&](double level) {
    for (const ReliabilityPoint& r : s.reliability)
      if (std::abs(r.level - level) < 1e-12) return r;
    return ReliabilityPoint{level, kNaN, kNaN};
  };
  s.coverage_50 = at_level(0.5).coverage;
  s.coverage_80 = at_level(0.8).coverage;
  s.coverage_90 = at_level(0.9).coverage;
  s.interval_coverage_50 = at_level(0.5).interval_coverage;
  s.interval_coverage_80 = at_level(0.8).interval_coverage;
  s.interval_coverage_90 = at_level(0.9).interval_coverage;
  return s;
}

}  // namespace parley::validation
