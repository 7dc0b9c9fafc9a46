// The HTML report (src/report, docs/report.md).  Expected values are derived
// by hand from the fixtures tests/data/report/full-*.json: a run result, its
// ensemble, a tornado and a Sobol analysis.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "io/output.h"
#include "parley/error.h"
#include "report/documents.h"
#include "report/read.h"
#include "report/report.h"
#include "test_support.h"

namespace parley::report {
namespace {

using nlohmann::json;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

json fixture(const std::string& name) {
  return json::parse(slurp(testing::source_file("tests/data/report/" + name)));
}

// The four documents of the full report.
std::vector<json> full() {
  return {fixture("full-result.json"), fixture("full-mc.json"), fixture("full-tornado.json"),
          fixture("full-sobol.json")};
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

ReportOptions tables_only() {
  ReportOptions options;
  options.scripts = false;
  return options;
}

const Plot& plot_titled(const std::vector<Plot>& plots, const std::string& title) {
  for (const Plot& plot : plots) {
    if (plot.title == title) return plot;
  }
  throw std::runtime_error("no plot titled " + title);
}

TEST(ReportPlots, FullResultHasEveryKindOfPlotInPageOrder) {
  const std::vector<Plot> plots = build_plots(gather(full()));
  std::vector<std::string> titles;
  for (const Plot& plot : plots) titles.push_back(plot.title);
  const std::vector<std::string> expected = {
      "Actor map: Border line",
      "Actor map: Ceasefire monitors",
      "Positions by round: Border line",
      "Positions by round: Ceasefire monitors",
      "Forecast distribution: Border line",
      "Probability of named ranges: Border line",
      "Fan chart: Border line",
      "Forecast distribution: Ceasefire monitors",  // no regions, no rounds
      "Tornado: Border line",
      "Sobol indices: Border line",
      "Ceasefire probability by month",
      "Who blocks a deal"};
  EXPECT_EQ(titles, expected);
  for (std::size_t k = 0; k < plots.size(); ++k) {
    EXPECT_EQ(plots[k].id, "plot-" + std::to_string(k + 1));
    EXPECT_FALSE(plots[k].rows.empty()) << plots[k].title;
    for (const auto& row : plots[k].rows) EXPECT_EQ(row.size(), plots[k].columns.size());
  }
}

TEST(ReportPlots, ActorMapTableHoldsNominalInputs) {
  const auto plots = build_plots(gather(full()));
  const Plot& map = plot_titled(plots, "Actor map: Border line");
  // North's capability tri(80, 100, 110) and position tri(85, 95, 100): the modes.
  const std::vector<std::vector<std::string>> expected = {{"North", "95", "90", "100"},
                                                          {"South", "20", "95", "45"},
                                                          {"Broker", "55", "50", "60"},
                                                          {"Ally \"A\"", "35", "40", "30"}};
  EXPECT_EQ(map.rows, expected);
  // Ally takes no part in the monitors issue.
  const Plot& monitors = plot_titled(plots, "Actor map: Ceasefire monitors");
  EXPECT_EQ(monitors.rows.size(), 3u);
  EXPECT_EQ(map.spec["layer"][0]["encoding"]["x"]["scale"]["domain"], json::array({0.0, 100.0}));
}

TEST(ReportPlots, HistogramSharesAndTornadoOrder) {
  const auto plots = build_plots(gather(full()));
  const Plot& histogram = plot_titled(plots, "Forecast distribution: Border line");
  // counts 20, 110, 390, 320, 140, 20 of 1000 draws.
  ASSERT_EQ(histogram.rows.size(), 6u);
  EXPECT_EQ(histogram.rows[0], (std::vector<std::string>{"30", "40", "20", "0.02"}));
  EXPECT_EQ(histogram.rows[2], (std::vector<std::string>{"50", "60", "390", "0.39"}));
  // Tornado bars sorted by swing: 11.5, 4.9, 3.3.
  const Plot& tornado = plot_titled(plots, "Tornado: Border line");
  ASSERT_EQ(tornado.rows.size(), 3u);
  // Inputs named as people read them; the direction of each effect.
  EXPECT_EQ(tornado.rows[0][0], "North: capability");
  EXPECT_EQ(tornado.rows[0][3], "11.5");
  EXPECT_EQ(tornado.rows[1][0], "South: salience on Border line");
  EXPECT_EQ(tornado.rows[1][3], "4.9");
  for (const auto& row : tornado.rows) {
    const double low = std::stod(row[1]), high = std::stod(row[2]);
    EXPECT_EQ(row[4], high > low ? "raises the forecast" : "lowers the forecast") << row[0];
  }
  EXPECT_EQ(tornado.spec["layer"][0]["encoding"]["color"]["field"], "effect");
  // Fan chart: bands 5-95 and 25-75 plus the median at each of 5 rounds.
  const Plot& fan = plot_titled(plots, "Fan chart: Border line");
  EXPECT_EQ(fan.columns, (std::vector<std::string>{"round", "5%", "95%", "25%", "75%", "median"}));
  EXPECT_EQ(fan.rows.back(), (std::vector<std::string>{"4", "44", "76", "54", "66", "59"}));
  // Blockers named by the actors' names, as in the scenario.
  const Plot& gap = plot_titled(plots, "Who blocks a deal");
  EXPECT_EQ(gap.rows[0], (std::vector<std::string>{"North", "12.5"}));
}

TEST(ReportHtml, SummaryInPlainWords) {
  const std::string html = render_report(full(), tables_only());
  EXPECT_NE(html.find("<li>Forecast: <strong>58.7</strong> (scale 0 to 100), nearest the scale's "
                      "anchor 50 &ldquo;demilitarised zone&rdquo;. Status quo: 70.</li>"),
            std::string::npos)
      << "nearest anchor to 58.7 among 0, 50, 100";
  // 73.3 - 41.2 = 32.1 of a scale of 100: wide (30% or more).
  EXPECT_NE(html.find("<li>90% of the draws lie between 41.2 and 73.3, a wide range: the forecast "
                      "is very uncertain.</li>"),
            std::string::npos);
  // The monitors issue has only the 5%, 50% and 95% quantiles.
  EXPECT_NE(html.find("90% of the draws lie between 2 and 8.1, "), std::string::npos);
  // Named ranges in scale order.
  EXPECT_NE(html.find("Named ranges: Ukraine-leaning (0 to 40) 2%; zone (40 to 60) 50%; "
                      "Russia-leaning (60 to 100) 48%."),
            std::string::npos);
  EXPECT_EQ(html.find("no forecast"), std::string::npos);
  // capability x salience: 9000, 4275, 3000, 1200 of 17475.
  EXPECT_NE(html.find("North (52%), South (24%), Broker (17%)"), std::string::npos);
  // The war headline comes first in the summary.
  EXPECT_NE(html.find("Probability that a ceasefire (or peace) is reached by the end of month "
                      "12: <strong>60%</strong>."),
            std::string::npos);
  EXPECT_LT(html.find("id=\"war-headline\""), html.find("<ul class=\"issues\">"));
  EXPECT_NE(html.find("The model flagged this issue: no_weight."), std::string::npos);
  EXPECT_NE(html.find("North: capability (forecast of Border line) (swing 11.5)"),
            std::string::npos);
  // Reproduction: version, model, seed, parameters, sources.
  EXPECT_NE(html.find("seed: <code>42</code>"), std::string::npos);
  EXPECT_NE(html.find("<td>preset</td><td>scholz_table2</td>"), std::string::npos);
  EXPECT_NE(html.find("Analyst memo &lt;draft&gt;"), std::string::npos);
  // Tables no plot reads, and sections the report does not know.
  EXPECT_NE(html.find("Offers accepted in each round"), std::string::npos);
  EXPECT_NE(html.find("<code>manifest</code>"), std::string::npos);
}

// The war model's tables: "month" is a text label, "period" the number.
TEST(ReportPlots, WarTablesWithMonthLabels) {
  const json result = json::parse(R"({
    "kind": "run", "issues": [], "actors": [{"id": "ru", "name": "Russia"}, {"id": "ua", "name": "Ukraine"}],
    "tables": [
      {"name": "periods", "columns": ["period", "month", "p_ceasefire_by_then", "p_talks", "p_peace"],
       "rows": [[1, "2026-02", 0.1, 0.5, 0], [2, "2026-03", 0.25, 0.4, 0.05]]},
      {"name": "blockers", "columns": ["veto_player", "p_blocking", "mean_gap", "cheapest_issue"],
       "rows": [["ru", 0.7, 0.4, "donbas"], ["ua", 0.2, -0.1, "crimea"]]}]})");
  const auto plots = build_plots(result);
  ASSERT_EQ(plots.size(), 2u) << "two regimes are not enough for the regime plot";
  // Two months x two probability columns named for ceasefire or peace, in words,
  // on a month axis.
  EXPECT_EQ(plots[0].rows,
            (std::vector<std::vector<std::string>>{{"2026-02", "ceasefire reached by then", "0.1"},
                                                   {"2026-03", "ceasefire reached by then", "0.25"},
                                                   {"2026-02", "at peace that month", "0"},
                                                   {"2026-03", "at peace that month", "0.05"}}));
  EXPECT_EQ(plots[0].spec["encoding"]["x"]["type"], "temporal");
  EXPECT_EQ(plots[0].spec["data"]["values"][0]["date"], "2026-02-01");
  // Who blocks: the share of wars, the gap beside it.
  EXPECT_EQ(plots[1].rows, (std::vector<std::vector<std::string>>{{"Russia", "0.7", "0.4"},
                                                                  {"Ukraine", "0.2", "-0.1"}}));
  const std::string html = render_report(result, tables_only());
  EXPECT_NE(html.find("reached by the end of Mar 2026: <strong>25%</strong>."), std::string::npos);
}

// An mc result of the schema: quantiles as [{p, value}], a histogram with
// its edges, named ranges with their bounds, the fan chart per issue.
const char* const kMcSummary = R"({
  "kind": "mc", "parley_version": "0", "model": "median", "params": {}, "seed": 3,
  "draws": 200, "noise": 0, "dynamic": true, "uncertain_inputs": 4,
  "issues": [{"issue": "x", "name": "X", "lo": 0, "hi": 100, "n": 200, "mean": 41, "sd": 12,
              "min": 5, "max": 90,
              "quantiles": [{"p": 0.05, "value": 20}, {"p": 0.25, "value": 30},
                            {"p": 0.5, "value": 40}, {"p": 0.75, "value": 50},
                            {"p": 0.95, "value": 60}],
              "histogram": {"edges": [0, 25, 50, 75, 100], "counts": [10, 90, 80, 20]},
              "regions": [{"name": "low", "lo": 0, "hi": 40, "probability": 0.5}],
              "status": {"ok": 200},
              "fan": {"median": [{"round": 0, "quantiles": [{"p": 0.05, "value": 1}, {"p": 0.5, "value": 3}, {"p": 0.95, "value": 5}]},
                                 {"round": 1, "quantiles": [{"p": 0.05, "value": 2}, {"p": 0.5, "value": 4}, {"p": 0.95, "value": 6}]}],
                      "mean": []}}],
  "notes": []})";

