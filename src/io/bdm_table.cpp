// Actor tables in the style of BDM replications: one row per actor with
// columns for name, capability, position and salience, under many header
// spellings (docs/scenario-format.md, "Importing").
#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_set>

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

}  // namespace

Scenario import_bdm_table(std::string_view text, const std::string& name) {
  const CsvTable table = parse_delimited(text, name, sniff_delimiter(text));
  if (table.rows.empty()) throw Error(SourceLocation{name, 1, 0, ""}, "the file is empty");
  const CsvRow& header = table.rows.front();
  std::optional<size_t> col[4];
  for (size_t k = 0; k < header.cells.size(); ++k) {
    const Column c = classify(header.cells[k].text);
    if (c != Column::other && !col[static_cast<int>(c)]) col[static_cast<int>(c)] = k;
  }
  static const char* required[] = {"actor (or name, stakeholder)",
                                   "capability (or resources, clout, power, influence, c)",
                                   "position (or x)", "salience (or s)"};
  for (int c = 0; c < 4; ++c)
    if (!col[c])
      throw Error(SourceLocation{name, header.line, 0, "header"},
                  std::string("missing a column for ") + required[c]);
  if (table.rows.size() < 2) throw Error(SourceLocation{name, header.line, 0, ""}, "no actor rows");

  struct Row {
    std::string name;
    double capability, position, salience;
  };
  std::vector<Row> rows;
  for (size_t r = 1; r < table.rows.size(); ++r) {
    const CsvRow& row = table.rows[r];
    auto cell = [&](int c, const char* field) -> const CsvCell& {
      const size_t k = *col[c];
      if (k >= row.cells.size() || row.cells[k].text.empty())
        throw Error(SourceLocation{name, row.line, static_cast<int>(k) + 1, field},
                    "row " + std::to_string(row.line) + ": missing value for " + field);
      return row.cells[k];
    };
    Row out;
    out.name = cell(0, "actor").text;
    const CsvCell& cap = cell(1, "capability");
    out.capability = cell_number(table, row, cap, "capability");
    if (out.capability <= 0)
      throw Error(
          SourceLocation{name, row.line, cap.column, "capability"},
          "row " + std::to_string(row.line) + ": capability must be > 0, found " + cap.text);
    out.position = cell_number(table, row, cell(2, "position"), "position");
    const CsvCell& sal = cell(3, "salience");
    out.salience = cell_number(table, row, sal, "salience");
    if (out.salience < 0 || out.salience > 100)
      throw Error(SourceLocation{name, row.line, sal.column, "salience"},
                  "row " + std::to_string(row.line) +
                      ": salience must lie in 0..1 or 0..100, found " + sal.text);
    rows.push_back(out);
  }
  double lo = rows[0].position, hi = lo, smax = 0;
  for (const Row& r : rows) {
    lo = std::min(lo, r.position);
    hi = std::max(hi, r.position);
    smax = std::max(smax, r.salience);
  }
  // Saliences all within [0, 1] are read as fractions (0-1 scale).
  const double sal_factor = smax <= 1.0 ? 100.0 : 1.0;
  const auto [scale_lo, scale_hi] = infer_scale(lo, hi);

  Scenario s;
  s.origin = name;
  s.title = stem(name);
  Issue issue;
  issue.id = "issue";
  issue.name = header.cells[*col[2]].text;
  issue.lo = scale_lo;
  issue.hi = scale_hi;
  s.issues.push_back(issue);
  std::unordered_set<std::string> taken;
  for (const Row& r : rows) {
    Actor a;
    a.id = unique_id(slug(r.name), taken);
    a.name = r.name;
    a.capability = Uncertain(r.capability);
    a.position[issue.id] = Uncertain(r.position);
    a.salience[issue.id] = Uncertain(r.salience * sal_factor);
    a.source = stem(name);
    s.actors.push_back(std::move(a));
  }
  if (sal_factor != 1.0)
    s.warnings.push_back("saliences read on a 0-1 scale and multiplied by 100");
  validate(s);
  return s;
}

}  // namespace parley::io
