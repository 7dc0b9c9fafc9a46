#include "io/outcomes.h"

#include <cmath>
#include <map>
#include <stdexcept>
#include <vector>

#include "io/csv.h"
#include "io/text_util.h"
#include "parley/error.h"
#include "parley/io.h"

namespace parley::io {

namespace {

// Finds the issues an outcome key names: an issue id, or every issue whose
// `case` / `proposal` tag equals it.
std::vector<Issue*> issues_named(Scenario& scenario, const std::string& key) {
  std::vector<Issue*> found;
  for (auto& issue : scenario.issues) {
    auto tag = [&](const char* t) {
      auto it = issue.tags.find(t);
      return it != issue.tags.end() && it->second == key;
    };
    if (issue.id == key || tag("case") || tag("proposal")) found.push_back(&issue);
  }
  return found;
}

}  // namespace

// --outcomes FILE: a CSV with a case or issue column and an outcome column
// (outcome, outcome_value), optionally several codings told apart by an
// `outcome_key` column (choose one with --outcome-key).
void apply_outcome_file(Scenario& scenario, const std::string& path, const std::string& key) {
  std::string text = read_text_file(path);
  CsvTable table = parse_delimited(text, path, sniff_delimiter(text));
  if (table.rows.empty()) throw Error(SourceLocation{path, 1, 0, ""}, "empty outcome file");
  int c_id = -1, c_value = -1, c_key = -1;
  for (const auto& cell : table.rows.front().cells) {
    std::string h = lower(cell.text);
    int col = cell.column - 1;
    if (h == "case" || h == "case_id" || h == "issue" || h == "issue_id") c_id = col;
    if (h == "outcome" || h == "outcome_value" || h == "out") c_value = col;
    if (h == "outcome_key") c_key = col;
  }
  if (c_id < 0 || c_value < 0)
    throw Error(SourceLocation{path, table.rows.front().line, 0, ""},
                "outcome file needs a case/issue column and an outcome/outcome_value column");
  std::map<std::string, std::pair<double, int>> chosen;  // id -> (value, line)
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    auto cell = [&](int c) {
      return c < static_cast<int>(row.cells.size()) ? row.cells[c].text : "";
    };
    if (c_key >= 0 && !key.empty() && cell(c_key) != key) continue;
    std::string id = cell(c_id);
    if (id.empty() || cell(c_value).empty()) continue;
    double value = cell_number(table, row, row.cells[c_value], "outcome");
    auto [it, fresh] = chosen.emplace(id, std::make_pair(value, row.line));
    if (!fresh && it->second.first != value)
      throw Error(SourceLocation{path, row.line, 0, id},
                  "several outcomes for '" + id + "'" +
                      (c_key >= 0 ? "; choose one coding with --outcome-key" : ""));
  }
  if (chosen.empty())
    throw Error(SourceLocation{path, 0, 0, ""},
                "no outcome rows" + (key.empty() ? std::string() : " with outcome_key " + key));
  for (const auto& [id, value] : chosen) {
    auto issues = issues_named(scenario, id);
    if (issues.empty())
      throw Error(SourceLocation{path, value.second, 0, id},
                  "no issue or case '" + id + "' in " + scenario.origin);
    for (Issue* issue : issues) issue->outcome = value.first;
  }
}

// --outcome ISSUE=VALUE (or VALUE for a one-issue scenario).
void apply_outcome_setting(Scenario& scenario, const std::string& setting) {
  auto eq = setting.rfind('=');
  std::string id = eq == std::string::npos ? "" : setting.substr(0, eq);
  std::string text = eq == std::string::npos ? setting : setting.substr(eq + 1);
  double value = 0;
  try {
    std::size_t used = 0;
    value = std::stod(text, &used);
    if (used != text.size() || !std::isfinite(value)) throw std::invalid_argument(text);
  } catch (const std::exception&) {
    throw Error("--outcome " + setting + ": expected ISSUE=NUMBER or NUMBER");
  }
  if (id.empty()) {
    if (scenario.issues.size() != 1)
      throw Error("--outcome " + setting + ": name the issue (ISSUE=VALUE); the scenario has " +
                  std::to_string(scenario.issues.size()) + " issues");
    scenario.issues.front().outcome = value;
    return;
  }
  auto issues = issues_named(scenario, id);
  if (issues.empty()) throw Error("--outcome " + setting + ": no issue or case '" + id + "'");
  for (Issue* issue : issues) issue->outcome = value;
}

}  // namespace parley::io
