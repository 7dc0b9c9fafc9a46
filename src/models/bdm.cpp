// Model `bdm`: the expected-utility challenge model, run issue by issue
// (docs/models/bdm.md).  The per-issue engine is in
// bdm_core.cpp; this file maps parameters to Settings, loops over issues and
// rounds, applies the stop rule and fills the Result.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "models/bdm.h"
#include "models/model_infos.h"
#include "parley/error.h"

namespace parley {
namespace {

using bdm::Settings;

template <typename Enum>
Enum choose(const Params& params, const std::string& name, const std::vector<std::string>& names) {
  const std::string& value = text(params, name);
  for (std::size_t k = 0; k < names.size(); ++k)
    if (names[k] == value) return static_cast<Enum>(k);
  throw Error(name + ": unknown value '" + value + "'");
}

// The choice lists, in the order of the enums of models/bdm.h.
const std::vector<std::string> kTRule = {"closer_median", "zero", "one"};
const std::vector<std::string> kRangeMode = {"fixed", "dynamic", "scale"};
const std::vector<std::string> kProb = {"eq31", "net_vote", "allpairs_risk"};
const std::vector<std::string> kMirror = {"responder", "printed"};
const std::vector<std::string> kPerspective = {"own", "receiver"};
const std::vector<std::string> kConflict = {"loser_moves", "no_move"};
const std::vector<std::string> kCompromise = {"eq35_36", "eu_weighted_avg"};
const std::vector<std::string> kSelection = {"priority_least_move", "enforceability_least_move",
                                             "jmckib"};
const std::vector<std::string> kStop = {"fixed_rounds", "median_shift"};
const std::vector<std::string> kTie = {"lower", "upper"};

Settings settings_from(const Params& params) {
  Settings s;
  s.q = number(params, "Q");
  s.t_rule = choose<bdm::TRule>(params, "T_rule", kTRule);
  s.range_mode = choose<bdm::RangeMode>(params, "range_mode", kRangeMode);
  s.scale_width = number(params, "scale_width");
  s.prob_formula = choose<bdm::ProbFormula>(params, "prob_formula", kProb);
  s.mirror_salience = choose<bdm::MirrorSalience>(params, "mirror_salience", kMirror);
  s.perspective = choose<bdm::Perspective>(params, "perspective", kPerspective);
  s.conflict_rule = choose<bdm::ConflictRule>(params, "conflict_rule", kConflict);
  s.compromise_rule = choose<bdm::CompromiseRule>(params, "compromise_rule", kCompromise);
  s.selection = choose<bdm::Selection>(params, "selection", kSelection);
  s.stop_rule = choose<bdm::StopRule>(params, "stop_rule", kStop);
  s.rounds = integer(params, "rounds");
  s.epsilon = number(params, "epsilon");
  s.median_tie = choose<bdm::MedianTie>(params, "median_tie", kTie);
  return s;
}

ParamSchema bdm_schema() {
  ParamSchema schema;
  auto choice = [&](std::string name, std::vector<std::string> values, std::string fallback,
                    std::string doc) {
    schema.specs.push_back(ParamSpec::choice({.name = std::move(name),
                                              .choices = std::move(values),
                                              .fallback = std::move(fallback),
                                              .doc = std::move(doc)}));
  };
  schema.specs.push_back(ParamSpec::number(
      {.name = "Q",
       .fallback = 1.0,
       .min = 0.0,
       .max = 1.0,
       .doc = "probability that the status quo holds if i does not challenge (section 1, eq. "
              "25a); 1 = BDM 1985 and Scholz, 0.5 = BDM and Lalman 1986"}));
  choice("T_rule", kTRule, "closer_median",
         "T of eq. 25a: closer_median = 1 iff |x_i - mu| < |x_i - x_j|; irrelevant when Q = 1");
  choice("range_mode", kRangeMode, "fixed",
         "normalising range R: fixed = max - min of the initial positions, dynamic = of the "
         "current positions each round, scale = scale_width");
  schema.specs.push_back(
      ParamSpec::number({.name = "scale_width",
                         .fallback = 0.0,
                         .min = 0.0,
                         .max = 1e300,
                         .doc = "R for range_mode = scale; 0 = the issue's scale (hi - lo)"}));
  choice("prob_formula", kProb, "eq31",
         "probability of success (section 5): eq31 = printed eq. 30-31, net_vote = Masad's "
         "floored net votes, allpairs_risk = jmckib's all-pairs normalisation with risk "
         "exponents");
  choice("mirror_salience", kMirror, "responder",
         "resist probability in the mirror term E(U_ji): responder = s_i, printed = s_j (eq. 25b)");
  choice("perspective", kPerspective, "own",
         "whose risk exponent enters E(U_ij) and E(U_ji): own = each actor's own, receiver = "
         "both the potential mover's");
  choice("conflict_rule", kConflict, "loser_moves",
         "conflict the mover loses (b > a > 0): loser_moves = mover moves to the partner, "
         "no_move = nothing");
  choice("compromise_rule", kCompromise, "eq35_36",
         "compromise position: eq35_36 = x_i - (x_i - x_j)|a/b|, eu_weighted_avg = "
         "(|a| x_i + |b| x_j)/(|a| + |b|)");
  choice("selection", kSelection, "priority_least_move",
         "offer selection (section 9): priority_least_move = conflict > compromise > capitulation, "
         "least move; enforceability_least_move = largest proposer EU, then least move; "
         "jmckib = conflict by least move, else compromise with the smallest EU-weighted "
         "position, never capitulation");
  choice("stop_rule", kStop, "median_shift",
         "fixed_rounds = run `rounds` rounds; median_shift = stop after the first round whose "
         "median moved less than epsilon * R (rounds is the cap)");
  schema.specs.push_back(
      ParamSpec::integer({.name = "rounds",
                          .fallback = 20.0,
                          .min = 0.0,
                          .max = 100000.0,
                          .doc = "rounds to run (fixed_rounds) or the cap (median_shift)"}));
  schema.specs.push_back(ParamSpec::number({.name = "epsilon",
                                            .fallback = 0.01,
                                            .min = 1e-15,
                                            .max = 1e300,
                                            .doc = "median_shift threshold as a fraction of R"}));
  choice("median_tie", kTie, "lower",
         "which Condorcet winner is the median when a prefix weight is exactly half");

  const Params table2 = {{"Q", 1.0},
                         {"T_rule", std::string("closer_median")},
                         {"range_mode", std::string("fixed")},
                         {"prob_formula", std::string("allpairs_risk")},
                         {"mirror_salience", std::string("responder")},
                         {"perspective", std::string("receiver")},
                         {"conflict_rule", std::string("loser_moves")},
                         {"compromise_rule", std::string("eq35_36")},
                         {"selection", std::string("jmckib")},
                         {"stop_rule", std::string("fixed_rounds")},
                         {"rounds", 8.0},
                         {"epsilon", 0.01},
                         {"median_tie", std::string("lower")}};
  Params literal = table2;
  literal["range_mode"] = std::string("dynamic");
  literal["prob_formula"] = std::string("eq31");
  literal["perspective"] = std::string("own");
  literal["selection"] = std::string("priority_least_move");
  schema.presets.push_back(
      {"scholz_table2", table2,
       "the jmckib replication code; reproduces Scholz et al. (2011) Table 2 (section 11.1)"});
  schema.presets.push_back(
      {"literal", literal,
       "the printed equations of Scholz et al. (2011) read literally (section 11.2)"});
  return schema;
}

std::string issue_label(const Instance& instance, int issue) {
  const auto& frame = instance.frames[issue];
  return frame.id.empty() ? std::to_string(issue) : frame.id;
}

std::string actor_label(const Instance& instance, int actor) {
  if (actor < static_cast<int>(instance.actor_ids.size()) && !instance.actor_ids[actor].empty())
    return instance.actor_ids[actor];
  return std::to_string(actor);
}

// The trajectory of one issue.
struct IssueRun {
  std::vector<std::vector<double>> positions;  // per round, per participant
  std::vector<double> median, mean;            // per round
  std::vector<bdm::RoundReport> reports;       // rounds 1..
  double forecast = std::numeric_limits<double>::quiet_NaN();
  std::string status = "ok";
  std::vector<std::string> notes;
};

double initial_range(const bdm::Actors& actors, const Settings& settings, const IssueFrame& frame) {
  if (settings.range_mode == bdm::RangeMode::scale)
    return settings.scale_width > 0 ? settings.scale_width : frame.hi - frame.lo;
  double lo = actors.x.front(), hi = actors.x.front();
  for (double v : actors.x) lo = std::min(lo, v), hi = std::max(hi, v);
  return hi - lo;
}

// `round_done(t)` is told after each round t (progress reports only).
IssueRun run_issue(bdm::Actors actors, const Settings& settings, const IssueFrame& frame,
                   const std::function<void(int)>& round_done) {
  IssueRun run;
  if (actors.size() == 0) {
    run.status = "no_actors";
    return run;
  }
  auto record = [&] {
    run.positions.push_back(actors.x);
    run.median.push_back(bdm::median_position(actors, settings.median_tie));
    run.mean.push_back(bdm::weighted_mean(actors));
  };
  record();
  run.forecast = run.median.back();
  if (std::isnan(run.mean.back())) {
    run.status = "no_weight";  // nobody has c * s > 0: nothing to bargain over
    return run;
  }
  const double fixed_range = initial_range(actors, settings, frame);
  bool stopped = false;
  for (int t = 1; t <= settings.rounds; ++t) {
    double range = fixed_range;
    if (settings.range_mode == bdm::RangeMode::dynamic)
      range = initial_range(actors, settings, frame);
    if (!(range > 0)) {  // every actor holds the same position
      run.notes.push_back("consensus before round " + std::to_string(t));
      stopped = true;
      break;
    }
    run.reports.push_back(bdm::play_round(actors, range, settings));
    actors.x = run.reports.back().positions;
    record();
    round_done(t);
    if (settings.stop_rule == bdm::StopRule::median_shift &&
        std::abs(run.median[t] - run.median[t - 1]) < settings.epsilon * range) {
      run.notes.push_back("median shift below epsilon * R after round " + std::to_string(t));
      stopped = true;
      break;
    }
  }
  run.forecast = run.median.back();
  if (settings.stop_rule == bdm::StopRule::median_shift && !stopped) {
    run.status = "not_converged";
    run.notes.push_back("median still moving after the cap of " + std::to_string(settings.rounds) +
                        " rounds");
  }
  double scale = std::max(std::abs(frame.hi - frame.lo), 1.0);
  if (int t = bdm::first_revisit(run.median, 1e-9 * scale); t >= 0)
    run.notes.push_back("oscillation: the median returns in round " + std::to_string(t) +
                        " to a value it had left");
  return run;
}

class BdmModel final : public Model {
 public:
  Result run(const Instance& instance, const Params& params,
             const RunContext& context) const override {
    const Settings settings = settings_from(params);
    const int issues = instance.issues(), actors = instance.actors();
    Result result;
    Table offers{"offers",
                 "accepted offers per round (sections 8-9)",
                 {"round", "issue", "actor", "partner", "kind", "eu_mover", "eu_partner",
                  "old_position", "new_position"},
                 {}};
    Table risk{"risk",
               "first-pass security level and risk exponent per round (section 7)",
               {"round", "issue", "actor", "security", "risk_exponent"},
               {}};
    std::vector<IssueRun> runs;
    std::vector<std::vector<int>> members;
    std::size_t rounds = 1;
    for (int i = 0; i < issues; ++i) {
      members.push_back(instance.participants(i));
      bdm::Actors group;
      for (int a : members.back()) {
        group.x.push_back(instance.position(a, i));
        group.c.push_back(instance.capability(a, i));
        group.s.push_back(instance.salience(a, i));
      }
      // Progress in issue rounds: rounds of issue i, then the next issue.
      const auto total = static_cast<std::uint64_t>(issues) * settings.rounds;
      auto round_done = [&](int t) {
        if (context.progress)
          context.progress(static_cast<std::uint64_t>(i) * settings.rounds + t, total);
      };
      runs.push_back(run_issue(std::move(group), settings, instance.frames[i], round_done));
      if (context.progress)
        context.progress(static_cast<std::uint64_t>(i + 1) * settings.rounds, total);
      const IssueRun& run = runs.back();
      rounds = std::max(rounds, run.positions.size());
      result.forecast.push_back(run.forecast);
      result.status.push_back(run.status);
      for (const auto& note : run.notes)
        result.notes.push_back("issue " + issue_label(instance, i) + ": " + note);
      for (std::size_t t = 0; t < run.reports.size(); ++t) {
        const auto& report = run.reports[t];
        const double round = static_cast<double>(t + 1);
        for (const auto& m : report.moves)
          offers.rows.push_back(
              {round, issue_label(instance, i), actor_label(instance, members[i][m.mover]),
               actor_label(instance, members[i][m.partner]), std::string(bdm::kind_name(m.kind)),
               m.eu_mover, m.eu_partner, m.old_position, m.new_position});
        if (context.explain)
          for (std::size_t k = 0; k < report.risk.size(); ++k)
            risk.rows.push_back({round, issue_label(instance, i),
                                 actor_label(instance, members[i][k]), report.security[k],
                                 report.risk[k]});
      }
    }
    // Issues that stopped early keep their last state in later rounds.
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t t = 0; t < rounds; ++t) {
      Round round;
      round.round = static_cast<int>(t);
      round.positions.assign(static_cast<std::size_t>(actors) * issues, nan);
      for (int i = 0; i < issues; ++i) {
        const IssueRun& run = runs[i];
        if (run.positions.empty()) {
          round.median.push_back(nan);
          round.mean.push_back(nan);
          continue;
        }
        const std::size_t at = std::min(t, run.positions.size() - 1);
        for (std::size_t k = 0; k < members[i].size(); ++k)
          round.positions[static_cast<std::size_t>(members[i][k]) * issues + i] =
              run.positions[at][k];
        round.median.push_back(run.median[at]);
        round.mean.push_back(run.mean[at]);
      }
      result.trajectory.push_back(std::move(round));
    }
    result.tables.push_back(std::move(offers));
    if (context.explain) result.tables.push_back(std::move(risk));
    return result;
  }
};

}  // namespace

ModelInfo bdm_model_info() {
  ModelInfo info;
  info.name = "bdm";
  info.summary =
      "Bueno de Mesquita's expected-utility challenge model (Scholz et al. 2011 reconstruction), "
      "issue by issue";
  info.spec = "docs/models/bdm.md";
  info.dynamic = true;
  info.schema = bdm_schema();
  info.make = [] { return std::make_unique<BdmModel>(); };
  // Issues run one after the other: the peak is one issue's n x n tables (at
  // most four of them at once, see bdm_core.cpp) plus the whole trajectory
  // and at most one offer row (about 600 bytes) per actor, round and issue.
  info.memory = [](int actors, int issues, const Params& params) {
    double rounds = 20;
    if (auto it = params.find("rounds"); it != params.end())
      if (const double* value = std::get_if<double>(&it->second)) rounds = std::max(*value, 0.0);
    const double n = actors, cells = static_cast<double>(actors) * issues;
    return 8.0 * (4 * n * n + 64 * n) + 8.0 * cells * (3 + rounds + 1) + 600.0 * cells * rounds;
  };
  return info;
}

}  // namespace parley
