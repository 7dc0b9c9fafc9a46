// Reader for the record format of the Decide exchange-model software
// (docs/models/exchange.md section 1):
//
//   '#A'  actor id, actor name, comment
//   '#P'  issue id, issue name, description
//   '#M'  issue id, value [, label]          scale points; min and max give the range
//   '#D'  actor id, issue id, position, salience (0-1), power
//
// Fields are separated by tabs (or ';' or ','), strings are single-quoted.
// Declarations may appear anywhere in the file: #A and #P records are read in
// a first pass, #M and #D in a second, so every reference is checked against
// the whole file.  Positions are mapped to 0-100 per issue; saliences to
// 0-100; power becomes the per-issue capability.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/csv.h"
#include "io/importers.h"
#include "io/text_util.h"
#include "parley/error.h"
#include "parley/node.h"

namespace parley::io {
namespace {

// Strips one pair of matching surrounding quotes the table reader left (a
// file quoted with '"' while we read with '\'', or the reverse).
std::string unquoted(std::string text) {
  if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') &&
      text.back() == text.front())
    return text.substr(1, text.size() - 2);
  return text;
}

[[noreturn]] void fail_at(const CsvTable& table, const CsvRow& row, int column,
                          const std::string& message) {
  throw Error(SourceLocation{table.file, row.line, column, ""}, message);
}

// Record layouts: the fields after the record type that must be present, and
// how many there may be.
struct Layout {
  const char* type;
  std::size_t required;  // including the record type itself
  std::size_t most;      // likewise
  const char* fields;
};
constexpr Layout kActor{"#A", 2, 4, "actor id[, name, comment]"};
constexpr Layout kIssue{"#P", 2, 4, "issue id[, name, description]"};
constexpr Layout kScale{"#M", 3, 4, "issue id, value[, label]"};
constexpr Layout kData{"#D", 6, 6, "actor id, issue id, position, salience, power"};

void require_fields(const CsvTable& table, const CsvRow& row, const Layout& layout) {
  if (row.cells.size() < layout.required)
    fail_at(table, row, 0,
            std::string("record ") + layout.type + " needs " + std::to_string(layout.required - 1) +
                " fields (" + layout.fields + "), found " + std::to_string(row.cells.size() - 1));
  for (std::size_t k = layout.most; k < row.cells.size(); ++k)
    if (!row.cells[k].text.empty())
      fail_at(table, row, row.cells[k].column,
              std::string("record ") + layout.type + " has at most " +
                  std::to_string(layout.most - 1) + " fields (" + layout.fields + "); field " +
                  std::to_string(k) + " ('" + excerpt(row.cells[k].text) + "') is one too many");
}

// What each field of each record is read as, for Scenario::columns.
std::vector<ColumnUse> record_layouts() {
  return {{2, "#A", "actor id"},
          {3, "#A", "actor name"},
          {4, "#A", "actor note"},
          {2, "#P", "issue id"},
          {3, "#P", "issue name"},
          {4, "#P", "issue tag description"},
          {2, "#M", "issue id"},
          {3, "#M", "scale point (the lowest and highest give the scale)"},
          {4, "#M", "anchor label of the point"},
          {2, "#D", "actor id"},
          {3, "#D", "issue id"},
          {4, "#D", "position (mapped to 0-100 on the issue's scale)"},
          {5, "#D", "salience on 0-1 (multiplied by 100)"},
          {6, "#D", "power: the actor's capability on the issue"}};
}

// Ids -> index in the scenario, for O(1) look-ups per record.
struct Index {
  std::unordered_map<std::string, int> actor, issue;
};

std::string text_at(const CsvRow& row, std::size_t k) {
  return k < row.cells.size() ? unquoted(row.cells[k].text) : std::string();
}

const CsvCell& cell_at(const CsvRow& row, std::size_t k) { return row.cells[k]; }

std::string describe_number(double value) { return format_number(value); }

struct ScalePoint {
  double value;
  std::string label;
};

struct IssueScale {
  std::vector<ScalePoint> points;
  double lower = 0, upper = 100;
  bool normalise = false;  // false: positions are read as 0-100 as given
};

// Pass 1: declarations.  Fills the scenario's actors and issues in input order.
void read_declarations(const CsvTable& table, Scenario& scenario) {
  std::map<std::string, int> actor_line, issue_line;
  for (const auto& row : table.rows) {
    const std::string type = text_at(row, 0);
    if (type == kActor.type) {
      require_fields(table, row, kActor);
      Actor actor;
      actor.id = text_at(row, 1);
      if (actor.id.empty()) fail_at(table, row, 2, "#A: empty actor id");
      if (auto [it, fresh] = actor_line.emplace(actor.id, row.line); !fresh)
        fail_at(table, row, 2,
                "#A: actor '" + excerpt(actor.id) + "' declared twice (first at line " +
                    std::to_string(it->second) + ")");
      actor.name = text_at(row, 2);
      if (actor.name.empty()) actor.name = actor.id;
      actor.note = text_at(row, 3);
      actor.source = table.file;
      scenario.actors.push_back(std::move(actor));
    } else if (type == kIssue.type) {
      require_fields(table, row, kIssue);
      Issue issue;
      issue.id = text_at(row, 1);
      if (issue.id.empty()) fail_at(table, row, 2, "#P: empty issue id");
      if (auto [it, fresh] = issue_line.emplace(issue.id, row.line); !fresh)
        fail_at(table, row, 2,
                "#P: issue '" + excerpt(issue.id) + "' declared twice (first at line " +
                    std::to_string(it->second) + ")");
      issue.name = text_at(row, 2);
      if (issue.name.empty()) issue.name = issue.id;
      if (std::string description = text_at(row, 3);
          !description.empty() && description != issue.name)
        issue.tags["description"] = description;
      scenario.issues.push_back(std::move(issue));
    } else if (type != kScale.type && type != kData.type) {
      fail_at(table, row, 1,
              "unknown record type '" + excerpt(type) + "'; expected #A, #P, #M or #D");
    }
  }
}

int issue_of(const CsvTable& table, const CsvRow& row, const Index& index, std::size_t column,
             const char* record) {
  const std::string id = text_at(row, column);
  const auto it = index.issue.find(id);
  if (it == index.issue.end())
    fail_at(table, row, static_cast<int>(column) + 1,
            std::string(record) + ": issue '" + excerpt(id) + "' is not declared by a #P record");
  return it->second;
}

// Pass 2a: scale points, and from them each issue's range (exchange.md section 1).
std::vector<IssueScale> read_scales(const CsvTable& table, const Index& index, Scenario& scenario) {
  std::vector<IssueScale> scales(scenario.issues.size());
  for (const auto& row : table.rows) {
    if (text_at(row, 0) != kScale.type) continue;
    require_fields(table, row, kScale);
    const int issue = issue_of(table, row, index, 1, "#M");
    const double value = cell_number(table, row, cell_at(row, 2), "scale value");
    scales[issue].points.push_back({value, text_at(row, 3)});
  }
  for (std::size_t i = 0; i < scales.size(); ++i) {
    IssueScale& scale = scales[i];
    Issue& issue = scenario.issues[i];
    if (scale.points.empty()) {
      scenario.warnings.push_back("issue '" + excerpt(issue.id) +
                                  "': no #M scale points; positions are read as 0-100");
      continue;
    }
    auto [lo, hi] = std::minmax_element(
        scale.points.begin(), scale.points.end(),
        [](const ScalePoint& a, const ScalePoint& b) { return a.value < b.value; });
    if (lo->value == hi->value) {
      scenario.warnings.push_back("issue '" + excerpt(issue.id) + "': scale lower = upper = " +
                                  describe_number(lo->value) + "; positions are read as 0-100");
      continue;
    }
    scale.lower = lo->value;
    scale.upper = hi->value;
    scale.normalise = true;
  }
  return scales;
}

double to_percent(const IssueScale& scale, double value) {
  if (!scale.normalise) return value;
  return (value - scale.lower) * 100.0 / (scale.upper - scale.lower);
}

// Anchors: labelled scale points, and, when the scale was rescaled, the
// original values so that a reader can map 0-100 back.
void add_anchors(const std::vector<IssueScale>& scales, Scenario& scenario) {
  for (std::size_t i = 0; i < scales.size(); ++i) {
    const IssueScale& scale = scales[i];
    const bool identity = !scale.normalise || (scale.lower == 0 && scale.upper == 100);
    for (const auto& point : scale.points) {
      if (!point.label.empty())
        scenario.issues[i].anchors[to_percent(scale, point.value)] = point.label;
      else if (!identity)
        scenario.issues[i].anchors[to_percent(scale, point.value)] = describe_number(point.value);
    }
  }
}

// Pass 2b: the data records.
void read_data(const CsvTable& table, const std::vector<IssueScale>& scales, const Index& index,
               Scenario& scenario) {
  std::map<std::pair<int, int>, int> seen;  // (actor, issue) -> line
  for (const auto& row : table.rows) {
    if (text_at(row, 0) != kData.type) continue;
    require_fields(table, row, kData);
    const std::string actor_id = text_at(row, 1);
    const auto found = index.actor.find(actor_id);
    if (found == index.actor.end())
      fail_at(table, row, 2,
              "#D: actor '" + excerpt(actor_id) + "' is not declared by an #A record");
    const int actor = found->second;
    const int issue = issue_of(table, row, index, 2, "#D");
    const std::string& issue_id = scenario.issues[issue].id;
    if (auto [it, fresh] = seen.emplace(std::pair{actor, issue}, row.line); !fresh)
      fail_at(table, row, 1,
              "#D: second record for actor '" + excerpt(actor_id) + "' on issue '" +
                  excerpt(issue_id) + "' (first at line " + std::to_string(it->second) + ")");

    const IssueScale& scale = scales[issue];
    const double position = cell_number(table, row, cell_at(row, 3), "position");
    const double salience = cell_number(table, row, cell_at(row, 4), "salience");
    const double power = cell_number(table, row, cell_at(row, 5), "power");
    const double lower = scale.normalise ? scale.lower : 0.0;
    const double upper = scale.normalise ? scale.upper : 100.0;
    if (position < lower || position > upper)
      fail_at(table, row, cell_at(row, 3).column,
              "#D: position " + describe_number(position) + " of actor '" + excerpt(actor_id) +
                  "' lies outside the scale of issue '" + excerpt(issue_id) + "' [" +
                  describe_number(lower) + ", " + describe_number(upper) + "]");
    if (salience < 0 || salience > 1)
      fail_at(table, row, cell_at(row, 4).column,
              "#D: salience " + describe_number(salience) + " outside [0, 1]");
    if (!(power > 0))
      fail_at(table, row, cell_at(row, 5).column,
              "#D: power " + describe_number(power) + " must be positive");

    Actor& who = scenario.actors[actor];
    who.position[issue_id] = to_percent(scale, position);
    who.salience[issue_id] = salience * 100.0;
    who.capability_by_issue[issue_id] = power;
  }
}

std::string title_from(const std::string& name) {
  std::string_view stem = name;
  if (auto slash = stem.find_last_of("/\\"); slash != std::string_view::npos)
    stem.remove_prefix(slash + 1);
  if (auto dot = stem.rfind('.'); dot != std::string_view::npos && dot > 0)
    stem = stem.substr(0, dot);
  return std::string(stem);
}

}  // namespace

