// DEU III importer (data/deu/SOURCE.md; capability rule of
// docs/models/compromise.md section 3).  One Scenario, one Issue
// per table row, one Actor per `pXX`/`sXX` column pair.  The user-facing rules
// are in docs/validation.md ("The DEU table").
#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "io/csv.h"
#include "io/importers.h"
#include "io/text_util.h"
#include "parley/error.h"
#include "parley/io.h"

namespace parley::io {
namespace {

constexpr const char* kProxiesFile = "eu_council_capability_proxies.csv";

// Actor names for the DEU column codes; unknown codes keep the code as name.
std::string actor_name(const std::string& code) {
  static const std::map<std::string, std::string> names = {{"com", "European Commission"},
                                                           {"ep", "European Parliament"},
                                                           {"at", "Austria"},
                                                           {"be", "Belgium"},
                                                           {"bu", "Bulgaria"},
                                                           {"cr", "Croatia"},
                                                           {"cy", "Cyprus"},
                                                           {"cz", "Czech Republic"},
                                                           {"dk", "Denmark"},
                                                           {"ee", "Estonia"},
                                                           {"fi", "Finland"},
                                                           {"fr", "France"},
                                                           {"de", "Germany"},
                                                           {"el", "Greece"},
                                                           {"hu", "Hungary"},
                                                           {"ie", "Ireland"},
                                                           {"it", "Italy"},
                                                           {"lv", "Latvia"},
                                                           {"lt", "Lithuania"},
                                                           {"lu", "Luxembourg"},
                                                           {"mt", "Malta"},
                                                           {"nl", "Netherlands"},
                                                           {"pl", "Poland"},
                                                           {"pt", "Portugal"},
                                                           {"ro", "Romania"},
                                                           {"si", "Slovenia"},
                                                           {"sk", "Slovakia"},
                                                           {"es", "Spain"},
                                                           {"se", "Sweden"},
                                                           {"uk", "United Kingdom"}};
  auto it = names.find(code);
  return it == names.end() ? code : it->second;
}

// The EU institutions: they get the strongest state's weight (1.3, rule 3).
bool is_institution(const std::string& code) { return code == "com" || code == "ep"; }

// Treaty regimes of docs/models/compromise.md section 3, rule 2.
enum class Regime { pre_nice, nice, lisbon };
constexpr std::array<const char*, 3> kRegimeNames = {"pre_nice", "nice", "lisbon"};

Regime regime_of(int year) {
  if (year <= 2001) return Regime::pre_nice;
  if (year <= 2010) return Regime::nice;
  return Regime::lisbon;
}

// Proposal year from `prnr` characters 2-3: 95..99 = 1995..1999, else 20xx.
std::optional<int> proposal_year(const std::string& prnr) {
  if (prnr.size() < 3) return std::nullopt;
  char a = prnr[1], b = prnr[2];
  if (a < '0' || a > '9' || b < '0' || b > '9') return std::nullopt;
  int yy = (a - '0') * 10 + (b - '0');
  return yy >= 90 ? 1900 + yy : 2000 + yy;
}

// Council weights per regime and member code, from the proxies file.
struct TreatyWeights {
  std::array<std::map<std::string, double>, 3> by_regime;
  std::array<double, 3> strongest{0, 0, 0};
};

std::optional<TreatyWeights> read_proxies(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::string text = read_text_file(path);
  CsvTable table = parse_delimited(text, path, sniff_delimiter(text));
  if (table.rows.empty()) throw Error(SourceLocation{path, 1, 0, ""}, "empty capability file");
  table.header = 0;
  const CsvRow& header = table.rows.front();
  int code_col = -1;
  std::array<int, 3> regime_col{-1, -1, -1};
  for (std::size_t c = 0; c < header.cells.size(); ++c) {
    const std::string& h = header.cells[c].text;
    if (h == "actor_code" || h == "actor" || h == "code") code_col = static_cast<int>(c);
    // "nice..." must not match "pre_nice..."; test pre_nice first.
    if (h.rfind("pre_nice", 0) == 0)
      regime_col[0] = static_cast<int>(c);
    else if (h.rfind("nice", 0) == 0)
      regime_col[1] = static_cast<int>(c);
    else if (h.rfind("lisbon", 0) == 0)
      regime_col[2] = static_cast<int>(c);
  }
  if (code_col < 0)
    throw Error(SourceLocation{path, header.line, 0, ""},
                "capability file lacks an actor_code column");
  for (int r = 0; r < 3; ++r)
    if (regime_col[r] < 0)
      throw Error(
          SourceLocation{path, header.line, 0, ""},
          std::string("capability file lacks a column starting with '") + kRegimeNames[r] + "'");
  TreatyWeights weights;
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const CsvRow& row = table.rows[r];
    check_width(table, row);
    if (static_cast<int>(row.cells.size()) <= code_col) continue;
    std::string code = row.cells[code_col].text;
    for (int g = 0; g < 3; ++g) {
      if (static_cast<int>(row.cells.size()) <= regime_col[g]) continue;
      const CsvCell& cell = row.cells[regime_col[g]];
      if (cell.text.empty()) continue;  // not a member in that regime
      double v = cell_number(table, row, cell, header.cells[regime_col[g]].text);
      if (v <= 0)
        throw Error(SourceLocation{path, row.line, cell.column, code},
                    "Council weight must be positive");
      weights.by_regime[g][code] = v;
      weights.strongest[g] = std::max(weights.strongest[g], v);
    }
  }
  return weights;
}

std::string proxies_path_for(const std::string& name) {
  std::filesystem::path p(name);
  return (p.parent_path() / kProxiesFile).string();
}

struct Columns {
  std::map<std::string, int> by_name;
  // Actor codes in column order with their position and salience columns.
  std::vector<std::string> codes;
  std::vector<int> position_col, salience_col;

