// Closed forms and small solvers of the bargaining-model-of-war literature
// (docs/models/war.md, "Closed forms"): the analytic oracles.  Reference
// numbers are hand-derived (Fearon 1995, Powell 2004 and 2006, Slantchev
// 2003, Smith and Stam 2004, Abreu and Gul 2000), never taken from a run of
// this code.  The simulator's own behaviour is tested in test_war.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "conflict/war_math.h"

namespace parley::war {
namespace {

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

TEST(WarMath, PeaceValueOracle18) { EXPECT_NEAR(peace_value(0.6, 4, 0.05, 0.9), 5.37931, 1e-5); }
}  // namespace
}  // namespace parley::war
