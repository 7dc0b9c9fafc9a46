// One round of the expected-utility challenge model on one issue
// (docs/models/bdm.md sections 3-10; section numbers below refer to it).
//
// Speed.  Read literally, every probability P_ij sums over all voters k, so a
// round costs O(n^3).  Here the actors are sorted by position once per round
// and every sum over voters becomes a difference of prefix sums:
//  * eq31 / net_vote: the vote margin a_k = |x_k - x_j| - |x_k - x_i| is
//    piecewise linear in x_k with breakpoints lo = min(x_i, x_j), the midpoint
//    m and hi = max(x_i, x_j) (constant +-D outside [lo, hi], lo + hi - 2 x_k
//    inside), so the positive and negative vote totals of a dyad need prefix
//    sums of w = c s and w x over sorted positions at four indices.  For a
//    fixed i those indices only grow as j runs through the sorted order, so a
//    whole row of P costs O(n).
//  * allpairs_risk: voter k's term t_k(y) = w_k (|x_k - y| / R)^{r_k} grows
//    with the distance, so k favours i over j exactly when k lies strictly on
//    i's side of the midpoint: the numerator of P_ij is a sum of
//    T[k][j] - T[k][i] over a prefix or suffix of the sorted voters, i.e. two
//    column prefix sums of the n x n matrix T.  The denominator sums
//    |t_k(a) - t_k(b)| over all ordered pairs (a, b) for every k; with the
//    t_k sorted, sum_{a,b} |t_a - t_b| = 2 sum_j (2j - n + 1) t_(j), and the
//    t_k are already sorted by distance from x_k (a merge of the two sides).
// A round is therefore O(n^2) after one O(n log n) sort; the naive O(n^3)
// version is kept in tests/bdm_oracle.h and must agree to 1e-12.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>

#include "models/bdm.h"
#include "models/vector_math.h"

namespace parley::bdm {
namespace {

// Section 4's basic utilities U = 2 - 4 z^r enter E(U) (section 6) only
// through their differences from U_sq = 2 - 4 (1/2)^r, since with Q = 1 the
// constant terms cancel (and with Q < 1 they cancel against U_b and U_w).
// For the badness index z = (1 + e) / 2, e in [-1, 1],
//   U(z) - U_sq = 4 ((1/2)^r - z^r) = -4 (1/2)^r expm1(r log1p(e)),
// computed here in that form: as a difference of two utilities near 2 - 4
// (1/2)^r it would lose all its digits as e tends to 0, i.e. for actors
// close to each other (e = -+d), whose E(U) and every decision based on it
// would then be decided by rounding.  `scale` is 4 (1/2)^r (gain_scale).
double gain_scale(double r) { return r == 1.0 ? 2.0 : 4.0 * std::exp2(-r); }
double gain(double e, double r, double scale) {
  return r == 1.0 ? -2.0 * e : -scale * std::expm1(r * std::log1p(e));
}

// The order in which a pass visits the unordered dyads (p < q, sorted
// indices): square tiles of the upper triangle, each tile row by row, so that
// the transposed writes [q][p] of a tile stay within kTile rows of the
// tables.  Both passes of a round use it, so values the first pass stores per
// dyad are read back by the second in sequence.  visit(p, q_begin, q_end)
// receives one row segment (at most kTile dyads).  O(n^2) dyads in all.
inline constexpr int kTile = 64;
template <typename Visit>
void for_each_segment(int n, Visit visit) {
  for (int i0 = 0; i0 < n; i0 += kTile) {
    const int i1 = std::min(n, i0 + kTile);
    for (int j0 = i0; j0 < n; j0 += kTile) {
      const int j1 = std::min(n, j0 + kTile);
      for (int i = i0; i < i1; ++i)
        if (std::max(j0, i + 1) < j1) visit(i, std::max(j0, i + 1), j1);
    }
  }
}

// The state one pass works on: actors sorted by position, prefix sums, and
// (for allpairs_risk) the pairwise numerators.  Every index taken or returned
// is a *sorted* index (0 = leftmost actor); rank() maps an input index to it.
// Working in sorted order keeps the hot loops free of indirection.
class Dyads {
 public:
  Dyads(const Actors& actors, double range, const Settings& settings)
      : settings_(settings), n_(actors.size()), range_(range), tol_(kSamePosition * range) {
    order_ = sorted_order(actors.x);
    rank_.resize(n_);
    xs_.resize(n_);
    ws_.resize(n_);
    ss_.resize(n_);
    for (int q = 0; q < n_; ++q) {
      int a = order_[q];
      rank_[a] = q;
      xs_[q] = actors.x[a];
      ws_[q] = actors.c[a] * actors.s[a];
      ss_[q] = actors.s[a];
    }
    // Centre the coordinates of the w x prefix sums to limit cancellation.
    origin_ = n_ > 0 ? 0.5 * (xs_.front() + xs_.back()) : 0.0;
    pw_.assign(n_ + 1, 0.0);
    pwy_.assign(n_ + 1, 0.0);
    sw_.assign(n_ + 1, 0.0);
    for (int q = 0; q < n_; ++q) {  // O(n)
      pw_[q + 1] = pw_[q] + ws_[q];
      pwy_[q + 1] = pwy_[q] + ws_[q] * (xs_[q] - origin_);
    }
    for (int q = n_ - 1; q >= 0; --q) sw_[q] = sw_[q + 1] + ws_[q];  // suffix: no cancellation
    // Runs of equal positions: [group_begin_[q], group_end_[q]) holds x_q.
    group_begin_.resize(n_);
    group_end_.resize(n_);
    for (int q = 0; q < n_; ++q)  // O(n)
      group_begin_[q] = q > 0 && xs_[q - 1] == xs_[q] ? group_begin_[q - 1] : q;
    for (int q = n_ - 1; q >= 0; --q)
      group_end_[q] = q + 1 < n_ && xs_[q + 1] == xs_[q] ? group_end_[q + 1] : q + 1;
    median_ = median_position(actors, settings.median_tie);
    risk_.assign(n_, 1.0);
    if (settings_.prob_formula == ProbFormula::allpairs_risk) build_allpairs();
  }

