// The `smp` model: KTAB's Spatial Model of Politics (docs/models/smp.md) as a
// parley::Model.  It maps an Instance and Params onto the engine (smp.h,
// smp_engine.cpp) and the engine's run back onto a Result.
#include "models/smp.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "models/model_infos.h"
#include "models/spatial.h"
#include "parley/error.h"
#include "parley/scenario.h"

// ---- the parley model ------------------------------------------------------

namespace parley {
namespace {

using namespace smp;

const std::vector<std::string> kVpm{"Linear", "Square", "Quartic", "Octic", "Binary"};
const std::vector<std::string> kPce{"Conditional", "MarkovIncentive", "MarkovUniform"};
const std::vector<std::string> kTransitions{"Deterministic", "Stochastic"};
const std::vector<std::string> kVoting{"Binary",  "PropBin", "Prop",
                                       "PropCbc", "Cubic",   "ASymProsp"};
const std::vector<std::string> kBigRAdjust{"None", "OneThird", "Half", "TwoThirds", "Full"};
const std::vector<std::string> kBigRRange{"Min", "Mid", "Max"};
const std::vector<std::string> kCommit{"NoCommit", "SemiCommit", "FullCommit"};
const std::vector<std::string> kInterp{"S1P1", "S2P2", "S2PMax"};
const std::vector<std::string> kBargain{"InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"};

template <class E>
E code_of(const Params& params, const std::string& name, const std::vector<std::string>& names) {
  const std::string& value = text(params, name);
  for (size_t c = 0; c < names.size(); ++c)
    if (names[c] == value) return static_cast<E>(c);
  throw Error("smp: " + name + ": unknown value '" + value + "'");
}

std::uint64_t parse_seed(const std::string& text, std::uint64_t fallback) {
  if (text.empty()) return fallback;
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    throw Error("smp: prng_seed: expected an unsigned 64-bit decimal, found '" + text + "'");
  return value;
}

Config config_from(const Params& params, const RunContext& context) {
  Config c;
  c.vpm = code_of<VictoryProbModel>(params, "victory_prob_model", kVpm);
  c.pce = code_of<PceModel>(params, "pce_model", kPce);
  c.transitions = code_of<StateTransitions>(params, "state_transitions", kTransitions);
  c.voting = code_of<VotingRule>(params, "voting_rule", kVoting);
  c.big_r_adjust = code_of<BigRAdjust>(params, "big_r_adjust", kBigRAdjust);
  c.big_r_range = code_of<BigRRange>(params, "big_r_range", kBigRRange);
  c.commit = code_of<ThirdPartyCommit>(params, "third_party_commit", kCommit);
  c.interp = code_of<InterVecBrgn>(params, "inter_vec_brgn", kInterp);
  c.bargain_model = code_of<BargnModel>(params, "bargn_model", kBargain);
  c.min_iter = integer(params, "min_iter");
  c.max_iter = integer(params, "max_iter");
  c.min_delta_ratio = number(params, "min_delta_ratio");
  c.min_sig_delta = number(params, "min_sig_delta");
  c.pos_tol = number(params, "pos_tol");
  c.markov_max_iter = integer(params, "markov_max_iter");
  c.third_party_separate = text(params, "third_party_prob") == "separate";
  c.challenge_vpm = text(params, "challenge_vpm") == "apply";
  c.threads = integer(params, "threads");
  c.seed = parse_seed(text(params, "prng_seed"), context.seed);
  c.draw = context.draw;
  c.explain = context.explain;
  c.progress = context.progress;
  return c;
}

// Reads the `smp` scenario section: ideal_adjustment: [{actor, reference, adjust}].
std::vector<Problem::Adjust> ideal_adjustment(const Instance& in, const RunContext& context) {
  std::vector<Problem::Adjust> out;
  if (!context.scenario) return out;
  const Node* section = context.scenario->section("smp");
  if (!section) return out;
  const Node* list = section->find("ideal_adjustment");
  if (!list || list->is_null()) return out;
  if (!list->is_list())
    list->fail("smp.ideal_adjustment: expected a list, found " + list->describe());
  auto index = [&](const Node& node) {
    const std::string& id = node.as_string();
    for (int a = 0; a < in.actors(); ++a)
      if (in.actor_ids[a] == id) return a;
    node.fail("smp.ideal_adjustment: unknown actor '" + id + "'");
  };
  for (const Node& item : list->items) {
    const Node* actor = item.find("actor");
    const Node* reference = item.find("reference");
    const Node* adjust = item.find("adjust");
    if (!actor || !reference || !adjust)
      item.fail("smp.ideal_adjustment: each entry needs actor, reference and adjust");
    const double w = adjust->as_number();
    if (w < 0 || w > 1) adjust->fail("smp.ideal_adjustment: adjust must be in [0, 1]");
    out.push_back({index(*actor), index(*reference), w});
  }
  return out;
}

// A coordinate on KTAB's [0, 1] scale as a value on issue i's scale.
double to_scale(const Instance& in, int i, double x) {
  return in.frames[i].lo + x * (in.frames[i].hi - in.frames[i].lo);
}

// Positions on the issue scales: every state of the run.  O(T N D).
void add_trajectory(const Instance& in, const Run& r, Result& result) {
  const int n = in.actors(), d = in.issues();
  for (size_t t = 0; t < r.states.size(); ++t) {
    Round round;
    round.round = static_cast<int>(t);
    round.positions.assign(static_cast<size_t>(n) * d, std::nan(""));
    for (int a = 0; a < n; ++a)
      for (int i = 0; i < d; ++i)
        if (in.has(a, i))
          round.positions[a * d + i] = to_scale(in, i, r.states[t].position[a * d + i]);
    for (int i = 0; i < d; ++i) {
      std::vector<double> x, w;
      for (int a : in.participants(i)) {
        x.push_back(round.positions[a * d + i]);
        w.push_back(in.capability(a, i) * in.salience(a, i));
      }
      round.median.push_back(spatial::weighted_median(x, w));
      round.mean.push_back(spatial::weighted_mean(x, w));
    }
    result.trajectory.push_back(std::move(round));
  }
}

// The forecast (the capability x salience weighted mean of the final
// positions), its status and the notes on how the run ended.
void add_forecast(const Instance& in, const Run& r, Result& result) {
  const int d = in.issues();
  const std::string status = r.stop == "max_iter" ? "max_iter" : "converged";
  for (int i = 0; i < d; ++i) {
    result.forecast.push_back(result.trajectory.back().mean[i]);
    result.status.push_back(r.pce_converged ? status : "pce_not_converged");
  }
  if (r.stop == "degenerate")
    result.notes.push_back("stopped: all actors' risk-aware and risk-neutral utilities agree");
  if (!r.pce_converged)
    result.notes.push_back("a Markov PCE hit markov_max_iter before converging");
  // The most probable final position (distribution over unique positions).
  const auto& last = r.unique_prob.back();
  const int best = static_cast<int>(std::max_element(last.begin(), last.end()) - last.begin());
  std::ostringstream most;
  most << "most probable final position (probability " << format_number(last[best]) << ", held by '"
       << in.actor_ids[best] << "'):";
  for (int i = 0; i < d; ++i)
    most << " " << in.frames[i].id << "="
         << format_number(
                std::round(1e6 * to_scale(in, i, r.states.back().position[best * d + i])) / 1e6);
  result.notes.push_back(most.str());
}

// The stop rule per turn and the winning probabilities per state.
void add_turn_tables(const Instance& in, const Run& r, Result& result) {
  Table turns{"turns",
              "per turn: fractional change compared to the first step (stop rule)",
              {"turn", "ratio"},
              {}};
  for (size_t t = 0; t < r.ratios.size(); ++t)
    turns.rows.push_back({static_cast<double>(t + 1), r.ratios[t]});
  result.tables.push_back(std::move(turns));
  Table win{"win_probability",
            "per state and actor: KTAB's displayed winning probability; unique_probability is "
            "the distribution over unique positions",
            {"turn", "actor", "probability", "representative", "unique_probability", "risk"},
            {}};
  for (size_t t = 0; t < r.win_prob.size(); ++t)
    for (int a = 0; a < in.actors(); ++a)
      win.rows.push_back({static_cast<double>(t), in.actor_ids[a], r.win_prob[t][a],
                          in.actor_ids[r.win_rep[t][a]], r.unique_prob[t][a], r.risk[t][a]});
  result.tables.push_back(std::move(win));
}

// --explain: step A's challenges and step C's queues.
void add_explanations(const Instance& in, const Run& r, Result& result) {
  const int d = in.issues();
  std::vector<std::string> cols{"turn", "challenger", "target", "dEU", "P"};
  for (int i = 0; i < d; ++i) cols.push_back("to_challenger." + in.frames[i].id);
  for (int i = 0; i < d; ++i) cols.push_back("to_target." + in.frames[i].id);
  Table ch{"challenges", "step A: each actor's best target, and the bargain it proposes", cols, {}};
  for (const auto& c : r.challenges) {
    std::vector<Table::Cell> row{static_cast<double>(c.turn), in.actor_ids[c.challenger],
                                 in.actor_ids[c.target], c.deu, c.p};
    for (int i = 0; i < d; ++i) row.push_back(to_scale(in, i, c.bargain.for_initiator[i]));
    for (int i = 0; i < d; ++i) row.push_back(to_scale(in, i, c.bargain.for_receiver[i]));
    ch.rows.push_back(std::move(row));
  }
  result.tables.push_back(std::move(ch));

  std::vector<std::string> bcols{"turn", "actor", "initiator", "receiver", "probability", "chosen"};
  for (int i = 0; i < d; ++i) bcols.push_back("position." + in.frames[i].id);
  Table bt{"bargains",
           "step C: each actor's queue (status quo first), election probabilities, and the "
           "bargain it adopts (its own side)",
           bcols,
           {}};
  for (const auto& rec : r.resolutions)
    for (size_t x = 0; x < rec.queue.size(); ++x) {
      const Bargain& b = rec.queue[x];
      const bool sq = b.initiator == rec.actor && b.receiver == rec.actor;
      std::vector<Table::Cell> row{static_cast<double>(rec.turn),
                                   in.actor_ids[rec.actor],
                                   sq ? std::string("(status quo)") : in.actor_ids[b.initiator],
                                   sq ? std::string("(status quo)") : in.actor_ids[b.receiver],
                                   rec.probability[x],
                                   static_cast<double>(static_cast<int>(x) == rec.chosen)};
      const auto& side = b.initiator == rec.actor ? b.for_initiator : b.for_receiver;
      for (int i = 0; i < d; ++i) row.push_back(to_scale(in, i, side[i]));
      bt.rows.push_back(std::move(row));
    }
  result.tables.push_back(std::move(bt));
}

// The actors with salience on the issues at hand.  KTAB requires a total
// salience above 0; an actor without any (say a state before its accession,
// in a table of many cases) has nothing to bargain for, so it sits out.
std::vector<int> bargaining_actors(const Instance& in) {
  std::vector<int> keep;
  for (int a = 0; a < in.actors(); ++a) {
    double total = 0;
    for (int i = 0; i < in.issues(); ++i)
      if (in.has(a, i)) total += in.salience(a, i);
    if (total > 0) keep.push_back(a);
  }
  return keep;
}

// The instance of the actors `keep` only.
Instance with_actors(const Instance& in, const std::vector<int>& keep) {
  Instance out(static_cast<int>(keep.size()), in.issues());
  out.frames = in.frames;
  for (size_t k = 0; k < keep.size(); ++k) {
    const int a = keep[k];
    out.actor_ids[k] = in.actor_ids[a];
    out.actor_names[k] = in.actor_names[a];
    for (int i = 0; i < in.issues(); ++i)
      if (in.has(a, i))
        out.set(static_cast<int>(k), i, in.position(a, i), in.salience(a, i), in.capability(a, i));
  }
  return out;
}

// A result of the actors `keep` as a result of every actor of `in`: the
// actors who sat out keep their positions in every round.
void widen(Result& result, const Instance& in, const std::vector<int>& keep) {
  const int d = in.issues();
  for (Round& round : result.trajectory) {
    std::vector<double> all(static_cast<size_t>(in.actors()) * d, std::nan(""));
    for (int a = 0; a < in.actors(); ++a)
      for (int i = 0; i < d; ++i)
        if (in.has(a, i)) all[a * d + i] = in.position(a, i);
    for (size_t k = 0; k < keep.size(); ++k)
      for (int i = 0; i < d; ++i) all[keep[k] * d + i] = round.positions[k * d + i];
    round.positions = std::move(all);
  }
  std::vector<bool> kept(in.actors(), false);
  for (int a : keep) kept[a] = true;
  for (int a = 0; a < in.actors(); ++a)
    if (!kept[a])
      result.notes.push_back("actor '" + in.actor_ids[a] +
                             "' has no salience on these issues: it takes no part in the "
                             "bargaining and keeps its position");
}

class Smp final : public Model {
 public:
  Result run(const Instance& in, const Params& params, const RunContext& context) const override {
    const std::vector<int> keep = bargaining_actors(in);
    if (static_cast<int>(keep.size()) == in.actors()) return run_all(in, params, context);
    if (keep.empty()) throw Error("smp: no actor has a salience above 0 on these issues");
    Result result = run_all(with_actors(in, keep), params, context);
    widen(result, in, keep);
    return result;
  }

