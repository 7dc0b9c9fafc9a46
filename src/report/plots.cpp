// The plots of the report: one Vega-Lite specification per view, with its
// data inlined and the same data kept as a table (docs/report.md lists the
// keys each plot reads).  A plot is built only when its data are present.
#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "parley/error.h"
#include "report/documents.h"
#include "report/label_layout.h"
#include "report/model_error.h"
#include "report/model_view.h"
#include "report/models_say.h"
#include "report/plot_list.h"
#include "report/read.h"
#include "report/report.h"

namespace parley::report {

namespace {

// Vertical reference lines (forecast, status quo, quantiles) with labels.
json marker_layers(const json& markers, const std::string& x_title) {
  json rule = {{"data", {{"values", markers}}},
               {"mark", {{"type", "rule"}, {"strokeDash", {4, 3}}, {"strokeWidth", 1.5}}},
               {"encoding",
                {{"x", quantitative("value", x_title)},
                 // The legend in the markers' order (quantiles by level), not as text.
                 {"color",
                  {{"field", "marker"},
                   {"type", "nominal"},
                   {"title", "reference"},
                   {"sort", nullptr},
                   {"scale", {{"scheme", "dark2"}}},
                   {"legend", {{"labelLimit", 0}}}}},
                 {"tooltip",
                  json::array({nominal("marker", "reference"), quantitative("value", "value")})}}}};
  return json::array({rule});
}

// --- actor map --------------------------------------------------------------

// The scale of an actor map's x axis: the issue's scale, else the
// positions' range with a margin.
std::pair<double, double> map_domain(const IssueView& issue, const json& values) {
  if (issue.has_scale) return {issue.lo, issue.hi};
  double lo = HUGE_VAL, hi = -HUGE_VAL;
  for (const json& value : values) {
    lo = std::min(lo, value["position"].get<double>());
    hi = std::max(hi, value["position"].get<double>());
  }
  const double margin = hi > lo ? (hi - lo) * 0.05 : 1;
  return {lo - margin, hi + margin};
}

// Bubble area = capability: the size scale maps [0, max] onto kMapArea.
constexpr double kMapArea[2] = {20, 1600};

// Places the actors' names (report/label_layout.h) and writes where each
// goes into `values`: label_x, label_y in data units, a leader line's end.
void lay_out_names(json& values, std::pair<double, double> domain, double max_capability) {
  std::vector<Bubble> bubbles;
  const double span = domain.second - domain.first;
  for (const json& value : values) {
    Bubble bubble;
    bubble.x = (value["position"].get<double>() - domain.first) / span * kPlotWidth;
    bubble.y = kPlotHeight - value["salience"].get<double>() / 100 * kPlotHeight;
    const double area = kMapArea[0] + value["capability"].get<double>() / max_capability *
                                          (kMapArea[1] - kMapArea[0]);
    bubble.radius = std::sqrt(area / std::numbers::pi);
    bubble.width = estimated_label_width(value["actor"].get<std::string>());
    bubbles.push_back(bubble);
  }
  const std::vector<LabelPlacement> placed = place_labels(bubbles, kPlotWidth, kPlotHeight);
  auto to_x = [&](double px) { return domain.first + px / kPlotWidth * span; };
  auto to_y = [&](double py) { return (kPlotHeight - py) / kPlotHeight * 100; };
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (!placed[k].placed) continue;
    values[k]["label_x"] = to_x(placed[k].x);
    values[k]["label_y"] = to_y(placed[k].y);
    if (placed[k].leader) {
      values[k]["leader_x"] = to_x(placed[k].leader_x);
      values[k]["leader_y"] = to_y(placed[k].leader_y);
    }
  }
}

// The layers of an actor map: leader lines, bubbles, names.
json actor_map_layers(const json& x_scale, double max_capability) {
  json x = quantitative("position", "position on the issue scale");
  x["scale"] = x_scale;
  json y = quantitative("salience", "salience (0-100)");
  y["scale"] = {{"domain", {0, 100}}, {"nice", false}};
  json size = quantitative("capability", "capability");
  size["scale"] = {{"domain", {0, max_capability}}, {"range", {kMapArea[0], kMapArea[1]}}};
  size["legend"] = {{"orient", "right"}};
  json tooltip =
      json::array({nominal("actor", "actor"), quantitative("position", "position"),
                   quantitative("salience", "salience"), quantitative("capability", "capability")});
  json leaders = {
      {"transform", json::array({{{"filter", "isValid(datum.leader_x)"}}})},
      {"mark", {{"type", "rule"}, {"color", "#888888"}, {"strokeWidth", 0.8}}},
      {"encoding",
       {{"x", x}, {"y", y}, {"x2", {{"field", "leader_x"}}}, {"y2", {{"field", "leader_y"}}}}}};
  json points = {{"mark",
                  {{"type", "circle"},
                   {"opacity", 0.6},
                   {"stroke", "#333333"},
                   {"strokeWidth", 0.5},
                   {"color", "#4c78a8"}}},
                 {"encoding", {{"x", x}, {"y", y}, {"size", size}, {"tooltip", tooltip}}}};
  json label_x = quantitative("label_x", "position on the issue scale");
  label_x["scale"] = x_scale;
  json label_y = quantitative("label_y", "salience (0-100)");
  label_y["scale"] = y["scale"];
  json labels = {{"name", "actor_labels"},
                 {"transform", json::array({{{"filter", "isValid(datum.label_x)"}}})},
                 {"mark",
                  {{"type", "text"},
                   {"fontSize", 11},
                   {"baseline", "middle"},
                   {"align", "center"},
                   {"limit", 0}}},
                 {"encoding", {{"x", label_x}, {"y", label_y}, {"text", {{"field", "actor"}}}}}};
  return json::array({leaders, points, labels});
}

void add_actor_maps(const ResultView& view, PlotList& plots) {
  for (const IssueView& issue : view.issues) {
    json values = json::array();
    double max_capability = 0;
    for (const ActorView& actor : view.actors) {
      auto position = actor.position.find(issue.id);
      if (position == actor.position.end()) continue;
      auto salience = actor.salience.find(issue.id);
      const double capability = std::max(0.0, finite_or(actor.capability_on(issue.id), 1.0));
      max_capability = std::max(max_capability, capability);
      values.push_back(
          {{"actor", actor.name},
           {"position", position->second},
           {"salience",
            std::clamp(salience != actor.salience.end() ? salience->second : 0.0, 0.0, 100.0)},
           {"capability", capability}});
    }
    if (values.empty()) continue;
    if (max_capability <= 0) max_capability = 1;
    const auto domain = map_domain(issue, values);
    lay_out_names(values, domain, max_capability);
    std::size_t hidden = 0;
    for (const json& value : values) hidden += value.contains("label_x") ? 0 : 1;
    json markers = json::array();
    if (issue.has_forecast) markers.push_back({{"marker", "forecast"}, {"value", issue.forecast}});
    if (issue.has_status_quo) {
      markers.push_back({{"marker", "status quo"}, {"value", issue.status_quo}});
    }
    const json x_scale = {{"domain", {domain.first, domain.second}}, {"nice", false}};
    json spec = base_spec("Actor map: position against salience, bubble area = capability");
    spec["data"] = {{"values", values}};
    json layers = actor_map_layers(x_scale, max_capability);
    if (!markers.empty()) {
      for (json& layer : marker_layers(markers, "position on the issue scale")) {
        layer["encoding"]["x"]["scale"] = x_scale;
        layers.push_back(layer);
      }
    }
    spec["layer"] = layers;
    std::string caption =
        "Each bubble is an actor: left-right is the position it takes on the issue scale, height "
        "is how much the issue matters to it, area is its capability.";
    if (issue.has_forecast) caption += " The dashed lines mark the forecast and the status quo.";
    if (hidden > 0) {
      caption += fmt::format(
          " {} name{} did not fit beside {} bubble{}: rest the pointer on a bubble to see it, or "
          "open the table.",
          hidden, hidden == 1 ? "" : "s", hidden == 1 ? "its" : "their", hidden == 1 ? "" : "s");
    }
    plots.add("Who stands where", fmt::format("Actor map: {}", issue.name), caption, spec, values,
              {{"actor", "actor"},
               {"position", "position", 1},
               {"salience", "salience", 1},
               {"capability", "capability", 1}});
  }
}

// --- trajectories -------------------------------------------------------------

void add_trajectories(const json& result, const ResultView& view, PlotList& plots) {
  const json* trajectory = member(result, "trajectory");
  if (trajectory == nullptr || !trajectory->is_array() || trajectory->size() < 2) return;
  for (const IssueView& issue : view.issues) {
    json values = json::array();
    json table = json::array();
    for (const json& round : *trajectory) {
      const double r = number(round, "round");
      if (!std::isfinite(r)) continue;
      if (const json* positions = member(round, "positions"); positions && positions->is_object()) {
        // Actors in the result's order, so colours and rows are stable.
        for (const ActorView& actor : view.actors) {
          const double p =
              number(member(*positions, actor.id) ? (*positions)[actor.id] : json(), issue.id);
          if (std::isfinite(p)) {
            values.push_back({{"round", r}, {"series", actor.name}, {"position", p}});
          }
        }
      }
      const double median = number(member(round, "median") ? round["median"] : json(), issue.id);
      if (std::isfinite(median)) {
        values.push_back({{"round", r}, {"series", "weighted median"}, {"position", median}});
      }
    }
    if (values.empty()) continue;
    json y = quantitative("position", "position");
    if (issue.has_scale) y["scale"] = {{"domain", {issue.lo, issue.hi}}};
    json spec = base_spec("Positions by round");
    spec["data"] = {{"values", values}};
    spec["mark"] = {{"type", "line"}, {"point", true}};
    spec["encoding"] = {
        {"x",
         {{"field", "round"},
          {"type", "quantitative"},
          {"title", "round"},
          {"axis", {{"tickMinStep", 1}, {"format", "d"}}}}},
        {"y", y},
        {"color", nominal("series", "actor")},
        {"tooltip", json::array({nominal("series", "actor"), quantitative("round", "round"),
                                 quantitative("position", "position")})}};
    plots.add("How positions move", fmt::format("Positions by round: {}", issue.name),
              "Each line follows one actor's position from round to round; the weighted median "
              "(when the model reports it) shows where the centre of gravity moves.",
              spec, values, {{"round", "round", 0}, {"series", "actor"}, {"position", "position"}});
  }
}

// --- ensemble: distributions, regions, fan charts -----------------------------

std::string percent_label(double percent) { return format_value(percent, 1) + "%"; }

void add_distribution(const IssueView& issue, const json& summary, PlotList& plots) {
  const json* histogram = member(summary, "histogram");
  const json* edges = histogram ? member(*histogram, "edges") : nullptr;
  const json* counts = histogram ? member(*histogram, "counts") : nullptr;
  if (edges == nullptr || counts == nullptr || !edges->is_array() || !counts->is_array() ||
      edges->size() != counts->size() + 1 || counts->empty()) {
    return;
  }
  double total = 0;
  std::size_t first = counts->size(), last = 0;  // the bins holding draws
  for (std::size_t b = 0; b < counts->size(); ++b) {
    const double count = finite_or(number(&(*counts)[b]), 0);
    total += count;
    if (count > 0) {
      first = std::min(first, b);
      last = b;
    }
  }
  if (total <= 0) return;
  // Draws that fill less than 60% of the scale: the plot and its table show
  // their bins and one empty bin either side, not the whole scale.
  const double occupied = number(&(*edges)[last + 1]) - number(&(*edges)[first]);
  const bool zoom =
      issue.has_scale && std::isfinite(occupied) && occupied < 0.6 * (issue.hi - issue.lo);
  const std::size_t from = zoom && first > 0 ? first - 1 : 0;
  const std::size_t to = zoom ? std::min(counts->size() - 1, last + 1) : counts->size() - 1;
  json values = json::array();
  for (std::size_t b = from; b <= to; ++b) {
    const double count = finite_or(number(&(*counts)[b]), 0);
    values.push_back({{"from", number(&(*edges)[b])},
                      {"to", number(&(*edges)[b + 1])},
                      {"count", count},
                      {"share", count / total}});
  }
  json markers = json::array();
  for (const auto& [p, v] : quantiles_of(member(summary, "quantiles"))) {
    markers.push_back({{"marker", "quantile " + percent_label(p)}, {"value", v}});
  }
  json x = quantitative("from", "outcome on the issue scale");
  if (zoom) {
    x["scale"] = {{"domain", {number(&(*edges)[from]), number(&(*edges)[to + 1])}},
                  {"nice", false}};
  } else if (issue.has_scale) {
    x["scale"] = {{"domain", {issue.lo, issue.hi}}};
  }
  // Bins of unequal width are drawn as rectangles from edge to edge.
  json bars = {{"mark",
                {{"type", "rect"},
                 {"color", "#4c78a8"},
                 {"opacity", 0.8},
                 {"stroke", "#ffffff"},
                 {"strokeWidth", 0.5}}},
               {"encoding",
                {{"x", x},
                 {"x2", {{"field", "to"}}},
                 {"y",
                  {{"field", "share"},
                   {"type", "quantitative"},
                   {"title", "share of draws"},
                   {"axis", {{"format", ".0%"}}}}},
                 {"y2", {{"datum", 0}}},
                 {"tooltip", json::array({quantitative("from", "from"), quantitative("to", "to"),
                                          quantitative("count", "draws")})}}}};
  json spec = base_spec("Forecast distribution over the ensemble draws");
  spec["data"] = {{"values", values}};
  json layers = json::array({bars});
  if (!markers.empty()) {
    for (json& layer : marker_layers(markers, "outcome on the issue scale"))
      layers.push_back(layer);
  }
  spec["layer"] = layers;
  plots.add("How sure the forecast is", fmt::format("Forecast distribution: {}", issue.name),
            std::string("Bars: the share of ensemble draws whose forecast fell in each range. "
                        "Dashed lines: the quantiles (half of the draws lie below the 50% line).") +
                (zoom ? " The axis spans the range the draws fell in, not the whole scale." : ""),
            spec, values,
            {{"from", "from", 2}, {"to", "to", 2}, {"count", "draws", 0}, {"share", "share", 3}});
}

void add_regions(const IssueView& issue, const json& summary, PlotList& plots) {
  const json* regions = member(summary, "regions");
  if (regions == nullptr || !regions->is_array() || regions->empty()) return;
  json values = json::array();
  for (const json* region : regions_in_scale_order(regions)) {
    const double p = number(*region, "probability");
    const std::string name = region_label(*region);
    if (std::isfinite(p) && !name.empty())
      values.push_back({{"range", wrap_words(name)}, {"probability", p}});
  }
  if (values.empty()) return;
  json spec = base_spec("Probability of named ranges of the outcome");
  spec["height"] = banded_height(values, "range", 28);
  spec["data"] = {{"values", values}};
  json x = {{"field", "probability"},
            {"type", "quantitative"},
            {"title", "probability"},
            {"scale", {{"domain", {0, 1}}}},
            {"axis", {{"format", ".0%"}}}};
  json y = wrapped_axis("range");
  spec["layer"] = json::array(
      {{{"mark", {{"type", "bar"}, {"color", "#72b7b2"}}},
        {"encoding",
         {{"x", x}, {"y", y}, {"tooltip", json::array({nominal("range", "range"), x})}}}},
       {{"mark", {{"type", "text"}, {"align", "left"}, {"dx", 4}}},
        {"encoding",
         {{"x", x},
          {"y", y},
          {"text", {{"field", "probability"}, {"type", "quantitative"}, {"format", ".0%"}}}}}}});
  plots.add("How sure the forecast is", fmt::format("Probability of named ranges: {}", issue.name),
            "The share of ensemble draws whose forecast fell in each named range of the issue "
            "scale.",
            spec, values, {{"range", "range"}, {"probability", "probability", 3}});
}

void add_fan_chart(const IssueView& issue, const json& summary, PlotList& plots) {
  const json* fan = member(summary, "fan");
  const json* rounds = fan ? member(*fan, "median") : nullptr;
  if (rounds == nullptr || !rounds->is_array() || rounds->size() < 2) return;
  // Bands from symmetric quantile pairs; the median as a line.
  const std::vector<std::pair<double, double>> pairs = {{5, 95}, {10, 90}, {25, 75}};
  std::set<std::pair<double, double>> present(pairs.begin(), pairs.end());
  json values = json::array();
  bool median_seen = false;
  for (const json& round : *rounds) {
    const double r = number(round, "round");
    if (!std::isfinite(r)) continue;
    json row = {{"round", r}};
    std::map<double, double> q;
    for (const auto& [p, v] : quantiles_of(member(round, "quantiles"))) q[p] = v;
    for (const auto& [p, v] : q) row[fmt::format("q{}", format_value(p, 1))] = v;
    if (q.count(50) != 0) median_seen = true;
    for (const auto& pair : pairs) {
      if (q.count(pair.first) == 0 || q.count(pair.second) == 0) present.erase(pair);
    }
    values.push_back(row);
  }
  if (values.size() < 2 || (present.empty() && !median_seen)) return;
  json round_axis = quantitative("round", "round");
  round_axis["axis"] = {{"tickMinStep", 1}, {"format", "d"}};
  json layers = json::array();
  std::vector<Column> columns = {{"round", "round", 0}};
  double opacity = 0.2;
  for (const auto& [lo, hi] : pairs) {
    if (present.count({lo, hi}) == 0) continue;
    const std::string lo_field = fmt::format("q{}", format_value(lo, 1));
    const std::string hi_field = fmt::format("q{}", format_value(hi, 1));
    json y = quantitative(lo_field, "position");
    if (issue.has_scale) y["scale"] = {{"domain", {issue.lo, issue.hi}}};
    layers.push_back({{"mark", {{"type", "area"}, {"opacity", opacity}, {"color", "#4c78a8"}}},
                      {"encoding", {{"x", round_axis}, {"y", y}, {"y2", {{"field", hi_field}}}}}});
    opacity += 0.15;
    columns.push_back({lo_field, percent_label(lo), 2});
    columns.push_back({hi_field, percent_label(hi), 2});
  }
  if (median_seen) {
    json y = quantitative("q50", "position");
    if (issue.has_scale) y["scale"] = {{"domain", {issue.lo, issue.hi}}};
    layers.push_back({{"mark", {{"type", "line"}, {"color", "#1f3b57"}, {"point", true}}},
                      {"encoding",
                       {{"x", round_axis},
                        {"y", y},
                        {"tooltip", json::array({quantitative("round", "round"),
                                                 quantitative("q50", "median")})}}}});
    columns.push_back({"q50", "median", 2});
  }
  json spec = base_spec("Fan chart: quantiles of the position by round over the ensemble");
  spec["data"] = {{"values", values}};
  spec["layer"] = layers;
  plots.add("How sure the forecast is", fmt::format("Fan chart: {}", issue.name),
            "The line is the median outcome by round across the ensemble draws; the shaded bands "
            "hold the middle 50% and 90% (or 80%) of the draws.",
            spec, values, columns);
}

void add_ensemble(const json& mc, const ResultView& view, PlotList& plots) {
  for (const IssueView& issue : view.issues) {
    const json* summary = mc_issue(mc, issue.id);
    if (summary == nullptr || !summary->is_object()) continue;
    add_distribution(issue, *summary, plots);
    add_regions(issue, *summary, plots);
    add_fan_chart(issue, *summary, plots);
  }
}

}  // namespace

std::vector<Plot> build_plots(const Documents& documents) {
  const json& result = documents.frame;
  const ResultView view = read_view(result);
  PlotList plots;
  add_actor_maps(view, plots);
  add_trajectories(result, view, plots);
  add_ensemble(documents.mc, view, plots);
  add_sensitivity_plots(documents.sensitivity, view, plots);
  add_war_plots(result, view, plots);
  std::vector<Plot> out = plots.take();
  add_model_error_plots(documents, out);  // report/model_error.h
  for (Plot& plot : models_say_plots(documents.compare, out.size() + 1))
    out.push_back(std::move(plot));
  return out;
}

std::vector<Plot> build_plots(const json& document) { return build_plots(gather({document})); }

}  // namespace parley::report
