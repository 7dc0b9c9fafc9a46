// The war layer's parts act where the theory says they should
// (docs/models/war.md): no documented parameter is inert, ripeness and
// mediator bias change timing, beliefs follow capability news, a breakdown
// resumes from the agreed line, uncertain numbers in `conflict` are drawn
// once per war (and never again inside an ensemble), the cause tags, the
// annealing and leverage mediators, and the output an analyst quotes.
// Comparisons use common random numbers (the same seed), so a difference is
// the parameter's doing, not noise.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "conflict/conflict.h"
#include "conflict/simulator.h"
#include "ensemble/ensemble.h"
#include "parley/error.h"
#include "parley/instance.h"
#include "parley/io.h"
#include "parley/model.h"
#include "parley/scenario.h"
#include "parley/section_inputs.h"
#include "test_support.h"
#include "test_war_duel.h"

namespace parley::war {
namespace {

using namespace duel_fixture;

// A small war with every part switched on: a front, a backer on side B, an
// early-harvest item, a guarantee issue lowering the ceasefire hazard,
// optimistic beliefs, a red line, a biased mediator, a what-if event and an
// uncertain cost.  The regime intercepts, h0 and the red line's decay are
// left to the model's parameters.
constexpr const char* rich_war = R"(
parley: 1
title: rich war
issues:
  - {id: land, scale: [0, 100], status_quo: 50}
  - {id: pow, scale: [0, 100], status_quo: 0}
  - {id: guar, scale: [0, 100], status_quo: 0}
actors:
  - id: a
    capability: 50
    position: {land: 100, pow: 100, guar: 0}
    salience: {land: 90, pow: 10, guar: 20}
  - id: b
    capability: 50
    position: {land: 0, pow: 100, guar: 100}
    salience: {land: 90, pow: 10, guar: 30}
  - id: c
    capability: 30
    position: {land: 20, pow: 100, guar: 80}
    salience: {land: 50, pow: 10, guar: 50}
  - id: m
    capability: 20
    position: {land: 50, pow: 100, guar: 50}
    salience: {land: 50, pow: 50, guar: 50}
    role: mediator
conflict:
  horizon: 14
  discount: 0.95
  sides:
    a: {members: [{actor: a}]}
    b: {members: [{actor: b, share: 0.7}, {actor: c, share: 0.3, contribution: 0.4}]}
  front: {issue: land, cells: 20, start: 10, activity: 0.5}
  battle: {csf: ratio, decisiveness: 1}
  costs: {a: 0.02, b: {uniform: [0.01, 0.03]}}
  beliefs:
    a: {p: 0.7, weight: 10}
    b: {p: 0.35, weight: 10}
  audience:
    a: {cost: 0.08}
  mediators:
    - {actor: m, activity: 0.6, bias: 0.3}
  hazard:
    harvest: 0.9
    covariates: [{issue: guar, beta: -1}]
  events:
    - {at: 3, optional: aid, set: {b.c.contribution: 1.0}}
    - {at: 5, mul: {cost.a: 1.5}}
agenda:
  phases:
    - {issues: [pow], separable: [pow]}
    - {issues: [land, guar], ceasefire: true}
)";

Scenario rich() { return parse_scenario(rich_war, "rich.yaml"); }

// The node at `path` (dot-separated; list items by index) of the scenario's
// sections, created as maps where missing.
Node& at_path(Scenario& s, const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream in(path);
  for (std::string part; std::getline(in, part, '.');) parts.push_back(part);
  Node* node = nullptr;
  for (auto& [key, value] : s.sections)
    if (key == parts[0]) node = &value;
  if (!node) node = &s.sections.emplace_back(parts[0], Node::map()).second;
  for (std::size_t k = 1; k < parts.size(); ++k) {
    if (node->is_list()) {
      node = &node->items.at(std::stoul(parts[k]));
      continue;
    }
    Node* next = nullptr;
    for (auto& member : node->members)
      if (member.first == parts[k]) next = &member.second;
    node = next ? next : &node->add(parts[k], Node::map());
  }
  return *node;
}

void set(Scenario& s, const std::string& path, Node value) { at_path(s, path) = std::move(value); }

// The designed war shows every lever at a slow accommodation and a talks
// breakdown intercept of -4; the case library's fitted defaults (0.32, -5.5)
// settle it within a month or two, which hides the regime levers.
Result run_war(const Scenario& s, Params params, int draws = 40) {
  params.emplace("draws", static_cast<double>(draws));
  params.emplace("accommodation", 0.02);
  params.emplace("a_b", -4.0);
  RunContext context;
  context.seed = 5;
  context.scenario = &s;
  return run_model(find_model("war"), nominal_instance(s), params, context);
}

// Everything a run reports, as numbers (NaN-aware comparison below).
std::vector<double> fingerprint(const Result& r) {
  std::vector<double> out = r.forecast;
  for (const Quantity& q : r.quantities) out.push_back(q.value);
  for (const Table& t : r.tables)
    for (const auto& row : t.rows)
      for (const auto& cell : row)
        if (const double* d = std::get_if<double>(&cell)) out.push_back(*d);
  return out;
}

bool same(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size()) return false;
  for (std::size_t k = 0; k < x.size(); ++k)
    if (!(x[k] == y[k] || (std::isnan(x[k]) && std::isnan(y[k])))) return false;
  return true;
}