  int size() const { return n_; }
  double median() const { return median_; }
  int rank(int actor) const { return rank_[actor]; }
  int actor(int sorted) const { return order_[sorted]; }
  double x(int p) const { return xs_[p]; }
  double s(int p) const { return ss_[p]; }
  double risk(int p) const { return risk_[p]; }
  bool same(int p, int q) const { return std::abs(xs_[p] - xs_[q]) <= tol_; }
  // d_pq = |x_p - x_q| / R.
  // (A division, not a product with 1/R: at d = 1 the base 0.5 - 0.5 d must
  // be exactly 0, since z^r with r < 1 amplifies an ulp of z.)
  double distance(int p, int q) const { return std::abs(xs_[p] - xs_[q]) / range_; }

  // Risk exponents per actor (input order).  allpairs_risk rebuilds its
  // tables: O(n^2).
  void set_risk(const std::vector<double>& risk) {
    for (int a = 0; a < n_; ++a) risk_[rank_[a]] = risk[a];
    if (settings_.prob_formula == ProbFormula::allpairs_risk) build_allpairs();
  }

  // P_pq under allpairs_risk (equal positions: 0).  O(1).
  double allpairs_p(int p, int q) const {
    if (denominator_ <= 0 || std::abs(xs_[q] - xs_[p]) <= tol_) return 0.0;
    return numerator_[idx(p, q)] * (1.0 / denominator_);
  }

  // Frees the allpairs_risk tables once the expected utilities are known.
  void release_tables() { std::vector<double>().swap(numerator_); }

  // Row p of the probability matrix: out[q] = P_pq, in[q] = P_qp (0 for
  // equal positions).  O(n).
  void probabilities(int p, std::vector<double>& out, std::vector<double>& in) const {
    out.assign(n_, 0.0);
    in.assign(n_, 0.0);
    if (settings_.prob_formula == ProbFormula::allpairs_risk) {
      if (denominator_ <= 0) return;
      const double inv_denominator = 1.0 / denominator_;
      for (int q = 0; q < n_; ++q) {
        if (std::abs(xs_[q] - xs_[p]) <= tol_) continue;
        out[q] = numerator_[idx(p, q)] * inv_denominator;
        in[q] = numerator_[idx(q, p)] * inv_denominator;
      }
      return;
    }
    // The four pointers only move forward as q (and with it lo, m, hi) grows.
    int le_lo = 0, lt_m = 0, le_m = 0, lt_hi = 0;
    for (int q = 0; q < n_; ++q) {
      if (std::abs(xs_[q] - xs_[p]) <= tol_) continue;
      const double lo = std::min(xs_[p], xs_[q]), hi = std::max(xs_[p], xs_[q]);
      const double mid = 0.5 * (lo + hi);
      while (le_lo < n_ && xs_[le_lo] <= lo) ++le_lo;
      while (lt_m < n_ && xs_[lt_m] < mid) ++lt_m;
      while (le_m < n_ && xs_[le_m] <= mid) ++le_m;
      while (lt_hi < n_ && xs_[lt_hi] < hi) ++lt_hi;
      double p_lo = 0, p_hi = 0;
      vote_probabilities(lo, hi, {le_lo, lt_m, le_m, lt_hi}, p_lo, p_hi);
      const bool p_is_lo = q > p;
      out[q] = p_is_lo ? p_lo : p_hi;
      in[q] = p_is_lo ? p_hi : p_lo;
    }
  }

  // The sorted indices where a dyad's vote margin changes form: first voter
  // right of lo, first at or right of the midpoint, first right of it, and
  // first at or right of hi.
  struct Breakpoints {
    int le_lo, lt_m, le_m, lt_hi;
  };

