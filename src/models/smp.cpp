// KTAB-compatible Spatial Model of Politics (docs/models/smp.md; sections cited by number).
//
// Layout: primitives (spec 2), risk attitudes (3), the four steps of a turn
// (4.1-4.4), the stop rule (4.5), winning probabilities (5), then the
// parley::Model that maps an Instance and Params onto the engine.
//
// Complexity per turn (N actors, D dimensions, m_k = queue length of actor k):
//   distances O(N^2 D); risk PCE O(N^3); step A O(N^3) (N challengers x N
//   targets x N third parties); step B O(N D); step C O(N^2 D + sum_k N m_k^2);
//   winning probabilities O(N U^2) for U unique positions.  No N^4 work: the
//   perceived utility U^h(i, j) is evaluated on the fly from the distance
//   matrix and the perceived risk attitude instead of storing N matrices.
#include "models/smp.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>

#include "models/model_infos.h"
#include "models/spatial.h"
#include "parley/error.h"
#include "parley/random.h"
#include "parley/scenario.h"
#include "scenario/parallel.h"

namespace parley::smp {

namespace {

constexpr double kElectionFloor = 1e-8;    // coalition floor in elections (2.4)
constexpr double kChallengeFloor = 1e-10;  // coalition floor in challenges (4.1)
constexpr double kMinGain = 1e-5;          // minimum significant challenge gain (4.1)
constexpr double kOwnBias = 1e-6;          // bargain own-coordinate bias (4.2)

double clip_sign(double d) { return std::clamp(d / 1e-8, -1.0, 1.0); }

double round4(double y) { return std::floor(0.5 + 1e4 * y) / 1e4; }

// Salience-weighted normalised distance of `y` from actor i's ideal (2.1).
// O(D).
double distance_from(const Problem& pb, const double* ideal, int i, const double* y) {
  double num = 0, den = 0;
  const double* s = &pb.salience[static_cast<size_t>(i) * pb.d];
  for (int k = 0; k < pb.d; ++k) {
    const double ds = (ideal[k] - y[k]) * s[k];
    num += ds * ds;
    den += s[k] * s[k];
  }
  return std::sqrt(num / den);
}

double total_salience(const Problem& pb, int i) {
  double s = 0;
  for (int k = 0; k < pb.d; ++k) s += pb.salience[static_cast<size_t>(i) * pb.d + k];
  return s;
}

}  // namespace

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

using ThirdPartyFn = void (*)(const Problem&, const RiskView&, const double*, const double*,
                              const double*, int, int, double, double, double&, double&, double&,
                              double*);

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

// h's view of the world: perceived risk attitudes, U^h(n, n), weights.  O(N).
struct Perspective {
  int h = 0;
  std::vector<double> rh;               // Rhat^h_n
  std::vector<double> unn;              // U^h(n, n)
  mutable std::vector<double> scratch;  // third-party votes; one Perspective per thread
};

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

}  // namespace

Estimate estimate(const Problem& pb, const RiskView& view, const Config& cfg, int h, int k, int i,
                  int j) {
  const Perspective ps = perspective(pb, view, cfg, h);
  return estimate_with(pb, view, cfg, ps, challenge_weights(pb), pick_third_parties(cfg), k, i, j);
}

// ---- section 4.2: bargains -------------------------------------------------

Bargain interpolate(const Problem& pb, const State& st, InterVecBrgn interp, int i, int j,
                    double p_i) {
  const double p_j = 1 - p_i;
  Bargain b;
  b.initiator = i;
  b.receiver = j;
  b.for_initiator.resize(pb.d);
  b.for_receiver.resize(pb.d);
  for (int k = 0; k < pb.d; ++k) {
    const double xi = st.position[i * pb.d + k], xj = st.position[j * pb.d + k];
    const double si = pb.salience[i * pb.d + k], sj = pb.salience[j * pb.d + k];
    if (interp == InterVecBrgn::s2pmax) {
      const double di = std::max(0.0, p_j - p_i), dj = std::max(0.0, p_i - p_j);
      const double si2 = si * si, sj2 = sj * sj;
      const double fi = di * sj2 / (di * sj2 + kOwnBias + (1 - di) * si2);
      const double fj = dj * si2 / (dj * si2 + kOwnBias + (1 - dj) * sj2);
      b.for_initiator[k] = xi + fi * (xj - xi);
      b.for_receiver[k] = xj + fj * (xi - xj);
    } else {
      double wi = si * p_i, wj = sj * p_j;
      if (interp == InterVecBrgn::s2p2) wi *= wi, wj *= wj;
      const double den = wi + kOwnBias + wj;
      b.for_initiator[k] = round4(((wi + kOwnBias) * xi + wj * xj) / den);
      b.for_receiver[k] = round4((wi * xi + (wj + kOwnBias) * xj) / den);
    }
  }
  return b;
}

