// Ensembles report the distribution they were given: coverage of known input
// distributions mapped through a linear model, the size of --noise, and the
// ordering of every summary's quantiles (rapidcheck).
//
// The reference numbers are analytic.  The compromise model with fixed
// capabilities and saliences is linear in the positions (compromise.md
// section 1): O = sum_k w_k X_k / sum_k w_k.  With one uncertain position X,
// O = a + b X with b > 0, so every quantile of O is a + b times the same
// quantile of X, and the share of draws whose forecast lies in the image of
// X's central 80% interval is binomial(N, 0.8).  Input quantiles come from
// the distributions' closed forms below, not from parley's sampler.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "ensemble/ensemble.h"
#include "parley/scenario.h"
#include "rc_cases.h"
#include "scenario/quantile.h"

namespace parley::ensemble {
namespace {

// Actor u holds the uncertain position; v and w are fixed at 50 and 80.
// Weights c s = 1 (u), 1 (v), 2 (w): O = (X + 50 + 160) / 4 = 52.5 + X / 4.
Scenario one_uncertain(const Uncertain& position) {
  Scenario s;
  s.title = "one uncertain input";
  Issue issue;
  issue.id = "x";
  s.issues.push_back(issue);
  auto actor = [&](const std::string& id, double c, Uncertain x) {
    Actor a;
    a.id = id;
    a.capability = Uncertain(c);
    a.salience["x"] = Uncertain(50);
    a.position["x"] = x;
    s.actors.push_back(a);
  };
  actor("u", 2, position);
  actor("v", 2, Uncertain(50));
  actor("w", 4, Uncertain(80));
  validate(s);
  return s;
}
double image(double x) { return 52.5 + x / 4; }

// Closed-form quantiles of the input distributions.
struct Case {
  std::string label;
  Uncertain position;
  std::function<double(double)> quantile;
  std::function<double(double)> density;  // at a quantile, for the standard error
};

double standard_normal_quantile(double p) {
  if (p == 0.1) return -1.2815515655446004;
  if (p == 0.9) return 1.2815515655446004;
  if (p == 0.05) return -1.6448536269514722;
  if (p == 0.95) return 1.6448536269514722;
  if (p == 0.25) return -0.6744897501960817;
  if (p == 0.75) return 0.6744897501960817;
  if (p == 0.5) return 0.0;
  ADD_FAILURE() << "no normal quantile for " << p;
  return 0;
}

std::vector<Case> cases() {
  const double pi = std::acos(-1.0);
  // tri(10, 30, 90): F(x) = (x - 10)^2 / (80 * 20) below the mode (F(30) = 1/4),
  // 1 - (90 - x)^2 / (80 * 60) above it.
  auto tri_q = [](double p) {
    return p < 0.25 ? 10 + std::sqrt(p * 80 * 20) : 90 - std::sqrt((1 - p) * 80 * 60);
  };
  auto tri_f = [](double x) {
    return x < 30 ? 2 * (x - 10) / (80 * 20) : 2 * (90 - x) / (80 * 60);
  };
  return {
      {"uniform(0, 60)", Uncertain::uniform(0, 60), [](double p) { return 60 * p; },
       [](double) { return 1.0 / 60; }},
      {"tri(10, 30, 90)", Uncertain::triangular(10, 30, 90), tri_q,
       [=](double p) { return tri_f(tri_q(p)); }},
      // Truncation at 0 and 100 is 5 sd away: negligible (3e-7).
      {"normal(50, 10)", Uncertain::normal(50, 10),
       [](double p) { return 50 + 10 * standard_normal_quantile(p); },
       [=](double p) {
         const double z = standard_normal_quantile(p);
         return std::exp(-z * z / 2) / (10 * std::sqrt(2 * pi));
       }},
  };
}

constexpr std::uint64_t kDraws = 4000;

Summary summary_of(const Scenario& s, const std::vector<Region>& regions = {}) {
  Options options;
  options.model = "compromise";
  options.seed = 20260101;
  options.draws = kDraws;
  options.regions = regions;
  Plan plan = make_plan(s, options);
  return summarise(plan, run_ensemble(plan, all_draws(kDraws), {}));
}

// The share of draws inside the image of the input's central 80% interval
// is 0.8 within 4 binomial standard errors (sqrt(0.16 / 4000) = 0.0063).
TEST(EnsembleCoverage, CentralIntervalOfTheInputCoversEightyPercent) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.label);
    const Region central{"x", "central80", image(c.quantile(0.1)), image(c.quantile(0.9))};
    const Summary s = summary_of(one_uncertain(c.position), {central});
    ASSERT_EQ(s.issues[0].n, kDraws);
    ASSERT_EQ(s.issues[0].regions.size(), 1u);
    EXPECT_NEAR(s.issues[0].regions[0].probability, 0.8, 4 * std::sqrt(0.8 * 0.2 / kDraws));
  }
}