  // Section 5 for the dyad (lo, hi): P that lo wins (p_lo) and that hi wins
  // (p_hi) under eq31 or net_vote.  Votes for lo: voters at or left of lo
  // give the gap each, voters in (lo, mid) give lo + hi - 2 x_k; votes for
  // hi: the mirror image.  Leaves both unchanged when no vote is cast.  O(1)
  // but for short spans (toward()).
  void vote_probabilities(double lo, double hi, Breakpoints at, double& p_lo, double& p_hi) const {
    const double gap = hi - lo, ends = (lo - origin_) + (hi - origin_);
    const double inner_lo = toward(at.le_lo, at.lt_m, lo, hi, ends);
    const double inner_hi = -toward(at.le_m, at.lt_hi, lo, hi, ends);
    const double for_lo = pw_[at.le_lo] * gap + std::max(0.0, inner_lo);
    const double for_hi = sw_[at.lt_hi] * gap + std::max(0.0, inner_hi);
    const double total = for_lo + for_hi;
    if (total <= 0) return;
    if (settings_.prob_formula == ProbFormula::eq31) {
      p_lo = for_lo / total;
      p_hi = for_hi / total;
    } else {  // net_vote
      p_lo = std::max(for_lo - for_hi, 0.0) / total;
      p_hi = std::max(for_hi - for_lo, 0.0) / total;
    }
  }

  // sum w_k (lo + hi - 2 x_k) over sorted voters [from, to): the vote
  // margin inside a dyad's span.  From the prefix sums when the range is
  // long; summed directly when it is short, since the difference of two
  // prefix sums carries an error of about 1e-16 of all the weight times R,
  // which is large against the margin of a close pair (few voters between
  // them, span much smaller than R).  O(kDirect).
  double toward(int from, int to, double lo, double hi, double ends) const {
    constexpr int kDirect = 16;
    if (to - from > kDirect) return (pw_[to] - pw_[from]) * ends - 2.0 * (pwy_[to] - pwy_[from]);
    double sum = 0;
    for (int k = from; k < to; ++k) sum += ws_[k] * ((lo - xs_[k]) + (hi - xs_[k]));
    return sum;
  }

  // Starts a sweep of for_each_segment over the dyads (resets the
  // per-row pointers of pair_probabilities).
  void begin_sweep() { row_mid_.assign(group_begin_.begin(), group_begin_.end()); }

  // P_pq and P_qp for q in [q_begin, q_end), all q > p, as pairs
  // out[2k] = P_pq, out[2k + 1] = P_qp (0 for equal positions); segments
  // must come in the order of for_each_segment after begin_sweep().  The
  // same prefix sums as probabilities(), but each dyad is visited once and,
  // since x_p <= x_q, the outer breakpoints are the ends of the runs of
  // equal positions: only the midpoint pointer moves (forward, per row).
  // O(segment) plus the pointer's advance.
  void pair_probabilities(int p, int q_begin, int q_end, double* out) {
    if (settings_.prob_formula == ProbFormula::allpairs_risk) {
      for (int q = q_begin; q < q_end; ++q, out += 2) {
        out[0] = allpairs_p(p, q);
        out[1] = allpairs_p(q, p);
      }
      return;
    }
    const double lo = xs_[p];
    const int le_lo = group_end_[p];
    int lt_m = row_mid_[p];
    for (int q = q_begin; q < q_end; ++q, out += 2) {
      out[0] = out[1] = 0.0;
      if (std::abs(xs_[q] - lo) <= tol_) continue;
      const double hi = xs_[q], mid = 0.5 * (lo + hi);
      // mid <= x_q (the rounded mean of two numbers lies between them), so
      // x_q stops lt_m by q without a bound check.  The midpoint moves half
      // a gap per step, which usually passes zero or one actor: two steps
      // without a branch, then the loop for the rest (rarely taken, hence
      // well predicted).  le_m keeps its bound: mid may round up to x_q.
      lt_m += xs_[lt_m] < mid;
      lt_m += xs_[lt_m] < mid;
      while (xs_[lt_m] < mid) ++lt_m;
      int le_m = lt_m;
      while (le_m < n_ && xs_[le_m] <= mid) ++le_m;
      vote_probabilities(lo, hi, {le_lo, lt_m, le_m, group_begin_[q]}, out[0], out[1]);
    }
    row_mid_[p] = lt_m;
  }

  // E(U_cj) of section 6 for challenger c against target j at exponent r,
  // given the gains U_s - U_sq and U_f - U_sq of eq. 15-16 over eq. 24 and
  // scale = gain_scale(r): probability of success p, the target resists with
  // probability `resist`.  O(1); expm1 is called only when Q < 1.
  double challenge(int c, int j, double r, double gain_s, double gain_f, double scale, double p,
                   double resist) const {
    double eu = resist * (p * gain_s + (1 - p) * gain_f) + (1 - resist) * gain_s;
    if (settings_.q < 1) {  // eq. 22-23 and the T of eq. 25a
      const double dist = std::abs(x(c) - x(j)), to_median = std::abs(x(c) - median_);
      double t = settings_.t_rule == TRule::one ? 1.0 : 0.0;
      if (settings_.t_rule == TRule::closer_median) t = to_median < dist ? 1.0 : 0.0;
      const double z = 0.25 * (to_median + dist) / range_;
      // U_b's base 0.5 - z is clamped at 0 (section 4), i.e. e at -1.
      const double gain_b = gain(std::max(-1.0, -2 * z), r, scale), gain_w = gain(2 * z, r, scale);
      eu -= (1 - settings_.q) * (t * gain_b + (1 - t) * gain_w);
    }
    return eu;
  }

