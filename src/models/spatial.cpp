#include "models/spatial.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "parley/error.h"

namespace parley::spatial {

Weight parse_weight(const std::string& name) {
  if (name == "cap_sal") return Weight::cap_sal;
  if (name == "sal") return Weight::sal;
  if (name == "cap") return Weight::cap;
  if (name == "none") return Weight::none;
  throw Error("weight: '" + name + "' is not one of: cap_sal, sal, cap, none");
}

double weight_of(Weight rule, double capability, double salience) {
  switch (rule) {
    case Weight::cap_sal:
      return capability * salience;
    case Weight::sal:
      return salience;
    case Weight::cap:
      return capability;
    case Weight::none:
      return 1.0;
  }
  return 0.0;
}

ParamSpec weight_param() {
  return ParamSpec::choice(
      {.name = "weight",
       .choices = {"cap_sal", "sal", "cap", "none"},
       .fallback = "cap_sal",
       .doc = "actor weight: capability x salience, salience, capability, or equal"});
}

MedianTie parse_median_tie(const std::string& name) {
  if (name == "lower") return MedianTie::lower;
  if (name == "upper") return MedianTie::upper;
  if (name == "midpoint") return MedianTie::midpoint;
  throw Error("median_tie: '" + name + "' is not one of: lower, upper, midpoint");
}

double weighted_mean(std::span<const double> x, std::span<const double> w) {
  double num = 0, den = 0;
  for (size_t k = 0; k < x.size(); ++k) {  // O(n)
    num += w[k] * x[k];
    den += w[k];
  }
  return den > 0 ? num / den : std::numeric_limits<double>::quiet_NaN();
}

double weighted_median(std::span<const double> x, std::span<const double> w, MedianTie tie) {
  std::vector<size_t> order;
  order.reserve(x.size());
  double total = 0;
  for (size_t k = 0; k < x.size(); ++k)
    if (w[k] > 0) {
      order.push_back(k);
      total += w[k];
    }
  if (order.empty()) return std::numeric_limits<double>::quiet_NaN();
  // Stable sort: equal positions keep input order (docs/models/median.md section 1).  O(n log n).
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return x[a] < x[b]; });
  const double half = total / 2;
  const double tol = 1e-12 * total;
  double cumulative = 0;
  double lower = std::numeric_limits<double>::quiet_NaN();
  double upper = lower;
  for (size_t k : order) {
    cumulative += w[k];
    if (std::isnan(lower) && cumulative >= half - tol) lower = x[k];
    if (cumulative > half + tol) {
      upper = x[k];
      break;
    }
  }
  if (std::isnan(upper)) upper = x[order.back()];
  switch (tie) {
    case MedianTie::lower:
      return lower;
    case MedianTie::upper:
      return upper;
    case MedianTie::midpoint:
      return 0.5 * (lower + upper);
  }
  return lower;
}

double condorcet_winner(std::span<const double> x, std::span<const double> w, MedianTie tie) {
  // In one dimension with linear loss the Condorcet winners among the actors'
  // positions are exactly the weighted medians (docs/models/median.md section 2); the
  // midpoint rule is not a candidate position, so it falls back to lower.
  return weighted_median(x, w, tie == MedianTie::midpoint ? MedianTie::lower : tie);
}

std::vector<double> initial_positions(const Instance& in) {
  std::vector<double> out(static_cast<size_t>(in.actors()) * static_cast<size_t>(in.issues()));
  for (int a = 0; a < in.actors(); ++a)
    for (int i = 0; i < in.issues(); ++i)
      out[static_cast<size_t>(a * in.issues() + i)] = in.position(a, i);
  return out;
}

Round make_round(const Instance& in, int round, std::vector<double> positions) {
  Round r;
  r.round = round;
  for (int i = 0; i < in.issues(); ++i) {
    std::vector<double> x, w;
    for (int a : in.participants(i)) {
      x.push_back(positions[static_cast<size_t>(a * in.issues() + i)]);
      w.push_back(in.capability(a, i) * in.salience(a, i));
    }
    r.mean.push_back(weighted_mean(x, w));
    r.median.push_back(weighted_median(x, w));
  }
  r.positions = std::move(positions);
  return r;
}

}  // namespace parley::spatial
