// No inert parameter: every parameter and every preset of every registered
// model changes the result of a scenario designed to show it.
//
// A parameter that a model declares but never reads (or reads and then
// ignores) passes every golden-number test run at its default.  Here each
// parameter of parley::models() has a probe: a documented alternative value,
// the settings both runs share (`context`), and a designed scenario on which
// the alternative must change the forecast (or, for parameters that by their
// specification change only the path, the trajectory).  A parameter that is
// inert by construction sits on the allow-list with its reason.  A parameter
// with neither, or an entry naming a parameter the model does not declare,
// fails the test: a new parameter cannot be added without showing what it
// does.
//
// The alternatives live here, not in ParamSpec: an alternative value alone
// proves nothing without the scenario and the context that make it matter
// (median_tie needs an exact half, T_rule needs Q < 1), and those are test
// design, not model metadata.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "parley/error.h"
#include "parley/io.h"
#include "parley/model.h"
#include "test_support.h"

namespace parley {
namespace {

// ---------------------------------------------------------------------------
// Designed scenarios.

// Five actors on one issue with unequal capabilities and saliences, all on
// one side of the status quo 0 (so the NBS has a feasible set), and a
// second issue on which nobody cares (every salience 0: the fall-back rules),
// and a third without a status quo (nbs's missing_q).
const char* kSpread = R"(parley: 1
title: spread
issues:
  - {id: tax, status_quo: 0}
  - {id: silent, status_quo: 0}
  - {id: open}
actors:
  - {id: a, capability: 10, position: {tax: 10, silent: 10, open: 10}, salience: {tax: 90, silent: 0, open: 90}}
  - {id: b, capability: 40, position: {tax: 25, silent: 25, open: 25}, salience: {tax: 30, silent: 0, open: 30}}
  - {id: c, capability: 15, position: {tax: 60, silent: 60, open: 60}, salience: {tax: 80, silent: 0, open: 80}}
  - {id: d, capability: 25, position: {tax: 80, silent: 80, open: 80}, salience: {tax: 40, silent: 0, open: 40}}
  - {id: e, capability: 10, position: {tax: 95, silent: 95, open: 95}, salience: {tax: 100, silent: 0, open: 100}}
)";

// Weights 1, 1, 2 (capability x salience): the positions 20 and 40 hold
// exactly half, so the lower median is 40, the upper 60, the midpoint 50
// (median.md section 1).
const char* kExactHalf = R"(parley: 1
title: exact half
issues:
  - {id: x}
actors:
  - {id: a, capability: 1, position: {x: 20}, salience: {x: 100}}
  - {id: b, capability: 1, position: {x: 40}, salience: {x: 100}}
  - {id: c, capability: 2, position: {x: 60}, salience: {x: 100}}
)";

// EU legislation in miniature: the Commission (com, the agenda setter, at
// 100), the Parliament (ep, at 45) and seven Council members, status quo 30,
// a co-decision issue under the Lisbon double majority (procedural.md
// sections 1-2).  Two heavy members at the top make the rules disagree: the
// upper pivot is 50 under the double majority (4 of 7 members, 85% of the
// weight), 80 under 71% of the weight, 35 under 90%; the Parliament accepts
// [30, 60], so the setter's co-decision outcome is 60.
const char* kProcedure = R"(parley: 1
title: procedure
issues:
  - {id: law, status_quo: 30, tags: {procedure: COD, voting: QMV, regime: lisbon}}
actors:
  - {id: com, capability: 1, position: {law: 100}, salience: {law: 50}}
  - {id: ep, capability: 1, position: {law: 45}, salience: {law: 50}}
  - {id: m1, capability: 5, position: {law: 10}, salience: {law: 50}}
  - {id: m2, capability: 5, position: {law: 20}, salience: {law: 50}}
  - {id: m3, capability: 5, position: {law: 35}, salience: {law: 50}}
  - {id: m4, capability: 5, position: {law: 50}, salience: {law: 50}}
  - {id: m5, capability: 5, position: {law: 65}, salience: {law: 50}}
  - {id: m6, capability: 30, position: {law: 80}, salience: {law: 50}}
  - {id: m7, capability: 45, position: {law: 95}, salience: {law: 50}}
)";