// --- no parameter is inert -------------------------------------------------------

// Parameters that need not move the output of the rich war, with the reason.
const std::map<std::string, std::string> allowed_inert = {
    {"threads", "results must not depend on it (WarBehaviour.ThreadCountChangesNothing)"},
    {"ensemble_draws",
     "acts only inside an ensemble (WarEnsemble.EnsembleDrawsApplyInsideAnEnsembleOnly)"},
    {"conflict.mediators.0.temperature", "acts only with style: annealing (WarMediators.*)"},
    {"conflict.mediators.0.cooling", "acts only with style: annealing (WarMediators.*)"},
    {"conflict.mediators.0.leverage", "acts only with style: leverage (WarMediators.*)"},
    {"conflict.mediators.0.budget", "acts only with style: leverage (WarMediators.*)"},
    {"discount",
     "the designed war sets conflict.discount (WarBehaviour.DiscountFillsASilentScenario)"},
};

TEST(WarBehaviour, EveryModelParameterMovesTheOutput) {
  const Scenario s = rich();
  const auto base = fingerprint(run_war(s, {}));
  const std::map<std::string, ParamValue> alternative = {
      {"draws", 41.0},
      {"spatial", std::string("median")},
      {"accommodation", 0.2},
      {"a_b", -1.0},
      {"a_r", -1.0},
      {"a_t", 1.0},
      {"a_k", 0.0},
      {"h0", 0.3},
      {"audience_decay", 0.5},
      {"margin", 0.01},
      {"resolve_sd", 0.1},
      {"resolve_learning", 3.0},
      {"what_if", std::string("aid")},
      {"cost_a_scale", 2.0},
      {"cost_b_scale", 2.0},
      {"horizon", 10.0},
      {"sample_inputs", 0.0},
      {"pool_weight", 0.9},
      {"pool_hazard", 0.3},
  };
  for (const ParamSpec& spec : find_model("war").schema.specs) {
    if (allowed_inert.count(spec.name)) continue;
    const auto alt = alternative.find(spec.name);
    ASSERT_NE(alt, alternative.end()) << "no alternative value for parameter " << spec.name;
    const Result r =
        spec.name == "draws" ? run_war(s, {}, 41) : run_war(s, {{spec.name, alt->second}});
    EXPECT_FALSE(same(base, fingerprint(r))) << spec.name << " is inert";
  }
}

