// The `war` model: Monte Carlo over simulated wars of the war-termination
// layer (../shared/specs/war-termination.md section 9; docs/models/war.md).
//
// Reads the scenario's `conflict` and `agenda` sections through
// RunContext::scenario, runs `draws` wars (each keyed by (seed, {ensemble
// draw, war draw, subsystem, period, actor})) and summarises them:
//   forecast[i]  mean agreed terms on issue i over the runs in which a term
//                on i is in force at the horizon (early harvest, or a
//                ceasefire/peace package); when no run agrees on i, the mean
//                de facto value at the horizon, with status "no_agreement";
//   tables       "periods" (regime probabilities, P(ceasefire by then),
//                expected cumulative costs), "terms" (quantiles of agreed
//                terms), "blockers" (who blocks, by how much, which issue
//                closes the gap cheapest).
#include <algorithm>
#include <cmath>
#include <cstdio>
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

class WarModel : public Model {
 public:
  Result run(const Instance& instance, const Params& params,
             const RunContext& context) const override {
    if (!context.scenario)
      throw Error("the war model needs the scenario's 'conflict' section; none was given");
    war::Conflict conflict = war::parse_conflict(*context.scenario, instance);
    war::Options options;
    options.spatial = text(params, "spatial");
    options.accommodation = number(params, "accommodation");
    options.margin = number(params, "margin");
    options.what_if = split_list(text(params, "what_if"));
    options.cost_scale[0] = number(params, "cost_a_scale");
    options.cost_scale[1] = number(params, "cost_b_scale");
    options.horizon = integer(params, "horizon");
    options.threads = integer(params, "threads");
    options.sample_inputs = integer(params, "sample_inputs") != 0;
    options.scenario = context.scenario;
    const war::Simulator sim(std::move(conflict), instance, options);
    const int draws = integer(params, "draws");
    const war::Summary s = sim.simulate(context.seed, context.draw, draws);
    return summarise(sim, instance, s);
  }

 private:
  static Result summarise(const war::Simulator& sim, const Instance& instance,
                          const war::Summary& s) {
    const auto& c = sim.conflict();
    const int n = instance.actors(), m = instance.issues(), T = s.periods;
    Result r;
    r.forecast.resize(m);
    r.status.resize(m);
    for (int j = 0; j < m; ++j) {
      const auto& terms = s.terms[j];
      if (terms.empty()) {
        r.forecast[j] = s.de_facto_mean[j];
        r.status[j] = "no_agreement";
      } else {
        double sum = 0;
        for (double x : terms) sum += x;
        r.forecast[j] = sum / terms.size();
        r.status[j] = "ok";
      }
    }

    // Trajectory: round t = mean positions over the runs after period t.
    std::vector<double> w(n), x(n);
    for (int t = 0; t <= T; ++t) {
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
      r.trajectory.push_back(std::move(round));
    }

    Table periods;
    periods.name = "periods";
    periods.headline = true;
    periods.title = "Regime probabilities per period (month), over " + std::to_string(s.draws) +
                    " simulated wars";
    periods.columns = {
        "period",          "month",          "p_ceasefire_by_then",   "p_talks",
        "p_recess",        "p_breakdown",    "p_ceasefire",           "p_peace",
        "p_victory_a",     "p_victory_b",    "p_blocked_information", "p_blocked_structural",
        "expected_cost_a", "expected_cost_b"};
    for (int t = 0; t < T; ++t) {
      const auto& g = s.regime_share[t];
      auto at = [&](Regime reg) { return g[static_cast<int>(reg)]; };
      periods.rows.push_back({static_cast<double>(t + 1), c.month_label(t + 1), s.ceasefire_by[t],
                              at(Regime::talks), at(Regime::recess), at(Regime::breakdown),
                              at(Regime::ceasefire), at(Regime::peace), at(Regime::victory_a),
                              at(Regime::victory_b),
                              s.cause_share[t][static_cast<int>(war::Cause::information)],
                              s.cause_share[t][static_cast<int>(war::Cause::structural)],
                              s.expected_cost[t][0], s.expected_cost[t][1]});
    }
    r.tables.push_back(std::move(periods));

    Table terms;
    terms.name = "terms";
    terms.title = "Terms in force at the horizon, over the runs that agreed on the issue";
    terms.columns = {"issue", "p_agreed", "mean", "q05", "q25", "q50", "q75", "q95"};
    for (int j = 0; j < m; ++j) {
      const auto& v = s.terms[j];
      double sum = 0;
      for (double xj : v) sum += xj;
      const double mean = v.empty() ? std::numeric_limits<double>::quiet_NaN() : sum / v.size();
      terms.rows.push_back({instance.frames[j].id, static_cast<double>(v.size()) / s.draws, mean,
                            quantile(v, 0.05), quantile(v, 0.25), quantile(v, 0.5),
                            quantile(v, 0.75), quantile(v, 0.95)});
    }
    r.tables.push_back(std::move(terms));

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
    r.tables.push_back(std::move(blockers));

    auto by_month = [&](int year, int month) {
      for (int t = T; t >= 1; --t) {
        const std::string label = c.month_label(t);
        char want[16];
        std::snprintf(want, sizeof want, "%04d-%02d", year, month);
        if (label <= want) return t;
      }
      return 0;
    };
    for (int year : {2026, 2027}) {
      const int t = by_month(year, 12);
      if (t > 0 && c.month_label(t) == std::to_string(year) + "-12") {
        std::ostringstream note;
        note << "P(ceasefire by end of " << year << ") = " << s.ceasefire_by[t - 1];
        r.notes.push_back(note.str());
      }
    }
    return r;
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
  info.spec = "war-termination.md sections 4, 9, 11, 12";
  info.dynamic = true;
  using K = ParamSpec::Kind;
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
       "period (placeholder)"},
      {"margin",
       K::number,
       0.0,
       {},
       0,
       1,
       "acceptance margin m_i of every veto player, per-period utility units (spec 9.1)"},
      {"what_if",
       K::text,
       std::string(""),
       {},
       -1e300,
       1e300,
       "comma-separated names of the scenario's optional events to switch on"},
      {"cost_a_scale", K::number, 1.0, {}, 1e-9, 1e9, "multiplier on side A's per-period cost"},
      {"cost_b_scale", K::number, 1.0, {}, 1e-9, 1e9, "multiplier on side B's per-period cost"},
      {"horizon", K::integer, 0.0, {}, 0, 1200, "periods to simulate; 0 = conflict.horizon"},
      {"sample_inputs",
       K::integer,
       1.0,
       {},
       0,
       1,
       "1: draw the scenario's uncertain inputs ({tri: ...}) afresh for every simulated war; "
       "0: use their nominal values (set 0 when an outer ensemble already samples them)"},
      {"threads", K::integer, 1.0, {}, 1, 256, "worker threads (results do not depend on it)"},
  };
  info.make = [] { return std::make_unique<WarModel>(); };
  info.quantities = war_quantities;
  return info;
}

}  // namespace parley