// Three identical actors who value p and one who values q (exchange.md
// section 5, case 1, with the p side tripled): the three exchanges with d
// offer exactly equal gains, and d can move only once, so the tie rule
// decides who trades.  The weighted means are the same whoever trades; the
// positions are not.
const char* kTiedTrades = R"(parley: 1
title: tied trades
issues:
  - {id: p}
  - {id: q}
actors:
  - {id: a, capability: 1, position: {p: 100, q: 0}, salience: {p: 80, q: 20}}
  - {id: b, capability: 1, position: {p: 100, q: 0}, salience: {p: 80, q: 20}}
  - {id: c, capability: 1, position: {p: 100, q: 0}, salience: {p: 80, q: 20}}
  - {id: d, capability: 1, position: {p: 0, q: 100}, salience: {p: 20, q: 80}}
)";

// A two-sided war with every part the war layer's parameters act on: a front,
// optimistic beliefs, a red line without its own decay (audience_decay), an
// uncertain cost (sample_inputs), an optional event (what_if), a mediator, a
// ceasefire phase with no hazard or regime coefficients of its own (h0 and
// the regime intercepts apply).
const char* kSkirmish = R"(parley: 1
title: skirmish
issues:
  - {id: line, status_quo: 50}
  - {id: guarantee, status_quo: 0}
actors:
  - {id: north, capability: 50, position: {line: 100, guarantee: 0}, salience: {line: 90, guarantee: 30}}
  - {id: south, capability: 40, position: {line: 0, guarantee: 100}, salience: {line: 90, guarantee: 60}}
  - {id: broker, capability: 10, position: {line: 40, guarantee: 60}, salience: {line: 50, guarantee: 50}, role: mediator}
conflict:
  horizon: 24
  sides:
    a: {members: [{actor: north}]}
    b: {members: [{actor: south}]}
  front: {issue: line, cells: 20, start: 10, activity: 0.5}
  battle: {csf: ratio, decisiveness: 1}
  costs: {a: {uniform: [0.02, 0.05]}, b: 0.04}
  beliefs:
    north: {p: 0.7, weight: 10}
    south: {p: 0.5, weight: 10}
  audience:
    south: {cost: 0.1}
  mediators:
    - {actor: broker, activity: 0.5}
  events:
    - {at: 3, optional: sanctions, mul: {cost.a: 2}}
agenda:
  phases:
    - {issues: [line, guarantee], ceasefire: true}
)";

Scenario from_text(const char* text) { return parse_scenario(text, "designed.yaml"); }
Scenario from_data(const std::string& relative) {
  return load_scenario(testing::validation_file(relative));
}

// The scenarios, by name, built on first use (some are read from data/).
const Scenario& scenario(const std::string& name) {
  static const std::map<std::string, Scenario> all = {
      {"spread", from_text(kSpread)},
      {"exact_half", from_text(kExactHalf)},
      {"procedure", from_text(kProcedure)},
      {"tied_trades", from_text(kTiedTrades)},
      {"skirmish", from_text(kSkirmish)},
      // Bueno de Mesquita's emission case (bdm.md section 12).
      {"emission", from_data("emission_standards_bdm1994/actors.csv")},
      // Copenhagen 2009 in the Decide format: 11 actors, 7 issues.
      {"copenhagen", from_data("exchange_model_climate/copenhagen_decide.tsv")},
      // KTAB's 13-actor, two-dimension SOE case (smp.md section 0).
      {"soe", from_data("ktab/SOE-Pol-Comp.csv")},
  };
  return all.at(name);
}

// ---------------------------------------------------------------------------
// The table.

// What must change: the forecast (values, statuses and the model's
// quantities); for parameters whose specification says they change only the
// path, the trajectory; for those that change only an explanation table, that
// table.
enum class Observe { forecast, trajectory, table };

