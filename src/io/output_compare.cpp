// The `compare` document: several models on one scenario, their consensus
// and their spread (docs/compare.md, docs/result-format.md).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "io/csv_write.h"
#include "io/output_writers.h"
#include "io/text_table.h"

namespace parley::output {

namespace {

Json interval_json(const std::pair<double, double>& interval) {
  if (!std::isfinite(interval.first) || !std::isfinite(interval.second)) return nullptr;
  return Json::array({interval.first, interval.second});
}

}  // namespace

Json compare_document(const validation::Comparison& c, const std::vector<Result>& runs,
                      const std::vector<std::string>& calibrations,
                      const std::vector<std::string>& notes, const Scenario* scenario) {
  Json out = envelope("compare");
  const std::vector<std::string> ids =
      runs.empty() ? std::vector<std::string>() : runs[0].issue_ids;
  out["seed"] = runs.empty() ? 0 : runs[0].seed;
  out["level"] = c.level;
  out["disagreement"] = validation::kDisagreement;
  out["weighting"] = "inverse_crps_squared";
  Json models = Json::array();
  for (size_t m = 0; m < c.models.size() && m < runs.size(); ++m) {
    const validation::ModelColumn& column = c.models[m];
    Json forecast = Json::object(), interval = Json::object();
    for (size_t i = 0; i < ids.size() && i < column.forecast.size(); ++i) {
      forecast[ids[i]] = number(column.forecast[i]);
      interval[ids[i]] = interval_json(column.interval[i]);
    }
    models.push_back({{"label", column.label},
                      {"model", runs[m].model},
                      {"params", detail::params_json(runs[m].params)},
                      {"calibration", column.calibrated ? Json(calibrations.at(m)) : Json()},
                      {"crps", number(column.crps)},
                      {"mae", number(column.mae)},
                      {"scored", column.scored},
                      {"weight", column.weight},
                      {"forecast", std::move(forecast)},
                      {"interval", std::move(interval)}});
  }
  out["models"] = std::move(models);
  Json issues = Json::array();
  for (size_t i = 0; i < ids.size() && i < c.issues.size(); ++i) {
    const validation::IssueComparison& row = c.issues[i];
    issues.push_back({{"issue", ids[i]},
                      {"lo", row.lo},
                      {"hi", row.hi},
                      {"consensus", number(row.consensus)},
                      {"interval", interval_json(row.interval)},
                      {"spread", row.spread},
                      {"disagree", row.disagree}});
  }
  out["issues"] = std::move(issues);
  out["notes"] = notes;
  if (scenario) {
    out["scenario_fingerprint"] = scenario_fingerprint(*scenario);
    out["scenario"] = scenario_json(*scenario);
  }
  return out;
}

namespace detail {

namespace {

// An interval "lo-hi" (or "lo..hi" with a negative end) in whole units on scales wider than 10,
// else two decimals; "" when absent.
std::string interval_text(const Json& interval, double width) {
  if (!interval.is_array() || interval.size() != 2 || !interval[0].is_number()) return "";
  const int digits = width > 10 ? 0 : 2;
  const double lo = interval[0].get<double>(), hi = interval[1].get<double>();
  // "-3..-1" rather than "-3--1" when an end is negative.
  return io::fixed(lo, digits) + (lo < 0 || hi < 0 ? ".." : "-") + io::fixed(hi, digits);
}

// One column of the forecast table: a header and two lines per issue.
struct Column {
  std::string header;
  std::vector<std::string> lines;  // 2 per issue
  size_t width() const {
    size_t w = io::display_width(header);
    for (const auto& line : lines) w = std::max(w, io::display_width(line));
    return w;
  }
};

// The columns laid out in blocks of at most `limit` columns, each block
// repeating the issue column (as wide tables are printed in R).
std::string blocks(const Column& first, const std::vector<Column>& columns, size_t limit) {
  std::string out;
  const size_t lead = first.width();
  for (size_t start = 0; start < columns.size();) {
    size_t used = lead, end = start;
    while (end < columns.size() && (end == start || used + 2 + columns[end].width() <= limit))
      used += 2 + columns[end++].width();
    if (start > 0) out += "\n";
    std::string line = io::pad(first.header, lead);
    for (size_t k = start; k < end; ++k)
      line += "  " + io::pad(columns[k].header, columns[k].width(), true);
    out += line + "\n" + std::string(used, '-') + "\n";
    for (size_t row = 0; row < first.lines.size(); ++row) {
      line = io::pad(first.lines[row], lead);
      for (size_t k = start; k < end; ++k)
        line += "  " + io::pad(columns[k].lines[row], columns[k].width(), true);
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
    start = end;
  }
  return out;
}

// The models' track records: numbers aligned, then where they come from.
std::string models_table(const Json& doc) {
  std::vector<std::vector<std::string>> rows = {{"model", "CRPS", "MAE", "scored", "weight"}};
  std::vector<std::string> sources = {"  calibrated on"};
  for (const auto& m : doc["models"]) {
    const bool calibrated = m["calibration"].is_string();
    rows.push_back({str(m, "label"), io::fixed(num(m, "crps")), io::fixed(num(m, "mae")),
                    calibrated ? std::to_string(m["scored"].get<int>()) : "-",
                    calibrated ? io::fixed(num(m, "weight"), 3) : "-"});
    // "calibration of MODEL on FILE (...)" without its first words.
    const std::string source = str(m, "calibration");
    const auto on = source.find(" on ");
    sources.push_back(!calibrated               ? "  no calibration: not in the consensus"
                      : on == std::string::npos ? "  " + source
                                                : "  " + source.substr(on + 4));
  }
  const std::string table = io::aligned(rows);
  std::string out;
  size_t row = 0;
  for (size_t start = 0, end; (end = table.find('\n', start)) != std::string::npos;
       start = end + 1, ++row) {
    if (row == 1) {
      out += "\n";  // the rule, drawn below once the width is known
      continue;
    }
    out += table.substr(start, end - start) + sources[row == 0 ? 0 : row - 1] + "\n";
  }
  size_t widest = 0, start = 0;
  for (size_t end; (end = out.find('\n', start)) != std::string::npos; start = end + 1)
    widest = std::max(widest, io::display_width(out.substr(start, end - start)));
  const size_t rule = out.find('\n') + 1;
  return out.insert(rule, std::string(widest, '-'));
}

}  // namespace

std::string scale_point(double x, double width) { return io::fixed(x, width > 10 ? 1 : 3); }

std::string compare_table(const Json& doc, const TableOptions&) {
  std::string out;
  if (doc.contains("scenario")) {
    const std::string title = str(doc["scenario"], "title");
    if (!title.empty()) out += title + "\n";
  }
  const int percent = static_cast<int>(std::lround(num(doc, "level") * 100));
  out += fmt::format(
      "models compared  seed {}  (out-of-sample CRPS and MAE of each model's calibration)\n\n",
      doc["seed"].get<std::uint64_t>());
  out += models_table(doc) + "\n";
  Column first{"issue", {}};
  std::vector<Column> columns;
  for (const auto& m : doc["models"]) columns.push_back({str(m, "label"), {}});
  Column consensus{"consensus", {}};
  bool flagged = false;
  for (const auto& issue : doc["issues"]) {
    const std::string id = str(issue, "issue");
    const double width = num(issue, "hi") - num(issue, "lo");
    const bool disagree = issue.value("disagree", false);
    flagged = flagged || disagree;
    first.lines.insert(
        first.lines.end(),
        {id, " spread " + scale_point(num(issue, "spread"), width) + (disagree ? " *" : "")});
    size_t k = 0;
    for (const auto& m : doc["models"]) {
      const Json& f = m["forecast"];
      columns[k].lines.push_back(scale_point(f.contains(id) ? num(f, id.c_str()) : NAN, width));
      columns[k++].lines.push_back(interval_text(m["interval"].value(id, Json()), width));
    }
    consensus.lines.push_back(scale_point(num(issue, "consensus"), width));
    consensus.lines.push_back(interval_text(issue["interval"], width));
  }
  columns.push_back(consensus);
  out += fmt::format(
      "forecast per issue, {}% interval under it; spread: largest minus smallest forecast\n",
      percent);
  out += blocks(first, columns, 100);
  if (flagged)
    out += fmt::format("* the models disagree by more than {:.0f}% of the issue's scale\n",
                       num(doc, "disagreement") * 100);
  return out + wrapped_notes(doc["notes"]);
}

std::string compare_csv(const Json& doc) {
  std::string out = "issue,model,forecast,lo,hi,weight\n";
  for (const auto& issue : doc["issues"]) {
    const std::string id = str(issue, "issue");
    for (const auto& m : doc["models"]) {
      const Json interval = m["interval"].value(id, Json());
      const bool has = interval.is_array() && interval.size() == 2;
      out += io::csv_field(id) + "," + io::csv_field(str(m, "label")) + "," +
             io::csv_number(m["forecast"].contains(id) ? num(m["forecast"], id.c_str()) : NAN) +
             "," + io::csv_number(has ? interval[0].get<double>() : NAN) + "," +
             io::csv_number(has ? interval[1].get<double>() : NAN) + "," +
             io::csv_number(num(m, "weight")) + "\n";
    }
    const Json& interval = issue["interval"];
    const bool has = interval.is_array() && interval.size() == 2;
    out += io::csv_field(id) + ",consensus," + io::csv_number(num(issue, "consensus")) + "," +
           io::csv_number(has ? interval[0].get<double>() : NAN) + "," +
           io::csv_number(has ? interval[1].get<double>() : NAN) + ",1\n";
  }
  return out;
}

}  // namespace detail

}  // namespace parley::output
