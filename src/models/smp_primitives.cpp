// KTAB-compatible Spatial Model of Politics (docs/models/smp.md; sections cited by number):
// the primitives (spec 2), risk attitudes (3) and challenge estimates (4.1).
// The turns and the whole run are in smp_engine.cpp, the parley::Model in
// smp.cpp.  Complexities are stated per function.
#include <algorithm>
#include <cmath>
#include <limits>

#include "models/smp.h"
#include "models/smp_internal.h"
#include "parley/error.h"
#include "scenario/parallel.h"

namespace parley::smp {

using namespace detail;

// ---- primitives ----------------------------------------------------------

double utility(double d, double r) { return d <= 1 ? (1 - d) * (1 + d * r) : (1 - d) * (1 + r); }

double vote(VotingRule rule, double w, double ua, double ub) {
  const double d = ua - ub;
  switch (rule) {
    case VotingRule::binary:
      return w * clip_sign(d);
    case VotingRule::prop_bin:
      return w * (0.8 * d + 0.2 * clip_sign(d));
    case VotingRule::prop:
      return w * d;
    case VotingRule::prop_cbc:
      return w * (0.5 * d + 0.5 * d * d * d);
    case VotingRule::cubic:
      return w * d * d * d;
    case VotingRule::asym_prosp:
      if (d < 0) return w * d;
      if (d > 0) return (2.0 / 3.0) * w * d;
      return 0.0;
  }
  return 0.0;
}

std::pair<double, double> victory(VictoryProbModel vpm, double cab, double cba) {
  auto ratio = [](double a, double b) { return std::pair{a / (a + b), b / (a + b)}; };
  switch (vpm) {
    case VictoryProbModel::linear:
      return ratio(cab, cba);
    case VictoryProbModel::square:
      return ratio(cab * cab, cba * cba);
    case VictoryProbModel::quartic:
      return ratio(std::pow(cab, 4), std::pow(cba, 4));
    case VictoryProbModel::octic:
      return ratio(std::pow(cab, 8), std::pow(cba, 8));
    case VictoryProbModel::binary: {
      double x1 = 0, x2 = 0;
      if (cab >= 1.1 * cba) {
        x1 = 1, x2 = 1e-6;
      } else if (cba >= 1.1 * cab) {
        x1 = 1e-6, x2 = 1;
      } else {
        const double r = cab / (cab + cba);
        x1 = (2.1 * r - 1) / 0.1;
        x2 = 1 - x1;
      }
      return ratio(x1, x2);
    }
  }
  return ratio(cab, cba);
}

Pce scalar_pce(const std::vector<double>& w, const std::vector<double>& u, int n, int m,
               VotingRule rule, VictoryProbModel vpm, PceModel model, int markov_max_iter) {
  const auto mm = static_cast<size_t>(m);
  // Coalition strengths C(a:b) (2.4): O(n m^2).  Every rule except
  // ASymProsp is antisymmetric (v(b, a) = -v(a, b)), so one pass per pair
  // fills both directions.
  std::vector<double> c(mm * mm, kElectionFloor);
  const bool symmetric = rule != VotingRule::asym_prosp;
  for (int a = 0; a < m; ++a) {
    const double* ua = &u[static_cast<size_t>(a) * n];
    for (int b = symmetric ? a + 1 : 0; b < m; ++b) {
      if (a == b) continue;
      const double* ub = &u[static_cast<size_t>(b) * n];
      double cab = kElectionFloor, cba = kElectionFloor;
      if (rule == VotingRule::prop) {
        for (int k = 0; k < n; ++k) {  // O(n), the hot loop of every election
          const double v = w[k] * (ua[k] - ub[k]);
          cab += v > 0 ? v : 0.0;
          cba += v < 0 ? -v : 0.0;
        }
      } else {
        for (int k = 0; k < n; ++k) {
          const double v = vote(rule, w[k], ua[k], ub[k]);
          cab += std::max(v, 0.0);
          cba += std::max(-v, 0.0);
        }
      }
      c[a * mm + b] = cab;
      if (symmetric) c[b * mm + a] = cba;
    }
  }
  // Victory probabilities V(a, b) (2.5): O(m^2).
  std::vector<double> v(mm * mm, 0.5);
  for (int a = 0; a < m; ++a)
    for (int b = a + 1; b < m; ++b) {
      auto [vab, vba] = victory(vpm, c[a * mm + b], c[b * mm + a]);
      v[a * mm + b] = vab;
      v[b * mm + a] = vba;
    }

  Pce out;
  out.p.assign(mm, 1.0 / m);
  switch (model) {
    case PceModel::conditional: {
      // P_a = prod_b V(a, b), normalised; in logs when the products would
      // underflow (large m).  O(m^2).
      std::vector<double> prod(mm, 1.0);
      double smallest = 1.0;
      for (int a = 0; a < m; ++a) {
        for (int b = 0; b < m; ++b) prod[a] *= v[a * mm + b];
        smallest = std::min(smallest, prod[a]);
      }
      if (smallest < 1e-250) {
        double top = -std::numeric_limits<double>::infinity();
        for (int a = 0; a < m; ++a) {
          double lg = 0;
          for (int b = 0; b < m; ++b) lg += std::log(v[a * mm + b]);
          prod[a] = lg;
          top = std::max(top, lg);
        }
        for (auto& x : prod) x = std::exp(x - top);
      }
      double sum = 0;
      for (double x : prod) sum += x;
      for (int a = 0; a < m; ++a) out.p[a] = prod[a] / sum;
      break;
    }
    case PceModel::markov_incentive:
    case PceModel::markov_uniform: {
      const bool incentive = model == PceModel::markov_incentive;
      std::vector<double> chal;
      if (incentive) {
        // chal(a, b) = n(a, b) / sum_a' n(a', b), n(a, b) = C(a:b) V(a, b).
        chal.assign(mm * mm, 0.0);
        for (int b = 0; b < m; ++b) {
          double col = 0;
          for (int a = 0; a < m; ++a) {
            double x = c[a * mm + b] * v[a * mm + b] + (a == b ? 1e-10 : 0.0);
            chal[a * mm + b] = x;
            col += x;
          }
          for (int a = 0; a < m; ++a) chal[a * mm + b] /= col;
        }
      }
      const double tol = incentive ? 1e-8 : 1e-6;
      std::vector<double> q(mm);
      auto& p = out.p;
      out.converged = false;
      for (int iter = 0; iter < markov_max_iter; ++iter) {  // O(m^2) per iteration
        double change = 0;
        for (int a = 0; a < m; ++a) {
          double qa = 0;
          for (int b = 0; b < m; ++b) {
            const double vab = v[a * mm + b];
            qa += incentive ? vab * (p[a] * chal[b * mm + a] + p[b] * chal[a * mm + b])
                            : vab * (p[a] + p[b]);
          }
          q[a] = incentive ? qa : qa / m;
          change = std::max(change, std::abs(q[a] - p[a]));
        }
        for (int a = 0; a < m; ++a) p[a] = (p[a] + q[a]) / 2;
        if (change <= tol) {
          out.converged = true;
          break;
        }
      }
      break;
    }
  }
  return out;
}

double perceived_r(BigRAdjust adjust, double rh, double ri) {
  switch (adjust) {
    case BigRAdjust::none:
      return rh;
    case BigRAdjust::one_third:
      return (2 * rh + ri) / 3;
    case BigRAdjust::half:
      return (rh + ri) / 2;
    case BigRAdjust::two_thirds:
      return (rh + 2 * ri) / 3;
    case BigRAdjust::full:
      return ri;
  }
  return rh;
}

double state_distance(const State& a, const State& b, int n, int d) {
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    double sq = 0;
    for (int k = 0; k < d; ++k) {
      const double x = a.position[i * d + k] - b.position[i * d + k];
      sq += x * x;
    }
    sum += std::sqrt(sq);
  }
  return sum;
}