struct Probe {
  std::string model;
  std::string parameter;  // a declared parameter, or "preset"
  ParamValue alternative;
  std::string scenario;
  Params context = {};  // settings both runs share
  Observe observe = Observe::forecast;
  std::string table = {};  // for Observe::table
};

// Parameters that cannot change the result on any scenario, by their
// specification.
struct Inert {
  std::string model, parameter, reason;
};

const std::vector<Inert>& allow_list() {
  static const std::vector<Inert> list = {
      {"smp", "threads",
       "worker threads: results do not depend on them (SmpKtab.ThreadCountDoesNotChange"
       "DeterministicRuns, SmpStochastic.BitIdenticalAcrossThreadCounts)"},
      {"smp", "preset=ktab", "KTAB's defaults: the empty assignment, the defaults themselves"},
      {"war", "threads",
       "worker threads: results do not depend on them (WarBehaviour.ThreadCountChangesNothing, "
       "WarSimulator.ReproducibleAndIndependentOfThreads)"},
      {"war", "ensemble_draws",
       "applies only inside an ensemble (RunContext::drawn), never to a plain run: "
       "WarEnsemble.EnsembleDrawsApplyInsideAnEnsembleOnly shows what it changes there"},
  };
  return list;
}

const std::vector<Probe>& probes() {
  using S = std::string;
  static const std::vector<Probe> list = {
      // compromise (compromise.md section 1)
      {"compromise", "weight", S("none"), "spread"},
      {"compromise", "fallback", S("none"), "spread"},  // issue `silent`: no forecast
      // median (median.md sections 1-2)
      {"median", "weight", S("none"), "spread"},
      {"median", "median_tie", S("upper"), "exact_half"},
      // pairwise votes have no midpoint candidate: condorcet falls back to lower
      {"median", "method", S("condorcet"), "exact_half", {{"median_tie", S("midpoint")}}},
      // nbs (nbs.md)
      {"nbs", "rho", 2.0, "spread"},
      {"nbs", "weight", S("none"), "spread"},
      {"nbs", "missing_q", S("weighted_mean"), "spread"},  // issue `open`
      // exchange (exchange.md section 7), on Copenhagen 2009
      {"exchange", "w_sal", 0.9, "copenhagen"},
      {"exchange", "w_fix", 0.5, "copenhagen"},
      {"exchange", "rounds", 1.0, "copenhagen"},
      // same forecast by specification, fewer rounds
      // (with the whole move kept, a = 1, nothing is left to trade in round 2)
      {"exchange",
       "stop",
       S("fixed_rounds"),
       "tied_trades",
       {{"w_sal", 0.0}, {"w_fix", 1.0}},
       Observe::trajectory},
      {"exchange",
       "exchange_tie",
       S("random"),
       "tied_trades",
       {{"rounds", 1.0}},
       Observe::trajectory},
      {"exchange",
       "preset",
       S("decide"),
       "tied_trades",
       {{"w_sal", 0.0}, {"w_fix", 1.0}},
       Observe::trajectory},
      // procedural (procedural.md)
      {"procedural", "configuration", S("cns_unan"), "procedure"},
      {"procedural", "cod", S("cod_conciliation"), "procedure"},
      {"procedural", "qmv_rule", S("weighted"), "procedure", {{"configuration", S("cns_qmv")}}},
      {"procedural",
       "threshold",
       0.9,
       "procedure",
       {{"configuration", S("cns_qmv")}, {"qmv_rule", S("weighted")}}},
      {"procedural",
       "member_share",
       0.9,
       "procedure",
       {{"configuration", S("cns_qmv")}, {"qmv_rule", S("double_majority")}}},
      {"procedural",
       "weight_share",
       0.9,
       "procedure",
       {{"configuration", S("cns_qmv")}, {"qmv_rule", S("double_majority")}}},
      {"procedural", "setter", S("m3"), "procedure"},
      {"procedural", "parliament", S("m1"), "procedure"},
      {"procedural", "preset", S("conciliation"), "procedure"},
      // bdm (bdm.md section 1), on the emission case.  Under the defaults
      // the median stops moving after round 1, so most switches are shown
      // under the 8 fixed rounds of `scholz_table2` (section 11).
      {"bdm", "Q", 0.5, "emission", {{"preset", S("scholz_table2")}}},
      {"bdm", "T_rule", S("zero"), "emission", {{"Q", 0.5}}},  // irrelevant at Q = 1
      {"bdm", "range_mode", S("fixed"), "emission", {{"preset", S("literal")}}},
      {"bdm",
       "scale_width",
       20.0,
       "emission",
       {{"preset", S("scholz_table2")}, {"range_mode", S("scale")}}},
      {"bdm", "prob_formula", S("net_vote"), "emission", {{"preset", S("scholz_table2")}}},
      {"bdm", "mirror_salience", S("printed"), "emission", {{"preset", S("scholz_table2")}}},
      {"bdm", "perspective", S("own"), "emission", {{"preset", S("scholz_table2")}}},
      {"bdm", "conflict_rule", S("no_move"), "emission", {{"preset", S("scholz_table2")}}},
      {"bdm",
       "compromise_rule",
       S("eu_weighted_avg"),
       "emission",
       {{"preset", S("scholz_table2")}}},
      {"bdm", "selection", S("priority_least_move"), "emission", {{"preset", S("scholz_table2")}}},
      {"bdm", "stop_rule", S("median_shift"), "emission", {{"preset", S("scholz_table2")}}},
      {"bdm", "rounds", 3.0, "emission", {{"preset", S("scholz_table2")}}},
      {"bdm",
       "epsilon",
       0.5,
       "emission",
       {{"preset", S("scholz_table2")}, {"stop_rule", S("median_shift")}}},
      {"bdm", "median_tie", S("upper"), "exact_half"},
      {"bdm", "preset", S("scholz_table2"), "emission"},
      {"bdm", "preset", S("literal"), "emission"},
      // smp (smp.md), on KTAB's SOE case
      {"smp", "VictoryProbModel", S("Quartic"), "soe"},
      {"smp", "PCEModel", S("MarkovUniform"), "soe"},
      {"smp", "StateTransitions", S("Stochastic"), "soe"},
      {"smp", "VotingRule", S("Binary"), "soe"},
      {"smp", "BigRAdjust", S("Full"), "soe"},
      {"smp", "BigRRange", S("Max"), "soe"},
      {"smp", "ThirdPartyCommit", S("FullCommit"), "soe"},
      {"smp", "InterVecBrgn", S("S1P1"), "soe"},
      {"smp", "BargnModel", S("PWCompInterp"), "soe"},
      {"smp", "min_iter", 40.0, "soe"},  // the defaults stop after 27 turns
      {"smp", "max_iter", 1.0, "soe"},
      {"smp", "min_delta_ratio", 0.5, "soe"},
      {"smp", "min_sig_delta", 1.0, "soe"},
      // groups positions for the winning probabilities shown per actor (smp.md 5)
      {"smp", "pos_tol", 0.2, "soe", {}, Observe::table, "win_probability"},
      {"smp", "markov_max_iter", 1.0, "soe", {{"PCEModel", S("MarkovUniform")}}},
      {"smp", "third_party_prob", S("separate"), "soe", {{"ThirdPartyCommit", S("NoCommit")}}},
      {"smp", "challenge_vpm", S("apply"), "soe", {{"VictoryProbModel", S("Octic")}}},
      {"smp", "prng_seed", S("12345"), "soe", {{"StateTransitions", S("Stochastic")}}},
      {"smp", "preset", S("efird2016"), "soe"},
      // war (war.md, Parameters), 40 simulated wars with common random numbers
      {"war", "draws", 41.0, "skirmish", {{"draws", 40.0}}},
      {"war", "spatial", S("median"), "skirmish", {{"draws", 40.0}}},
      {"war", "accommodation", 0.2, "skirmish", {{"draws", 40.0}}},
      {"war", "a_b", -1.0, "skirmish", {{"draws", 40.0}}},
      {"war", "a_r", -1.0, "skirmish", {{"draws", 40.0}}},
      // recess happens only while talks drag on: at the fitted (fast) accommodation
      // the skirmish settles before any recess
      {"war", "a_t", 1.0, "skirmish", {{"draws", 40.0}, {"accommodation", 0.02}}},
      {"war", "a_k", 0.0, "skirmish", {{"draws", 40.0}}},
      {"war", "h0", 0.3, "skirmish", {{"draws", 40.0}}},
      {"war", "audience_decay", 0.5, "skirmish", {{"draws", 40.0}}},
      {"war", "margin", 0.05, "skirmish", {{"draws", 40.0}}},
      {"war", "resolve_sd", 0.1, "skirmish", {{"draws", 40.0}}},
      {"war",
       "resolve_learning",
       3.0,
       "skirmish",
       {{"draws", 40.0}, {"accommodation", 0.02}, {"resolve_sd", 0.1}}},
      {"war", "what_if", S("sanctions"), "skirmish", {{"draws", 40.0}}},
      {"war", "cost_a_scale", 2.0, "skirmish", {{"draws", 40.0}}},
      {"war", "cost_b_scale", 2.0, "skirmish", {{"draws", 40.0}}},
      {"war", "horizon", 10.0, "skirmish", {{"draws", 40.0}}},
      {"war", "sample_inputs", 0.0, "skirmish", {{"draws", 40.0}}},
      {"war", "discount", 0.9, "skirmish", {{"draws", 40.0}}},
      {"war", "pool_weight", 0.2, "skirmish", {{"draws", 40.0}}},
      {"war", "pool_hazard", 0.3, "skirmish", {{"draws", 40.0}}},
  };
  return list;
}

