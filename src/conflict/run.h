// One simulated war: the state that changes month by month and the steps of
// the monthly loop (docs/models/war.md, "The monthly loop"), one method per
// step.  Internal to the conflict layer: Simulator (simulator.h) is the
// public face.
//
// The steps live in three files along the loop's seams:
//   run.cpp      lifecycle, events, battle, beliefs, reservation values
//   bargain.cpp  mediator, table, formulator, acceptance, early harvest
//   regime.cpp   cause tags, regime transitions, the ceasefire hazard
//
// Thread-safety: a Run is used by one thread; it reads the shared Conflict,
// Options and spatial Model, which are immutable.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "conflict/conflict.h"
#include "conflict/simulator.h"
#include "conflict/war_math.h"
#include "parley/random.h"

namespace parley::war {

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Per-actor linear-loss utility on the normalised scale:
// U(omega) = 1 - sum_j w_j |omega_j - x_j| / dmax_j, in [0, 1].
struct Utility {
  std::vector<double> weight, ideal, inv_dmax;  // per issue
  double of(const std::vector<double>& omega) const {
    double u = 1;
    for (std::size_t j = 0; j < weight.size(); ++j)  // O(issues)
      if (weight[j] > 0) u -= weight[j] * std::abs(omega[j] - ideal[j]) * inv_dmax[j];
    return u;
  }
  double term(int j, double v) const {
    return weight[j] > 0 ? weight[j] * std::abs(v - ideal[j]) * inv_dmax[j] : 0;
  }
};
// Fills u in place (reusing its storage: called every bargaining month).
void fill_utility(Utility& u, const Instance& inst, int a);

inline bool fighting(Regime r) {
  return r == Regime::talks || r == Regime::recess || r == Regime::breakdown;
}
inline bool absorbing(Regime r) {
  return r == Regime::peace || r == Regime::victory_a || r == Regime::victory_b;
}

// Everything that changes during one simulated war.
struct State {
  Battlefield bf;
  Instance inst;
  std::vector<Utility> utility;              // per actor
  std::vector<double> de_facto;              // per issue (the front issue follows the front)
  std::vector<double> provisional;           // per issue, NaN = not agreed
  std::vector<char> harvested, implemented;  // per issue
  int harvests = 0;
  int phase = 0;
  bool all_agreed = false;
  Regime regime = Regime::talks;
  int front = 0;
  int ceasefire_periods = 0, recess_periods = 0, stall = 0;
  double last_gap = 0;
  std::vector<BetaBelief> belief;  // per veto player (weight 0 = knows p)
  std::vector<char> learns;
  std::vector<char> red_line;  // per actor: its audience cost still holds
  // The mediator's estimate of each veto player's belief (Beta on p): it
  // starts at the true odds with the player's prior weight, sees the same
  // battles and news, and is truncated by the player's rejections.
  std::vector<BetaBelief> estimate;
  // Private resolve (docs/models/war.md, "Private resolve"): per veto player
  // z_1 + sqrt(kappa) (z_2 + ... + z_t), the running sum behind its error.
  std::vector<double> resolve_sum;
  std::vector<double> resolve_error;  // per veto player: e_v(t), per-period utility
  std::vector<double> text;           // the annealing mediator's single text (empty = none yet)
  int text_phase = -1, text_age = 0;
  double budget_spent = 0;  // leverage spent (per-period utility)
  bool bought = false;      // the package in force was bought with leverage
};

// Reservation values of the veto players in one month (value units).
struct Reservation {
  double p = 0.5;                      // true battle-win probability of side A
  std::vector<double> belief_p;        // per veto player
  std::vector<double> r, rt, rt_open;  // beliefs; truth; truth without red lines
  std::vector<double> rm;              // the mediator's estimate of r
  std::vector<double> wv, wt, wm;      // war values entering V^peace (beliefs, truth, mediator)
  std::vector<char> hurting;           // per veto player (belligerents only)
  bool mutually_hurting = true;
};

// What the bargaining steps produced in one month.
struct Bargain {
  bool bargaining = false, progress = false, ceasefire_now = false;
  bool proposed = false, accepted = false;
  double gap = 0, true_gap = 0;  // per-period units; <= 0: a package clears every reservation
  std::vector<int> items;        // open items of the phase
  std::vector<double> table;     // the package on the table before the text
  std::vector<double> omega;     // the gap minimiser under the beliefs
};

class Run {
 public:
  Run(const Conflict& c, const Instance& base, const Options& o, const Model* spatial,
      const Params& spatial_params, int horizon, std::uint64_t seed, std::uint64_t ens,
      std::uint64_t draw);
  RunOutcome go(std::vector<PeriodLog>* log);

