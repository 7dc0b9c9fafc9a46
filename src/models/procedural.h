// One-dimensional procedural models of EU legislation: qualified-majority
// pivots, the gridlock interval and the agenda-setter outcome
// (docs/models/procedural.md; sections cited by number).  Internal to the models;
// exposed for the oracle tests (tests/test_procedural.cpp).
#pragma once

#include <optional>
#include <span>
#include <string>

namespace parley::procedural {

// A monotone decision rule on sets of Council members (section 1).  A coalition S
// wins iff it holds at least `member_share` of the members (strictly more
// than half when `member_majority` is set) AND at least `weight_share` of the
// total voting weight.  weighted(theta) = {0, theta}; unanimity = all members;
// double_majority(a, b) = {a, b}.
struct Rule {
  enum class Kind { weighted, unanimity, double_majority };
  Kind kind = Kind::weighted;
  double weight_share = 0;       // theta, or b of double_majority
  double member_share = 0;       // a of double_majority
  bool member_majority = false;  // Nice: "plus a majority of the states"

  static Rule weighted(double theta) { return {Kind::weighted, theta, 0, false}; }
  static Rule unanimity() { return {Kind::unanimity, 1, 1, false}; }
  static Rule double_majority(double a, double b) { return {Kind::double_majority, b, a, false}; }

  // `members` in the coalition out of `total_members`, with `weight` of `total_weight`.
  bool winning(int members, int total_members, double weight, double total_weight) const;
};

// Pivots of section 2 for members with ideals x and voting weights v (> 0).
// pi_up is the largest member position m whose upper set {k : x_k >= m} wins,
// pi_down the smallest m whose lower set wins.  nullopt when no such set wins
// (only possible with no members).  O(n log n).
struct Pivots {
  double up = 0, down = 0;
};
std::optional<Pivots> pivots(std::span<const double> x, std::span<const double> v,
                             const Rule& rule);

// A closed interval [lo, hi]; empty when lo > hi.
struct Interval {
  double lo = 1, hi = 0;
  bool empty() const { return lo > hi; }
};

// Options of the agenda-setter outcome (section 3).
struct SetterOptions {
  std::optional<double> second_veto;  // x_E: the EP accepts y iff |y - x_E| <= |q - x_E|
  bool unanimity_amendment = false;   // clip to the members' Pareto interval
};

// The feasible set W(q) of section 3 as up to two closed intervals (upward and
// downward moves); the status quo itself is always available in addition.
struct WinSet {
  Interval up, down;
};
WinSet win_set(const Pivots& p, double q, double pareto_lo, double pareto_hi,
               const SetterOptions& options);

// The point of W(q) ∪ {q} closest to `target`; ties go to the point closer to q.
double closest_point(const WinSet& w, double q, double target);

// Agenda-setter outcome (section 3): closest_point(win_set(...), q, x_A); with the
// unanimity amendment the result, q included, is then clipped to the members'
// Pareto interval (needed by the section 4 oracle q = 100, x_A = 95 -> 90, where 90
// and q = 100 are equally close to the setter).
double setter_outcome(std::span<const double> x, std::span<const double> v, const Rule& rule,
                      double q, double setter, const SetterOptions& options);

// Conciliation (section 3, `cod_conciliation`): the midpoint of x_E and the
// Council pivot closest to x_E, moved to the closest point of W(q) ∪ {q}.
double conciliation_outcome(std::span<const double> x, std::span<const double> v, const Rule& rule,
                            double q, double parliament);

}  // namespace parley::procedural
