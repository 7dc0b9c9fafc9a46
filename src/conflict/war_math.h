// Closed forms and small solvers of the bargaining-model-of-war literature
// (docs/models/war.md, "Closed forms").  Pure functions
// on numbers; the simulator (simulator.h) and the tests use them.
//
// Thread-safety: stateless functions.
#pragma once

#include <span>
#include <utility>
#include <vector>

namespace parley::war {

// --- Contest success functions (Tullock 1980; Hirshleifer 1989) -----------

// Ratio (Tullock) form: (qa ma)^g / ((qa ma)^g + (qb mb)^g).  Strengths > 0.
double ratio_csf(double strength_a, double strength_b, double decisiveness);
// Logistic form: 1 / (1 + exp(-k (ma - mb))).
double logistic_csf(double strength_a, double strength_b, double k);

// Lanchester square law (aimed fire): dR/dt = -beta B, dB/dt = -alpha R.
// The invariant alpha R^2 - beta B^2 decides the winner (> 0: R); the
// winner's survivors follow from it.
struct Lanchester {
  double invariant = 0;
  bool red_wins = false;
  double survivors = 0;
};
Lanchester lanchester_square(double alpha, double beta, double red0, double blue0);

// --- Fearon (1995) ---------------------------------------------------------

// Bargaining range [p - cA, p + cB] of the risk-neutral static model.
std::pair<double, double> fearon_range(double p, double cost_a, double cost_b);
// Risk-return trade-off with B's cost private, uniform on [0, cbar]:
// A's optimal demand x* and the probability of war.
struct RiskReturn {
  double demand = 0, p_war = 0;
};
RiskReturn fearon_uniform_cost(double p, double cost_a, double cbar);

// Powell commitment inequality: true when no peace is self-enforcing at t,
// delta (p_t - p_next) > (1 - delta)(1 - p_t + c_D).
bool powell_no_self_enforcing_peace(double delta, double cost_declining, double p_now,
                                    double p_next);

// --- Powell (2004) ---------------------------------------------------------

// Value of pure fighting to a player that wins each round with p_self, loses
// with p_other, pays `cost` per round: (delta p_self - cost) / (1 - delta q).
double powell_war_value(double p_self, double p_other, double cost, double delta);

struct Screening {
  double war_value_low = 0, offer = 0, eu_screen = 0, eu_pool = 0;
  bool screens = false;
};
// Two-type screening step of Powell (2004) (types c_low < c_high, mu_high).
Screening powell_screening(double p_i, double p_u, double delta, double c_low, double c_high,
                           double c_u, double mu_high);

// --- Random-walk front (Slantchev 2003) -----------------------------------

// Gambler's ruin from k on {0..N}, up-probability p: P(reach N first), E[T].
double hitting_probability(int k, int n, double p);
double expected_duration(int k, int n, double p);

// Solves the tridiagonal system sub[i] x[i-1] + diag[i] x[i] + sup[i] x[i+1]
// = rhs[i] (sub[0] and sup[n-1] ignored) by the Thomas algorithm.  O(n).
// The systems solved here are diagonally dominant, so no pivoting is needed.
void solve_tridiagonal(std::span<const double> sub, std::span<const double> diag,
                       std::span<const double> sup, std::span<double> rhs_to_x);

// Discounted value of fighting on the front chain (Slantchev 2003):
//   V(k) = flow(k) + delta [up V(k+1) + (1 - up - down) V(k) + down V(k-1)],
// k = 1..N-1, with V(0) = at_zero and V(N) = at_top given.  `flow` has N+1
// entries (ends ignored).  Returns V(0..N).  O(N) (Thomas algorithm).
std::vector<double> front_values(std::span<const double> flow, double up, double down, double delta,
                                 double at_zero, double at_top);
// The same without allocation: `values` must have N+1 entries; `scratch`
// at least 3 (N+1).  Hot path of the simulator.
void front_values_into(std::span<const double> flow, double up, double down, double delta,
                       double at_zero, double at_top, std::span<double> values,
                       std::span<double> scratch);

// One period of the random-walk front: with u uniform on (0, 1), moves up
// when u < up, down when up <= u < up + down, else stays.  Ends absorb.
int front_step(int k, int n, double up, double down, double u);

// --- Optimism gap and learning (Wagner 2000; Smith and Stam 2004) --------

struct BetaBelief {
  double alpha = 1, beta = 1;
  double mean() const { return alpha / (alpha + beta); }
  void observe(bool a_won) { (a_won ? alpha : beta) += 1; }
};
// G = phat_A - phat_B - (c_A + c_B): > 0 means no settlement under the beliefs.
double optimism_gap(double phat_a, double phat_b, double cost_sum);

// --- Wars of attrition (Abreu and Gul 2000) --------------------------------

// Stationary concession hazard of i that keeps j indifferent: c_j / V_j.
double attrition_hazard(double cost_other, double prize_other);

struct AbreuGul {
  double lambda1 = 0, lambda2 = 0;  // rational concession rates
  double t1 = 0, t2 = 0, t_star = 0;
  double f1_zero = 0, f2_zero = 0;  // probability of conceding at t = 0
};
// Demands alpha1 + alpha2 > 1, discount rates r1, r2, obstinacy priors z1, z2.
AbreuGul abreu_gul(double alpha1, double alpha2, double r1, double r2, double z1, double z2);

// --- Peace with a breakdown hazard (docs/models/war.md) -------------------

// V^peace = (U + delta h V^war) / (1 - delta + delta h).  Inline: the
// formulator's inner loop calls it.
inline double peace_value(double utility, double war_value, double hazard, double delta) {
  return (utility + delta * hazard * war_value) / (1 - delta + delta * hazard);
}

}  // namespace parley::war
