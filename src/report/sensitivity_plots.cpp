// The sensitivity plots of the report: the tornado (one-at-a-time swings,
// coloured by the direction of the effect) and the Sobol indices, per issue,
// with inputs named as people read them ("Hungary & Slovakia: capability on
// Zaporizhzhia") rather than by their scenario path.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "report/documents.h"
#include "report/model_view.h"
#include "report/plot_list.h"
#include "report/read.h"

namespace parley::report {

namespace {

std::string input_name(const json& entry) { return text(entry, "label"); }

// One issue of the sensitivity documents of one method: its entries (`bars`
// of a tornado, `indices` of a Sobol analysis) and the nominal forecast.
struct IssueEntries {
  std::string issue;
  double base = NAN;
  std::vector<const json*> entries;
};

// The entries of every document of `method`, per issue in first-seen order.
std::vector<IssueEntries> by_issue(const std::vector<json>& documents, const char* method,
                                   const char* list) {
  std::vector<IssueEntries> groups;
  for (const json& document : documents) {
    const json* issues = member(document, "issues");
    if (text(document, "method") != method || issues == nullptr || !issues->is_array()) continue;
    for (const json& issue : *issues) {
      const json* entries = member(issue, list);
      if (entries == nullptr || !entries->is_array()) continue;
      const std::string id = text(issue, "issue");
      auto it = std::find_if(groups.begin(), groups.end(),
                             [&](const auto& group) { return group.issue == id; });
      if (it == groups.end()) {
        groups.push_back({id, number(issue, "base"), {}});
        it = groups.end() - 1;
      }
      for (const json& entry : *entries)
        if (!input_name(entry).empty()) it->entries.push_back(&entry);
    }
  }
  return groups;
}

// Tornado and Sobol plots show the most influential inputs only.
constexpr std::size_t kMaxBars = 15;

std::string shown_of(std::size_t shown, std::size_t inputs) {
  if (shown == inputs) return "";
  return fmt::format(" The {} most influential of {} inputs are shown.", shown, inputs);
}

std::string issue_suffix(const ResultView& view, const std::string& issue) {
  if (issue.empty()) return "";
  const IssueView* found = view.issue(issue);
  return ": " + (found ? found->name : issue);
}

// "raises", "lowers" or "does not move": what raising the input does to the
// forecast (a swing below a millionth of the forecast's size is none).
std::string direction(double low, double high) {
  const double tolerance = 1e-6 * std::max({1.0, std::fabs(low), std::fabs(high)});
  if (high - low > tolerance) return "raises the forecast";
  if (low - high > tolerance) return "lowers the forecast";
  return "does not move it";
}

// Human titles that stay distinct: a title two inputs share gets the label.
void name_inputs(json& values, const ResultView& view) {
  std::map<std::string, int> seen;
  for (json& value : values) {
    value["input"] = wrap_words(view.input_title(value["label"].get<std::string>()));
    ++seen[value["input"].get<std::string>()];
  }
  for (json& value : values) {
    if (seen[value["input"].get<std::string>()] > 1)
      value["input"] =
          value["input"].get<std::string>() + " (" + value["label"].get<std::string>() + ")";
  }
}

// An axis of input names: whole names, wrapped, never cut.
json input_axis() { return wrapped_axis("input"); }

void add_tornado(const std::vector<json>& sensitivity, const ResultView& view, PlotList& plots) {
  for (const auto& [issue, base, entries] : by_issue(sensitivity, "oat", "bars")) {
    json values = json::array();
    for (const json* entry : entries) {
      const double low = number(*entry, "low");
      const double high = number(*entry, "high");
      if (!std::isfinite(low) || !std::isfinite(high)) continue;
      values.push_back({{"label", input_name(*entry)},
                        {"low", low},
                        {"high", high},
                        {"swing", std::fabs(high - low)},
                        {"effect", direction(low, high)}});
    }
    if (values.empty()) continue;
    std::stable_sort(values.begin(), values.end(), [](const json& a, const json& b) {
      return a["swing"].get<double>() > b["swing"].get<double>();
    });
    const std::size_t inputs = values.size();
    // Inputs that do not move the forecast are counted, not drawn.
    const auto still = std::find_if(values.begin(), values.end(), [](const json& value) {
      return value["effect"] == "does not move it";
    });
    const auto unmoved = static_cast<std::size_t>(values.end() - still);
    if (unmoved < inputs) values.erase(still, values.end());
    if (values.size() > kMaxBars) values.erase(values.begin() + kMaxBars, values.end());
    name_inputs(values, view);
    json spec = base_spec("Tornado: the forecast at the low and high value of each input");
    spec["height"] = banded_height(values, "input", 26);
    spec["data"] = {{"values", values}};
    json colour = {{"field", "effect"},
                   {"type", "nominal"},
                   {"title", "raising the input"},
                   {"scale",
                    {{"domain", {"raises the forecast", "lowers the forecast", "does not move it"}},
                     {"range", {"#e45756", "#4c78a8", "#9d9d9d"}}}},
                   {"legend", {{"orient", "bottom"}, {"labelLimit", 0}}}};
    json layers = json::array(
        {{{"mark", {{"type", "bar"}}},
          {"encoding",
           {{"y", input_axis()},
            {"x",
             {{"field", "low"},
              {"type", "quantitative"},
              {"title", "forecast on the issue scale"},
              {"scale", {{"zero", false}}}}},
            {"x2", {{"field", "high"}}},
            {"color", colour},
            {"tooltip", json::array({nominal("input", "input"), nominal("label", "scenario path"),
                                     quantitative("low", "forecast at the low input"),
                                     quantitative("high", "forecast at the high input"),
                                     nominal("effect", "raising the input")})}}}}});
    if (std::isfinite(base)) {
      layers.push_back(
          {{"data", {{"values", json::array({{{"marker", "base"}, {"value", base}}})}}},
           {"mark", {{"type", "rule"}, {"color", "#333333"}}},
           {"encoding", {{"x", quantitative("value", "forecast on the issue scale")}}}});
    }
    spec["layer"] = layers;
    plots.add("What drives the forecast", "Tornado" + issue_suffix(view, issue),
              "Each bar spans the forecast obtained with one input at its low and at its high "
              "value, the others at their nominal values; the longest bars matter most. Red: "
              "raising the input raises the forecast; blue: it lowers it. The black line is "
              "the forecast with every input at its nominal value." +
                  shown_of(values.size(), inputs) +
                  (unmoved > 0 && unmoved < inputs
                       ? fmt::format(" {} of the inputs do not move this forecast.", unmoved)
                       : ""),
              spec, values,
              {{"input", "input"},
               {"low", "forecast at low"},
               {"high", "forecast at high"},
               {"swing", "swing"},
               {"effect", "raising the input"}});
  }
}

void add_sobol(const std::vector<json>& sensitivity, const ResultView& view, PlotList& plots) {
  for (const auto& [issue, base, entries] : by_issue(sensitivity, "sobol", "indices")) {
    std::vector<std::pair<double, json>> ordered;
    for (const json* entry : entries) {
      const double first = number(*entry, "first");
      const double total = number(*entry, "total");
      if (!std::isfinite(first) && !std::isfinite(total)) continue;
      json row = {{"label", input_name(*entry)}};
      if (std::isfinite(first)) row["first"] = first;
      if (std::isfinite(total)) row["total"] = total;
      ordered.emplace_back(std::isfinite(total) ? total : first, row);
    }
    if (ordered.empty()) continue;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    const std::size_t inputs = ordered.size();
    if (inputs > kMaxBars) ordered.erase(ordered.begin() + kMaxBars, ordered.end());
    json table = json::array();
    for (const auto& [key, row] : ordered) table.push_back(row);
    name_inputs(table, view);
    json values = json::array();
    for (const json& row : table) {
      if (row.contains("first")) {
        values.push_back(
            {{"input", row["input"]}, {"index", "first order"}, {"value", row["first"]}});
      }
      if (row.contains("total")) {
        values.push_back({{"input", row["input"]}, {"index", "total"}, {"value", row["total"]}});
      }
    }
    json spec = base_spec("Sobol indices: the share of the forecast's variance due to each input");
    spec["height"] = banded_height(table, "input", 30);
    spec["data"] = {{"values", values}};
    spec["mark"] = {{"type", "bar"}};
    spec["encoding"] = {
        {"y", input_axis()},
        {"x",
         {{"field", "value"},
          {"type", "quantitative"},
          {"title", "share of variance"},
          {"axis", {{"format", ".0%"}}}}},
        {"yOffset", {{"field", "index"}}},
        {"color",
         {{"field", "index"},
          {"type", "nominal"},
          {"title", "index"},
          {"legend", {{"orient", "bottom"}}}}},
        {"tooltip", json::array({nominal("input", "input"), nominal("index", "index"),
                                 quantitative("value", "value")})}};
    plots.add("What drives the forecast", "Sobol indices" + issue_suffix(view, issue),
              "First order: the share of the forecast's variance that one input explains alone. "
              "Total: including its interactions with the other inputs." +
                  shown_of(ordered.size(), inputs),
              spec, table,
              {{"input", "input"}, {"first", "first order", 3}, {"total", "total", 3}});
  }
}

}  // namespace

void add_sensitivity_plots(const std::vector<json>& sensitivity, const ResultView& view,
                           PlotList& plots) {
  add_tornado(sensitivity, view, plots);
  add_sobol(sensitivity, view, plots);
}

}  // namespace parley::report
