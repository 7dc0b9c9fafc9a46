// The `war` model: Monte Carlo over simulated wars of the war-termination
// layer (docs/models/war.md).
//
// Reads the scenario's `conflict` and `agenda` sections through
// RunContext::scenario, runs `draws` wars (each keyed by (seed, {ensemble
// draw, war draw, subsystem, period, actor})) and summarises them:
//   forecast[i]  the mean package in force at the horizon (agreed terms where
//                a war agreed, else the front or the status quo); status
//                "no_agreement" when no war agreed on issue i;
//   quantities   p_ceasefire_by.YYYY-MM, regime_share.REGIME,
//                p_agreed.ISSUE, terms_if_agreed.ISSUE;
//   tables       "ceasefire_curve" (hazard and cumulative probability per
//                month), "terms", "periods", "blockers" (docs/models/war.md).
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

#include "conflict/conflict.h"
#include "conflict/simulator.h"
#include "models/model_infos.h"
#include "models/spatial.h"
#include "parley/error.h"
#include "parley/scenario.h"

namespace parley {
namespace {

using war::Regime;

double quantile(std::vector<double> v, double q) {  // O(n log n)
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(v.begin(), v.end());
  const double pos = q * (v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - lo) * (v[hi] - v[lo]);
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

double mean_of(const std::vector<double>& v) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

// The monthly hazard of a first ceasefire: the share of the wars still without
// one that reach one in month t.
double hazard_at(const war::Summary& s, int t) {
  const double before = t > 0 ? s.ceasefire_by[t - 1] : 0;
  return before < 1 ? (s.ceasefire_by[t] - before) / (1 - before) : 0;
}

class WarModel : public Model {
 public:
  Result run(const Instance& instance, const Params& params,
             const RunContext& context) const override {
    if (!context.scenario)
      throw Error("the war model needs the scenario's 'conflict' section; none was given");
    war::Defaults defaults;
    defaults.regime.a_b = number(params, "a_b");
    defaults.regime.a_r = number(params, "a_r");
    defaults.regime.a_t = number(params, "a_t");
    defaults.regime.a_k = number(params, "a_k");
    defaults.hazard_h0 = number(params, "h0");
    defaults.audience_decay = number(params, "audience_decay");
    war::Conflict conflict = war::parse_conflict(*context.scenario, instance, defaults);
    war::Options options;
    options.spatial = text(params, "spatial");
    options.accommodation = number(params, "accommodation");
    options.margin = number(params, "margin");
    options.what_if = split_list(text(params, "what_if"));
    options.cost_scale[0] = number(params, "cost_a_scale");
    options.cost_scale[1] = number(params, "cost_b_scale");
    options.horizon = integer(params, "horizon");
    options.threads = integer(params, "threads");
    // Inside an ensemble the instance is the draw: never draw it again, and
    // leave the cores to the ensemble's own fan-out.
    options.sample_inputs = integer(params, "sample_inputs") != 0 && !context.drawn;
    if (context.drawn && options.threads == 0) options.threads = 1;
    options.scenario = context.scenario;
    options.defaults = defaults;
    options.progress = context.progress;
    const war::Simulator sim(std::move(conflict), instance, options);
    const int draws = integer(params, "draws");
    const war::Summary s = sim.simulate(context.seed, context.draw, draws);
    return summarise(sim, instance, s);
  }

 private:
  static Result summarise(const war::Simulator& sim, const Instance& instance,
                          const war::Summary& s) {
    const int m = instance.issues();
    Result r;
    // One estimand for every issue: the mean package in force at the horizon
    // (agreed terms where a war agreed, the front or the status quo elsewhere).
    r.forecast = s.de_facto_mean;
    r.status.resize(m);
    for (int j = 0; j < m; ++j) r.status[j] = s.terms[j].empty() ? "no_agreement" : "ok";
    r.trajectory = trajectory(instance, s);
    add_quantities(sim, instance, s, r);
    r.tables.push_back(curve_table(sim, s));
    r.tables.push_back(terms_table(sim, instance, s));
    r.tables.push_back(periods_table(sim, s));
    r.tables.push_back(blockers_table(sim, instance, s));
    const std::string end = sim.conflict().month_label(s.periods);
    r.notes.push_back(
        "terms_if_agreed: mean term over the wars that agreed (their share: p_agreed)");
    r.notes.push_back("terms_if_agreed '-': no war agreed; the issue stays at its status quo");
    r.notes.push_back("forecast: mean package in force at " + end + "; regime_share: at " + end);
    return r;
  }

  // Round t = mean positions over the wars after month t.
  static std::vector<Round> trajectory(const Instance& instance, const war::Summary& s) {
    const int n = instance.actors(), m = instance.issues();
    std::vector<Round> out;
    std::vector<double> w(n), x(n);
    for (int t = 0; t <= s.periods; ++t) {
      Round round;
      round.round = t;
      round.positions.assign(s.positions_mean.begin() + static_cast<std::ptrdiff_t>(t) * n * m,
                             s.positions_mean.begin() + static_cast<std::ptrdiff_t>(t + 1) * n * m);
      for (int j = 0; j < m; ++j) {
        for (int a = 0; a < n; ++a) {
          const bool has = instance.has(a, j);
          w[a] = has ? instance.capability(a, j) * instance.salience(a, j) : 0;
          x[a] = has ? round.positions[a * m + j] : 0;
        }
        round.mean.push_back(spatial::weighted_mean(x, w));
        round.median.push_back(spatial::weighted_median(x, w));
      }
      out.push_back(std::move(round));
    }
    return out;
  }

  // Headline numbers with stable names (docs/models/war.md, "Quantities").
  static void add_quantities(const war::Simulator& sim, const Instance& instance,
                             const war::Summary& s, Result& r) {
    const auto& c = sim.conflict();
    const int T = s.periods;
    for (int t = 1; t <= T; ++t) {
      const std::string month = c.month_label(t);
      if (month.substr(5) != "12" && t != T) continue;
      r.quantities.push_back({"p_ceasefire_by." + month, "P(ceasefire by the end of " + month + ")",
                              s.ceasefire_by[t - 1]});
    }
    const auto& last = s.regime_share[T - 1];
    for (int g = 0; g < war::regime_count; ++g) {
      const char* name = war::regime_name(static_cast<Regime>(g));
      r.quantities.push_back({std::string("regime_share.") + name,
                              std::string("share of wars in ") + name + " at " + c.month_label(T),
                              last[g]});
    }
    for (int j = 0; j < instance.issues(); ++j) {
      const std::string& id = instance.frames[j].id;
      r.quantities.push_back({"p_agreed." + id, "share of wars with an agreed term on " + id,
                              static_cast<double>(s.terms[j].size()) / s.draws});
    }
    for (int j = 0; j < instance.issues(); ++j) {
      const std::string& id = instance.frames[j].id;
      r.quantities.push_back({"terms_if_agreed." + id,
                              "mean agreed term on " + id + " over the wars that agreed on it",
                              mean_of(s.terms[j])});
    }
  }

  static Table curve_table(const war::Simulator& sim, const war::Summary& s) {
    Table curve;
    curve.name = "ceasefire_curve";
    curve.title = "First ceasefire by month: hazard and cumulative probability, over " +
                  std::to_string(s.draws) + " simulated wars";
    curve.columns = {"period", "month", "hazard", "p_ceasefire_by"};
    for (int t = 0; t < s.periods; ++t)
      curve.rows.push_back({static_cast<double>(t + 1), sim.conflict().month_label(t + 1),
                            hazard_at(s, t), s.ceasefire_by[t]});
    return curve;
  }

  static Table terms_table(const war::Simulator& sim, const Instance& instance,
                           const war::Summary& s) {
    Table terms;
    terms.name = "terms";
    terms.title = "Terms if agreed (share of wars that agreed) at " +
                  sim.conflict().month_label(s.periods) +
                  "; issues no war agreed stay at the status quo";
    terms.columns = {"issue", "p_agreed", "terms_if_agreed", "q05", "q25", "q50",
                     "q75",   "q95",      "in_force_mean"};
    for (int j = 0; j < instance.issues(); ++j) {
      const auto& v = s.terms[j];
      std::vector<Table::Cell> row;
      row.emplace_back(instance.frames[j].id);
      row.emplace_back(static_cast<double>(v.size()) / s.draws);
      if (v.empty())
        row.emplace_back(std::string("status quo"));
      else
        row.emplace_back(mean_of(v));
      for (double q : {0.05, 0.25, 0.5, 0.75, 0.95}) row.emplace_back(quantile(v, q));
      row.emplace_back(s.de_facto_mean[j]);
      terms.rows.push_back(std::move(row));
    }
    return terms;
  }

  static Table periods_table(const war::Simulator& sim, const war::Summary& s) {
    Table periods;
    periods.name = "periods";
    periods.title =
        "Regimes and cause tags per month, over " + std::to_string(s.draws) + " simulated wars";
    periods.columns = {"period", "month", "p_ceasefire_by_then"};
    for (int g = 0; g < war::regime_count; ++g)
      periods.columns.push_back(std::string("p_") + war::regime_name(static_cast<Regime>(g)));
    for (int g = 1; g < war::cause_count - 1; ++g)
      periods.columns.push_back(std::string("p_blocked_") +
                                war::cause_name(static_cast<war::Cause>(g)));
    periods.columns.push_back("expected_cost_a");
    periods.columns.push_back("expected_cost_b");
    for (int t = 0; t < s.periods; ++t) {
      std::vector<Table::Cell> row;
      row.emplace_back(static_cast<double>(t + 1));
      row.emplace_back(sim.conflict().month_label(t + 1));
      row.emplace_back(s.ceasefire_by[t]);
      for (int g = 0; g < war::regime_count; ++g) row.emplace_back(s.regime_share[t][g]);
      for (int g = 1; g < war::cause_count - 1; ++g) row.emplace_back(s.cause_share[t][g]);
      row.emplace_back(s.expected_cost[t][0]);
      row.emplace_back(s.expected_cost[t][1]);
      periods.rows.push_back(std::move(row));
    }
    return periods;
  }

  static Table blockers_table(const war::Simulator& sim, const Instance& instance,
                              const war::Summary& s) {
    const auto& c = sim.conflict();
    Table blockers;
    blockers.name = "blockers";
    blockers.title =
        "Veto players blocking at the horizon: share of runs, mean bargaining gap (per-period "
        "utility), the issue that closes the gap at the least cost to the others";
    blockers.columns = {"veto_player", "p_blocking", "mean_gap", "cheapest_issue", "p_cheapest"};
    for (std::size_t v = 0; v < c.veto.size(); ++v) {
      const auto& counts = s.blocker_issue_count[v];
      const auto best = std::max_element(counts.begin(), counts.end());
      const int total = std::accumulate(counts.begin(), counts.end(), 0);
      std::string issue = "none";
      double share = 0;
      if (best != counts.end() && *best > 0) {
        issue = instance.frames[best - counts.begin()].id;
        share = static_cast<double>(*best) / total;
      }
      blockers.rows.push_back(
          {instance.actor_ids[c.veto[v]], s.blocked_share[v], s.blocker_gap_mean[v], issue, share});
    }
    return blockers;
  }
};

// The quantities a war run answers for `scenario` (docs/scenario-format.md,
// Questions): P(ceasefire by) each December of the horizon and its last month,
// the regime shares at the horizon, and per issue P(agreed) and the mean terms
// where agreed.
std::vector<std::string> war_quantities(const Scenario& scenario, const Params& params) {
  const war::Conflict c = war::parse_conflict(scenario, nominal_instance(scenario));
  const int T = integer(params, "horizon") > 0 ? integer(params, "horizon") : c.horizon;
  std::vector<std::string> names;
  for (int t = 1; t <= T; ++t)
    if (const std::string month = c.month_label(t); t == T || month.substr(5) == "12")
      names.push_back("p_ceasefire_by." + month);
  for (int r = 0; r < war::regime_count; ++r)
    names.push_back(std::string("regime_share.") + war::regime_name(static_cast<Regime>(r)));
  for (const auto& issue : scenario.issues) {
    names.push_back("p_agreed." + issue.id);
    names.push_back("terms_if_agreed." + issue.id);
  }
  return names;
}

}  // namespace

ModelInfo war_model_info() {
  ModelInfo info;
  info.name = "war";
  info.summary =
      "War-termination layer: battlefield, beliefs, mediators, phased agenda, regimes (Monte "
      "Carlo)";
  info.spec = "war-termination.md sections 4, 9, 11, 12, 14";
  info.dynamic = true;
  using K = ParamSpec::Kind;
  // Parameters marked "fitted" are guesses until fitted on the case library;
  // those of the regime and the hazard apply where the scenario is silent.
  info.schema.specs = {
      {"draws", K::integer, 2000.0, {}, 1, 1e8, "number of simulated wars"},
      {"spatial",
       K::text,
       std::string("compromise"),
       {},
       -1e300,
       1e300,
       "registered spatial model whose forecast is the mediator's fill and pulls positions"},
      {"accommodation",
       K::number,
       0.02,
       {},
       0,
       1,
       "share of the way each actor's position moves to the spatial forecast per bargaining "
       "month (fitted)"},
      {"a_b", K::number, -4.0, {}, -1e6, 1e6, "talks -> breakdown log-odds intercept (fitted)"},
      {"a_r", K::number, -3.0, {}, -1e6, 1e6, "talks -> recess log-odds intercept (fitted)"},
      {"a_t", K::number, -2.0, {}, -1e6, 1e6, "recess -> talks log-odds intercept (fitted)"},
      {"a_k", K::number, -4.0, {}, -1e6, 1e6, "breakdown -> talks log-odds intercept (fitted)"},
      {"h0", K::number, 0.02, {}, 0, 1, "monthly breakdown hazard of a bare ceasefire (fitted)"},
      {"audience_decay",
       K::number,
       0.95,
       {},
       0,
       1,
       "monthly probability that a red line without its own decay still holds (fitted)"},
      {"margin",
       K::number,
       0.0,
       {},
       0,
       1,
       "acceptance margin m_i of every veto player, per-period utility"},
      {"what_if",
       K::text,
       std::string(""),
       {},
       -1e300,
       1e300,
       "comma-separated names of the scenario's optional events to switch on"},
      {"cost_a_scale", K::number, 1.0, {}, 1e-9, 1e9, "multiplier on side A's per-period cost"},
      {"cost_b_scale", K::number, 1.0, {}, 1e-9, 1e9, "multiplier on side B's per-period cost"},
      {"horizon", K::integer, 0.0, {}, 0, 1200, "months to simulate; 0 = conflict.horizon"},
      {"sample_inputs",
       K::integer,
       1.0,
       {},
       0,
       1,
       "1: every simulated war draws the scenario's uncertain inputs ({tri: ...}, conflict and "
       "agenda included) afresh; 0: nominal values. Ignored under mc and sensitivity, whose "
       "draw is used as it is"},
      {"threads",
       K::integer,
       0.0,
       {},
       0,
       256,
       "worker threads, 0 = every core (1 under mc and sensitivity); results do not depend on it"},
  };
  info.make = [] { return std::make_unique<WarModel>(); };
  info.quantities = war_quantities;
  return info;
}

}  // namespace parley