// The model's `discount` applies where the scenario states none, and only there.
TEST(WarBehaviour, DiscountFillsASilentScenario) {
  Scenario silent = rich();
  for (auto& [key, node] : silent.sections)
    if (key == "conflict")
      node.members.erase(std::remove_if(node.members.begin(), node.members.end(),
                                        [](const auto& m) { return m.first == "discount"; }),
                         node.members.end());
  const auto at_default = fingerprint(run_war(silent, {}));
  EXPECT_FALSE(same(at_default, fingerprint(run_war(silent, {{"discount", 0.9}}))));
  const Scenario stated = rich();
  EXPECT_TRUE(
      same(fingerprint(run_war(stated, {})), fingerprint(run_war(stated, {{"discount", 0.9}}))));
}

TEST(WarBehaviour, EveryConflictSettingMovesTheOutput) {
  const Scenario s = rich();
  const auto base = fingerprint(run_war(s, {}));
  const std::vector<std::pair<std::string, Node>> variations = {
      {"conflict.discount", num(0.9)},
      {"conflict.horizon", num(12)},
      {"conflict.sides.b.members.1.share", num(0.9)},
      {"conflict.sides.b.members.1.contribution", num(1.5)},
      {"conflict.front.cells", num(12)},
      {"conflict.front.start", num(13)},
      {"conflict.front.activity", num(0.9)},
      {"conflict.front.victory", str("all")},
      {"conflict.battle.csf", str("logistic")},
      {"conflict.battle.decisiveness", num(3)},
      {"conflict.costs.a", num(0.08)},
      {"conflict.costs.b", num(0.1)},
      {"conflict.veto",
       [] {
         Node list = Node::list();
         list.push(str("a"));
         list.push(str("b"));
         list.push(str("c"));
         return list;
       }()},
      {"conflict.beliefs.a.p", num(0.8)},
      {"conflict.beliefs.a.weight", num(2)},
      {"conflict.audience.a.cost", num(0.1)},
      {"conflict.audience.a.decay", num(0.99)},
      {"conflict.mediators.0.activity", num(0.1)},
      {"conflict.mediators.0.bias", num(-0.6)},
      {"conflict.mediators.0.style", str("annealing")},
      {"conflict.regime.start", str("breakdown")},
      {"conflict.regime.a_b", num(-1)},
      {"conflict.regime.b_b", num(20)},
      {"conflict.regime.c_b", num(40)},
      {"conflict.regime.a_r", num(-1)},
      {"conflict.regime.c_r", num(2)},
      {"conflict.regime.a_t", num(1)},
      {"conflict.regime.c_t", num(5)},
      {"conflict.regime.d_t", num(2)},
      {"conflict.regime.a_k", num(0)},
      {"conflict.regime.c_k", num(5)},
      {"conflict.regime.eps_prog", num(0.5)},
      {"conflict.regime.peace_after", num(2)},
      {"conflict.regime.ripe_horizon", num(1)},
      {"conflict.hazard.h0", num(0.4)},
      {"conflict.hazard.harvest", num(3)},
      {"conflict.hazard.covariates.0.beta", num(2)},
      {"conflict.events.1.at", num(2)},
      {"agenda.naueia", Node::scalar("false")},
      {"agenda.fill", str("disagreement")},
      {"agenda.indivisible",
       [] {
         Node list = Node::list();
         list.push(str("guar"));
         return list;
       }()},
  };
  for (const auto& [path, value] : variations) {
    Scenario v = s;
    set(v, path, value);
    if (path == "conflict.front.cells") set(v, "conflict.front.start", num(6));
    EXPECT_FALSE(same(base, fingerprint(run_war(v, {})))) << path << " is inert";
  }
  // Settings that act only when another holds: varied with it on.  The
  // ripeness terms need a hurting stalemate (costs above the gains either
  // side expects from the front), b_r a gap under the truth (a red line
  // wider than the range), k the logistic contest.
  struct Conditional {
    std::vector<std::pair<std::string, Node>> on;
    std::string path;
    Node value;
  };
  const std::vector<std::pair<std::string, Node>> hurting = {{"conflict.costs.a", num(0.08)},
                                                             {"conflict.costs.b", num(0.08)}};
  auto in_recess = hurting;
  in_recess.emplace_back("conflict.regime.start", str("recess"));
  const std::vector<Conditional> conditionals = {
      {in_recess, "conflict.regime.b_t", num(6)},
      {hurting, "conflict.regime.b_k", num(6)},
      {hurting, "conflict.regime.ripe_eps", num(0.2)},
      {hurting, "conflict.regime.ripe_tau", num(0)},
      {{{"conflict.audience.a.cost", num(0.4)}}, "conflict.regime.b_r", num(40)},
      {{{"conflict.battle.csf", str("logistic")}}, "conflict.battle.k", num(0.5)},
  };
  for (const Conditional& c : conditionals) {
    Scenario on = s;
    for (const auto& [path, value] : c.on) set(on, path, value);
    const auto with = fingerprint(run_war(on, {}));
    set(on, c.path, c.value);
    EXPECT_FALSE(same(with, fingerprint(run_war(on, {})))) << c.path << " is inert";
  }
}

