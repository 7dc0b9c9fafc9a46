// The plots of the report: one Vega-Lite specification per view, with its
// data inlined and the same data kept as a table (docs/report.md lists the
// keys each plot reads).  A plot is built only when its data are present.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "parley/error.h"
#include "report/documents.h"
#include "report/model_view.h"
#include "report/models_say.h"
#include "report/read.h"
#include "report/report.h"

namespace parley::report {

namespace {

constexpr int kWidth = 560;
constexpr int kHeight = 300;

// A table column: the data field, its header, and decimals for numbers.
struct Column {
  std::string field;
  std::string label;
  int digits = 2;
};

class PlotList {
 public:
  // Adds a plot whose table shows `columns` of `values` (the spec's data).
  void add(std::string section, std::string title, std::string caption, json spec,
           const json& values, const std::vector<Column>& columns) {
    Plot plot;
    plot.id = fmt::format("plot-{}", plots_.size() + 1);
    plot.section = std::move(section);
    plot.title = std::move(title);
    plot.caption = std::move(caption);
    plot.spec = std::move(spec);
    for (const Column& column : columns) plot.columns.push_back(column.label);
    for (const json& value : values) {
      std::vector<std::string> row;
      for (const Column& column : columns) {
        const json* cell = member(value, column.field);
        row.push_back(cell != nullptr && cell->is_number()
                          ? format_value(cell->get<double>(), column.digits)
                          : text(cell));
      }
      plot.rows.push_back(std::move(row));
    }
    plots_.push_back(std::move(plot));
  }
  std::vector<Plot> take() { return std::move(plots_); }

