// Predictive distributions and their scores (docs/calibration.md): CRPS
// against closed forms from the literature and against quadrature, quantiles
// against the CDF, and coverage / PIT on outcomes drawn from the forecast
// itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <utility>
#include <vector>

#include "parley/random.h"
#include "validation/predictive.h"
#include "validation/scoring.h"

namespace parley::validation {
namespace {

double Phi(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }
double phi(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2 * std::numbers::pi); }

// Gneiting and Raftery (2007, JASA 102), eq. (21): CRPS of N(mu, sigma^2).
double normal_crps(double mu, double sigma, double y) {
  double z = (y - mu) / sigma;
  return sigma * (z * (2 * Phi(z) - 1) + 2 * phi(z) - 1 / std::sqrt(std::numbers::pi));
}

// Thorarinsdottir and Gneiting (2010, JRSS A 173), eq. (5): CRPS of the
// normal N(mu, sigma^2) truncated below at 0.
double normal_truncated_at_zero_crps(double mu, double sigma, double y) {
  double z = (y - mu) / sigma, p = Phi(mu / sigma);
  return sigma / (p * p) *
         (z * p * (2 * Phi(z) + p - 2) + 2 * phi(z) * p -
          Phi(std::numbers::sqrt2 * mu / sigma) / std::sqrt(std::numbers::pi));
}

// int_lo^hi (F(x) - 1{x >= y})^2 dx by composite Simpson on pieces split at y
// and at the atoms (the integrand is smooth inside each piece).
double crps_by_quadrature(const PredictiveDistribution& d, double y) {
  std::vector<double> cuts = {d.lo(), d.hi(), std::clamp(y, d.lo(), d.hi())};
  for (const auto& atom : d.atoms()) cuts.push_back(atom.value);
  std::sort(cuts.begin(), cuts.end());
  double total = 0;
  for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
    double a = cuts[c], b = cuts[c + 1];
    if (b - a <= 0) continue;
    const int n = 20000;  // even
    double h = (b - a) / n, sum = 0;
    // Inside (a, b) neither F nor the indicator jumps: evaluate both at
    // interior points, and at the ends as limits from inside.
    auto g = [&](double x, int side) {
      double f = side < 0 ? d.cdf(x) : side > 0 ? d.cdf_below(x) : d.cdf(x);
      double ind = side < 0 ? (x >= y) : side > 0 ? (x > y) : (x >= y);
      return (f - ind) * (f - ind);
    };
    for (int k = 0; k <= n; ++k) {
      double w = k == 0 || k == n ? 1 : k % 2 ? 4 : 2;
      sum += w * g(a + k * h, k == 0 ? -1 : k == n ? 1 : 0);
    }
    total += sum * h / 3;
  }
  return total;
}

TEST(Predictive, PointForecastScoresItsAbsoluteError) {
  for (double x : {0.0, 12.5, 50.0, 100.0})
    for (double y : {0.0, 7.0, 50.0, 99.0, 100.0}) {
      auto d = PredictiveDistribution::point(x, 0, 100);
      EXPECT_NEAR(d.crps(y), std::abs(x - y), 1e-12);
      EXPECT_EQ(d.quantile(0.1), x);
      EXPECT_EQ(d.quantile(0.9), x);
    }
  auto years = PredictiveDistribution::point(7.39, 4, 10);  // another scale
  EXPECT_NEAR(years.crps(8.833), 8.833 - 7.39, 1e-12);
}

TEST(Predictive, UniformMatchesItsClosedForm) {
  // X ~ U[lo, hi]: E|X - y| = L (u^2 + (1 - u)^2) / 2 for u = (y - lo) / L in
  // [0, 1], E|X - X'| = L / 3.
  const double lo = -20, hi = 60, L = hi - lo;
  PredictiveDistribution d(lo, hi, {}, 1.0, 0.0, std::numeric_limits<double>::infinity());
  for (double y : {-20.0, -3.0, 20.0, 47.5, 60.0}) {
    double u = (y - lo) / L;
    EXPECT_NEAR(d.crps(y), L * ((u * u + (1 - u) * (1 - u)) / 2 - 1.0 / 6), 1e-9) << y;
  }
  EXPECT_NEAR(d.crps(70), (70 - 20) - L / 6, 1e-9);  // outside the scale
  EXPECT_NEAR(d.mean(), 20, 1e-12);
  EXPECT_NEAR(d.quantile(0.25), 0, 1e-12);
}

TEST(Predictive, NormalFarFromTheEndsMatchesGneitingRaftery) {
  // Truncation at 12 standard deviations changes nothing at 1e-9.
  PredictiveDistribution d(0, 100, {}, 1.0, 40, 2.5);
  for (double y : {30.0, 38.0, 40.0, 41.3, 55.0})
    EXPECT_NEAR(d.crps(y), normal_crps(40, 2.5, y), 1e-9) << y;
}

