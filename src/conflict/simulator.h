// The coupled per-period loop of the war-termination layer
// (docs/models/war.md, "The monthly loop"): events, battle, beliefs,
// reservation values, mediator, bargaining on the agenda with a spatial
// model moving positions, acceptance by every veto player, regime
// transitions and the post-agreement hazard; and the Monte Carlo summary of
// many simulated wars.
//
// Thread-safety: a Simulator is immutable after construction; run() and
// simulate() may be called from many threads.  Every random number comes from
// parley::Stream keyed by (seed, {ensemble draw, war draw, subsystem, period,
// actor}), so results do not depend on thread count or scheduling.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "conflict/conflict.h"
#include "parley/model.h"

namespace parley::war {

struct Options {
  std::string spatial = "compromise";  // registered model that moves positions
  Params spatial_params;
  double accommodation = 0.02;  // share of the way to the spatial forecast per talks period
  double margin = 0;            // acceptance margin m_i, per-period utility units
  // Private information revealed by fighting (docs/models/war.md, "Private
  // resolve"): the spread sigma of each veto player's error about its value of
  // fighting on at the clock start (per-period utility; 0 = none, the layer
  // without it) and the learning rate kappa (the error's variance after n
  // months is sigma^2 / (1 + kappa n)).
  double resolve_sd = 0;
  double resolve_learning = 0;
  std::vector<std::string> what_if;  // optional events switched on
  double cost_scale[2] = {1, 1};     // multipliers on the sides' costs
  int horizon = 0;                   // 0 = the scenario's
  int threads = 1;                   // 0 = every core; results do not depend on it
  // Draw the scenario's uncertain inputs afresh for every war (stream
  // `sampling`, keyed by the war draw and the input index); needs `scenario`.
  bool sample_inputs = false;
  const Scenario* scenario = nullptr;
  Defaults defaults;  // for the conflict parsed anew from each war's drawn inputs
  // Told the wars simulated so far (of `draws`), from the calling thread.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

// Why no deal is struck in a month of fighting (docs/models/war.md, "Cause
// tags"), in the order the tags are tested.
enum class Cause : unsigned char {
  none,            // a deal was available under the veto players' beliefs
  commitment,      // a scheduled power shift makes no deal self-enforcing (Powell)
  information,     // a deal exists under the true odds, not under the beliefs
  indivisibility,  // a deal would exist if the indivisible items could be split
  audience,        // a deal would exist without the public red lines
  structural,      // no deal beats fighting even under the truth
  not_fighting     // ceasefire, peace or victory
};
constexpr int cause_count = 7;
const char* cause_name(Cause cause);

struct PeriodLog {
  int period = 0;
  Regime regime = Regime::talks;  // at the end of the period
  int front = 0;
  double gap = 0;       // under the veto players' beliefs, per-period utility units
  double true_gap = 0;  // under the true parameters
  Cause cause = Cause::none;
  bool hurting = false;  // mutually hurting stalemate: every belligerent veto player hurts
  bool ripe = false;     // hurting and a way out under the beliefs (gap <= 0)
  bool proposed = false, accepted = false;  // a text was put to the veto players; all said yes
  double p = 0.5;                           // true probability that side A wins a battle
  std::vector<double> belief;               // per veto player: believed p (side A wins a battle)
  std::vector<double> reservation;          // per veto player: r_i (value units)
  int phase = 0;
};

struct RunOutcome {
  std::vector<Regime> regime;       // per period 1..T (end of period)
  std::vector<Cause> cause;         // per period
  int first_ceasefire = 0;          // first period ending in CEASEFIRE or PEACE, 0 = never
  std::vector<double> terms;        // per issue: agreed and in force at the horizon, else NaN
  std::vector<double> de_facto;     // per issue at the horizon
  std::vector<double> cost;         // per side: undiscounted cost paid
  std::vector<double> blocker_gap;  // per veto player at the last bargaining period, NaN if none
  std::vector<int> blocker_issue;   // per veto player: issue that closes its gap cheapest, -1
  std::vector<double> positions;    // per period 0..T: actors x issues, flattened per period
  std::vector<double> period_cost;  // per period x side
};

struct Summary {
  int draws = 0, periods = 0;
  std::vector<std::array<double, regime_count>> regime_share;  // per period
  std::vector<double> ceasefire_by;                            // per period
  std::vector<std::array<double, 2>> expected_cost;            // per period, cumulative
  std::vector<std::array<double, cause_count>> cause_share;    // per period
  std::vector<std::vector<double>> terms;  // per issue: agreed values of the runs that agreed
  std::vector<double> de_facto_mean;       // per issue at the horizon
  std::vector<double> positions_mean;      // (periods + 1) x actors x issues
  std::vector<double> blocked_share;       // per veto player: share of runs blocked at the end
  std::vector<double> blocker_gap_mean;    // per veto player
  std::vector<std::vector<int>> blocker_issue_count;  // per veto player x issue
};

class Simulator {
 public:
  // Throws parley::Error for an unknown spatial model or what_if name.
  Simulator(Conflict conflict, const Instance& instance, Options options);
  ~Simulator();

  const Conflict& conflict() const { return conflict_; }
  int horizon() const { return horizon_; }
  // One simulated war; `log` (optional) receives one PeriodLog per period.
  RunOutcome run(std::uint64_t seed, std::uint64_t ensemble_draw, std::uint64_t draw,
                 std::vector<PeriodLog>* log = nullptr) const;
  // `draws` wars, summarised (blocks of fixed size, combined in order).
  Summary simulate(std::uint64_t seed, std::uint64_t ensemble_draw, int draws) const;

 private:
  Conflict conflict_;
  Instance instance_;
  Options options_;
  int horizon_;
  const ModelInfo* spatial_ = nullptr;
  std::unique_ptr<Model> spatial_model_;
  Params spatial_params_;
  bool sections_uncertain_ = false;  // the scenario's conflict/agenda hold distributions
};

}  // namespace parley::war