// Sensitivity results of the schema: one-at-a-time and Sobol.
const char* const kTornado = R"({
  "kind": "sensitivity", "parley_version": "0", "model": "median", "params": {}, "seed": 3,
  "method": "oat", "notes": [],
  "issues": [{"issue": "x", "base": 40, "actors": [],
              "bars": [{"label": "a.position.y", "issue": "y", "low": 38, "high": 45, "swing": 7}]}]})";

const char* const kSobol = R"({
  "kind": "sensitivity", "parley_version": "0", "model": "median", "params": {}, "seed": 3,
  "method": "sobol", "notes": [],
  "issues": [{"issue": "x", "actors": [],
              "indices": [{"label": "a.position.y", "first": 0.4, "total": 0.5}]}]})";

TEST(ReportDocuments, AnMcResultAloneFramesTheReport) {
  const Documents docs = gather({json::parse(kMcSummary)});
  EXPECT_EQ(docs.frame["issues"], json::parse(R"(["x"])"));
  EXPECT_EQ(docs.frame["model"], "median");
  EXPECT_EQ(docs.mc["draws"], 200);
  const json* x = mc_issue(docs.mc, "x");
  ASSERT_NE(x, nullptr);
  const auto q = quantiles_of(&(*x)["quantiles"]);
  ASSERT_EQ(q.size(), 5u);
  EXPECT_EQ(q.front(), (std::pair<double, double>{5, 20}));
  EXPECT_EQ(q[2], (std::pair<double, double>{50, 40}));
  EXPECT_EQ(region_label((*x)["regions"][0]), "low (0 to 40)");
  EXPECT_EQ(mc_issue(docs.mc, "nope"), nullptr);
}