TEST(WarBehaviour, ThreadCountChangesNothing) {
  const Scenario s = rich();
  const auto one = fingerprint(run_war(s, {{"threads", 1.0}}, 300));
  EXPECT_TRUE(same(one, fingerprint(run_war(s, {{"threads", 2.0}}, 300))));
  EXPECT_TRUE(same(one, fingerprint(run_war(s, {{"threads", 0.0}}, 300))));
}

// --- ripeness and mediator bias act on timing -------------------------------------

// Ripeness (Zartman): with talks broken off, a mutually hurting stalemate
// (both pay a cost no expected front gain repays, and neither can win within
// the ripeness horizon) raises the chance that talks resume, and so of a
// ceasefire by the horizon.
TEST(WarBehaviour, AHurtingStalemateBringsTheSidesBackToTheTable) {
  Duel d = duel(40, 20, 0.05, 0.9);
  Node& conflict = d.scenario.sections[0].second;
  conflict.members[0].second = num(24);
  Node& regime = conflict.add("regime", Node::map());
  regime.add("start", str("breakdown"));
  regime.add("a_k", num(-4));
  regime.add("c_k", num(0));
  const auto p_by_end = [&](double b_k) {
    Duel v = d;
    Node& r = v.scenario.sections[0].second.members.back().second;
    r.add("b_k", num(b_k));
    const Simulator sim(parse_conflict(v.scenario, v.instance), v.instance, quiet_options());
    std::vector<PeriodLog> log;
    sim.run(3, 0, 0, &log);
    EXPECT_TRUE(log[0].hurting) << "costs 0.05 a month, no decisive win within 6 months";
    return sim.simulate(3, 0, 400).ceasefire_by.back();
  };
  const double without = p_by_end(0), with = p_by_end(4);
  // Without ripeness talks resume with s(-4) = 1.8% a month: about 35% by
  // month 24; with it s(0) = 50% a month and a deal at once (complete
  // information): nearly every war.
  EXPECT_LT(without, 0.5);
  EXPECT_GT(with, 0.95);
}

Duel with_mediator(Duel d, double bias) {
  Node& med = d.scenario.sections[0].second.add("mediators", Node::list()).push(Node::map());
  med.add("actor", str("a"));  // any actor can mediate; its bias is what counts
  med.add("activity", num(1));
  med.add("bias", num(bias));
  return d;
}

// Kydd (2003): a biased mediator's text favours its side.  With complete
// information and a wide range (costs 0.2 a month) the text is accepted at
// once, so the terms move with the bias; the Nash weights are 1 +- bias.
TEST(WarBehaviour, MediatorBiasShiftsTheText) {
  auto terms = [](double bias) {
    const Duel d = with_mediator(duel(4, 2, 0.2, 0.9), bias);
    const Simulator sim(parse_conflict(d.scenario, d.instance), d.instance, quiet_options());
    std::vector<PeriodLog> log;
    const RunOutcome out = sim.run(1, 0, 0, &log);
    EXPECT_EQ(out.first_ceasefire, 1);
    return out.terms[0];
  };
  const double toward_b = terms(-0.6), neutral = terms(0), toward_a = terms(0.6);
  EXPECT_GT(toward_a, neutral + 1);  // side A wants 100
  EXPECT_LT(toward_b, neutral - 1);
}

