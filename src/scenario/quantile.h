// scenario/quantile.h - the one quantile of sorted data the core uses, and
// the partial order that is all it needs.
//
// Hyndman and Fan's type 7 (R's default): linear interpolation between the
// order statistics at h = (n - 1) p.  Ensembles (quantiles of draws, fan
// charts) and backtests (median absolute error, bootstrap intervals) share it,
// so that a quantile means the same number everywhere.
//
// Thread-safety: a pure function.
#pragma once

#include <cstddef>
#include <span>
#include <utility>
#include <vector>

namespace parley {

// `sorted` ascending; p in [0, 1].  NaN for empty data.  O(1).  It reads
// only the places quantile_ranks(sorted.size(), p) names, so data put in
// order at those places (place_ranks) serve as well as data fully sorted.
double quantile_sorted(std::span<const double> sorted, double p);

// The places quantile_sorted(sorted, p) reads, for n > 0: floor((n - 1) p)
// and the next one (the same at the top).  O(1).
std::pair<std::size_t, std::size_t> quantile_ranks(std::size_t n, double p);

// Reorders `values` (no NaN) so that values[r] is the value a full ascending
// sort puts there, for every r in `ranks` (any order, repeats allowed,
// each < values.size()).  The rest is left in some order.  Selection
// instead of a sort: O(D log R) expected for D values and R ranks, where a
// sort costs O(D log D); an ensemble's summary takes a handful of quantiles
// of every issue's draws.
void place_ranks(std::span<double> values, std::vector<std::size_t> ranks);

}  // namespace parley
