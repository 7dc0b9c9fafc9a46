// Monte Carlo ensembles and sensitivity analysis (src/ensemble).
//
// The reference numbers are derived by hand from the compromise model
// (docs/models/compromise.md section 1): with fixed capabilities
// c and saliences s, the forecast O = sum_k w_k X_k / sum_k w_k, w = c s, is
// a linear function of the positions X_k.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <memory>

#include "ensemble/ensemble.h"
#include "ensemble/sensitivity.h"
#include "io/output.h"
#include "parley/error.h"
#include "parley/io.h"
#include "store/store.h"
#include "test_support.h"

namespace parley::ensemble {
namespace {

// Three actors on one issue [0, 100]:
//   a: c = 1, s = 100 (1.0), X_a ~ U(0, 60)
//   b: c = 2, s =  50 (0.5), X_b ~ U(20, 80)
//   c: c = 3, s = 100 (1.0), X_c ~ U(40, 100)
// Weights w = c s = (1, 1, 3), sum 5, so O = 0.2 X_a + 0.2 X_b + 0.6 X_c.
// E[O] = 0.2*30 + 0.2*50 + 0.6*70 = 58.  Var X_k = 60^2/12 = 300 for every
// k, Var O = 300 (0.04 + 0.04 + 0.36) = 132.
Scenario linear_scenario() {
  Scenario s;
  s.title = "linear";
  Issue issue;
  issue.id = "tax";
  issue.name = "Tax rate";
  issue.lo = 0;
  issue.hi = 100;
  s.issues.push_back(issue);
  auto actor = [&](const std::string& id, double c, double sal, Uncertain position) {
    Actor a;
    a.id = id;
    a.name = id;
    a.capability = Uncertain(c);
    a.salience["tax"] = Uncertain(sal);
    a.position["tax"] = position;
    s.actors.push_back(a);
  };
  actor("a", 1, 100, Uncertain::uniform(0, 60));
  actor("b", 2, 50, Uncertain::uniform(20, 80));
  actor("c", 3, 100, Uncertain::uniform(40, 100));
  return s;
}

Options compromise(std::uint64_t draws, int threads) {
  Options options;
  options.model = "compromise";
  options.seed = 20240601;
  options.draws = draws;
  options.threads = threads;
  return options;
}

std::string summary_of(const Scenario& scenario, const Options& options) {
  Plan plan = make_plan(scenario, options);
  auto draws = run_ensemble(plan, all_draws(options.draws), {});
  return output::mc_document(plan, summarise(plan, draws)).dump();
}

TEST(EnsembleTest, SameSummaryForOneTwoAndFourThreads) {
  Scenario scenario = linear_scenario();
  std::string one = summary_of(scenario, compromise(3000, 1));
  EXPECT_EQ(one, summary_of(scenario, compromise(3000, 2)));
  EXPECT_EQ(one, summary_of(scenario, compromise(3000, 4)));
}

// A dynamic model adds the rounds and the fan charts, which are summarised in
// parallel too.
TEST(EnsembleTest, SameDynamicSummaryForOneTwoAndFourThreads) {
  Scenario scenario = linear_scenario();
  Options options = compromise(300, 1);
  options.model = "bdm";
  options.noise = 0.1;
  std::string one = summary_of(scenario, options);
  EXPECT_NE(one.find("\"fan\""), std::string::npos) << one.substr(0, 400);
  for (int threads : {2, 4}) {
    options.threads = threads;
    EXPECT_EQ(one, summary_of(scenario, options)) << threads << " threads";
  }
}

TEST(EnsembleTest, MergedShardsEqualOneRun) {
  Scenario scenario = linear_scenario();
  Options options = compromise(1001, 2);
  Plan plan = make_plan(scenario, options);
  auto whole = run_ensemble(plan, all_draws(1001), {});
  auto first = run_ensemble(plan, shard_draws(1001, 0, 2), {});
  auto second = run_ensemble(plan, shard_draws(1001, 1, 2), {});
  EXPECT_EQ(first.size() + second.size(), 1001u);
  std::vector<DrawResult> merged = first;
  merged.insert(merged.end(), second.begin(), second.end());
  ASSERT_EQ(merged.size(), whole.size());
  for (size_t k = 0; k < whole.size(); ++k) EXPECT_TRUE(whole[k].same_as(merged[k])) << k;
  EXPECT_EQ(output::mc_document(plan, summarise(plan, whole)).dump(),
            output::mc_document(plan, summarise(plan, merged)).dump());
}

TEST(EnsembleTest, ResumingFromPartialResultsGivesTheSameDraws) {
  Scenario scenario = linear_scenario();
  Plan plan = make_plan(scenario, compromise(500, 2));
  auto whole = run_ensemble(plan, all_draws(500), {});
  // As if a killed run had stored draws 0..99 and 300..349.
  std::vector<DrawResult> stored(whole.begin(), whole.begin() + 100);
  stored.insert(stored.end(), whole.begin() + 300, whole.begin() + 350);
  std::uint64_t fresh = 0;
  RunHooks hooks;
  hooks.on_batch = [&](std::span<const DrawResult> batch) { fresh += batch.size(); };
  auto resumed = run_ensemble(plan, all_draws(500), stored, hooks);
  EXPECT_EQ(fresh, 350u);
  ASSERT_EQ(resumed.size(), whole.size());
  for (size_t k = 0; k < whole.size(); ++k) EXPECT_TRUE(whole[k].same_as(resumed[k])) << k;
}

TEST(EnsembleTest, OneDrawReRunAloneEqualsItsEnsembleResult) {
  Scenario scenario = linear_scenario();
  Plan plan = make_plan(scenario, compromise(200, 2));
  auto whole = run_ensemble(plan, all_draws(200), {});
  EXPECT_TRUE(run_draw(plan, 137).same_as(whole[137]));
  EXPECT_TRUE(run_draw(plan, 0).same_as(whole[0]));
  EXPECT_FALSE(whole[0].same_as(whole[1]));  // draws differ from each other
}

TEST(EnsembleTest, DistributionMatchesTheLinearForecast) {
  Scenario scenario = linear_scenario();
  Options options = compromise(4000, 2);
  options.bins = 20;  // width 5 over the scale [0, 100]
  Plan plan = make_plan(scenario, options);
  EXPECT_EQ(plan.inputs.size() >= 3, true);
  auto draws = run_ensemble(plan, all_draws(4000), {});
  Summary summary = summarise(plan, draws);
  ASSERT_EQ(summary.issues.size(), 1u);
  const IssueSummary& s = summary.issues[0];
  EXPECT_EQ(s.n, 4000u);
  // E[O] = 58, sd O = sqrt(132) = 11.489; standard error of the mean with
  // 4000 draws = 0.182; allow 4 standard errors.
  EXPECT_NEAR(s.mean, 58.0, 0.73);
  EXPECT_NEAR(s.sd, std::sqrt(132.0), 0.5);
  // O is symmetric about 58, so its median is 58 too.
  EXPECT_NEAR(s.median, 58.0, 1.0);
  // O ranges over [0.2*0 + 0.2*20 + 0.6*40, 0.2*60 + 0.2*80 + 0.6*100] = [28, 88].
  EXPECT_GE(s.min, 28.0);
  EXPECT_LE(s.max, 88.0);
  EXPECT_LE(s.q05, s.q25);
  EXPECT_LE(s.q25, s.median);
  EXPECT_LE(s.median, s.q75);
  EXPECT_LE(s.q75, s.q95);
  std::uint64_t counted = 0;
  for (auto c : s.histogram) counted += c;
  EXPECT_EQ(counted, 4000u);
  EXPECT_EQ(s.histogram.size(), 20u);
  // Histogram bins of width 5: nothing below 25 or above 90.
  for (int bin = 0; bin < 5; ++bin) EXPECT_EQ(s.histogram[bin], 0u);
  for (int bin = 18; bin < 20; ++bin) EXPECT_EQ(s.histogram[bin], 0u);
}

TEST(EnsembleTest, DrawnValuesStayInTheirRanges) {
  Scenario scenario = linear_scenario();
  // A normal salience wider than its range must be truncated to [0, 100].
  scenario.actors[0].salience["tax"] = Uncertain::normal(90, 40);
  Plan plan = make_plan(scenario, compromise(300, 1));
  for (std::uint64_t d = 0; d < 300; ++d) {
    std::vector<double> values;
    draw_instance(plan, d, &values);
    ASSERT_EQ(values.size(), plan.inputs.size());
    for (size_t k = 0; k < values.size(); ++k) {
      EXPECT_GE(values[k], plan.inputs[k].lo) << plan.inputs[k].label;
      EXPECT_LE(values[k], plan.inputs[k].hi) << plan.inputs[k].label;
      if (plan.inputs[k].field == "position" && plan.inputs[k].actor == "a") {
        EXPECT_GE(values[k], 0.0);
        EXPECT_LE(values[k], 60.0);
      }
    }
  }
}

TEST(EnsembleTest, NoiseOnlyPerturbsWhenAsked) {
  Scenario scenario = linear_scenario();
  for (auto& actor : scenario.actors) actor.position["tax"] = Uncertain(50);
  Plan still = make_plan(scenario, compromise(50, 1));
  Summary quiet = summarise(still, run_ensemble(still, all_draws(50), {}));
  EXPECT_EQ(quiet.issues[0].min, 50.0);
  EXPECT_EQ(quiet.issues[0].max, 50.0);
  Options noisy = compromise(400, 2);
  noisy.noise = 0.1;
  Plan plan = make_plan(scenario, noisy);
  Summary summary = summarise(plan, run_ensemble(plan, all_draws(400), {}));
  EXPECT_GT(summary.issues[0].sd, 0.5);
  EXPECT_NEAR(summary.issues[0].mean, 50.0, 2.0);
}

TEST(EnsembleTest, QuantilesInterpolateBetweenOrderStatistics) {
  // Type 7: h = (n - 1) p; {1, 2, 3, 4} at p = 0.25 gives h = 0.75 -> 1.75.
  std::vector<double> data{1, 2, 3, 4};
  EXPECT_DOUBLE_EQ(quantile_sorted(data, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(quantile_sorted(data, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile_sorted(data, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(quantile_sorted(data, 1.0), 4.0);
  EXPECT_TRUE(std::isnan(quantile_sorted(std::vector<double>{}, 0.5)));
}

TEST(EnsembleTest, RegionsComeFromAnchorsOrTheUser) {
  Scenario scenario = linear_scenario();
  scenario.issues[0].anchors = {{0, "none"}, {50, "half"}, {100, "all"}};
  Plan plan = make_plan(scenario, compromise(10, 1));
  auto regions = regions_for(plan, 0);
  ASSERT_EQ(regions.size(), 3u);
  EXPECT_EQ(regions[0].name, "none");
  EXPECT_DOUBLE_EQ(regions[0].lo, 0);
  EXPECT_DOUBLE_EQ(regions[0].hi, 25);
  EXPECT_DOUBLE_EQ(regions[1].lo, 25);
  EXPECT_DOUBLE_EQ(regions[1].hi, 75);
  EXPECT_DOUBLE_EQ(regions[2].hi, 100);

  Options options = compromise(2000, 2);
  options.regions = {parse_region("high=58:100"), parse_region("tax.low=0:40")};
  Plan user = make_plan(scenario, options);
  auto mine = regions_for(user, 0);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].name, "low");  // issue-specific first
  Summary summary = summarise(user, run_ensemble(user, all_draws(2000), {}));
  // P(O >= 58) = 1/2 by symmetry; standard error sqrt(0.25/2000) = 0.011.
  EXPECT_NEAR(summary.issues[0].regions[1].probability, 0.5, 0.045);
}

// Ranges are [lo, hi), the top of the scale included: a forecast on the
// boundary between two anchor ranges counts once, in the upper range.
TEST(EnsembleTest, AForecastOnABoundaryCountsInOneRange) {
  for (double at : {75.0, 100.0, 0.0}) {
    Scenario scenario = linear_scenario();
    scenario.issues[0].anchors = {{0, "none"}, {50, "half"}, {100, "all"}};
    for (auto& actor : scenario.actors) actor.position["tax"] = Uncertain(at);
    Plan plan = make_plan(scenario, compromise(3, 1));
    const Summary summary = summarise(plan, run_ensemble(plan, all_draws(3), {}));
    const auto& regions = summary.issues[0].regions;  // [0, 25), [25, 75), [75, 100]
    ASSERT_EQ(regions.size(), 3u);
    EXPECT_EQ(regions[0].probability, at < 25 ? 1.0 : 0.0) << at;
    EXPECT_EQ(regions[1].probability, 0.0) << at;
    EXPECT_EQ(regions[2].probability, at >= 75 ? 1.0 : 0.0) << at;
  }
}

// On the flagship, under every model, the anchor ranges of each issue
// partition its scale: their probabilities sum to 1.
TEST(EnsembleTest, RangeProbabilitiesSumToOneOnTheFlagshipForEveryModel) {
  const std::string path = testing::source_file("scenarios/ukraine-2026.yaml");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no flagship scenario";
  const Scenario scenario = load_scenario(path);
  for (const ModelInfo& info : models()) {
    Options options;
    options.model = info.name;
    options.seed = 3;
    options.draws = 2;
    options.threads = 1;
    if (info.name == "war")
      options.params["draws"] = 50.0;  // simulated wars per draw: keep it fast
    Plan plan = make_plan(scenario, options);
    const Summary summary = summarise(plan, run_ensemble(plan, all_draws(2), {}));
    for (const auto& issue : summary.issues) {
      if (issue.regions.empty() || issue.n != summary.draws) continue;
      double sum = 0;
      for (const auto& region : issue.regions) sum += region.probability;
      EXPECT_NEAR(sum, 1.0, 1e-12) << info.name << " " << issue.issue;
    }
  }
}

TEST(EnsembleTest, BadOptionsAreErrors) {
  EXPECT_THROW(parse_region("nolimits"), Error);
  EXPECT_THROW(parse_region("x=5:1"), Error);
  EXPECT_THROW(parse_region("x=a:1"), Error);
  EXPECT_THROW(parse_shard("2/2"), Error);
  EXPECT_THROW(parse_shard("1-2"), Error);
  EXPECT_EQ(parse_shard("1/3"), std::make_pair(1, 3));
  Scenario scenario = linear_scenario();
  Options options = compromise(10, 1);
  options.model = "no-such-model";
  EXPECT_THROW(make_plan(scenario, options), Error);
  options = compromise(0, 1);
  EXPECT_THROW(make_plan(scenario, options), Error);
  options = compromise(10, 1);
  options.regions = {parse_region("nope.x=1:2")};
  EXPECT_THROW(make_plan(scenario, options), Error);
}

TEST(EnsembleTest, ShardsPartitionTheDraws) {
  std::vector<std::uint64_t> seen;
  for (int i = 0; i < 3; ++i)
    for (auto d : shard_draws(10, i, 3)) seen.push_back(d);
  EXPECT_EQ(seen, all_draws(10));
}

// A dynamic stand-in: draw d runs R = d % 3 rounds; round r has median 10 r
// and mean 20 r on the single issue, and the forecast is the last median.
class RoundsModel : public Model {
 public:
  Result run(const Instance&, const Params&, const RunContext& context) const override {
    Result result;
    const int rounds = static_cast<int>(context.draw % 3);
    for (int r = 0; r <= rounds; ++r) {
      Round round;
      round.round = r;
      round.median = {10.0 * r};
      round.mean = {20.0 * r};
      result.trajectory.push_back(round);
    }
    result.forecast = {10.0 * rounds};
    result.status = {"ok"};
    return result;
  }
};

TEST(EnsembleTest, RoundsAndFanChartOfADynamicModel) {
  Scenario scenario = linear_scenario();
  Plan plan = make_plan(scenario, compromise(6, 2));
  ModelInfo info = *plan.model;
  info.dynamic = true;
  plan.model = &info;
  plan.runner = std::make_shared<RoundsModel>();
  Summary summary = summarise(plan, run_ensemble(plan, all_draws(6), {}));
  // Rounds over draws 0..5: 0, 1, 2, 0, 1, 2.
  ASSERT_TRUE(summary.dynamic);
  EXPECT_EQ(summary.rounds_histogram, (std::map<int, std::uint64_t>{{0, 2}, {1, 2}, {2, 2}}));
  EXPECT_DOUBLE_EQ(summary.rounds_mean, 1.0);
  EXPECT_DOUBLE_EQ(summary.rounds_median, 1.0);  // sorted 0 0 1 1 2 2, h = 2.5
  ASSERT_EQ(summary.fan.rounds, 2);
  ASSERT_EQ(summary.fan.median.size(), 3u);
  // Round 0: every draw at 0.
  EXPECT_DOUBLE_EQ(summary.fan.median[0].q95, 0.0);
  // Round 2: stopped draws keep their last value: medians 0 0 10 10 20 20.
  // Type 7: q50 at h = 2.5 -> 10; q05 at h = 0.25 -> 0; q95 at h = 4.75 -> 20;
  // q25 at h = 1.25 -> 0 + 0.25 * 10 = 2.5.
  EXPECT_DOUBLE_EQ(summary.fan.median[2].q50, 10.0);
  EXPECT_DOUBLE_EQ(summary.fan.median[2].q05, 0.0);
  EXPECT_DOUBLE_EQ(summary.fan.median[2].q95, 20.0);
  EXPECT_DOUBLE_EQ(summary.fan.median[2].q25, 2.5);
  EXPECT_DOUBLE_EQ(summary.fan.mean[2].q50, 20.0);
  // Round 1: medians 0 10 10 0 10 10 -> sorted 0 0 10 10 10 10, q25 at h = 1.25 -> 2.5.
  EXPECT_DOUBLE_EQ(summary.fan.median[1].q25, 2.5);
  EXPECT_DOUBLE_EQ(summary.issues[0].mean, 10.0);  // forecasts 0 10 20 0 10 20
}

TEST(SensitivityTest, TornadoOfTheLinearForecast) {
  // Nominal positions are the midpoints 30, 50, 70: O = 58.  Moving X_a to
  // 0 / 60 changes O by 0.2 * (-30 / +30): 52 / 64; X_b likewise; X_c to
  // 40 / 100 changes O by 0.6 * (-30 / +30): 40 / 76.
  Scenario scenario = linear_scenario();
  Plan plan = make_plan(scenario, compromise(1, 2));
  Tornado tornado = one_at_a_time(plan);
  ASSERT_EQ(tornado.bars.size(), 3u);
  EXPECT_NEAR(tornado.base[0], 58, 1e-9);
  auto order = ranked(tornado, 0);
  EXPECT_EQ(plan.inputs[order[0]->input].actor, "c");
  EXPECT_NEAR(order[0]->low[0], 40, 1e-9);
  EXPECT_NEAR(order[0]->high[0], 76, 1e-9);
  EXPECT_NEAR(order[1]->low[0], 52, 1e-9);
  EXPECT_NEAR(order[1]->high[0], 64, 1e-9);
}

TEST(SensitivityTest, SobolIndicesMatchTheAnalyticValues) {
  // For O = sum_k a_k X_k with independent X_k the variance decomposes as
  // Var O = sum_k a_k^2 Var X_k, so the first-order index is
  //   S_k = a_k^2 Var X_k / sum_j a_j^2 Var X_j
  // and, the model being additive, the total index ST_k = S_k.
  // Here a = (0.2, 0.2, 0.6) and Var X_k = 300 for all k:
  //   S_a = S_b = 0.04 / 0.44 = 0.090909..., S_c = 0.36 / 0.44 = 0.818181...
  Scenario scenario = linear_scenario();
  Plan plan = make_plan(scenario, compromise(1, 2));
  SobolOptions options;
  options.samples = 4000;
  options.bootstrap = 400;
  // Six intervals are checked at once: 99% intervals keep the chance that
  // a correct estimator misses one of them near 6%.
  options.confidence = 0.99;
  Sobol sobol_result = sobol(plan, options);
  ASSERT_EQ(sobol_result.indices.size(), 3u);
  EXPECT_EQ(sobol_result.evaluations, 4000u * 5);
  EXPECT_NEAR(sobol_result.variance[0], 132.0, 132.0 * 0.08);
  for (const auto& index : sobol_result.indices) {
    const std::string& actor = plan.inputs[index.input].actor;
    double analytic = actor == "c" ? 0.36 / 0.44 : 0.04 / 0.44;
    SCOPED_TRACE(actor);
    EXPECT_LE(index.first_lo[0], analytic);
    EXPECT_GE(index.first_hi[0], analytic);
    EXPECT_LE(index.total_lo[0], analytic);
    EXPECT_GE(index.total_hi[0], analytic);
    EXPECT_LE(index.first_lo[0], index.first[0]);
    EXPECT_GE(index.first_hi[0], index.first[0]);
    EXPECT_LE(index.total_lo[0], index.total[0]);
    EXPECT_GE(index.total_hi[0], index.total[0]);
    EXPECT_NEAR(index.first[0], analytic, 0.05);
    EXPECT_NEAR(index.total[0], analytic, 0.05);
    EXPECT_LT(index.first_hi[0] - index.first_lo[0], 0.2);  // the intervals are informative
  }
  std::vector<double> total(plan.inputs.size(), 0.0);
  for (const auto& index : sobol_result.indices) total[index.input] = index.total[0];
  auto actors = by_actor(plan, total);
  EXPECT_EQ(actors.front().first, "c");
}

TEST(SensitivityTest, SobolEstimatorOnHandValues) {
  // f(A) = (1, 3), f(B) = (2, 4), f(A_B) = (2, 4) (the input explains all).
  // mean m = 2.5, V = ((1.5^2 + 0.5^2) * 2) / 4 = 1.25;
  // S = ((2 - m)(2 - 1) + (4 - m)(4 - 3)) / 2 / 1.25 = (-0.5 + 1.5) / 2 / 1.25 = 0.4;
  // ST = (1 + 1) / 4 / 1.25 = 0.4.
  SobolPair p = sobol_estimate({1, 3}, {2, 4}, {2, 4}, {});
  EXPECT_DOUBLE_EQ(p.first, 0.4);
  EXPECT_DOUBLE_EQ(p.total, 0.4);
  SobolPair flat = sobol_estimate({1, 1}, {1, 1}, {1, 1}, {});
  EXPECT_TRUE(std::isnan(flat.first));
}

}  // namespace
}  // namespace parley::ensemble
