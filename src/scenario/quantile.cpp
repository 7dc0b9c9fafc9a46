#include "scenario/quantile.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace parley {

double quantile_sorted(std::span<const double> sorted, double p) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = (static_cast<double>(sorted.size()) - 1) * p;
  const auto [lower, upper] = quantile_ranks(sorted.size(), p);
  return sorted[lower] + (h - static_cast<double>(lower)) * (sorted[upper] - sorted[lower]);
}

std::pair<std::size_t, std::size_t> quantile_ranks(std::size_t n, double p) {
  const double h = (static_cast<double>(n) - 1) * p;
  const auto lower = static_cast<std::size_t>(std::floor(h));
  return {lower, std::min(lower + 1, n - 1)};
}

namespace {

// Puts the ranks [rank_first, rank_last) (ascending, distinct) of the whole
// data in place within [first, last), which holds the ranks from `offset`
// on.  The middle rank splits the range, so the depth is log R.
void place(double* first, double* last, const std::size_t* rank_first, const std::size_t* rank_last,
           std::size_t offset) {
  if (rank_first == rank_last || last - first < 2) return;
  const std::size_t* middle = rank_first + (rank_last - rank_first) / 2;
  double* nth = first + (*middle - offset);
  std::nth_element(first, nth, last);  // O(last - first) expected
  place(first, nth, rank_first, middle, offset);
  place(nth + 1, last, middle + 1, rank_last, *middle + 1);
}

}  // namespace

void place_ranks(std::span<double> values, std::vector<std::size_t> ranks) {
  std::sort(ranks.begin(), ranks.end());
  ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  place(values.data(), values.data() + values.size(), ranks.data(), ranks.data() + ranks.size(), 0);
}

}  // namespace parley
