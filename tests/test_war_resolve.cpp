// Private resolve (docs/models/war.md, "Private resolve"): each veto player's
// value of fighting on carries a private error that fighting reveals.  The
// reference numbers are derived by hand from the model's equations in the
// comments, never taken from a run of this code.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "conflict/conflict.h"
#include "conflict/simulator.h"
#include "parley/random.h"
#include "test_war_duel.h"

namespace parley::war {
namespace {

using namespace duel_fixture;

Options resolve_options(double sd, double learning) {
  Options o = quiet_options();
  o.resolve_sd = sd;
  o.resolve_learning = learning;
  return o;
}

// With the spread at 0 the layer is the one without private resolve, bit for
// bit, whatever the learning rate: the complete-information duel settles in
// the first month of every war (WarSimulator.CompleteInformationSettlesAt...).
TEST(WarResolve, ZeroSpreadIsTheLayerWithoutIt) {
  Duel d = duel(4, 2, 0.05, 0.9);
  const Conflict c = parse_conflict(d.scenario, d.instance);
  const Simulator plain(c, d.instance, quiet_options());
  const Simulator zero(c, d.instance, resolve_options(0, 1));
  for (std::uint64_t draw = 0; draw < 40; ++draw) {
    std::vector<PeriodLog> a, b;
    const RunOutcome x = plain.run(5, 0, draw, &a);
    const RunOutcome y = zero.run(5, 0, draw, &b);
    ASSERT_EQ(x.first_ceasefire, 1);
    EXPECT_EQ(y.first_ceasefire, x.first_ceasefire);
    EXPECT_EQ(y.terms, x.terms);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t t = 0; t < a.size(); ++t) EXPECT_EQ(a[t].reservation, b[t].reservation);
  }
}

// The same duel with a spread of 0.05.  In month 1 the front stands at k = 1
// or 3 and the Nash text at 25 or 75 leaves each side a per-period surplus of
// (75 - 73.78151) / 100 = 0.0121849 (the Fearon range of the test above).
// Veto player v accepts iff its error sigma z_v is at most that, so both
// accept with probability Phi(0.0121849 / 0.05)^2 = Phi(0.24370)^2 =
// 0.59627^2 = 0.3555: a range exists, yet the first month settles only a
// third of the wars; later months settle some of the rest.
TEST(WarResolve, ARangeSettlesWithAHazardBelowOne) {
  Duel d = duel(4, 2, 0.05, 0.9);
  const Conflict c = parse_conflict(d.scenario, d.instance);
  const Simulator sim(c, d.instance, resolve_options(0.05, 0.5));
  const int wars = 1000;
  int first = 0, later = 0;
  for (std::uint64_t draw = 0; draw < wars; ++draw) {
    const RunOutcome out = sim.run(5, 0, draw);
    first += out.first_ceasefire == 1;
    later += out.first_ceasefire > 1;
  }
  // Binomial sd of the share: sqrt(0.3555 x 0.6445 / 1000) = 0.015.
  EXPECT_NEAR(static_cast<double>(first) / wars, 0.3555, 0.05);
  EXPECT_GT(later, 0) << "no war settled after the first month";
}

// The error's spread after n months is sigma / sqrt(1 + kappa n): read it
// from the reservation values of wars in which talks never open (so the
// front's path is the same with and without the error), as the difference
// (r_sigma - r_0)(1 - delta) = e_v(t).  sigma = 0.1, kappa = 1: 0.1 in
// month 1, 0.1 / sqrt(12) = 0.02887 in month 12.
TEST(WarResolve, SpreadShrinksWithObservedMonths) {
  Duel d = duel(60, 30, 0.01, 0.9);
  Node& conflict = d.scenario.sections[0].second;
  Node& regime = conflict.add("regime", Node::map());
  regime.add("start", str("breakdown"));
  regime.add("a_k", num(-60));  // never back to talks
  const Conflict c = parse_conflict(d.scenario, d.instance);
  const Simulator plain(c, d.instance, quiet_options());
  const Simulator noisy(c, d.instance, resolve_options(0.1, 1));
  const int horizon = 12, wars = 500;
  std::vector<double> sum(horizon, 0), sum2(horizon, 0);
  int n = 0;
  for (std::uint64_t draw = 0; draw < wars; ++draw) {
    std::vector<PeriodLog> a, b;
    plain.run(7, 0, draw, &a);
    noisy.run(7, 0, draw, &b);
    ASSERT_EQ(a.size(), static_cast<std::size_t>(horizon));
    ASSERT_EQ(b.size(), a.size());
    for (int t = 0; t < horizon; ++t) {
      ASSERT_EQ(a[t].front, b[t].front);
      for (std::size_t v = 0; v < 2; ++v) {
        const double e = (b[t].reservation[v] - a[t].reservation[v]) * (1 - 0.9);
        sum[t] += e, sum2[t] += e * e;
      }
    }
    n += 2;
  }
  auto sd = [&](int t) { return std::sqrt(sum2[t] / n - (sum[t] / n) * (sum[t] / n)); };
  // 1000 errors per month: the sd's relative standard error is 1/sqrt(2000) = 2.2%.
  EXPECT_NEAR(sd(0), 0.1, 0.01);
  EXPECT_NEAR(sd(5), 0.1 / std::sqrt(6.0), 0.1 * 0.1 / std::sqrt(6.0));
  EXPECT_NEAR(sd(horizon - 1), 0.1 / std::sqrt(12.0), 0.1 * 0.1 / std::sqrt(12.0));
}

TEST(WarResolve, IndependentOfThreads) {
  Duel d = duel(20, 10, 0.03, 0.9);
  const Conflict c = parse_conflict(d.scenario, d.instance);
  Options one = resolve_options(0.05, 0.3), two = one;
  two.threads = 2;
  const Summary a = Simulator(c, d.instance, one).simulate(3, 0, 300);
  const Summary b = Simulator(c, d.instance, two).simulate(3, 0, 300);
  EXPECT_EQ(a.ceasefire_by, b.ceasefire_by);
  EXPECT_EQ(a.terms, b.terms);
  EXPECT_EQ(a.positions_mean, b.positions_mean);
  // And the error moves the outcome: the same wars without it differ.
  const Summary plain = Simulator(c, d.instance, quiet_options()).simulate(3, 0, 300);
  EXPECT_NE(a.ceasefire_by, plain.ceasefire_by);
}

}  // namespace
}  // namespace parley::war