// Under private information the mediator's estimate of the disfavoured
// side's demands is too low more often, so that side rejects more texts:
// the bias changes when the war ends, not only where.
TEST(WarBehaviour, MediatorBiasChangesTheTiming) {
  auto curve = [](double bias) {
    Duel d = with_mediator(optimists(), bias);
    d.scenario.sections[0].second.members[0].second = num(40);
    const Simulator sim(parse_conflict(d.scenario, d.instance), d.instance, quiet_options());
    return sim.simulate(8, 0, 60).ceasefire_by;
  };
  const auto neutral = curve(0);
  EXPECT_NE(curve(0.6), neutral);
  EXPECT_NE(curve(-0.6), neutral);
}

// --- beliefs, the front after a breakdown -------------------------------------------

// An event that changes the forces is public news: every learner's belief
// moves by the log-odds change of the true battle odds (no battle needed).
TEST(WarBehaviour, BeliefsFollowCapabilityNews) {
  Duel d = optimists();
  Node& conflict = d.scenario.sections[0].second;
  for (auto& [key, value] : conflict.members)
    if (key == "front") value.members.back().second = num(0);  // activity 0: no battles
  Node& e = conflict.add("events", Node::list()).push(Node::map());
  e.add("at", num(2));
  e.add("set", Node::map()).add("a.a.contribution", num(3));
  const Simulator sim(parse_conflict(d.scenario, d.instance), d.instance, quiet_options());
  std::vector<PeriodLog> log;
  sim.run(1, 0, 0, &log);
  // p goes from 1/2 to 3/4 (ratio CSF, gamma 1): log-odds + ln 3.
  ASSERT_NEAR(log[1].p, 0.75, 1e-12);
  for (std::size_t v = 0; v < 2; ++v) {
    const double before = log[0].belief[v], after = log[1].belief[v];
    EXPECT_NEAR(std::log(after / (1 - after)) - std::log(before / (1 - before)), std::log(3.0),
                1e-9);
  }
}

// An agreed line is where the front stands if the ceasefire collapses: the
// ground ceded in the deal stays ceded (it is not handed back).
TEST(WarBehaviour, ABreakdownResumesFromTheAgreedLine) {
  Duel d = duel(20, 10, 0.05, 0.9);
  Node& conflict = d.scenario.sections[0].second;
  for (auto& [key, value] : conflict.members) {
    if (key == "costs") value.members[0].second = num(0.3);  // A pays dearly: it concedes ground
    if (key == "hazard") value.members[0].second = num(1);   // every ceasefire collapses at once
  }
  const Conflict c = parse_conflict(d.scenario, d.instance);
  Options one_month = quiet_options(), no_deal = quiet_options();
  one_month.horizon = 1;
  no_deal.margin = 1;
  const Simulator sim(c, d.instance, quiet_options()), agreed(c, d.instance, one_month),
      fought(c, d.instance, no_deal);
  int moved = 0;
  for (std::uint64_t draw = 0; draw < 10; ++draw) {
    std::vector<PeriodLog> log, battle;
    sim.run(2, 0, draw, &log);
    fought.run(2, 0, draw, &battle);  // the same first battle, no deal
    ASSERT_EQ(log[0].regime, Regime::ceasefire);
    ASSERT_EQ(log[1].regime, Regime::breakdown);
    // The agreed line (5 points a cell) is where the front stands when the
    // ceasefire collapses, not the cell the first battle left.
    const double line = agreed.run(2, 0, draw).terms[0];
    const int cell = static_cast<int>(std::lround(line / 5));
    EXPECT_EQ(log[1].front, cell) << "draw " << draw;
    moved += cell != battle[0].front;
    EXPECT_LE(std::abs(log[2].front - cell), 1) << "draw " << draw;  // fighting resumes from it
  }
  EXPECT_GT(moved, 0);
}

// --- uncertain numbers in `conflict` ------------------------------------------------

