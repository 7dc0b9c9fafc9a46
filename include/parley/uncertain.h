// parley/uncertain.h - a number the analyst knows only as a distribution.
//
// Any numeric input of a scenario may be a plain value or one of
//   {tri: [low, mode, high]}, {normal: [mean, sd]}, {uniform: [low, high]}.
// A deterministic run uses nominal(): the value, the mode, the mean, or the
// midpoint.  Ensembles draw from it with sample().
//
// Thread-safety: a value type; const methods are safe from any thread.
#pragma once

#include <string>

namespace parley {

class Node;

class Uncertain {
 public:
  enum class Kind { fixed, tri, normal, uniform };

  Uncertain() = default;
  Uncertain(double value) : kind_(Kind::fixed), a_(value) {}  // NOLINT: implicit on purpose
  static Uncertain triangular(double low, double mode, double high);
  static Uncertain normal(double mean, double sd);
  static Uncertain uniform(double low, double high);

  Kind kind() const { return kind_; }
  bool is_fixed() const { return kind_ == Kind::fixed; }
  double nominal() const;
  // Parameters as written: fixed (v), tri (low, mode, high), normal (mean, sd),
  // uniform (low, high).
  double a() const { return a_; }
  double b() const { return b_; }
  double c() const { return c_; }
  // Smallest and largest value a draw can take (normal: +-infinity).
  double lowest() const;
  double highest() const;

  // Inverse-CDF draw from a uniform variate u in (0, 1).  A normal is
  // truncated to [lo, hi] (pass +-inf for none): the draw is the inverse
  // CDF of the truncated distribution, so one u always gives one value.
  double quantile(double u, double lo, double hi) const;

  // Multiplies every parameter by k > 0 and adds d: maps a value given on
  // one scale to another (e.g. salience 0-1 to 0-100).
  Uncertain affine(double k, double d) const;

  std::string describe() const;  // "7", "tri(1, 2, 3)", ...

 private:
  Kind kind_ = Kind::fixed;
  double a_ = 0, b_ = 0, c_ = 0;
};

// The distribution forms of a scenario document, read the same way in every
// section.  is_distribution(): a map whose only key is tri, normal or
// uniform.  read_distribution() requires it and reads the numbers, failing at
// the node (file, line, column) when there are not as many as the form needs
// or they are out of order (tri: low <= mode <= high; normal: sd >= 0;
// uniform: low <= high).
bool is_distribution(const Node& node);
Uncertain read_distribution(const Node& node);

}  // namespace parley
