// The report as an analyst reads it (docs/report.md): the war headline from
// the result's quantities, the regime plot, names of actors on the actor
// maps that never overlap, inputs named in words, named ranges in scale
// order, wide tables in parts, and histogram bins chosen from the draws.
// Expected values are derived by hand from the documents written here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ensemble/ensemble.h"
#include "report/documents.h"
#include "report/label_layout.h"
#include "report/model_view.h"
#include "report/report.h"
#include "report/war_report.h"
#include "test_support.h"

namespace parley::report {
namespace {

using nlohmann::json;

// A war run of two years and a month: quantities for Dec 2026, Dec 2027 and
// the horizon Jan 2028; a periods table for those months.
json war_result() {
  return json::parse(R"({
    "kind": "run", "model": "war", "issues": [], "actors": [],
    "quantities": [
      {"name": "p_ceasefire_by.2026-12", "label": "x", "value": 0.30},
      {"name": "p_ceasefire_by.2027-12", "label": "x", "value": 0.55},
      {"name": "p_ceasefire_by.2028-01", "label": "x", "value": 0.58},
      {"name": "regime_share.talks", "label": "x", "value": 0.2}],
    "scenario": {"conflict": {"sides": {"a": {"name": "North"}, "b": {"name": "South"}}}},
    "tables": [{"name": "periods",
      "columns": ["period", "month", "p_ceasefire_by_then", "p_talks", "p_recess", "p_breakdown",
                  "p_ceasefire", "p_peace", "p_victory_a", "p_victory_b"],
      "rows": [[11, "2026-12", 0.30, 0.40, 0.10, 0.20, 0.25, 0.00, 0.05, 0.00],
               [23, "2027-12", 0.55, 0.20, 0.05, 0.15, 0.40, 0.10, 0.10, 0.00],
               [24, "2028-01", 0.58, 0.20, 0.05, 0.10, 0.40, 0.15, 0.10, 0.00]]}]})");
}

TEST(ReportWar, HeadlineByYearEndFromTheQuantities) {
  const std::string headline = war_headline(war_result());
  EXPECT_NE(headline.find("reached by the end of 2026: <strong>30%</strong>, by the end of 2027: "
                          "<strong>55%</strong> and by the end of Jan 2028: <strong>58%</strong>."),
            std::string::npos)
      << headline;
  // The regime shares of each of those months, side names from the scenario.
  EXPECT_NE(headline.find("<th scope=\"col\">victory of North</th>"), std::string::npos);
  EXPECT_NE(headline.find("<tr><th scope=\"row\">Dec 2027</th><td><strong>55%</strong></td>"
                          "<td>20%</td><td>5%</td><td>15%</td><td>40%</td><td>10%</td><td>10%</td>"
                          "<td>0%</td></tr>"),
            std::string::npos)
      << headline;
  // No quantities and no table: no headline.
  EXPECT_EQ(war_headline(json::parse(R"({"kind": "run"})")), "");
}

TEST(ReportWar, RegimeSharesStackedByMonth) {
  const std::vector<Plot> plots = build_plots(war_result());
  ASSERT_GE(plots.size(), 2u);
  const Plot& regimes = plots[0];
  EXPECT_EQ(regimes.title, "Where the simulated wars stand, month by month");
  // 7 regimes x 3 months, each month's shares summing to one.
  ASSERT_EQ(regimes.rows.size(), 21u);
  EXPECT_EQ(regimes.spec["mark"]["type"], "area");
  EXPECT_EQ(regimes.spec["encoding"]["y"]["stack"], "zero");
  const json domain = regimes.spec["encoding"]["color"]["scale"]["domain"];
  EXPECT_EQ(domain.front(), "fighting, in talks");
  EXPECT_EQ(domain[5], "victory of North");
  EXPECT_EQ(domain[6], "victory of South");
  double december = 0;
  for (const json& value : regimes.spec["data"]["values"])
    if (value["month_label"] == "2026-12") december += value["share"].get<double>();
  EXPECT_NEAR(december, 1.0, 1e-12);
  EXPECT_EQ(plots[1].title, "Ceasefire probability by month");
  EXPECT_EQ(plots[1].spec["encoding"]["x"]["title"], "month");
}

TEST(ReportInputs, NamedAsPeopleReadThem) {
  ResultView view;
  view.actors.push_back({});
  view.actors.back().id = "hungary_slovakia";
  view.actors.back().name = "Hungary & Slovakia";
  view.issues.push_back({});
  view.issues.back().id = "zaporizhzhia";
  view.issues.back().name = "Zaporizhzhia";
  EXPECT_EQ(view.input_title("hungary_slovakia.capability.zaporizhzhia"),
            "Hungary & Slovakia: capability on Zaporizhzhia");
  EXPECT_EQ(view.input_title("hungary_slovakia.capability"), "Hungary & Slovakia: capability");
  EXPECT_EQ(view.input_title("zaporizhzhia.status_quo"), "Zaporizhzhia: status quo");
  EXPECT_EQ(view.input_title("conflict.front.activity"), "conflict: front.activity");
  EXPECT_EQ(view.input_title("plain_label"), "plain label");
}

TEST(ReportRegions, InScaleOrder) {
  const json regions = json::parse(R"([{"name": "high", "lo": 60, "hi": 100},
    {"name": "low", "lo": 0, "hi": 30}, {"name": "loose"}, {"name": "mid", "lo": 30, "hi": 60}])");
  std::vector<std::string> names;
  for (const json* region : regions_in_scale_order(&regions)) names.push_back((*region)["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"low", "mid", "high", "loose"}));
}

TEST(ReportTables, WideTablesComeInPartsThatFit) {
  json result = json::parse(R"({"kind": "run", "tables": [{"name": "wide", "title": "Wide",
    "columns": ["period", "month", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j"],
    "rows": [[1, "2026-02", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]}]})");
  ReportOptions options;
  options.scripts = false;
  const std::string html = render_report(result, options);
  // 2 key columns + 10 others, at most 6 others a part: two parts of 5, each
  // repeating the keys.
  EXPECT_NE(html.find("Part 1 of 2: columns 3 to 7 of 12"), std::string::npos);
  EXPECT_NE(html.find("Part 2 of 2: columns 8 to 12 of 12"), std::string::npos);
  EXPECT_NE(html.find("<td>1</td><td>2026-02</td><td>6</td><td>7</td><td>8</td><td>9</td>"
                      "<td>10</td></tr>"),
            std::string::npos);
}

// --- actor map names -------------------------------------------------------------------

bool overlap(const LabelPlacement& a, const Bubble& ba, const LabelPlacement& b, const Bubble& bb) {
  return std::fabs(a.x - b.x) < (ba.width + bb.width) / 2 &&
         std::fabs(a.y - b.y) < (ba.height + bb.height) / 2;
}

TEST(ReportLabels, NoTwoNamesOverlapAndAllStayInside) {
  // A crowded map: 40 bubbles from a fixed linear congruential sequence,
  // half of them in one corner.
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  std::vector<Bubble> bubbles;
  for (int k = 0; k < 40; ++k) {
    Bubble b;
    const double spread = k % 2 == 0 ? 560 : 120;
    b.x = next() * spread;
    b.y = next() * (k % 2 == 0 ? 300 : 80);
    b.radius = 3 + next() * 20;
    b.width = estimated_label_width(k % 3 == 0 ? "Hungary & Slovakia" : "Iran");
    bubbles.push_back(b);
  }
  const auto placed = place_labels(bubbles, 560, 300);
  ASSERT_EQ(placed.size(), bubbles.size());
  int shown = 0;
  for (std::size_t i = 0; i < placed.size(); ++i) {
    if (!placed[i].placed) continue;
    ++shown;
    EXPECT_GE(placed[i].x - bubbles[i].width / 2, 0);
    EXPECT_LE(placed[i].x + bubbles[i].width / 2, 560);
    EXPECT_GE(placed[i].y - bubbles[i].height / 2, 0);
    EXPECT_LE(placed[i].y + bubbles[i].height / 2, 300);
    for (std::size_t j = i + 1; j < placed.size(); ++j) {
      if (placed[j].placed) {
        EXPECT_FALSE(overlap(placed[i], bubbles[i], placed[j], bubbles[j])) << i << " " << j;
      }
    }
  }
  EXPECT_GT(shown, 20) << "most names find a place";
  // The same bubbles, the same layout.
  const auto again = place_labels(bubbles, 560, 300);
  for (std::size_t i = 0; i < placed.size(); ++i) {
    EXPECT_EQ(placed[i].placed, again[i].placed);
    EXPECT_EQ(placed[i].x, again[i].x);
  }
}

TEST(ReportLabels, ThreeBubblesOnOneSpotGetThreeDistinctPlaces) {
  // Hungary & Slovakia on top of South Korea (the flagship's overlap), and a third.
  std::vector<Bubble> bubbles(3);
  const char* const names[] = {"Hungary & Slovakia", "South Korea", "Japan"};
  for (int k = 0; k < 3; ++k) {
    bubbles[k].x = 300;
    bubbles[k].y = 150;
    bubbles[k].radius = 8 - k;
    bubbles[k].width = estimated_label_width(names[k]);
  }
  const auto placed = place_labels(bubbles, 560, 300);
  for (const auto& p : placed) EXPECT_TRUE(p.placed);
  EXPECT_DOUBLE_EQ(placed[0].x, 300);  // the largest gets the spot above
  EXPECT_LT(placed[0].y, 150);
  EXPECT_FALSE(overlap(placed[0], bubbles[0], placed[1], bubbles[1]));
  EXPECT_FALSE(overlap(placed[1], bubbles[1], placed[2], bubbles[2]));
}

// --- histogram bins ----------------------------------------------------------------------

// n forecasts evenly spread over [40, 60]: the interquartile range is 10
// exactly (linear interpolation), so Freedman-Diaconis gives a width of
// 20 / n^(1/3) and 100 / width bins over the scale [0, 100].
std::vector<double> even(int n) {
  std::vector<double> out;
  for (int k = 0; k < n; ++k) out.push_back(40 + 20.0 * k / (n - 1));
  return out;
}

TEST(HistogramBins, MoreDrawsMoreBinsUpToTheCap) {
  EXPECT_NEAR(ensemble::histogram_bins(even(125), 0, 100), 25, 1);    // width 4
  EXPECT_NEAR(ensemble::histogram_bins(even(1000), 0, 100), 50, 1);   // width 2
  EXPECT_NEAR(ensemble::histogram_bins(even(8000), 0, 100), 100, 1);  // width 1
  EXPECT_EQ(ensemble::histogram_bins(even(1000000), 0, 100), ensemble::kMaxBins);
  EXPECT_EQ(ensemble::histogram_bins(even(3), 0, 100), ensemble::kMinBins);  // 8 bins: the floor
  const std::vector<double> same(50, 7.0);
  EXPECT_EQ(ensemble::histogram_bins(same, 0, 100), ensemble::kMinBins);
}

TEST(HistogramBins, TheMcCommandChoosesThemFromItsDraws) {
  auto bins = [](int draws) {
    const auto run =
        testing::run_command("\"" + testing::parley_binary() + "\" mc \"" +
                             testing::source_file("tests/data/report/scenario.json") +
                             "\" --model median --noise 0.1 --no-store -q --format json --draws " +
                             std::to_string(draws));
    EXPECT_EQ(run.exit_code, 0) << run.error;
    const json summary = json::parse(run.output);
    return summary["issues"][0]["histogram"]["counts"].size();
  };
  const std::size_t few = bins(100), many = bins(3000);
  EXPECT_GE(few, static_cast<std::size_t>(ensemble::kMinBins));
  EXPECT_GT(many, few);
  EXPECT_LE(many, static_cast<std::size_t>(ensemble::kMaxBins));
}

}  // namespace
}  // namespace parley::report