TEST(WarUncertain, NumbersInConflictMayBeDistributions) {
  const Scenario s = rich();
  const auto inputs = section_inputs(s);
  ASSERT_EQ(inputs.size(), 1u);
  EXPECT_EQ(inputs[0].path, "conflict.costs.b");
  // A deterministic run uses the nominal value: the midpoint 0.02.
  EXPECT_NEAR(parse_conflict(s, nominal_instance(s)).initial.cost[1], 0.02, 1e-12);
  Instance drawn = nominal_instance(s);
  drawn.section_values["conflict.costs.b"] = 0.025;
  EXPECT_NEAR(parse_conflict(s, drawn).initial.cost[1], 0.025, 1e-12);
  // The ensemble sees the input and labels it by its path.
  ensemble::Options options;
  options.model = "war";
  const ensemble::Plan plan = ensemble::make_plan(s, options);
  bool found = false;
  for (const auto& input : plan.inputs)
    if (input.label == "conflict.costs.b") found = input.uncertain;
  EXPECT_TRUE(found);
}

TEST(WarUncertain, ADistributionOutsideItsFieldIsAnError) {
  Scenario s = rich();
  Node bad = Node::map();
  bad.add("uniform", Node::list()).push(num(2));
  at_path(s, "conflict.beliefs.a.p") = bad;
  at_path(s, "conflict.beliefs.a.p").members[0].second.push(num(3));
  EXPECT_THROW(parse_conflict(s, nominal_instance(s)), Error);
}

// Each simulated war draws its own cost; inside an ensemble (the instance
// is the draw) every war uses the ensemble's value.
TEST(WarUncertain, EachWarDrawsOnceAndAnEnsembleDrawIsNotRedrawn) {
  const Scenario s = rich();
  Options options;
  options.sample_inputs = true;
  options.scenario = &s;
  const Instance nominal = nominal_instance(s);
  const Simulator sim(parse_conflict(s, nominal), nominal, options);
  std::set<double> costs;
  for (std::uint64_t draw = 0; draw < 20; ++draw) {
    const double c = sim.run(4, 0, draw).period_cost[1];  // side B's cost in month 1
    EXPECT_GE(c, 0.01);
    EXPECT_LE(c, 0.03);
    costs.insert(c);
  }
  EXPECT_GT(costs.size(), 15u);
  // Inside an ensemble: expected cumulative cost of month 1 is the drawn value.
  Instance drawn = nominal;
  drawn.section_values["conflict.costs.b"] = 0.025;
  RunContext context;
  context.seed = 4;
  context.scenario = &s;
  context.drawn = true;
  const Result r = run_model(find_model("war"), drawn, {{"ensemble_draws", 50.0}}, context);
  const Table* periods = r.table("periods");
  ASSERT_NE(periods, nullptr);
  const auto& columns = periods->columns;
  const auto col = std::find(columns.begin(), columns.end(), "expected_cost_b") - columns.begin();
  EXPECT_DOUBLE_EQ(std::get<double>(periods->rows[0][col]), 0.025);
}

// --- cause tags -----------------------------------------------------------------------

Cause first_cause(Duel d, const std::function<void(Node&)>& edit) {
  edit(d.scenario.sections[0].second);
  const Simulator sim(parse_conflict(d.scenario, d.instance), d.instance, quiet_options());
  std::vector<PeriodLog> log;
  sim.run(1, 0, 0, &log);
  return log[0].cause;
}