 private:
  std::size_t idx(int row, int col) const {
    return static_cast<std::size_t>(row) * static_cast<std::size_t>(n_) +
           static_cast<std::size_t>(col);
  }

  // allpairs_risk tables for the current r.  O(n^2) time and memory.  Voters
  // and owners are handled kTile at a time so that the transposed accesses
  // (by_owner[a][k], numerator[b][a]) touch kTile neighbouring cells of a row
  // instead of one cell per row: at n = 5000 the tables are 200 MB each.
  void build_allpairs() {
    constexpr int kTile = 64;
    const std::size_t cells = static_cast<std::size_t>(n_) * static_cast<std::size_t>(n_);
    const std::size_t stride = static_cast<std::size_t>(n_);
    // by_owner[a * n + k] = T[k][a] = w_k (|x_k - x_a| / R)^{r_k}.
    std::vector<double> by_owner(cells);
    std::vector<double> rows(static_cast<std::size_t>(kTile) * stride);
    denominator_ = 0;
    for (int k0 = 0; k0 < n_; k0 += kTile) {
      const int k1 = std::min(n_, k0 + kTile);
      for (int k = k0; k < k1; ++k) {  // O(n) per voter
        double* row = &rows[static_cast<std::size_t>(k - k0) * stride];
        for (int a = 0; a < n_; ++a) row[a] = std::abs(xs_[k] - xs_[a]) / range_;
        if (risk_[k] != 1.0) {  // d^r = exp(r log d) in batches; d = 0 gives 0
          vmath::log(row, row, n_);
          for (int a = 0; a < n_; ++a) row[a] *= risk_[k];
          vmath::exp(row, row, n_);
        }
        for (int a = 0; a < n_; ++a) row[a] *= ws_[k];
        // Values rise with the distance from x_k: merge the left side (read
        // right to left) with the right side to visit them in sorted order.
        // Which side comes next is data-dependent, so the merge selects
        // instead of branching; an exhausted side reads as +infinity.
        constexpr double kDone = std::numeric_limits<double>::infinity();
        int left = k - 1, right = k + 1;
        double weighted = (1.0 - n_) * row[k];
        for (int j = 1; j < n_; ++j) {
          const double from_left = left >= 0 ? row[std::max(left, 0)] : kDone;
          const double from_right = right < n_ ? row[std::min(right, n_ - 1)] : kDone;
          const bool take_left = from_left <= from_right;
          left -= take_left;
          right += !take_left;
          weighted += (2.0 * j - n_ + 1.0) * (take_left ? from_left : from_right);
        }
        denominator_ += 2.0 * weighted;
      }
      for (int a = 0; a < n_; ++a)
        for (int k = k0; k < k1; ++k)
          by_owner[idx(a, k)] = rows[static_cast<std::size_t>(k - k0) * stride + a];
    }
    numerator_.assign(cells, 0.0);
    std::vector<double> prefix(static_cast<std::size_t>(kTile) * (stride + 1));
    std::vector<int> lt_m(kTile), le_m(kTile);
    for (int a0 = 0; a0 < n_; a0 += kTile) {
      const int a1 = std::min(n_, a0 + kTile);
      for (int a = a0; a < a1; ++a) {  // O(n) per owner a: prefix sums over voters
        double* pre = &prefix[static_cast<std::size_t>(a - a0) * (stride + 1)];
        pre[0] = 0;
        for (int k = 0; k < n_; ++k) pre[k + 1] = pre[k] + by_owner[idx(a, k)];
        lt_m[a - a0] = le_m[a - a0] = 0;
      }
      for (int b = 0; b < n_; ++b)
        for (int a = a0; a < a1; ++a) {
          // The midpoint pointers of owner a only move forward as b grows.
          int& lt = lt_m[a - a0];
          int& le = le_m[a - a0];
          // Equal positions are skipped before the pointers move: their
          // midpoint is an end, past which `lt` would need a bound check.
          // The pointers catch up at the next b.  As in pair_probabilities,
          // two branch-free steps take the usual advance of zero or one.
          if (std::abs(xs_[a] - xs_[b]) <= tol_) continue;
          const double mid = 0.5 * (xs_[a] + xs_[b]);
          lt += xs_[lt] < mid;
          lt += xs_[lt] < mid;
          while (xs_[lt] < mid) ++lt;
          le = std::max(le, lt);
          while (le < n_ && xs_[le] <= mid) ++le;
          const double* pre = &prefix[static_cast<std::size_t>(a - a0) * (stride + 1)];
          const double below = pre[lt], above = pre[n_] - pre[le];
          const bool b_left = xs_[b] < xs_[a];
          // Voters on b's side prefer b to a: +T[k][a] in the numerator of
          // P_ba; voters on a's side: -T[k][a] in the numerator of P_ab.
          numerator_[idx(b, a)] += b_left ? below : above;
          numerator_[idx(a, b)] -= b_left ? above : below;
        }
    }
  }

