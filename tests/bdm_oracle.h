// The expected-utility challenge model written the slow, obvious way: every
// sum of docs/models/bdm.md sections 3-9 as a loop over
// voters, O(n^3) per round (O(n^4) for the allpairs_risk denominator is
// avoided by computing it once per pass: O(n^3)).  Tests compare the fast
// engine in src/models/bdm_core.cpp against it.  Shares nothing with the
// engine except the Settings and Actors types.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "models/bdm.h"

namespace parley::bdm::oracle {

struct Pass {
  int n = 0;
  double median = 0;
  std::vector<double> risk, security;
  std::vector<double> p, eu, eu_other;  // [i * n + j]
};

struct Round {
  Pass first, second;
  std::vector<double> positions;  // after the round
  std::vector<int> partner;       // -1 = no move
};

inline double oracle_median(const Actors& a) {
  // Condorcet winner by brute force: the candidate beating or tying every
  // other with risk-neutral c*s votes; the lowest such (median_tie = lower).
  const int n = a.size();
  std::vector<double> cand = a.x;
  std::sort(cand.begin(), cand.end());
  double scale = 0;
  for (int k = 0; k < n; ++k) scale += a.c[k] * a.s[k] * (std::abs(a.x[k]) + 1);
  for (double j : cand) {
    bool wins = true;
    for (double l : cand) {
      double v = 0;
      for (int k = 0; k < n; ++k)
        v += a.c[k] * a.s[k] * (std::abs(a.x[k] - l) - std::abs(a.x[k] - j));
      if (v < -1e-12 * scale) wins = false;
    }
    if (wins) return j;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

inline Pass oracle_pass(const Actors& a, double R, const Settings& st,
                        const std::vector<double>& r) {
  const int n = a.size();
  Pass pass;
  pass.n = n;
  pass.risk = r;
  pass.median = oracle_median(a);
  const double mu = pass.median;
  auto same = [&](int i, int j) { return std::abs(a.x[i] - a.x[j]) <= 1e-12 * R; };
  // t[k][y] = w_k (|x_k - x_y| / R)^{r_k}: voter k's weighted loss at actor y.
  std::vector<double> t(n * n);
  for (int k = 0; k < n; ++k)
    for (int y = 0; y < n; ++y)
      t[k * n + y] = a.c[k] * a.s[k] * std::pow(std::abs(a.x[k] - a.x[y]) / R, r[k]);
  double all_pairs = 0;
  if (st.prob_formula == ProbFormula::allpairs_risk)
    for (int k = 0; k < n; ++k)
      for (int x = 0; x < n; ++x)
        for (int y = 0; y < n; ++y) all_pairs += std::abs(t[k * n + y] - t[k * n + x]);
  auto prob_of = [&](int i, int j) {
    if (same(i, j)) return 0.0;
    if (st.prob_formula == ProbFormula::allpairs_risk) {
      double num = 0;
      for (int k = 0; k < n; ++k) num += std::max(0.0, t[k * n + j] - t[k * n + i]);
      return all_pairs > 0 ? num / all_pairs : 0.0;
    }
    // Extended precision: the margin of a voter far from two close actors is
    // a difference of two large distances, which double would round.
    long double pos = 0, net = 0, abs_sum = 0;
    for (int k = 0; k < n; ++k) {
      const long double xk = a.x[k];
      const long double ak = std::fabs(xk - a.x[j]) - std::fabs(xk - a.x[i]);
      const long double w = a.c[k] * a.s[k];
      if (ak > 0) pos += w * ak;
      net += w * ak;
      abs_sum += w * std::abs(ak);
    }
    if (abs_sum <= 0) return 0.0;
    return static_cast<double>(
        st.prob_formula == ProbFormula::eq31 ? pos / abs_sum : std::max(net, 0.0L) / abs_sum);
  };
  std::vector<double> p_table(n * n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) p_table[i * n + j] = i == j ? 0.0 : prob_of(i, j);
  auto prob = [&](int i, int j) { return p_table[i * n + j]; };
  auto U = [](double z, double rr) { return 2 - 4 * std::pow(z, rr); };
  // E(U_ij): challenger i, target j resisting with probability `resist`.
  auto eu = [&](int i, int j, double rr, double resist) {
    if (same(i, j)) return 0.0;
    const double d = std::abs(a.x[i] - a.x[j]) / R, dm = std::abs(a.x[i] - mu) / R;
    const double P = prob(i, j);
    const double Us = U(0.5 - 0.5 * d, rr), Uf = U(0.5 + 0.5 * d, rr), Usq = U(0.5, rr);
    const double Ub = U(std::max(0.0, 0.5 - 0.25 * (dm + d)), rr),
                 Uw = U(0.5 + 0.25 * (dm + d), rr);
    double T = st.t_rule == TRule::one ? 1 : 0;
    if (st.t_rule == TRule::closer_median)
      T = std::abs(a.x[i] - mu) < std::abs(a.x[i] - a.x[j]) ? 1 : 0;
    return resist * (P * Us + (1 - P) * Uf) + (1 - resist) * Us - st.q * Usq -
           (1 - st.q) * (T * Ub + (1 - T) * Uw);
  };
  pass.p.assign(n * n, 0);
  pass.eu.assign(n * n, 0);
  pass.eu_other.assign(n * n, 0);
  pass.security.assign(n, 0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      if (i == j) continue;
      pass.p[i * n + j] = prob(i, j);
      pass.eu[i * n + j] = eu(i, j, r[i], a.s[j]);
      const double rb = st.perspective == Perspective::own ? r[j] : r[i];
      const double resist = st.mirror_salience == MirrorSalience::responder ? a.s[i] : a.s[j];
      pass.eu_other[i * n + j] = eu(j, i, rb, resist);
      pass.security[i] += eu(j, i, 1.0, a.s[i]);  // meaningful in the first pass
    }
  return pass;
}

inline Round oracle_round(const Actors& a, double R, const Settings& st) {
  const int n = a.size();
  Round round;
  round.first = oracle_pass(a, R, st, std::vector<double>(n, 1.0));
  const auto& sec = round.first.security;
  const double hi = *std::max_element(sec.begin(), sec.end());
  const double lo = *std::min_element(sec.begin(), sec.end());
  std::vector<double> r(n, 1.0);
  if (hi - lo >= 1e-12)
    for (int i = 0; i < n; ++i) {
      const double Ri = (2 * sec[i] - hi - lo) / (hi - lo);
      r[i] = (1 - Ri / 3) / (1 + Ri / 3);
    }
  round.second = oracle_pass(a, R, st, r);
  round.positions = a.x;
  round.partner.assign(n, -1);
  const double tol = 1e-12 * R;
  for (int i = 0; i < n; ++i) {
    // Best offer per rule; "better" comparisons strict so the lowest j wins ties.
    int best_conf = -1, best_comp = -1, best_cap = -1, best_enf = -1, best_key = -1;
    double conf_move = 0, comp_move = 0, cap_move = 0, enf_move = 0, enf_b = 0, key_best = 0;
    double conf_x = 0, comp_x = 0, cap_x = 0, enf_x = 0, key_x = 0;
    double top_b = -std::numeric_limits<double>::infinity();
    struct O {
      int j;
      double b, x, move;
    };
    std::vector<O> all;
    for (int j = 0; j < n; ++j) {
      if (j == i || std::abs(a.x[i] - a.x[j]) <= tol) continue;
      const double A = round.second.eu[i * n + j], B = round.second.eu_other[i * n + j];
      const double xi = a.x[i], xj = a.x[j];
      // Section 8's strict inequalities, with EU values closer than 1e-12
      // relative to the larger taken as equal: a symmetric dyad must not
      // make an offer on the rounding of its last bits.
      auto above = [](double x, double y) {
        return x > y + 1e-12 * std::max(std::abs(x), std::abs(y));
      };
      if (above(B, A) && above(A, 0) && above(B, 0)) {
        if (st.conflict_rule == ConflictRule::no_move) continue;
        const double mv = std::abs(xj - xi);
        if (best_conf < 0 || mv < conf_move - tol) best_conf = j, conf_move = mv, conf_x = xj;
        all.push_back({j, B, xj, mv});
      } else if (above(0, A) && above(B, 0)) {
        if (above(std::abs(B), std::abs(A))) {
          const double nx =
              st.compromise_rule == CompromiseRule::eq35_36
                  ? xi - (xi - xj) * std::abs(A / B)
                  : (std::abs(A) * xi + std::abs(B) * xj) / (std::abs(A) + std::abs(B));
          const double mv = std::abs(nx - xi);
          if (best_comp < 0 || mv < comp_move - tol) best_comp = j, comp_move = mv, comp_x = nx;
          const double key = (std::abs(A) * xi + std::abs(B) * xj) / (std::abs(A) + std::abs(B));
          if (best_key < 0 || key < key_best - tol) best_key = j, key_best = key, key_x = nx;
          all.push_back({j, B, nx, mv});
        } else if (st.selection != Selection::jmckib) {
          const double mv = std::abs(xj - xi);
          if (best_cap < 0 || mv < cap_move - tol) best_cap = j, cap_move = mv, cap_x = xj;
          all.push_back({j, B, xj, mv});
        }
      }
    }
    for (const auto& o : all) top_b = std::max(top_b, o.b);
    for (const auto& o : all)
      if (o.b >= top_b - 1e-12 && (best_enf < 0 || o.move < enf_move - tol))
        best_enf = o.j, enf_move = o.move, enf_x = o.x, enf_b = o.b;
    (void)enf_b;
    int pick = -1;
    double nx = a.x[i];
    switch (st.selection) {
      case Selection::priority_least_move:
        if (best_conf >= 0)
          pick = best_conf, nx = conf_x;
        else if (best_comp >= 0)
          pick = best_comp, nx = comp_x;
        else if (best_cap >= 0)
          pick = best_cap, nx = cap_x;
        break;
      case Selection::enforceability_least_move:
        if (best_enf >= 0) pick = best_enf, nx = enf_x;
        break;
      case Selection::jmckib:
        if (best_conf >= 0)
          pick = best_conf, nx = conf_x;
        else if (best_key >= 0)
          pick = best_key, nx = key_x;
        break;
    }
    round.partner[i] = pick;
    round.positions[i] = nx;
  }
  return round;
}

}  // namespace parley::bdm::oracle