// ---- section 5: winning probabilities --------------------------------------

namespace {

struct WinProbabilities {
  std::vector<double> shown;   // per actor (KTAB's last-representative rule)
  std::vector<int> rep;        // representative whose value is shown
  std::vector<double> unique;  // per actor: probability if representative, else 0
  bool converged = true;
};

double euclid(const State& st, int d, int a, int b) {
  double sq = 0;
  for (int k = 0; k < d; ++k) {
    const double x = st.position[a * d + k] - st.position[b * d + k];
    sq += x * x;
  }
  return std::sqrt(sq);
}

// O(N U D + N U^2) with U unique positions.
WinProbabilities win_probabilities(const Problem& pb, const State& st, const RiskView& view,
                                   const Config& cfg) {
  const int n = pb.n;
  std::vector<int> reps;
  for (int i = 0; i < n; ++i) {
    bool fresh = true;
    for (int r : reps)
      if (euclid(st, pb.d, i, r) < cfg.pos_tol) {
        fresh = false;
        break;
      }
    if (fresh) reps.push_back(i);
  }
  const int m = static_cast<int>(reps.size());
  std::vector<double> u(static_cast<size_t>(m) * n);
  for (int a = 0; a < m; ++a)
    for (int k = 0; k < n; ++k)
      u[static_cast<size_t>(a) * n + k] =
          utility(view.dist[static_cast<size_t>(k) * n + reps[a]], view.r[k]);
  // KTAB evaluates this election with the proportional rule whatever the
  // model's voting rule (SMPState::pDist).
  Pce pce =
      scalar_pce(pb.capability, u, n, m, VotingRule::prop, cfg.vpm, cfg.pce, cfg.markov_max_iter);
  WinProbabilities out;
  out.converged = pce.converged;
  out.shown.assign(n, 0.0);
  out.rep.assign(n, -1);
  out.unique.assign(n, 0.0);
  for (int a = 0; a < m; ++a) out.unique[reps[a]] = pce.p[a];
  for (int i = 0; i < n; ++i)
    for (int a = 0; a < m; ++a)
      if (euclid(st, pb.d, i, reps[a]) < cfg.pos_tol) {
        out.shown[i] = pce.p[a];
        out.rep[i] = reps[a];
      }
  return out;
}

void check_problem(const Problem& pb) {
  if (pb.n < 2) throw Error("smp: needs at least 2 actors, found " + std::to_string(pb.n));
  if (pb.d < 1) throw Error("smp: needs at least 1 dimension");
  for (int i = 0; i < pb.n; ++i) {
    if (!(pb.capability[i] > 0))
      throw Error("smp: actor " + std::to_string(i) + " has capability <= 0");
    const double s = total_salience(pb, i);
    if (!(s > 0) || s > 1 + 1e-9)
      throw Error("smp: actor " + std::to_string(i) + " has total salience " + format_number(s) +
                  " (must be in (0, 1])");
  }
  for (const auto& a : pb.adjust)
    if (a.actor < 0 || a.actor >= pb.n || a.reference < 0 || a.reference >= pb.n ||
        !(a.weight >= 0 && a.weight <= 1))
      throw Error("smp: invalid ideal adjustment entry");
}

}  // namespace

// ---- a whole run -------------------------------------------------------------

