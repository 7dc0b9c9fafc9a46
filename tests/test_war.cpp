// Analytic oracles of the war-termination layer
// (docs/models/war.md) and behavioural tests of
// the simulator.  Every reference number is hand-derived in the spec or in a
// comment here, never taken from a run of this code.
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

namespace parley::war {
namespace {

// --- closed forms (spec section 15) -----------------------------------------

TEST(WarMath, PowellWarValueOracle1) {
  EXPECT_NEAR(powell_war_value(0.10, 0.15, 0.02, 0.95), 0.260870, 1e-6);
}

TEST(WarMath, GamblersRuinOracles2to4) {
  EXPECT_NEAR(hitting_probability(4, 10, 0.55), 0.637586, 1e-6);
  EXPECT_NEAR(expected_duration(4, 10, 0.55), 23.7586, 1e-4);
  EXPECT_NEAR(hitting_probability(4, 10, 0.5), 0.4, 1e-12);
  EXPECT_NEAR(expected_duration(4, 10, 0.5), 24.0, 1e-12);
}

TEST(WarMath, FearonOracles5and6) {
  const auto range = fearon_range(0.6, 0.05, 0.1);
  EXPECT_NEAR(range.first, 0.55, 1e-12);
  EXPECT_NEAR(range.second, 0.70, 1e-12);
  const RiskReturn rr = fearon_uniform_cost(0.6, 0.05, 0.3);
  EXPECT_NEAR(rr.demand, 0.725, 1e-12);
  EXPECT_NEAR(rr.p_war, 0.416667, 1e-6);
  // c_A >= cbar: A demands exactly p and war never happens.
  EXPECT_NEAR(fearon_uniform_cost(0.6, 0.4, 0.3).p_war, 0.0, 1e-12);
}

TEST(WarMath, LanchesterSquareLawOracle7) {
  const Lanchester l = lanchester_square(0.02, 0.03, 1000, 900);
  EXPECT_NEAR(l.invariant, -4300, 1e-9);
  EXPECT_FALSE(l.red_wins);
  EXPECT_NEAR(l.survivors, 378.594, 1e-3);
}

TEST(WarMath, AbreuGulOracles8and9) {
  const AbreuGul g = abreu_gul(0.6, 0.55, 0.1, 0.05, 0.1, 0.2);
  EXPECT_NEAR(g.lambda1, 0.133333, 1e-6);
  EXPECT_NEAR(g.lambda2, 0.300000, 1e-6);
  EXPECT_NEAR(g.t1, 17.2694, 1e-4);
  EXPECT_NEAR(g.t2, 5.36479, 1e-5);
  EXPECT_NEAR(g.t_star, 5.36479, 1e-5);
  EXPECT_NEAR(g.f1_zero, 0.795519, 1e-6);
  EXPECT_NEAR(g.f2_zero, 0.0, 1e-12);
}

TEST(WarMath, ContestSuccessOracles10and11) {
  EXPECT_NEAR(ratio_csf(2, 1, 1), 2.0 / 3, 1e-12);
  EXPECT_NEAR(ratio_csf(2, 1, 2), 4.0 / 5, 1e-12);
  EXPECT_NEAR(ratio_csf(2, 1, 4), 16.0 / 17, 1e-12);
  EXPECT_NEAR(ratio_csf(2, 1, 8), 256.0 / 257, 1e-12);
  EXPECT_NEAR(logistic_csf(20, 10, 0.1), 0.731059, 1e-6);
}

TEST(WarMath, PowellCommitmentOracles12and13) {
  EXPECT_TRUE(powell_no_self_enforcing_peace(0.9, 0.05, 0.6, 0.4));    // 0.18 > 0.045
  EXPECT_FALSE(powell_no_self_enforcing_peace(0.9, 0.05, 0.6, 0.57));  // 0.027 < 0.045
}

TEST(WarMath, ScreeningOracle14) {
  const Screening s = powell_screening(0.1, 0.15, 0.95, 0.02, 0.05, 0.03, 0.5);
  EXPECT_NEAR(s.war_value_low, 0.260870, 1e-6);
  EXPECT_NEAR(s.offer, 0.230870, 1e-6);
  EXPECT_NEAR(s.eu_screen, 0.704130, 1e-6);
  EXPECT_NEAR(s.eu_pool, 0.739130, 1e-6);
  EXPECT_FALSE(s.screens);
}

TEST(WarMath, FrontDynamicProgrammeOracle15) {
  // N = 4, pi(k) = k/N, c = 0.05, delta = 0.9, p = 0.5.
  std::vector<double> flow(5);
  for (int k = 0; k <= 4; ++k) flow[k] = k / 4.0 - 0.05;
  const auto v = front_values(flow, 0.5, 0.5, 0.9, 0.0, 10.0);
  const double expected[] = {0, 2.378151, 4.840336, 7.378151, 10};
  for (int k = 0; k <= 4; ++k) EXPECT_NEAR(v[k], expected[k], 1e-6) << "k = " << k;
}

TEST(WarMath, TridiagonalSolverMatchesHandSystem) {
  // 2x + y = 3, x + 2y + z = 4, y + 2z = 3  =>  x = y = z = 1.
  std::vector<double> sub{0, 1, 1}, diag{2, 2, 2}, sup{1, 1, 0}, rhs{3, 4, 3};
  solve_tridiagonal(sub, diag, sup, rhs);
  for (double x : rhs) EXPECT_NEAR(x, 1.0, 1e-12);
}

TEST(WarMath, BetaLearningAndOptimismGapOracle16) {
  BetaBelief a{7, 3}, b{4, 6};
  EXPECT_NEAR(optimism_gap(a.mean(), b.mean(), 0.2), 0.1, 1e-12);
  for (int i = 0; i < 10; ++i) {
    a.observe(i < 5);
    b.observe(i < 5);
  }
  EXPECT_NEAR(a.mean(), 12.0 / 20, 1e-12);
  EXPECT_NEAR(b.mean(), 9.0 / 20, 1e-12);
  EXPECT_NEAR(optimism_gap(a.mean(), b.mean(), 0.2), -0.05, 1e-12);
}

TEST(WarMath, AttritionHazardOracle17) { EXPECT_NEAR(attrition_hazard(0.1, 2), 0.05, 1e-12); }

TEST(WarMath, AttritionConcessionRatesByMonteCarlo) {
  // Prizes V = (2, 1), costs c = (0.1, 0.1): lambda_1 = c_2 / V_2 = 0.1,
  // lambda_2 = c_1 / V_1 = 0.05.  Competing exponentials: side 1 concedes
  // first with probability 0.1 / 0.15 = 2/3; the war lasts 1 / 0.15 = 6.6667
  // on average.
  const double l1 = attrition_hazard(0.1, 1), l2 = attrition_hazard(0.1, 2);
  ASSERT_NEAR(l1, 0.1, 1e-12);
  ASSERT_NEAR(l2, 0.05, 1e-12);
  const int runs = 200000;
  int first = 0;
  double total = 0, total2 = 0;
  for (int r = 0; r < runs; ++r) {
    Stream s(7, {static_cast<std::uint64_t>(r), static_cast<std::uint64_t>(Subsystem::battle)});
    const double t1 = -std::log(s.uniform()) / l1, t2 = -std::log(s.uniform()) / l2;
    first += t1 < t2;
    const double t = std::min(t1, t2);
    total += t;
    total2 += t * t;
  }
  const double p = static_cast<double>(first) / runs;
  EXPECT_NEAR(p, 2.0 / 3, 4 * std::sqrt(p * (1 - p) / runs));
  const double mean = total / runs, sd = std::sqrt(total2 / runs - mean * mean);
  EXPECT_NEAR(mean, 1 / 0.15, 4 * sd / std::sqrt(runs));
}

TEST(WarMath, PeaceValueOracle18) { EXPECT_NEAR(peace_value(0.6, 4, 0.05, 0.9), 5.37931, 1e-5); }

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

Node num(double v) { return Node::number(v); }
Node str(const std::string& s) { return Node::scalar(s, true); }

struct Duel {
  Scenario scenario;
  Instance instance;
};

// Two belligerents on one territorial issue [0, 100] (A wants 100, B wants 0),
// equal capabilities (p = 1/2), the front on `cells` cells starting at `start`.
Duel duel(int cells, int start, double cost, double delta) {
  Duel d;
  Scenario& s = d.scenario;
  s.title = "duel";
  Issue land;
  land.id = "land";
  land.name = "land";
  land.status_quo = Uncertain(100.0 * start / cells);
  s.issues.push_back(land);
  for (const char* id : {"a", "b"}) {
    Actor a;
    a.id = id;
    a.name = id;
    a.capability = Uncertain(50.0);
    a.position["land"] = Uncertain(id[0] == 'a' ? 100.0 : 0.0);
    a.salience["land"] = Uncertain(100.0);
    s.actors.push_back(a);
  }
  Node conflict = Node::map();
  conflict.add("horizon", num(12));
  conflict.add("discount", num(delta));
  Node& sides = conflict.add("sides", Node::map());
  for (const char* side : {"a", "b"}) {
    Node& sd = sides.add(side, Node::map());
    Node& members = sd.add("members", Node::list());
    Node& m = members.push(Node::map());
    m.add("actor", str(side));
  }
  Node& front = conflict.add("front", Node::map());
  front.add("issue", str("land"));
  front.add("cells", num(cells));
  front.add("start", num(start));
  front.add("activity", num(1));
  Node& costs = conflict.add("costs", Node::map());
  costs.add("a", num(cost));
  costs.add("b", num(cost));
  Node& hazard = conflict.add("hazard", Node::map());
  hazard.add("h0", num(0));
  s.sections.emplace_back("conflict", conflict);

  d.instance = Instance(2, 1);
  d.instance.actor_ids = {"a", "b"};
  d.instance.actor_names = {"a", "b"};
  d.instance.frames[0] = {"land", "land", 0, 100, 100.0 * start / cells};
  d.instance.set(0, 0, 100, 1, 50);
  d.instance.set(1, 0, 0, 1, 50);
  return d;
}

Options quiet_options() {
  Options o;
  o.accommodation = 0;  // positions stay put: the acceptance test alone decides
  return o;
}

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

// Mutual optimism (spec section 5): A believes it wins a battle with 0.7
// (Beta(7, 3)), B believes A wins with 0.4 (Beta(4, 6)); the truth is 1/2.
Duel optimists() {
  Duel d = duel(60, 30, 0.01, 0.9);
  Node& conflict = d.scenario.sections[0].second;
  conflict.members[0].second = num(300);  // horizon
  Node& beliefs = conflict.add("beliefs", Node::map());
  Node& ba = beliefs.add("a", Node::map());
  ba.add("p", num(0.7));
  ba.add("weight", num(10));
  Node& bb = beliefs.add("b", Node::map());
  bb.add("p", num(0.4));
  bb.add("weight", num(10));
  // Talks never break off: only beliefs can stand in the way.
  Node& regime = conflict.add("regime", Node::map());
  regime.add("a_b", num(-60));
  regime.add("a_r", num(-60));
  return d;
}

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
  const Conflict c = parse_conflict(d.scenario, d.instance);
  Options one = quiet_options(), two = quiet_options();
  two.threads = 2;
  const Summary a = Simulator(c, d.instance, one).simulate(3, 0, 600);
  const Summary b = Simulator(c, d.instance, two).simulate(3, 0, 600);
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
  const Scenario scenario = load_scenario(testing::source_file("scenarios/ukraine-2026.yaml"));
  RunContext context;
  context.seed = 1;
  context.scenario = &scenario;
  const Result r =
      run_model(find_model("war"), nominal_instance(scenario), {{"draws", 200.0}}, context);
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
