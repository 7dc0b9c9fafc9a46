// The `whatif` and `advice` documents: optional events against the baseline,
// and an actor's best moves (docs/result-format.md, docs/ensembles.md).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "ensemble/advise.h"
#include "ensemble/whatif.h"
#include "io/csv_write.h"
#include "io/output_writers.h"
#include "io/text_table.h"

namespace parley::output {

namespace {

Json texts(const std::vector<std::string>& list) {
  Json out = Json::array();
  for (const auto& s : list) out.push_back(s);
  return out;
}

std::string row_label(const Json& row) {
  std::string out;
  for (const auto& e : row["events"]) out += (out.empty() ? "" : " + ") + e.get<std::string>();
  return out.empty() ? "baseline" : out;
}

std::string goal_text(const ensemble::Goal& goal, const ensemble::Plan& plan) {
  switch (goal.kind) {
    case ensemble::Goal::Kind::issue:
      return "utility on " + plan.issue_ids[goal.issue];
    case ensemble::Goal::Kind::ceasefire_by:
      return "P(ceasefire by " + goal.month + ")";
    case ensemble::Goal::Kind::utility:
      break;
  }
  return "expected utility";
}

Json scored_json(const ensemble::ScoredMove& m) {
  return {{"score", number(m.score)},
          {"effect", number(m.effect)},
          {"interval", {number(m.lo), number(m.hi)}}};
}

}  // namespace

Json whatif_document(const ensemble::Plan& plan, const ensemble::Whatif& table) {
  Json out = detail::plan_envelope("whatif", plan);
  out["replicates"] = table.replicates;
  out["baseline_events"] = texts(table.baseline);
  out["targets"] = texts(table.targets);
  Json rows = Json::array();
  for (const auto& row : table.rows) {
    Json values = Json::array();
    for (size_t t = 0; t < table.targets.size(); ++t)
      values.push_back({{"target", table.targets[t]},
                        {"value", number(row.value[t])},
                        {"lo", number(row.lo[t])},
                        {"hi", number(row.hi[t])}});
    rows.push_back({{"events", texts(row.events)}, {"values", values}});
  }
  out["rows"] = std::move(rows);
  out["notes"] = texts(table.notes);
  return out;
}

Json advice_document(const ensemble::Plan& plan, const ensemble::Advice& advice) {
  Json out = detail::plan_envelope("advice", plan);
  if (plan.scenario) out["scenario_fingerprint"] = scenario_fingerprint(*plan.scenario);
  out["actor"] = advice.actor;
  Json goal = {{"kind", advice.goal.kind == ensemble::Goal::Kind::utility ? "utility"
                        : advice.goal.kind == ensemble::Goal::Kind::issue ? "issue"
                                                                          : "ceasefire_by"},
               {"text", goal_text(advice.goal, plan)}};
  if (advice.goal.kind == ensemble::Goal::Kind::issue)
    goal["issue"] = plan.issue_ids[advice.goal.issue];
  if (advice.goal.kind == ensemble::Goal::Kind::ceasefire_by) goal["month"] = advice.goal.month;
  out["goal"] = goal;
  out["replicates"] = advice.replicates;
  out["runs"] = advice.runs;
  out["baseline"] = number(advice.baseline);
  Json moves = Json::array();
  for (const auto& m : advice.moves) {
    Json x = {{"lever", m.move.lever}, {"move", m.move.label}};
    x.update(scored_json(m));
    moves.push_back(std::move(x));
  }
  out["moves"] = std::move(moves);
  Json best = Json::array();
  for (const auto& m : advice.best) best.push_back(m.label);
  Json combined = {{"moves", best}};
  combined.update(scored_json(advice.combined));
  out["best"] = combined;
  out["notes"] = texts(advice.notes);
  return out;
}

namespace detail {

namespace {

// "value [lo, hi]": probabilities and shares with two decimals, the rest with one.
std::string cell(const Json& v, const std::string& target) {
  const double value = num(v, "value"), lo = num(v, "lo"), hi = num(v, "hi");
  const bool share = target.rfind("p_", 0) == 0 || target.rfind("regime_share.", 0) == 0;
  const int digits = share ? 2 : 1;
  if (!std::isfinite(value)) return "-";
  if (!std::isfinite(lo) || !std::isfinite(hi)) return fmt::format("{:.{}f}", value, digits);
  return fmt::format("{:.{}f} [{:.{}f}, {:.{}f}]", value, digits, lo, digits, hi, digits);
}

constexpr int kLabel = 30, kCell = 20, kWidth = 100;

// `text` on lines of at most `width` columns: broken at blanks, a word wider
// than the line cut between characters.  O(length^2) on one short label.
std::vector<std::string> cell_lines(const std::string& text, size_t width) {
  std::vector<std::string> out;
  const std::string lines = io::wrapped_text("", text, width, 0);
  for (size_t start = 0, end; (end = lines.find('\n', start)) != std::string::npos;
       start = end + 1) {
    std::string line = lines.substr(start, end - start);
    line.erase(0, line.find_first_not_of(' '));  // continuation lines start with a blank
    while (io::display_width(line) > width) {
      size_t cut = 0;  // the longest start of `line` within `width`, on a character boundary
      for (size_t k = 1; k < line.size(); ++k) {
        if ((static_cast<unsigned char>(line[k]) & 0xC0) == 0x80) continue;
        if (io::display_width(line.substr(0, k)) > width) break;
        cut = k;
      }
      if (cut == 0) break;  // one character wider than the cell
      out.push_back(line.substr(0, cut));
      line = line.substr(cut);
    }
    out.push_back(line);
  }
  if (out.empty()) out.push_back("");
  return out;
}

}  // namespace

std::string whatif_table(const Json& d, const TableOptions&) {
  const Json& rows = d["rows"];
  const auto replicates = d.value("replicates", 0ULL);
  std::string out =
      fmt::format("what-if: {}, seed {}; ", str(d, "model"), d["seed"].get<unsigned long long>());
  out += replicates > 0
             ? fmt::format("[5%, 95%] over {} draws of the uncertain inputs\n", replicates)
             : std::string("no intervals\n");
  if (!d["baseline_events"].empty()) {
    std::string on;
    for (const auto& e : d["baseline_events"]) on += " " + e.get<std::string>();
    out += "baseline events on:" + on + "\n";
  }
  for (size_t r = 1; r < rows.size(); ++r) out += fmt::format("({}) {}\n", r, row_label(rows[r]));
  // Blocks of columns that fit 100 columns, each led by the baseline.
  const size_t per = std::max<size_t>(1, (kWidth - kLabel) / (kCell + 1) - 1);
  for (size_t first = 1; first < std::max<size_t>(rows.size(), 2); first += per) {
    std::vector<size_t> columns = {0};
    for (size_t r = first; r < rows.size() && r < first + per; ++r) columns.push_back(r);
    out += fmt::format("\n{:<{}}", "target", kLabel);
    for (size_t c : columns)
      out +=
          fmt::format(" {:>{}}", c == 0 ? std::string("baseline") : fmt::format("({})", c), kCell);
    out += "\n";
    const Json& targets = d["targets"];
    for (size_t t = 0; t < targets.size(); ++t) {
      const std::string target = targets[t].get<std::string>();
      out += fmt::format("{:<{}}", target, kLabel);
      for (size_t c : columns)
        out += fmt::format(" {:>{}}", cell(rows[c]["values"][t], target), kCell);
      out += "\n";
    }
  }
  for (const auto& note : d["notes"]) out += "note: " + note.get<std::string>() + "\n";
  return out;
}

std::string whatif_csv(const Json& d) {
  std::string out = "row,target,value,lo,hi\n";
  for (const auto& row : d["rows"])
    for (const auto& v : row["values"])
      out += io::csv_field(row_label(row)) + "," + io::csv_field(str(v, "target")) + "," +
             io::csv_number(num(v, "value")) + "," + io::csv_number(num(v, "lo")) + "," +
             io::csv_number(num(v, "hi")) + "\n";
  return out;
}

std::string advice_table(const Json& d, const TableOptions&) {
  constexpr size_t kShown = 15;
  std::string out = fmt::format(
      "advice for {} under {} (goal: {}), seed {}, {} draws, {} model runs\n", str(d, "actor"),
      str(d, "model"), str(d["goal"], "text"), d["seed"].get<unsigned long long>(),
      d["replicates"].get<unsigned long long>(), d["runs"].get<unsigned long long>());
  out += fmt::format("baseline score {:.4f}\n\n", num(d, "baseline"));
  out += fmt::format("{:>4}  {:<10}  {:<40}  {:>8}  {:>8}  {:>19}\n", "rank", "lever", "move",
                     "score", "effect", "90% interval");
  auto interval = [](const Json& m) {
    return fmt::format("[{:+.4f}, {:+.4f}]",
                       m["interval"][0].is_number() ? m["interval"][0].get<double>() : NAN,
                       m["interval"][1].is_number() ? m["interval"][1].get<double>() : NAN);
  };
  size_t rank = 0;
  for (const auto& m : d["moves"]) {
    if (rank == kShown) break;
    // A long move goes on as many lines of its 40 columns as it needs.
    const std::vector<std::string> label = cell_lines(str(m, "move"), 40);
    out += fmt::format("{:>4}  {:<10}  {}  {:>8.4f}  {:>+8.4f}  {:>19}\n", ++rank, str(m, "lever"),
                       io::pad(label.front(), 40), num(m, "score"), num(m, "effect"), interval(m));
    for (size_t k = 1; k < label.size(); ++k) out += std::string(18, ' ') + label[k] + "\n";
  }
  if (d["moves"].size() > kShown)
    out += fmt::format("({} more moves in --format json)\n", d["moves"].size() - kShown);
  const Json& best = d["best"];
  if (best["moves"].empty()) {
    out += "\nbest combination: no move raises the score\n";
  } else {
    const size_t n = best["moves"].size();
    out += fmt::format("\nbest combination ({} move{}): score {:.4f}, effect {:+.4f} {}\n", n,
                       n == 1 ? "" : "s", num(best, "score"), num(best, "effect"), interval(best));
    for (const auto& m : best["moves"]) out += "  " + m.get<std::string>() + "\n";
  }
  for (const auto& note : d["notes"]) out += "note: " + note.get<std::string>() + "\n";
  return out;
}

std::string advice_csv(const Json& d) {
  std::string out = "rank,lever,move,score,effect,lo,hi\n";
  size_t rank = 0;
  for (const auto& m : d["moves"]) {
    out += std::to_string(++rank) + "," + io::csv_field(str(m, "lever")) + "," +
           io::csv_field(str(m, "move"));
    for (double v : {num(m, "score"), num(m, "effect"),
                     m["interval"][0].is_number() ? m["interval"][0].get<double>() : NAN,
                     m["interval"][1].is_number() ? m["interval"][1].get<double>() : NAN})
      out += "," + io::csv_number(v);
    out += "\n";
  }
  return out;
}

}  // namespace detail

}  // namespace parley::output