TEST(Predictive, TruncatedNormalMatchesThorarinsdottirGneiting) {
  // Truncated below at the scale's lower end 0; the upper end is 100
  // standard deviations away.
  for (double mu : {0.0, 3.0, 10.0})
    for (double y : {0.0, 1.5, 4.0, 9.0, 30.0}) {
      PredictiveDistribution d(0, 800, {}, 1.0, mu, 8.0);
      EXPECT_NEAR(d.crps(y), normal_truncated_at_zero_crps(mu, 8.0, y), 1e-9) << mu << " " << y;
    }
}

TEST(Predictive, TwoSidedTruncationAndMixturesMatchQuadrature) {
  PredictiveDistribution tn(0, 1, {}, 1.0, 0.3, 0.4);  // truncated on both sides
  PredictiveDistribution mix(0, 100, {{0, 0.2}, {50, 0.1}, {100, 0.3}}, 0.4, 30, 20);
  for (double y : {0.0, 0.1, 0.5, 0.77, 1.0}) {
    EXPECT_NEAR(tn.crps(y), crps_by_quadrature(tn, y), 1e-9) << y;
    EXPECT_NEAR(mix.crps(100 * y), crps_by_quadrature(mix, 100 * y), 1e-9) << y;
  }
}

TEST(Predictive, AtomMixtureMatchesHandComputedValues) {
  // Half at 0, half at 100, outcome 25: (0.5)^2 x 25 + (0.5)^2 x 75 = 25.
  PredictiveDistribution two(0, 100, {{0, 1}, {100, 1}}, 0, 0, 0);
  EXPECT_NEAR(two.crps(25), 25.0, 1e-12);
  // 0.2 at 20, 0.5 at 50, 0.3 at 90, outcome 60: E|X - y| = 8 + 5 + 9 = 22;
  // E|X - X'| = 2 (0.2 0.5 30 + 0.2 0.3 70 + 0.5 0.3 40) = 26.4; CRPS 8.8.
  PredictiveDistribution three(0, 100, {{50, 0.5}, {20, 0.2}, {90, 0.3}}, 0, 0, 0);
  EXPECT_NEAR(three.crps(60), 8.8, 1e-12);
  EXPECT_NEAR(three.mean(), 0.2 * 20 + 0.5 * 50 + 0.3 * 90, 1e-12);
  EXPECT_EQ(three.quantile(0.2), 20);
  EXPECT_EQ(three.quantile(0.2000001), 50);
  EXPECT_EQ(three.interval(0.8), std::make_pair(20.0, 90.0));
}

TEST(Predictive, QuantileInvertsTheCdf) {
  PredictiveDistribution d(0, 100, {{0, 0.25}, {40, 0.15}, {100, 0.1}}, 0.5, 55, 15);
  for (int k = 1; k < 200; ++k) {
    double p = k / 200.0;
    double x = d.quantile(p);
    EXPECT_GE(d.cdf(x), p - 1e-12) << p;
    EXPECT_LE(d.cdf_below(x), p + 1e-12) << p;
  }
  EXPECT_NEAR(d.cdf(40) - d.cdf_below(40), 0.15, 1e-12);
}

// sample() draws by parts, not by the inverse CDF: over an even grid of
// uniforms each atom is hit in proportion to its probability and the values
// off the atoms follow the continuous part, so the sample's CDF is F at
// every point (to the grid's resolution).
TEST(Predictive, SamplingByPartsFollowsTheDistribution) {
  const PredictiveDistribution d(0, 100, {{0, 0.25}, {40, 0.15}, {100, 0.1}}, 0.5, 55, 15);
  constexpr int n = 100000;
  std::vector<double> values;
  for (int j = 0; j < n; ++j) values.push_back(d.sample((j + 0.5) / n));
  std::sort(values.begin(), values.end());
  auto share = [&](auto keep) {
    return static_cast<double>(std::count_if(values.begin(), values.end(), keep)) / n;
  };
  EXPECT_NEAR(share([](double x) { return x == 0; }), 0.25, 2.0 / n);
  EXPECT_NEAR(share([](double x) { return x == 40; }), 0.15, 2.0 / n);
  EXPECT_NEAR(share([](double x) { return x == 100; }), 0.1, 2.0 / n);
  for (double x : {-1.0, 0.0, 20.0, 39.9, 40.0, 55.0, 70.0, 99.9, 100.0}) {
    const double below = share([&](double v) { return v < x; });
    const double at = share([&](double v) { return v <= x; });
    EXPECT_NEAR(below, d.cdf_below(x), 3.0 / n) << x;
    EXPECT_NEAR(at, d.cdf(x), 3.0 / n) << x;
  }
  // Atoms only: every uniform lands on an atom.
  const PredictiveDistribution atoms(0, 10, {{2, 0.5}, {7, 0.5}}, 0, 0, 0);
  EXPECT_EQ(atoms.sample(0.25), 2);
  EXPECT_EQ(atoms.sample(0.75), 7);
  EXPECT_EQ(atoms.sample(1 - 1e-17), 7);
}

