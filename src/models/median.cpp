// The weighted median and the Condorcet winner among the actors' positions
// (docs/models/median.md).  Static: one round.
#include <cmath>
#include <limits>
#include <vector>

#include "models/model_infos.h"
#include "models/spatial.h"

namespace parley {
namespace {

// Direct pairwise check of section 2 with linear loss:
// V(a, b) = sum_k w_k (|x_k - b| - |x_k - a|).  O(k^2 n) for k candidates, so
// it is used only for small issues; larger ones use the equivalent median.
double pairwise_condorcet(const std::vector<double>& x, const std::vector<double>& w,
                          spatial::MedianTie tie) {
  std::vector<double> candidates;
  for (double v : x) {
    bool seen = false;
    for (double c : candidates) seen = seen || std::fabs(c - v) <= 1e-9;
    if (!seen) candidates.push_back(v);
  }
  std::vector<double> winners;
  for (double a : candidates) {
    bool beats_all = true;
    for (double b : candidates) {
      if (a == b) continue;
      // V(a, b) >= 0 up to rounding, relative to the size of the votes (as
      // 2.1 compares weights relative to W): an absolute bound would let the
      // unit of the capabilities or of the scale decide exact ties (two
      // Condorcet winners when a prefix weight is exactly half the total).
      double v = 0, size = 0;
      for (size_t k = 0; k < x.size(); ++k) {
        const double to_a = std::fabs(x[k] - a), to_b = std::fabs(x[k] - b);
        v += w[k] * (to_b - to_a);
        size += w[k] * (to_b + to_a);
      }
      if (v < -1e-12 * size) {
        beats_all = false;
        break;
      }
    }
    if (beats_all) winners.push_back(a);
  }
  if (winners.empty()) return std::numeric_limits<double>::quiet_NaN();
  double lo = winners[0], hi = winners[0];
  for (double v : winners) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  return tie == spatial::MedianTie::upper ? hi : lo;
}

class Median final : public Model {
 public:
  Result run(const Instance& in, const Params& params, const RunContext&) const override {
    const auto rule = spatial::parse_weight(text(params, "weight"));
    const auto tie = spatial::parse_median_tie(text(params, "median_tie"));
    const bool condorcet = text(params, "method") == "condorcet";
    Result result;
    for (int i = 0; i < in.issues(); ++i) {
      std::vector<double> x, w, ones;
      for (int a : in.participants(i)) {
        x.push_back(in.position(a, i));
        w.push_back(spatial::weight_of(rule, in.capability(a, i), in.salience(a, i)));
        ones.push_back(1.0);
      }
      std::string status = "ok";
      double forecast = std::numeric_limits<double>::quiet_NaN();
      if (x.empty()) {
        status = "no_actors";
      } else {
        double total = 0;
        for (double v : w) total += v;
        if (total <= 0) {
          status = "no_weight";
          w = ones;  // section 1: the unweighted lower median
        }
        forecast = condorcet && x.size() <= 400 ? pairwise_condorcet(x, w, tie)
                                                : spatial::weighted_median(x, w, tie);
        if (condorcet && std::isnan(forecast)) status = "no_condorcet_winner";
      }
      result.forecast.push_back(forecast);
      result.status.push_back(status);
    }
    result.trajectory.push_back(spatial::make_round(in, 0, spatial::initial_positions(in)));
    return result;
  }
};

}  // namespace

ModelInfo median_model_info() {
  ModelInfo info;
  info.name = "median";
  info.summary = "weighted median / Condorcet winner among the actors' positions";
  info.spec = "docs/models/median.md";
  info.schema.specs = {
      spatial::weight_param(),
      ParamSpec::choice({.name = "median_tie",
                         .choices = {"lower", "upper", "midpoint"},
                         .fallback = "lower",
                         .doc = "when a prefix weight is exactly half the total: the lower or "
                                "upper position, or their midpoint"}),
      ParamSpec::choice({.name = "method",
                         .choices = {"median", "condorcet"},
                         .fallback = "median",
                         .doc = "median: sorted cumulative weights; condorcet: pairwise votes "
                                "with linear loss (same answer in 1-D)"}),
  };
  info.make = [] { return std::make_unique<Median>(); };
  return info;
}

}  // namespace parley