// ---- section 3: risk attitudes -------------------------------------------

RiskView risk_view(const Problem& pb, const State& st, const Config& cfg) {
  const int n = pb.n;
  const auto nn = static_cast<size_t>(n);
  RiskView view;
  view.n = n;
  view.dist.resize(nn * nn);
  view.dist_t.resize(nn * nn);
  // O(N^2 D)
  parallel_for(n, cfg.threads, [&](int i) {
    for (int j = 0; j < n; ++j)
      // <= 1 in exact arithmetic; clipped so that round-off cannot exceed it.
      view.dist[i * nn + j] =
          std::min(1.0, distance_from(pb, &st.ideal[i * pb.d], i, &st.position[j * pb.d]));
  });
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) view.dist_t[j * nn + i] = view.dist[i * nn + j];

  // Risk-neutral election over all positions, capability weights (3.3).
  std::vector<double> u0(nn * nn);
  for (size_t x = 0; x < nn * nn; ++x) u0[x] = utility(view.dist_t[x], 0.0);
  Pce pce = scalar_pce(pb.capability, u0, n, n, cfg.voting, cfg.vpm, cfg.pce, cfg.markov_max_iter);
  view.pce_converged = pce.converged;
  view.p = std::move(pce.p);

  // Linear map of p to R (3.4).
  const auto [lo, hi] = std::minmax_element(view.p.begin(), view.p.end());
  const double pmin = *lo, pmax = *hi;
  view.r.assign(nn, 0.0);
  if (pmax > pmin) {
    for (int i = 0; i < n; ++i) {
      const double pi = view.p[i];
      switch (cfg.big_r_range) {
        case BigRRange::min:
          view.r[i] = (pi - pmin) / (pmax - pmin);
          break;
        case BigRRange::mid:
          view.r[i] = (3 * pi - pmax - 2 * pmin) / (2 * (pmax - pmin));
          break;
        case BigRRange::max:
          view.r[i] = (2 * pi - pmax - pmin) / (pmax - pmin);
          break;
      }
    }
  }
  // KTAB aborts when risk has no effect (Frobenius norm of the difference
  // between risk-aware and risk-neutral utilities below 1e-6); we stop.
  double frob = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const double dij = view.dist[i * nn + j];
      const double x = utility(dij, view.r[i]) - utility(dij, 0.0);
      frob += x * x;
    }
  view.degenerate = std::sqrt(frob) < 1e-6;
  return view;
}