TEST(ReportDocuments, RunEnsembleAndSensitivityMakeOneReport) {
  const Documents docs = gather({fixture("minimal-result.json"), json::parse(kMcSummary),
                                 json::parse(kTornado), json::parse(kSobol)});
  EXPECT_EQ(docs.frame["model"], "median") << "the run result frames the report";
  EXPECT_EQ(docs.sensitivity.size(), 2u);
  const std::vector<Plot> plots = build_plots(docs);
  std::vector<std::string> titles;
  for (const Plot& plot : plots) titles.push_back(plot.title);
  EXPECT_EQ(titles,
            (std::vector<std::string>{"Forecast distribution: x", "Probability of named ranges: x",
                                      "Fan chart: x", "Tornado: x", "Sobol indices: x"}));
  const Plot& tornado = plot_titled(plots, "Tornado: x");
  // The output issue (x), not the input's issue (y); the swing 45 - 38.
  EXPECT_EQ(tornado.rows, (std::vector<std::vector<std::string>>{
                              {"A: position on y", "38", "45", "7", "raises the forecast"}}));
  const std::string html = render_report(json::parse(kMcSummary), tables_only());
  EXPECT_NE(html.find("The 4 inputs given as ranges were drawn 200 times"), std::string::npos);
  EXPECT_NE(html.find("Named ranges: low (0 to 40) 50%."), std::string::npos);
  EXPECT_NE(html.find("Median of the draws: <strong>40</strong>"), std::string::npos)
      << "an ensemble alone: its median, not \"no forecast\"";
}

