// Predictive distributions in result documents (docs/result-format.md,
// "predictive"; docs/calibration.md, "In run, mc and report"): the
// calibration a run or an ensemble includes, and per issue the point, its
// 80% interval and enough of the distribution to plot it.
#include <cmath>

#include <fmt/format.h>

#include "io/output_writers.h"
#include "io/text_table.h"

namespace parley::output {

namespace v = parley::validation;

namespace {

constexpr double kLevel = 0.8;       // the interval every command shows
constexpr int kDensityPoints = 101;  // grid of the density, ends included

Json interval_json(const v::PredictiveDistribution& d, double level) {
  const auto [lo, hi] = d.interval(level);
  return {{"level", level}, {"lo", number(lo)}, {"hi", number(hi)}};
}

}  // namespace

std::string calibrated_on(const v::Calibration& c) {
  return fmt::format("{} ({} issues)", c.data.file, c.data.scored);
}

std::string model_error_label(const v::Calibration& c) {
  return "includes model error, calibrated on " + calibrated_on(c);
}

Json calibration_used(const v::Calibration& c) {
  Json cv = {{"n", c.cv.n}, {"mae", number(c.cv.mae)}};
  detail::add_distribution_scores(cv, c.cv);
  return {{"model", c.model},
          {"label", model_error_label(c)},
          {"data",
           {{"file", c.data.file},
            {"sha256", c.data.sha256},
            {"issues", c.data.issues},
            {"scored", c.data.scored}}},
          {"capabilities", c.capabilities},
          {"cv", std::move(cv)}};
}

Json predictive_json(const v::PredictiveDistribution& d, double point) {
  Json atoms = Json::array();
  for (const auto& atom : d.atoms())
    atoms.push_back({{"value", number(atom.value)}, {"probability", number(atom.probability)}});
  Json x = Json::array(), y = Json::array();
  for (int k = 0; k < kDensityPoints; ++k) {  // O(points)
    const double at = d.lo() + (d.hi() - d.lo()) * k / (kDensityPoints - 1);
    x.push_back(number(at));
    y.push_back(number(d.density(at)));
  }
  Json quantiles = Json::array();
  for (double p : {0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95})
    quantiles.push_back({{"p", p}, {"value", number(d.quantile(p))}});
  return {{"point", number(point)},
          {"interval", interval_json(d, kLevel)},
          {"mean", number(d.mean())},
          {"quantiles", std::move(quantiles)},
          {"atoms", std::move(atoms)},
          {"continuous", number(d.continuous_weight())},
          {"density", {{"x", std::move(x)}, {"y", std::move(y)}}}};
}

void add_predictive(Json& document, const Instance& instance, const Result& result,
                    const v::Calibration& c) {
  Json issues = Json::object();
  for (size_t i = 0; i < result.issue_ids.size() && i < result.forecast.size(); ++i) {
    const double f = result.forecast[i];
    if (!std::isfinite(f)) continue;
    try {
      const auto d = v::predictive(c.fitted, v::issue_evidence(instance, static_cast<int>(i), f));
      issues[result.issue_ids[i]] = predictive_json(d, f);
    } catch (const std::invalid_argument&) {
      // nobody takes part in the issue: no distribution to show
    }
  }
  document["calibration"] = calibration_used(c);
  document["predictive"] = std::move(issues);
}

namespace detail {

std::string interval_text(const Json& document, const std::string& issue) {
  const Json* predictive = document.contains("predictive") ? &document["predictive"] : nullptr;
  if (!predictive || !predictive->contains(issue)) return "-";
  const Json& interval = (*predictive)[issue]["interval"];
  return io::fixed(num(interval, "lo"), 1) + " - " + io::fixed(num(interval, "hi"), 1);
}

std::string model_error_note(const Json& document) {
  if (!document.contains("calibration")) return "";
  return "80% interval: " + str(document["calibration"], "label") + "\n";
}

}  // namespace detail

}  // namespace parley::output
