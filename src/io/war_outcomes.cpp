// Reader of a war-case library's outcomes file (war_outcomes.h).
#include "io/war_outcomes.h"

#include <filesystem>
#include <set>

#include "io/csv.h"
#include "parley/error.h"
#include "parley/io.h"

namespace parley::io {
namespace {

namespace v = parley::validation;

const std::vector<std::string>& columns() {
  static const std::vector<std::string> names = {"case",        "ceasefire", "censored",
                                                 "clock_start", "end",       "scenario"};
  return names;
}
const char* const kHeader = "case,scenario,clock_start,ceasefire,end,censored";
const char* const kOrder[] = {"case", "scenario", "clock_start", "ceasefire", "end", "censored"};

[[noreturn]] void fail(const std::string& file, int line, const std::string& field,
                       const std::string& message) {
  throw Error(SourceLocation{file, line, 0, field}, message);
}

void check_header(const CsvRow& header, const std::string& file) {
  for (const auto& cell : header.cells) {
    bool known = false;
    for (const auto& name : columns()) known = known || cell.text == name;
    if (!known)
      fail(file, header.line, cell.text,
           "unknown column '" + cell.text + "'; the header must be exactly " + kHeader);
  }
  for (std::size_t k = 0; k < std::size(kOrder); ++k)
    if (k >= header.cells.size() || header.cells[k].text != kOrder[k])
      fail(file, header.line, "",
           std::string("column ") + std::to_string(k + 1) + " must be '" + kOrder[k] +
               "'; the header must be exactly " + kHeader);
  if (header.cells.size() != std::size(kOrder))
    fail(file, header.line, "", std::string("the header must be exactly ") + kHeader);
}

int month_cell(const std::string& file, const CsvRow& row, int col, const char* field) {
  const std::string text = row.text(col);
  const auto month = v::parse_month(text);
  if (!month)
    fail(file, row.line, field,
         std::string(field) + ": expected a month YYYY-MM, found '" + text + "'");
  return *month;
}

WarOutcomeRow parse_row(const std::string& file, const CsvRow& row) {
  if (row.cells.size() != std::size(kOrder))
    fail(file, row.line, "",
         "expected 6 fields (" + std::string(kHeader) + "), found " +
             std::to_string(row.cells.size()));
  WarOutcomeRow r;
  r.line = row.line;
  r.name = row.text(0);
  r.scenario = row.text(1);
  if (r.name.empty()) fail(file, row.line, "case", "case: the case needs a name");
  if (r.scenario.empty()) fail(file, row.line, "scenario", "scenario: the case file is missing");
  r.clock_start = month_cell(file, row, 2, "clock_start");
  const std::string end = row.text(4);
  if (end == "ceasefire")
    r.end = v::WarEnd::ceasefire;
  else if (end == "victory_a")
    r.end = v::WarEnd::victory_a;
  else if (end == "victory_b")
    r.end = v::WarEnd::victory_b;
  else if (end == "censored")
    r.end = v::WarEnd::censored;
  else
    fail(file, row.line, "end",
         "end: expected ceasefire, victory_a, victory_b or censored, found '" + end + "'");
  if (r.end == v::WarEnd::ceasefire) {
    if (row.text(3).empty())
      fail(file, row.line, "ceasefire", "ceasefire: end is ceasefire, so its month is needed");
    if (!row.text(5).empty())
      fail(file, row.line, "censored", "censored: must be empty when a ceasefire came");
    r.ceasefire = month_cell(file, row, 3, "ceasefire");
    r.last_month = *r.ceasefire;
    if (*r.ceasefire < r.clock_start)
      fail(file, row.line, "ceasefire",
           "ceasefire: " + row.text(3) + " comes before the clock start " + row.text(2));
  } else {
    if (!row.text(3).empty())
      fail(file, row.line, "ceasefire",
           "ceasefire: must be empty when end is " + end + " (no ceasefire came)");
    if (row.text(5).empty())
      fail(file, row.line, "censored",
           "censored: end is " + end +
               ", so the last month observed without a ceasefire is "
               "needed");
    r.last_month = month_cell(file, row, 5, "censored");
    if (r.last_month < r.clock_start)
      fail(file, row.line, "censored",
           "censored: " + row.text(5) + " comes before the clock start " + row.text(2));
  }
  return r;
}

// Period 1 and the horizon from the scenario's `conflict` section.
void read_conflict(v::WarCase& c, const WarOutcomeRow& row, const std::string& file) {
  const Node* conflict = c.scenario.section("conflict");
  if (!conflict || !conflict->is_map())
    fail(file, row.line, "scenario",
         "scenario: " + c.scenario.origin + " has no 'conflict' section; not a war case");
  const Node* start = conflict->find("start");
  const auto period1 = start && start->is_scalar() ? v::parse_month(start->text) : std::nullopt;
  if (!period1)
    (start ? *start : *conflict).fail("conflict.start: a war case needs period 1, YYYY-MM");
  c.period1 = *period1;
  if (c.period1 != row.clock_start && c.period1 != row.clock_start + 1)
    start->fail("conflict.start " + start->text + " must be the clock-start month " +
                v::month_label(row.clock_start) + " or the month after (" + file + ":" +
                std::to_string(row.line) + ")");
  c.horizon = 36;
  if (const Node* h = conflict->find("horizon")) c.horizon = static_cast<int>(h->as_integer());
  if (row.last_month < c.period1)
    fail(file, row.line, row.ceasefire ? "ceasefire" : "censored",
         "the outcome month " + v::month_label(row.last_month) +
             " comes before the scenario's period 1 (" + v::month_label(c.period1) + ")");
}

}  // namespace

bool is_war_outcomes(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  while (!text.empty() && (text.front() == '\n' || text.front() == '\r')) text.remove_prefix(1);
  const std::string_view first = text.substr(0, text.find('\n'));
  std::string_view trimmed = first;
  while (!trimmed.empty() && (trimmed.back() == '\r' || trimmed.back() == ' '))
    trimmed.remove_suffix(1);
  return trimmed == kHeader;
}

std::vector<WarOutcomeRow> parse_war_outcomes(std::string_view text, const std::string& file) {
  const CsvTable table = parse_delimited(text, file, ',');
  if (table.rows.empty())
    fail(file, 1, "", std::string("empty outcomes file; expected ") + kHeader);
  check_header(table.rows.front(), file);
  std::vector<WarOutcomeRow> rows;
  std::set<std::string> names;
  for (std::size_t k = 1; k < table.rows.size(); ++k) {
    WarOutcomeRow r = parse_row(file, table.rows[k]);
    if (!names.insert(r.name).second)
      fail(file, r.line, "case", "case: '" + r.name + "' appears twice");
    rows.push_back(std::move(r));
  }
  if (rows.empty()) fail(file, table.rows.front().line, "", "the outcomes file has no case");
  return rows;
}

std::vector<v::WarCase> load_war_cases(const std::string& path) {
  const std::vector<WarOutcomeRow> rows = parse_war_outcomes(read_text_file(path), path);
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  std::vector<v::WarCase> cases;
  for (const WarOutcomeRow& row : rows) {
    const std::filesystem::path file = dir / row.scenario;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
      fail(path, row.line, "scenario",
           "scenario: no case file '" + file.string() + "' (paths are relative to the CSV)");
    v::WarCase c;
    c.name = row.name;
    c.line = row.line;
    c.scenario = load_scenario(file.string());
    c.clock_start = row.clock_start;
    c.ceasefire = row.ceasefire;
    c.end = row.end;
    c.last_month = row.last_month;
    read_conflict(c, row, path);
    cases.push_back(std::move(c));
  }
  return cases;
}

}  // namespace parley::io
