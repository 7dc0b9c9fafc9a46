// scenario/quantile.h - the one quantile of sorted data the core uses.
//
// Hyndman and Fan's type 7 (R's default): linear interpolation between the
// order statistics at h = (n - 1) p.  Ensembles (quantiles of draws, fan
// charts) and backtests (median absolute error, bootstrap intervals) share it,
// so that a quantile means the same number everywhere.
//
// Thread-safety: a pure function.
#pragma once

#include <span>

namespace parley {

// `sorted` ascending; p in [0, 1].  NaN for empty data.  O(1).
double quantile_sorted(std::span<const double> sorted, double p);

}  // namespace parley