// assign_unit() on the unit scale builds what the constructor builds from
// the same atoms (exactly, where the scale is [0, 1]), and refuses atoms out
// of order, duplicated or off the scale rather than answering wrongly.
TEST(Predictive, AssignUnitEqualsTheConstructorAndRefusesUnsortedAtoms) {
  const std::vector<std::pair<double, double>> unit = {{0.1, 0.2}, {0.4, 0.0}, {0.9, 0.3}};
  PredictiveDistribution fast = PredictiveDistribution::point(0.5, 0, 1);
  fast.assign_unit(0, 1, unit, 0.5, 0.55, 0.12);
  const PredictiveDistribution reference(0, 1, {{0.1, 0.2}, {0.4, 0.0}, {0.9, 0.3}}, 0.5, 0.55,
                                         0.12);
  ASSERT_EQ(fast.atoms().size(), 2u);  // the zero-probability atom is dropped
  for (double x : {0.0, 0.05, 0.1, 0.3, 0.55, 0.9, 0.95, 1.0}) {
    EXPECT_EQ(fast.cdf(x), reference.cdf(x)) << x;
    EXPECT_EQ(fast.cdf_below(x), reference.cdf_below(x)) << x;
  }
  EXPECT_EQ(fast.mean(), reference.mean());
  using Unit = std::vector<std::pair<double, double>>;
  for (const Unit& bad : {Unit{{0.4, 0.2}, {0.1, 0.3}}, Unit{{0.4, 0.2}, {0.4, 0.3}},
                          Unit{{-0.1, 0.2}}, Unit{{1.2, 0.2}}, Unit{{0.3, -0.1}}})
    EXPECT_THROW(fast.assign_unit(0, 1, bad, 0.5, 0.5, 0.1), std::invalid_argument);
  EXPECT_THROW(fast.assign_unit(0, 1, unit, 0.5, 0.5, 0), std::invalid_argument);
  EXPECT_THROW(fast.assign_unit(0, 1, {}, 0, 0.5, 0.1), std::invalid_argument);
}

// Outcomes drawn from the forecast itself: the PIT-band coverage is nominal,
// the PIT histogram flat; closed intervals are nominal for a continuous
// forecast and at least nominal with atoms.
TEST(Predictive, CoverageIsNominalWhenOutcomesFollowTheForecast) {
  const int n = 20000;
  PredictiveDistribution mixed(0, 100, {{0, 0.3}, {50, 0.1}, {100, 0.2}}, 0.4, 35, 18);
  PredictiveDistribution smooth(0, 100, {}, 1.0, 35, 18);
  for (const auto* d : {&mixed, &smooth}) {
    std::vector<PredictiveDistribution> ds(n, *d);
    std::vector<double> y;
    for (int k = 0; k < n; ++k) {
      Stream s(7, {static_cast<std::uint64_t>(k), static_cast<std::uint64_t>(Subsystem::sampling)});
      y.push_back(d->sample(s.uniform()));
    }
    DistributionScores sc = score_distributions(ds, y);
    // Four standard errors of a share of 20,000 (at most 0.0036).
    for (auto [level, cov] : {std::pair{0.5, sc.coverage_50}, std::pair{0.8, sc.coverage_80},
                              std::pair{0.9, sc.coverage_90}})
      EXPECT_NEAR(cov, level, 4 * std::sqrt(level * (1 - level) / n)) << level;
    for (double bin : sc.pit) EXPECT_NEAR(bin, 0.1, 4 * std::sqrt(0.09 / n));
    if (d == &smooth) {
      EXPECT_NEAR(sc.interval_coverage_80, 0.8, 4 * std::sqrt(0.16 / n));
    } else {
      EXPECT_GT(sc.interval_coverage_80, 0.8 + 4 * std::sqrt(0.16 / n));  // atoms at the ends
    }
  }
}

TEST(Predictive, CoverageDetectsAnOverconfidentForecast) {
  // Outcomes from N(50, 20) scored against N(50, 5): far too few inside.
  const int n = 4000;
  PredictiveDistribution truth(0, 100, {}, 1.0, 50, 20), narrow(0, 100, {}, 1.0, 50, 5);
  std::vector<double> y;
  for (int k = 0; k < n; ++k) {
    Stream s(3, {static_cast<std::uint64_t>(k), 1});
    y.push_back(truth.sample(s.uniform()));
  }
  DistributionScores sc = score_distributions(std::vector<PredictiveDistribution>(n, narrow), y);
  EXPECT_LT(sc.coverage_80, 0.45);
  EXPECT_GT(sc.pit.front() + sc.pit.back(), 0.5);
}

}  // namespace
}  // namespace parley::validation