Scenario import_decide(std::string_view text, const std::string& name) {
  const CsvTable table = parse_delimited(text, name, sniff_delimiter(text), '\'');
  Scenario scenario;
  scenario.title = title_from(name);
  scenario.description = "Imported from Decide exchange-model records (#A, #P, #M, #D).";
  scenario.origin = name;
  read_declarations(table, scenario);
  Index index;
  for (std::size_t a = 0; a < scenario.actors.size(); ++a)
    index.actor.emplace(scenario.actors[a].id, static_cast<int>(a));
  for (std::size_t i = 0; i < scenario.issues.size(); ++i)
    index.issue.emplace(scenario.issues[i].id, static_cast<int>(i));
  const std::vector<IssueScale> scales = read_scales(table, index, scenario);
  add_anchors(scales, scenario);
  read_data(table, scales, index, scenario);
  scenario.columns = record_layouts();
  make_ids_valid(scenario);  // Decide ids may contain blanks
  validate(scenario);
  return scenario;
}

// True when the first non-blank line starts with a Decide record type, with
// or without quotes, followed by a tab, ';' or ','.
bool looks_like_decide(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  text.remove_prefix(start);
  char quote = 0;
  if (text.starts_with('\'') || text.starts_with('"')) {
    quote = text.front();
    text.remove_prefix(1);
  }
  if (text.size() < 3 || text[0] != '#') return false;
  if (std::string_view("APMD").find(text[1]) == std::string_view::npos) return false;
  text.remove_prefix(2);
  if (quote != 0) {
    if (text.front() != quote) return false;
    text.remove_prefix(1);
  }
  return !text.empty() && (text.front() == '\t' || text.front() == ';' || text.front() == ',');
}

}  // namespace parley::io