// ---- section 4.1: challenge estimates ------------------------------------

namespace {

// vote() with the rule fixed at compile time, so that hot loops have no
// branches (2.3).
template <VotingRule Rule>
inline double vote_as(double w, double ua, double ub) {
  const double d = ua - ub;
  if constexpr (Rule == VotingRule::prop) {
    return w * d;
  } else if constexpr (Rule == VotingRule::prop_cbc) {
    return w * (0.5 * d + 0.5 * d * d * d);
  } else if constexpr (Rule == VotingRule::cubic) {
    return w * d * d * d;
  } else {
    return vote(Rule, w, ua, ub);
  }
}

// max(x, 0) in arithmetic form (bitwise equal for finite x), which the
// compiler can vectorise where a comparison would block it.
inline double positive(double x) { return 0.5 * (x + std::abs(x)); }

// Third-party sum of 4.1 for a fixed rule and commitment.  O(N).  Pass 1
// computes every third party's vote (no loop-carried dependence, so the
// compiler vectorises it); pass 2 adds them up in index order, as KTAB does.
// The principals' slots are zeroed, which leaves the sums unchanged.
// An AVX2 clone is selected at load time where the CPU has it; it performs
// the same IEEE operations (no FMA), so results do not depend on the clone.
// clang does not multiversion function templates: it builds the default only.
// Nor under ThreadSanitizer: the clone resolver runs while the program is
// being relocated, before the sanitizer's runtime exists, and would crash.
#if defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_THREAD__)
#define PARLEY_AVX2_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define PARLEY_AVX2_CLONES
#endif
template <VotingRule Rule, ThirdPartyCommit Commit, bool Separate>
PARLEY_AVX2_CLONES void third_parties(const Problem& pb, const RiskView& view, const double* rh,
                                      const double* wsc, const double* unn, int i, int j,
                                      double c0ij, double c0ji, double& cij, double& cji,
                                      double& votes, double* vbuf) {
  const int n = pb.n;
  const double* dni = &view.dist_t[static_cast<size_t>(i) * n];
  const double* dnj = &view.dist_t[static_cast<size_t>(j) * n];
  for (int m = 0; m < n; ++m) {
    const double w = wsc[m];
    // utility() without its branch: distances in RiskView are <= 1.
    const double di = dni[m], dj = dnj[m];
    const double uni = (1 - di) * (1 + di * rh[m]);
    const double unj = (1 - dj) * (1 + dj * rh[m]);
    const double uself = unn[m];
    double eui = 0, euj = 0;
    if constexpr (Commit == ThirdPartyCommit::semi_commit) {
      const double v0 = vote_as<Rule>(w, uni, unj);
      const double ci = c0ij + positive(v0), cj = c0ji + positive(-v0);
      const double p = ci / (ci + cj);
      eui = p * (2 * uni + uself) + (1 - p) * 3 * unj;
      euj = p * 3 * uni + (1 - p) * (2 * unj + uself);
    } else {
      double pi = 0, pj = 0;
      if constexpr (Separate) {
        // parley's correction (11.1): n's support changes the odds.
        pi = (c0ij + w) / (c0ij + c0ji + w);
        pj = c0ij / (c0ij + c0ji + w);
      } else {
        const double v0 = vote_as<Rule>(w, uni, unj);
        const double ci = c0ij + positive(v0), cj = c0ji + positive(-v0);
        pi = pj = ci / (ci + cj);
      }
      if constexpr (Commit == ThirdPartyCommit::no_commit) {
        eui = pi * (2 * uni + uself) + (1 - pi) * (2 * unj + uself);
        euj = pj * (2 * uni + uself) + (1 - pj) * (2 * unj + uself);
      } else {
        eui = pi * 3 * uni + (1 - pi) * 3 * unj;
        euj = pj * 3 * uni + (1 - pj) * 3 * unj;
      }
    }
    vbuf[m] = vote_as<Rule>(w, eui, euj);
  }
  vbuf[i] = 0.0;
  vbuf[j] = 0.0;
  for (int m = 0; m < n; ++m) {
    const double v = vbuf[m];
    cij += std::max(v, 0.0);
    cji += std::max(-v, 0.0);
    votes += std::abs(v);
  }
}

template <VotingRule Rule>
ThirdPartyFn pick_commit(ThirdPartyCommit commit, bool separate) {
  switch (commit) {
    case ThirdPartyCommit::semi_commit:
      return &third_parties<Rule, ThirdPartyCommit::semi_commit, false>;
    case ThirdPartyCommit::no_commit:
      return separate ? &third_parties<Rule, ThirdPartyCommit::no_commit, true>
                      : &third_parties<Rule, ThirdPartyCommit::no_commit, false>;
    case ThirdPartyCommit::full_commit:
      return separate ? &third_parties<Rule, ThirdPartyCommit::full_commit, true>
                      : &third_parties<Rule, ThirdPartyCommit::full_commit, false>;
  }
  return nullptr;
}

}  // namespace