  const Settings& settings_;
  int n_;
  double range_, tol_, origin_ = 0, median_ = 0;
  std::vector<int> order_, rank_, group_begin_, group_end_, row_mid_;
  std::vector<double> xs_, ws_, ss_, pw_, pwy_, sw_, risk_;
  std::vector<double> numerator_;
  double denominator_ = 0;
};

// Sec_i = sum_{j != i} E(U_ji) with every r = 1 (section 7), in input
// order.  O(n^2): each dyad once, in the order of for_each_segment, which
// still adds the terms of every Sec_i in ascending sorted j.  When `pair_p`
// is given, the pairs (P_pq, P_qp) are kept there in sweep order for the
// second pass, which needs them again when P does not depend on r.
std::vector<double> security_levels(Dyads& dyads, std::vector<double>* pair_p = nullptr) {
  const int n = dyads.size();
  std::vector<double> sorted(n, 0.0);
  double probabilities[2 * kTile];
  if (pair_p) {
    pair_p->clear();
    pair_p->reserve(static_cast<std::size_t>(n) * static_cast<std::size_t>(std::max(n - 1, 0)));
  }
  dyads.begin_sweep();
  for_each_segment(n, [&](int p, int q_begin, int q_end) {
    dyads.pair_probabilities(p, q_begin, q_end, probabilities);
    if (pair_p) pair_p->insert(pair_p->end(), probabilities, probabilities + 2 * (q_end - q_begin));
    for (int q = q_begin; q < q_end; ++q) {
      if (dyads.same(p, q)) continue;
      // With r = 1 the gains are exact: U_s - U_sq = 2 d, U_f - U_sq = -2 d.
      const double d = dyads.distance(p, q), scale = gain_scale(1.0);
      const double* pq = &probabilities[2 * (q - q_begin)];
      sorted[p] += dyads.challenge(q, p, 1.0, 2 * d, -2 * d, scale, pq[1], dyads.s(p));
      sorted[q] += dyads.challenge(p, q, 1.0, 2 * d, -2 * d, scale, pq[0], dyads.s(q));
    }
  });
  std::vector<double> security(n);
  for (int p = 0; p < n; ++p) security[dyads.actor(p)] = sorted[p];
  return security;
}

// Eq. 32-34; all r = 1 when the security levels do not differ.  O(n).
std::vector<double> risk_exponents(const std::vector<double>& security) {
  std::vector<double> risk(security.size(), 1.0);
  if (security.empty()) return risk;
  const auto [lo, hi] = std::minmax_element(security.begin(), security.end());
  const double low = *lo, high = *hi;
  if (high - low < 1e-12) return risk;
  for (std::size_t i = 0; i < security.size(); ++i) {
    const double relative = (2 * security[i] - high - low) / (high - low);
    risk[i] = (1 - relative / 3) / (1 + relative / 3);
  }
  return risk;
}

// The gains U_s - U_sq and U_f - U_sq of eq. 15-16 (gain(-+d, r)) for one
// row of dyads (mover i, every j at distance d_ij), for the mover's exponent
// r_i and, when asked, each partner's r_j, as batches of log1p and expm1
// (vector_math.h).  O(n) per row, O(n) memory reused across rows.
class RowGains {
 public:
  explicit RowGains(int n) : d_(n), buffer_(4 * static_cast<std::size_t>(n)) {}

  void compute(const Dyads& dyads, const std::vector<double>& scale, int i,
               bool partner_exponents) {
    const int n = dyads.size();
    double* log_low = &buffer_[0];
    double* log_high = &buffer_[n];
    for (int j = 0; j < n; ++j) {
      d_[j] = dyads.distance(i, j);
      log_low[j] = -d_[j];
    }
    vmath::log1p(log_low, log_low, n);
    vmath::log1p(d_.data(), log_high, n);
    const double ri = dyads.risk(i);
    // Partner exponents go to the back half first, so the logs they read
    // are not yet overwritten by the mover's values.
    if (partner_exponents) {
      for (int j = 0; j < n; ++j) {
        buffer_[2 * n + j] = dyads.risk(j) * log_low[j];
        buffer_[3 * n + j] = dyads.risk(j) * log_high[j];
      }
    }
    for (int j = 0; j < n; ++j) {
      log_low[j] *= ri;
      log_high[j] *= ri;
    }
    const int count = (partner_exponents ? 4 : 2) * n;
    vmath::expm1(buffer_.data(), buffer_.data(), count);
    for (int j = 0; j < n; ++j) {
      buffer_[j] *= -scale[i];
      buffer_[n + j] *= -scale[i];
    }
    if (partner_exponents)
      for (int j = 0; j < n; ++j) {
        buffer_[2 * n + j] *= -scale[j];
        buffer_[3 * n + j] *= -scale[j];
      }
  }
  // U_s - U_sq and U_f - U_sq of dyad (i, j) for r = r_i (`mover_r`) or r_j.
  double success(int j, double r, double mover_r) const { return value(j, r, mover_r, 0); }
  double failure(int j, double r, double mover_r) const { return value(j, r, mover_r, 1); }

