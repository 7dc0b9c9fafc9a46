// Behavioural tests of the war-layer simulator (docs/models/war.md): the
// front, settlement, learning, the agenda, parsing and the flagship end to
// end.  Reference numbers are hand-derived in a comment, never taken from a
// run of this code.  Closed forms: test_war_math.cpp.
#include <gtest/gtest.h>

#include <cmath>

#include "conflict/conflict.h"
#include "conflict/simulator.h"
#include "conflict/war_math.h"
#include "parley/error.h"
#include "parley/instance.h"
#include "parley/io.h"
#include "parley/model.h"
#include "parley/random.h"
#include "parley/scenario.h"
#include "test_support.h"
#include "test_war_duel.h"

namespace parley::war {
namespace {

using namespace duel_fixture;

// The engine's front step reproduces the gambler's-ruin oracles within Monte
// Carlo error (4 standard errors).
void check_walk(double p, double want_p, double want_t) {
  const int runs = 200000, n = 10;
  int wins = 0;
  double total = 0, total2 = 0;
  for (int r = 0; r < runs; ++r) {
    int k = 4, t = 0;
    while (k > 0 && k < n) {
      Stream s(11, {static_cast<std::uint64_t>(r), static_cast<std::uint64_t>(Subsystem::battle),
                    static_cast<std::uint64_t>(t)});
      k = front_step(k, n, p, 1 - p, s.uniform());
      ++t;
    }
    wins += k == n;
    total += t;
    total2 += static_cast<double>(t) * t;
  }
  const double ph = static_cast<double>(wins) / runs;
  EXPECT_NEAR(ph, want_p, 4 * std::sqrt(want_p * (1 - want_p) / runs));
  const double mean = total / runs, sd = std::sqrt(total2 / runs - mean * mean);
  EXPECT_NEAR(mean, want_t, 4 * sd / std::sqrt(runs));
}

TEST(WarFront, RandomWalkHittingProbabilityAndDurationBiased) {
  check_walk(0.55, 0.637586, 23.7586);
}
TEST(WarFront, RandomWalkHittingProbabilityAndDurationFair) { check_walk(0.5, 0.4, 24.0); }

// --- the simulator on small hand-built conflicts ------------------------------

TEST(WarSimulator, CompleteInformationSettlesAtOnceInsideFearonRange) {
  // N = 4, k0 = 2, p = 1/2, c = 0.05, delta = 0.9, no breakdown hazard: A's
  // war values are oracle 15, V_A = (0, 2.378151, 4.840336, 7.378151, 10),
  // and B's mirror them.  The first battle moves the front to k = 1 or 3.
  // Peace at x is worth x/100 / (1 - delta) to A, so A accepts x >= 10 V_A(k)
  // and B accepts x <= 100 - 10 V_A(N - k): at k = 3 the range is
  // [73.78151, 76.21849], at k = 1 [23.78151, 26.21849].  With equal
  // weights the Nash text splits the linear surpluses equally: the midpoint,
  // 75 or 25.
  Duel d = duel(4, 2, 0.05, 0.9);
  const Conflict c = parse_conflict(d.scenario, d.instance);
  const Simulator sim(c, d.instance, quiet_options());
  for (std::uint64_t draw = 0; draw < 40; ++draw) {
    std::vector<PeriodLog> log;
    const RunOutcome out = sim.run(5, 0, draw, &log);
    ASSERT_EQ(out.first_ceasefire, 1) << "draw " << draw;
    ASSERT_EQ(log[0].regime, Regime::ceasefire);
    const double x = out.terms[0];
    if (log[0].front == 3) {
      EXPECT_GE(x, 73.78151 - 1e-4);
      EXPECT_LE(x, 76.21849 + 1e-4);
      EXPECT_NEAR(x, 75.0, 1e-3);
    } else {
      ASSERT_EQ(log[0].front, 1);
      EXPECT_GE(x, 23.78151 - 1e-4);
      EXPECT_LE(x, 26.21849 + 1e-4);
      EXPECT_NEAR(x, 25.0, 1e-3);
    }
    EXPECT_EQ(log[0].cause, Cause::none);
  }
}

// Mutual optimism (Smith and Stam 2004): A believes it wins a battle with
// 0.7 (Beta(7, 3)), B believes A wins with 0.4 (Beta(4, 6)); the truth is
// 1/2 (optimists() in test_war_duel.h).
TEST(WarSimulator, MutualOptimismBlocksUntilBeliefsConverge) {
  Duel d = optimists();
  const Conflict c = parse_conflict(d.scenario, d.instance);
  const Simulator sim(c, d.instance, quiet_options());
  int settled = 0;
  for (std::uint64_t draw = 0; draw < 30; ++draw) {
    std::vector<PeriodLog> log;
    const RunOutcome out = sim.run(9, 0, draw, &log);
    // Period 1: no deal under the beliefs although one exists under the truth
    // (complete information always has a bargaining range, Fearon), so the
    // cause is reported as information.
    ASSERT_GT(log[0].gap, 0);
    ASSERT_LE(log[0].true_gap, 0);
    EXPECT_EQ(log[0].cause, Cause::information);
    EXPECT_NE(log[0].regime, Regime::ceasefire);
    const double initial_spread = 0.7 - 0.4;
    for (const PeriodLog& p : log) {
      if (p.regime != Regime::ceasefire) continue;
      // A deal is struck only once the beliefs have moved towards each other
      // and the gap under them has closed.
      EXPECT_LE(p.gap, 0);
      EXPECT_LT(std::abs(p.belief[0] - p.belief[1]), initial_spread);
      // Hand estimate away from the ends of the front: each player's
      // per-period reservation value is k/N + (2 phat - 1) (delta/(1-delta))/N
      // -+ c, so a deal needs 2 (phat_A - phat_B) 9/60 <= 2 c = 0.02, i.e.
      // phat_A - phat_B = 3/(10 + n) <= 1/15 after n battles: n >= 35 (one
      // battle per period).  The ends of the front bend this a little.
      EXPECT_GE(p.period, 28);
      EXPECT_LE(p.period, 42);
      ++settled;
      break;
    }
  }
  EXPECT_GT(settled, 15);  // most wars end by a deal once the beliefs converge
}

TEST(WarSimulator, CommonBeliefsSettleWhereOptimistsFight) {
  Duel d = optimists();
  Node& conflict = d.scenario.sections[0].second;
  conflict.members.erase(std::find_if(conflict.members.begin(), conflict.members.end(),
                                      [](const auto& kv) { return kv.first == "beliefs"; }));
  const Simulator sim(parse_conflict(d.scenario, d.instance), d.instance, quiet_options());
  for (std::uint64_t draw = 0; draw < 10; ++draw) EXPECT_EQ(sim.run(9, 0, draw).first_ceasefire, 1);
}

TEST(WarSimulator, ReproducibleAndIndependentOfThreads) {
  Duel d = optimists();
  d.scenario.sections[0].second.members[0].second = num(30);  // horizon
  const Conflict c = parse_conflict(d.scenario, d.instance);
  Options one = quiet_options(), two = quiet_options();
  two.threads = 2;
  const Summary a = Simulator(c, d.instance, one).simulate(3, 0, 300);
  const Summary b = Simulator(c, d.instance, two).simulate(3, 0, 300);
  ASSERT_EQ(a.ceasefire_by.size(), b.ceasefire_by.size());
  for (std::size_t t = 0; t < a.ceasefire_by.size(); ++t) {
    EXPECT_EQ(a.ceasefire_by[t], b.ceasefire_by[t]);
    EXPECT_EQ(a.expected_cost[t][0], b.expected_cost[t][0]);
  }
  EXPECT_EQ(a.terms[0], b.terms[0]);
  EXPECT_EQ(a.positions_mean, b.positions_mean);
}

TEST(WarSimulator, VictoryWhenTheFrontReachesAnEnd) {
  // Costs so high and talks so rare that nobody settles: a fair walk from
  // k = 1 on N = 2 ends in one battle, half the time each way.
  Duel d = duel(2, 1, 0.0, 0.9);
  Node& conflict = d.scenario.sections[0].second;
  Node& regime = conflict.add("regime", Node::map());
  regime.add("start", str("breakdown"));
  regime.add("a_k", num(-60));
  const Simulator sim(parse_conflict(d.scenario, d.instance), d.instance, quiet_options());
  const Summary s = sim.simulate(1, 0, 4000);
  const double pa = s.regime_share[0][static_cast<int>(Regime::victory_a)];
  const double pb = s.regime_share[0][static_cast<int>(Regime::victory_b)];
  EXPECT_NEAR(pa + pb, 1.0, 1e-12);
  EXPECT_NEAR(pa, 0.5, 4 * std::sqrt(0.25 / 4000));
}

// Three issues: the front ("land"), an early-harvest item both sides want
// ("pow": status quo 0, both ideal 100) and a contested item agreed
// provisionally ("x"); an event forces a breakdown in month 2.
Duel naueia_case(bool naueia) {
  Duel d = duel(20, 10, 0.05, 0.9);
  Scenario& s = d.scenario;
  for (const char* id : {"pow", "x"}) {
    Issue is;
    is.id = id;
    is.name = id;
    is.status_quo = Uncertain(id[0] == 'p' ? 0.0 : 50.0);
    s.issues.push_back(is);
  }
  for (auto& a : s.actors) {
    a.position["pow"] = Uncertain(100.0);
    a.salience["pow"] = Uncertain(50.0);
    a.position["x"] = Uncertain(a.id == "a" ? 100.0 : 0.0);
    a.salience["x"] = Uncertain(50.0);
  }
  Instance in(2, 3);
  in.actor_ids = {"a", "b"};
  in.actor_names = {"a", "b"};
  in.frames[0] = {"land", "land", 0, 100, 50.0};
  in.frames[1] = {"pow", "pow", 0, 100, 0.0};
  in.frames[2] = {"x", "x", 0, 100, 50.0};
  const double w = 1.0 / 3;
  in.set(0, 0, 100, w, 50);
  in.set(1, 0, 0, w, 50);
  for (int a = 0; a < 2; ++a) {
    in.set(a, 1, 100, w, 50);
    in.set(a, 2, a == 0 ? 100 : 0, w, 50);
  }
  d.instance = in;
  Node& conflict = d.scenario.sections[0].second;
  Node& regime = conflict.add("regime", Node::map());
  regime.add("a_b", num(-60));  // no spontaneous breakdown or recess,
  regime.add("a_r", num(-60));
  regime.add("a_k", num(-60));  // and no return to talks after the forced one
  Node& events = conflict.add("events", Node::list());
  Node& e = events.push(Node::map());
  e.add("at", num(2));
  e.add("regime", str("breakdown"));
  Node agenda = Node::map();
  agenda.add("naueia", Node::scalar(naueia ? "true" : "false"));
  Node& phases = agenda.add("phases", Node::list());
  Node& p1 = phases.push(Node::map());
  p1.add("issues", Node::list()).push(str("pow"));
  p1.add("separable", Node::list()).push(str("pow"));
  Node& p2 = phases.push(Node::map());
  p2.add("issues", Node::list()).push(str("x"));
  Node& p3 = phases.push(Node::map());
  p3.add("issues", Node::list()).push(str("land"));
  p3.add("ceasefire", Node::scalar("true"));
  d.scenario.sections.emplace_back("agenda", agenda);
  return d;
}

TEST(WarAgenda, BreakdownVoidsProvisionalItemsButNotEarlyHarvest) {
  Duel d = naueia_case(true);
  const Simulator sim(parse_conflict(d.scenario, d.instance), d.instance, quiet_options());
  std::vector<PeriodLog> log;
  const RunOutcome out = sim.run(4, 0, 0, &log);
  ASSERT_EQ(log[0].regime, Regime::talks);
  EXPECT_EQ(log[0].phase, 2);  // "x" agreed provisionally in month 1
  EXPECT_EQ(log[1].regime, Regime::breakdown);
  EXPECT_EQ(log[1].phase, 0);              // voided
  EXPECT_FALSE(std::isnan(out.terms[1]));  // the harvest stays in force
  EXPECT_GT(out.terms[1], 0.0);
  EXPECT_TRUE(std::isnan(out.terms[2]));  // the provisional item is gone
}

TEST(WarAgenda, WithoutNaueiaAgreedItemsStand) {
  Duel d = naueia_case(false);
  const Simulator sim(parse_conflict(d.scenario, d.instance), d.instance, quiet_options());
  const RunOutcome out = sim.run(4, 0, 0);
  EXPECT_FALSE(std::isnan(out.terms[1]));
  EXPECT_FALSE(std::isnan(out.terms[2]));
}

TEST(WarConflict, UnknownKeyIsAnErrorAtItsNode) {
  Duel d = duel(4, 2, 0.05, 0.9);
  Node& conflict = d.scenario.sections[0].second;
  Node bad = num(1);
  bad.loc = SourceLocation{"x.yaml", 7, 3, "conflict.bogus"};
  conflict.add("bogus", bad);
  try {
    parse_conflict(d.scenario, d.instance);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.location().line, 7);
    EXPECT_NE(std::string(e.what()).find("bogus"), std::string::npos);
  }
}

TEST(WarConflict, UnknownActorInASideIsAnError) {
  Duel d = duel(4, 2, 0.05, 0.9);
  Node& conflict = d.scenario.sections[0].second;
  Node& members = conflict.members[2].second.members[0].second.members[0].second;
  members.items[0].members[0].second = str("nobody");
  EXPECT_THROW(parse_conflict(d.scenario, d.instance), Error);
}

TEST(WarConflict, FrontMustStartInside) {
  Duel d = duel(4, 2, 0.05, 0.9);
  Node& conflict = d.scenario.sections[0].second;
  conflict.members[3].second.members[2].second = num(4);  // front.start = N
  EXPECT_THROW(parse_conflict(d.scenario, d.instance), Error);
}

TEST(WarFlagship, RunsEndToEndWithConsistentTables) {
  const Scenario scenario = load_flagship();
  const Result r = run_flagship(scenario, 200);
  const Table* periods = nullptr;
  for (const Table& t : r.tables)
    if (t.name == "periods") periods = &t;
  ASSERT_NE(periods, nullptr);
  ASSERT_EQ(periods->rows.size(), 36u);
  EXPECT_EQ(std::get<std::string>(periods->rows[10][1]), "2026-12");
  double previous = 0;
  for (const auto& row : periods->rows) {
    double regimes = 0;
    for (int c = 3; c <= 9; ++c) regimes += std::get<double>(row[c]);
    EXPECT_NEAR(regimes, 1.0, 1e-9);  // the regimes partition the wars
    const double by_then = std::get<double>(row[2]);
    EXPECT_GE(by_then, previous);  // "ceasefire by then" never falls
    previous = by_then;
  }
  ASSERT_EQ(r.forecast.size(), scenario.issues.size());
  for (std::size_t i = 0; i < r.forecast.size(); ++i) {
    EXPECT_GE(r.forecast[i], 0.0);
    EXPECT_LE(r.forecast[i], 100.0);
  }
}

TEST(WarFlagship, UnknownWhatIfIsAnError) {
  const Scenario scenario = load_scenario(testing::source_file("scenarios/ukraine-2026.yaml"));
  RunContext context;
  context.scenario = &scenario;
  EXPECT_THROW(run_model(find_model("war"), nominal_instance(scenario),
                         {{"draws", 10.0}, {"what_if", std::string("no_such_event")}}, context),
               Error);
}

}  // namespace
}  // namespace parley::war