// ---------------------------------------------------------------------------

Result run(const std::string& model, const Scenario& s, const Params& params) {
  RunContext context;
  context.scenario = &s;
  context.seed = 20260101;
  return run_model(find_model(model), nominal_instance(s), params, context);
}

// Different beyond rounding: NaN equals NaN, numbers must differ by more than
// 1e-9 of the issue's scale.
bool differ(double a, double b, double scale) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) != std::isnan(b);
  return std::fabs(a - b) > 1e-9 * scale;
}

// The forecast, its statuses and the model's quantities (the war layer's
// ceasefire probabilities, regime shares, ...).
bool forecasts_differ(const Result& a, const Result& b, const Scenario& s) {
  if (a.forecast.size() != b.forecast.size() || a.status != b.status) return true;
  for (std::size_t i = 0; i < a.forecast.size(); ++i)
    if (differ(a.forecast[i], b.forecast[i], s.issues[i].hi - s.issues[i].lo)) return true;
  if (a.quantities.size() != b.quantities.size()) return true;
  for (std::size_t k = 0; k < a.quantities.size(); ++k)
    if (a.quantities[k].name != b.quantities[k].name ||
        differ(a.quantities[k].value, b.quantities[k].value, 1))
      return true;
  return false;
}

bool trajectories_differ(const Result& a, const Result& b, const Scenario& s) {
  if (a.trajectory.size() != b.trajectory.size()) return true;
  const std::size_t m = s.issues.size();
  for (std::size_t t = 0; t < a.trajectory.size(); ++t) {
    const auto &x = a.trajectory[t].positions, &y = b.trajectory[t].positions;
    if (x.size() != y.size()) return true;
    for (std::size_t k = 0; k < x.size(); ++k)
      if (differ(x[k], y[k], s.issues[k % m].hi - s.issues[k % m].lo)) return true;
  }
  return false;
}

