#include "report/models_say.h"

#include <cmath>
#include <string>

#include <fmt/format.h>

#include "report/read.h"

namespace parley::report {

namespace {

constexpr const char* kSection = "What the models say";

// The interval of `value` ([low, high] or null) as two numbers; NaN when absent.
std::pair<double, double> interval_of(const json* value) {
  if (value == nullptr || !value->is_array() || value->size() != 2) return {NAN, NAN};
  return {number(&(*value)[0]), number(&(*value)[1])};
}

json dot(const std::string& who, const std::string& kind, double forecast,
         std::pair<double, double> interval, double weight) {
  json row = {{"model", who}, {"kind", kind}, {"forecast", forecast}, {"weight", weight}};
  if (std::isfinite(interval.first)) {
    row["lo"] = interval.first;
    row["hi"] = interval.second;
  }
  return row;
}

json dot_plot_spec(const json& values, double lo, double hi) {
  json x = {{"field", "forecast"},
            {"type", "quantitative"},
            {"title", "forecast on the issue scale (bars: 80% interval)"},
            {"scale", {{"domain", {lo, hi}}}}};
  json y = {{"field", "model"}, {"type", "nominal"}, {"title", "model"}, {"sort", nullptr}};
  json color = {{"field", "kind"},
                {"type", "nominal"},
                {"title", "forecast by"},
                {"scale", {{"domain", {"model", "consensus"}}, {"range", {"#4c78a8", "#e45756"}}}}};
  json bars = {{"mark", {{"type", "rule"}, {"strokeWidth", 2}, {"opacity", 0.6}}},
               {"encoding",
                {{"x",
                  {{"field", "lo"},
                   {"type", "quantitative"},
                   {"title", "forecast on the issue scale (bars: 80% interval)"}}},
                 {"x2", {{"field", "hi"}}},
                 {"y", y},
                 {"color", color}}}};
  json dots = {
      {"mark", {{"type", "point"}, {"filled", true}, {"size", 90}}},
      {"encoding",
       {{"x", x},
        {"y", y},
        {"color", color},
        {"tooltip", json::array({{{"field", "model"}, {"type", "nominal"}, {"title", "model"}},
                                 {{"field", "forecast"},
                                  {"type", "quantitative"},
                                  {"title", "forecast"},
                                  {"format", ".2f"}},
                                 {{"field", "weight"},
                                  {"type", "quantitative"},
                                  {"title", "weight in the consensus"},
                                  {"format", ".3f"}}})}}}};
  return {{"description", "Each model's forecast with its 80% interval, and the consensus"},
          {"width", 560},
          {"height", {{"step", 22}}},
          {"data", {{"values", values}}},
          {"layer", json::array({bars, dots})}};
}

}  // namespace

std::vector<Plot> models_say_plots(const json& compare, std::size_t first_id) {
  std::vector<Plot> plots;
  const json* issues = member(compare, "issues");
  const json* models = member(compare, "models");
  if (issues == nullptr || models == nullptr || !issues->is_array() || !models->is_array())
    return plots;
  for (const json& issue : *issues) {
    const std::string id = text(issue, "issue");
    json values = json::array();
    for (const json& m : *models) {
      const json* forecast = member(m, "forecast");
      const double f = forecast ? number(*forecast, id) : NAN;
      if (!std::isfinite(f)) continue;
      const json* intervals = member(m, "interval");
      values.push_back(dot(text(m, "label"), "model", f,
                           interval_of(intervals ? member(*intervals, id) : nullptr),
                           number(m, "weight")));
    }
    const double consensus = number(issue, "consensus");
    if (std::isfinite(consensus))
      values.push_back(
          dot("consensus", "consensus", consensus, interval_of(member(issue, "interval")), 1));
    if (values.empty()) continue;
    Plot plot;
    plot.id = fmt::format("plot-{}", first_id + plots.size());
    plot.section = kSection;
    plot.title = "What the models say: " + id;
    const bool disagree = member(issue, "disagree") && issue["disagree"] == true;
    plot.caption = fmt::format(
        "A dot per model and one (red) for the consensus weighted by out-of-sample skill; the "
        "bars are 80% intervals of the calibrated models. The models are {} apart ({}).",
        format_value(number(issue, "spread"), 1),
        disagree ? "more than a quarter of the scale: they disagree"
                 : "within a quarter of the scale");
    plot.spec = dot_plot_spec(values, number(issue, "lo"), number(issue, "hi"));
    plot.columns = {"model", "forecast", "80% low", "80% high", "weight"};
    for (const json& v : values)
      plot.rows.push_back({text(v, "model"), format_value(number(v, "forecast"), 2),
                           format_value(number(v, "lo"), 2), format_value(number(v, "hi"), 2),
                           format_value(number(v, "weight"), 3)});
    plots.push_back(std::move(plot));
  }
  return plots;
}

}  // namespace parley::report
