// The war-termination layer's inputs: the `conflict` and `agenda` sections of
// a scenario (docs/models/war.md), parsed from parley::Node trees and checked
// against the scenario's actors and issues.
//
// Documentation: docs/models/war.md.
// Errors are parley::Error at the offending node's line and column.
//
// Thread-safety: value types; parse_conflict is a pure function.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "parley/instance.h"
#include "parley/node.h"

namespace parley {
struct Scenario;
}

namespace parley::war {

enum class Regime : unsigned char {
  talks,
  recess,
  breakdown,
  ceasefire,
  peace,
  victory_a,
  victory_b
};
constexpr int regime_count = 7;
const char* regime_name(Regime regime);

struct Member {
  int actor = -1;           // index in the Instance
  double share = 1;         // share of the side's per-period cost (normalised per side)
  double contribution = 1;  // fraction of the actor's capability committed to the fighting
};

struct Side {
  std::string name;
  std::vector<Member> members;  // members[0] leads: its positions are the side's victory terms
};

// Parameters that exogenous events may change; one copy per simulated war.
struct Battlefield {
  std::array<Side, 2> sides;
  std::array<double, 2> cost{0.02, 0.02};  // per-period cost of each side, utility units
  double activity = 1;                     // probability that the front moves in a period
  double decisiveness = 1;                 // gamma of the ratio CSF
  bool logistic = false;                   // logistic CSF instead of the ratio form
  double logistic_k = 0.05;
  std::vector<double> mediator_activity;  // per mediator, 0..1
  double hazard_h0 = 0.02;                // baseline ceasefire breakdown hazard
};

// One change an event makes: `target` names what, `value` the new value (or
// a factor when `multiply`).
struct Change {
  enum class Target { cost, share, contribution, activity, decisiveness, mediator, hazard_h0 };
  Target target = Target::cost;
  int side = 0;   // cost, share, contribution
  int index = 0;  // member index (share, contribution) or mediator index
  double value = 0;
  bool multiply = false;
};

struct Event {
  int at = 1;  // first period it applies (1-based)
  std::string name;
  std::string optional;  // non-empty: applies only when listed in the `what_if` parameter
  std::vector<Change> changes;
  std::optional<Regime> regime;  // forces the regime (talks, recess, breakdown)
};

struct Belief {
  double p = 0.5;     // believed probability that side A wins a battle
  double weight = 0;  // prior strength (Beta alpha + beta); 0 = knows the true p
};

// Audience cost of agreeing (spec 9.1 audience_i(t)): public red lines make
// any deal cost `cost` per-period utility, fading by `decay` each period.
struct Audience {
  double cost = 0;
  double decay = 1;
};

struct Mediator {
  int actor = -1;
  double bias = 0;  // -1..1: > 0 favours side A, < 0 side B (section 11, Kydd)
};

struct HazardCovariate {
  int issue = -1;
  double beta = 0;  // log-hazard per unit of the agreed term on [0, 1] of the issue scale
};

struct RegimeCoefficients {  // section 9.4; placeholders to be calibrated
  double a_b = -4, b_b = 2, c_b = 3;
  double a_r = -3, b_r = 4, c_r = 0.3;
  double a_t = -2, b_t = 2, c_t = 1, d_t = 0.2;
  double a_k = -4, b_k = 2, c_k = 1;
  double eps_prog = 0.01;
  int peace_after = 24;  // H_peace
  // Ripeness (section 14): horizon h, eps, tau.
  int ripe_horizon = 6;
  double ripe_eps = 0.01, ripe_tau = 0.1;
};

struct Phase {
  std::string name;
  std::vector<int> issues;     // all issues of the phase
  std::vector<int> separable;  // the early-harvest subset
  bool ceasefire = false;      // agreeing this phase (with all before it) starts a ceasefire
};

struct Conflict {
  Battlefield initial;
  std::vector<int> veto;  // veto players (instance actor indices)
  int front_issue = -1;   // the territorial issue tied to the front
  int cells = 20;         // N: the front runs over 0..N
  int start_cell = -1;    // k0
  bool victory_all =
      false;  // victory imposes the winner's positions on every issue (else the front issue only)
  double delta = 0.99;                         // per-period discount factor
  int horizon = 36;                            // periods (months)
  int start_year = 2026, start_month = 1;      // label of period 1
  std::vector<std::optional<Belief>> beliefs;  // per actor
  std::vector<Audience> audience;              // per actor
  std::vector<Mediator> mediators;
  RegimeCoefficients regime;
  Regime start_regime = Regime::talks;
  double harvest_factor = 0.9;  // phi_harvest: hazard multiplier per early-harvest item
  std::vector<HazardCovariate> covariates;
  std::vector<Event> events;
  // Agenda (section 12).
  std::vector<Phase> phases;
  bool naueia = true;
  bool fill_expected = true;  // fill unresolved issues with the spatial forecast (else de facto)
  std::vector<double> status_quo;  // per issue, on the issue scale

  std::string month_label(int period) const;  // "2026-02"
  int side_of(int actor) const;               // 0 = A, 1 = B, -1 = neither
};

// Parses scenario.section("conflict") and ("agenda") for the actors and issues
// of `instance`.  Throws parley::Error at the offending node.  When the
// scenario has no conflict section, throws naming the scenario.
Conflict parse_conflict(const Scenario& scenario, const Instance& instance);

}  // namespace parley::war