 private:
  std::vector<Plot> plots_;
};

json quantitative(const std::string& field, const std::string& title) {
  return {{"field", field}, {"type", "quantitative"}, {"title", title}};
}

json nominal(const std::string& field, const std::string& title) {
  return {{"field", field}, {"type", "nominal"}, {"title", title}};
}

json base_spec(const std::string& description) {
  return {{"description", description}, {"width", kWidth}, {"height", kHeight}};
}

double finite_or(double value, double fallback) { return std::isfinite(value) ? value : fallback; }

// Vertical reference lines (forecast, status quo, quantiles) with labels.
json marker_layers(const json& markers, const std::string& x_title) {
  json rule = {{"data", {{"values", markers}}},
               {"mark", {{"type", "rule"}, {"strokeDash", {4, 3}}, {"strokeWidth", 1.5}}},
               {"encoding",
                {{"x", quantitative("value", x_title)},
                 {"color",
                  {{"field", "marker"},
                   {"type", "nominal"},
                   {"title", "reference"},
                   {"scale", {{"scheme", "dark2"}}}}},
                 {"tooltip",
                  json::array({nominal("marker", "reference"), quantitative("value", "value")})}}}};
  return json::array({rule});
}

// --- actor map --------------------------------------------------------------

void add_actor_maps(const ResultView& view, PlotList& plots) {
  for (const IssueView& issue : view.issues) {
    json values = json::array();
    for (const ActorView& actor : view.actors) {
      auto position = actor.position.find(issue.id);
      if (position == actor.position.end()) continue;
      auto salience = actor.salience.find(issue.id);
      const double capability = actor.capability_on(issue.id);
      values.push_back({{"actor", actor.name},
                        {"position", position->second},
                        {"salience", salience != actor.salience.end() ? salience->second : 0.0},
                        {"capability", finite_or(capability, 1.0)}});
    }
    if (values.empty()) continue;
    json markers = json::array();
    if (issue.has_forecast) markers.push_back({{"marker", "forecast"}, {"value", issue.forecast}});
    if (issue.has_status_quo) {
      markers.push_back({{"marker", "status quo"}, {"value", issue.status_quo}});
    }
    json x = quantitative("position", "position on the issue scale");
    if (issue.has_scale) x["scale"] = {{"domain", {issue.lo, issue.hi}}};
    json y = quantitative("salience", "salience (0-100)");
    y["scale"] = {{"domain", {0, 100}}};
    json size = quantitative("capability", "capability");
    size["scale"] = {{"zero", true}, {"range", {20, 1600}}};
    json tooltip = json::array({nominal("actor", "actor"), quantitative("position", "position"),
                                quantitative("salience", "salience"),
                                quantitative("capability", "capability")});
    json points = {{"mark",
                    {{"type", "circle"},
                     {"opacity", 0.6},
                     {"stroke", "#333333"},
                     {"strokeWidth", 0.5},
                     {"color", "#4c78a8"}}},
                   {"encoding", {{"x", x}, {"y", y}, {"size", size}, {"tooltip", tooltip}}}};
    json labels = {{"mark", {{"type", "text"}, {"dy", -14}, {"fontSize", 11}}},
                   {"encoding", {{"x", x}, {"y", y}, {"text", {{"field", "actor"}}}}}};
    json spec = base_spec("Actor map: position against salience, bubble area = capability");
    spec["data"] = {{"values", values}};
    json layers = json::array({points, labels});
    if (!markers.empty()) {
      for (json& layer : marker_layers(markers, "position on the issue scale"))
        layers.push_back(layer);
    }
    spec["layer"] = layers;
    std::string caption =
        "Each bubble is an actor: left-right is the position it takes on the issue scale, height "
        "is how much the issue matters to it, area is its capability.";
    if (issue.has_forecast) caption += " The dashed lines mark the forecast and the status quo.";
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
  for (const json& count : *counts) total += finite_or(number(&count), 0);
  if (total <= 0) return;
  json values = json::array();
  for (std::size_t b = 0; b < counts->size(); ++b) {
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
  if (issue.has_scale) x["scale"] = {{"domain", {issue.lo, issue.hi}}};
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
            "Bars: the share of ensemble draws whose forecast fell in each range. Dashed lines: "
            "the quantiles (half of the draws lie below the 50% line).",
            spec, values,
            {{"from", "from", 2}, {"to", "to", 2}, {"count", "draws", 0}, {"share", "share", 3}});
}

void add_regions(const IssueView& issue, const json& summary, PlotList& plots) {
  const json* regions = member(summary, "regions");
  if (regions == nullptr || !regions->is_array() || regions->empty()) return;
  json values = json::array();
  for (const json& region : *regions) {
    const double p = number(region, "probability");
    const std::string name = region_label(region);
    if (std::isfinite(p) && !name.empty()) values.push_back({{"range", name}, {"probability", p}});
  }
  if (values.empty()) return;
  json spec = base_spec("Probability of named ranges of the outcome");
  spec["height"] = std::max<int>(60, 28 * static_cast<int>(values.size()));
  spec["data"] = {{"values", values}};
  json x = {{"field", "probability"},
            {"type", "quantitative"},
            {"title", "probability"},
            {"scale", {{"domain", {0, 1}}}},
            {"axis", {{"format", ".0%"}}}};
  json y = {{"field", "range"}, {"type", "nominal"}, {"title", nullptr}, {"sort", nullptr}};
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

// --- sensitivity ------------------------------------------------------------------

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

void add_tornado(const std::vector<json>& sensitivity, const ResultView& view, PlotList& plots) {
  for (const auto& [issue, base, entries] : by_issue(sensitivity, "oat", "bars")) {
    json values = json::array();
    for (const json* entry : entries) {
      const double low = number(*entry, "low");
      const double high = number(*entry, "high");
      if (!std::isfinite(low) || !std::isfinite(high)) continue;
      values.push_back({{"input", input_name(*entry)},
                        {"low", low},
                        {"high", high},
                        {"swing", std::fabs(high - low)}});
    }
    if (values.empty()) continue;
    std::stable_sort(values.begin(), values.end(), [](const json& a, const json& b) {
      return a["swing"].get<double>() > b["swing"].get<double>();
    });
    const std::size_t inputs = values.size();
    if (inputs > kMaxBars) values.erase(values.begin() + kMaxBars, values.end());
    json y = {{"field", "input"}, {"type", "nominal"}, {"title", nullptr}, {"sort", nullptr}};
    json spec = base_spec("Tornado: the forecast at the low and high value of each input");
    spec["height"] = std::max<int>(60, 26 * static_cast<int>(values.size()));
    spec["data"] = {{"values", values}};
    json layers = json::array(
        {{{"mark", {{"type", "bar"}, {"color", "#f58518"}}},
          {"encoding",
           {{"y", y},
            {"x",
             {{"field", "low"},
              {"type", "quantitative"},
              {"title", "forecast"},
              {"scale", {{"zero", false}}}}},
            {"x2", {{"field", "high"}}},
            {"tooltip", json::array({nominal("input", "input"), quantitative("low", "at low input"),
                                     quantitative("high", "at high input")})}}}}});
    if (std::isfinite(base)) {
      layers.push_back(
          {{"data", {{"values", json::array({{{"marker", "base"}, {"value", base}}})}}},
           {"mark", {{"type", "rule"}, {"color", "#333333"}}},
           {"encoding", {{"x", quantitative("value", "forecast")}}}});
    }
    spec["layer"] = layers;
    plots.add("What drives the forecast", "Tornado" + issue_suffix(view, issue),
              "Each bar spans the forecast obtained with one input at its low and at its high "
              "value, the others at their nominal values; the longest bars matter most." +
                  shown_of(values.size(), inputs),
              spec, values,
              {{"input", "input"},
               {"low", "forecast at low"},
               {"high", "forecast at high"},
               {"swing", "swing"}});
  }
}

void add_sobol(const std::vector<json>& sensitivity, const ResultView& view, PlotList& plots) {
  for (const auto& [issue, base, entries] : by_issue(sensitivity, "sobol", "indices")) {
    std::vector<std::pair<double, json>> ordered;
    for (const json* entry : entries) {
      const double first = number(*entry, "first");
      const double total = number(*entry, "total");
      if (!std::isfinite(first) && !std::isfinite(total)) continue;
      json row = {{"input", input_name(*entry)}};
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
    json values = json::array();
    for (const auto& [key, row] : ordered) {
      table.push_back(row);
      if (row.contains("first")) {
        values.push_back(
            {{"input", row["input"]}, {"index", "first order"}, {"value", row["first"]}});
      }
      if (row.contains("total")) {
        values.push_back({{"input", row["input"]}, {"index", "total"}, {"value", row["total"]}});
      }
    }
    json spec = base_spec("Sobol indices: the share of the forecast's variance due to each input");
    spec["height"] = std::max<int>(60, 30 * static_cast<int>(ordered.size()));
    spec["data"] = {{"values", values}};
    spec["mark"] = {{"type", "bar"}};
    spec["encoding"] = {
        {"y", {{"field", "input"}, {"type", "nominal"}, {"title", nullptr}, {"sort", nullptr}}},
        {"x",
         {{"field", "value"},
          {"type", "quantitative"},
          {"title", "share of variance"},
          {"axis", {{"format", ".0%"}}}}},
        {"yOffset", {{"field", "index"}}},
        {"color", nominal("index", "index")},
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

// --- war layer ---------------------------------------------------------------------

// A result table as column names and rows of cells.
struct TableView {
  std::vector<std::string> columns;
  const json* rows = nullptr;
  int column(std::initializer_list<const char*> names) const {
    for (const char* name : names) {
      for (std::size_t c = 0; c < columns.size(); ++c) {
        if (columns[c] == name) return static_cast<int>(c);
      }
    }
    return -1;
  }
  // The first of `names` whose cells are numbers (the war layer's "month"
  // may be a label such as "2026-03", its "period" the number).
  int numeric_column(std::initializer_list<const char*> names) const {
    for (const char* name : names) {
      const int c = column({name});
      if (c >= 0 && !rows->empty() && std::isfinite(number(cell(rows->front(), c)))) return c;
    }
    return -1;
  }
  const json* cell(const json& row, int c) const {
    if (c < 0 || !row.is_array() || static_cast<std::size_t>(c) >= row.size()) return nullptr;
    return &row[static_cast<std::size_t>(c)];
  }
};

bool read_table(const json& result, const std::string& name, TableView& out) {
  const json* tables = member(result, "tables");
  if (tables == nullptr || !tables->is_array()) return false;
  for (const json& table : *tables) {
    if (text(table, "name") != name) continue;
    const json* columns = member(table, "columns");
    const json* rows = member(table, "rows");
    if (columns == nullptr || rows == nullptr || !columns->is_array() || !rows->is_array()) {
      return false;
    }
    for (const json& column : *columns) out.columns.push_back(text(&column));
    out.rows = rows;
    return true;
  }
  return false;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

void add_ceasefire(const json& result, PlotList& plots) {
  TableView table;
  if (!read_table(result, "periods", table)) return;
  const int time = table.numeric_column({"month", "period", "t", "step"});
  if (time < 0) return;
  std::vector<int> series;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const std::string& name = table.columns[c];
    const bool interval = ends_with(name, "_lo") || ends_with(name, "_hi") ||
                          ends_with(name, "_low") || ends_with(name, "_high");
    if (!interval &&
        (name.find("ceasefire") != std::string::npos || name.find("peace") != std::string::npos)) {
      series.push_back(static_cast<int>(c));
    }
  }
  json values = json::array();
  for (const json& row : *table.rows) {
    const double t = number(table.cell(row, time));
    if (!std::isfinite(t)) continue;
    for (int c : series) {
      const double p = number(table.cell(row, c));
      if (std::isfinite(p)) {
        values.push_back({{"month", t},
                          {"series", table.columns[static_cast<std::size_t>(c)]},
                          {"probability", p}});
      }
    }
  }
  if (values.empty()) return;
  json spec = base_spec("Probability of a ceasefire by month");
  spec["data"] = {{"values", values}};
  spec["mark"] = {{"type", "line"}, {"point", true}};
  spec["encoding"] = {
      {"x",
       {{"field", "month"},
        {"type", "quantitative"},
        {"title", table.columns[time]},
        {"axis", {{"tickMinStep", 1}, {"format", "d"}}}}},
      {"y",
       {{"field", "probability"},
        {"type", "quantitative"},
        {"title", "probability"},
        {"scale", {{"domain", {0, 1}}}},
        {"axis", {{"format", ".0%"}}}}},
      {"color", nominal("series", "measure")},
      {"tooltip", json::array({nominal("series", "measure"), quantitative("month", "month"),
                               quantitative("probability", "probability")})}};
  plots.add("War and ceasefire", "Ceasefire probability by month",
            "Probabilities by month from the war layer's periods table: every column named for "
            "a ceasefire or peace (for the war model: a ceasefire reached by then, a ceasefire "
            "in force, peace).",
            spec, values,
            {{"month", "month", 0}, {"series", "measure"}, {"probability", "probability", 3}});
}

void add_blockers(const json& result, const ResultView& view, PlotList& plots) {
  TableView table;
  if (!read_table(result, "blockers", table)) return;
  int label = table.column({"actor", "player", "veto_player", "name", "id"});
  int gap = -1;
  for (std::size_t c = 0; c < table.columns.size() && gap < 0; ++c) {
    if (table.columns[c].find("gap") != std::string::npos) gap = static_cast<int>(c);
  }
  if (label < 0 || gap < 0) return;
  const int time = table.numeric_column({"month", "period", "t", "step"});
  json values = json::array();
  for (const json& row : *table.rows) {
    const double g = number(table.cell(row, gap));
    const std::string who = text(table.cell(row, label));
    if (!std::isfinite(g) || who.empty()) continue;
    json value = {{"actor", view.actor_name(who)}, {"gap", g}};
    if (time >= 0) value["month"] = number(table.cell(row, time));
    values.push_back(value);
  }
  if (values.empty()) return;
  std::set<std::string> actors;
  for (const json& value : values) actors.insert(value["actor"].get<std::string>());
  const bool over_time = time >= 0 && values.size() > actors.size();
  json spec = base_spec("Bargaining gap per veto player");
  spec["data"] = {{"values", values}};
  std::vector<Column> columns;
  if (over_time) {
    spec["mark"] = {{"type", "line"}, {"point", true}};
    spec["encoding"] = {
        {"x", {{"field", "month"}, {"type", "quantitative"}, {"title", table.columns[time]}}},
        {"y", quantitative("gap", table.columns[gap])},
        {"color", nominal("actor", "veto player")},
        {"tooltip", json::array({nominal("actor", "veto player"), quantitative("month", "month"),
                                 quantitative("gap", "gap")})}};
    columns = {{"month", "month", 0}, {"actor", "veto player"}, {"gap", "gap", 3}};
  } else {
    spec["height"] = std::max<int>(60, 28 * static_cast<int>(values.size()));
    json y = {{"field", "actor"}, {"type", "nominal"}, {"title", nullptr}, {"sort", "-x"}};
    spec["layer"] = json::array(
        {{{"mark", {{"type", "bar"}}},
          {"encoding",
           {{"y", y},
            {"x", quantitative("gap", table.columns[gap])},
            {"color",
             {{"condition", {{"test", "datum.gap > 0"}, {"value", "#e45756"}}},
              {"value", "#54a24b"}}},
            {"tooltip",
             json::array({nominal("actor", "veto player"), quantitative("gap", "gap")})}}}},
         {{"data", {{"values", json::array({{{"zero", 0}}})}}},
          {"mark", {{"type", "rule"}, {"color", "#333333"}}},
          {"encoding", {{"x", quantitative("zero", table.columns[gap])}}}}});
    columns = {{"actor", "veto player"}, {"gap", "gap", 3}};
    if (time >= 0) columns.insert(columns.begin(), {"month", "month", 0});
  }
  plots.add("War and ceasefire", "Bargaining gap per veto player",
            "How far the best package on the table falls short of what each veto player needs "
            "to accept it (above zero: this player blocks the deal).",
            spec, values, columns);
}

}  // namespace

std::vector<Plot> build_plots(const Documents& documents) {
  const json& result = documents.frame;
  const ResultView view = read_view(result);
  PlotList plots;
  add_actor_maps(view, plots);
  add_trajectories(result, view, plots);
  add_ensemble(documents.mc, view, plots);
  add_tornado(documents.sensitivity, view, plots);
  add_sobol(documents.sensitivity, view, plots);
  add_ceasefire(result, plots);
  add_blockers(result, view, plots);
  std::vector<Plot> out = plots.take();
  for (Plot& plot : models_say_plots(documents.compare, out.size() + 1))
    out.push_back(std::move(plot));
  return out;
}

std::vector<Plot> build_plots(const json& document) { return build_plots(gather({document})); }

}  // namespace parley::report