  int find(const std::string& n) const {
    auto it = by_name.find(n);
    return it == by_name.end() ? -1 : it->second;
  }
};

// Known DEU columns that are not read: the file's own row numbering and the
// count of issues per proposal.
bool is_unused_deu_column(const std::string& h) {
  return h == "prnrnmc" || h == "isnrnmc" || h == "issues";
}

// What each header column is read as, for Scenario::columns.
std::vector<std::string> column_use(const CsvRow& header, const Columns& cols) {
  static const std::map<std::string, std::string> fixed = {
      {"prnr", "proposal (tag proposal, and the year)"},
      {"isnr", "issue id"},
      {"out", "outcome"},
      {"rp", "status quo (reference point)"},
      {"prname", "issue name, tag proposal_name"},
      {"proc", "tag procedure"},
      {"counvte", "tag voting"},
      {"proccde", "tag procedure_code"},
      {"council", "tag council"},
      {"type", "tag type"},
      {"intro", "tag introduced"},
      {"finact", "tag final_act"}};
  std::vector<std::string> use(header.cells.size());
  for (std::size_t c = 0; c < header.cells.size(); ++c) {
    const std::string& h = header.cells[c].text;
    if (auto it = fixed.find(h); it != fixed.end()) use[c] = it->second;
    if (is_unused_deu_column(h)) use[c] = "not used (DEU numbering)";
  }
  for (std::size_t k = 0; k < cols.codes.size(); ++k) {
    use[static_cast<std::size_t>(cols.position_col[k])] = "position of " + cols.codes[k];
    use[static_cast<std::size_t>(cols.salience_col[k])] = "salience of " + cols.codes[k];
  }
  return use;
}

Columns read_header(const CsvTable& table) {
  Columns cols;
  const CsvRow& header = table.rows.front();
  for (std::size_t c = 0; c < header.cells.size(); ++c) {
    const std::string& h = header.cells[c].text;
    if (h.empty()) continue;
    if (auto [it, fresh] = cols.by_name.emplace(h, static_cast<int>(c)); !fresh)
      throw Error(SourceLocation{table.file, header.line, static_cast<int>(c) + 1, "header"},
                  "two columns are named '" + excerpt(h) + "' (columns " +
                      std::to_string(it->second + 1) + " and " + std::to_string(c + 1) + ")");
  }
  for (const char* required : {"prnr", "isnr", "out"})
    if (cols.find(required) < 0)
      throw Error(SourceLocation{table.file, header.line, 0, ""},
                  std::string("DEU table lacks the column '") + required + "'");
  // An actor is a pXX column with a matching sXX column (pcom/scom, pat/sat,
  // ...); prnr, proc, ... have no partner and are not actors.
  for (const auto& cell : header.cells) {
    const std::string& h = cell.text;
    if (h.size() < 2 || h[0] != 'p') continue;
    int s = cols.find("s" + h.substr(1));
    if (s < 0) continue;
    cols.codes.push_back(h.substr(1));
    cols.position_col.push_back(cell.column - 1);
    cols.salience_col.push_back(s);
  }
  if (cols.codes.empty())
    throw Error(SourceLocation{table.file, header.line, 0, ""},
                "DEU table has no actor columns (pXX with a matching sXX)");
  return cols;
}

std::optional<double> number_at(const CsvTable& table, const CsvRow& row, int col,
                                const std::string& field) {
  const CsvCell* c = row.cell(col);
  if (!c || c->text.empty()) return std::nullopt;
  return cell_number(table, row, *c, field);
}

void check_range(const CsvTable& table, const CsvRow& row, int col, const std::string& field,
                 double v, double lo, double hi) {
  if (v >= lo && v <= hi) return;
  throw Error(SourceLocation{table.file, row.line, col + 1, field},
              field + " must lie in [" + format_number(lo) + ", " + format_number(hi) +
                  "], found " + format_number(v));
}

// What the reader counts for its warnings.
struct Counts {
  int blank_salience = 0, no_outcome = 0, excluded = 0;
};

// The issue of one row: id, name, reference point, outcome, tags, and the
// treaty regime from the proposal's year (needed when there are treaty
// weights).
std::pair<Issue, std::optional<Regime>> read_issue(const CsvTable& table, const CsvRow& row,
                                                   const Columns& cols, bool need_year,
                                                   Counts& counts) {
  const int c_prnr = cols.find("prnr"), c_out = cols.find("out"), c_rp = cols.find("rp");
  const std::string isnr = row.text(cols.find("isnr")), prnr = row.text(c_prnr);
  Issue issue;
  issue.id = isnr;
  std::string prname = row.text(cols.find("prname"));
  issue.name = prname.empty() ? isnr : prname + " (" + isnr + ")";
  issue.lo = 0;
  issue.hi = 100;
  if (auto rp = number_at(table, row, c_rp, "rp")) {
    check_range(table, row, c_rp, "rp", *rp, 0, 100);
    issue.status_quo = Uncertain(*rp);
  }
  if (auto out = number_at(table, row, c_out, "out")) {
    check_range(table, row, c_out, "out", *out, 0, 100);
    issue.outcome = *out;
  } else {
    ++counts.no_outcome;
  }
  issue.tags["proposal"] = prnr;
  struct TagColumn {
    const char* column;
    const char* tag;
  };
  for (TagColumn t : {TagColumn{"prname", "proposal_name"},
                      {"proc", "procedure"},
                      {"counvte", "voting"},
                      {"proccde", "procedure_code"},
                      {"council", "council"},
                      {"type", "type"},
                      {"intro", "introduced"},
                      {"finact", "final_act"}}) {
    std::string v = row.text(cols.find(t.column));
    if (!v.empty()) issue.tags[t.tag] = v;
  }
  std::optional<int> year = proposal_year(prnr);
  if (!year && need_year)
    throw Error(SourceLocation{table.file, row.line, c_prnr + 1, "prnr"},
                "cannot read the proposal year from prnr '" + excerpt(prnr) +
                    "' (expected a letter and two digits, e.g. d00032)");
  std::optional<Regime> regime;
  if (year) {
    issue.tags["year"] = std::to_string(*year);
    regime = regime_of(*year);
    issue.tags["regime"] = kRegimeNames[static_cast<int>(*regime)];
  }
  return {std::move(issue), regime};
}

// Each actor's position and salience on the row's issue, and with treaty
// weights its capability there (baseline-models 1.3).  O(actors).
void read_positions(const CsvTable& table, const CsvRow& row, const Columns& cols,
                    const TreatyWeights* treaty, std::optional<Regime> regime, Scenario& scenario,
                    Counts& counts) {
  const std::string isnr = row.text(cols.find("isnr"));
  for (std::size_t k = 0; k < cols.codes.size(); ++k) {
    const std::string& code = cols.codes[k];
    auto pos = number_at(table, row, cols.position_col[k], "p" + code);
    if (!pos) continue;
    check_range(table, row, cols.position_col[k], "p" + code, *pos, 0, 100);
    auto sal = number_at(table, row, cols.salience_col[k], "s" + code);
    if (!sal) ++counts.blank_salience;
    double s = sal.value_or(0.0);
    check_range(table, row, cols.salience_col[k], "s" + code, s, 0, 100);
    Actor& actor = scenario.actors[k];
    if (treaty) {
      int g = static_cast<int>(*regime);
      double weight = 0;
      if (is_institution(code)) {
        weight = treaty->strongest[g];
      } else {
        auto it = treaty->by_regime[g].find(code);
        if (it != treaty->by_regime[g].end()) weight = it->second;
      }
      if (weight <= 0) {  // not a Council member under that treaty: excluded (1.3 rule 2)
        ++counts.excluded;
        continue;
      }
      actor.capability_by_issue[isnr] = Uncertain(weight);
    }
    actor.position[isnr] = Uncertain(*pos);
    actor.salience[isnr] = Uncertain(s);
  }
}

}  // namespace