 private:
  double value(int j, double r, double mover_r, int side) const {
    if (r == 1.0) return side == 0 ? 2.0 * d_[j] : -2.0 * d_[j];  // exact
    const std::size_t n = d_.size();
    return buffer_[(r == mover_r ? 0 : 2 * n) + side * n + static_cast<std::size_t>(j)];
  }
  std::vector<double> d_, buffer_;
};

// The (a, b) values of section 8 for every ordered pair, row-major n x n:
// a[i][j] = E^i(U_ij) (the mover's own exponent, the target resists with s_j)
// and the mirror term b[i][j] = E(U_ji) under the perspective and
// mirror-salience switches.  The two values of a cell are stored side by
// side, since the offers of a mover read both.  With own perspective and
// responder salience (the defaults and `literal`) b[i][j] = a[j][i]: each
// unordered dyad is visited once (for_each_segment) and both directions
// share the logs (per ordered pair one log and two exps).  Otherwise rows
// are computed one mover at a time (per ordered pair two logs and two, own:
// four, exps).  O(n^2) time and memory.  Indices are sorted indices
// (Dyads::rank).  `pair_p`, when not empty, holds the pairs (P_pq, P_qp) of
// the current pass in sweep order (security_levels), so that they are not
// recomputed.
class EuTables {
 public:
  EuTables(Dyads& dyads, const Settings& settings, const std::vector<double>& pair_p = {})
      : n_(dyads.size()),
        cells_(std::make_unique_for_overwrite<Cell[]>(static_cast<std::size_t>(n_) *
                                                      static_cast<std::size_t>(n_))) {
    const bool own = settings.perspective == Perspective::own;
    const bool responder = settings.mirror_salience == MirrorSalience::responder;
    std::vector<double> scale(n_);
    for (int k = 0; k < n_; ++k) scale[k] = gain_scale(dyads.risk(k));
    if (own && responder) {
      fill_both_directions(dyads, scale, pair_p);
      return;
    }
    std::vector<double> out, in;
    RowGains gains(n_);
    for (int i = 0; i < n_; ++i) {  // O(n) per mover
      dyads.probabilities(i, out, in);
      const double ri = dyads.risk(i);
      gains.compute(dyads, scale, i, own);
      Cell* row = &cells_[at(i, 0)];
      for (int j = 0; j < n_; ++j) {
        row[j] = Cell{};
        if (j == i || dyads.same(i, j)) continue;
        row[j].a = dyads.challenge(i, j, ri, gains.success(j, ri, ri), gains.failure(j, ri, ri),
                                   scale[i], out[j], dyads.s(j));
        // j challenges i, perceived with r_j (own) or r_i (receiver).
        const double rb = own ? dyads.risk(j) : ri;
        row[j].b =
            dyads.challenge(j, i, rb, gains.success(j, rb, ri), gains.failure(j, rb, ri),
                            own ? scale[j] : scale[i], in[j], responder ? dyads.s(i) : dyads.s(j));
      }
    }
  }
  double a(int i, int j) const { return cells_[at(i, j)].a; }
  double b(int i, int j) const { return cells_[at(i, j)].b; }

 private:
  struct Cell {
    double a = 0, b = 0;
  };

  // Own perspective and responder salience: both directions of a dyad share
  // the logs of (0.5 -+ 0.5 d), so each unordered dyad is visited once (2
  // logs and 4 exps) in the order of for_each_segment.  O(n^2).
  void fill_both_directions(Dyads& dyads, const std::vector<double>& scale,
                            const std::vector<double>& pair_p) {
    for (int i = 0; i < n_; ++i) cells_[at(i, i)] = Cell{};
    double computed[2 * kTile];
    std::size_t next = 0;
    if (pair_p.empty()) dyads.begin_sweep();
    for_each_segment(n_, [&](int p, int q_begin, int q_end) {
      const double* probabilities = computed;
      if (pair_p.empty()) {
        dyads.pair_probabilities(p, q_begin, q_end, computed);
      } else {
        probabilities = &pair_p[next];
        next += 2 * static_cast<std::size_t>(q_end - q_begin);
      }
      fill_segment(dyads, scale, p, q_begin, q_end, probabilities);
    });
  }