TEST(WarCauses, EachCauseIsTaggedWhereItBlocks) {
  const Duel base = duel(4, 2, 0.05, 0.9);  // complete information: a deal at once
  EXPECT_EQ(first_cause(base, [](Node&) {}), Cause::none);
  // Commitment (Powell): side B's forces collapse next month, p goes from
  // 1/2 to 10/11: delta (p_t - p_t+1) for B is 0.9 x 0.41 = 0.37 > 0.1 x
  // (1 - 0.5 + 0.05) = 0.055.
  EXPECT_EQ(first_cause(base,
                        [](Node& c) {
                          Node& e = c.add("events", Node::list()).push(Node::map());
                          e.add("at", num(2));
                          e.add("set", Node::map()).add("b.b.contribution", num(0.1));
                        }),
            Cause::commitment);
  // A red line worth more than the whole bargaining range (0.05 + 0.05).
  EXPECT_EQ(first_cause(base,
                        [](Node& c) {
                          Node& a = c.add("audience", Node::map()).add("a", Node::map());
                          a.add("cost", num(0.3));
                          a.add("decay", num(1));
                        }),
            Cause::audience);
  // A margin above the bargaining range: no deal beats fighting, even under
  // the truth and without red lines.
  Duel strict = base;
  EXPECT_EQ(first_cause(strict, [](Node&) {}), Cause::none);
  Options demanding = quiet_options();
  demanding.margin = 0.2;
  const Simulator sim(parse_conflict(strict.scenario, strict.instance), strict.instance, demanding);
  std::vector<PeriodLog> log;
  sim.run(1, 0, 0, &log);
  EXPECT_EQ(log[0].cause, Cause::structural);
}

TEST(WarCauses, AnIndivisibleIssueBlocksWhatASplitWouldSettle) {
  // The range after the first battle is [73.8, 76.2] or [23.8, 26.2]; with
  // the land indivisible only 0, 100 and the ideals (0, 100) may be agreed.
  Duel d = duel(4, 2, 0.05, 0.9);
  Node agenda = Node::map();
  agenda.add("indivisible", Node::list()).push(str("land"));
  agenda.add("phases", Node::list())
      .push(Node::map())
      .add("issues", Node::list())
      .push(str("land"));
  d.scenario.sections.emplace_back("agenda", agenda);
  const Simulator sim(parse_conflict(d.scenario, d.instance), d.instance, quiet_options());
  std::vector<PeriodLog> log;
  const RunOutcome out = sim.run(1, 0, 0, &log);
  EXPECT_EQ(log[0].cause, Cause::indivisibility);
  EXPECT_NE(out.first_ceasefire, 1);
}

// --- mediators -------------------------------------------------------------------------

Duel with_style(const std::function<void(Node&)>& edit) {
  Duel d = duel(4, 2, 0.05, 0.9);
  Node& med = d.scenario.sections[0].second.add("mediators", Node::list()).push(Node::map());
  med.add("actor", str("a"));
  med.add("activity", num(1));
  edit(med);
  return d;
}

// Annealing (Klein et al. 2003): the text starts on the table (the spatial
// forecast, 50) and moves only by mutations every veto player votes for.  At
// temperature 0 only Pareto improvements pass, and on one zero-sum issue
// there are none: the text stays at 50 and is accepted only when the front
// comes back to the middle.  Warm, the text wanders.
TEST(WarMediators, AnnealingTextNeedsTemperatureOnAZeroSumIssue) {
  auto terms = [](double temperature) {
    Duel d = with_style([&](Node& med) {
      med.add("style", str("annealing"));
      med.add("temperature", num(temperature));
      med.add("cooling", num(1));
    });
    const Simulator sim(parse_conflict(d.scenario, d.instance), d.instance, quiet_options());
    std::vector<double> out;
    for (std::uint64_t draw = 0; draw < 20; ++draw) {
      const RunOutcome o = sim.run(6, 0, draw);
      if (o.first_ceasefire) out.push_back(o.terms[0]);
    }
    return out;
  };
  const auto cold = terms(0), warm = terms(1);
  ASSERT_FALSE(cold.empty());
  for (double x : cold) EXPECT_NEAR(x, 50, 1e-9);
  EXPECT_TRUE(std::any_of(warm.begin(), warm.end(), [](double x) { return x != 50; }));
}

