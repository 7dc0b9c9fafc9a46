// The `war_backtest` and `war_calibration` documents: the war layer scored
// against a war-case library, and its free parameters fitted there
// (docs/validation.md, "War layer").  A war backtest's `models` list has the
// shape of a DEU backtest's where the two share a meaning (label, a paired
// difference to the baseline); a war calibration holds two war backtests,
// leave-one-case-out and in-sample.
#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "io/csv_write.h"
#include "io/output_writers.h"
#include "io/text_table.h"

namespace parley::output {

namespace v = parley::validation;

namespace {

Json difference(const std::optional<v::WarPairedDifference>& d) {
  if (!d) return nullptr;
  return {{"mean", number(d->mean)}, {"lo", number(d->lo)}, {"hi", number(d->hi)}};
}

// The body of a war backtest (without the envelope); a calibration nests two.
Json war_backtest_body(const v::WarBacktestReport& r, const std::string& file) {
  Json j = Json::object();
  j["file"] = file;
  j["baseline"] = "constant_hazard";
  j["level"] = 0.90;
  j["draws"] = r.draws;
  j["log_likelihood_floor"] = r.eps;
  j["brier_windows"] = v::brier_windows();
  j["cases"] = Json::array();
  for (std::size_t i = 0; i < r.cases.size(); ++i) {
    const auto& o = r.observations[i];
    j["cases"].push_back({{"case", r.cases[i]},
                          {"period", o.period},
                          {"ceasefire", o.ceasefire},
                          {"censored_at_horizon", o.at_horizon},
                          {"horizon", o.horizon},
                          {"within", o.within_y}});
  }
  j["models"] = Json::array();
  for (const auto& m : r.models) {
    Json e;
    e["label"] = m.label;
    e["nll"] = number(m.nll);
    e["brier_6"] = number(m.brier[0]);
    e["brier_12"] = number(m.brier[1]);
    e["brier_24"] = number(m.brier[2]);
    e["brier_n"] = {m.brier_n[0], m.brier_n[1], m.brier_n[2]};
    e["vs_baseline"] = {{"nll", difference(m.nll_vs_baseline)},
                        {"brier_12", difference(m.brier12_vs_baseline)}};
    e["cases"] = Json::array();
    for (std::size_t i = 0; i < m.cases.size(); ++i) {
      const auto& c = m.cases[i];
      Json row = {{"case", r.cases[i]},
                  {"p_by_actual", number(c.p_by_actual)},
                  {"p_outcome", number(c.p_outcome)},
                  {"log_lik", number(c.log_lik)},
                  {"floored", c.floored},
                  {"p_within", c.p_within}};
      row["hazard"] = Json::array();
      for (double h : c.hazard) row["hazard"].push_back(number(h));
      row["cumulative"] = c.cumulative;
      if (i < m.fitted.size()) row["fit"] = m.fitted[i];
      e["cases"].push_back(std::move(row));
    }
    j["models"].push_back(std::move(e));
  }
  j["notes"] = r.notes;
  return j;
}

}  // namespace

Json war_backtest_document(const v::WarBacktestReport& report, const std::string& file) {
  Json j = envelope("war_backtest");
  j.update(war_backtest_body(report, file));
  return j;
}

Json war_calibration_document(const v::WarCalibrationReport& r, const std::string& file) {
  Json j = envelope("war_calibration");
  j["file"] = file;
  j["method"] =
      "grid maximum likelihood with common random numbers; profile-likelihood intervals; "
      "leave-one-case-out scores";
  j["draws"] = r.draws;
  j["score_draws"] = r.score_draws;
  j["grid_points"] = r.grid_points;
  j["evaluations"] = r.evaluations;
  j["log_lik"] = number(r.log_lik);
  j["parameters"] = Json::array();
  for (const auto& f : r.fit)
    j["parameters"].push_back({{"name", f.name},
                               {"value", f.value},
                               {"lo", f.lo},
                               {"hi", f.hi},
                               {"bounded_lo", f.bounded_lo},
                               {"bounded_hi", f.bounded_hi}});
  j["folds"] = Json::array();
  for (std::size_t i = 0; i < r.cases.size(); ++i) {
    Json values = Json::object();
    for (std::size_t k = 0; k < r.fit.size(); ++k) values[r.fit[k].name] = r.folds[i][k];
    j["folds"].push_back({{"held_out", r.cases[i]}, {"values", values}});
  }
  j["pooling"] = {{"weight", r.pool_weight},
                  {"hazard", r.pool_hazard},
                  {"folds", r.pool_folds},
                  {"method",
                   "F = (1 - w) F_war + w F_constant; w on 0, 0.05, ..., 1 by the training cases' "
                   "likelihood with leave-one-case-out constant hazards"}};
  j["leave_one_case_out"] = war_backtest_body(r.loo, file);
  j["in_sample"] = war_backtest_body(r.in_sample, file);
  j["notes"] = Json::array();
  return j;
}

namespace detail {

namespace {

using io::fixed;

std::string outcome_text(const Json& c) {
  const int period = c["period"].get<int>();
  if (c["censored_at_horizon"].get<bool>()) return fmt::format("none by {} (horizon)", period);
  return c["ceasefire"].get<bool>() ? fmt::format("ceasefire {}", period)
                                    : fmt::format("none by {}", period);
}

std::string interval(const Json& d) {
  if (!d.is_object()) return "-";
  return fmt::format("{:+.3f} [{:+.3f}, {:+.3f}]", num(d, "mean"), num(d, "lo"), num(d, "hi"));
}

std::string scores_table(const Json& r, const std::string& title) {
  std::string out = fmt::format("war backtest: {}\n", title);
  out += fmt::format(
      "cases: {}; baselines fitted leave-one-case-out; log-likelihood floor {:.2e} "
      "(1/(2 x {} draws))\n\n",
      r["cases"].size(), num(r, "log_likelihood_floor"), r["draws"].get<int>());
  std::size_t width = 16;
  for (const auto& m : r["models"]) width = std::max(width, str(m, "label").size());
  out += fmt::format("{:<{}} {:>7} {:>8} {:>8} {:>8}  {}\n", "model", width, "nll", "brier_6",
                     "brier_12", "brier_24", "nll - constant_hazard [90% CI]");
  for (const auto& m : r["models"])
    out += fmt::format("{:<{}} {:>7} {:>8} {:>8} {:>8}  {}\n", str(m, "label"), width,
                       fixed(num(m, "nll"), 3), fixed(num(m, "brier_6"), 3),
                       fixed(num(m, "brier_12"), 3), fixed(num(m, "brier_24"), 3),
                       interval(m["vs_baseline"]["nll"]));
  // Per case: columns as wide as their labels, at least "0.000 / -10.00*".
  out += "\nper case: P(ceasefire by the actual month) / log-likelihood of the outcome\n";
  std::size_t case_width = 4;
  for (const auto& c : r["cases"]) case_width = std::max(case_width, str(c, "case").size());
  auto column = [](const Json& m) { return std::max<std::size_t>(15, str(m, "label").size()); };
  out += fmt::format("{:<{}} {:<20}", "case", case_width, "outcome (period)");
  for (const auto& m : r["models"]) out += fmt::format(" {:>{}}", str(m, "label"), column(m));
  out += "\n";
  for (std::size_t i = 0; i < r["cases"].size(); ++i) {
    out += fmt::format("{:<{}} {:<20}", str(r["cases"][i], "case"), case_width,
                       outcome_text(r["cases"][i]));
    for (const auto& m : r["models"]) {
      const Json& c = m["cases"][i];
      const std::string cell =
          fmt::format("{} / {}", fixed(num(c, "p_by_actual"), 3), fixed(num(c, "log_lik"), 2));
      out += fmt::format(" {:>{}}", cell + (c["floored"].get<bool>() ? "*" : ""), column(m));
    }
    out += "\n";
  }
  out +=
      "\nnll: mean negative log-likelihood per case of the first-ceasefire month (or of survival\n"
      "to censoring, victory or the horizon); * = probability below the floor. brier_k: P(a\n"
      "ceasefire within k months of the clock start) against the outcome. Interval: percentile\n"
      "bootstrap over cases.\n";
  for (const auto& note : r["notes"]) out += "note: " + note.get<std::string>() + "\n";
  return out;
}

// model,nll,brier_6,brier_12,brier_24 and the nll difference to the baseline.
std::string scores_csv(const Json& r, const std::string& prefix_header, const std::string& prefix) {
  std::string out;
  for (const auto& m : r["models"]) {
    const Json& d = m["vs_baseline"]["nll"];
    out += prefix + io::csv_field(str(m, "label"));
    for (const char* key : {"nll", "brier_6", "brier_12", "brier_24"})
      out += "," + io::csv_number(num(m, key));
    for (const char* key : {"mean", "lo", "hi"})
      out += "," + (d.is_object() ? io::csv_number(num(d, key)) : std::string());
    out += "\n";
  }
  return prefix_header + "model,nll,brier_6,brier_12,brier_24,nll_diff,nll_diff_lo,nll_diff_hi\n" +
         out;
}

}  // namespace

std::string war_backtest_table(const Json& document, const TableOptions&) {
  return scores_table(document, str(document, "file"));
}

std::string war_backtest_csv(const Json& document) { return scores_csv(document, "", ""); }

std::string war_calibration_table(const Json& r, const TableOptions&) {
  std::string out = fmt::format("war calibration: {}\n", str(r, "file"));
  out += fmt::format(
      "{} grid points x {} cases at {} wars per case (common random numbers), {} likelihood\n"
      "evaluations in all; held-out cases scored at {} wars.\n\n",
      r["grid_points"].get<int>(), r["folds"].size(), r["draws"].get<int>(),
      r["evaluations"].get<int>(), r["score_draws"].get<int>());
  out += fmt::format("{:<16} {:>10}  {}\n", "parameter", "fitted", "90% profile interval");
  for (const auto& f : r["parameters"])
    out += fmt::format("{:<16} {:>10}  [{}{}, {}{}]\n", str(f, "name"), fixed(num(f, "value"), 4),
                       f["bounded_lo"].get<bool>() ? "" : "<=", fixed(num(f, "lo"), 4),
                       f["bounded_hi"].get<bool>() ? "" : ">=", fixed(num(f, "hi"), 4));
  out += fmt::format("summed log-likelihood at the fit: {}\n", fixed(num(r, "log_lik"), 3));
  const Json& pool = r["pooling"];
  out += fmt::format(
      "pooling: war_pooled = (1 - w) war + w constant hazard; w = {} on every case, with the\n"
      "library's constant hazard h = {} (the model's pool_weight and pool_hazard)\n",
      fixed(num(pool, "weight"), 2), fixed(num(pool, "hazard"), 4));
  out += "\nleave-one-case-out fits:\n";
  std::size_t fold_index = 0;
  for (const auto& fold : r["folds"]) {
    std::string values;
    for (const auto& [name, value] : fold["values"].items())
      values +=
          fmt::format("{}{} = {}", values.empty() ? "" : ", ", name, fixed(value.get<double>(), 4));
    out += fmt::format("  without {:<16} {}, w = {}\n", str(fold, "held_out"), values,
                       fixed(pool["folds"][fold_index++].get<double>(), 2));
  }
  out += "\nleave-one-case-out scores:\n" +
         scores_table(r["leave_one_case_out"], "each case predicted by the fit on the other cases");
  out += "\nin-sample scores (fit on every case; optimistic):\n" +
         scores_table(r["in_sample"], "every case at the full fit");
  return out;
}

// The held-out and in-sample scores, one row per model and scoring.
std::string war_calibration_csv(const Json& r) {
  std::string out = scores_csv(r["leave_one_case_out"], "scoring,", "leave_one_case_out,");
  const std::string in_sample = scores_csv(r["in_sample"], "", "in_sample,");
  return out + in_sample.substr(in_sample.find('\n') + 1);
}

}  // namespace detail

}  // namespace parley::output