bool tables_differ(const Result& a, const Result& b, const std::string& name) {
  const Table *x = a.table(name), *y = b.table(name);
  if (!x || !y) return x != y;
  if (x->rows.size() != y->rows.size()) return true;
  for (std::size_t r = 0; r < x->rows.size(); ++r)
    for (std::size_t c = 0; c < x->rows[r].size() && c < y->rows[r].size(); ++c) {
      const double *u = std::get_if<double>(&x->rows[r][c]),
                   *v = std::get_if<double>(&y->rows[r][c]);
      if (u && v ? differ(*u, *v, 1) : x->rows[r][c] != y->rows[r][c]) return true;
    }
  return false;
}

std::string label(const Probe& p) {
  std::string text =
      p.model + " " + p.parameter + "=" + to_string(p.alternative) + " on " + p.scenario;
  for (const auto& [key, value] : p.context) text += ", " + key + "=" + to_string(value);
  return text;
}

// The spec a table entry names (aliases included), or null.
const ParamSpec* spec_of(const ModelInfo& info, const std::string& parameter) {
  return info.schema.find(parameter);
}

// Every declared parameter and preset has a probe or an allow-list entry.
TEST(ParametersMatter, EveryParameterHasAProbeOrAReason) {
  for (const ModelInfo& info : models()) {
    std::set<std::string> named;  // spec names and "preset=NAME"
    for (const Probe& p : probes())
      if (p.model == info.name) {
        if (p.parameter == "preset")
          named.insert("preset=" + to_string(p.alternative));
        else if (const ParamSpec* spec = spec_of(info, p.parameter))
          named.insert(spec->name);
      }
    for (const Inert& e : allow_list())
      if (e.model == info.name) {
        if (e.parameter.rfind("preset=", 0) == 0)
          named.insert(e.parameter);
        else if (const ParamSpec* spec = spec_of(info, e.parameter))
          named.insert(spec->name);
      }
    for (const ParamSpec& spec : info.schema.specs)
      EXPECT_TRUE(named.count(spec.name))
          << info.name << ": parameter '" << spec.name
          << "' has no probe and no allow-list entry (tests/test_parameters_matter.cpp): show "
             "what it changes, or say why it cannot change anything";
    for (const Preset& preset : info.schema.presets)
      EXPECT_TRUE(named.count("preset=" + preset.name))
          << info.name << ": preset '" << preset.name << "' has no probe and no allow-list entry";
  }
}

