// Monthly step 8 and the diagnostics: cause tags, regime transitions and the
// ceasefire hazard (docs/models/war.md, "Cause tags" and "Regimes").
#include <algorithm>
#include <cmath>

#include "conflict/run.h"

namespace parley::war {
namespace {

double logistic(double z) { return 1.0 / (1.0 + std::exp(-z)); }

}  // namespace

const char* cause_name(Cause cause) {
  switch (cause) {
    case Cause::none:
      return "none";
    case Cause::commitment:
      return "commitment";
    case Cause::information:
      return "information";
    case Cause::indivisibility:
      return "indivisibility";
    case Cause::audience:
      return "audience";
    case Cause::structural:
      return "structural";
    case Cause::not_fighting:
      return "not_fighting";
  }
  return "?";
}

// Powell's inequality (Fearon 1995, Powell 2006) for each side with the
// battle odds projected after next month's scheduled events:
// delta (p_t - p_{t+1}) > (1 - delta)(1 - p_t + c_D) for the declining side D.
bool Run::commitment_problem(int t, const Reservation& res) const {
  const double next = projected_p(t);
  if (next == res.p) return false;
  return powell_no_self_enforcing_peace(c_.delta, side_cost(0), res.p, next) ||
         powell_no_self_enforcing_peace(c_.delta, side_cost(1), 1 - res.p, 1 - next);
}

// Why no deal was struck this month, tested in order: commitment, then
// private information (a package exists under the truth, or one existed
// under the beliefs but the mediator's text missed it), indivisibility (a
// package would exist if the indivisible items could be split), the red lines
// (one would exist without them), else structural.
Cause Run::diagnose(int t, const Reservation& res, const Bargain& b) const {
  if (!fighting(s_.regime)) return Cause::not_fighting;
  if (commitment_problem(t, res)) return Cause::commitment;
  if (b.accepted) return Cause::none;
  if (b.gap <= 0) return b.proposed ? Cause::information : Cause::none;
  if (b.true_gap <= 0) return Cause::information;
  const std::vector<double> ones(c_.veto.size(), 1);
  bool any_indivisible = false;
  for (int j : b.items) any_indivisible = any_indivisible || c_.indivisible[j];
  std::vector<double> omega = b.table;
  if (any_indivisible && formulate(omega, b.items, res.rt, res.wt, ones, false, true) <= 0)
    return Cause::indivisibility;
  omega = b.table;
  if (formulate(omega, b.items, res.rt_open, res.wt, ones, false) <= 0) return Cause::audience;
  return Cause::structural;
}

// Regime transitions (docs/models/war.md, "Regimes"): one uniform of the
// `regime` stream decides talks (competing risks breakdown, recess); the
// mutually hurting stalemate raises the return to talks from recess and
// breakdown; a ceasefire breaks down with the hazard of the package in force.
void Run::transition(int t, double shock, double med_activity, const Bargain& b,
                     const Reservation& res) {
  bool progress = b.progress;
  if (b.true_gap < s_.last_gap - c_.regime.eps_prog) progress = true;
  s_.stall = progress ? 0 : s_.stall + 1;
  const auto& k = c_.regime;
  const double hurting = res.mutually_hurting ? 1 : 0;
  Stream rs = stream(Subsystem::regime, t);
  const double u = rs.uniform();
  switch (s_.regime) {
    case Regime::talks:
      if (b.ceasefire_now) {
        s_.regime = Regime::ceasefire;
        s_.ceasefire_periods = 0;
      } else {
        const double h_break =
            logistic(k.a_b + k.b_b * shock + k.c_b * std::max(b.true_gap - s_.last_gap, 0.0));
        const double h_rec = logistic(k.a_r + k.b_r * std::max(b.true_gap, 0.0) + k.c_r * s_.stall);
        if (u < h_break) {
          s_.regime = Regime::breakdown;
          void_provisional(false);
        } else if (u < h_break + h_rec) {
          s_.regime = Regime::recess;
          s_.recess_periods = 0;
        }
      }
      break;
    case Regime::recess:
      ++s_.recess_periods;
      if (u < logistic(k.a_t + k.b_t * hurting + k.c_t * med_activity + k.d_t * s_.recess_periods))
        s_.regime = Regime::talks;
      break;
    case Regime::breakdown:
      if (u < logistic(k.a_k + k.b_k * hurting + k.c_k * med_activity)) s_.regime = Regime::talks;
      break;
    case Regime::ceasefire: {
      Stream hs = stream(Subsystem::hazard, t);
      if (hs.uniform() < hazard_of(s_.de_facto)) {
        s_.regime = Regime::breakdown;
        void_provisional(true);
      } else if (++s_.ceasefire_periods >= k.peace_after && s_.all_agreed) {
        s_.regime = Regime::peace;
      }
      break;
    }
    default:
      break;
  }
  s_.last_gap = b.true_gap;
}

}  // namespace parley::war