 private:
  // --- run.cpp ---------------------------------------------------------------
  void period(int t, RunOutcome& out, std::vector<PeriodLog>* log);
  void record_positions(RunOutcome& out, int t) const;
  void finish_period(int t, Cause cause, RunOutcome& out, std::vector<PeriodLog>* log,
                     PeriodLog& entry);
  double cell_value(int k) const;
  int cell_of(double value) const;
  Stream stream(Subsystem sub, int t, std::uint64_t actor = 0) const;
  void apply_events(int t);  // step 1
  void apply_change(const Change& ch, Battlefield& bf) const;
  void lapse_red_lines(int t);
  void shift_beliefs(double p_before, double p_after);  // step 3 (public news)
  void observe_resolve(int t);                          // step 3 (private information)
  double reservation_at(int v, double p, double& war);
  bool battle(int t, RunOutcome& out, double& shock);  // steps 2-3; true: victory
  double strength(const Battlefield& bf, int side) const;
  double true_p(const Battlefield& bf) const;
  double true_p() const { return true_p(s_.bf); }
  double projected_p(int t) const;  // after the scheduled events of month t + 1
  double cost_of(int actor) const;
  double side_cost(int side) const;
  Reservation reservation();  // step 4
  void war_values(int a, double p, std::vector<double>& out);
  bool hurts(int a, double p, int side);
  double audience(int a) const;
  void victory_package_into(int side, std::vector<double>& omega) const;

  // --- bargain.cpp -----------------------------------------------------------
  int choose_mediator(int t, std::vector<double>& bias, double& activity) const;  // step 5
  Bargain bargain(int t, const Reservation& res, int mediator,
                  const std::vector<double>& bias);  // steps 6-7
  std::vector<double> propose(int t, const Bargain& b, const Reservation& res, int mediator,
                              const std::vector<double>& bias);
  std::vector<double> anneal(int t, const Bargain& b, const Mediator& med);
  bool accept(const std::vector<double>& text, const Reservation& res, int mediator);
  void truncate(int v, const std::vector<double>& text);
  void agree(const std::vector<double>& text, Bargain& b);
  void record_blockers(const Bargain& b, const Reservation& res, RunOutcome& out) const;
  double formulate(std::vector<double>& omega, const std::vector<int>& items,
                   const std::vector<double>& r, const std::vector<double>& wv,
                   const std::vector<double>& bias, bool nash, bool divisible = false) const;
  double surplus(int v, const std::vector<double>& omega, const std::vector<double>& r,
                 const std::vector<double>& wv) const;
  double worst(const std::vector<double>& omega, const std::vector<double>& r,
               const std::vector<double>& wv) const;
  double log_hazard(const std::vector<double>& omega) const;
  double hazard_of(const std::vector<double>& omega) const;
  bool harvest(int j, const std::vector<double>& bias);
  int cheapest_issue(int v, double gap, const std::vector<int>& items,
                     const std::vector<double>& omega) const;
  std::vector<double> table_package(const std::vector<double>& forecast) const;
  std::vector<int> open_items() const;
  void void_provisional(bool including_implemented);
  std::vector<double> spatial_step(int t, bool move);

  // --- regime.cpp ------------------------------------------------------------
  Cause diagnose(int t, const Reservation& res, const Bargain& b) const;
  bool commitment_problem(int t, const Reservation& res) const;
  void transition(int t, double shock, double med_activity, const Bargain& b,
                  const Reservation& res);  // step 8

  const Conflict& c_;
  const Options& o_;
  const Model* spatial_;
  const Params& spatial_params_;
  int horizon_;
  std::uint64_t seed_, ens_, draw_;
  int n_, m_;
  State s_;
  std::vector<char> enabled_;
  std::vector<double> sq_;  // status quo per issue of this war's inputs
  double harvest_pow_ = 1;  // harvest_factor ^ harvests
  mutable std::vector<double> base_scratch_;
  std::vector<double> last_forecast_;  // spatial forecast, valid while !positions_moved_
  std::vector<double> last_de_facto_;
  bool positions_moved_ = true;
  std::vector<double> beta_issue_;  // hazard covariate coefficient per issue
  std::vector<double> victory_[2];  // victory packages of the current period
  std::vector<double> flow_, values_, scratch_;
};

}  // namespace parley::war
