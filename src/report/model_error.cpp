#include "report/model_error.h"

#include <cmath>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "report/model_view.h"
#include "report/read.h"

namespace parley::report {

namespace {

constexpr int kWidth = 560;
constexpr int kHeight = 220;
const char* const kSection = "Forecast with the model's error";

json quantitative(const std::string& field, const std::string& title) {
  return {{"field", field}, {"type", "quantitative"}, {"title", title}};
}

// The calibration block of the run document, else of the mc document.
const json* calibration_of(const Documents& documents) {
  if (const json* c = member(documents.frame, "calibration")) return c;
  return documents.mc.is_object() ? member(documents.mc, "calibration") : nullptr;
}

Plot new_plot(const std::vector<Plot>& plots, std::string title, std::string caption) {
  Plot plot;
  plot.id = fmt::format("plot-{}", plots.size() + 1);
  plot.section = kSection;
  plot.title = std::move(title);
  plot.caption = std::move(caption);
  return plot;
}

// One issue: spikes of the atoms' probabilities and the area of the
// continuous part's density (two y scales), the point and the 80% interval
// as rules.  O(atoms + grid).
Plot predictive_plot(const std::vector<Plot>& plots, const IssueView& issue, const json& predictive,
                     const std::string& label) {
  json atoms = json::array(), density = json::array(), markers = json::array();
  const json* list = member(predictive, "atoms");
  if (list && list->is_array())
    for (const json& atom : *list)
      atoms.push_back(
          {{"value", number(atom, "value")}, {"probability", number(atom, "probability")}});
  const json* grid = member(predictive, "density");
  const json* xs = grid ? member(*grid, "x") : nullptr;
  const json* ys = grid ? member(*grid, "y") : nullptr;
  if (xs && ys && xs->is_array() && ys->is_array())
    for (std::size_t k = 0; k < xs->size() && k < ys->size(); ++k)
      density.push_back({{"value", number(&(*xs)[k])}, {"density", number(&(*ys)[k])}});
  const json* interval = member(predictive, "interval");
  const double lo = interval ? number(*interval, "lo") : NAN;
  const double hi = interval ? number(*interval, "hi") : NAN;
  const double point = number(predictive, "point");
  markers.push_back({{"marker", "point forecast"}, {"value", point}});
  markers.push_back({{"marker", "80% interval"}, {"value", lo}});
  markers.push_back({{"marker", "80% interval"}, {"value", hi}});

  json x = quantitative("value", "position on the issue scale");
  if (issue.has_scale) x["scale"] = {{"domain", {issue.lo, issue.hi}}};
  json area = {{"data", {{"values", density}}},
               {"mark", {{"type", "area"}, {"opacity", 0.35}, {"color", "#4c78a8"}}},
               {"encoding",
                {{"x", x}, {"y", quantitative("density", "density (continuous part, per unit)")}}}};
  json spikes = {{"data", {{"values", atoms}}},
                 {"mark", {{"type", "bar"}, {"width", 3}, {"color", "#e45756"}}},
                 {"encoding",
                  {{"x", x},
                   {"y", quantitative("probability", "probability of the atom")},
                   {"tooltip", json::array({quantitative("value", "value"),
                                            quantitative("probability", "probability")})}}}};
  json rules = {
      {"data", {{"values", markers}}},
      {"mark", {{"type", "rule"}, {"strokeDash", {4, 3}}}},
      {"encoding",
       {{"x", x}, {"color", {{"field", "marker"}, {"type", "nominal"}, {"title", "reference"}}}}}};
  json spec = {{"description", "Predictive distribution: atoms as spikes, density as an area"},
               {"width", kWidth},
               {"height", kHeight},
               {"layer", json::array({area, spikes, rules})},
               {"resolve", {{"scale", {{"y", "independent"}}}}}};
  Plot plot = new_plot(
      plots, "Predictive distribution: " + issue.name,
      fmt::format("Where the outcome may land: {} forecast {}, 80% interval {} to {}; red spikes: "
                  "the chance that the outcome is exactly a stated position or the reference "
                  "point; blue area: the rest, spread around the forecast ({}).",
                  issue.name, format_value(point, 1), format_value(lo, 1), format_value(hi, 1),
                  label));
  plot.spec = std::move(spec);
  plot.columns = {"value", "probability (atom)", "kind"};
  for (const json& atom : atoms)
    plot.rows.push_back({format_value(number(atom, "value"), 1),
                         format_value(number(atom, "probability"), 3), "atom"});
  plot.rows.push_back({format_value(number(predictive, "continuous"), 3), "", "continuous share"});
  plot.rows.push_back({format_value(lo, 1) + " - " + format_value(hi, 1), "", "80% interval"});
  return plot;
}

// Nominal level against observed coverage, with the diagonal.  O(levels).
Plot reliability_plot(const std::vector<Plot>& plots, const json& calibration,
                      const std::string& label) {
  json values = json::array();
  const json* cv = member(calibration, "cv");
  const json* table = cv ? member(*cv, "reliability") : nullptr;
  Plot plot = new_plot(
      plots, "Reliability of the calibration (out of fold)",
      fmt::format("Each point: the share of held-out outcomes inside the central interval of a "
                  "nominal level. On the diagonal the intervals are as wide as they claim; below "
                  "it, too narrow; above it, too wide. The closed intervals lie above the "
                  "diagonal where atoms sit at their ends (docs/calibration.md). {}.",
                  label));
  plot.columns = {"nominal level", "coverage (PIT band)", "coverage (closed interval)"};
  if (table && table->is_array())
    for (const json& row : *table) {
      const double level = number(row, "level");
      values.push_back({{"level", level},
                        {"coverage", number(row, "coverage")},
                        {"kind", "PIT band (calibration)"}});
      values.push_back({{"level", level},
                        {"coverage", number(row, "interval_coverage")},
                        {"kind", "closed interval"}});
      values.push_back({{"level", level}, {"coverage", level}, {"kind", "diagonal (ideal)"}});
      plot.rows.push_back({format_value(level, 1), format_value(number(row, "coverage"), 3),
                           format_value(number(row, "interval_coverage"), 3)});
    }
  json x = quantitative("level", "nominal level");
  x["scale"] = {{"domain", {0, 1}}};
  json y = quantitative("coverage", "observed coverage");
  y["scale"] = {{"domain", {0, 1}}};
  plot.spec = {{"description", "Reliability diagram"},
               {"width", 360},
               {"height", 360},
               {"data", {{"values", values}}},
               {"mark", {{"type", "line"}, {"point", true}}},
               {"encoding",
                {{"x", x},
                 {"y", y},
                 {"color", {{"field", "kind"}, {"type", "nominal"}, {"title", "coverage"}}},
                 {"tooltip", json::array({x, y})}}}};
  return plot;
}

}  // namespace

std::string mc_model_error_words(const json& mc) {
  const json* calibration = mc.is_object() ? member(mc, "calibration") : nullptr;
  return calibration ? " (" + escape(text(*calibration, "label")) + ")" : "";
}

void add_model_error_plots(const Documents& documents, std::vector<Plot>& plots) {
  const json* calibration = calibration_of(documents);
  if (calibration == nullptr) return;
  const std::string label = text(*calibration, "label");
  const ResultView view = read_view(documents.frame);
  if (const json* predictive = member(documents.frame, "predictive"))
    for (const IssueView& issue : view.issues)
      if (const json* one = member(*predictive, issue.id))
        plots.push_back(predictive_plot(plots, issue, *one, label));
  plots.push_back(reliability_plot(plots, *calibration, label));
}

std::string questions_section(const Documents& documents) {
  const json* questions = member(documents.frame, "questions");
  if (questions == nullptr && documents.mc.is_object())
    questions = member(documents.mc, "questions");
  if (questions == nullptr || !questions->is_array() || questions->empty()) return "";
  std::string out =
      "<section id=\"questions\">\n<h2>The scenario's questions</h2>\n<table><thead><tr>"
      "<th>question</th><th>answer</th><th>resolves</th><th>resolution rule</th></tr></thead>"
      "<tbody>\n";
  for (const json& q : *questions) {
    const double value = number(q, "value");
    std::string answer =
        std::isfinite(value) ? format_value(value, 3) : "not answered by this model";
    const double lo = number(q, "lo"), hi = number(q, "hi");
    if (std::isfinite(lo) && std::isfinite(hi))
      answer += " (5%-95%: " + format_value(lo, 1) + " to " + format_value(hi, 1) + ")";
    if (const std::string basis = text(q, "basis"); !basis.empty()) answer += "; " + basis;
    out += "<tr><td><strong>" + escape(text(q, "id")) + "</strong>: " + escape(text(q, "text")) +
           "</td><td>" + escape(answer) + "</td><td>" + escape(text(q, "date")) + "</td><td>" +
           escape(text(q, "rule")) + "</td></tr>\n";
  }
  return out + "</tbody></table>\n</section>\n";
}

}  // namespace parley::report