// Every entry names a model and a parameter (or preset) that exist, so the
// table cannot drift from the registry.
TEST(ParametersMatter, EveryEntryNamesADeclaredParameter) {
  auto check = [](const std::string& model, const std::string& parameter,
                  const std::string& value) {
    const ModelInfo* info = nullptr;
    for (const ModelInfo& m : models())
      if (m.name == model) info = &m;
    ASSERT_NE(info, nullptr) << "no model '" << model << "'";
    if (parameter == "preset") {
      bool found = false;
      for (const Preset& preset : info->schema.presets) found = found || preset.name == value;
      EXPECT_TRUE(found) << model << ": no preset '" << value << "'";
    } else {
      EXPECT_NE(spec_of(*info, parameter), nullptr)
          << model << ": no parameter '" << parameter << "'";
    }
  };
  for (const Probe& p : probes()) check(p.model, p.parameter, to_string(p.alternative));
  for (const Inert& e : allow_list()) {
    EXPECT_FALSE(e.reason.empty()) << e.model << " " << e.parameter;
    if (e.parameter.rfind("preset=", 0) == 0)
      check(e.model, "preset", e.parameter.substr(7));
    else
      check(e.model, e.parameter, "");
  }
}

// The alternative differs from the value the base run uses, and changes the
// forecast (or the trajectory) on its scenario.
TEST(ParametersMatter, EveryAlternativeChangesTheResult) {
  PARLEY_REQUIRE_DATA();
  std::map<std::string, Result> bases;  // probes sharing model, scenario and context
  for (const Probe& p : probes()) {
    SCOPED_TRACE(label(p));
    const ModelInfo& info = find_model(p.model);
    const Scenario& s = scenario(p.scenario);
    Params changed = p.context;
    if (p.parameter == "preset") {
      changed["preset"] = p.alternative;
    } else {
      const ParamSpec* spec = spec_of(info, p.parameter);
      if (!spec) continue;  // reported by EveryEntryNamesADeclaredParameter
      const Params base = resolve(info.schema, p.context, "probe");
      if (to_string(base.at(spec->name)) == to_string(p.alternative)) {
        ADD_FAILURE() << "the alternative is the value the base run already uses";
        continue;
      }
      changed[spec->name] = p.alternative;
    }
    std::string key = p.model + " " + p.scenario;
    for (const auto& [name, value] : p.context) key += " " + name + "=" + to_string(value);
    auto base = bases.find(key);
    if (base == bases.end()) base = bases.emplace(key, run(p.model, s, p.context)).first;
    const Result& before = base->second;
    const Result after = run(p.model, s, changed);
    switch (p.observe) {
      case Observe::forecast:
        EXPECT_TRUE(forecasts_differ(before, after, s)) << "the forecast did not change";
        break;
      case Observe::trajectory:
        EXPECT_TRUE(trajectories_differ(before, after, s)) << "the trajectory did not change";
        break;
      case Observe::table:
        EXPECT_TRUE(tables_differ(before, after, p.table))
            << "table " << p.table << " did not change";
        break;
    }
  }
}

