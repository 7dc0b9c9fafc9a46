// The fast one-round engine of the expected-utility model against the naive
// O(n^3) oracle (tests/bdm_oracle.h) on random instances, and small
// hand-derived properties.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "bdm_oracle.h"
#include "models/bdm.h"
#include "parley/random.h"

namespace parley::bdm {
namespace {

// Random actors: continuous positions, or positions on a coarse grid so that
// many actors share a position (exercises the equal-position rules).
Actors random_actors(std::uint64_t seed, int n, bool grid) {
  Stream stream(
      seed, {static_cast<std::uint64_t>(Subsystem::model), 0xbd, static_cast<std::uint64_t>(n)});
  Actors a;
  for (int k = 0; k < n; ++k) {
    a.x.push_back(grid ? static_cast<double>(stream.below(7)) * 15.0 : 100.0 * stream.uniform());
    a.c.push_back(stream.uniform());
    a.s.push_back(stream.uniform() < 0.1 ? 0.0 : stream.uniform());
  }
  return a;
}

double spread(const std::vector<double>& x) {
  double lo = x[0], hi = x[0];
  for (double v : x) lo = std::min(lo, v), hi = std::max(hi, v);
  return hi - lo;
}

struct Variant {
  std::string name;
  Settings settings;
};

std::vector<Variant> variants() {
  std::vector<Variant> list;
  for (auto prob : {ProbFormula::eq31, ProbFormula::net_vote, ProbFormula::allpairs_risk})
    for (auto perspective : {Perspective::own, Perspective::receiver})
      for (auto selection : {Selection::priority_least_move, Selection::enforceability_least_move,
                             Selection::jmckib}) {
        Settings s;
        s.prob_formula = prob;
        s.perspective = perspective;
        s.selection = selection;
        // Vary the remaining switches with the combination so that each
        // value is exercised with every probability formula.
        const int code = static_cast<int>(list.size());
        s.mirror_salience = code % 2 ? MirrorSalience::printed : MirrorSalience::responder;
        s.conflict_rule = code % 3 == 1 ? ConflictRule::no_move : ConflictRule::loser_moves;
        s.compromise_rule =
            code % 4 >= 2 ? CompromiseRule::eu_weighted_avg : CompromiseRule::eq35_36;
        s.q = code % 5 == 0 ? 0.5 : 1.0;
        s.t_rule = code % 3 == 2 ? TRule::zero : TRule::closer_median;
        list.push_back({"variant" + std::to_string(code), s});
      }
  return list;
}

void expect_near_all(const std::vector<double>& fast, const std::vector<double>& slow, double tol,
                     const std::string& what) {
  ASSERT_EQ(fast.size(), slow.size()) << what;
  for (std::size_t k = 0; k < fast.size(); ++k)
    ASSERT_NEAR(fast[k], slow[k], tol) << what << " [" << k << "]";
}

TEST(BdmCore, FastRoundEqualsNaiveOracle) {
  int checked = 0;
  for (const auto& variant : variants())
    // 100 actors span two tiles of the dyad sweep, the second partial.
    for (int n : {2, 3, 7, 20, 60, 100})
      for (bool grid : {false, true}) {
        SCOPED_TRACE(variant.name + " n=" + std::to_string(n) + (grid ? " grid" : ""));
        Actors actors = random_actors(1000 + checked, n, grid);
        for (int round = 0; round < 3; ++round) {
          const double range = spread(actors.x);
          if (!(range > 0)) break;
          const auto fast = play_round(actors, range, variant.settings);
          const auto slow = oracle::oracle_round(actors, range, variant.settings);
          const auto t1 = dyad_tables(actors, range, variant.settings, false);
          const auto t2 = dyad_tables(actors, range, variant.settings, true);
          ASSERT_NEAR(fast.median, slow.first.median, 1e-12);
          expect_near_all(fast.security, slow.first.security, 1e-12, "security");
          expect_near_all(fast.risk, slow.second.risk, 1e-12, "risk");
          expect_near_all(t1.p, slow.first.p, 1e-12, "P first pass");
          expect_near_all(t1.eu, slow.first.eu, 1e-12, "EU first pass");
          expect_near_all(t2.p, slow.second.p, 1e-12, "P second pass");
          expect_near_all(t2.eu, slow.second.eu, 1e-12, "EU second pass");
          expect_near_all(t2.eu_other, slow.second.eu_other, 1e-12, "mirror EU second pass");
          expect_near_all(fast.positions, slow.positions, 1e-12 * range, "positions");
          std::vector<int> partner(n, -1);
          for (const auto& m : fast.moves) partner[m.mover] = m.partner;
          ASSERT_EQ(partner, slow.partner);
          actors.x = fast.positions;
          ++checked;
        }
      }
  EXPECT_GT(checked, 300);
}

TEST(BdmCore, MedianIsTheLowerWeightedMedian) {
  // Weights 1, 1, 2 at 0, 5, 10: prefix 2 of 4 reaches half at 5 (lower);
  // the upper median is the first prefix above half, 10.
  Actors a{{10, 0, 5}, {2, 1, 1}, {1, 1, 1}};
  EXPECT_EQ(median_position(a, MedianTie::lower), 5.0);
  EXPECT_EQ(median_position(a, MedianTie::upper), 10.0);
  EXPECT_NEAR(weighted_mean(a), (20.0 + 0 + 5) / 4, 1e-15);
}

TEST(BdmCore, EqualPositionsGiveZeroProbabilityAndUtility) {
  Actors a{{3, 3, 9}, {1, 2, 3}, {0.5, 0.5, 0.5}};
  Settings s;
  for (auto prob : {ProbFormula::eq31, ProbFormula::net_vote, ProbFormula::allpairs_risk}) {
    s.prob_formula = prob;
    const auto t = dyad_tables(a, 6, s, true);
    EXPECT_EQ(t.p[0 * 3 + 1], 0.0);
    EXPECT_EQ(t.eu[0 * 3 + 1], 0.0);
    EXPECT_EQ(t.eu_other[1 * 3 + 0], 0.0);
  }
}

// Two actors 1e-9 R apart keep the digits of their expected utilities
// (docs/models/bdm.md sections 4-7, by hand).  Positions 0 and d, R = 1, w = c s = (1.2,
// 0.3), eq31: P_01 = 1.2 / 1.5 = 0.8.  First pass (r = 1): U_s - U_sq = 2d
// and U_f - U_sq = -2d, so E(U_01) = 2d (0.3 (2 * 0.8 - 1) + 0.7) = 1.76 d
// and E(U_10) = 2d (0.6 (2 * 0.2 - 1) + 0.4) = 0.08 d.  These are the
// security levels Sec_1 and Sec_0, so r = (2, 0.5).  Second pass: with r = 2,
// U - U_sq = 1 - (1 -+ d)^2, so E(U_01) = 1.76 d - d^2; with r = 0.5,
// U - U_sq = 2 sqrt(2) (1 - sqrt(1 -+ d)) = +-2 sqrt(2) d / (1 + sqrt(1 -+ d)),
// and E(U_10) = 0.52 (U_s - U_sq) + 0.48 (U_f - U_sq).  Written as a
// difference of two utilities near 2 - 4 (1/2)^r, such an E(U) keeps only
// about 7 of its 16 digits at this distance, and decisions that compare E(U)s
// of close actors would depend on rounding.
TEST(BdmCore, CloseActorsKeepTheDigitsOfTheirExpectedUtilities) {
  const double d = 1e-9;
  const Actors a{{0, d}, {2, 1}, {0.6, 0.3}};
  const Settings s;  // eq31, own perspective, Q = 1
  auto relative = [](double got, double want) { return std::abs(got - want) / std::abs(want); };
  const auto first = dyad_tables(a, 1.0, s, false);
  EXPECT_LT(relative(first.p[0 * 2 + 1], 0.8), 1e-12);
  EXPECT_LT(relative(first.eu[0 * 2 + 1], 1.76 * d), 1e-12);
  EXPECT_LT(relative(first.eu[1 * 2 + 0], 0.08 * d), 1e-12);
  const auto second = dyad_tables(a, 1.0, s, true);
  EXPECT_LT(relative(second.risk[0], 2.0), 1e-12);
  EXPECT_LT(relative(second.risk[1], 0.5), 1e-12);
  EXPECT_LT(relative(second.eu[0 * 2 + 1], 1.76 * d - d * d), 1e-12);
  const double root2 = std::sqrt(2.0);
  const double gain_s = 2 * root2 * d / (1 + std::sqrt(1 - d));
  const double gain_f = -2 * root2 * d / (1 + std::sqrt(1 + d));
  EXPECT_LT(relative(second.eu[1 * 2 + 0], 0.52 * gain_s + 0.48 * gain_f), 1e-12);
}

TEST(BdmCore, RevisitFlagsOscillation) {
  EXPECT_EQ(first_revisit({7, 8.4, 9.6, 9.9, 9.9}, 1e-9), -1);
  EXPECT_EQ(first_revisit({7, 8.4, 7, 9}, 1e-9), 2);
  EXPECT_EQ(first_revisit({7, 7, 7}, 1e-9), -1);
}

}  // namespace
}  // namespace parley::bdm
