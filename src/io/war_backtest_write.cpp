// Writers of a war backtest report (war_backtest_write.h).
#include "io/war_backtest_write.h"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace parley::io {
namespace {

namespace v = parley::validation;

std::string num(double x, int digits = 3) {
  return std::isfinite(x) ? fmt::format("{:.{}f}", x, digits) : std::string("-");
}

nlohmann::json number(double x) {
  return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr);
}

std::string outcome_text(const v::WarObservation& o) {
  if (o.at_horizon) return fmt::format("none by {} (horizon)", o.period);
  return o.ceasefire ? fmt::format("ceasefire {}", o.period) : fmt::format("none by {}", o.period);
}

std::string interval(const std::optional<v::WarPairedDifference>& d) {
  if (!d) return "-";
  return fmt::format("{:+.3f} [{:+.3f}, {:+.3f}]", d->mean, d->lo, d->hi);
}

nlohmann::json difference(const std::optional<v::WarPairedDifference>& d) {
  if (!d) return nullptr;
  return {{"mean", number(d->mean)}, {"lo", number(d->lo)}, {"hi", number(d->hi)}};
}

}  // namespace

std::string war_backtest_table(const v::WarBacktestReport& r, const std::string& title) {
  std::string out = fmt::format("war backtest: {}\n", title);
  out += fmt::format(
      "cases: {}; baselines fitted leave-one-case-out; log-likelihood floor {:.2e} "
      "(1/(2 x {} draws))\n\n",
      r.cases.size(), r.eps, r.draws);
  out += fmt::format("{:<16} {:>7} {:>8} {:>8} {:>8}  {}\n", "model", "nll", "brier_6", "brier_12",
                     "brier_24", "nll - constant_hazard [90% CI]");
  for (const auto& m : r.models)
    out += fmt::format("{:<16} {:>7} {:>8} {:>8} {:>8}  {}\n", m.label, num(m.nll), num(m.brier[0]),
                       num(m.brier[1]), num(m.brier[2]), interval(m.nll_vs_baseline));
  out += "\nper case: P(ceasefire by the actual month) / log-likelihood of the outcome\n";
  out += fmt::format("{:<16} {:<20}", "case", "outcome (period)");
  for (const auto& m : r.models) out += fmt::format(" {:>16}", m.label);
  out += "\n";
  for (std::size_t i = 0; i < r.cases.size(); ++i) {
    out += fmt::format("{:<16} {:<20}", r.cases[i], outcome_text(r.observations[i]));
    for (const auto& m : r.models)
      out += fmt::format(" {:>16}", fmt::format("{} / {}", num(m.cases[i].p_by_actual),
                                                num(m.cases[i].log_lik, 2)) +
                                        (m.cases[i].floored ? "*" : ""));
    out += "\n";
  }
  out +=
      "\nnll: mean negative log-likelihood per case of the first-ceasefire month (or of survival\n"
      "to censoring, victory or the horizon); * = probability below the floor. brier_k: P(a\n"
      "ceasefire within k months of the clock start) against the outcome. Interval: percentile\n"
      "bootstrap over cases.\n";
  for (const auto& note : r.notes) out += "note: " + note + "\n";
  return out;
}

namespace {
nlohmann::json backtest_json(const v::WarBacktestReport& r, const std::string& title) {
  nlohmann::json j;
  j["file"] = title;
  j["kind"] = "war";
  j["baseline"] = "constant_hazard";
  j["level"] = 0.90;
  j["draws"] = r.draws;
  j["log_likelihood_floor"] = r.eps;
  j["brier_windows"] = v::brier_windows();
  j["notes"] = r.notes;
  j["cases"] = nlohmann::json::array();
  for (std::size_t i = 0; i < r.cases.size(); ++i) {
    const auto& o = r.observations[i];
    j["cases"].push_back({{"case", r.cases[i]},
                          {"period", o.period},
                          {"ceasefire", o.ceasefire},
                          {"censored_at_horizon", o.at_horizon},
                          {"horizon", o.horizon},
                          {"within", o.within_y}});
  }
  j["models"] = nlohmann::json::array();
  for (const auto& m : r.models) {
    nlohmann::json e;
    e["label"] = m.label;
    e["nll"] = number(m.nll);
    e["brier_6"] = number(m.brier[0]);
    e["brier_12"] = number(m.brier[1]);
    e["brier_24"] = number(m.brier[2]);
    e["brier_n"] = {m.brier_n[0], m.brier_n[1], m.brier_n[2]};
    e["vs_baseline"] = {{"nll", difference(m.nll_vs_baseline)},
                        {"brier_12", difference(m.brier12_vs_baseline)}};
    e["cases"] = nlohmann::json::array();
    for (std::size_t i = 0; i < m.cases.size(); ++i) {
      const auto& c = m.cases[i];
      nlohmann::json row = {{"case", r.cases[i]},
                            {"p_by_actual", number(c.p_by_actual)},
                            {"p_outcome", number(c.p_outcome)},
                            {"log_lik", number(c.log_lik)},
                            {"floored", c.floored},
                            {"p_within", c.p_within}};
      row["hazard"] = nlohmann::json::array();
      for (double h : c.hazard) row["hazard"].push_back(number(h));
      row["cumulative"] = c.cumulative;
      if (i < m.fitted.size()) row["fit"] = m.fitted[i];
      e["cases"].push_back(std::move(row));
    }
    j["models"].push_back(std::move(e));
  }
  return j;
}
}  // namespace

