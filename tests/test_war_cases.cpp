// The library of historical war-termination cases (cases/wars, docs/war-cases.md):
// the outcomes file's format, and every case scenario against the mechanical rules
// of the coding conventions: frozen at the clock start (no source dated after the
// clock-start month unless its note says what it is cited for), period 1 and
// horizon, scales, the conflict section's tables, and none of the parameters left
// to the war layer's calibration.  Each case must also run under the war model.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "parley/instance.h"
#include "parley/io.h"
#include "parley/model.h"
#include "parley/node.h"
#include "parley/scenario.h"
#include "test_support.h"

namespace parley {
namespace {

const char* const kOutcomes = "cases/wars/outcomes.csv";
const char* const kHeader = "case,scenario,clock_start,ceasefire,end,censored";

// A calendar month as a count of months since year 0; nullopt unless "YYYY-MM".
std::optional<int> month_index(const std::string& text) {
  int year = 0, month = 0;
  char tail = 0;
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  if (std::sscanf(text.c_str(), "%4d-%2d%c", &year, &month, &tail) != 2) return std::nullopt;
  if (year < 1000 || month < 1 || month > 12) return std::nullopt;
  return year * 12 + month - 1;
}

// The last day a (possibly partial) date can denote, as YYYYMMDD with day 31 for
// any month: "1999" is read as 1999-12-31, so an imprecise date never passes for
// an earlier one.
long latest_day(const std::string& date) {
  int year = 0, month = 12, day = 31;
  std::sscanf(date.c_str(), "%d-%d-%d", &year, &month, &day);
  return year * 10000L + month * 100L + day;
}

struct Outcome {
  int line = 0;
  std::string id, scenario, clock_start, ceasefire, end, censored;
};

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

// Reads the outcomes file; format problems are returned, not thrown.
std::vector<Outcome> read_outcomes(std::vector<std::string>& problems) {
  std::ifstream in(testing::source_file(kOutcomes));
  std::vector<Outcome> rows;
  std::string line;
  if (!std::getline(in, line) || line != kHeader) {
    problems.push_back("the header must be exactly: " + std::string(kHeader));
    return rows;
  }
  for (int n = 2; std::getline(in, line); ++n) {
    const std::vector<std::string> f = split_fields(line);
    if (f.size() != 6) {
      problems.push_back("line " + std::to_string(n) + ": expected 6 fields");
      continue;
    }
    rows.push_back({n, f[0], f[1], f[2], f[3], f[4], f[5]});
  }
  return rows;
}

// Everything wrong with one outcomes row on its own (months, end and censoring).
std::vector<std::string> row_problems(const Outcome& r) {
  std::vector<std::string> p;
  const std::string at = "line " + std::to_string(r.line) + ": ";
  const auto start = month_index(r.clock_start);
  if (r.id.empty()) p.push_back(at + "empty case id");
  if (!start) p.push_back(at + "clock_start is not YYYY-MM");
  static const std::set<std::string> ends = {"ceasefire", "victory_a", "victory_b", "censored"};
  if (!ends.count(r.end))
    p.push_back(at + "end must be ceasefire, victory_a, victory_b or censored");
  if (r.end == "ceasefire") {
    const auto c = month_index(r.ceasefire);
    if (!c) p.push_back(at + "a ceasefire needs its month, YYYY-MM");
    if (c && start && *c < *start) p.push_back(at + "ceasefire before the clock start");
    if (!r.censored.empty()) p.push_back(at + "censored must be empty when a ceasefire came");
  } else if (ends.count(r.end)) {
    const auto c = month_index(r.censored);
    if (!r.ceasefire.empty()) p.push_back(at + "no ceasefire month when none came");
    if (!c) p.push_back(at + "censored must be the last month observed, YYYY-MM");
    if (c && start && *c < *start) p.push_back(at + "censored before the clock start");
  }
  return p;
}

const Node* section(const Scenario& s, const std::string& key) { return s.section(key); }

double number_or(const Node* map, const char* key, double fallback) {
  const Node* n = map ? map->find(key) : nullptr;
  return n ? n->as_number() : fallback;
}

bool in_set(double v, std::initializer_list<double> values) {
  return std::any_of(values.begin(), values.end(),
                     [v](double x) { return std::fabs(v - x) < 1e-9; });
}

// Sources: dated no later than the clock-start month, or a note saying what a
// later or undated source is cited for.
void check_sources(const Scenario& s, int clock_start, std::vector<std::string>& p) {
  const long cutoff = (clock_start / 12) * 10000L + (clock_start % 12 + 1) * 100L + 31;
  for (const Source& src : s.sources) {
    const bool late = src.date.empty() || latest_day(src.date) > cutoff;
    if (late && src.note.find("cited only") == std::string::npos)
      p.push_back("source " + src.id + " is undated or later than the clock-start month; " +
                  "its note must say what it is 'cited only' for");
  }
}

// The conflict section's tables (docs/war-cases.md) and the keys left to the model.
void check_conflict(const Node& c, const Scenario& s, std::vector<std::string>& p) {
  for (const char* key : {"discount", "hazard"})
    if (c.find(key)) p.push_back(std::string("conflict.") + key + " is left to the model");
  if (const Node* regime = c.find("regime")) {
    for (const auto& [key, value] : regime->members)
      if (key != "start" && key != "source" && key != "note")
        p.push_back("conflict.regime." + key + " is left to the model");
    if (!regime->find("start")) p.push_back("conflict.regime.start is required");
  } else {
    p.push_back("conflict.regime.start is required");
  }
  const Node* front = c.find("front");
  if (number_or(front, "cells", 20) != 20) p.push_back("front.cells must be 20");
  const Node* issue = front ? front->find("issue") : nullptr;
  const int i = issue ? s.issue_index(issue->as_string()) : -1;
  if (i >= 0 && s.issues[i].status_quo && front->find("start")) {
    const Issue& fi = s.issues[i];
    const double share = (fi.status_quo->nominal() - fi.lo) / (fi.hi - fi.lo);
    if (std::lround(share * 20) != front->find("start")->as_integer())
      p.push_back("front.start must be the status quo's cell");
  }
  const Node* battle = c.find("battle");
  if (battle && battle->find("csf") && battle->find("csf")->as_string() != "ratio")
    p.push_back("battle.csf must be ratio");
  const Node* costs = c.find("costs");
  for (const char* side : {"a", "b"})
    if (!costs || number_or(costs, side, 0) < 0.02 || number_or(costs, side, 0) > 0.06)
      p.push_back(std::string("costs.") + side + " must be on the 0.02-0.06 table");
  if (const Node* beliefs = c.find("beliefs"))
    for (const auto& [actor, b] : beliefs->members)
      if (number_or(&b, "weight", 0) < 5 || number_or(&b, "weight", 0) > 30)
        p.push_back("beliefs." + actor + ".weight must be clamped to 5..30");
  if (const Node* audience = c.find("audience"))
    for (const auto& [actor, a] : audience->members) {
      if (!in_set(number_or(&a, "cost", -1), {0.02, 0.05, 0.10, 0.15}))
        p.push_back("audience." + actor + ".cost must be 0.02, 0.05, 0.10 or 0.15");
      const double decay = number_or(&a, "decay", 1);
      if (decay < 0.93 || decay > 0.97)
        p.push_back("audience." + actor + ".decay not in 0.93-0.97");
    }
  if (const Node* meds = c.find("mediators"))
    for (const Node& m : meds->items) {
      const double a = number_or(&m, "activity", 0.5);
      if (!(a == 0 || (a >= 0.2 && a <= 0.3) || (a >= 0.5 && a <= 0.8)))
        p.push_back("mediator activity must be 0, 0.2-0.3 or 0.5-0.8");
    }
  if (const Node* events = c.find("events"))
    for (const Node& e : events->items)
      if (e.find("optional")) p.push_back("no optional what-if events in a case");
}

// Everything in one case scenario that breaks the coding conventions.
std::vector<std::string> codebook_problems(const Scenario& s, const Outcome& r) {
  std::vector<std::string> p;
  const auto start = month_index(r.clock_start);
  if (!start) return {"bad clock_start"};
  if (month_index(s.date.substr(0, 7)) != start)
    p.push_back("the scenario's date must fall in the clock-start month");
  if (s.actors.size() < 3 || s.actors.size() > 7) p.push_back("3-7 actors");
  for (const Issue& issue : s.issues) {
    if (issue.outcome) p.push_back("issue " + issue.id + " has an outcome field");
    if (!issue.status_quo) p.push_back("issue " + issue.id + " has no status quo");
    if (issue.anchors.size() < 3 || issue.anchors.size() > 5)
      p.push_back("issue " + issue.id + " needs 3-5 anchors");
  }
  check_sources(s, *start, p);
  if (const Node* agenda = section(s, "agenda"); agenda && agenda->find("fill"))
    p.push_back("agenda.fill is left to the model");
  const Node* c = section(s, "conflict");
  if (!c) {
    p.push_back("no conflict section");
    return p;
  }
  check_conflict(*c, s, p);
  const Node* first = c->find("start");
  const auto period1 = first ? month_index(first->as_string()) : std::nullopt;
  if (!period1 || (*period1 != *start + 1 && *period1 != *start))
    p.push_back("conflict.start must be the month after the clock start (or that month)");
  const auto last = month_index(r.end == "ceasefire" ? r.ceasefire : r.censored);
  const Node* horizon = c->find("horizon");
  if (period1 && last && (!horizon || horizon->as_integer() < *last - *period1 + 1 + 6))
    p.push_back("the horizon must cover the actual end plus 6 months");
  return p;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += "\n  " + l;
  return out;
}

std::string scenario_path(const Outcome& r) {
  return (std::filesystem::path(testing::source_file(kOutcomes)).parent_path() / r.scenario)
      .string();
}

TEST(WarCases, OutcomesFileFollowsTheFormat) {
  std::vector<std::string> problems;
  const std::vector<Outcome> rows = read_outcomes(problems);
  ASSERT_TRUE(problems.empty()) << joined(problems);
  ASSERT_GE(rows.size(), 8u);
  std::set<std::string> ids;
  for (const Outcome& r : rows) {
    for (const std::string& q : row_problems(r)) problems.push_back(q);
    if (!ids.insert(r.id).second) problems.push_back("duplicate case " + r.id);
    if (!std::filesystem::is_regular_file(scenario_path(r)))
      problems.push_back("missing scenario " + r.scenario);
  }
  EXPECT_TRUE(problems.empty()) << joined(problems);
}

TEST(WarCases, OutcomeRowChecksCatchBadRows) {
  Outcome ok{2, "x", "x.yaml", "1951-06", "1953-07", "ceasefire", ""};
  EXPECT_TRUE(row_problems(ok).empty());
  Outcome early = ok;
  early.ceasefire = "1951-05";
  EXPECT_FALSE(row_problems(early).empty());
  Outcome bad_month = ok;
  bad_month.clock_start = "1951-13";
  EXPECT_FALSE(row_problems(bad_month).empty());
  Outcome censored = ok;
  censored.end = "censored";  // a ceasefire month with a censored end
  EXPECT_FALSE(row_problems(censored).empty());
  censored.ceasefire = "";
  censored.censored = "1955-01";
  EXPECT_TRUE(row_problems(censored).empty());
  Outcome unknown = ok;
  unknown.end = "armistice";
  EXPECT_FALSE(row_problems(unknown).empty());
}

TEST(WarCases, EveryScenarioFollowsTheCodebook) {
  std::vector<std::string> problems;
  for (const Outcome& r : read_outcomes(problems)) {
    SCOPED_TRACE(r.scenario);
    const Scenario s = load_scenario(scenario_path(r));  // throws on an invalid file
    const std::vector<std::string> p = codebook_problems(s, r);
    EXPECT_TRUE(p.empty()) << r.scenario << ":" << joined(p);
  }
}

TEST(WarCases, CodebookChecksCatchForbiddenKeysAndLateSources) {
  std::vector<std::string> ignored;
  const std::vector<Outcome> rows = read_outcomes(ignored);
  ASSERT_FALSE(rows.empty());
  Scenario s = load_scenario(scenario_path(rows[0]));
  ASSERT_TRUE(codebook_problems(s, rows[0]).empty());
  for (auto& [key, node] : s.sections)
    if (key == "conflict") node.add("discount", Node::number(0.95));
  s.sources.push_back({"late", "A history written later", "", "", "2001"});
  const std::string found = joined(codebook_problems(s, rows[0]));
  EXPECT_NE(found.find("conflict.discount"), std::string::npos) << found;
  EXPECT_NE(found.find("source late"), std::string::npos) << found;
}

TEST(WarCases, EveryScenarioRunsUnderTheWarModel) {
  std::vector<std::string> problems;
  for (const Outcome& r : read_outcomes(problems)) {
    SCOPED_TRACE(r.scenario);
    const Scenario s = load_scenario(scenario_path(r));
    RunContext context;
    context.seed = 1;
    context.scenario = &s;
    const Result result =
        run_model(find_model("war"), nominal_instance(s), {{"draws", 20.0}}, context);
    const auto periods = std::find_if(result.tables.begin(), result.tables.end(),
                                      [](const Table& t) { return t.name == "periods"; });
    ASSERT_NE(periods, result.tables.end());
    EXPECT_EQ(static_cast<long long>(periods->rows.size()),
              section(s, "conflict")->find("horizon")->as_integer());
  }
}

}  // namespace
}  // namespace parley
