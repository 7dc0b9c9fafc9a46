// Asymmetric Nash bargaining solution with the status quo as disagreement point
// (docs/models/nbs.md; sections cited by number).  Static: one round.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "models/model_infos.h"
#include "models/spatial.h"
#include "models/status_notes.h"

namespace parley {
namespace {

struct Party {
  double x;  // ideal point
  double w;  // bargaining weight
};

// g(x) of section 3 with salience factored out: d/dx of sum w ln(|q-x_i|^rho - |x-x_i|^rho).
// `side` = -1 / +1 picks the left / right derivative at a kink.  O(n).
double slope(const std::vector<Party>& parties, double q, double rho, double x, int side) {
  double g = 0;
  for (const Party& p : parties) {
    const double d = x - p.x;
    const double ad = std::fabs(d);
    const double gain = std::pow(std::fabs(q - p.x), rho) - std::pow(ad, rho);
    double sign = d > 0 ? 1.0 : d < 0 ? -1.0 : static_cast<double>(side);
    const double du = -rho * (rho == 1.0 ? 1.0 : std::pow(ad, rho - 1)) * sign;
    g += p.w * du / gain;
  }
  return g;
}

struct Outcome {
  double value;
  std::string status;
};

Outcome solve(const std::vector<Party>& parties, double q, double rho, double scale) {
  bool above = false, below = false;
  for (const Party& p : parties) {
    if (std::fabs(p.x - q) <= 1e-9 * scale) return {q, "empty_feasible_set"};
    (p.x > q ? above : below) = true;
  }
  if (above && below) return {q, "empty_feasible_set"};
  // Feasible set F (section 2): between q and the nearest reflection 2 x_i - q.
  double lo = q, hi = q;
  if (above) {
    hi = std::numeric_limits<double>::infinity();
    for (const Party& p : parties) hi = std::min(hi, 2 * p.x - q);
  } else {
    lo = -std::numeric_limits<double>::infinity();
    for (const Party& p : parties) lo = std::max(lo, 2 * p.x - q);
  }
  const double shrink = 1e-12 * scale;
  double a = lo + shrink, b = hi - shrink;
  // g is non-increasing on F: bisection, 200 iterations or a 1e-10 bracket.
  for (int it = 0; it < 200 && b - a > 1e-10 * std::max(1.0, scale / 100); ++it) {
    const double mid = 0.5 * (a + b);
    (slope(parties, q, rho, mid, 0) > 0 ? a : b) = mid;
  }
  double x = 0.5 * (a + b);
  // With rho = 1 the maximiser may sit on a kink: snap to an ideal point where
  // g changes sign across it (section 3).
  for (const Party& p : parties)
    if (std::fabs(x - p.x) < 1e-7 * std::max(1.0, scale) && p.x > lo && p.x < hi &&
        slope(parties, q, rho, p.x, -1) >= 0 && slope(parties, q, rho, p.x, +1) <= 0)
      x = p.x;
  return {x, "ok"};
}

class Nbs final : public Model {
 public:
  Result run(const Instance& in, const Params& params, const RunContext&) const override {
    const double rho = number(params, "rho");
    const std::string weight = text(params, "weight");
    const auto rule = spatial::parse_weight(weight);
    const bool mean_if_missing = text(params, "missing_q") == "weighted_mean";
    Result result;
    for (int i = 0; i < in.issues(); ++i) {
      const IssueFrame& frame = in.frames[static_cast<size_t>(i)];
      std::vector<Party> parties;
      std::vector<double> x, cs;
      for (int a : in.participants(i)) {
        x.push_back(in.position(a, i));
        cs.push_back(in.capability(a, i) * in.salience(a, i));
        // Actors with s = 0 are indifferent and excluded (section 1).
        const double w = spatial::weight_of(rule, in.capability(a, i), in.salience(a, i));
        if (in.salience(a, i) > 0 && w > 0) parties.push_back({in.position(a, i), w});
      }
      Outcome out{std::numeric_limits<double>::quiet_NaN(), "no_actors"};
      if (!frame.status_quo) {
        out = {mean_if_missing ? spatial::weighted_mean(x, cs)
                               : std::numeric_limits<double>::quiet_NaN(),
               "no_reference_point"};
      } else if (parties.empty()) {
        out = {*frame.status_quo, x.empty() ? "no_actors" : "no_weight"};
      } else {
        out = solve(parties, *frame.status_quo, rho, frame.hi - frame.lo);
      }
      result.forecast.push_back(out.value);
      result.status.push_back(out.status);
    }
    std::vector<std::string> ids;
    for (const IssueFrame& frame : in.frames) ids.push_back(frame.id);
    add_status_notes(result.status, ids, advice(), result.notes);
    result.trajectory.push_back(spatial::make_round(in, 0, spatial::initial_positions(in)));
    return result;
  }

 private:
  // What each status word asks the scenario for (3.1-3.3).
  static const StatusAdvice& advice() {
    static const StatusAdvice words = {
        {"no_reference_point",
         "add issues[].status_quo (the disagreement point), or --set missing_q=weighted_mean"},
        {"no_actors", "no actor has a position: add actors[].position.ISSUE"},
        {"no_weight",
         "no actor with a position has salience and bargaining weight above 0: add "
         "actors[].salience.ISSUE"},
        {"empty_feasible_set",
         "no outcome is better than the status quo for every party: check issues[].status_quo, "
         "or set actors[].salience.ISSUE to 0 for parties not needed"},
    };
    return words;
  }
};

}  // namespace

ModelInfo nbs_model_info() {
  ModelInfo info;
  info.name = "nbs";
  info.summary = "asymmetric Nash bargaining solution, status quo as disagreement point";
  info.spec = "docs/models/nbs.md";
  info.schema.specs = {
      ParamSpec::number({.name = "rho",
                         .fallback = 1.0,
                         .min = 1,
                         .max = 2,
                         .doc = "loss exponent: 1 linear, 2 quadratic"}),
      ParamSpec::choice({.name = "weight",
                         .choices = {"cap", "cap_sal", "none"},
                         .fallback = "cap",
                         .doc = "bargaining weight of each actor"}),
      ParamSpec::choice({.name = "missing_q",
                         .choices = {"none", "weighted_mean"},
                         .fallback = "none",
                         .doc = "without a status quo: no forecast, or the capability x salience "
                                "weighted mean"}),
  };
  info.make = [] { return std::make_unique<Nbs>(); };
  return info;
}

}  // namespace parley
