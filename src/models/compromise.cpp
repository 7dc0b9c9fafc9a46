// The compromise model: the weighted mean of positions
// (docs/models/compromise.md).  Static: one round.
#include <cmath>
#include <vector>

#include "models/model_infos.h"
#include "models/spatial.h"

namespace parley {
namespace {

class Compromise final : public Model {
 public:
  Result run(const Instance& in, const Params& params, const RunContext&) const override {
    const auto rule = spatial::parse_weight(text(params, "weight"));
    const bool fallback = text(params, "fallback") == "unweighted";
    Result result;
    for (int i = 0; i < in.issues(); ++i) {
      std::vector<double> x, w, ones;
      for (int a : in.participants(i)) {  // O(n) per issue
        x.push_back(in.position(a, i));
        w.push_back(spatial::weight_of(rule, in.capability(a, i), in.salience(a, i)));
        ones.push_back(1.0);
      }
      double forecast = spatial::weighted_mean(x, w);
      std::string status = "ok";
      if (x.empty()) {
        status = "no_actors";
      } else if (std::isnan(forecast)) {
        status = "no_weight";
        if (fallback) forecast = spatial::weighted_mean(x, ones);
      }
      result.forecast.push_back(forecast);
      result.status.push_back(status);
    }
    result.trajectory.push_back(spatial::make_round(in, 0, spatial::initial_positions(in)));
    return result;
  }
};

}  // namespace

ModelInfo compromise_model_info() {
  ModelInfo info;
  info.name = "compromise";
  info.summary = "weighted mean of positions (capability x salience by default)";
  info.spec = "docs/models/compromise.md";
  info.schema.specs = {
      spatial::weight_param(),
      ParamSpec::choice(
          {.name = "fallback",
           .choices = {"unweighted", "none"},
           .fallback = "unweighted",
           .doc = "when every weight is zero: the unweighted mean (status no_weight), or no "
                  "forecast"}),
  };
  info.make = [] { return std::make_unique<Compromise>(); };
  return info;
}

}  // namespace parley