 private:
  static Result run_all(const Instance& in, const Params& params, const RunContext& context) {
    Result result;
    Problem pb = problem_from_instance(in, result.notes);
    pb.adjust = ideal_adjustment(in, context);
    const Run r = smp::run(pb, config_from(params, context));
    add_trajectory(in, r, result);
    add_forecast(in, r, result);
    add_turn_tables(in, r, result);
    if (context.explain) add_explanations(in, r, result);
    return result;
  }
};

// KTAB's nine parameters: snake_case names, KTAB's CamelCase names as
// aliases (what KTAB's files and its documentation use), KTAB's value names.
ParamSpec ktab_choice(std::string name, std::string ktab_name,
                      const std::vector<std::string>& names, int fallback, std::string doc) {
  return ParamSpec::choice({.name = std::move(name),
                            .choices = names,
                            .fallback = names[fallback],
                            .doc = std::move(doc),
                            .aliases = {std::move(ktab_name)}});
}

}  // namespace

ModelInfo smp_model_info() {
  ModelInfo info;
  info.name = "smp";
  info.summary = "KTAB's Spatial Model of Politics: challenges, interpolated bargains, elections";
  info.spec = "docs/models/smp.md";
  info.dynamic = true;
  using P = ParamSpec;
  info.schema.specs = {
      ktab_choice("victory_prob_model", "VictoryProbModel", kVpm, 0,
                  "victory probability from coalition strengths: C^nu ratio with nu = 1, 2, 4, 8, "
                  "or KTAB's Binary rule (spec 2.5)"),
      ktab_choice("pce_model", "PCEModel", kPce, 0,
                  "probabilistic Condorcet election: Conditional product, MarkovIncentive or "
                  "MarkovUniform chain (2.6)"),
      ktab_choice("state_transitions", "StateTransitions", kTransitions, 0,
                  "each actor adopts its most probable bargain, or samples one (4.3)"),
      ktab_choice("voting_rule", "VotingRule", kVoting, 2,
                  "vote as a function of the utility difference (2.3)"),
      ktab_choice("big_r_adjust", "BigRAdjust", kBigRAdjust, 1,
                  "how an actor perceives others' risk attitudes: its own R, or a mix towards "
                  "theirs (3.5)"),
      ktab_choice("big_r_range", "BigRRange", kBigRRange, 1,
                  "range of the risk attitudes R: [0,1], [-1/2,1], [-1,1] (3.4)"),
      ktab_choice("third_party_commit", "ThirdPartyCommit", kCommit, 1,
                  "third parties' expected utility of joining a side (4.1)"),
      ktab_choice("inter_vec_brgn", "InterVecBrgn", kInterp, 1,
                  "bargain interpolation weights: salience x probability, squared, or max-gap "
                  "(4.2)"),
      ktab_choice("bargn_model", "BargnModel", kBargain, 0,
                  "whose estimate shapes the bargain: initiator only, both versions, or their "
                  "power-weighted compromise (4.2)"),
      P::integer({.name = "min_iter",
                  .fallback = 2,
                  .min = 1,
                  .max = 1e6,
                  .doc = "stop rule: no stop before this many turns (4.5)"}),
      P::integer({.name = "max_iter",
                  .fallback = 100,
                  .min = 1,
                  .max = 1e6,
                  .doc = "stop rule: at most this many turns (4.5)"}),
      P::number({.name = "min_delta_ratio",
                 .fallback = 0.02,
                 .min = 0,
                 .doc = "stop rule: stop when a turn moves less than this fraction of the first "
                        "turn (4.5)"}),
      P::number({.name = "min_sig_delta",
                 .fallback = 1e-4,
                 .min = 0,
                 .doc = "stop rule: added to the first turn's movement in the ratio's denominator "
                        "(4.5)"}),
      P::number({.name = "pos_tol",
                 .fallback = 1e-3,
                 .min = 0,
                 .doc = "positions closer than this (Euclidean, [0,1] scale) share a winning "
                        "probability (5)"}),
      P::integer({.name = "markov_max_iter",
                  .fallback = 1000,
                  .min = 1,
                  .max = 1e9,
                  .doc = "cap on the Markov PCE iterations; hitting it sets status "
                         "pce_not_converged (2.6)"}),
      P::choice({.name = "third_party_prob",
                 .choices = {"ktab", "separate"},
                 .fallback = "ktab",
                 .doc = "ktab: NoCommit/FullCommit third parties never vote (KTAB defect); "
                        "separate: parley's correction of spec 11.1"}),
      P::choice({.name = "challenge_vpm",
                 .choices = {"ignore", "apply"},
                 .fallback = "ignore",
                 .doc = "apply victory_prob_model to the challenge probability P_ij (KTAB ignores "
                        "it; spec 6)"}),
      P::integer({.name = "threads",
                  .fallback = 1,
                  .min = 1,
                  .max = 256,
                  .doc = "worker threads for steps A and C; results do not depend on it"}),
      P::text({.name = "prng_seed",
               .fallback = "",
               .doc = "seed for Stochastic transitions (unsigned 64-bit decimal); empty = the "
                      "run's seed"}),
  };
  info.schema.presets = {
      {"ktab", {}, "KTAB's defaults (the compatibility contract)"},
      {"efird2016",
       {{"big_r_range", std::string("Min")}, {"big_r_adjust", std::string("Half")}},
       "risk settings as described by Efird, Lester and Wise (2016); not verified against "
       "their runs"},
  };
  info.make = [] { return std::make_unique<Smp>(); };
  return info;
}

}  // namespace parley