TEST(ReportDocuments, RefusesWhatIsNoResultOfAKindItShows) {
  EXPECT_THROW(gather({}), parley::Error);
  EXPECT_THROW(gather({json::parse(R"({"model": "x"})")}), parley::Error) << "no kind";
  EXPECT_THROW(gather({json::parse(R"({"kind": "oracle"})")}), parley::Error);
  EXPECT_THROW(gather({fixture("minimal-result.json"), fixture("minimal-result.json")}),
               parley::Error)
      << "two run results";
}

TEST(ReportHtml, SameInputGivesIdenticalBytes) {
  const std::vector<json> documents = full();
  const std::string first = render_report(documents);
  // The same documents with their keys written in another order.
  std::vector<json> reordered;
  for (const json& d : documents) reordered.push_back(json::parse(d.dump(3)));
  EXPECT_EQ(first, render_report(reordered));
}

TEST(ReportHtml, SelfContained) {
  const std::string html = render_report(full());
  // The vendored bundles are inlined byte for byte.
  for (const char* bundle : {"vega.min.js", "vega-lite.min.js", "vega-embed.min.js"}) {
    const std::string script =
        slurp(testing::source_file(std::string("third_party/vega/") + bundle));
    ASSERT_GT(script.size(), 10000u) << bundle;
    EXPECT_NE(html.find("<script>" + script + "</script>"), std::string::npos) << bundle;
  }
  EXPECT_EQ(count(html, "<script"), 5u);  // plots JSON, three bundles, the boot code
  // The page itself (without the bundles, whose code builds tooltips) loads
  // nothing: no src attribute, no stylesheet link.
  const std::string page = render_report(full(), tables_only());
  EXPECT_EQ(count(page, " src="), 0u);
  EXPECT_EQ(count(page, "<link"), 0u);
  EXPECT_EQ(count(page, "://"), 0u);  // no URL at all
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
}

TEST(ReportHtml, TextCannotBreakOutOfTheScriptElement) {
  std::vector<json> documents = full();
  documents[0]["actors"][0]["name"] = "</script><script>alert(1)</script>";
  const std::string html = render_report(documents, tables_only());
  EXPECT_EQ(count(html, "</script>"), 1u);
  EXPECT_EQ(count(html, "<script"), 1u);
  EXPECT_NE(html.find("&lt;/script&gt;&lt;script&gt;alert(1)"), std::string::npos);
}