  // One segment of fill_both_directions: the gains gain(-+d, r) of eq. 15-16
  // for both exponents of each dyad, as batches of log1p and expm1
  // (vector_math.h), then the expected utilities.  O(segment).
  void fill_segment(const Dyads& dyads, const std::vector<double>& scale, int p, int q_begin,
                    int q_end, const double* probabilities) {
    const int m = q_end - q_begin;
    double d[kTile], log_low[kTile], log_high[kTile], gains[4 * kTile];
    for (int k = 0; k < m; ++k) {
      d[k] = dyads.distance(p, q_begin + k);
      log_low[k] = -d[k];
    }
    vmath::log1p(log_low, log_low, m);
    vmath::log1p(d, log_high, m);
    const double rp = dyads.risk(p);
    for (int k = 0; k < m; ++k) {
      const double rq = dyads.risk(q_begin + k);
      gains[k] = rp * log_low[k];
      gains[m + k] = rp * log_high[k];
      gains[2 * m + k] = rq * log_low[k];
      gains[3 * m + k] = rq * log_high[k];
    }
    vmath::expm1(gains, gains, 4 * m);
    for (int k = 0; k < m; ++k, probabilities += 2) {
      const int q = q_begin + k;
      if (dyads.same(p, q)) {
        cells_[at(p, q)] = cells_[at(q, p)] = Cell{};
        continue;
      }
      // r = 1 exactly (equal security levels): the gains are exactly -+2 d.
      const double rq = dyads.risk(q);
      const bool p_one = rp == 1.0, q_one = rq == 1.0;
      const double pq = dyads.challenge(p, q, rp, p_one ? 2 * d[k] : -scale[p] * gains[k],
                                        p_one ? -2 * d[k] : -scale[p] * gains[m + k], scale[p],
                                        probabilities[0], dyads.s(q));
      const double qp = dyads.challenge(q, p, rq, q_one ? 2 * d[k] : -scale[q] * gains[2 * m + k],
                                        q_one ? -2 * d[k] : -scale[q] * gains[3 * m + k], scale[q],
                                        probabilities[1], dyads.s(p));
      cells_[at(p, q)] = Cell{pq, qp};
      cells_[at(q, p)] = Cell{qp, pq};
    }
  }

  std::size_t at(int i, int j) const {
    return static_cast<std::size_t>(i) * static_cast<std::size_t>(n_) + static_cast<std::size_t>(j);
  }
  int n_;
  std::unique_ptr<Cell[]> cells_;
};

struct Offer {
  Move move;
  double shift = 0;  // |new x_i - x_i|
  double key = 0;    // jmckib: EU-weighted average position
};

// Expected utilities closer than this, relative to the larger, count as
// equal in the comparisons of section 8.  They are computed to about 1e-15
// relative (from the gains, see gain()), so a real difference is far above
// it, while a symmetric dyad (a = b in exact arithmetic) must not make an
// offer on the last bits of its sums.  Relative, because E(U) scales with
// the distance of the two actors: a pair 1e-9 R apart has E(U) near 1e-9.
inline constexpr double kEuTie = 1e-12;
bool above(double x, double y) { return x > y + kEuTie * std::max(std::abs(x), std::abs(y)); }

// Section 8 from mover i's side (strict inequalities, within kEuTie); false
// when (a, b) makes no offer to i.  The first test is the common case of no
// offer, kept cheap.
bool classify(const Settings& settings, double xi, double xj, double a, double b, Offer& offer) {
  if (!above(b, 0) || !(above(0, a) || (above(a, 0) && above(b, a)))) return false;
  Move& move = offer.move;
  move.eu_mover = a;
  move.eu_partner = b;
  move.old_position = xi;
  if (above(a, 0)) {  // b > a > 0
    if (settings.conflict_rule == ConflictRule::no_move) return false;
    move.kind = OfferKind::conflict;
    move.new_position = xj;
  } else {  // a < 0 < b
    const double fa = std::abs(a), fb = std::abs(b);
    if (above(fb, fa)) {
      move.kind = OfferKind::compromise;
      move.new_position = settings.compromise_rule == CompromiseRule::eq35_36
                              ? xi - (xi - xj) * (fa / fb)  // eq. 36
                              : (fa * xi + fb * xj) / (fa + fb);
    } else {
      if (settings.selection == Selection::jmckib) return false;  // never capitulates
      move.kind = OfferKind::capitulation;
      move.new_position = xj;
    }
  }
  offer.shift = std::abs(move.new_position - xi);
  if (settings.selection == Selection::jmckib)
    offer.key = (std::abs(a) * xi + std::abs(b) * xj) / (std::abs(a) + std::abs(b));
  return true;
}

// Section 9, streamed: the offers a mover receives are considered one at a
// time in partner order, keeping only the best candidate of each category, so
// that a round stores no offer lists (about half of all ordered pairs make an
// offer).  Least-move and key ties (within `tol`) go to the first offer
// considered, i.e. the lowest partner index.  For enforceability_least_move
// the caller passes `top`, the largest b among the mover's offers (one extra
// scan of the row).  O(1) per offer.
class OfferChoice {
 public:
  OfferChoice(const Settings& settings, double tol, double top)
      : selection_(settings.selection), tol_(tol), top_(top) {}

  void consider(const Offer& offer) {
    switch (selection_) {
      case Selection::priority_least_move:
        keep_least_move(best_[static_cast<int>(offer.move.kind)], offer);
        return;
      case Selection::enforceability_least_move:
        if (offer.move.eu_partner >= top_ - 1e-12) keep_least_move(best_[0], offer);
        return;
      case Selection::jmckib:
        if (offer.move.kind == OfferKind::conflict) {
          keep_least_move(best_[0], offer);
        } else if (offer.move.kind == OfferKind::compromise &&
                   (!best_[1] || offer.key < best_[1]->key - tol_)) {
          best_[1] = offer;
        }
        return;
    }
  }

