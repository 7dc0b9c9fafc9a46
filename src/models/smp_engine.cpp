// KTAB-compatible Spatial Model of Politics (docs/models/smp.md; sections cited by number).
//
// The engine: bargains (4.2), the turns of a run (4.1-4.5) and winning
// probabilities (5).  Primitives, risk attitudes and challenge estimates are
// in smp_primitives.cpp; the parley::Model that maps an Instance and Params
// onto the engine is in smp.cpp.
//
// Complexity per turn (N actors, D dimensions, m_k = queue length of actor k):
//   distances O(N^2 D); risk PCE O(N^3); step A O(N^3) (N challengers x N
//   targets x N third parties); step B O(N D); step C O(N^2 D + sum_k N m_k^2);
//   winning probabilities O(N U^2) for U unique positions.  No N^4 work: the
//   perceived utility U^h(i, j) is evaluated on the fly from the distance
//   matrix and the perceived risk attitude instead of storing N matrices.
#include <algorithm>
#include <cmath>

#include "models/smp.h"
#include "models/smp_internal.h"
#include "parley/error.h"
#include "parley/node.h"
#include "parley/random.h"
#include "scenario/parallel.h"

namespace parley::smp {

using namespace detail;

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

namespace {

// Ideal-adjustment matrix A as rows of (reference, weight); identity entries
// are implied for actors whose diagonal is not listed (4.4).
struct IdealRows {
  std::vector<std::vector<std::pair<int, double>>> rows;
  bool identity = true;
};

IdealRows ideal_rows(const Problem& pb) {
  const int n = pb.n;
  IdealRows out;
  out.rows.resize(n);
  for (const auto& a : pb.adjust) {
    auto& row = out.rows[a.actor];
    auto it = std::find_if(row.begin(), row.end(), [&](auto& e) { return e.first == a.reference; });
    if (it != row.end())
      it->second = a.weight;
    else
      row.emplace_back(a.reference, a.weight);
  }
  for (int i = 0; i < n; ++i) {
    auto& row = out.rows[i];
    if (std::none_of(row.begin(), row.end(), [&](auto& e) { return e.first == i; }))
      row.emplace_back(i, 1.0);
    std::sort(row.begin(), row.end());
    double sum = 0;
    for (auto& e : row) sum += e.second;
    if (sum > 1 + 1e-10)
      throw Error("smp: ideal adjustment row of actor " + std::to_string(i) + " sums to " +
                  format_number(sum) + " (> 1)");
    if (row.size() != 1 || row[0].second != 1.0) out.identity = false;
  }
  return out;
}

// Step A (4.1): each challenger's best target, the probability and gain.
struct Targets {
  std::vector<int> target;
  std::vector<double> p, deu;
};

Targets best_targets(const Problem& pb, const RiskView& view, const Config& cfg,
                     const std::vector<double>& wsc, ThirdPartyFn third) {  // O(N^3)
  const int n = pb.n;
  Targets out{std::vector<int>(n, -1), std::vector<double>(n, 0), std::vector<double>(n, 0)};
  parallel_for(n, cfg.threads, [&](int i) {
    const Perspective ps = perspective(pb, view, cfg, i);
    for (int j = 0; j < n; ++j) {
      if (j == i) continue;
      const Estimate e = estimate_with(pb, view, cfg, ps, wsc, third, i, i, j);
      if (e.deu > kMinGain && (out.target[i] < 0 || e.deu > out.deu[i])) {
        out.target[i] = j;
        out.deu[i] = e.deu;
        out.p[i] = e.p;
      }
    }
  });
  return out;
}

// Step B (4.2): bargains, in initiator order.  O(N D) (+ O(N^2) for the
// receivers' estimates of the receiver-perspective variants).
std::vector<Bargain> bargains_of(const Problem& pb, const State& st, const RiskView& view,
                                 const Config& cfg, const Targets& targets) {
  const int n = pb.n, d = pb.d;
  std::vector<Bargain> bargains;
  for (int i = 0; i < n; ++i) {
    const int j = targets.target[i];
    if (j < 0) continue;
    Bargain mine = interpolate(pb, st, cfg.interp, i, j, targets.p[i]);
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
  return bargains;
}

// Step C (4.3), values: ubar[b * n + a] = actor a's mean utility over the
// actors' positions when bargain b is adopted; sq[a] the status quo's.
// O(N^2 D).
struct BargainValues {
  std::vector<double> sq, ubar;
};

BargainValues bargain_values(const Problem& pb, const State& st, const RiskView& view,
                             const Config& cfg, const std::vector<Bargain>& bargains) {
  const int n = pb.n, d = pb.d;
  const auto nn = static_cast<size_t>(n);
  std::vector<double> own(nn * nn);  // own[a * n + m] = U^a(a, m) = u(d_a(x_m); R_a)
  BargainValues out;
  out.sq.resize(nn);  // Ubar_a(SQ)
  parallel_for(n, cfg.threads, [&](int a) {
    double sum = 0;
    for (int m = 0; m < n; ++m) {
      own[a * nn + m] = utility(view.dist[a * nn + m], view.r[a]);
      sum += own[a * nn + m];
    }
    out.sq[a] = sum / n;
  });
  const int nb = static_cast<int>(bargains.size());
  out.ubar.resize(static_cast<size_t>(nb) * nn);
  parallel_for(nb, cfg.threads, [&](int b) {
    const Bargain& bg = bargains[b];
    const int i = bg.initiator, j = bg.receiver;
    for (int a = 0; a < n; ++a) {
      const double* ideal = &st.ideal[a * d];
      const double ui = utility(distance_from(pb, ideal, a, bg.for_initiator.data()), view.r[a]);
      const double uj = utility(distance_from(pb, ideal, a, bg.for_receiver.data()), view.r[a]);
      out.ubar[b * nn + a] = (ui + uj + (out.sq[a] * n - own[a * nn + i] - own[a * nn + j])) / n;
    }
  });
  return out;
}

// The explain record of actor k's queue.
ResolutionRecord record_of(const State& st, int d, int turn, int k, const std::vector<int>& queue,
                           const std::vector<Bargain>& bargains, const std::vector<double>& p,
                           int chosen) {
  ResolutionRecord rec;
  rec.turn = turn;
  rec.actor = k;
  rec.probability = p;
  rec.chosen = chosen;
  for (int x : queue) {
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
  return rec;
}

// The option actor k adopts from the election probabilities `p`: the most
// probable, or (stochastic transitions) one uniform draw per actor and turn
// from a counter-based stream (11.1).
int choose(const Config& cfg, const std::vector<double>& p, int turn, int k) {
  const int m = static_cast<int>(p.size());
  int chosen = 0;
  if (cfg.transitions == StateTransitions::deterministic) {
    for (int x = 1; x < m; ++x)
      if (p[x] > p[chosen]) chosen = x;
    return chosen;
  }
  Stream stream(cfg.seed, {cfg.draw, static_cast<std::uint64_t>(Subsystem::model),
                           static_cast<std::uint64_t>(turn), static_cast<std::uint64_t>(k)});
  const double draw = stream.uniform();
  double cum = 0;
  for (int x = 0; x < m; ++x) {
    cum += p[x];
    if (draw < cum) return x;
  }
  return m - 1;
}

// Step C (4.3), resolution: each actor's queue in canonical order (SQ, own
// bargains, received ones by increasing initiator), an election over it, and
// the position it adopts.  O(N m_k^2) per actor.
State resolve(const Problem& pb, const State& st, const RiskView& view, const Config& cfg,
              const std::vector<Bargain>& bargains, int turn, Run& out) {
  const int n = pb.n, d = pb.d;
  const auto nn = static_cast<size_t>(n);
  std::vector<std::vector<int>> queue(n, std::vector<int>{-1});
  for (int b = 0; b < static_cast<int>(bargains.size()); ++b)
    queue[bargains[b].initiator].push_back(b);
  for (int b = 0; b < static_cast<int>(bargains.size()); ++b)
    queue[bargains[b].receiver].push_back(b);
  const BargainValues values = bargain_values(pb, st, view, cfg, bargains);

  State next;
  next.position.assign(nn * d, 0.0);
  std::vector<ResolutionRecord> records(cfg.explain ? n : 0);
  std::vector<char> markov_ok(n, 1);
  parallel_for(n, cfg.threads, [&](int k) {
    const auto& qk = queue[k];
    const int m = static_cast<int>(qk.size());
    int chosen = 0;
    std::vector<double> p{1.0};
    if (m > 1) {
      std::vector<double> u(static_cast<size_t>(m) * nn);
      for (int x = 0; x < m; ++x)
        std::copy_n(qk[x] < 0 ? values.sq.data() : &values.ubar[qk[x] * nn], n, &u[x * nn]);
      Pce pce =
          scalar_pce(pb.capability, u, n, m, cfg.voting, cfg.vpm, cfg.pce, cfg.markov_max_iter);
      markov_ok[k] = pce.converged;
      p = std::move(pce.p);
      chosen = choose(cfg, p, turn, k);
    }
    const double* src = &st.position[k * d];
    if (qk[chosen] >= 0) {
      const Bargain& bg = bargains[qk[chosen]];
      src = bg.initiator == k ? bg.for_initiator.data() : bg.for_receiver.data();
    }
    std::copy_n(src, d, &next.position[k * d]);
    if (cfg.explain) records[k] = record_of(st, d, turn, k, qk, bargains, p, chosen);
  });
  for (char ok : markov_ok) out.pce_converged = out.pce_converged && ok;
  for (auto& r : records) out.resolutions.push_back(std::move(r));
  return next;
}

// Step D (4.4): ideals after positions.  O(N D) with A = I.
void move_ideals(const Problem& pb, const IdealRows& a, const State& st, State& next) {
  const int n = pb.n, d = pb.d;
  next.ideal.assign(static_cast<size_t>(n) * d, 0.0);
  if (a.identity) {
    next.ideal = next.position;
    return;
  }
  for (int i = 0; i < n; ++i) {
    double sum = 0;
    for (auto [j, w] : a.rows[i]) {
      sum += w;
      for (int k = 0; k < d; ++k) next.ideal[i * d + k] += w * next.position[j * d + k];
    }
    const double lag = std::max(0.0, 1.0 - std::min(sum, 1.0));
    for (int k = 0; k < d; ++k) next.ideal[i * d + k] += lag * st.ideal[i * d + k];
  }
}

}  // namespace

Run run(const Problem& pb, const Config& cfg) {
  check_problem(pb);
  const int n = pb.n, d = pb.d;
  const IdealRows rows = ideal_rows(pb);

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
    const Targets targets = best_targets(pb, view, cfg, wsc, third);
    const std::vector<Bargain> bargains = bargains_of(pb, st, view, cfg, targets);
    if (cfg.explain)
      for (const auto& b : bargains)
        if (b.initiator >= 0)
          out.challenges.push_back(
              {turn, b.initiator, b.receiver, targets.deu[b.initiator], targets.p[b.initiator], b});
    State next = resolve(pb, st, view, cfg, bargains, turn, out);
    move_ideals(pb, rows, st, next);

    // Step E (4.5).
    const double delta = state_distance(st, next, n, d);
    if (turn == 0) first_delta = delta;
    const double ratio = delta / (first_delta + cfg.min_sig_delta);
    out.ratios.push_back(ratio);
    out.states.push_back(std::move(next));
    view = risk_view(pb, out.states.back(), cfg);
    record_state(view);
    const int t = turn + 1;
    if (cfg.progress)
      cfg.progress(static_cast<std::uint64_t>(t), static_cast<std::uint64_t>(cfg.max_iter));
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