namespace detail {

ThirdPartyFn pick_third_parties(const Config& cfg) {
  const bool sep = cfg.third_party_separate;
  switch (cfg.voting) {
    case VotingRule::binary:
      return pick_commit<VotingRule::binary>(cfg.commit, sep);
    case VotingRule::prop_bin:
      return pick_commit<VotingRule::prop_bin>(cfg.commit, sep);
    case VotingRule::prop:
      return pick_commit<VotingRule::prop>(cfg.commit, sep);
    case VotingRule::prop_cbc:
      return pick_commit<VotingRule::prop_cbc>(cfg.commit, sep);
    case VotingRule::cubic:
      return pick_commit<VotingRule::cubic>(cfg.commit, sep);
    case VotingRule::asym_prosp:
      return pick_commit<VotingRule::asym_prosp>(cfg.commit, sep);
  }
  return nullptr;
}

Perspective perspective(const Problem& pb, const RiskView& view, const Config& cfg, int h) {
  Perspective ps;
  ps.h = h;
  ps.rh.resize(pb.n);
  ps.unn.resize(pb.n);
  for (int m = 0; m < pb.n; ++m) {
    ps.rh[m] = perceived_r(cfg.big_r_adjust, view.r[h], view.r[m]);
    ps.unn[m] = utility(view.dist[static_cast<size_t>(m) * pb.n + m], ps.rh[m]);
  }
  ps.scratch.resize(pb.n);
  return ps;
}

Estimate estimate_with(const Problem& pb, const RiskView& view, const Config& cfg,
                       const Perspective& ps, const std::vector<double>& wsc, ThirdPartyFn fn,
                       int k, int i, int j) {
  const auto n = static_cast<size_t>(pb.n);
  auto U = [&](int a, int b) { return utility(view.dist[a * n + b], ps.rh[a]); };
  const double vi = vote(cfg.voting, wsc[i], U(i, i), U(i, j));
  const double vj = vote(cfg.voting, wsc[j], U(j, i), U(j, j));
  const double c0ij = kChallengeFloor + std::max(vi, 0.0) + std::max(vj, 0.0);
  const double c0ji = kChallengeFloor + std::max(-vi, 0.0) + std::max(-vj, 0.0);
  double cij = c0ij, cji = c0ji;
  Estimate e;
  fn(pb, view, ps.rh.data(), wsc.data(), ps.unn.data(), i, j, c0ij, c0ji, cij, cji,
     e.third_party_votes, ps.scratch.data());
  e.p = cfg.challenge_vpm ? victory(cfg.vpm, cij, cji).first : cij / (cij + cji);
  const double uki = U(k, i), ukj = U(k, j);
  const double eu_sq = uki + ukj;
  const double eu_v = 2 * uki;
  const double eu_c = e.p * 2 * uki + (1 - e.p) * 2 * ukj;
  const double sj = total_salience(pb, j);
  const double eu_chlg = (1 - sj) * eu_v + sj * eu_c;
  e.deu = eu_chlg - eu_sq;
  return e;
}

std::vector<double> challenge_weights(const Problem& pb) {
  std::vector<double> w(pb.n);
  for (int m = 0; m < pb.n; ++m) w[m] = total_salience(pb, m) * pb.capability[m];
  return w;
}

}  // namespace detail

Estimate estimate(const Problem& pb, const RiskView& view, const Config& cfg, int h, int k, int i,
                  int j) {
  const Perspective ps = perspective(pb, view, cfg, h);
  return estimate_with(pb, view, cfg, ps, challenge_weights(pb), pick_third_parties(cfg), k, i, j);
}

}  // namespace parley::smp
