// The war layer's part of the report (docs/report.md, "War layer"): the
// headline of the summary and the plots of the `periods` and `blockers`
// tables, on a month axis with the words people use for each series.
#include "report/war_report.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "report/plot_list.h"
#include "report/read.h"

namespace parley::report {

namespace {

// The regimes of docs/models/war.md in the order they are stacked.
constexpr const char* kRegimes[] = {"talks", "recess",    "breakdown", "ceasefire",
                                    "peace", "victory_a", "victory_b"};
constexpr const char* kRegimeColours[] = {"#4c78a8", "#9ecae9", "#e45756", "#54a24b",
                                          "#2f7d32", "#b279a2", "#f58518"};

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool is_interval(const std::string& name) {
  return ends_with(name, "_lo") || ends_with(name, "_hi") || ends_with(name, "_low") ||
         ends_with(name, "_high");
}

// "2026-12" -> true when the text is a year and a month.
bool is_month_label(const std::string& s) {
  return s.size() == 7 && s[4] == '-' &&
         std::all_of(s.begin(), s.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
}

// "2026-12" -> "Dec 2026"; other text as it is.
std::string month_name(const std::string& month) {
  static const char* const names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (!is_month_label(month)) return month;
  const int m = std::stoi(month.substr(5));
  if (m < 1 || m > 12) return month;
  return fmt::format("{} {}", names[m - 1], month.substr(0, 4));
}

// "2026-12" -> "end of 2026"; "2029-01" -> "end of Jan 2029"; "month 12" ->
// "end of month 12".
std::string month_words(const std::string& month) {
  if (is_month_label(month) && month.substr(5) == "12") return "end of " + month.substr(0, 4);
  return "end of " + month_name(month);
}

// A column of the periods table named for a ceasefire reached by then: the
// war model's p_ceasefire_by_then, else the first ceasefire or peace column.
int ceasefire_by_column(const TableView& table) {
  if (const int c = table.column({"p_ceasefire_by_then", "p_ceasefire_by"}); c >= 0) return c;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (table.columns[c].find("ceasefire") != std::string::npos && !is_interval(table.columns[c]))
      return static_cast<int>(c);
  }
  return -1;
}

// The month column holding labels such as "2026-03", or -1.
int month_label_column(const TableView& table) {
  const int c = table.column({"month"});
  if (c < 0 || table.rows->empty()) return -1;
  return is_month_label(text(table.cell(table.rows->front(), c))) ? c : -1;
}

// One line of the headline: a month, P(ceasefire by then), the regime shares.
struct HeadlineRow {
  std::string month;  // a label ("2026-12") or "month 12"
  double ceasefire_by = NAN;
  std::vector<double> regimes;  // per kRegimes, NaN when unknown
};

std::vector<double> regime_shares(const TableView& table, const json& row) {
  std::vector<double> shares;
  for (const char* regime : kRegimes)
    shares.push_back(number(table.cell(row, table.column({("p_" + std::string(regime)).c_str()}))));
  return shares;
}

// From the quantities p_ceasefire_by.YYYY-MM, with the regimes of the same
// month in the periods table (regime_share.* at the horizon without one).
std::vector<HeadlineRow> rows_from_quantities(const json& result, const TableView* periods) {
  std::vector<HeadlineRow> rows;
  const json* quantities = member(result, "quantities");
  if (quantities == nullptr || !quantities->is_array()) return rows;
  const std::string prefix = "p_ceasefire_by.";
  const int label = periods != nullptr ? month_label_column(*periods) : -1;
  for (const json& quantity : *quantities) {
    const std::string name = text(quantity, "name");
    if (name.rfind(prefix, 0) != 0) continue;
    HeadlineRow row{name.substr(prefix.size()), number(quantity, "value"), {}};
    row.regimes.assign(std::size(kRegimes), NAN);
    for (std::size_t r = 0; label >= 0 && r < periods->rows->size(); ++r) {
      const json& cells = (*periods->rows)[r];
      if (text(periods->cell(cells, label)) == row.month)
        row.regimes = regime_shares(*periods, cells);
    }
    rows.push_back(std::move(row));
  }
  if (!rows.empty() && std::isnan(rows.back().regimes[0])) {
    for (std::size_t g = 0; g < std::size(kRegimes); ++g) {
      for (const json& quantity : *quantities) {
        if (text(quantity, "name") == std::string("regime_share.") + kRegimes[g])
          rows.back().regimes[g] = number(quantity, "value");
      }
    }
  }
  return rows;
}

// Without quantities: the periods table's Decembers and its last row.
std::vector<HeadlineRow> rows_from_periods(const TableView& table) {
  std::vector<HeadlineRow> rows;
  const int by = ceasefire_by_column(table);
  const int label = month_label_column(table);
  const int time = table.numeric_column({"month", "period", "t", "step"});
  if (by < 0 || (label < 0 && time < 0) || table.rows->empty()) return rows;
  for (std::size_t r = 0; r < table.rows->size(); ++r) {
    const json& cells = (*table.rows)[r];
    const std::string month = label >= 0
                                  ? text(table.cell(cells, label))
                                  : "month " + format_value(number(table.cell(cells, time)), 0);
    const bool last = r + 1 == table.rows->size();
    if (!last && (label < 0 || !ends_with(month, "-12"))) continue;
    rows.push_back({month, number(table.cell(cells, by)), regime_shares(table, cells)});
  }
  return rows;
}

std::string headline_table(const std::vector<HeadlineRow>& rows, const json& result) {
  std::vector<std::size_t> shown;
  for (std::size_t g = 0; g < std::size(kRegimes); ++g) {
    if (std::any_of(rows.begin(), rows.end(),
                    [&](const HeadlineRow& row) { return std::isfinite(row.regimes[g]); }))
      shown.push_back(g);
  }
  std::string out =
      "<div class=\"table-wrap\"><table class=\"headline\"><thead><tr><th scope=\"col\">by the "
      "end of</th><th scope=\"col\">ceasefire reached</th>";
  for (std::size_t g : shown)
    out += "<th scope=\"col\">" + escape(regime_words(kRegimes[g], result)) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (const HeadlineRow& row : rows) {
    out += fmt::format("<tr><th scope=\"row\">{}</th><td><strong>{}</strong></td>",
                       escape(month_name(row.month)), format_percent(row.ceasefire_by));
    for (std::size_t g : shown) out += "<td>" + format_percent(row.regimes[g]) + "</td>";
    out += "</tr>\n";
  }
  return out + "</tbody></table></div>\n";
}

}  // namespace

std::string regime_words(const std::string& regime, const json& result) {
  if (regime == "victory_a" || regime == "victory_b") {
    const json* scenario = member(result, "scenario");
    const json* conflict = scenario != nullptr ? member(*scenario, "conflict") : nullptr;
    const json* sides = conflict != nullptr ? member(*conflict, "sides") : nullptr;
    const json* side = sides != nullptr ? member(*sides, regime.substr(8)) : nullptr;
    const std::string name = side != nullptr ? text(*side, "name") : "";
    return "victory of " + (name.empty() ? "side " + regime.substr(8) : name);
  }
  if (regime == "recess") return "talks in recess";
  if (regime == "breakdown") return "talks broken down";
  if (regime == "talks") return "fighting, in talks";
  return regime;
}

std::string war_headline(const json& result) {
  TableView periods;
  const bool has_periods = read_table(result, "periods", periods) && !periods.rows->empty();
  std::vector<HeadlineRow> rows = rows_from_quantities(result, has_periods ? &periods : nullptr);
  if (rows.empty() && has_periods) rows = rows_from_periods(periods);
  rows.erase(
      std::remove_if(rows.begin(), rows.end(),
                     [](const HeadlineRow& row) { return !std::isfinite(row.ceasefire_by); }),
      rows.end());
  if (rows.empty()) return "";
  std::string out = "<div class=\"war-headline\" id=\"war-headline\">\n<p class=\"headline\">";
  out += "Probability that a ceasefire (or peace) is reached by the ";
  for (std::size_t k = 0; k < rows.size(); ++k) {
    if (k > 0) out += k + 1 == rows.size() ? " and by the " : ", by the ";
    out += fmt::format("{}: <strong>{}</strong>", escape(month_words(rows[k].month)),
                       format_percent(rows[k].ceasefire_by));
  }
  out += ".</p>\n" + headline_table(rows, result);
  out +=
      "<p class=\"note\">A ceasefire counts from the month it is agreed, even if it collapses "
      "later. The other columns say where the simulated wars stand in that month; they add up "
      "to 100%.</p>\n</div>\n";
  return out;
}

// --- plots ---------------------------------------------------------------------------

namespace {

// The x encoding of a month: a date ("2026-03" -> 2026-03-01, UTC) when the
// table labels months, else the period number.
json month_axis(bool dated) {
  if (dated) {
    return {{"field", "date"},
            {"type", "temporal"},
            {"timeUnit", "utcyearmonth"},
            {"title", "month"},
            {"axis", {{"format", "%b %Y"}, {"labelAngle", 0}}}};
  }
  return {{"field", "month"},
          {"type", "quantitative"},
          {"title", "month of the simulation"},
          {"axis", {{"tickMinStep", 1}, {"format", "d"}}}};
}

// A y axis of shares from 0 to 100%.
json share_axis(const std::string& field, const std::string& title) {
  return {{"field", field},
          {"type", "quantitative"},
          {"title", title},
          {"scale", {{"domain", {0, 1}}}},
          {"axis", {{"format", ".0%"}}}};
}

// The tooltip of a plot by month: the month, the series, its share.
json month_tooltip(const std::string& series, const std::string& series_title,
                   const std::string& value) {
  return json::array(
      {nominal("month_label", "month"),
       nominal(series, series_title),
       {{"field", value}, {"type", "quantitative"}, {"title", value}, {"format", ".1%"}}});
}

// The words for a probability column of the periods table.
std::string series_words(const std::string& column, const json& result) {
  if (column == "p_ceasefire_by_then" || column == "p_ceasefire_by")
    return "ceasefire reached by then";
  if (column.rfind("p_", 0) == 0) {
    const std::string regime = column.substr(2);
    if (regime == "ceasefire") return "in a ceasefire that month";
    if (regime == "peace") return "at peace that month";
    if (std::find(std::begin(kRegimes), std::end(kRegimes), regime) != std::end(kRegimes))
      return regime_words(regime, result) + " that month";
  }
  std::string words = column;
  std::replace(words.begin(), words.end(), '_', ' ');
  return words;
}

// Every row of the periods table as {month | date, ...} for the plots.
struct MonthRows {
  bool dated = false;
  std::vector<std::pair<json, const json*>> rows;  // the x fields, the row
};

MonthRows month_rows(const TableView& table) {
  MonthRows out;
  const int label = month_label_column(table);
  const int time = table.numeric_column({"month", "period", "t", "step"});
  out.dated = label >= 0;
  if (label < 0 && time < 0) return out;
  for (const json& row : *table.rows) {
    json x = json::object();
    if (out.dated) {
      const std::string month = text(table.cell(row, label));
      if (!is_month_label(month)) continue;
      x = {{"date", month + "-01"}, {"month_label", month}};
    } else {
      const double t = number(table.cell(row, time));
      if (!std::isfinite(t)) continue;
      x = {{"month", t}, {"month_label", format_value(t, 0)}};
    }
    out.rows.emplace_back(std::move(x), &row);
  }
  return out;
}

void add_regimes(const json& result, const TableView& table, const MonthRows& months,
                 PlotList& plots) {
  json values = json::array();
  json domain = json::array(), range = json::array();
  for (std::size_t g = 0; g < std::size(kRegimes); ++g) {
    const int c = table.column({("p_" + std::string(kRegimes[g])).c_str()});
    if (c < 0) continue;
    const std::string name = regime_words(kRegimes[g], result);
    domain.push_back(name);
    range.push_back(kRegimeColours[g]);
    for (const auto& [x, row] : months.rows) {
      const double share = number(table.cell(*row, c));
      if (!std::isfinite(share)) continue;
      json value = x;
      value["regime"] = name;
      value["order"] = static_cast<int>(g);
      value["share"] = share;
      values.push_back(std::move(value));
    }
  }
  // A story of regimes needs the talks and at least two more.
  if (table.column({"p_talks"}) < 0 || domain.size() < 3 || values.empty()) return;
  json stacked = share_axis("share", "share of simulated wars");
  stacked["stack"] = "zero";
  json spec = base_spec("Share of simulated wars in each regime, month by month");
  spec["data"] = {{"values", values}};
  spec["mark"] = {{"type", "area"}, {"interpolate", "step-after"}};
  spec["encoding"] = {{"x", month_axis(months.dated)},
                      {"y", stacked},
                      {"color",
                       {{"field", "regime"},
                        {"type", "nominal"},
                        {"title", "regime"},
                        {"scale", {{"domain", domain}, {"range", range}}},
                        {"legend", {{"orient", "bottom"}, {"columns", 4}, {"labelLimit", 0}}}}},
                      {"order", {{"field", "order"}, {"type", "quantitative"}}},
                      {"tooltip", month_tooltip("regime", "regime", "share")}};
  plots.add("War and ceasefire", "Where the simulated wars stand, month by month",
            "Each band is the share of the simulated wars in one regime that month: fighting "
            "with talks under way, talks in recess, talks broken down, a ceasefire, peace, or "
            "the victory of one side. The bands add up to 100%.",
            spec, values, {{"month_label", "month"}, {"regime", "regime"}, {"share", "share", 3}});
}

void add_ceasefire_curve(const json& result, const TableView& table, const MonthRows& months,
                         PlotList& plots) {
  std::vector<int> series;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const std::string& name = table.columns[c];
    if (!is_interval(name) &&
        (name.find("ceasefire") != std::string::npos || name.find("peace") != std::string::npos))
      series.push_back(static_cast<int>(c));
  }
  json values = json::array();
  json domain = json::array();
  for (int c : series) {
    const std::string name = series_words(table.columns[static_cast<std::size_t>(c)], result);
    domain.push_back(name);
    for (const auto& [x, row] : months.rows) {
      const double p = number(table.cell(*row, c));
      if (!std::isfinite(p)) continue;
      json value = x;
      value["series"] = name;
      value["probability"] = p;
      values.push_back(std::move(value));
    }
  }
  if (values.empty()) return;
  json spec = base_spec("Probability of a ceasefire by month");
  spec["data"] = {{"values", values}};
  spec["mark"] = {{"type", "line"}, {"point", true}};
  spec["encoding"] = {
      {"x", month_axis(months.dated)},
      {"y", share_axis("probability", "probability")},
      {"color",
       {{"field", "series"},
        {"type", "nominal"},
        {"title", nullptr},
        {"scale", {{"domain", domain}}},
        {"legend", {{"orient", "bottom"}, {"direction", "vertical"}, {"labelLimit", 0}}}}},
      {"tooltip", month_tooltip("series", "measure", "probability")}};
  plots.add("War and ceasefire", "Ceasefire probability by month",
            "The rising line is the share of simulated wars that have reached a ceasefire (or "
            "peace) by the end of each month, counting ceasefires that later collapse; the "
            "others are the shares in a ceasefire, or at peace, in that month.",
            spec, values,
            {{"month_label", "month"}, {"series", "measure"}, {"probability", "probability", 3}});
}

// The blockers table: the share of wars each veto player blocks at the
// horizon (p_blocking) when the table has it, else its bargaining gap.
void add_blockers(const json& result, const ResultView& view, PlotList& plots) {
  TableView table;
  if (!read_table(result, "blockers", table)) return;
  const int label = table.column({"actor", "player", "veto_player", "name", "id"});
  const int share = table.column({"p_blocking"});
  int gap = -1;
  for (std::size_t c = 0; c < table.columns.size() && gap < 0; ++c) {
    if (table.columns[c].find("gap") != std::string::npos) gap = static_cast<int>(c);
  }
  const int measure = share >= 0 ? share : gap;
  if (label < 0 || measure < 0) return;
  json values = json::array();
  for (const json& row : *table.rows) {
    const double v = number(table.cell(row, measure));
    const std::string who = text(table.cell(row, label));
    if (!std::isfinite(v) || who.empty()) continue;
    json value = {{"actor", view.actor_name(who)}, {"value", v}};
    if (gap >= 0) value["gap"] = number(table.cell(row, gap));
    values.push_back(std::move(value));
  }
  if (values.empty()) return;
  json spec = base_spec("Veto players blocking a deal");
  spec["height"] = std::max<int>(60, 28 * static_cast<int>(values.size()));
  spec["data"] = {{"values", values}};
  json y = {{"field", "actor"},
            {"type", "nominal"},
            {"title", nullptr},
            {"sort", "-x"},
            {"axis", {{"labelLimit", 0}}}};
  json x = share >= 0 ? share_axis("value", "share of simulated wars this player blocks at the end")
                      : quantitative("value", "bargaining gap (utility per month; above 0 blocks)");
  json tooltip = json::array({nominal("actor", "veto player"), quantitative("value", "value")});
  if (gap >= 0) tooltip.push_back(quantitative("gap", "mean bargaining gap"));
  spec["mark"] = {{"type", "bar"}};
  spec["encoding"] = {
      {"y", y},
      {"x", x},
      {"color",
       {{"condition", {{"test", "datum.value > 0"}, {"value", "#e45756"}}}, {"value", "#54a24b"}}},
      {"tooltip", tooltip}};
  std::vector<Column> columns = {{"actor", "veto player"}};
  columns.push_back({"value", share >= 0 ? "share of wars blocked" : "bargaining gap", 3});
  if (gap >= 0 && share >= 0) columns.push_back({"gap", "mean bargaining gap", 3});
  const std::string caption =
      share >= 0
          ? "For each veto player, the share of simulated wars still unsettled at the horizon "
            "in which it rejects the best package on the table. The bargaining gap (in the "
            "table) is how far that package falls short of what the player needs, in its "
            "utility per month: above zero it blocks."
          : "How far the best package on the table falls short of what each veto player needs "
            "to accept it, in the player's utility per month: above zero, it blocks the deal.";
  plots.add("War and ceasefire", "Who blocks a deal", caption, spec, values, columns);
}

}  // namespace

void add_war_plots(const json& result, const ResultView& view, PlotList& plots) {
  TableView periods;
  if (read_table(result, "periods", periods) && !periods.rows->empty()) {
    const MonthRows months = month_rows(periods);
    if (!months.rows.empty()) {
      add_regimes(result, periods, months, plots);
      add_ceasefire_curve(result, periods, months, plots);
    }
  }
  add_blockers(result, view, plots);
}

}  // namespace parley::report
