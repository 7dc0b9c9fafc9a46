// The `run` document: one model run (docs/result-format.md).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "io/csv_write.h"
#include "io/output_writers.h"
#include "io/text_table.h"
#include "parley/questions.h"

namespace parley::output {

namespace {

Json per_issue(const Result& r, const std::vector<double>& values) {
  Json out = Json::object();
  for (size_t i = 0; i < r.issue_ids.size() && i < values.size(); ++i)
    out[r.issue_ids[i]] = number(values[i]);
  return out;
}

Json round_json(const Result& r, const Round& round) {
  Json out = Json::object();
  out["round"] = round.round;
  Json positions = Json::object();
  const size_t m = r.issue_ids.size();
  for (size_t a = 0; a < r.actor_ids.size(); ++a) {
    Json row = Json::object();
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

Json table_json(const Table& t) {
  Json out = Json::object();
  out["name"] = t.name;
  out["title"] = t.title;
  out["headline"] = t.headline;
  out["columns"] = t.columns;
  Json rows = Json::array();
  for (const auto& row : t.rows) {
    Json cells = Json::array();
    for (const auto& cell : row) {
      if (const auto* d = std::get_if<double>(&cell))
        cells.push_back(number(*d));
      else
        cells.push_back(std::get<std::string>(cell));
    }
    rows.push_back(std::move(cells));
  }
  out["rows"] = std::move(rows);
  return out;
}

Json param_json(const ParamValue& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return std::get<std::string>(v);
}

// The scenario's questions with their answers (docs/result-format.md).
Json answers_json(const std::vector<Answer>& answers) {
  Json out = Json::array();
  for (const auto& a : answers)
    out.push_back({{"id", a.question.id},
                   {"text", a.question.text},
                   {"quantity", a.question.quantity},
                   {"value", a.value ? number(*a.value) : Json(nullptr)},
                   {"rule", a.question.rule},
                   {"date", a.question.date}});
  return out;
}

}  // namespace

Json run_document(const Result& r, const Scenario* scenario) {
  Json out = envelope("run");
  out["model"] = r.model;
  Json params = Json::object();
  for (const auto& [key, value] : r.params) params[key] = param_json(value);
  out["params"] = std::move(params);
  out["seed"] = r.seed;
  if (scenario && !scenario->questions.empty())
    out["questions"] = answers_json(answer_questions(*scenario, r));
  out["issues"] = r.issue_ids;
  Json actors = Json::array();
  for (size_t a = 0; a < r.actor_ids.size(); ++a)
    actors.push_back({{"id", r.actor_ids[a]},
                      {"name", a < r.actor_names.size() ? r.actor_names[a] : r.actor_ids[a]}});
  out["actors"] = std::move(actors);
  out["forecast"] = per_issue(r, r.forecast);
  Json status = Json::object();
  for (size_t i = 0; i < r.issue_ids.size() && i < r.status.size(); ++i)
    status[r.issue_ids[i]] = r.status[i];
  out["status"] = std::move(status);
  Json trajectory = Json::array();
  for (const auto& round : r.trajectory) trajectory.push_back(round_json(r, round));
  out["trajectory"] = std::move(trajectory);
  Json tables = Json::array();
  for (const auto& t : r.tables) tables.push_back(table_json(t));
  out["tables"] = std::move(tables);
  Json quantities = Json::array();
  for (const auto& q : r.quantities)
    quantities.push_back({{"name", q.name}, {"label", q.label}, {"value", number(q.value)}});
  out["quantities"] = std::move(quantities);
  out["notes"] = r.notes;
  if (scenario) {
    out["scenario_fingerprint"] = scenario_fingerprint(*scenario);
    out["scenario"] = scenario_json(*scenario);
  }
  return out;
}

namespace detail {

namespace {

using io::aligned;
using io::fixed;
using io::wrapped;

// A number of the document, NaN for null.
double value_of(const Json& v) { return v.is_number() ? v.get<double>() : NAN; }

double lookup(const Json& map, const std::string& key) {
  const auto it = map.find(key);
  return it == map.end() ? NAN : value_of(*it);
}

std::string cell_text(const Json& cell) {
  if (cell.is_string()) return cell.get<std::string>();
  if (!cell.is_number()) return "";
  const double d = cell.get<double>();
  if (d == std::floor(d) && std::fabs(d) < 1e9) return fmt::format("{:.0f}", d);
  return fmt::format("{:.4f}", d);
}

std::string param_text(const Json& v) {
  return v.is_string() ? v.get<std::string>() : format_number(v.get<double>());
}

// Positions at the start and end of the run, one column per issue.
std::string positions_table(const Json& doc, const std::vector<std::string>& issues) {
  const Json& trajectory = doc["trajectory"];
  const Json& first = trajectory.front()["positions"];
  const Json& last = trajectory.back()["positions"];
  const bool moved = trajectory.size() > 1;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"actor"};
  for (const auto& id : issues) header.push_back(moved ? id + " (start>end)" : id);
  rows.push_back(header);
  for (const auto& actor : doc["actors"]) {
    const std::string id = str(actor, "id");
    std::vector<std::string> row = {str(actor, "name")};
    for (const auto& issue : issues) {
      const double p0 = first.contains(id) ? lookup(first[id], issue) : NAN;
      const double p1 = last.contains(id) ? lookup(last[id], issue) : NAN;
      row.push_back(!std::isfinite(p0) ? ""
                    : moved            ? fixed(p0, 1) + ">" + fixed(p1, 1)
                                       : fixed(p0, 1));
    }
    rows.push_back(row);
  }
  return aligned(rows);
}

std::string trajectory_table(const Json& doc, const std::vector<std::string>& issues) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"round"};
  for (const auto& id : issues) {
    header.push_back(id + " median");
    header.push_back(id + " mean");
  }
  rows.push_back(header);
  for (const auto& round : doc["trajectory"]) {
    std::vector<std::string> row = {std::to_string(round["round"].get<int>())};
    for (const auto& id : issues) {
      row.push_back(fixed(lookup(round["median"], id), 4));
      row.push_back(fixed(lookup(round["mean"], id), 4));
    }
    rows.push_back(row);
  }
  return aligned(rows);
}

// Quantities grouped by name prefix: "p_ceasefire_by  2026-12 0.302  ...".
std::string quantities_text(const Json& quantities) {
  std::string out;
  for (size_t k = 0; k < quantities.size();) {
    const std::string first = str(quantities[k], "name");
    const std::string prefix = first.substr(0, first.find('.'));
    std::vector<std::string> items;
    for (; k < quantities.size(); ++k) {
      const std::string name = str(quantities[k], "name");
      const auto dot = name.find('.');
      if (name.substr(0, dot) != prefix) break;
      const double v = num(quantities[k], "value");
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
    widest = std::max(widest, io::display_width(text.substr(start, end - start)));
  return widest;
}

// The explanation tables; with `headline_only` just those the model marks.
std::string explanation_tables(const Json& doc, bool headline_only) {
  std::string out;
  for (const auto& t : doc["tables"]) {
    if (headline_only && !t.value("headline", false)) continue;
    const std::string title = str(t, "title");
    out += "\n" + (title.empty() ? str(t, "name") : title) + "\n";
    std::vector<std::vector<std::string>> rows = {t["columns"].get<std::vector<std::string>>()};
    for (const auto& row : t["rows"]) {
      std::vector<std::string> cells;
      for (const auto& cell : row) cells.push_back(cell_text(cell));
      rows.push_back(cells);
    }
    out += aligned(rows);
  }
  return out;
}

}  // namespace

std::string answers_text(const Json& questions, size_t width) {
  if (!questions.is_array() || questions.empty()) return "";
  std::vector<std::vector<std::string>> rows = {{"question", "answer", "resolves"}};
  bool unanswered = false;
  size_t text_width = 4;
  for (const auto& q : questions) {
    const double value = num(q, "value");
    unanswered = unanswered || !std::isfinite(value);
    std::string answer = std::isfinite(value) ? fmt::format("{:.3g}", value) : "n/a";
    if (const double lo = num(q, "lo"), hi = num(q, "hi"); std::isfinite(lo) && std::isfinite(hi))
      answer += fmt::format(" [{:.3g}, {:.3g}]", lo, hi);
    rows.push_back({str(q, "id"), answer, str(q, "date")});
    text_width = std::max(text_width, io::display_width(str(q, "text")));
  }
  // The aligned columns, then the question's text, left-aligned; each line is
  // cut to `width` columns.
  const std::string table = aligned(rows);
  std::string out;
  size_t row = 0;
  for (size_t start = 0, end; (end = table.find('\n', start)) != std::string::npos;
       start = end + 1, ++row) {
    std::string line = table.substr(start, end - start);
    if (row == 0) line += "  text";
    if (row == 1)
      line += std::string(std::min(text_width + 2, width - std::min(width, line.size())), '-');
    if (row >= 2) line += "  " + str(questions[row - 2], "text");
    if (io::display_width(line) > width) {
      // Drop whole UTF-8 characters from the end: O(length^2) on one short line.
      while (!line.empty() && io::display_width(line) > width - 3) {
        size_t last = line.size() - 1;
        while (last > 0 && (static_cast<unsigned char>(line[last]) & 0xC0) == 0x80) --last;
        line.resize(last);
      }
      line += "...";
    }
    out += line + "\n";
  }
  if (unanswered) out += "n/a: the run does not report the question's quantity\n";
  const bool nominal = std::any_of(questions.begin(), questions.end(),
                                   [](const Json& q) { return str(q, "basis") == "nominal run"; });
  if (nominal)
    out +=
        "answers without a [5%, 95%] range: one run at the nominal inputs (draws keep "
        "forecasts only)\n";
  return out;
}

namespace {

// The first `keep` lines of `text`; when lines are left out the last kept
// line says how many, and where they are.
std::string first_lines(const std::string& text, size_t keep, const std::string& what) {
  const size_t total = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  if (total <= keep) return text;
  size_t end = 0;
  for (size_t k = 0; k + 1 < keep; ++k) end = text.find('\n', end) + 1;
  return text.substr(0, end) + fmt::format("... {} more {} below\n", total - keep + 1, what);
}

size_t line_count(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

// The key probability: the first group of quantities named p_..., on one
// line as "P(ceasefire by the end of ...)  2026-12 0.125  2027-12 0.304".
// "" when the run reports none.
std::string key_probability(const Json& quantities) {
  if (!quantities.is_array()) return "";
  std::string prefix, label;
  std::vector<std::string> items;
  for (const auto& q : quantities) {
    const std::string name = str(q, "name");
    const auto dot = name.find('.');
    if (name.rfind("p_", 0) != 0 || dot == std::string::npos) continue;
    if (prefix.empty()) {
      prefix = name.substr(0, dot);
      label = str(q, "label");
    } else if (name.substr(0, dot) != prefix) {
      break;
    } else {
      const std::string other = str(q, "label");
      size_t common = 0;  // the labels' common start, cut back to a word
      while (common < label.size() && common < other.size() && label[common] == other[common])
        ++common;
      if (common < label.size()) label = label.substr(0, label.rfind(' ', common));
    }
    items.push_back(name.substr(dot + 1) + " " + fmt::format("{:.3f}", num(q, "value")) + " ");
  }
  if (items.empty()) return "";
  return wrapped(items.size() > 1 ? label + " ...)" : label, items, 100, 2);
}

// The brief (output.h, run_brief): the title, the answers to the scenario's
// questions, the model, the key probability, what other results on the same
// scenario add (output_brief.cpp) and the forecast per issue.  Answers and
// issues that do not fit are cut with a line saying so (`cut` is set; they
// follow the brief).
std::string brief(const Json& doc, const std::string& answers, const std::string& forecasts,
                  bool& cut) {
  constexpr size_t kLines = 25;
  std::string head;
  if (doc.contains("scenario")) {
    const std::string title = str(doc["scenario"], "title");
    if (!title.empty()) head += title + "\n";
  }
  std::string model =
      fmt::format("model {}  seed {}\n", str(doc, "model"), doc["seed"].get<std::uint64_t>());
  model += key_probability(doc.value("quantities", Json())) + brief_context(doc) + "\n";
  const size_t fixed_lines = line_count(head) + line_count(model) + (answers.empty() ? 0 : 1);
  const size_t room = kLines > fixed_lines ? kLines - fixed_lines : 0;
  // The forecast table keeps its header and at least 8 issues (with the line
  // labelling the intervals); the answers take what is left, then the table
  // the rest.
  const size_t table_floor = std::min(line_count(forecasts), size_t{11});
  const size_t answer_lines =
      std::min(line_count(answers), room > table_floor ? room - table_floor : 0);
  const size_t table_lines = room - answer_lines;
  cut = answer_lines < line_count(answers) || table_lines < line_count(forecasts);
  std::string out = head;
  if (!answers.empty())
    out += (answer_lines >= 3 ? first_lines(answers, answer_lines, "questions")
                              : "(the answers to the scenario's questions: below)\n") +
           "\n";
  return out + model + first_lines(forecasts, table_lines, "issues");
}

// The forecast per issue with the last round's median and mean.
// With a calibration, the 80% interval of the model's error beside the point
// and, last, the line naming what it was calibrated on.
std::string forecast_table(const Json& doc, const std::vector<std::string>& issues) {
  const Json& trajectory = doc["trajectory"];
  const Json* last = trajectory.empty() ? nullptr : &trajectory.back();
  const bool interval = doc.contains("predictive");
  std::vector<std::vector<std::string>> rows = {{"issue", "forecast", "status", "median", "mean"}};
  if (interval) rows[0].insert(rows[0].begin() + 2, "80% interval");
  for (const auto& id : issues) {
    rows.push_back({id, fixed(lookup(doc["forecast"], id)),
                    doc["status"].contains(id) ? doc["status"][id].get<std::string>() : "",
                    last ? fixed(lookup((*last)["median"], id)) : "-",
                    last ? fixed(lookup((*last)["mean"], id)) : "-"});
    if (interval) rows.back().insert(rows.back().begin() + 2, interval_text(doc, id));
  }
  return aligned(rows) + model_error_note(doc);
}

// Positions, the trajectory and the explanation tables: all of them with
// --explain; otherwise the headline tables that fit 100 columns, and a line
// naming what --explain adds.
std::string explanations(const Json& doc, const std::vector<std::string>& issues, bool explain) {
  std::string out;
  const Json& trajectory = doc["trajectory"];
  if (explain && !trajectory.empty()) out += "\npositions\n" + positions_table(doc, issues);
  if (explain && trajectory.size() > 1) out += "\ntrajectory\n" + trajectory_table(doc, issues);
  const std::string headline = explanation_tables(doc, true);
  const std::string tables = explanation_tables(doc, !explain);
  const bool shown = explain || widest_line(headline) <= 100;
  if (shown) out += tables;
  const bool more = !explain && (!trajectory.empty() || !doc["tables"].empty());
  if (more)
    out += std::string("\n(") + (trajectory.empty() ? "" : "positions, trajectory by round, ") +
           "the model's explanation tables: --explain)\n";
  return out;
}

}  // namespace

std::string run_table(const Json& doc, const TableOptions& options) {
  const auto issues = doc["issues"].get<std::vector<std::string>>();
  bool cut = false;
  std::string out = run_brief(doc, &cut);
  // The details under the brief.
  if (cut) {
    const std::string answers = answers_text(doc.value("questions", Json()));
    out += "\n" + answers + (answers.empty() ? "" : "\n") + forecast_table(doc, issues);
  }
  std::vector<std::string> params;
  for (const auto& [key, value] : doc["params"].items())
    params.push_back(key + "=" + param_text(value));
  if (!params.empty()) out += "\n" + wrapped("params", params, 100, 2);
  if (doc.contains("quantities") && !doc["quantities"].empty())
    out += "\n" + quantities_text(doc["quantities"]);
  out += explanations(doc, issues, options.explain);
  if (!doc["notes"].empty()) out += "\n" + wrapped_notes(doc["notes"]);
  return out;
}

std::string run_csv(const Json& doc) {
  std::string out = "round,issue,median,mean";
  std::vector<std::string> actors;
  for (const auto& actor : doc["actors"]) {
    actors.push_back(str(actor, "id"));
    out += "," + io::csv_field(actors.back());
  }
  out += "\n";
  const auto issues = doc["issues"].get<std::vector<std::string>>();
  for (const auto& round : doc["trajectory"])
    for (const auto& id : issues) {
      out += std::to_string(round["round"].get<int>()) + "," + io::csv_field(id) + "," +
             io::csv_number(lookup(round["median"], id)) + "," +
             io::csv_number(lookup(round["mean"], id));
      const Json& positions = round["positions"];
      for (const auto& actor : actors)
        out += "," + io::csv_number(positions.contains(actor) ? lookup(positions[actor], id) : NAN);
      out += "\n";
    }
  return out;
}

}  // namespace detail

std::string run_brief(const Json& run, bool* cut) {
  bool was_cut = false;
  const std::string out = detail::brief(
      run, detail::answers_text(run.value("questions", Json())),
      detail::forecast_table(run, run["issues"].get<std::vector<std::string>>()), was_cut);
  if (cut) *cut = was_cut;
  return out;
}

}  // namespace parley::output