// Leverage (Beardsley 2008): a mediator that can pay closes a small gap at
// once, within its per-deal limit and its budget; the deal it bought breaks
// down more often.
TEST(WarMediators, LeverageBuysDealsWithinItsBudget) {
  auto summary = [](double leverage, double budget) {
    Duel d = with_style([&](Node& med) {
      med.add("style", str("leverage"));
      med.add("leverage", num(leverage));
      med.add("budget", num(budget));
    });
    // The range after the first battle is 2.44 points wide, 0.0244 in
    // per-period utility; a margin of 0.02 each leaves each side short by
    // (0.04 - 0.0244) / 2 = 0.0078.
    Options o = quiet_options();
    o.margin = 0.02;
    const Simulator sim(parse_conflict(d.scenario, d.instance), d.instance, o);
    return sim.simulate(6, 0, 200);
  };
  EXPECT_EQ(summary(0, 1).ceasefire_by[0], 0);
  EXPECT_EQ(summary(0.005, 1).ceasefire_by[0], 0);    // 0.0078 each exceeds the limit
  EXPECT_EQ(summary(0.01, 0.01).ceasefire_by[0], 0);  // 2 x 0.0078 exceeds the budget
  EXPECT_EQ(summary(0.01, 0.05).ceasefire_by[0], 1);
}

// --- output an analyst can quote -------------------------------------------------------

TEST(WarOutput, HeadlineQuantitiesAndCurveAgree) {
  const Scenario scenario = load_flagship();
  const Result r = run_flagship(scenario, 100);
  const Table* curve = r.table("ceasefire_curve");
  ASSERT_NE(curve, nullptr);
  ASSERT_EQ(curve->rows.size(), 36u);
  std::map<std::string, double> by_month;
  double previous = 0;
  for (const auto& row : curve->rows) {
    const double p = std::get<double>(row[3]), h = std::get<double>(row[2]);
    EXPECT_NEAR(p, previous + (1 - previous) * h, 1e-12);  // hazard and curve agree
    previous = p;
    by_month[std::get<std::string>(row[1])] = p;
  }
  for (const char* month : {"2026-12", "2027-12", "2028-12", "2029-01"}) {
    const Quantity* q = r.quantity(std::string("p_ceasefire_by.") + month);
    ASSERT_NE(q, nullptr) << month;
    EXPECT_EQ(q->value, by_month[month]);
  }
  double regimes = 0;
  for (const char* name :
       {"talks", "recess", "breakdown", "ceasefire", "peace", "victory_a", "victory_b"}) {
    const Quantity* q = r.quantity(std::string("regime_share.") + name);
    ASSERT_NE(q, nullptr) << name;
    regimes += q->value;
  }
  EXPECT_NEAR(regimes, 1, 1e-12);
  for (const auto& issue : scenario.issues) {
    EXPECT_NE(r.quantity("p_agreed." + issue.id), nullptr);
    EXPECT_NE(r.quantity("terms_if_agreed." + issue.id), nullptr);
  }
}

TEST(WarOutput, DefaultTextOfTheFlagshipIsNarrowAndShort) {
  const auto cmd = testing::run_command(testing::parley_binary() + " run " +
                                        testing::source_file("scenarios/ukraine-2026.yaml") +
                                        " --model war --set draws=100");
  ASSERT_EQ(cmd.exit_code, 0) << cmd.error;
  std::stringstream in(cmd.output);
  int lines = 0;
  for (std::string line; std::getline(in, line); ++lines) {
    std::size_t width = 0;  // display columns: a UTF-8 lead byte starts a character
    for (unsigned char ch : line) width += (ch & 0xC0) != 0x80;
    EXPECT_LE(width, 100u) << line;
  }
  EXPECT_LE(lines, 50);
  // The brief (title, answers, key probability, forecast table) fits one screen:
  // everything before the parameters.
  const std::string brief = cmd.output.substr(0, cmd.output.find("\nparams "));
  EXPECT_LE(std::count(brief.begin(), brief.end(), '\n'), 25) << brief;
  // The headline comes first: the brief's key probability, before the forecast table.
  EXPECT_LT(cmd.output.find("P(ceasefire by"), cmd.output.find("forecast"));
  EXPECT_NE(cmd.output.find("p_agreed"), std::string::npos);
}

}  // namespace
}  // namespace parley::war
