// Actor tables in the style of BDM replications: one row per actor with
// columns for name, capability, position and salience, under many header
// spellings (docs/scenario-format.md, "Importing").
#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "io/csv.h"
#include "io/importers.h"
#include "io/text_util.h"
#include "parley/error.h"

namespace parley::io {
namespace {

enum class Column { actor, capability, position, salience, other };

Column classify(const std::string& header) {
  const std::string h = lower(header);
  auto is = [&](std::initializer_list<const char*> names) {
    for (const char* n : names)
      if (h == n) return true;
    return false;
  };
  auto starts = [&](const char* prefix) { return h.rfind(prefix, 0) == 0; };
  if (is({"actor", "name", "stakeholder", "player"})) return Column::actor;
  if (is({"capability", "resources", "clout", "power", "c", "influence"}) || starts("capabilit") ||
      starts("resource") || starts("influence"))
    return Column::capability;
  if (is({"position", "x"}) || starts("position")) return Column::position;
  if (is({"salience", "s"}) || starts("salience")) return Column::salience;
  return Column::other;
}

// The issue scale for positions given without one: [0, 1] or [0, 100] when
// the data fit those conventions, else the range of the data.
std::pair<double, double> infer_scale(double lo, double hi) {
  if (lo >= 0 && hi <= 1) return {0, 1};
  if (lo >= 0 && hi <= 100 && hi - lo > 10) return {0, 100};
  if (lo == hi) return {lo - 1, hi + 1};
  return {lo, hi};
}

const char* field_name(Column c) {
  static const char* names[] = {"actor", "capability", "position", "salience"};
  return names[static_cast<int>(c)];
}

// The header's columns: the one column of each field, and what every column
// is read as.  Two columns for one field are an error: a bdm table has one
// issue (the long format holds several).
struct Header {
  std::optional<size_t> col[4];
  std::vector<std::string> use;
};

Header read_header(const CsvTable& table) {
  const CsvRow& header = table.rows.front();
  Header h;
  h.use.resize(header.cells.size());
  for (size_t k = 0; k < header.cells.size(); ++k) {
    const Column c = classify(header.cells[k].text);
    if (c == Column::other) continue;
    auto& slot = h.col[static_cast<int>(c)];
    if (slot)
      throw Error(SourceLocation{table.file, header.line, static_cast<int>(k) + 1, "header"},
                  "columns " + std::to_string(*slot + 1) + " ('" +
                      excerpt(header.cells[*slot].text) + "') and " + std::to_string(k + 1) +
                      " ('" + excerpt(header.cells[k].text) + "') both give the " + field_name(c) +
                      "; an actor table holds one issue (use the long format for several)");
    slot = k;
    h.use[k] = field_name(c);
  }
  static const char* required[] = {"actor (or name, stakeholder)",
                                   "capability (or resources, clout, power, influence, c)",
                                   "position (or x)", "salience (or s)"};
  for (int c = 0; c < 4; ++c)
    if (!h.col[c])
      throw Error(SourceLocation{table.file, header.line, 0, "header"},
                  std::string("missing a column for ") + required[c]);
  return h;
}

struct Row {
  std::string name;
  double capability, position, salience;
};

// One actor row: every field present, numbers finite and in range, the
// actor named once in the file (`first_line`: name, viewed in the table ->
// line).  O(fields).
Row read_row(const CsvTable& table, const CsvRow& row, const Header& h,
             std::unordered_map<std::string_view, int>& first_line) {
  const std::string& name = table.file;
  check_width(table, row);
  auto cell = [&](int c, const char* field) -> const CsvCell& {
    const size_t k = *h.col[c];
    if (k >= row.cells.size() || row.cells[k].text.empty())
      throw Error(SourceLocation{name, row.line, static_cast<int>(k) + 1, field},
                  "line " + std::to_string(row.line) + ": missing value for " + field);
    return row.cells[k];
  };
  Row out;
  const CsvCell& actor = cell(0, "actor");
  out.name = actor.text;
  if (auto [it, fresh] = first_line.emplace(actor.text, row.line); !fresh)
    throw Error(SourceLocation{name, row.line, actor.column, "actor"},
                "actor '" + excerpt(out.name) + "' appears twice (first at line " +
                    std::to_string(it->second) + "); each actor has one row");
  const CsvCell& cap = cell(1, "capability");
  out.capability = cell_number(table, row, cap, "capability");
  if (out.capability <= 0)
    throw Error(SourceLocation{name, row.line, cap.column, "capability"},
                "line " + std::to_string(row.line) + ": capability must be > 0, found " +
                    excerpt(cap.text));
  out.position = cell_number(table, row, cell(2, "position"), "position");
  const CsvCell& sal = cell(3, "salience");
  out.salience = cell_number(table, row, sal, "salience");
  if (out.salience < 0 || out.salience > 100)
    throw Error(SourceLocation{name, row.line, sal.column, "salience"},
                "line " + std::to_string(row.line) +
                    ": salience must lie in 0..1 or 0..100, found " + excerpt(sal.text));
  return out;
}

}  // namespace

Scenario import_bdm_table(std::string_view text, const std::string& name) {
  CsvTable table = parse_delimited(text, name, sniff_delimiter(text));
  if (table.rows.empty())
    throw Error(SourceLocation{name, 1, 0, ""},
                "the file is empty (expected a header: actor, capability, position, salience)");
  table.header = 0;
  const Header h = read_header(table);
  if (table.rows.size() < 2)
    throw Error(SourceLocation{name, table.rows[0].line, 0, ""}, "no actor rows");

  Scenario s;
  s.columns = column_uses(table, h.use, "actor, capability, position and salience", s.warnings);
  std::vector<Row> rows;
  std::unordered_map<std::string_view, int> first_line;
  for (size_t r = 1; r < table.rows.size(); ++r)
    rows.push_back(read_row(table, table.rows[r], h, first_line));
  double lo = rows[0].position, hi = lo;
  for (const Row& r : rows) {
    lo = std::min(lo, r.position);
    hi = std::max(hi, r.position);
  }
  const auto [scale_lo, scale_hi] = infer_scale(lo, hi);

  s.origin = name;
  s.title = stem(name);
  Issue issue;
  issue.id = "issue";
  issue.name = table.rows[0].cells[*h.col[2]].text;
  issue.lo = scale_lo;
  issue.hi = scale_hi;
  s.issues.push_back(issue);
  UniqueIds ids;
  for (const Row& r : rows) {
    Actor a;
    a.id = ids.make(slug(r.name));
    a.name = r.name;
    a.capability = Uncertain(r.capability);
    a.position[issue.id] = Uncertain(r.position);
    a.salience[issue.id] = Uncertain(r.salience);
    a.source = stem(name);
    s.actors.push_back(std::move(a));
  }
  read_fractional_saliences(s);  // the one salience convention (text_util.h)
  validate(s);
  return s;
}

}  // namespace parley::io
