// The HTML page: summary, plots, tables, reproduction details.  Everything is
// written in one pass into a string; the page's only scripts are the
// embedded Vega bundles and a few lines that hand each spec to vega-embed.
#include "report/report.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "io/output.h"
#include "parley/error.h"
#include "parley/version.h"
#include "report/assets.h"
#include "report/documents.h"
#include "report/model_error.h"
#include "report/model_view.h"
#include "report/read.h"
#include "report/war_report.h"

namespace parley::report {

namespace {

// Tables longer than this are cut in the page (the JSON has them whole).
constexpr std::size_t kMaxTableRows = 400;

// JSON inside <script type="application/json">: "<" may only occur inside
// strings, where "\u003c" means the same and cannot close the element.
std::string script_json(const json& value) {
  const std::string dumped = value.dump();
  std::string out;
  out.reserve(dumped.size());
  for (char c : dumped) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

// A column id that may wrap after its underscores ("p_blocked_commitment").
std::string breakable(const std::string& id) {
  std::string out;
  for (char c : escape(id)) {
    out += c;
    if (c == '_') out += "<wbr>";
  }
  return out;
}

std::string html_table(const std::vector<std::string>& columns,
                       const std::vector<std::vector<std::string>>& rows,
                       const std::string& caption) {
  std::string out = "<div class=\"table-wrap\"><table>";
  if (!caption.empty()) out += "<caption>" + escape(caption) + "</caption>";
  out += "<thead><tr>";
  for (const std::string& column : columns)
    out += "<th scope=\"col\">" + breakable(column) + "</th>";
  out += "</tr></thead><tbody>\n";
  const std::size_t shown = std::min(rows.size(), kMaxTableRows);
  for (std::size_t r = 0; r < shown; ++r) {
    out += "<tr>";
    for (const std::string& cell : rows[r]) out += "<td>" + escape(cell) + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody></table></div>\n";
  if (rows.size() > shown) {
    out += fmt::format(
        "<p class=\"note\">The first {} of {} rows are shown; the result file has "
        "all of them.</p>\n",
        shown, rows.size());
  }
  return out;
}

// --- the summary in plain words ----------------------------------------------------

// The scale anchor nearest to `value`, as " (closest anchor: 50, meaning)".
std::string nearest_anchor(const IssueView& issue, double value) {
  if (issue.anchors.empty()) return "";
  auto best = issue.anchors.begin();
  for (auto it = issue.anchors.begin(); it != issue.anchors.end(); ++it) {
    if (std::fabs(it->first - value) < std::fabs(best->first - value)) best = it;
  }
  return fmt::format(", nearest the scale's anchor {} &ldquo;{}&rdquo;",
                     format_value(best->first, 1), escape(best->second));
}

// Actors whose capability x salience is largest on the issue: "A (40%), B (25%)".
std::string heaviest_actors(const ResultView& view, const IssueView& issue) {
  std::vector<std::pair<double, std::string>> weights;
  double total = 0;
  for (const ActorView& actor : view.actors) {
    auto position = actor.position.find(issue.id);
    auto salience = actor.salience.find(issue.id);
    const double capability = actor.capability_on(issue.id);
    if (position == actor.position.end() || salience == actor.salience.end() ||
        !std::isfinite(capability)) {
      continue;
    }
    const double weight = capability * salience->second;
    if (weight <= 0) continue;
    weights.emplace_back(weight, actor.name);
    total += weight;
  }
  if (weights.empty() || total <= 0) return "";
  std::stable_sort(weights.begin(), weights.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string out;
  for (std::size_t k = 0; k < weights.size() && k < 3; ++k) {
    if (k > 0) out += ", ";
    out +=
        fmt::format("{} ({})", escape(weights[k].second), format_percent(weights[k].first / total));
  }
  return out;
}

std::string uncertainty_words(double width, const IssueView& issue) {
  const double range = issue.has_scale ? issue.hi - issue.lo : 100;
  const double share = width / range;
  if (share < 0.1) return "a narrow range: the forecast is fairly certain";
  if (share < 0.3) return "a moderate range";
  return "a wide range: the forecast is very uncertain";
}

// The 5%, 50% and 95% quantiles of an mc issue summary (NaN when absent).
struct Spread {
  double q5 = NAN, q50 = NAN, q95 = NAN;
};

Spread spread_of(const json* summary) {
  Spread out;
  for (const auto& [p, value] : quantiles_of(summary ? member(*summary, "quantiles") : nullptr)) {
    if (p == 5) out.q5 = value;
    if (p == 50) out.q50 = value;
    if (p == 95) out.q95 = value;
  }
  return out;
}

// The forecast of `issue` with every input at its nominal value, from a
// tornado (`base`); NaN when none gives it.
double tornado_base(const std::vector<json>& sensitivity, const std::string& issue) {
  for (const json& document : sensitivity) {
    const json* issues = member(document, "issues");
    if (issues == nullptr || !issues->is_array()) continue;
    for (const json& entry : *issues) {
      if (text(entry, "issue") == issue && std::isfinite(number(entry, "base")))
        return number(entry, "base");
    }
  }
  return NAN;
}

// The forecast sentence: the run's forecast, else the ensemble's median,
// else the tornado's nominal forecast.
std::string forecast_sentence(const IssueView& issue, const Spread& spread, double base) {
  const std::string scale =
      issue.has_scale
          ? fmt::format(" (scale {} to {})", format_value(issue.lo, 1), format_value(issue.hi, 1))
          : "";
  std::string out;
  if (issue.has_forecast) {
    out = fmt::format("Forecast: <strong>{}</strong>{}{}.", format_value(issue.forecast, 1), scale,
                      nearest_anchor(issue, issue.forecast));
  } else if (std::isfinite(spread.q50)) {
    out = fmt::format("Median of the draws: <strong>{}</strong>{}{}.", format_value(spread.q50, 1),
                      scale, nearest_anchor(issue, spread.q50));
  } else if (std::isfinite(base)) {
    out = fmt::format("Forecast with every input at its nominal value: <strong>{}</strong>{}{}.",
                      format_value(base, 1), scale, nearest_anchor(issue, base));
  }
  if (issue.has_status_quo)
    out += fmt::format(" Status quo: {}.", format_value(issue.status_quo, 1));
  return out;
}

// The ensemble's sentences: where 90% of the draws lie, the named ranges.
// `model_error` names the calibration the draws include (mc_model_error_words).
std::string ensemble_sentences(const json* summary, const IssueView& issue, const Spread& spread,
                               const std::string& model_error) {
  std::string out;
  if (std::isfinite(spread.q5) && std::isfinite(spread.q95)) {
    out += fmt::format("<li>90% of the draws lie between {} and {}, {}{}.</li>",
                       format_value(spread.q5, 1), format_value(spread.q95, 1),
                       uncertainty_words(spread.q95 - spread.q5, issue), model_error);
  }
  // Ranges that hold draws, in scale order; the empty ones counted only.
  std::string parts;
  int empty = 0;
  for (const json* region :
       regions_in_scale_order(summary ? member(*summary, "regions") : nullptr)) {
    const double p = number(*region, "probability");
    if (!std::isfinite(p)) continue;
    if (format_percent(p) == "0%") {
      ++empty;
      continue;
    }
    if (!parts.empty()) parts += "; ";
    parts += fmt::format("{} {}", escape(region_label(*region)), format_percent(p));
  }
  if (!parts.empty()) {
    out += "<li>Named ranges: " + parts;
    if (empty > 0) out += fmt::format("; {} other range{}: 0%", empty, empty == 1 ? "" : "s");
    out += ".</li>";
  }
  return out;
}

// One issue: a bold name, then one short sentence per fact.
std::string issue_summary(const Documents& documents, const ResultView& view,
                          const IssueView& issue) {
  const json* summary = mc_issue(documents.mc, issue.id);
  const Spread spread = spread_of(summary);
  std::string facts;
  if (const std::string forecast =
          forecast_sentence(issue, spread, tornado_base(documents.sensitivity, issue.id));
      !forecast.empty())
    facts += "<li>" + forecast + "</li>";
  if (!issue.status.empty() && issue.status != "ok") {
    facts += fmt::format("<li class=\"flag\">The model flagged this issue: {}.</li>",
                         escape(issue.status));
  }
  facts += ensemble_sentences(summary, issue, spread, mc_model_error_words(documents.mc));
  if (const std::string heavy = heaviest_actors(view, issue); !heavy.empty())
    facts += "<li>Most weight (capability &times; salience): " + heavy + ".</li>";
  if (facts.empty()) return "";
  return fmt::format("<li><strong>{}</strong><ul class=\"facts\">{}</ul></li>\n",
                     escape(issue.name), facts);
}

// "The forecast is most sensitive to X, Y and Z." from the tornado.
std::string drivers_summary(const std::vector<json>& sensitivity, const ResultView& view) {
  std::vector<std::pair<double, std::string>> swings;
  for (const json& document : sensitivity) {
    const json* issues = member(document, "issues");
    if (text(document, "method") != "oat" || issues == nullptr || !issues->is_array()) continue;
    for (const json& issue : *issues) {
      const json* bars = member(issue, "bars");
      if (bars == nullptr || !bars->is_array()) continue;
      for (const json& entry : *bars) {
        const double swing = std::fabs(number(entry, "high") - number(entry, "low"));
        const std::string label = text(entry, "label");
        std::string name = label.empty() ? "" : view.input_title(label);
        if (const std::string id = text(issue, "issue"); !id.empty() && !name.empty()) {
          const IssueView* about = view.issue(id);
          const std::string issue_name = about != nullptr ? about->name : id;
          // "X: position on Crimea" moves the forecast of Crimea: said once.
          if (!name.ends_with(" on " + issue_name)) name += " (forecast of " + issue_name + ")";
        }
        if (std::isfinite(swing) && !name.empty()) swings.emplace_back(swing, name);
      }
    }
  }
  if (swings.empty()) return "";
  std::stable_sort(swings.begin(), swings.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string out = "<p>The forecast moves most with: ";
  for (std::size_t k = 0; k < swings.size() && k < 3; ++k) {
    if (k > 0) out += ", ";
    out += fmt::format("{} (swing {})", escape(swings[k].second), format_value(swings[k].first, 1));
  }
  return out + ".</p>\n";
}

std::string assumptions_summary(const json& result, const json& mc, const ResultView& view) {
  int uncertain = 0;
  for (const ActorView& actor : view.actors) uncertain += actor.uncertain_inputs;
  std::string out = "<p>";
  const std::string model = text(result, "model");
  out += fmt::format(
      "The numbers come from the model <code>{}</code> run on the analyst's coding of "
      "the scenario: each actor's position, salience and capability per issue, taken "
      "from the sources listed below.",
      escape(model.empty() ? "unknown" : model));
  const double draws = number(mc, "draws");
  // Without the scenario the ensemble's own count is all there is.
  if (const double counted = number(mc, "uncertain_inputs");
      uncertain == 0 && std::isfinite(counted)) {
    uncertain = static_cast<int>(counted);
  }
  if (std::isfinite(draws)) {
    out += fmt::format(
        " The {} inputs given as ranges were drawn {} times (ensemble); the "
        "spread of the forecasts shows how much the conclusion depends on them.",
        uncertain, format_value(draws, 0));
  } else if (uncertain > 0) {
    out += fmt::format(
        " This is one deterministic run: the {} inputs given as ranges were set to "
        "their nominal values (the mode of a triangular range), so it says nothing "
        "about uncertainty; <code>parley mc</code> gives the distribution.",
        uncertain);
  } else {
    out += " This is one deterministic run.";
  }
  out +=
      " The model's assumptions and parameters are listed under &ldquo;Reproduce this "
      "report&rdquo;.</p>\n";
  return out;
}

// --- reproduction ----------------------------------------------------------------------

std::string parameters_table(const json& result) {
  const json* params = member(result, "params");
  if (params == nullptr || !params->is_object() || params->empty())
    return "<p>No parameters.</p>\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& [name, value] : params->items()) {
    rows.push_back({name, value.is_string() || value.is_number() ? text(&value) : value.dump()});
  }
  return html_table({"parameter", "value"}, rows, "Model parameters");
}

std::string sources_list(const json& scenario) {
  const json* sources = member(scenario, "sources");
  if (sources == nullptr || !sources->is_array() || sources->empty()) {
    return "<p>The scenario lists no sources.</p>\n";
  }
  std::string out = "<ul class=\"sources\">\n";
  for (const json& source : *sources) {
    const std::string id = text(source, "id");
    const std::string title = text(source, "title");
    const std::string note = text(source, "note");
    out += "<li>";
    if (!id.empty()) out += "<code>" + escape(id) + "</code> ";
    out += escape(title);
    if (!note.empty()) out += " &mdash; " + escape(note);
    out += "</li>\n";
  }
  return out + "</ul>\n";
}

std::string actor_sources(const ResultView& view) {
  std::vector<std::vector<std::string>> rows;
  for (const ActorView& actor : view.actors) {
    if (!actor.source.empty()) rows.push_back({actor.name, actor.source});
  }
  if (rows.empty()) return "";
  return html_table({"actor", "where the numbers come from"}, rows, "Sources per actor");
}

// Tables wider than this many columns are shown in parts that fit the page.
constexpr std::size_t kMaxColumns = 8;

// How many leading columns name a row (repeated in every part of a wide
// table): a period and its month, a round, an issue or an actor.
std::size_t key_columns(const std::vector<std::string>& header) {
  static const char* const keys[] = {"period", "month", "round",       "t",    "step",
                                     "issue",  "actor", "veto_player", "name", "id"};
  std::size_t n = 0;
  while (n < header.size() && n < 2 &&
         std::find(std::begin(keys), std::end(keys), header[n]) != std::end(keys))
    ++n;
  return std::max<std::size_t>(n, 1);
}

// A table as it is when it fits, else in parts of at most kMaxColumns
// columns, each repeating the key columns.
std::string fitted_table(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& cells) {
  if (header.size() <= kMaxColumns) return html_table(header, cells, "");
  const std::size_t keys = key_columns(header);
  const std::size_t others = header.size() - keys;
  const std::size_t parts = (others + kMaxColumns - keys - 1) / (kMaxColumns - keys);
  const std::size_t per_part = (others + parts - 1) / parts;  // parts of even width
  std::string out;
  for (std::size_t part = 0; part < parts; ++part) {
    const std::size_t from = keys + part * per_part;
    const std::size_t to = std::min(header.size(), from + per_part);
    auto pick = [&](const std::vector<std::string>& line) {
      std::vector<std::string> picked;
      for (std::size_t c = 0; c < to; ++c) {
        if (c < keys || c >= from) picked.push_back(c < line.size() ? line[c] : "");
      }
      return picked;
    };
    std::vector<std::vector<std::string>> rows;
    for (const auto& line : cells) rows.push_back(pick(line));
    out += html_table(pick(header), rows,
                      fmt::format("Part {} of {}: columns {} to {} of {}", part + 1, parts,
                                  from + 1, to, header.size()));
  }
  return out;
}

// Result tables that no plot reads, shown as they are.
std::string other_tables(const json& result) {
  const json* tables = member(result, "tables");
  if (tables == nullptr || !tables->is_array()) return "";
  std::string out;
  for (const json& table : *tables) {
    const json* columns = member(table, "columns");
    const json* rows = member(table, "rows");
    if (!columns || !rows || !columns->is_array() || !rows->is_array()) continue;
    std::vector<std::string> header;
    for (const json& column : *columns) header.push_back(text(&column));
    std::vector<std::vector<std::string>> cells;
    for (const json& row : *rows) {
      std::vector<std::string> line;
      if (row.is_array()) {
        for (const json& cell : row) line.push_back(cell_text(cell));
      }
      cells.push_back(std::move(line));
    }
    const std::string name = text(table, "name");
    const std::string title = text(table, "title");
    out += fmt::format("<h3 id=\"table-{}\">{}</h3>\n", escape(name),
                       escape(title.empty() ? name : title));
    out += fitted_table(header, cells);
  }
  return out;
}

// Top-level keys of the result that this report does not read.
std::string unknown_sections(const json& result) {
  static const char* const known[] = {"parley_version", "model",       "params",
                                      "seed",           "issues",      "actors",
                                      "forecast",       "status",      "trajectory",
                                      "tables",         "notes",       "scenario",
                                      "kind",           "quantities",  "questions",
                                      "predictive",     "calibration", "scenario_fingerprint",
                                      "agreement",      "lever"};
  std::vector<std::string> unknown;
  for (const auto& [key, value] : result.items()) {
    if (std::find(std::begin(known), std::end(known), key) == std::end(known))
      unknown.push_back(key);
  }
  if (unknown.empty()) return "";
  std::string out = "<p class=\"note\">This report does not show these sections of the result: ";
  for (std::size_t k = 0; k < unknown.size(); ++k) {
    out += (k > 0 ? ", " : "") + ("<code>" + escape(unknown[k]) + "</code>");
  }
  return out + ". Open the result file to see them.</p>\n";
}

constexpr const char* kStyle = R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0 auto;max-width:960px;padding:1.5rem;color:#1d1d1f;line-height:1.5}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.meta{color:#555;margin-top:0}.summary{background:#f5f7fa;border-left:4px solid #4c78a8;padding:.6rem 1.2rem}
figure{margin:1.5rem 0;padding:0}figcaption{color:#444;font-size:.92rem}.vega{min-height:40px;overflow-x:auto}
table{border-collapse:collapse;font-size:.88rem;margin:.4rem 0}th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
th{background:#eef1f5}.table-wrap{overflow-x:auto}details{margin:.4rem 0}summary{cursor:pointer;color:#2a5d8f}
.flag{color:#a33}.note{color:#555;font-size:.9rem}code{background:#f0f0f0;padding:0 .2rem}
nav ul{columns:2}.issues>li{margin-bottom:.5rem}.facts{margin:.1rem 0;padding-left:1.2rem}
.war-headline .headline{font-size:1.15rem;margin-top:0}table.headline td{text-align:right}
table.headline th[scope=row]{white-space:nowrap}caption{text-align:left;color:#555;font-size:.85rem}
pre.brief{font-size:.8rem;line-height:1.35;white-space:pre-wrap;overflow-wrap:anywhere;background:#fafafa;border:1px solid #ddd;padding:.6rem}
)css";

// Hands each spec to vega-embed; marks the page when all are drawn (the
// browser test waits for data-plots) and reports failures in the page.
constexpr const char* kBoot = R"js(
(function () {
  var root = document.documentElement;
  if (typeof vegaEmbed !== "function") { root.setAttribute("data-plots", "unavailable"); return; }
  var plots = JSON.parse(document.getElementById("parley-plots").textContent);
  Promise.all(plots.map(function (plot) {
    var target = document.getElementById(plot.id);
    return vegaEmbed(target, plot.spec, {mode: "vega-lite", renderer: "svg", actions: false})
      .then(function () { return true; }, function (error) {
        target.textContent = "This plot could not be drawn: " + error.message;
        console.error("parley report: " + plot.id + ": " + error.message);
        return false;
      });
  })).then(function (drawn) {
    root.setAttribute("data-plots", drawn.every(Boolean) ? "rendered" : "failed");
  });
})();
)js";

}  // namespace

std::string render_report(const json& document, const ReportOptions& options) {
  return render_report(std::vector<json>{document}, options);
}

namespace {

// <head> and the page's header: title, date, model, number of draws.
std::string page_head(const std::string& title, const json& scenario, const std::string& model,
                      const json& mc) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // No request may leave the page: only inline scripts and styles.  Vega
  // compiles its expressions with Function(), hence 'unsafe-eval'.
  out +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<meta name=\"generator\" content=\"parley {}\">\n", escape(PARLEY_VERSION));
  out += "<title>" + escape(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  out += "<header>\n<h1>" + escape(title) + "</h1>\n<p class=\"meta\">";
  std::vector<std::string> meta;
  if (const std::string date = text(scenario, "date"); !date.empty()) {
    meta.push_back("data as of " + escape(date));
  }
  if (!model.empty()) meta.push_back("model <code>" + escape(model) + "</code>");
  if (const double draws = number(mc, "draws"); std::isfinite(draws)) {
    meta.push_back(format_value(draws, 0) + " ensemble draws");
  }
  for (std::size_t k = 0; k < meta.size(); ++k) out += (k > 0 ? " &middot; " : "") + meta[k];
  out += "</p>\n</header>\n";
  if (const std::string description = text(scenario, "description"); !description.empty()) {
    out += "<p>" + escape(description) + "</p>\n";
  }
  return out;
}

bool is_map_member(const json& object, const char* key) {
  const json* value = member(object, key);
  return value != nullptr && value->is_object();
}

// True when a run document holds, in the types the brief reads them, the
// members the brief reads (it is made for documents parley wrote; a report
// also reads files edited by hand).  O(issues + rounds).
bool brief_readable(const json& result) {
  const json* issues = member(result, "issues");
  const json* trajectory = member(result, "trajectory");
  const json* seed = member(result, "seed");
  if (text(result, "kind") != "run" || issues == nullptr || !issues->is_array() ||
      trajectory == nullptr || !trajectory->is_array() || seed == nullptr ||
      !seed->is_number_unsigned() || !is_map_member(result, "forecast") ||
      !is_map_member(result, "status"))
    return false;
  for (const json& issue : *issues)
    if (!issue.is_string()) return false;
  for (const json& round : *trajectory)
    if (!round.is_object() || !is_map_member(round, "median") || !is_map_member(round, "mean"))
      return false;
  for (const json& status : result["status"])
    if (!status.is_string()) return false;
  if (const json* predictive = member(result, "predictive")) {
    if (!predictive->is_object()) return false;
    for (const json& issue : *predictive)
      if (!issue.is_object() || !is_map_member(issue, "interval")) return false;
  }
  for (const char* key : {"scenario", "calibration", "agreement", "lever"})
    if (member(result, key) != nullptr && !is_map_member(result, key)) return false;
  return true;
}

// The brief of `parley run` (io/output.h, run_brief), first on the page:
// the same lines, made by the same code.
std::string brief_section(const json& result) {
  if (!brief_readable(result)) return "";
  return "<section id=\"brief\">\n<h2>Brief</h2>\n<pre class=\"brief\">" +
         escape(output::run_brief(output::Json(result))) + "</pre>\n</section>\n";
}

// The summary in plain words.
std::string summary_section(const Documents& documents, const ResultView& view) {
  const json& result = documents.frame;
  std::string out = "<section class=\"summary\" id=\"summary\">\n<h2>Summary</h2>\n";
  out += war_headline(result);
  if (!view.issues.empty()) {
    out += "<p>What the model forecasts, issue by issue:</p>\n<ul class=\"issues\">\n";
    for (const IssueView& issue : view.issues) out += issue_summary(documents, view, issue);
    out += "</ul>\n";
  }
  out += drivers_summary(documents.sensitivity, view);
  out += assumptions_summary(result, documents.mc, view);
  return out + "</section>\n";
}

// The contents, then the plots grouped by section in order of first appearance.
std::string plot_sections(const std::vector<Plot>& plots) {
  std::string out = "<nav><h2>Contents</h2><ul>\n";
  for (const Plot& plot : plots) {
    out += fmt::format("<li><a href=\"#fig-{}\">{}</a></li>\n", plot.id, escape(plot.title));
  }
  out +=
      "<li><a href=\"#tables\">Tables of the result</a></li>\n"
      "<li><a href=\"#reproduce\">Reproduce this report</a></li>\n</ul></nav>\n";
  std::vector<std::string> sections;
  for (const Plot& plot : plots) {
    if (std::find(sections.begin(), sections.end(), plot.section) == sections.end()) {
      sections.push_back(plot.section);
    }
  }
  for (const std::string& section : sections) {
    out += "<section>\n<h2>" + escape(section) + "</h2>\n";
    for (const Plot& plot : plots) {
      if (plot.section != section) continue;
      out += fmt::format(
          "<figure id=\"fig-{0}\">\n<h3>{1}</h3>\n"
          "<div class=\"vega\" id=\"{0}\" role=\"img\" aria-label=\"{1}\"></div>\n"
          "<figcaption>{2}</figcaption>\n",
          plot.id, escape(plot.title), escape(plot.caption));
      out += "<details><summary>Data of this plot as a table</summary>\n";
      out += html_table(plot.columns, plot.rows, plot.title);
      out += "</details>\n</figure>\n";
    }
    out += "</section>\n";
  }
  if (plots.empty())
    out += "<p class=\"note\">The result holds nothing this report can plot.</p>\n";
  return out;
}

// Explanation tables and notes, then what reproduces the report.
std::string tables_and_reproduction(const json& result, const json& scenario,
                                    const ResultView& view, const std::string& model,
                                    const ReportOptions& options) {
  std::string out = "<section id=\"tables\">\n<h2>Tables of the result</h2>\n";
  const std::string tables = other_tables(result);
  out += tables.empty() ? "<p>The model produced no tables.</p>\n" : tables;
  if (const json* notes = member(result, "notes"); notes && notes->is_array() && !notes->empty()) {
    out += "<h3>Notes from the model</h3>\n<ul>\n";
    for (const json& note : *notes) out += "<li>" + escape(text(&note)) + "</li>\n";
    out += "</ul>\n";
  }
  out += unknown_sections(result);
  out += "</section>\n";
  out += "<section id=\"reproduce\">\n<h2>Reproduce this report</h2>\n<ul>\n";
  const std::string version = text(result, "parley_version");
  out +=
      "<li>parley version: <code>" + escape(version.empty() ? "unknown" : version) + "</code>" +
      (version == PARLEY_VERSION ? ""
                                 : " (report written by parley " + escape(PARLEY_VERSION) + ")") +
      "</li>\n";
  out += "<li>model: <code>" + escape(model.empty() ? "unknown" : model) + "</code></li>\n";
  out += "<li>seed: <code>" + escape(text(member(result, "seed"))) + "</code></li>\n";
  if (!options.command.empty()) {
    out += "<li>command: <code>" + escape(options.command) + "</code></li>\n";
  }
  out += "</ul>\n" + parameters_table(result);
  out += "<h3>Sources of the scenario</h3>\n" + sources_list(scenario) + actor_sources(view);
  return out + "</section>\n";
}

// The plots' specifications and, unless left out, the Vega bundles.
std::string page_scripts(const std::vector<Plot>& plots, const ReportOptions& options) {
  std::string out =
      "<noscript><p class=\"note\">Plots need JavaScript; every plot's data is in the table "
      "under it.</p></noscript>\n";
  json specs = json::array();
  for (const Plot& plot : plots) specs.push_back({{"id", plot.id}, {"spec", plot.spec}});
  out +=
      "<script type=\"application/json\" id=\"parley-plots\">" + script_json(specs) + "</script>\n";
  if (options.scripts) {
    for (Asset asset : {Asset::vega, Asset::vega_lite, Asset::vega_embed}) {
      out += "<script>";
      for (std::string_view part : asset_parts(asset)) out.append(part);
      out += "</script>\n";
    }
    out += std::string("<script>") + kBoot + "</script>\n";
  }
  return out;
}

}  // namespace

std::string render_report(const std::vector<json>& documents, const ReportOptions& options) {
  const Documents gathered = gather(documents);
  const json& result = gathered.frame;
  const ResultView view = read_view(result);
  const std::vector<Plot> plots = build_plots(gathered);
  const json* scenario_ptr = member(result, "scenario");
  const json scenario = scenario_ptr != nullptr ? *scenario_ptr : json::object();
  std::string title = options.title;
  if (title.empty()) title = text(scenario, "title");
  if (title.empty()) title = "parley forecast";
  const std::string model = text(result, "model");

  std::string out;
  out.reserve(options.scripts ? 900000 : 100000);
  out += page_head(title, scenario, model, gathered.mc);
  out += brief_section(result);
  out += questions_section(gathered);  // report/model_error.h: the answers first
  out += summary_section(gathered, view);
  out += plot_sections(plots);
  out += tables_and_reproduction(result, scenario, view, model, options);
  out += page_scripts(plots, options);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace parley::report
