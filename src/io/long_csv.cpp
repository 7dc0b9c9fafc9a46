// Generic long format for backtests (docs/validation.md, "The long format"):
// one row per case x actor.  Columns are found by header synonyms, so tables
// such as data/ktab_china_2014/actors.csv load as they are.
#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv.h"
#include "io/csv_write.h"
#include "io/importers.h"
#include "io/long_csv.h"
#include "io/text_util.h"
#include "parley/error.h"

namespace parley::io {
namespace {

enum Field {
  f_case,
  f_issue,
  f_actor,
  f_actor_name,
  f_position,
  f_salience,
  f_capability,
  f_outcome,
  f_status_quo,
  f_lo,
  f_hi,
  f_issue_name,
  f_count
};

// Header synonyms, compared after lower-casing and mapping ' ' and '-' to '_'.
const std::vector<std::vector<std::string>>& synonyms() {
  static const std::vector<std::vector<std::string>> table = {
      {"case", "case_id", "proposal", "dossier", "group"},
      {"issue", "issue_id", "dimension", "isnr"},
      {"actor", "actor_id", "stakeholder", "player"},
      {"actor_name", "name"},
      {"position", "position_0_100", "x", "pos"},
      {"salience", "salience_0_100", "s", "sal"},
      {"capability", "influence", "influence_0_100", "power", "clout", "resources",
       "capability_0_100", "c", "cap"},
      {"outcome", "out", "outcome_value", "actual"},
      {"status_quo", "reference_point", "rp", "sq"},
      {"scale_min", "lo", "min"},
      {"scale_max", "hi", "max"},
      {"issue_name", "case_title", "title"},
  };
  return table;
}

std::string normalise(std::string h) {
  for (char& ch : h) {
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (ch == ' ' || ch == '-') ch = '_';
  }
  return h;
}

// Known tag columns (copied to Issue::tags under the canonical name) and the
// explicit form `tag:NAME` / `tag_NAME`.
std::optional<std::string> tag_name(const std::string& h) {
  static const std::map<std::string, std::string> known = {
      {"procedure", "procedure"}, {"proc", "procedure"}, {"voting", "voting"},
      {"counvte", "voting"},      {"year", "year"},      {"regime", "regime"}};
  auto it = known.find(h);
  if (it != known.end()) return it->second;
  for (std::string prefix : {"tag:", "tag_", "tag."})
    if (h.rfind(prefix, 0) == 0 && h.size() > prefix.size()) return h.substr(prefix.size());
  return std::nullopt;
}

struct Layout {
  std::array<int, f_count> col{};
  std::vector<std::pair<int, std::string>> tags;  // column -> tag name
  std::vector<std::string> use;                   // per header column: what it is read as
};

Layout read_layout(const CsvTable& table) {
  Layout layout;
  layout.col.fill(-1);
  const CsvRow& header = table.rows.front();
  layout.use.resize(header.cells.size());
  for (std::size_t c = 0; c < header.cells.size(); ++c) {
    std::string h = normalise(header.cells[c].text);
    bool matched = false;
    for (int f = 0; f < f_count && !matched; ++f) {
      const auto& names = synonyms()[f];
      if (std::find(names.begin(), names.end(), h) == names.end()) continue;
      if (layout.col[f] >= 0)
        throw Error(SourceLocation{table.file, header.line, static_cast<int>(c) + 1, h},
                    "columns " + std::to_string(layout.col[f] + 1) + " and " +
                        std::to_string(c + 1) + " both mean '" + names.front() + "'");
      layout.col[f] = static_cast<int>(c);
      layout.use[c] = names.front();
      matched = true;
    }
    if (matched) continue;
    if (auto tag = tag_name(h)) {
      layout.tags.emplace_back(static_cast<int>(c), *tag);
      layout.use[c] = "tag " + *tag;
    }
  }
  auto need = [&](bool ok, const std::string& what) {
    if (!ok)
      throw Error(SourceLocation{table.file, header.line, 0, ""},
                  "long format needs " + what + " column");
  };
  need(layout.col[f_actor] >= 0, "an actor (actor, actor_id, stakeholder)");
  need(layout.col[f_position] >= 0, "a position (position, position_0_100)");
  need(layout.col[f_case] >= 0 || layout.col[f_issue] >= 0, "a case or an issue");
  return layout;
}

// Sets `slot` from the cell, or checks that a repeated value agrees.
void per_issue_value(const CsvTable& table, const CsvRow& row, int col, const std::string& field,
                     std::optional<double>& slot) {
  const CsvCell* c = row.cell(col);
  if (!c || c->text.empty()) return;
  double v = cell_number(table, row, *c, field);
  if (slot && *slot != v)
    throw Error(SourceLocation{table.file, row.line, c->column, field},
                field + " differs between rows of the same issue (" + format_number(*slot) +
                    " vs " + format_number(v) + ")");
  slot = v;
}

struct PendingIssue {
  Issue issue;
  std::optional<double> lo, hi, outcome, status_quo;
  int line = 0;
};

}  // namespace

bool looks_like_long_csv(std::string_view text) {
  std::string_view first = text.substr(0, text.find('\n'));
  std::string line(first);
  char delim = sniff_delimiter(line);
  std::set<std::string> names;
  std::size_t start = 0;
  while (start <= line.size()) {
    std::size_t end = line.find(delim, start);
    if (end == std::string::npos) end = line.size();
    std::string cell = line.substr(start, end - start);
    cell.erase(std::remove(cell.begin(), cell.end(), '"'), cell.end());
    while (!cell.empty() && std::isspace(static_cast<unsigned char>(cell.back()))) cell.pop_back();
    names.insert(normalise(cell));
    start = end + 1;
  }
  auto any = [&](int f) {
    for (const auto& s : synonyms()[f])
      if (names.count(s)) return true;
    return false;
  };
  // The case/issue column distinguishes it from a plain actor table.
  return any(f_actor) && any(f_position) &&
         (names.count("case") || names.count("case_id") || names.count("issue") ||
          names.count("issue_id"));
}

namespace {

// The rows of a long table into a Scenario: one issue per case/issue id, one
// actor per actor id, repeated per-issue values checked to agree.
class LongReader {
 public:
  LongReader(const CsvTable& table, const Layout& layout, Scenario& scenario)
      : table_(table), layout_(layout), col_(layout.col), scenario_(scenario) {}

