// The summaries of a round of the expected-utility model
// (docs/models/bdm.md): the weighted median and mean of the positions, the
// cycle check of the stop rule, the names of offer kinds.  The round itself
// is bdm_core.cpp.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "models/bdm.h"

namespace parley::bdm {

std::vector<int> sorted_order(const std::vector<double>& x) {
  std::vector<int> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return x[a] < x[b]; });
  return order;
}

const char* kind_name(OfferKind kind) {
  switch (kind) {
    case OfferKind::conflict:
      return "conflict";
    case OfferKind::compromise:
      return "compromise";
    case OfferKind::capitulation:
      return "capitulation";
  }
  return "?";
}

double median_position(const Actors& actors, MedianTie tie) {
  const int n = actors.size();
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  std::vector<int> order = sorted_order(actors.x);
  double total = 0;
  for (int a = 0; a < n; ++a) total += actors.c[a] * actors.s[a];
  if (total <= 0) return actors.x[order[(n - 1) / 2]];  // unweighted lower median
  double cumulative = 0;
  for (int a : order) {
    const double w = actors.c[a] * actors.s[a];
    if (w <= 0) continue;
    cumulative += w;
    const bool reached = tie == MedianTie::lower ? cumulative >= total / 2 - 1e-12 * total
                                                 : cumulative > total / 2 + 1e-12 * total;
    if (reached) return actors.x[a];
  }
  return actors.x[order.back()];
}

double weighted_mean(const Actors& actors) {
  double sum_w = 0, sum_wx = 0;
  for (int a = 0; a < actors.size(); ++a) {
    const double w = actors.c[a] * actors.s[a];
    sum_w += w;
    sum_wx += w * actors.x[a];
  }
  return sum_w > 0 ? sum_wx / sum_w : std::numeric_limits<double>::quiet_NaN();
}

int first_revisit(const std::vector<double>& medians, double tolerance) {
  for (int t = 2; t < static_cast<int>(medians.size()); ++t)
    for (int s = 0; s + 1 < t; ++s) {
      if (std::abs(medians[t] - medians[s]) > tolerance) continue;
      for (int u = s + 1; u < t; ++u)
        if (std::abs(medians[u] - medians[s]) > tolerance) return t;
    }
  return -1;
}

}  // namespace parley::bdm
