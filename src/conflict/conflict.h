// The war-termination layer's inputs: the `conflict` and `agenda` sections of
// a scenario (docs/models/war.md), parsed from parley::Node trees and checked
// against the scenario's actors and issues.
//
// Errors are parley::Error at the offending node's line and column.  Numbers
// written as distributions ({tri: ...}, parley/section_inputs.h) take the
// value the instance realised for them (Instance::section_values), else
// their nominal value.
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

// Audience cost of agreeing (docs/models/war.md, "Reservation values"): a
// public red line makes any deal cost `cost` per-period utility while it
// holds; each month after the first it lapses with probability 1 - `decay`
// (memoryless), so its expected size is cost decay^(t-1).
struct Audience {
  double cost = 0;
  double decay = 1;
};

// How a mediator turns the table into a text (docs/models/war.md, "Mediators").
enum class MediatorStyle : unsigned char { formulator, annealing, leverage };

struct Mediator {
  int actor = -1;
  double bias = 0;  // -1..1: > 0 favours side A, < 0 side B (Kydd 2003)
  MediatorStyle style = MediatorStyle::formulator;
  double temperature = 0.1;  // annealing: T0, per-period utility
  double cooling = 0.9;      // annealing: T(t) = T0 cooling^(months worked on the text)
  double leverage = 0.02;    // leverage: most it adds to one veto player's deal, per-period utility
  double budget = 0.2;       // leverage: total it can spend in a war, per-period utility
};

struct HazardCovariate {
  int issue = -1;
  double beta = 0;  // log-hazard per unit of the agreed term on [0, 1] of the issue scale
};

struct RegimeCoefficients {  // docs/models/war.md "Regimes"; intercepts are fitted
  double a_b = -4, b_b = 2, c_b = 3;
  double a_r = -3, b_r = 4, c_r = 0.3;
  double a_t = -2, b_t = 2, c_t = 1, d_t = 0.2;
  double a_k = -4, b_k = 2, c_k = 1;
  double eps_prog = 0.01;
  int peace_after = 24;  // H_peace
  // Ripeness (mutually hurting stalemate): horizon h, eps, tau.
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
  // Agenda (docs/models/war.md, "The agenda section").
  std::vector<Phase> phases;
  bool naueia = true;
  bool fill_expected = true;  // fill unresolved issues with the spatial forecast (else de facto)
  std::vector<char> indivisible;   // per issue: only its ends and the veto players' ideals
  std::vector<double> status_quo;  // per issue, on the issue scale

  std::string month_label(int period) const;  // "2026-02"
  int side_of(int actor) const;               // 0 = A, 1 = B, -1 = neither
};

// Values used where the scenario's `conflict` section is silent.  The war
// model fills them from its parameters (the ones fitted on the case library).
struct Defaults {
  RegimeCoefficients regime;
  double hazard_h0 = 0.02;
  double audience_decay = 1;
  double discount = 0.99;  // monthly discount factor where `conflict.discount` is silent
};

// Parses scenario.section("conflict") and ("agenda") for the actors and issues
// of `instance`.  Throws parley::Error at the offending node.  When the
// scenario has no conflict section, throws naming the scenario.
Conflict parse_conflict(const Scenario& scenario, const Instance& instance,
                        const Defaults& defaults = {});

}  // namespace parley::war
