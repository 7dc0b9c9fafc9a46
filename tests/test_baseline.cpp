// Baseline models against the reference numbers of
// docs/models/compromise.md section 3, median.md section 3 and nbs.md section 4.
#include <gtest/gtest.h>

#include <cmath>

#include "models/spatial.h"
#include "parley/io.h"
#include "parley/model.h"
#include "test_support.h"

namespace parley {
namespace {

Result run(const std::string& model, const Instance& in, Params params = {}) {
  return run_model(find_model(model), in, params, RunContext{});
}

TEST(Compromise, EmissionCaseGivesScholzsInitialMean) {
  PARLEY_REQUIRE_VALIDATION();
  const Scenario s =
      load_scenario(testing::validation_file("emission_standards_bdm1994/actors.csv"));
  const Result r = run("compromise", nominal_instance(s));
  // compromise.md section 3: 5.003 / 0.677 = 7.389956 (Scholz et al. print 7.39).
  EXPECT_NEAR(r.forecast[0], 7.389956, 5e-7);
  EXPECT_EQ(r.status[0], "ok");
}

TEST(Median, EmissionCaseMedianIsSeven) {
  PARLEY_REQUIRE_VALIDATION();
  const Scenario s =
      load_scenario(testing::validation_file("emission_standards_bdm1994/actors.csv"));
  const Instance in = nominal_instance(s);
  EXPECT_DOUBLE_EQ(run("median", in).forecast[0], 7.0);  // median.md section 3
  EXPECT_DOUBLE_EQ(run("median", in, {{"method", std::string("condorcet")}}).forecast[0], 7.0);
}

Instance line(const std::vector<double>& x, const std::vector<double>& s,
              const std::vector<double>& c, std::optional<double> q) {
  Instance in(static_cast<int>(x.size()), 1);
  in.frames[0] = IssueFrame{"i", "i", 0, 100, q};
  for (size_t k = 0; k < x.size(); ++k) {
    in.actor_ids[k] = "a" + std::to_string(k);
    in.set(static_cast<int>(k), 0, x[k], s[k], c[k]);
  }
  return in;
}

TEST(WeightedMedian, TieRulesWhenAPrefixHoldsExactlyHalf) {
  const std::vector<double> x = {10, 20, 30, 40};
  const std::vector<double> w = {1, 1, 1, 1};
  EXPECT_EQ(spatial::weighted_median(x, w, spatial::MedianTie::lower), 20);
  EXPECT_EQ(spatial::weighted_median(x, w, spatial::MedianTie::upper), 30);
  EXPECT_EQ(spatial::weighted_median(x, w, spatial::MedianTie::midpoint), 25);
  const std::vector<double> heavy = {1, 1, 3, 1};
  EXPECT_EQ(spatial::weighted_median(x, heavy, spatial::MedianTie::lower), 30);
  EXPECT_EQ(spatial::weighted_median(x, heavy, spatial::MedianTie::upper), 30);
}

TEST(Compromise, AllWeightsZeroFallsBackToTheUnweightedMean) {
  const Result r = run("compromise", line({10, 20, 60}, {0, 0, 0}, {1, 1, 1}, std::nullopt));
  EXPECT_EQ(r.status[0], "no_weight");
  EXPECT_DOUBLE_EQ(r.forecast[0], 30);
}

// The NBS oracles of docs/models/nbs.md section 4.
TEST(Nbs, LinearLossInteriorOptimum) {
  const Result r = run("nbs", line({20, 60, 80}, {1, 1, 1}, {1, 1, 1}, 0.0));
  EXPECT_NEAR(r.forecast[0], 80.0 / 3.0, 1e-6);
}

TEST(Nbs, LinearLossOptimumOnAKink) {
  const Result r = run("nbs", line({20, 60, 80}, {1, 1, 1}, {2, 1, 1}, 0.0));
  EXPECT_NEAR(r.forecast[0], 20, 1e-6);
}

TEST(Nbs, QuadraticLoss) {
  const Result r = run("nbs", line({20, 60, 80}, {1, 1, 1}, {1, 1, 1}, 0.0), {{"rho", 2.0}});
  EXPECT_NEAR(r.forecast[0], 28.480135, 1e-6);
}

TEST(Nbs, SalienceDoesNotMoveTheSolution) {
  const Result r = run("nbs", line({20, 60, 80}, {0.5, 1, 1}, {1, 1, 1}, 0.0), {{"rho", 2.0}});
  EXPECT_NEAR(r.forecast[0], 28.480135, 1e-6);
}

TEST(Nbs, ActorsOnBothSidesOfTheStatusQuoLeaveItInPlace) {
  const Result r = run("nbs", line({20, 60, 80}, {1, 1, 1}, {1, 1, 1}, 50.0));
  EXPECT_DOUBLE_EQ(r.forecast[0], 50);
  EXPECT_EQ(r.status[0], "empty_feasible_set");
}

TEST(Nbs, MissingReferencePointIsFlagged) {
  const Result r = run("nbs", line({20, 60}, {1, 1}, {1, 1}, std::nullopt));
  EXPECT_EQ(r.status[0], "no_reference_point");
  EXPECT_TRUE(std::isnan(r.forecast[0]));
  const Result m = run("nbs", line({20, 60}, {1, 1}, {1, 3}, std::nullopt),
                       {{"missing_q", std::string("weighted_mean")}});
  EXPECT_DOUBLE_EQ(m.forecast[0], 50);
}

TEST(Models, UnknownParametersAreRejectedWithTheKnownOnes) {
  try {
    run("compromise", line({1, 2}, {1, 1}, {1, 1}, std::nullopt), {{"wieght", std::string("sal")}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown parameter 'wieght'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("weight"), std::string::npos);
  }
  EXPECT_THROW(
      run("compromise", line({1, 2}, {1, 1}, {1, 1}, std::nullopt), {{"weight", std::string("x")}}),
      Error);
  EXPECT_THROW(find_model("no-such-model"), Error);
}

}  // namespace
}  // namespace parley