  // One row.  O(log issues + log actors).
  void read(const CsvRow& row) {
    const std::string& name = table_.file;
    check_width(table_, row);
    const std::string case_id = row.text(col_[f_case]);
    std::string issue_id = row.text(col_[f_issue]);
    if (issue_id.empty()) issue_id = case_id;
    if (issue_id.empty())
      throw Error(SourceLocation{name, row.line, 0, "issue"}, "row has neither case nor issue");
    const std::string actor_id = row.text(col_[f_actor]);
    if (actor_id.empty())
      throw Error(SourceLocation{name, row.line, col_[f_actor] + 1, "actor"}, "actor is blank");
    const int issue = issue_of(row, issue_id, case_id);
    auto [a, new_actor] = actor_at_.emplace(actor_id, static_cast<int>(scenario_.actors.size()));
    if (new_actor) {
      Actor actor;
      actor.id = actor_id;
      actor.name = actor_id;
      scenario_.actors.push_back(std::move(actor));
    }
    Actor& actor = scenario_.actors[static_cast<std::size_t>(a->second)];
    const std::string actor_title = row.text(col_[f_actor_name]);
    if (!actor_title.empty()) actor.name = actor_title;
    const CsvCell* pos = row.cell(col_[f_position]);
    if (!pos || pos->text.empty()) return;  // the actor does not take part in this issue
    if (!seen_.emplace(issue, a->second).second)
      throw Error(
          SourceLocation{name, row.line, col_[f_actor] + 1, "actor"},
          "actor '" + excerpt(actor_id) + "' appears twice on issue '" + excerpt(issue_id) + "'");
    actor.position[issue_id] = Uncertain(cell_number(table_, row, *pos, "position"));
    actor.salience[issue_id] = Uncertain(salience(row));
    actor.capability_by_issue[issue_id] = Uncertain(capability(row));
  }

