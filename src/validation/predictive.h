// A predictive distribution for one issue: what a calibrated model says about
// where the outcome will land, on the issue's own scale (docs/calibration.md).
//
// The distribution is a mixture on the scale [lo, hi]:
//
//   F(x) = sum_k p_k 1{a_k <= x}  +  c G(x),      sum_k p_k + c = 1,
//
// atoms a_k with probabilities p_k (the stated positions and the reference
// point) and a continuous part G with weight c: a normal with centre m and
// standard deviation s truncated to the scale, or the uniform distribution on
// the scale (s = infinity).  A bare point forecast is one atom of
// probability 1.  Internally everything lives on the unit scale
// u = (x - lo) / (hi - lo); the accessors speak the issue scale.
//
// Cost: construction sorts the atoms and prepares the continuous part, O(K log
// K) for K atoms with a few calls of erfc (O(K) from atoms already sorted on
// the unit scale, assign_unit()); afterwards cdf(), quantile(), mean() and
// sample() are O(K) and crps() is O(K) with about K + 3 calls of erfc/exp,
// and none of them allocates.  quantile() evaluates the continuous part at
// every atom; sample() at most once, which is why a Monte Carlo draw samples
// instead of inverting.  assign() and assign_unit() rebuild a distribution in
// place, so that a worker that builds one per issue and draw
// (validation/predictive_workspace.h) allocates nothing once its buffers have
// grown.
//
// Thread-safety: a value; const methods may be called from many threads at
// once, assign() needs the object to itself.
#pragma once

#include <span>
#include <utility>
#include <vector>

namespace parley::validation {

// Sorts (value, weight) pairs and merges equal values into one pair that
// carries the sum of their weights, added in sorted order; in place.  The
// evidence (validation/calibration.h) and assign() both need it.  O(K^2)
// by insertion for a few dozen pairs or fewer (an issue's positions),
// O(K log K) beyond.
void sort_and_merge(std::vector<std::pair<double, double>>& pairs);

class PredictiveDistribution {
 public:
  struct Atom {
    double value = 0;        // on the issue scale
    double probability = 0;  // > 0
  };

  // The degenerate distribution of a bare point forecast x on [lo, hi].
  static PredictiveDistribution point(double x, double lo, double hi);

  // Atoms (issue scale; equal values are merged, zero probabilities dropped)
  // and the continuous part: weight `continuous`, centre `centre` (issue
  // scale, clamped to it) and standard deviation `spread` (issue scale; +inf
  // = uniform on the scale).  The atom probabilities and `continuous` must be
  // >= 0 and are normalised to sum 1 together.  Throws std::invalid_argument
  // when lo >= hi, a number is not finite where it must be, or all weights
  // are 0.
  PredictiveDistribution(double lo, double hi, std::vector<Atom> atoms, double continuous,
                         double centre, double spread);

  // Makes this the distribution the constructor above builds from the same
  // arguments, bit for bit, reusing this object's buffers.  `atoms` and
  // `scratch` are working space (the continuous part may join `atoms` as an
  // atom); with their capacities and this object's at K atoms or more, no
  // allocation happens.  Throws as the constructor; this object is then
  // unspecified until the next successful assign().  O(K log K).
  void assign(double lo, double hi, std::vector<Atom>& atoms, double continuous, double centre,
              double spread, std::vector<std::pair<double, double>>& scratch);

  // As assign(), for atoms already on the unit scale u = (x - lo) / (hi - lo)
  // and in order: `unit` holds (u, probability) pairs with u in [0, 1]
  // strictly ascending and probabilities >= 0 and finite (zeros are
  // dropped); the continuous part has weight `continuous` >= 0, centre `mu`
  // in [0, 1] and spread `sigma` on the unit scale, > 1e-12 (or +inf:
  // uniform).  Skips assign()'s conversion, clamping, sorting and merging:
  // the path of a Monte Carlo draw (validation/predictive_workspace.h).
  // Throws std::invalid_argument when lo >= hi, sigma is out of range, or
  // all weights are 0.  O(K), no allocation once this object's buffers hold
  // K atoms.
  void assign_unit(double lo, double hi, std::span<const std::pair<double, double>> unit,
                   double continuous, double mu, double sigma);