// Each reported quantile is the image of the input's quantile, within 4
// standard errors of a sample quantile: sqrt(p (1 - p) / N) / f(x_p), times
// the slope 1/4.
TEST(EnsembleCoverage, QuantilesAreTheImagesOfTheInputQuantiles) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.label);
    const IssueSummary s = summary_of(one_uncertain(c.position)).issues[0];
    const std::vector<std::pair<double, double>> reported = {
        {0.05, s.q05}, {0.25, s.q25}, {0.5, s.median}, {0.75, s.q75}, {0.95, s.q95}};
    for (const auto& [p, value] : reported) {
      const double se = std::sqrt(p * (1 - p) / kDraws) / c.density(p) / 4;
      EXPECT_NEAR(value, image(c.quantile(p)), 4 * se) << "p = " << p;
    }
  }
}

// --noise R draws every certain input v from normal(v, R |v|)
// (docs/ensembles.md).  Three actors at 50 with capability 2 and salience
// 50: given the weights, O = sum w_k X_k / sum w_k has variance
// 25 sum w_k^2 / (sum w_k)^2, whose mean over the weights (each a product of
// two inputs with 10% noise, coefficient of variation v^2 = 1.01^2 - 1) is
// (1 / 3)(1 + v^2 (n - 1) / n) to second order, so sd O = 2.906.  The
// sample sd of 4000 draws has a standard error of sd / sqrt(2 N) = 0.032.
TEST(EnsembleCoverage, NoiseHasItsStatedSize) {
  Scenario s;
  s.title = "noise";
  Issue issue;
  issue.id = "x";
  s.issues.push_back(issue);
  for (const char* id : {"a", "b", "c"}) {
    Actor a;
    a.id = id;
    a.capability = Uncertain(2);
    a.salience["x"] = Uncertain(50);
    a.position["x"] = Uncertain(50);
    s.actors.push_back(a);
  }
  validate(s);
  Options options;
  options.model = "compromise";
  options.seed = 20260101;
  options.draws = kDraws;
  options.noise = 0.1;
  Plan plan = make_plan(s, options);
  const IssueSummary r = summarise(plan, run_ensemble(plan, all_draws(kDraws), {})).issues[0];
  const double v2 = 1.01 * 1.01 - 1;
  const double sd = 5 * std::sqrt((1 + v2 * 2.0 / 3.0) / 3);
  EXPECT_NEAR(r.sd, sd, 4 * sd / std::sqrt(2.0 * kDraws));
  EXPECT_NEAR(r.mean, 50, 4 * sd / std::sqrt(static_cast<double>(kDraws)));
}