  // The issues, one capability per actor where its values agree, warnings.
  void finish() {
    for (auto& p : issues_) {
      p.issue.lo = p.lo.value_or(0);
      p.issue.hi = p.hi.value_or(100);
      if (!(p.issue.lo < p.issue.hi))
        throw Error(SourceLocation{table_.file, p.line, 0, "scale"},
                    "issue '" + excerpt(p.issue.id) + "': scale_min must be below scale_max");
      if (p.status_quo) p.issue.status_quo = Uncertain(*p.status_quo);
      p.issue.outcome = p.outcome;
      scenario_.issues.push_back(std::move(p.issue));
    }
    // One capability for all issues when an actor's values agree: a cleaner
    // scenario, the same numbers.
    for (auto& actor : scenario_.actors) {
      std::set<double> values;
      for (const auto& [issue, c] : actor.capability_by_issue) values.insert(c.nominal());
      if (values.size() <= 1) {
        actor.capability = Uncertain(values.empty() ? 1.0 : *values.begin());
        actor.capability_by_issue.clear();
      }
    }
    if (scenario_.issues.empty())
      throw Error(SourceLocation{table_.file, 0, 0, ""}, "no data rows");
    if (col_[f_salience] < 0)
      scenario_.warnings.push_back("no salience column: every salience set to 100");
    if (col_[f_capability] < 0)
      scenario_.warnings.push_back("no capability column: every capability set to 1");
    if (blank_salience_ > 0)
      scenario_.warnings.push_back(std::to_string(blank_salience_) +
                                   " row(s) with a position and a blank salience: read as 0");
  }

 private:
  // The issue of the row (made on its first row); its per-issue values and
  // tags must agree with those of earlier rows.
  int issue_of(const CsvRow& row, const std::string& issue_id, const std::string& case_id) {
    const std::string& name = table_.file;
    auto [it, fresh] = issue_at_.emplace(issue_id, static_cast<int>(issues_.size()));
    if (fresh) {
      PendingIssue p;
      p.issue.id = issue_id;
      p.issue.name = issue_id;
      p.line = row.line;
      if (!case_id.empty()) p.issue.tags["case"] = case_id;
      issues_.push_back(std::move(p));
    }
    PendingIssue& pending = issues_[static_cast<std::size_t>(it->second)];
    if (!case_id.empty() && pending.issue.tags["case"] != case_id)
      throw Error(SourceLocation{name, row.line, col_[f_case] + 1, "case"},
                  "issue '" + excerpt(issue_id) + "' appears under two cases ('" +
                      excerpt(pending.issue.tags["case"]) + "' and '" + excerpt(case_id) + "')");
    const std::string title = row.text(col_[f_issue_name]);
    if (!title.empty()) pending.issue.name = title;
    per_issue_value(table_, row, col_[f_outcome], "outcome", pending.outcome);
    per_issue_value(table_, row, col_[f_status_quo], "status_quo", pending.status_quo);
    per_issue_value(table_, row, col_[f_lo], "scale_min", pending.lo);
    per_issue_value(table_, row, col_[f_hi], "scale_max", pending.hi);
    for (const auto& [c, tag] : layout_.tags) {
      const std::string v = row.text(c);
      if (v.empty()) continue;
      auto [t, added] = pending.issue.tags.emplace(tag, v);
      if (!added && t->second != v)
        throw Error(
            SourceLocation{name, row.line, c + 1, tag},
            "tag '" + excerpt(tag) + "' differs between rows of issue '" + excerpt(issue_id) + "'");
    }
    return it->second;
  }

  // 100 without a salience column; a blank cell reads as 0.
  double salience(const CsvRow& row) {
    if (col_[f_salience] < 0) return 100;
    const CsvCell* s = row.cell(col_[f_salience]);
    if (!s || s->text.empty()) {
      ++blank_salience_;
      return 0;
    }
    const double salience = cell_number(table_, row, *s, "salience");
    if (salience < 0 || salience > 100)
      throw Error(SourceLocation{table_.file, row.line, s->column, "salience"},
                  "salience must lie in [0, 100], found " + format_number(salience));
    return salience;
  }