bool looks_like_deu(std::string_view text) {
  std::string_view first = text.substr(0, text.find('\n'));
  auto has = [&](std::string_view token) {
    for (std::string q : {std::string(token), "\"" + std::string(token) + "\""}) {
      for (std::size_t at = first.find(q); at != std::string_view::npos;
           at = first.find(q, at + 1)) {
        bool left =
            at == 0 || first[at - 1] == '\t' || first[at - 1] == ',' || first[at - 1] == ';';
        std::size_t end = at + q.size();
        bool right = end == first.size() || first[end] == '\t' || first[end] == ',' ||
                     first[end] == ';' || first[end] == '\r';
        if (left && right) return true;
      }
    }
    return false;
  };
  return has("prnr") && has("isnr") && has("pcom") && has("out");
}

Scenario import_deu(std::string_view text, const std::string& name) {
  return import_deu(text, name, proxies_path_for(name));
}

Scenario import_deu(std::string_view text, const std::string& name,
                    const std::string& proxies_path) {
  CsvTable table = parse_delimited(text, name, sniff_delimiter(text));
  if (table.rows.empty()) throw Error(SourceLocation{name, 1, 0, ""}, "empty DEU table");
  table.header = 0;
  Columns cols = read_header(table);

  Scenario scenario;
  scenario.columns =
      column_uses(table, column_use(table.rows.front(), cols),
                  "prnr, isnr, out, rp, prname, proc, counvte, proccde, council, type, intro, "
                  "finact and pXX/sXX pairs",
                  scenario.warnings);
  scenario.title = "DEU III: " + std::filesystem::path(name).filename().string();
  scenario.description =
      "EU legislative decisions (Decision-making in the European Union, DEU III); one issue per "
      "row, positions and outcomes on 0-100.";
  scenario.sources.push_back({"deu3", "DEU III (Arregui and Perarnaud 2022), doi:10.34810/data53",
                              "", "https://doi.org/10.34810/data53", "2022"});
  scenario.origin = name;
  for (const auto& code : cols.codes) {
    Actor actor;
    actor.id = code;
    actor.name = actor_name(code);
    actor.source = "deu3";
    scenario.actors.push_back(std::move(actor));
  }

  std::optional<TreatyWeights> treaty = read_proxies(proxies_path);
  if (!treaty)
    scenario.warnings.push_back("no Council weights table " + proxies_path +
                                ": every actor gets capability 1 (equal)");

  const int c_prnr = cols.find("prnr"), c_isnr = cols.find("isnr");
  Counts counts;
  Node gdp_row = Node::map();
  bool have_gdp = false;

  std::unordered_set<std::string> issue_ids;
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const CsvRow& row = table.rows[r];
    check_width(table, row);
    std::string isnr = row.text(c_isnr), prnr = row.text(c_prnr);
    if (isnr.empty() && prnr.empty()) {
      // A row without ids carries one number per actor: blksv's GDP proxy
      // (row 2).  It is not DEU data; it is kept only as the `gdp` option.
      for (std::size_t k = 0; k < cols.codes.size(); ++k) {
        auto v = number_at(table, row, cols.position_col[k], "gdp." + cols.codes[k]);
        if (!v) continue;
        if (*v <= 0)
          throw Error(SourceLocation{name, row.line, cols.position_col[k] + 1, cols.codes[k]},
                      "GDP capability must be positive");
        gdp_row.add(cols.codes[k], Node::number(*v));
        have_gdp = true;
      }
      continue;
    }
    if (isnr.empty())
      throw Error(SourceLocation{name, row.line, c_isnr + 1, "isnr"}, "issue id (isnr) is blank");

    auto [issue, regime] = read_issue(table, row, cols, treaty.has_value(), counts);
    read_positions(table, row, cols, treaty ? &*treaty : nullptr, regime, scenario, counts);
    if (!issue_ids.insert(isnr).second)
      throw Error(SourceLocation{name, row.line, c_isnr + 1, "isnr"},
                  "duplicate issue id '" + excerpt(isnr) + "'");
    scenario.issues.push_back(std::move(issue));
  }
  if (scenario.issues.empty())
    throw Error(SourceLocation{name, 0, 0, ""}, "DEU table has no issue rows");

  if (!treaty)
    for (auto& actor : scenario.actors) actor.capability = Uncertain(1.0);
  // Actors that never take part still need a capability to be valid.
  for (auto& actor : scenario.actors)
    if (!actor.capability && actor.capability_by_issue.empty()) actor.capability = Uncertain(1.0);

  Node options = Node::map();
  if (have_gdp) options.add("gdp", gdp_row);
  // The treaty capabilities are missing: a backtest that asks for them fails.
  if (!treaty) options.add("treaty", Node::scalar("missing: " + proxies_path));
  if (!options.members.empty()) scenario.sections.emplace_back("capability_options", options);

  if (counts.blank_salience > 0)
    scenario.warnings.push_back(std::to_string(counts.blank_salience) +
                                " actor-issue(s) have a position and a blank salience: read as 0");
  if (counts.no_outcome > 0)
    scenario.warnings.push_back(std::to_string(counts.no_outcome) +
                                " issue(s) have no outcome (out)");
  if (counts.excluded > 0)
    scenario.warnings.push_back(
        std::to_string(counts.excluded) +
        " position(s) of states without a Council weight in the issue's treaty regime dropped");
  validate(scenario);
  return scenario;
}

}  // namespace parley::io