// Any scenario, any model among the static ones: the summary's quantiles
// are ordered and lie within the observed range, and the mean lies there
// too.
rc::Gen<Uncertain> uncertain_position() {
  return rc::gen::mapcat(rc::gen::inRange(0, 4), [](int kind) -> rc::Gen<Uncertain> {
    auto point = rc::gen::map(rc::gen::inRange(0, 101), [](int v) { return double(v); });
    switch (kind) {
      case 0:
        return rc::gen::map(point, [](double v) { return Uncertain(v); });
      case 1:
        return rc::gen::map(rc::gen::pair(point, point), [](std::pair<double, double> p) {
          const double lo = std::min(p.first, p.second), hi = std::max(p.first, p.second);
          return lo < hi ? Uncertain::uniform(lo, hi) : Uncertain(lo);
        });
      case 2:
        return rc::gen::map(
            rc::gen::tuple(point, point, point), [](std::tuple<double, double, double> t) {
              double v[3] = {std::get<0>(t), std::get<1>(t), std::get<2>(t)};
              std::sort(v, v + 3);
              return v[0] < v[2] ? Uncertain::triangular(v[0], v[1], v[2]) : Uncertain(v[0]);
            });
      default:
        return rc::gen::map(
            rc::gen::pair(point, rc::gen::inRange(1, 40)),
            [](std::pair<double, int> p) { return Uncertain::normal(p.first, p.second); });
    }
  });
}

PARLEY_RC_PROP(EnsembleProperties, QuantilesAreOrderedWithinTheRange, 100, ()) {
  const int n = *rc::gen::inRange(1, 8);
  Scenario s;
  s.title = "random";
  Issue issue;
  issue.id = "x";
  s.issues.push_back(issue);
  for (int k = 0; k < n; ++k) {
    Actor a;
    a.id = "a" + std::to_string(k);
    a.capability = Uncertain(*rc::gen::inRange(1, 100));
    a.salience["x"] = Uncertain(*rc::gen::inRange(0, 101));
    a.position["x"] = *uncertain_position();
    s.actors.push_back(a);
  }
  validate(s);
  Options options;
  options.model = *rc::gen::element<std::string>("compromise", "median");
  options.seed = *rc::gen::inRange<std::uint64_t>(0, 1000000);
  options.draws = 64;
  options.noise = *rc::gen::element(0.0, 0.2);
  Plan plan = make_plan(s, options);
  const IssueSummary r = summarise(plan, run_ensemble(plan, all_draws(64), {})).issues[0];
  RC_ASSERT(r.n == 64u);
  RC_ASSERT(r.min <= r.q05);
  RC_ASSERT(r.q05 <= r.q25);
  RC_ASSERT(r.q25 <= r.median);
  RC_ASSERT(r.median <= r.q75);
  RC_ASSERT(r.q75 <= r.q95);
  RC_ASSERT(r.q95 <= r.max);
  RC_ASSERT(r.min - 1e-9 <= r.mean && r.mean <= r.max + 1e-9);
  RC_ASSERT(r.min >= 0 && r.max <= 100);
}

// Selection puts every asked rank where a full sort puts it, keeps the
// values, and so gives every quantile the sort gives (ties, one value, ranks
// asked twice and the ends included).
PARLEY_RC_PROP(EnsembleProperties, PlacedRanksEqualTheSortedOnes, 300, ()) {
  // Few distinct values: ties are common.
  const auto values = *rc::gen::nonEmpty(rc::gen::container<std::vector<double>>(
      rc::gen::map(rc::gen::inRange(-5, 6), [](int v) { return v * 0.5; })));
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  const auto ps = *rc::gen::container<std::vector<double>>(
      rc::gen::map(rc::gen::inRange(0, 101), [](int v) { return v / 100.0; }));
  std::vector<std::size_t> ranks{0};
  for (double p : ps) {
    const auto [lower, upper] = quantile_ranks(values.size(), p);
    ranks.push_back(lower);
    ranks.push_back(upper);
  }
  std::vector<double> placed = values;
  place_ranks(placed, ranks);
  for (std::size_t r : ranks) RC_ASSERT(placed[r] == sorted[r]);
  for (double p : ps) RC_ASSERT(quantile_sorted(placed, p) == quantile_sorted(sorted, p));
  std::vector<double> again = placed;
  std::sort(again.begin(), again.end());
  RC_ASSERT(again == sorted);
}

}  // namespace
}  // namespace parley::ensemble
