// Shared one-dimensional spatial primitives (docs/models/compromise.md section
// 1, docs/models/median.md sections 1-2).  Internal to the models; not part of the public API.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "parley/instance.h"
#include "parley/result.h"

namespace parley::spatial {

// Which weight an actor gets in a weighted statistic (docs/models/compromise.md section 1).
enum class Weight { cap_sal, sal, cap, none };
Weight parse_weight(const std::string& name);  // "cap_sal", "sal", "cap", "none"
double weight_of(Weight rule, double capability, double salience);
// The `weight` parameter shared by the weighted baselines.
ParamSpec weight_param();

// sum w x / sum w.  Returns NaN when sum w == 0.  O(n).
double weighted_mean(std::span<const double> x, std::span<const double> w);

// Tie rules of docs/models/median.md section 1.
enum class MedianTie { lower, upper, midpoint };
MedianTie parse_median_tie(const std::string& name);

// Weighted median of median.md section 1: stable sort by position (ties keep input order),
// actors with w = 0 dropped; returns NaN when every weight is zero.  O(n log n).
double weighted_median(std::span<const double> x, std::span<const double> w,
                       MedianTie tie = MedianTie::lower);

// Condorcet winner among the distinct values of `x` under linear loss
// (median.md section 2): V(a, b) = sum_k w_k (|x_k - b| - |x_k - a|) >= 0 for all b.  Returns
// NaN when none exists (cannot happen in one dimension with w >= 0 unless all
// weights are zero).  When several win, `tie` picks lower/upper.  O(n log n)
// via the weighted median, with a direct O(n^2) check in debug builds.
double condorcet_winner(std::span<const double> x, std::span<const double> w,
                        MedianTie tie = MedianTie::lower);

// A trajectory entry: `positions` is actors x issues (row-major, NaN where an
// actor takes no part); median and mean use capability x salience weights of
// the instance (lower median).  O(n log n) per issue.
Round make_round(const Instance& instance, int round, std::vector<double> positions);
// The instance's own positions as an actors x issues matrix.
std::vector<double> initial_positions(const Instance& instance);

}  // namespace parley::spatial
