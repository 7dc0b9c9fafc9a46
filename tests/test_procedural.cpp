// Oracles of docs/models/procedural.md section 4 (hand-derived) for the pivots, the gridlock
// interval and the agenda setter.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "models/procedural.h"
#include "parley/instance.h"
#include "parley/model.h"
#include "parley/scenario.h"

namespace parley {
namespace {

using procedural::Rule;
using procedural::SetterOptions;

// Members (10, 30, 50, 70, 90) with weights (10, 10, 10, 5, 5); weighted(0.7).
const std::vector<double> kX = {10, 30, 50, 70, 90};
const std::vector<double> kV = {10, 10, 10, 5, 5};

TEST(ProceduralOracle, PivotsAndGridlock) {
  auto p = procedural::pivots(kX, kV, Rule::weighted(0.7));
  ASSERT_TRUE(p.has_value());
  EXPECT_DOUBLE_EQ(p->up, 30);
  EXPECT_DOUBLE_EQ(p->down, 50);
}

TEST(ProceduralOracle, UnanimityPivotsAreTheExtremes) {
  auto p = procedural::pivots(kX, kV, Rule::unanimity());
  ASSERT_TRUE(p.has_value());
  EXPECT_DOUBLE_EQ(p->up, 10);
  EXPECT_DOUBLE_EQ(p->down, 90);
}

double setter(double q, double xa, const SetterOptions& options = {},
              Rule rule = Rule::weighted(0.7)) {
  return procedural::setter_outcome(kX, kV, rule, q, xa, options);
}

TEST(ProceduralOracle, SetterTable) {
  EXPECT_DOUBLE_EQ(setter(0, 80), 60);  // feasible (0, 60]
  EXPECT_DOUBLE_EQ(setter(0, 40), 40);
  EXPECT_DOUBLE_EQ(setter(40, 80), 40);  // gridlock
  EXPECT_DOUBLE_EQ(setter(40, 5), 40);
  EXPECT_DOUBLE_EQ(setter(100, 80), 80);  // feasible [0, 100)
  EXPECT_DOUBLE_EQ(setter(100, 20), 20);
}

TEST(ProceduralOracle, SecondVeto) {
  SetterOptions ep45;
  ep45.second_veto = 45;  // EP accepts [0, 90]
  EXPECT_DOUBLE_EQ(setter(0, 80, ep45), 60);
  SetterOptions ep20;
  ep20.second_veto = 20;  // EP accepts [0, 40]
  EXPECT_DOUBLE_EQ(setter(0, 80, ep20), 40);
}

TEST(ProceduralOracle, UnanimityRuleAndAmendment) {
  EXPECT_DOUBLE_EQ(setter(0, 80, {}, Rule::unanimity()), 20);  // pi_up = 10
  SetterOptions amend;
  amend.unanimity_amendment = true;  // Pareto interval [10, 90]
  EXPECT_DOUBLE_EQ(setter(100, 95, amend), 90);
}

TEST(ProceduralOracle, TieGoesToThePointCloserToTheStatusQuo) {
  // W = [0, 20] ∪ {q = 0} with a down side empty; setter at 20 is inside:
  // no tie.  Build a tie by hand: intervals [0, 10] and [30, 40], target 20.
  procedural::WinSet w;
  w.up = {30, 40};
  w.down = {0, 10};
  EXPECT_DOUBLE_EQ(procedural::closest_point(w, 5, 20), 10);
  EXPECT_DOUBLE_EQ(procedural::closest_point(w, 35, 20), 30);
}

TEST(ProceduralOracle, ConciliationIsMidpointOfParliamentAndClosestPivot) {
  // q = 0, pivots 30 / 50, EP at 45: closest pivot 50, midpoint 47.5,
  // inside W = (0, 60] ∩ [0, 90].
  EXPECT_DOUBLE_EQ(procedural::conciliation_outcome(kX, kV, Rule::weighted(0.7), 0, 45), 47.5);
  // EP at 20: pivot 30, midpoint 25; EP accepts [0, 40] -> 25.
  EXPECT_DOUBLE_EQ(procedural::conciliation_outcome(kX, kV, Rule::weighted(0.7), 0, 20), 25);
}

TEST(ProceduralRule, DoubleMajorityNeedsBothShares) {
  Rule r = Rule::double_majority(0.55, 0.65);
  EXPECT_TRUE(r.winning(3, 5, 65, 100));
  EXPECT_FALSE(r.winning(2, 5, 90, 100));  // 40 % of the members
  EXPECT_FALSE(r.winning(4, 5, 60, 100));  // 60 % of the weight
}

// The registered model on a one-issue instance: the table's first row via
// the Model interface, with the reference point and fixed configuration.
Instance oracle_instance(bool with_status_quo) {
  Instance inst(7, 1);
  inst.actor_ids = {"com", "ep", "a", "b", "c", "d", "e"};
  inst.actor_names = inst.actor_ids;
  inst.frames.resize(1);
  inst.frames[0].id = "i1";
  if (with_status_quo) inst.frames[0].status_quo = 0.0;
  inst.set(0, 0, 80, 1, 1);  // the Commission proposes at 80
  inst.set(1, 0, 45, 1, 1);  // the EP
  for (int k = 0; k < 5; ++k) inst.set(2 + k, 0, kX[k], 0.5, kV[k]);
  return inst;
}

TEST(ProceduralModel, RegisteredModelReproducesTheOracle) {
  const ModelInfo& info = find_model("procedural");
  Result r = run_model(info, oracle_instance(true),
                       {{"configuration", std::string("cod_setter")},
                        {"qmv_rule", std::string("weighted")},
                        {"threshold", 0.7}},
                       RunContext{});
  ASSERT_EQ(r.forecast.size(), 1u);
  EXPECT_DOUBLE_EQ(r.forecast[0], 60);
  EXPECT_EQ(r.status[0], "ok");
}

TEST(ProceduralModel, NoReferencePointIsFlagged) {
  const ModelInfo& info = find_model("procedural");
  Result r = run_model(info, oracle_instance(false), {{"configuration", std::string("cns_qmv")}},
                       RunContext{});
  EXPECT_TRUE(std::isnan(r.forecast[0]));
  EXPECT_EQ(r.status[0], "no_reference_point");
}

TEST(ProceduralModel, AutoReadsTheIssueTags) {
  Scenario scenario;
  Issue issue;
  issue.id = "i1";
  issue.tags = {{"procedure", "CNS"}, {"voting", "Unan"}};
  scenario.issues.push_back(issue);
  RunContext context;
  context.scenario = &scenario;
  const ModelInfo& info = find_model("procedural");
  // CNS + unanimity: pi_up = 10, feasible (0, 20], setter at 80 -> 20.
  Result r = run_model(info, oracle_instance(true), {}, context);
  EXPECT_DOUBLE_EQ(r.forecast[0], 20);
  // Without the scenario the tags are unknown.
  Result none = run_model(info, oracle_instance(true), {}, RunContext{});
  EXPECT_EQ(none.status[0], "no_procedure");
}

}  // namespace
}  // namespace parley
