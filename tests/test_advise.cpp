// Advice, what-if tables and the war layer under ensembles (src/ensemble/
// advise, whatif, variant; docs/ensembles.md).
//
// The advice oracle is derived by hand from the compromise model
// (docs/models/compromise.md section 1): on one issue the forecast is
// m = sum_k w_k x_k / W with w = capability x salience, so moving actor a's
// stated position by d moves m by w_a d / W.  Actor a's utility of m is
// 1 - 2 |m - p_a| / (hi - lo) (its stated, unchanged position p_a), so its
// best move is the d that brings m to p_a: d* = W (p_a - m) / w_a.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "ensemble/advise.h"
#include "ensemble/sensitivity.h"
#include "ensemble/whatif.h"
#include "parley/error.h"
#include "parley/io.h"
#include "test_support.h"

namespace parley::ensemble {
namespace {

// a: c = 2, s = 100, x = 60; b: c = 1, s = 100, x = 40 on [0, 100].
// w = (2, 1), W = 3, m = (120 + 40) / 3 = 53.33.  d* = 3 (60 - 53.33) / 2 = 10.
Scenario two_actors(bool uncertain) {
  Scenario s;
  s.title = "two actors";
  Issue issue;
  issue.id = "tax";
  issue.name = "Tax";
  s.issues.push_back(issue);
  auto actor = [&](const std::string& id, double c, Uncertain x) {
    Actor a;
    a.id = id;
    a.name = id;
    a.capability = Uncertain(c);
    a.salience["tax"] = Uncertain(100);
    a.position["tax"] = x;
    s.actors.push_back(a);
  };
  actor("a", 2, 60);
  actor("b", 1, uncertain ? Uncertain::uniform(20, 60) : Uncertain(40));
  return s;
}

Plan compromise_plan(const Scenario& scenario, int threads) {
  Options options;
  options.model = "compromise";
  options.seed = 7;
  options.threads = threads;
  return make_plan(scenario, options);
}

TEST(Advise, FindsTheAnalyticBestPositionOnTheCompromiseModel) {
  const Scenario scenario = two_actors(false);
  const Plan plan = compromise_plan(scenario, 1);
  AdviseOptions options;
  options.actor = "a";
  const Advice advice = advise(plan, options);
  const double m0 = (2 * 60.0 + 40) / 3;
  EXPECT_NEAR(advice.baseline, 1 - 2 * std::abs(m0 - 60) / 100, 1e-12);
  ASSERT_FALSE(advice.moves.empty());
  // Every position move d shifts the forecast by w_a d / W = 2 d / 3.
  int positions = 0;
  for (const auto& m : advice.moves) {
    if (m.move.lever != "position") continue;
    ++positions;
    const double to = m.move.changes.at(0).value, d = to - 60;
    const double m1 = m0 + 2 * d / 3;
    EXPECT_NEAR(m.effect, 2 * (std::abs(m0 - 60) - std::abs(m1 - 60)) / 100, 1e-12) << to;
  }
  EXPECT_EQ(positions, 10);  // five steps of 5 each way
  const ScoredMove& best = advice.moves.front();
  EXPECT_EQ(best.move.lever, "position");
  EXPECT_DOUBLE_EQ(best.move.changes.at(0).value, 70.0);  // d* = 10
  EXPECT_NEAR(best.effect, 2 * (60 - m0) / 100, 1e-12);
  EXPECT_EQ(best.lo, best.effect);  // one replicate: no interval
  // Nothing beats a forecast at the actor's own position.
  ASSERT_EQ(advice.best.size(), 1u);
  EXPECT_EQ(advice.best[0].label, best.move.label);
  EXPECT_NEAR(advice.combined.score, 1.0, 1e-12);
}

TEST(Advise, CapabilityMovesStayWithinTheStatedBounds) {
  Scenario scenario = two_actors(false);
  scenario.actors[0].capability = Uncertain::triangular(1, 2, 4);
  const Plan plan = compromise_plan(scenario, 1);
  AdviseOptions options;
  options.actor = "a";
  options.levers = {"capability"};
  const auto moves = candidate_moves(plan, options);
  ASSERT_EQ(moves.size(), 4u);
  EXPECT_DOUBLE_EQ(moves.front().changes[0].value, 0.5);  // 2 -> 1, the lowest stated
  EXPECT_DOUBLE_EQ(moves.back().changes[0].value, 2.0);   // 2 -> 4, the highest stated
  options.levers = {"bluff"};
  EXPECT_THROW(candidate_moves(plan, options), Error);
  options.levers = {"position"};
  options.actor = "nobody";
  EXPECT_THROW(candidate_moves(plan, options), Error);
}

// Common random numbers: every move sees the same draws, and the ranking
// and its numbers do not depend on the thread count.
TEST(Advise, RankingIsIdenticalAtOneAndTwoThreads) {
  const Scenario scenario = two_actors(true);
  AdviseOptions options;
  options.actor = "a";
  options.draws = 16;
  const Advice one = advise(compromise_plan(scenario, 1), options);
  const Advice two = advise(compromise_plan(scenario, 2), options);
  EXPECT_EQ(one.replicates, 16u);
  ASSERT_EQ(one.moves.size(), two.moves.size());
  for (size_t k = 0; k < one.moves.size(); ++k) {
    EXPECT_EQ(one.moves[k].move.label, two.moves[k].move.label) << k;
    EXPECT_EQ(one.moves[k].effect, two.moves[k].effect) << k;
    EXPECT_EQ(one.moves[k].lo, two.moves[k].lo) << k;
  }
  // With b uncertain the effect of a move has a real interval around it.
  EXPECT_LT(one.moves.front().lo, one.moves.front().hi);
}

TEST(Advise, GoalsParse) {
  const Scenario scenario = two_actors(false);
  EXPECT_EQ(parse_goal(scenario, "").kind, Goal::Kind::utility);
  EXPECT_EQ(parse_goal(scenario, "tax").issue, 0);
  EXPECT_EQ(parse_goal(scenario, "ceasefire_by=2026-12").month, "2026-12");
  EXPECT_THROW(parse_goal(scenario, "ceasefire_by=2026-1"), Error);
  EXPECT_THROW(parse_goal(scenario, "land"), Error);
}

// ---- the war layer: what-if rows, mc quantities, sensitivity targets ------

std::string flagship() { return testing::source_file("scenarios/ukraine-2026.yaml"); }

nlohmann::json json_of(const testing::CommandResult& r) {
  EXPECT_EQ(r.exit_code, 0) << r.error;
  return nlohmann::json::parse(r.output);
}

std::string parley(const std::string& arguments) {
  return "'" + testing::parley_binary() + "' " + arguments;
}

TEST(WhatifCli, WithoutOptionalEventsSaysSo) {
  const auto r = testing::run_command(
      parley("whatif '" + testing::source_file("tests/data/two_issues.yaml") + "'"));
  EXPECT_EQ(r.exit_code, 0) << r.error;
  EXPECT_NE(r.output.find("no optional events"), std::string::npos) << r.output;
}

// The row of an event is `parley run` with that event switched on, same seed.
TEST(WhatifCli, AnEventsRowEqualsARunWithTheEventOn) {
  const std::string war = " --model war --set draws=60 --set horizon=8 --seed 5 --format json";
  const auto table = json_of(testing::run_command(
      parley("whatif '" + flagship() + "'" + war + " --draws 0 --events europe_coalition")));
  const auto run = json_of(testing::run_command(
      parley("run '" + flagship() + "'" + war + " --set what_if=europe_coalition")));
  const auto base = json_of(testing::run_command(parley("run '" + flagship() + "'" + war)));
  ASSERT_EQ(table["rows"].size(), 2u);
  EXPECT_EQ(table["rows"][1]["events"][0], "europe_coalition");
  int compared = 0;
  bool differs = false;
  for (const auto& v : table["rows"][1]["values"]) {
    const std::string target = v["target"];
    for (const auto& q : run["quantities"])
      if (q["name"] == target) {
        EXPECT_EQ(v["value"], q["value"]) << target;
        ++compared;
      }
    for (const auto& q : base["quantities"])
      if (q["name"] == target) differs = differs || q["value"] != v["value"];
  }
  EXPECT_GT(compared, 10);
  EXPECT_TRUE(differs);  // the event changes something, so the comparison can fail
}

// The war model on the flagship: few wars per ensemble draw, a short horizon.
Options war_options(double ensemble_draws, double horizon, std::uint64_t seed) {
  Options options;
  options.model = "war";
  options.params = {{"ensemble_draws", ensemble_draws}, {"horizon", horizon}};
  options.seed = seed;
  options.threads = 2;
  return options;
}

TEST(WarEnsemble, McSummarisesTheHeadlineQuantities) {
  const Scenario scenario = load_scenario(flagship());
  Options options = war_options(30, 12, 3);
  options.draws = 4;
  const Plan plan = make_plan(scenario, options);
  const auto draws = run_ensemble(plan, all_draws(4), {});
  const Summary summary = summarise(plan, draws);
  ASSERT_FALSE(summary.quantities.empty());
  EXPECT_EQ(summary.quantities.front().name, "p_ceasefire_by.2026-12");
  for (const auto& q : summary.quantities)
    if (q.name.rfind("p_ceasefire_by.", 0) == 0 || q.name.rfind("regime_share.", 0) == 0) {
      EXPECT_EQ(q.n, 4u) << q.name;
      EXPECT_GE(q.q05, 0) << q.name;
      EXPECT_LE(q.q95, 1) << q.name;
    }
  // Each draw's quantity is the war run on that draw's inputs.
  RunContext context;
  context.seed = 3;
  context.draw = 2;
  context.scenario = &scenario;
  context.drawn = true;
  const Result one = run_model(*plan.model, draw_instance(plan, 2), options.params, context);
  EXPECT_EQ(draws[2].quantities[0], one.quantity("p_ceasefire_by.2026-12")->value);
}

TEST(WarEnsemble, EnsembleDrawsApplyInsideAnEnsembleOnly) {
  const Scenario scenario = load_scenario(flagship());
  const ModelInfo& war = find_model("war");
  auto wars = [&](bool drawn, double ensemble_draws) {
    RunContext context;
    context.seed = 9;
    context.scenario = &scenario;
    context.drawn = drawn;
    const Params params = {{"draws", 20.0}, {"horizon", 6.0}, {"ensemble_draws", ensemble_draws}};
    const Result r = run_model(war, nominal_instance(scenario), params, context);
    return r.table("ceasefire_curve")->title;  // names the number of simulated wars
  };
  EXPECT_NE(wars(true, 30).find("over 30 simulated wars"), std::string::npos) << wars(true, 30);
  EXPECT_NE(wars(true, 0).find("over 20 simulated wars"), std::string::npos);  // 0 = draws
  EXPECT_EQ(wars(false, 30), wars(false, 31));
  EXPECT_NE(wars(false, 30).find("over 20 simulated wars"), std::string::npos);
}

// The inputs that matter move P(ceasefire): a non-zero tornado on the flagship.
TEST(WarEnsemble, SensitivityGivesANonZeroSwingOnTheCeasefireProbability) {
  const Scenario scenario = load_scenario(flagship());
  const Plan plan = make_plan(scenario, war_options(40, 11, 11));
  const Tornado tornado = one_at_a_time(plan);
  ASSERT_FALSE(plan.quantity_names.empty());
  const int target = static_cast<int>(plan.issue_ids.size());  // the first quantity
  EXPECT_EQ(plan.quantity_names[0], "p_ceasefire_by.2026-12");
  const auto bars = ranked(tornado, target);
  ASSERT_FALSE(bars.empty());
  const double top = std::abs(bars.front()->high[target] - bars.front()->low[target]);
  EXPECT_GT(top, 0.02) << plan.inputs[bars.front()->input].label;
  // Swings differ between inputs: the ranking says something.
  const double last = std::abs(bars.back()->high[target] - bars.back()->low[target]);
  EXPECT_LT(last, top);
}

}  // namespace
}  // namespace parley::ensemble