Run run(const Problem& pb, const Config& cfg) {
  check_problem(pb);
  const int n = pb.n, d = pb.d;

  // Ideal-adjustment matrix A as rows of (reference, weight); identity
  // entries are implied for actors whose diagonal is not listed (4.4).
  std::vector<std::vector<std::pair<int, double>>> rows(n);
  bool identity = true;
  for (const auto& a : pb.adjust) {
    auto& row = rows[a.actor];
    auto it = std::find_if(row.begin(), row.end(), [&](auto& e) { return e.first == a.reference; });
    if (it != row.end())
      it->second = a.weight;
    else
      row.emplace_back(a.reference, a.weight);
  }
  for (int i = 0; i < n; ++i) {
    auto& row = rows[i];
    if (std::none_of(row.begin(), row.end(), [&](auto& e) { return e.first == i; }))
      row.emplace_back(i, 1.0);
    std::sort(row.begin(), row.end());
    double sum = 0;
    for (auto& e : row) sum += e.second;
    if (sum > 1 + 1e-10)
      throw Error("smp: ideal adjustment row of actor " + std::to_string(i) + " sums to " +
                  format_number(sum) + " (> 1)");
    if (row.size() != 1 || row[0].second != 1.0) identity = false;
  }

  Run out;
  State s0;
  s0.position = pb.position;
  s0.ideal = pb.position;
  out.states.push_back(s0);

  const std::vector<double> wsc = challenge_weights(pb);
  const ThirdPartyFn third = pick_third_parties(cfg);

  auto record_state = [&](const RiskView& view) {
    const WinProbabilities wp = win_probabilities(pb, out.states.back(), view, cfg);
    out.risk.push_back(view.r);
    out.win_prob.push_back(wp.shown);
    out.win_rep.push_back(wp.rep);
    out.unique_prob.push_back(wp.unique);
    out.pce_converged = out.pce_converged && wp.converged && view.pce_converged;
  };

  RiskView view = risk_view(pb, s0, cfg);
  record_state(view);
  double first_delta = 0;
  for (int turn = 0;; ++turn) {
    if (view.degenerate) {
      out.stop = "degenerate";
      break;
    }
    const State& st = out.states.back();

    // Step A (4.1): best target per challenger.  O(N^3).
    std::vector<int> target(n, -1);
    std::vector<double> best_p(n, 0), best_deu(n, 0);
    parallel_for(n, cfg.threads, [&](int i) {
      const Perspective ps = perspective(pb, view, cfg, i);
      for (int j = 0; j < n; ++j) {
        if (j == i) continue;
        const Estimate e = estimate_with(pb, view, cfg, ps, wsc, third, i, i, j);
        if (e.deu > kMinGain && (target[i] < 0 || e.deu > best_deu[i])) {
          target[i] = j;
          best_deu[i] = e.deu;
          best_p[i] = e.p;
        }
      }
    });

    // Step B (4.2): bargains, in initiator order.  O(N D) (+ O(N^2) for the
    // receivers' estimates of the receiver-perspective variants).
    std::vector<Bargain> bargains;
    for (int i = 0; i < n; ++i) {
      const int j = target[i];
      if (j < 0) continue;
      Bargain mine = interpolate(pb, st, cfg.interp, i, j, best_p[i]);
      if (cfg.bargain_model == BargnModel::init_only) {
        bargains.push_back(std::move(mine));
        continue;
      }
      const double pj = estimate(pb, view, cfg, j, i, i, j).p;  // j's estimate of P_ij
      Bargain theirs = interpolate(pb, st, cfg.interp, i, j, pj);
      if (cfg.bargain_model == BargnModel::init_rcvr) {
        bargains.push_back(std::move(mine));
        bargains.push_back(std::move(theirs));
      } else {
        const double wi = pb.capability[i] * total_salience(pb, i);
        const double wj = pb.capability[j] * total_salience(pb, j);
        for (int k = 0; k < d; ++k) {
          mine.for_initiator[k] =
              (wi * mine.for_initiator[k] + wj * theirs.for_initiator[k]) / (wi + wj);
          mine.for_receiver[k] =
              (wi * mine.for_receiver[k] + wj * theirs.for_receiver[k]) / (wi + wj);
        }
        bargains.push_back(std::move(mine));
      }
    }
    if (cfg.explain)
      for (const auto& b : bargains)
        if (b.initiator >= 0)
          out.challenges.push_back(
              {turn, b.initiator, b.receiver, best_deu[b.initiator], best_p[b.initiator], b});

    // Queues in canonical order (4.3): SQ, own bargains, received ones by
    // increasing initiator (bargains are already in initiator order).
    std::vector<std::vector<int>> queue(n, std::vector<int>{-1});
    for (int b = 0; b < static_cast<int>(bargains.size()); ++b)
      queue[bargains[b].initiator].push_back(b);
    for (int b = 0; b < static_cast<int>(bargains.size()); ++b)
      queue[bargains[b].receiver].push_back(b);

    // Step C (4.3): value of each bargain to every actor.  O(N^2 D).
    const auto nn = static_cast<size_t>(n);
    std::vector<double> own(nn * nn);  // own[a * n + m] = U^a(a, m) = u(d_a(x_m); R_a)
    std::vector<double> sq(nn);        // Ubar_a(SQ)
    parallel_for(n, cfg.threads, [&](int a) {
      double sum = 0;
      for (int m = 0; m < n; ++m) {
        own[a * nn + m] = utility(view.dist[a * nn + m], view.r[a]);
        sum += own[a * nn + m];
      }
      sq[a] = sum / n;
    });
    const int nb = static_cast<int>(bargains.size());
    std::vector<double> ubar(static_cast<size_t>(nb) * nn);  // ubar[b * n + a]
    parallel_for(nb, cfg.threads, [&](int b) {
      const Bargain& bg = bargains[b];
      const int i = bg.initiator, j = bg.receiver;
      for (int a = 0; a < n; ++a) {
        const double* ideal = &st.ideal[a * d];
        const double ui = utility(distance_from(pb, ideal, a, bg.for_initiator.data()), view.r[a]);
        const double uj = utility(distance_from(pb, ideal, a, bg.for_receiver.data()), view.r[a]);
        ubar[b * nn + a] = (ui + uj + (sq[a] * n - own[a * nn + i] - own[a * nn + j])) / n;
      }
    });

    State next;
    next.position.assign(nn * d, 0.0);
    std::vector<ResolutionRecord> records(cfg.explain ? n : 0);
    std::vector<char> markov_ok(n, 1);
    parallel_for(n, cfg.threads, [&](int k) {  // O(N m_k^2) per actor
      const auto& qk = queue[k];
      const int m = static_cast<int>(qk.size());
      int chosen = 0;
      std::vector<double> p{1.0};
      if (m > 1) {
        std::vector<double> u(static_cast<size_t>(m) * nn);
        for (int x = 0; x < m; ++x)
          std::copy_n(qk[x] < 0 ? sq.data() : &ubar[qk[x] * nn], n, &u[x * nn]);
        Pce pce =
            scalar_pce(pb.capability, u, n, m, cfg.voting, cfg.vpm, cfg.pce, cfg.markov_max_iter);
        markov_ok[k] = pce.converged;
        p = std::move(pce.p);
        if (cfg.transitions == StateTransitions::deterministic) {
          for (int x = 1; x < m; ++x)
            if (p[x] > p[chosen]) chosen = x;
        } else {
          // One uniform per actor and turn from a counter-based stream (11.1).
          Stream stream(cfg.seed,
                        {cfg.draw, static_cast<std::uint64_t>(Subsystem::model),
                         static_cast<std::uint64_t>(turn), static_cast<std::uint64_t>(k)});
          const double draw = stream.uniform();
          double cum = 0;
          chosen = m - 1;
          for (int x = 0; x < m; ++x) {
            cum += p[x];
            if (draw < cum) {
              chosen = x;
              break;
            }
          }
        }
      }
      const double* src = &st.position[k * d];
      if (qk[chosen] >= 0) {
        const Bargain& bg = bargains[qk[chosen]];
        src = bg.initiator == k ? bg.for_initiator.data() : bg.for_receiver.data();
      }
      std::copy_n(src, d, &next.position[k * d]);
      if (cfg.explain) {
        ResolutionRecord& rec = records[k];
        rec.turn = turn;
        rec.actor = k;
        rec.probability = p;
        rec.chosen = chosen;
        for (int x : qk) {
          if (x >= 0) {
            rec.queue.push_back(bargains[x]);
          } else {
            Bargain sqb;
            sqb.initiator = sqb.receiver = k;
            sqb.for_initiator.assign(&st.position[k * d], &st.position[k * d] + d);
            sqb.for_receiver = sqb.for_initiator;
            rec.queue.push_back(std::move(sqb));
          }
        }
      }
    });
    for (char ok : markov_ok) out.pce_converged = out.pce_converged && ok;
    for (auto& r : records) out.resolutions.push_back(std::move(r));

    // Step D (4.4): ideals after positions.  O(N D) with A = I.
    next.ideal.assign(nn * d, 0.0);
    if (identity) {
      next.ideal = next.position;
    } else {
      for (int i = 0; i < n; ++i) {
        double sum = 0;
        for (auto [j, a] : rows[i]) {
          sum += a;
          for (int k = 0; k < d; ++k) next.ideal[i * d + k] += a * next.position[j * d + k];
        }
        const double lag = std::max(0.0, 1.0 - std::min(sum, 1.0));
        for (int k = 0; k < d; ++k) next.ideal[i * d + k] += lag * st.ideal[i * d + k];
      }
    }

    // Step E (4.5).
    const double delta = state_distance(st, next, n, d);
    if (turn == 0) first_delta = delta;
    const double ratio = delta / (first_delta + cfg.min_sig_delta);
    out.ratios.push_back(ratio);
    out.states.push_back(std::move(next));
    view = risk_view(pb, out.states.back(), cfg);
    record_state(view);
    const int t = turn + 1;
    if (t >= cfg.max_iter) {
      out.stop = "max_iter";
      break;
    }
    if (t >= cfg.min_iter && ratio < cfg.min_delta_ratio) {
      out.stop = "converged";
      break;
    }
  }
  return out;
}