std::string war_backtest_json(const v::WarBacktestReport& r, const std::string& title) {
  return backtest_json(r, title).dump(2) + "\n";
}

std::string war_calibration_table(const v::WarCalibrationReport& r, const std::string& title) {
  std::string out = fmt::format("war calibration: {}\n", title);
  out += fmt::format(
      "{} grid points x {} cases at {} wars per case (common random numbers), {} likelihood\n"
      "evaluations in all; held-out cases scored at {} wars.\n\n",
      r.grid_points, r.cases.size(), r.draws, r.evaluations, r.score_draws);
  out += fmt::format("{:<16} {:>10}  {}\n", "parameter", "fitted", "90% profile interval");
  for (const auto& f : r.fit)
    out +=
        fmt::format("{:<16} {:>10}  [{}{}, {}{}]\n", f.name, num(f.value, 4),
                    f.bounded_lo ? "" : "<=", num(f.lo, 4), f.bounded_hi ? "" : ">=", num(f.hi, 4));
  out += fmt::format("summed log-likelihood at the fit: {:.3f}\n", r.log_lik);
  out += "\nleave-one-case-out fits:\n";
  for (std::size_t i = 0; i < r.cases.size(); ++i) {
    std::string values;
    for (std::size_t k = 0; k < r.fit.size(); ++k)
      values += fmt::format("{}{} = {}", k ? ", " : "", r.fit[k].name, num(r.folds[i][k], 4));
    out += fmt::format("  without {:<16} {}\n", r.cases[i], values);
  }
  out += "\nleave-one-case-out scores:\n" +
         war_backtest_table(r.loo, "each case predicted by the fit on the other cases");
  out += "\nin-sample scores (fit on every case; optimistic):\n" +
         war_backtest_table(r.in_sample, "every case at the full fit");
  return out;
}

std::string war_calibration_json(const v::WarCalibrationReport& r, const std::string& title) {
  nlohmann::json j;
  j["file"] = title;
  j["method"] =
      "grid maximum likelihood with common random numbers; profile-likelihood intervals; "
      "leave-one-case-out scores";
  j["draws"] = r.draws;
  j["score_draws"] = r.score_draws;
  j["grid_points"] = r.grid_points;
  j["evaluations"] = r.evaluations;
  j["log_lik"] = r.log_lik;
  j["parameters"] = nlohmann::json::array();
  for (const auto& f : r.fit)
    j["parameters"].push_back({{"name", f.name},
                               {"value", f.value},
                               {"lo", f.lo},
                               {"hi", f.hi},
                               {"bounded_lo", f.bounded_lo},
                               {"bounded_hi", f.bounded_hi}});
  j["folds"] = nlohmann::json::array();
  for (std::size_t i = 0; i < r.cases.size(); ++i) {
    nlohmann::json values;
    for (std::size_t k = 0; k < r.fit.size(); ++k) values[r.fit[k].name] = r.folds[i][k];
    j["folds"].push_back({{"held_out", r.cases[i]}, {"values", values}});
  }
  j["leave_one_case_out"] = backtest_json(r.loo, title);
  j["in_sample"] = backtest_json(r.in_sample, title);
  return j.dump(2) + "\n";
}

}  // namespace parley::io