  // The accepted offer: the first non-empty category in the order conflict,
  // compromise, capitulation (only one category for enforceability).
  const std::optional<Offer>& chosen() const {
    for (const auto& best : best_)
      if (best) return best;
    return best_[2];
  }

 private:
  void keep_least_move(std::optional<Offer>& best, const Offer& offer) const {
    if (!best || offer.shift < best->shift - tol_) best = offer;
  }

  Selection selection_;
  double tol_, top_;
  std::optional<Offer> best_[3];  // indexed by OfferKind, or [0] alone
};

}  // namespace

RoundReport play_round(const Actors& actors, double range, const Settings& settings) {
  const int n = actors.size();
  RoundReport report;
  report.range = range;
  report.positions = actors.x;
  Dyads dyads(actors, range, settings);
  report.median = dyads.median();
  // First pass (every r = 1), then the second pass with the risk exponents.
  // eq31 and net_vote do not depend on r: their probabilities are kept.
  std::vector<double> pair_p;
  const bool keep = settings.prob_formula != ProbFormula::allpairs_risk;
  report.security = security_levels(dyads, keep ? &pair_p : nullptr);
  report.risk = risk_exponents(report.security);
  dyads.set_risk(report.risk);
  const EuTables eu(dyads, settings, pair_p);
  pair_p = {};
  dyads.release_tables();
  const double tol = kSamePosition * range;
  const bool needs_top = settings.selection == Selection::enforceability_least_move;
  const bool conflicts_first = settings.conflict_rule == ConflictRule::loser_moves &&
                               settings.selection != Selection::enforceability_least_move;
  std::vector<unsigned char> may_offer(n);
  for (int i = 0; i < n; ++i) {  // O(n) per mover
    const int p = dyads.rank(i);
    // Partners come in input order, i.e. in random order along the row of
    // the tables, which would wait on memory for most cells: one sequential
    // pass (which the hardware prefetches) marks the cells that can hold an
    // offer (b > 0, section 8) and brings the row into cache.  Equal
    // positions (j = i among them) have a = b = 0: no offer.
    // The pass also marks conflict offers (b > a > 0, mark 2): when the rule
    // prefers any conflict to every other offer and the row has one, the
    // scan looks at conflicts only.
    bool any_conflict = false;
    for (int q = 0; q < n; ++q) {
      const double a = eu.a(p, q), b = eu.b(p, q);
      const bool offer = above(b, 0), conflict = offer && above(a, 0) && above(b, a);
      may_offer[q] = static_cast<unsigned char>(offer + conflict);
      any_conflict |= conflict;
    }
    const unsigned char wanted = conflicts_first && any_conflict ? 2 : 1;
    // Calls visit(offer) for every offer mover i receives, in partner order.
    auto each_offer = [&](auto&& visit) {
      for (int j = 0; j < n; ++j) {
        const int q = dyads.rank(j);
        if (may_offer[q] < wanted) continue;
        const double a = eu.a(p, q), b = eu.b(p, q);
        Offer offer;
        offer.move.mover = i;
        offer.move.partner = j;
        if (classify(settings, actors.x[i], actors.x[j], a, b, offer)) visit(offer);
      }
    };
    double top = -std::numeric_limits<double>::infinity();
    if (needs_top) each_offer([&](const Offer& o) { top = std::max(top, o.move.eu_partner); });
    OfferChoice choice(settings, tol, top);
    each_offer([&](const Offer& o) { choice.consider(o); });
    const auto& chosen = choice.chosen();
    if (!chosen) continue;
    report.moves.push_back(chosen->move);
    report.positions[i] = chosen->move.new_position;  // simultaneous: reads use `actors`
  }
  return report;
}

DyadTables dyad_tables(const Actors& actors, double range, const Settings& settings,
                       bool second_pass) {
  const int n = actors.size();
  Dyads dyads(actors, range, settings);
  DyadTables tables;
  tables.n = n;
  tables.median = dyads.median();
  tables.risk.assign(n, 1.0);
  if (second_pass) {
    tables.risk = risk_exponents(security_levels(dyads));
    dyads.set_risk(tables.risk);
  }
  const std::size_t cells = static_cast<std::size_t>(n) * static_cast<std::size_t>(n);
  tables.p.assign(cells, 0.0);
  tables.eu.assign(cells, 0.0);
  tables.eu_other.assign(cells, 0.0);
  const EuTables eu(dyads, settings);
  std::vector<double> out, in;
  for (int i = 0; i < n; ++i) {
    const int p = dyads.rank(i);
    dyads.probabilities(p, out, in);
    for (int j = 0; j < n; ++j) {
      if (j == i) continue;
      const int q = dyads.rank(j);
      const std::size_t at = static_cast<std::size_t>(i) * n + j;
      tables.p[at] = out[q];
      tables.eu[at] = eu.a(p, q);
      tables.eu_other[at] = eu.b(p, q);
    }
  }
  return tables;
}

}  // namespace parley::bdm