// Instance (issue scales, saliences in [0, 1]) -> KTAB's [0, 1] problem.
Problem problem_from_instance(const Instance& in, std::vector<std::string>& notes) {
  Problem pb;
  pb.n = in.actors();
  pb.d = in.issues();
  pb.capability.assign(pb.n, 0.0);
  pb.salience.assign(static_cast<size_t>(pb.n) * pb.d, 0.0);
  pb.position.assign(static_cast<size_t>(pb.n) * pb.d, 0.0);
  for (int i = 0; i < pb.d; ++i) {
    const IssueFrame& f = in.frames[i];
    // Absent actors sit at the capability x salience weighted mean with
    // salience 0: they vote on others' proposals but care about nothing here.
    double num = 0, den = 0, plain = 0;
    int count = 0;
    for (int a : in.participants(i)) {
      const double x = (in.position(a, i) - f.lo) / (f.hi - f.lo);
      const double w = in.capability(a, i) * in.salience(a, i);
      num += w * x, den += w, plain += x, ++count;
    }
    const double fill = den > 0 ? num / den : (count ? plain / count : 0.5);
    for (int a = 0; a < pb.n; ++a) {
      const size_t at = static_cast<size_t>(a) * pb.d + i;
      if (in.has(a, i)) {
        pb.position[at] = std::clamp((in.position(a, i) - f.lo) / (f.hi - f.lo), 0.0, 1.0);
        pb.salience[at] = in.salience(a, i);
      } else {
        pb.position[at] = fill;
        notes.push_back("actor '" + in.actor_ids[a] + "' takes no part in issue '" + f.id +
                        "': salience 0 there");
      }
    }
  }
  for (int a = 0; a < pb.n; ++a) {
    double cap = 0;
    int count = 0;
    for (int i = 0; i < pb.d; ++i)
      if (in.has(a, i)) cap += in.capability(a, i), ++count;
    pb.capability[a] = count ? cap / count : 0.0;
    if (!(pb.capability[a] > 0))
      throw Error("smp: actor '" + in.actor_ids[a] + "' needs a capability > 0");
    double total = 0;
    for (int i = 0; i < pb.d; ++i) total += pb.salience[static_cast<size_t>(a) * pb.d + i];
    if (!(total > 0))
      throw Error("smp: actor '" + in.actor_ids[a] +
                  "' has total salience 0 (KTAB requires 0 < total salience <= 100)");
    if (total > 1) {
      for (int i = 0; i < pb.d; ++i) pb.salience[static_cast<size_t>(a) * pb.d + i] /= total;
      notes.push_back("actor '" + in.actor_ids[a] + "': saliences summed to " +
                      format_number(100 * total) + " > 100; scaled to sum 100");
    }
  }
  return pb;
}

}  // namespace parley::smp

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
  c.vpm = code_of<VictoryProbModel>(params, "VictoryProbModel", kVpm);
  c.pce = code_of<PceModel>(params, "PCEModel", kPce);
  c.transitions = code_of<StateTransitions>(params, "StateTransitions", kTransitions);
  c.voting = code_of<VotingRule>(params, "VotingRule", kVoting);
  c.big_r_adjust = code_of<BigRAdjust>(params, "BigRAdjust", kBigRAdjust);
  c.big_r_range = code_of<BigRRange>(params, "BigRRange", kBigRRange);
  c.commit = code_of<ThirdPartyCommit>(params, "ThirdPartyCommit", kCommit);
  c.interp = code_of<InterVecBrgn>(params, "InterVecBrgn", kInterp);
  c.bargain_model = code_of<BargnModel>(params, "BargnModel", kBargain);
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

