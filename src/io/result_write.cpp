#include <algorithm>
#include <cmath>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "io/document.h"
#include "parley/io.h"
#include "parley/questions.h"
#include "parley/version.h"

namespace parley {
namespace {

using json = nlohmann::ordered_json;

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json param_json(const ParamValue& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return std::get<std::string>(v);
}

json per_issue(const Result& r, const std::vector<double>& values) {
  json out = json::object();
  for (size_t i = 0; i < r.issue_ids.size() && i < values.size(); ++i)
    out[r.issue_ids[i]] = number_or_null(values[i]);
  return out;
}

json round_json(const Result& r, const Round& round) {
  json out = json::object();
  out["round"] = round.round;
  json positions = json::object();
  const size_t m = r.issue_ids.size();
  for (size_t a = 0; a < r.actor_ids.size(); ++a) {
    json row = json::object();
    for (size_t i = 0; i < m; ++i) {
      const size_t k = a * m + i;
      if (k < round.positions.size() && std::isfinite(round.positions[k]))
        row[r.issue_ids[i]] = round.positions[k];
    }
    positions[r.actor_ids[a]] = std::move(row);
  }
  out["positions"] = std::move(positions);
  out["median"] = per_issue(r, round.median);
  out["mean"] = per_issue(r, round.mean);
  return out;
}

json table_json(const Table& t) {
  json out = json::object();
  out["name"] = t.name;
  out["title"] = t.title;
  out["columns"] = t.columns;
  json rows = json::array();
  for (const auto& row : t.rows) {
    json cells = json::array();
    for (const auto& cell : row) {
      if (const auto* d = std::get_if<double>(&cell))
        cells.push_back(number_or_null(*d));
      else
        cells.push_back(std::get<std::string>(cell));
    }
    rows.push_back(std::move(cells));
  }
  out["rows"] = std::move(rows);
  return out;
}

std::string cell_text(const Table::Cell& cell) {
  if (const auto* d = std::get_if<double>(&cell)) {
    if (!std::isfinite(*d)) return "";
    if (*d == std::floor(*d) && std::fabs(*d) < 1e9) return fmt::format("{:.0f}", *d);
    return fmt::format("{:.4f}", *d);
  }
  return std::get<std::string>(cell);
}

std::string fixed(double v, int digits = 2) {
  return std::isfinite(v) ? fmt::format("{:.{}f}", v, digits) : std::string("-");
}

// Display width of UTF-8 text: wide (CJK) characters count two columns.
size_t display_width(const std::string& s) {
  size_t width = 0;
  for (size_t k = 0; k < s.size();) {
    const auto c = static_cast<unsigned char>(s[k]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    width += len >= 3 ? 2 : 1;
    k += len;
  }
  return width;
}

std::string pad(const std::string& s, size_t width, bool right = false) {
  const size_t w = display_width(s);
  const std::string fill(w < width ? width - w : 0, ' ');
  return right ? fill + s : s + fill;
}

// Renders rows as an aligned text table; column 0 left-aligned, the rest right.
std::string aligned(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size(); ++c) {
      if (widths.size() <= c) widths.push_back(0);
      widths[c] = std::max(widths[c], display_width(row[c]));
    }
  std::string out;
  for (size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (size_t c = 0; c < rows[r].size(); ++c)
      line += (c ? "  " : "") + pad(rows[r][c], widths[c], c > 0);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
    if (r == 0) {
      size_t total = 0;
      for (size_t w : widths) total += w + 2;
      out += std::string(total > 2 ? total - 2 : 0, '-') + "\n";
    }
  }
  return out;
}

// The scenario's questions with their answers (docs/result-format.md).
json answers_json(const std::vector<Answer>& answers) {
  json out = json::array();
  for (const auto& a : answers)
    out.push_back({{"id", a.question.id},
                   {"text", a.question.text},
                   {"quantity", a.question.quantity},
                   {"value", a.value ? number_or_null(*a.value) : json(nullptr)},
                   {"rule", a.question.rule},
                   {"date", a.question.date}});
  return out;
}

}  // namespace

std::string answers_to_text(const std::vector<Answer>& answers, size_t width) {
  if (answers.empty()) return "";
  std::vector<std::vector<std::string>> rows = {{"question", "answer", "resolves"}};
  for (const auto& a : answers)
    rows.push_back(
        {a.question.id, a.value ? fmt::format("{:.3g}", *a.value) : "n/a", a.question.date});
  // The aligned columns, then the question's text, left-aligned; each line is
  // cut to `width` columns.
  const std::string table = aligned(rows);
  size_t text_width = 4;
  for (const auto& a : answers) text_width = std::max(text_width, display_width(a.question.text));
  std::string out;
  size_t row = 0;
  for (size_t start = 0, end; (end = table.find('\n', start)) != std::string::npos;
       start = end + 1, ++row) {
    std::string line = table.substr(start, end - start);
    if (row == 0) line += "  text";
    if (row == 1)
      line += std::string(std::min(text_width + 2, width - std::min(width, line.size())), '-');
    if (row >= 2) line += "  " + answers[row - 2].question.text;
    if (display_width(line) > width) {
      // Drop whole UTF-8 characters from the end: O(length^2) on one short line.
      while (!line.empty() && display_width(line) > width - 3) {
        size_t last = line.size() - 1;
        while (last > 0 && (static_cast<unsigned char>(line[last]) & 0xC0) == 0x80) --last;
        line.resize(last);
      }
      line += "...";
    }
    out += line + "\n";
  }
  for (const auto& a : answers)
    if (!a.value) return out + "n/a: the run does not report the question's quantity\n";
  return out;
}

std::string result_to_json(const Result& r, const Scenario* scenario, int indent) {
  json out = json::object();
  out["parley_version"] = PARLEY_VERSION;
  out["model"] = r.model;
  json params = json::object();
  for (const auto& [key, value] : r.params) params[key] = param_json(value);
  out["params"] = std::move(params);
  out["seed"] = r.seed;
  if (scenario && !scenario->questions.empty())
    out["questions"] = answers_json(answer_questions(*scenario, r));
  out["issues"] = r.issue_ids;
  json actors = json::array();
  for (size_t a = 0; a < r.actor_ids.size(); ++a)
    actors.push_back({{"id", r.actor_ids[a]},
                      {"name", a < r.actor_names.size() ? r.actor_names[a] : r.actor_ids[a]}});
  out["actors"] = std::move(actors);
  out["forecast"] = per_issue(r, r.forecast);
  json status = json::object();
  for (size_t i = 0; i < r.issue_ids.size() && i < r.status.size(); ++i)
    status[r.issue_ids[i]] = r.status[i];
  out["status"] = std::move(status);
  json trajectory = json::array();
  for (const auto& round : r.trajectory) trajectory.push_back(round_json(r, round));
  out["trajectory"] = std::move(trajectory);
  json tables = json::array();
  for (const auto& t : r.tables) tables.push_back(table_json(t));
  out["tables"] = std::move(tables);
  json quantities = json::array();
  for (const auto& q : r.quantities)
    quantities.push_back({{"name", q.name},
                          {"label", q.label},
                          {"value", std::isfinite(q.value) ? json(q.value) : json(nullptr)}});
  out["quantities"] = std::move(quantities);
  out["notes"] = r.notes;
  if (scenario) out["scenario"] = json::parse(to_json(*scenario));
  return out.dump(indent) + "\n";
}

std::string result_to_csv(const Result& r) {
  std::ostringstream out;
  auto quote = [](const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  out << "round,issue,median,mean";
  for (const auto& id : r.actor_ids) out << "," << quote(id);
  out << "\n";
  const size_t m = r.issue_ids.size();
  auto num = [](double v) { return std::isfinite(v) ? fmt::format("{}", v) : std::string(); };
  for (const auto& round : r.trajectory)
    for (size_t i = 0; i < m; ++i) {
      out << round.round << "," << quote(r.issue_ids[i]) << ","
          << num(i < round.median.size() ? round.median[i] : NAN) << ","
          << num(i < round.mean.size() ? round.mean[i] : NAN);
      for (size_t a = 0; a < r.actor_ids.size(); ++a) {
        const size_t k = a * m + i;
        out << "," << num(k < round.positions.size() ? round.positions[k] : NAN);
      }
      out << "\n";
    }
  return out.str();
}

// Words laid out on lines of at most `width` columns after `lead`, the
// continuation lines indented by `indent` spaces.
std::string wrapped(const std::string& lead, const std::vector<std::string>& words, size_t width,
                    size_t indent) {
  std::string out = lead, line;
  size_t used = display_width(lead);
  for (const auto& word : words) {
    const size_t w = display_width(word) + 1;
    if (used + w > width && used > indent) {
      out += "\n" + std::string(indent, ' ');
      used = indent;
    }
    out += " " + word;
    used += w;
  }
  return out + "\n";
}

// Quantities grouped by name prefix: "p_ceasefire_by  2026-12 0.302  ...".
std::string quantities_text(const std::vector<Quantity>& quantities) {
  std::string out;
  for (size_t k = 0; k < quantities.size();) {
    const std::string prefix = quantities[k].name.substr(0, quantities[k].name.find('.'));
    std::vector<std::string> items;
    for (; k < quantities.size(); ++k) {
      const auto& name = quantities[k].name;
      const auto dot = name.find('.');
      if (name.substr(0, dot) != prefix) break;
      const double v = quantities[k].value;
      const std::string value = !std::isfinite(v)   ? "-"
                                : std::fabs(v) < 10 ? fmt::format("{:.3f}", v)
                                                    : fmt::format("{:.1f}", v);
      items.push_back((dot == std::string::npos ? "" : name.substr(dot + 1) + " ") + value + " ");
    }
    out += wrapped(prefix, items, 100, 2);
  }
  return out;
}

size_t widest_line(const std::string& text) {
  size_t widest = 0, start = 0;
  for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    widest = std::max(widest, display_width(text.substr(start, end - start)));
  return widest;
}

std::string result_to_table(const Result& r, bool full) {
  std::string out = fmt::format("model {}  seed {}\n", r.model, r.seed);
  std::vector<std::string> params;
  for (const auto& [key, value] : r.params) params.push_back(key + "=" + to_string(value));
  if (!params.empty()) out += wrapped("params", params, 100, 2);
  out += "\n";
  if (!r.quantities.empty()) out += quantities_text(r.quantities) + "\n";
  std::vector<std::vector<std::string>> rows = {{"issue", "forecast", "status", "median", "mean"}};
  const Round* first = r.trajectory.empty() ? nullptr : &r.trajectory.front();
  const Round* last = r.trajectory.empty() ? nullptr : &r.trajectory.back();
  for (size_t i = 0; i < r.issue_ids.size(); ++i)
    rows.push_back({r.issue_ids[i], fixed(i < r.forecast.size() ? r.forecast[i] : NAN),
                    i < r.status.size() ? r.status[i] : "",
                    last && i < last->median.size() ? fixed(last->median[i]) : "-",
                    last && i < last->mean.size() ? fixed(last->mean[i]) : "-"});
  out += aligned(rows);
  // Positions: start and end of the run, one column per issue.
  if (first) {
    const size_t m = r.issue_ids.size();
    const bool moved = r.trajectory.size() > 1;
    std::vector<std::vector<std::string>> pos;
    std::vector<std::string> header = {"actor"};
    for (const auto& id : r.issue_ids) header.push_back(moved ? id + " (start>end)" : id);
    pos.push_back(header);
    for (size_t a = 0; a < r.actor_ids.size(); ++a) {
      std::vector<std::string> row = {a < r.actor_names.size() ? r.actor_names[a] : r.actor_ids[a]};
      for (size_t i = 0; i < m; ++i) {
        const size_t k = a * m + i;
        const double p0 = k < first->positions.size() ? first->positions[k] : NAN;
        const double p1 = k < last->positions.size() ? last->positions[k] : NAN;
        row.push_back(!std::isfinite(p0) ? ""
                      : moved            ? fixed(p0, 1) + ">" + fixed(p1, 1)
                                         : fixed(p0, 1));
      }
      pos.push_back(row);
    }
    const std::string table = aligned(pos);
    if (full || widest_line(table) <= 100)
      out += "\npositions\n" + table;
    else
      out += "\n(positions and the trajectory by round: --explain)\n";
  }
  if (r.trajectory.size() > 1) {
    std::vector<std::vector<std::string>> traj;
    std::vector<std::string> header = {"round"};
    for (const auto& id : r.issue_ids) {
      header.push_back(id + " median");
      header.push_back(id + " mean");
    }
    traj.push_back(header);
    for (const auto& round : r.trajectory) {
      std::vector<std::string> row = {std::to_string(round.round)};
      for (size_t i = 0; i < r.issue_ids.size(); ++i) {
        row.push_back(i < round.median.size() ? fixed(round.median[i], 4) : "-");
        row.push_back(i < round.mean.size() ? fixed(round.mean[i], 4) : "-");
      }
      traj.push_back(row);
    }
    const std::string table = aligned(traj);
    if (full || widest_line(table) <= 100) out += "\ntrajectory\n" + table;
  }
  for (const auto& note : r.notes) out += "note: " + note + "\n";
  return out;
}

std::string tables_to_text(const Result& r, bool headline_only) {
  std::string out;
  for (const auto& t : r.tables) {
    if (headline_only && !t.headline) continue;
    out += "\n" + (t.title.empty() ? t.name : t.title) + "\n";
    std::vector<std::vector<std::string>> rows = {t.columns};
    for (const auto& row : t.rows) {
      std::vector<std::string> cells;
      for (const auto& cell : row) cells.push_back(cell_text(cell));
      rows.push_back(cells);
    }
    out += aligned(rows);
  }
  return out;
}

}  // namespace parley