// ---------------------------------------------------------------------------
// Every value a parameter's declared range allows is a value the model
// accepts: at the lower bound (and at the upper bound where it is at most
// 100, so that iteration caps do not make the test slow), a run returns a
// forecast per issue or refuses with parley::Error (exit 2 at the command
// line).  Anything else (another exception, such as std::bad_alloc, which the
// command line reports as out of memory) fails.  Known defects are listed
// with what goes wrong and are not run (they read out of bounds, which would
// abort the sanitizer build); each is reported in docs/testing.md, and its
// entry goes with its fix.

struct KnownDefect {
  std::string model, parameter;
  double value;
  std::string what;
};

const std::vector<KnownDefect>& known_defects() {
  static const std::vector<KnownDefect> list = {
      {"smp", "pos_tol", 0.0,
       "no position lies closer than 0 to itself, so an actor gets no representative (-1) and "
       "the win_probability table indexes actor_ids[-1] (src/models/smp.cpp)"},
  };
  return list;
}

const KnownDefect* known_defect(const std::string& model, const std::string& parameter,
                                double value) {
  for (const KnownDefect& d : known_defects())
    if (d.model == model && d.parameter == parameter && d.value == value) return &d;
  return nullptr;
}

TEST(ParametersMatter, EveryValueInTheDeclaredRangeRunsOrIsRefused) {
  PARLEY_REQUIRE_DATA();
  for (const ModelInfo& info : models()) {
    // The model's first probe scenario and context (its designed case).
    const Probe* home = nullptr;
    for (const Probe& p : probes())
      if (p.model == info.name && !home) home = &p;
    ASSERT_NE(home, nullptr) << info.name;
    const Scenario& s = scenario(home->scenario);
    for (const ParamSpec& spec : info.schema.specs) {
      if (spec.kind != ParamSpec::Kind::number && spec.kind != ParamSpec::Kind::integer) continue;
      std::vector<double> bounds;
      if (spec.min > -1e300) bounds.push_back(spec.min);
      if (spec.max <= 100) bounds.push_back(spec.max);
      for (double value : bounds) {
        SCOPED_TRACE(info.name + " " + spec.name + "=" + to_string(ParamValue(value)));
        Params params = home->context;
        params[spec.name] = value;
        if (known_defect(info.name, spec.name, value)) continue;
        try {
          const Result r = run(info.name, s, params);
          EXPECT_EQ(r.forecast.size(), s.issues.size());
        } catch (const Error&) {
          // A refusal with a message: allowed.
        } catch (const std::exception& e) {
          ADD_FAILURE() << "not a parley::Error: " << e.what();
        }
      }
    }
  }
}

}  // namespace
}  // namespace parley