class Smp final : public Model {
 public:
  Result run(const Instance& in, const Params& params, const RunContext& context) const override {
    Result result;
    Problem pb = problem_from_instance(in, result.notes);
    pb.adjust = ideal_adjustment(in, context);
    const Config cfg = config_from(params, context);
    const Run r = smp::run(pb, cfg);
    const int n = pb.n, d = pb.d;
    auto scale = [&](int i, double x) {
      return in.frames[i].lo + x * (in.frames[i].hi - in.frames[i].lo);
    };

    // Trajectory: every state, positions on the issue scales.
    for (size_t t = 0; t < r.states.size(); ++t) {
      Round round;
      round.round = static_cast<int>(t);
      round.positions.assign(static_cast<size_t>(n) * d, std::nan(""));
      for (int a = 0; a < n; ++a)
        for (int i = 0; i < d; ++i)
          if (in.has(a, i)) round.positions[a * d + i] = scale(i, r.states[t].position[a * d + i]);
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
    // Forecast: the capability x salience weighted mean of the final positions.
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
    most << "most probable final position (probability " << format_number(last[best])
         << ", held by '" << in.actor_ids[best] << "'):";
    for (int i = 0; i < d; ++i)
      most << " " << in.frames[i].id << "="
           << format_number(std::round(1e6 * scale(i, r.states.back().position[best * d + i])) /
                            1e6);
    result.notes.push_back(most.str());

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
      for (int a = 0; a < n; ++a)
        win.rows.push_back({static_cast<double>(t), in.actor_ids[a], r.win_prob[t][a],
                            in.actor_ids[r.win_rep[t][a]], r.unique_prob[t][a], r.risk[t][a]});
    result.tables.push_back(std::move(win));

    if (context.explain) {
      std::vector<std::string> cols{"turn", "challenger", "target", "dEU", "P"};
      for (int i = 0; i < d; ++i) cols.push_back("to_challenger." + in.frames[i].id);
      for (int i = 0; i < d; ++i) cols.push_back("to_target." + in.frames[i].id);
      Table ch{
          "challenges", "step A: each actor's best target, and the bargain it proposes", cols, {}};
      for (const auto& c : r.challenges) {
        std::vector<Table::Cell> row{static_cast<double>(c.turn), in.actor_ids[c.challenger],
                                     in.actor_ids[c.target], c.deu, c.p};
        for (int i = 0; i < d; ++i) row.push_back(scale(i, c.bargain.for_initiator[i]));
        for (int i = 0; i < d; ++i) row.push_back(scale(i, c.bargain.for_receiver[i]));
        ch.rows.push_back(std::move(row));
      }
      result.tables.push_back(std::move(ch));

      std::vector<std::string> bcols{"turn",     "actor",       "initiator",
                                     "receiver", "probability", "chosen"};
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
          for (int i = 0; i < d; ++i) row.push_back(scale(i, side[i]));
          bt.rows.push_back(std::move(row));
        }
      result.tables.push_back(std::move(bt));
    }
    return result;
  }
};