  double lo() const { return lo_; }
  double hi() const { return lo_ + width_; }
  std::vector<Atom> atoms() const;  // sorted by value, issue scale
  double continuous_weight() const { return continuous_; }
  double centre() const;  // of the continuous part (before truncation)
  double spread() const;  // of the continuous part (before truncation); +inf = uniform

  // F(x) = P(X <= x) and F(x-) = P(X < x).
  double cdf(double x) const;
  double cdf_below(double x) const;
  // Both at once for ascending points xs: below[j] = cdf_below(xs[j]) and
  // at[j] = cdf(xs[j]), bit for bit.  One sweep: the atom pointer only moves
  // forward and each point costs one evaluation of the continuous part (one
  // erfc); the atom masses below a point are still added one by one in
  // cdf()'s order, since a running total would round differently.
  // O(P + K) comparisons and O(P K) additions for P points (K is the number
  // of distinct stated positions, a handful).  Allocates nothing.
  void cdf_sweep(std::span<const double> xs, std::span<double> below, std::span<double> at) const;
  // The density of the continuous part at x, weighted by its share (per
  // unit of the issue scale; 0 outside it): with the atoms, what a plot
  // draws as an area beside the spikes.
  double density(double x) const;
  // The generalised inverse inf{x : F(x) >= p}, p in [0, 1] (0 gives the
  // lower end of the support).
  double quantile(double p) const;
  // [quantile((1 - level) / 2), quantile((1 + level) / 2)], level in (0, 1).
  std::pair<double, double> interval(double level) const;
  double mean() const;
  // A value distributed as F for a uniform u in (0, 1), by parts: u below
  // the continuous weight c gives the continuous part's G^{-1}(u / c), any
  // other u the atom at which the atoms' running mass first exceeds u - c.
  // Not monotone in u (quantile() is), but one evaluation of the continuous
  // part at most (one inverse normal, only when the continuous part is
  // picked) where inverse-CDF sampling evaluates it at every atom: a Monte
  // Carlo draw samples every issue.  O(K).
  double sample(double u) const;

  // Continuous ranked probability score of outcome y, on the issue scale:
  // int (F(x) - 1{x >= y})^2 dx = E|X - y| - E|X - X'| / 2.  A point
  // forecast scores |x - y|.
  double crps(double y) const;

 private:
  PredictiveDistribution() = default;
  void set_scale(double lo, double hi);
  // The tail of both assigns: the atoms of `unit` (sorted, distinct) with
  // positive probability, and the continuous weight, normalised to sum 1.
  void adopt(std::span<const std::pair<double, double>> unit, double continuous);
  void prepare();
  double continuous_cdf(double u) const;           // G on the unit scale
  double continuous_expected_gap(double u) const;  // E_G |X - u|
  double continuous_inverse(double v) const;       // G^{-1}(v), v in [0, 1]
  double unit_cdf(double u, bool below) const;
  double half_gini() const;  // outcome-free part of the CRPS (unit scale): E|X - X'| / 2

  double lo_ = 0, width_ = 1, inv_width_ = 1;
  std::vector<double> value_, probability_;  // atoms on the unit scale, sorted
  double continuous_ = 0;
  // The continuous part on the unit scale and its constants: standardised
  // ends a_, b_, Phi(a_), Z_ = Phi(b_) - Phi(a_), the antiderivative of Phi
  // at a_, and E[X], with the reciprocals of width, sigma and Z so that the
  // per-draw path multiplies.  uniform_ when the spread is infinite.
  bool uniform_ = false;
  double mu_ = 0.5, sigma_ = 1, inv_sigma_ = 1;
  double a_ = 0, b_ = 0, phi_a_ = 0, z_ = 1, inv_z_ = 1, int_a_ = 0, mean_ = 0.5;
};

}  // namespace parley::validation