  // 1 without a capability column; a participating actor needs one.
  double capability(const CsvRow& row) const {
    if (col_[f_capability] < 0) return 1;
    const CsvCell* c = row.cell(col_[f_capability]);
    if (!c || c->text.empty())
      throw Error(SourceLocation{table_.file, row.line, col_[f_capability] + 1, "capability"},
                  "capability is blank (every participating actor needs one)");
    const double capability = cell_number(table_, row, *c, "capability");
    if (capability <= 0)
      throw Error(SourceLocation{table_.file, row.line, c->column, "capability"},
                  "capability must be positive, found " + format_number(capability));
    return capability;
  }

  const CsvTable& table_;
  const Layout& layout_;
  const std::array<int, f_count>& col_;
  Scenario& scenario_;
  std::vector<PendingIssue> issues_;
  std::map<std::string, int> issue_at_, actor_at_;
  std::set<std::pair<int, int>> seen_;  // (issue, actor)
  int blank_salience_ = 0;
};

}  // namespace

Scenario import_long_csv(std::string_view text, const std::string& name) {
  CsvTable table = parse_delimited(text, name, sniff_delimiter(text));
  if (table.rows.empty()) throw Error(SourceLocation{name, 1, 0, ""}, "empty table");
  table.header = 0;
  const Layout layout = read_layout(table);
  Scenario scenario;
  scenario.columns = column_uses(
      table, layout.use,
      "case, issue, actor, actor_name, position, salience, capability, outcome, status_quo, "
      "scale_min, scale_max, issue_name and tag columns (tag:NAME)",
      scenario.warnings);
  scenario.title = "backtest cases: " + name;
  scenario.origin = name;
  LongReader reader(table, layout, scenario);
  for (std::size_t r = 1; r < table.rows.size(); ++r) reader.read(table.rows[r]);
  reader.finish();
  read_fractional_saliences(scenario);  // the one salience convention (text_util.h)
  validate(scenario);
  return scenario;
}

}  // namespace parley::io

namespace parley::io {

std::string to_long_csv(const Scenario& scenario) {
  std::set<std::string> tag_names;
  for (const auto& issue : scenario.issues)
    for (const auto& [k, v] : issue.tags)
      if (k != "case") tag_names.insert(k);
  std::string out =
      "case,issue,actor,actor_name,position,salience,capability,outcome,status_quo,scale_min,"
      "scale_max";
  for (const auto& t : tag_names) out += "," + csv_field("tag:" + t);
  out += "\n";
  auto number = [](const std::optional<double>& v) {
    return v ? format_number(*v) : std::string();
  };
  // O(issues x actors).
  for (const auto& issue : scenario.issues) {
    std::string group;
    for (const char* key : {"proposal", "case"}) {
      auto it = issue.tags.find(key);
      if (group.empty() && it != issue.tags.end()) group = it->second;
    }
    if (group.empty()) group = issue.id;
    std::optional<double> sq;
    if (issue.status_quo) sq = issue.status_quo->nominal();
    for (const auto& actor : scenario.actors) {
      auto pos = actor.position.find(issue.id);
      if (pos == actor.position.end()) continue;
      auto sal = actor.salience.find(issue.id);
      const Uncertain* cap = actor.capability_on(issue.id);
      out += csv_field(group) + "," + csv_field(issue.id) + "," + csv_field(actor.id) + "," +
             csv_field(actor.name) + "," + format_number(pos->second.nominal()) + "," +
             format_number(sal == actor.salience.end() ? 0.0 : sal->second.nominal()) + "," +
             format_number(cap ? cap->nominal() : 1.0) + "," + number(issue.outcome) + "," +
             number(sq) + "," + format_number(issue.lo) + "," + format_number(issue.hi);
      for (const auto& t : tag_names) {
        auto it = issue.tags.find(t);
        out += "," + (it == issue.tags.end() ? std::string() : csv_field(it->second));
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace parley::io