ParamSpec choice(const std::string& name, const std::vector<std::string>& names, int def,
                 const std::string& doc) {
  return {name, ParamSpec::Kind::choice, names[def], names, 0, 0, doc};
}

}  // namespace

ModelInfo smp_model_info() {
  ModelInfo info;
  info.name = "smp";
  info.summary = "KTAB's Spatial Model of Politics: challenges, interpolated bargains, elections";
  info.spec = "ktab-smp.md";
  info.dynamic = true;
  using K = ParamSpec::Kind;
  info.schema.specs = {
      choice("VictoryProbModel", kVpm, 0,
             "victory probability from coalition strengths: C^nu ratio with nu = 1, 2, 4, 8, or "
             "KTAB's Binary rule (spec 2.5)"),
      choice("PCEModel", kPce, 0,
             "probabilistic Condorcet election: Conditional product, MarkovIncentive or "
             "MarkovUniform chain (2.6)"),
      choice("StateTransitions", kTransitions, 0,
             "each actor adopts its most probable bargain, or samples one (4.3)"),
      choice("VotingRule", kVoting, 2, "vote as a function of the utility difference (2.3)"),
      choice("BigRAdjust", kBigRAdjust, 1,
             "how an actor perceives others' risk attitudes: its own R, or a mix towards theirs "
             "(3.5)"),
      choice("BigRRange", kBigRRange, 1,
             "range of the risk attitudes R: [0,1], [-1/2,1], [-1,1] (3.4)"),
      choice("ThirdPartyCommit", kCommit, 1,
             "third parties' expected utility of joining a side (4.1)"),
      choice("InterVecBrgn", kInterp, 1,
             "bargain interpolation weights: salience x probability, squared, or max-gap (4.2)"),
      choice("BargnModel", kBargain, 0,
             "whose estimate shapes the bargain: initiator only, both versions, or their "
             "power-weighted compromise (4.2)"),
      {"min_iter", K::integer, 2.0, {}, 1, 1e6, "stop rule: no stop before this many turns (4.5)"},
      {"max_iter", K::integer, 100.0, {}, 1, 1e6, "stop rule: at most this many turns (4.5)"},
      {"min_delta_ratio",
       K::number,
       0.02,
       {},
       0,
       1e300,
       "stop rule: stop when a turn moves less than this fraction of the first turn (4.5)"},
      {"min_sig_delta",
       K::number,
       1e-4,
       {},
       0,
       1e300,
       "stop rule: added to the first turn's movement in the ratio's denominator (4.5)"},
      {"pos_tol",
       K::number,
       1e-3,
       {},
       0,
       1e300,
       "positions closer than this (Euclidean, [0,1] scale) share a winning probability (5)"},
      {"markov_max_iter",
       K::integer,
       1000.0,
       {},
       1,
       1e9,
       "cap on the Markov PCE iterations; hitting it sets status pce_not_converged (2.6)"},
      {"third_party_prob",
       K::choice,
       std::string("ktab"),
       {"ktab", "separate"},
       0,
       0,
       "ktab: NoCommit/FullCommit third parties never vote (KTAB defect); separate: parley's "
       "correction of spec 11.1"},
      {"challenge_vpm",
       K::choice,
       std::string("ignore"),
       {"ignore", "apply"},
       0,
       0,
       "apply VictoryProbModel to the challenge probability P_ij (KTAB ignores it; spec 6)"},
      {"threads",
       K::integer,
       1.0,
       {},
       1,
       256,
       "worker threads for steps A and C; results do not depend on it"},
      {"prng_seed",
       K::text,
       std::string(""),
       {},
       0,
       0,
       "seed for Stochastic transitions (unsigned 64-bit decimal); empty = the run's seed"},
  };
  info.schema.presets = {
      {"ktab", {}, "KTAB's defaults (the compatibility contract)"},
      {"efird2016",
       {{"BigRRange", std::string("Min")}, {"BigRAdjust", std::string("Half")}},
       "risk settings as described by Efird, Lester and Wise (2016); not verified against "
       "their runs"},
  };
  info.make = [] { return std::make_unique<Smp>(); };
  return info;
}

}  // namespace parley
