// The `war` model: Monte Carlo over simulated wars of the war-termination
// layer (docs/models/war.md).
//
// Reads the scenario's `conflict` and `agenda` sections through
// RunContext::scenario, runs `draws` wars (each keyed by (seed, {ensemble
// draw, war draw, subsystem, period, actor})) and summarises them:
//   forecast[i]  the mean package in force at the horizon (agreed terms where
//                a war agreed, else the front or the status quo); status
//                "no_agreement" when no war agreed on issue i;
//   quantities   p_ceasefire_by.YYYY-MM, p_ceasefire_pooled_by.YYYY-MM,
//                regime_share.REGIME,
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

// The pooled forecast (docs/models/war.md, "Pooling"): the war layer's
// first-ceasefire curve mixed with a constant monthly hazard,
// F_pooled(t) = (1 - w) F_war(t) + w (1 - (1 - h)^t).
struct Pool {
  double weight = 0, hazard = 0;
  double at(double war_by_t, int t) const {
    return (1 - weight) * war_by_t + weight * -std::expm1(t * std::log1p(-hazard));
  }
};

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
    defaults.discount = number(params, "discount");
    war::Conflict conflict = war::parse_conflict(*context.scenario, instance, defaults);
    war::Options options;
    options.spatial = text(params, "spatial");
    options.accommodation = number(params, "accommodation");
    options.margin = number(params, "margin");
    options.resolve_sd = number(params, "resolve_sd");
    options.resolve_learning = number(params, "resolve_learning");
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
    // Inside an ensemble each draw fixes the inputs: fewer wars per run, as
    // the ensemble's draws average over them (docs/ensembles.md).
    const int ensemble_draws = integer(params, "ensemble_draws");
    const int draws =
        context.drawn && ensemble_draws > 0 ? ensemble_draws : integer(params, "draws");
    const war::Summary s = sim.simulate(context.seed, context.draw, draws);
    const Pool pool{number(params, "pool_weight"), number(params, "pool_hazard")};
    return summarise(sim, instance, s, pool);
  }

 private:
  static Result summarise(const war::Simulator& sim, const Instance& instance,
                          const war::Summary& s, const Pool& pool) {
    const int m = instance.issues();
    Result r;
    // One estimand for every issue: the mean package in force at the horizon
    // (agreed terms where a war agreed, the front or the status quo elsewhere).
    r.forecast = s.de_facto_mean;
    r.status.resize(m);
    for (int j = 0; j < m; ++j) r.status[j] = s.terms[j].empty() ? "no_agreement" : "ok";
    r.trajectory = trajectory(instance, s);
    add_quantities(sim, instance, s, pool, r);
    r.tables.push_back(curve_table(sim, s, pool));
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
                             const war::Summary& s, const Pool& pool, Result& r) {
    const auto& c = sim.conflict();
    const int T = s.periods;
    for (int t = 1; t <= T; ++t) {
      const std::string month = c.month_label(t);
      if (month.substr(5) != "12" && t != T) continue;
      r.quantities.push_back({"p_ceasefire_by." + month, "P(ceasefire by the end of " + month + ")",
                              s.ceasefire_by[t - 1]});
    }
    for (int t = 1; t <= T; ++t) {
      const std::string month = c.month_label(t);
      if (month.substr(5) != "12" && t != T) continue;
      r.quantities.push_back(
          {"p_ceasefire_pooled_by." + month,
           "pooled with the library's constant hazard: P(ceasefire by the end of " + month + ")",
           pool.at(s.ceasefire_by[t - 1], t)});
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

  static Table curve_table(const war::Simulator& sim, const war::Summary& s, const Pool& pool) {
    Table curve;
    curve.name = "ceasefire_curve";
    curve.title = "First ceasefire by month: hazard and cumulative probability, over " +
                  std::to_string(s.draws) + " simulated wars";
    curve.columns = {"period", "month", "hazard", "p_ceasefire_by", "p_ceasefire_pooled_by"};
    for (int t = 0; t < s.periods; ++t)
      curve.rows.push_back({static_cast<double>(t + 1), sim.conflict().month_label(t + 1),
                            hazard_at(s, t), s.ceasefire_by[t], pool.at(s.ceasefire_by[t], t + 1)});
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
  for (const char* name : {"p_ceasefire_by.", "p_ceasefire_pooled_by."})
    for (int t = 1; t <= T; ++t)
      if (const std::string month = c.month_label(t); t == T || month.substr(5) == "12")
        names.push_back(name + month);
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
  info.spec = "docs/models/war.md";
  info.dynamic = true;
  // resolve_sd, resolve_learning and accommodation are fitted by maximum
  // likelihood on the war-case library (`parley calibrate cases/wars/outcomes.csv --model war`, or
  // scripts/calibrate-war.sh; docs/validation.md, "War layer"); the other
  // regime intercepts, h0 and audience_decay are stated values the library
  // does not identify.  Those of the regime and the hazard apply where the
  // scenario is silent.
  info.schema.specs = {
      ParamSpec::integer({.name = "draws",
                          .fallback = 2000.0,
                          .min = 1,
                          .max = 1e8,
                          .doc = "number of simulated wars"}),
      ParamSpec::integer({.name = "ensemble_draws",
                          .fallback = 100.0,
                          .min = 0,
                          .max = 1e8,
                          .doc = "simulated wars per run inside mc, sensitivity, whatif's "
                                 "intervals and advise, where the "
                                 "ensemble's draw fixes the inputs; 0 = draws"}),
      ParamSpec::text({.name = "spatial",
                       .fallback = "compromise",
                       .doc = "registered spatial model whose forecast is the mediator's fill and "
                              "pulls positions"}),
      ParamSpec::number(
          {.name = "accommodation",
           .fallback = 0.64,
           .min = 0,
           .max = 1,
           .doc =
               "share of the way each actor's position moves to the spatial "
               "forecast per bargaining "
               "month (fitted on the case library; 90% interval 0.64 to >= 0.64, the grid's top)"}),
      ParamSpec::number(
          {.name = "a_b",
           .fallback = -5.5,
           .min = -1e6,
           .max = 1e6,
           .doc = "talks -> breakdown log-odds intercept (stated at its earlier fit on the case "
                  "library)"}),
      ParamSpec::number(
          {.name = "resolve_sd",
           .fallback = 0.2,
           .min = 0,
           .max = 1,
           .doc = "spread sigma of each veto player's private error about its value "
                  "of fighting on at the clock start, per-period utility; 0 = none "
                  "(fitted on the case library; 90% interval 0.05 to >= 0.2, the grid's top)"}),
      ParamSpec::number(
          {.name = "resolve_learning",
           .fallback = 1.0,
           .min = 0,
           .max = 100,
           .doc = "learning rate kappa of the private error: its variance after n "
                  "months of fighting is sigma^2 / (1 + kappa n) (fitted on the case library; not "
                  "bounded on the grid 0.03-1)"}),
      ParamSpec::number(
          {.name = "a_r",
           .fallback = -3.0,
           .min = -1e6,
           .max = 1e6,
           .doc = "talks -> recess log-odds intercept (stated; the case library allows <= -3)"}),
      ParamSpec::number(
          {.name = "a_t",
           .fallback = -2.0,
           .min = -1e6,
           .max = 1e6,
           .doc =
               "recess -> talks log-odds intercept (stated; not identified by the case library)"}),
      ParamSpec::number({.name = "a_k",
                         .fallback = -4.0,
                         .min = -1e6,
                         .max = 1e6,
                         .doc = "breakdown -> talks log-odds intercept (stated; not identified by "
                                "the case library)"}),
      ParamSpec::number({.name = "h0",
                         .fallback = 0.02,
                         .min = 0,
                         .max = 1,
                         .doc = "monthly breakdown hazard of a bare ceasefire (stated; the case "
                                "library allows 0.01-0.02)"}),
      ParamSpec::number({.name = "audience_decay",
                         .fallback = 0.95,
                         .min = 0,
                         .max = 1,
                         .doc = "monthly probability that a red line without its own decay still "
                                "holds (stated; every "
                                "library case codes its own decay)"}),
      ParamSpec::number({.name = "discount",
                         .fallback = 0.99,
                         .min = 0.5,
                         .max = 0.999999,
                         .doc = "monthly discount factor where conflict.discount is silent "
                                "(stated; the case library's likelihood is highest at 0.99)"}),
      ParamSpec::number(
          {.name = "pool_weight",
           .fallback = 0.55,
           .min = 0,
           .max = 1,
           .doc = "weight w of the constant hazard in the pooled forecast (1 - w) war + w constant "
                  "(fitted on the case library by leave-one-case-out likelihood)"}),
      ParamSpec::number(
          {.name = "pool_hazard",
           .fallback = 8.0 / 118.0,
           .min = 0,
           .max = 1,
           .doc = "monthly hazard of the pooled forecast's constant part: the case library's 8 "
                  "ceasefires in 118 months at risk"}),
      ParamSpec::number({.name = "margin",
                         .fallback = 0.0,
                         .min = 0,
                         .max = 1,
                         .doc = "acceptance margin m_i of every veto player, per-period utility"}),
      ParamSpec::text(
          {.name = "what_if",
           .fallback = "",
           .doc = "comma-separated names of the scenario's optional events to switch on"}),
      ParamSpec::number({.name = "cost_a_scale",
                         .fallback = 1.0,
                         .min = 1e-9,
                         .max = 1e9,
                         .doc = "multiplier on side A's per-period cost"}),
      ParamSpec::number({.name = "cost_b_scale",
                         .fallback = 1.0,
                         .min = 1e-9,
                         .max = 1e9,
                         .doc = "multiplier on side B's per-period cost"}),
      ParamSpec::integer({.name = "horizon",
                          .fallback = 0.0,
                          .min = 0,
                          .max = 1200,
                          .doc = "months to simulate; 0 = conflict.horizon"}),
      ParamSpec::integer({.name = "sample_inputs",
                          .fallback = 1.0,
                          .min = 0,
                          .max = 1,
                          .doc = "1: every simulated war draws the scenario's uncertain inputs "
                                 "({tri: ...}, conflict and "
                                 "agenda included) afresh; 0: nominal values. Ignored under mc and "
                                 "sensitivity, whose "
                                 "draw is used as it is"}),
      ParamSpec::integer({.name = "threads",
                          .fallback = 0.0,
                          .min = 0,
                          .max = 256,
                          .doc = "worker threads, 0 = every core (1 under mc and sensitivity); "
                                 "results do not depend on it"}),
  };
  info.make = [] { return std::make_unique<WarModel>(); };
  info.quantities = war_quantities;
  return info;
}

}  // namespace parley