// The page opens with the brief of `parley run` (docs/report.md): the same
// text, first among the sections, with the agreement line of a compare
// document added as `parley run --with` adds it.
TEST(ReportHtml, TheBriefOfTheRunComesFirst) {
  json result = fixture("full-result.json");
  const std::string sha(64, 'a');
  result["scenario_fingerprint"] = sha;
  // Two models with forecasts (a third has none): border 20 and 60 (spread
  // 40 of 100: more than a quarter, flagged), monitors 4 and 5 (spread 1 of
  // 10: agree within 10%).
  const std::string compare =
      R"({"kind": "compare", "parley_version": "x", "scenario_fingerprint": ")" + sha +
      R"(", "disagreement": 0.25,
    "models": [{"label": "bdm", "forecast": {"border": 20, "monitors": 4}},
               {"label": "median", "forecast": {"border": 60, "monitors": 5}},
               {"label": "procedural", "forecast": {"border": null, "monitors": null}}],
    "issues": [{"issue": "border", "lo": 0, "hi": 100, "spread": 40, "disagree": true},
               {"issue": "monitors", "lo": 0, "hi": 10, "spread": 1, "disagree": false}]})";
  output::Json run(result);
  output::add_brief_context(run, compare, "compare.json");
  std::vector<json> documents = full();
  documents[0] = json(run);
  const std::string html = render_report(documents, tables_only());
  const std::string brief = output::run_brief(run);
  EXPECT_NE(brief.find("2 models agree within 10% of the scale on 1 of 2 issues; disagree on "
                       "border by 40.0\n"),
            std::string::npos)
      << brief;
  EXPECT_NE(brief.find("Ceasefire talks (test scenario)\n"), std::string::npos) << brief;
  const size_t at = html.find("<pre class=\"brief\">" + escape(brief) + "</pre>");
  ASSERT_NE(at, std::string::npos) << brief;
  EXPECT_EQ(html.find("<section"), html.find("<section id=\"brief\">"));
  EXPECT_LT(at, html.find("id=\"summary\""));
  // A result made from another scenario is refused, naming the file and field.
  output::Json other(result);
  other["scenario_fingerprint"] = std::string(64, 'b');
  try {
    output::add_brief_context(other, compare, "compare.json");
    ADD_FAILURE() << "another scenario's compare document was accepted";
  } catch (const parley::Error& e) {
    EXPECT_NE(std::string(e.what()).find("compare.json:1:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("another scenario"), std::string::npos) << e.what();
  }
}

TEST(ReportHtml, MinimalResultDegradesGracefully) {
  const std::string html = render_report(fixture("minimal-result.json"));
  EXPECT_NE(html.find("<li>Forecast: <strong>40</strong>.</li>"), std::string::npos);
  EXPECT_NE(html.find("The result holds nothing this report can plot."), std::string::npos);
  EXPECT_NE(html.find("The scenario lists no sources."), std::string::npos);
}

TEST(ReportHtml, IllTypedSectionsAreSkippedNotFatal) {
  const json result = json::parse(R"({
    "kind": "run", "model": 7, "issues": 5, "actors": "x", "forecast": [1], "trajectory": "x",
    "tables": [1, {"name": "periods", "columns": 3}, {"name": "blockers", "columns": ["actor"], "rows": [[1]]}],
    "scenario": {"issues": {"a": 1}, "actors": [null, {"id": 3}]}, "notes": "x"})");
  const json mc =
      json::parse(R"({"kind": "mc", "issues": [1, {"issue": "a", "quantiles": {"q05": 1},
    "regions": {"x": 1}, "histogram": [3], "fan": {"median": 2}}]})");
  const json sensitivity = json::parse(R"({"kind": "sensitivity", "method": "oat",
    "issues": [{"issue": "a", "bars": {}}, {"indices": [1, {"label": "a"}]}]})");
  EXPECT_NO_THROW(render_report(std::vector<json>{result, mc, sensitivity}));
  EXPECT_TRUE(build_plots(gather({result, mc, sensitivity})).empty());
  EXPECT_THROW(render_report(json::array()), parley::Error);
}

TEST(ReportRead, QuantilesAndNumbers) {
  const json q = json::parse(R"([{"p": 0.95, "value": 9}, {"p": 0.05, "value": 1}, {"p": 0.5}])");
  EXPECT_EQ(quantiles_of(&q), (std::vector<std::pair<double, double>>{{5, 1}, {95, 9}}));
  EXPECT_EQ(format_value(58.70, 2), "58.7");
  EXPECT_EQ(format_value(-0.001, 2), "0");
  EXPECT_EQ(format_percent(0.6), "60%");
  const json tri = json::parse(R"({"tri": [1, 2, 4]})");
  const json uniform = json::parse(R"({"uniform": [1, 4]})");
  EXPECT_DOUBLE_EQ(number(&tri), 2);
  EXPECT_DOUBLE_EQ(number(&uniform), 2.5);
}

TEST(ReportCli, WritesTheSameFileTwice) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("parley-report-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string input = testing::source_file("tests/data/report/full-result.json");
  for (const char* name : {"a.html", "b.html"}) {
    const auto run = testing::run_command(testing::parley_binary() + " report " + input + " -o " +
                                          (dir / name).string());
    ASSERT_EQ(run.exit_code, 0) << run.error;
  }
  const std::string a = slurp((dir / "a.html").string());
  EXPECT_EQ(a, slurp((dir / "b.html").string()));
  EXPECT_EQ(a.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(a.find("command: <code>parley report "), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace parley::report
