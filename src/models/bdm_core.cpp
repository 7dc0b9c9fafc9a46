// One round of the expected-utility challenge model on one issue
// (../shared/specs/bdm-expected-utility.md sections 3-10).
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
#include <numeric>

#include "models/bdm.h"

namespace parley::bdm {
namespace {

// Stable order of the actors by position.  O(n log n).
std::vector<int> sorted_order(const std::vector<double>& x) {
  std::vector<int> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return x[a] < x[b]; });
  return order;
}

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
    for (int q = 0; q < n_; ++q) {  // O(n)
      pw_[q + 1] = pw_[q] + ws_[q];
      pwy_[q + 1] = pwy_[q] + ws_[q] * (xs_[q] - origin_);
    }
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
    const double total_w = pw_[n_];
    int le_lo = 0, lt_m = 0, le_m = 0, lt_hi = 0;
    for (int q = 0; q < n_; ++q) {
      if (std::abs(xs_[q] - xs_[p]) <= tol_) continue;
      const double lo = std::min(xs_[p], xs_[q]), hi = std::max(xs_[p], xs_[q]);
      const double mid = 0.5 * (lo + hi), gap = hi - lo;
      while (le_lo < n_ && xs_[le_lo] <= lo) ++le_lo;
      while (lt_m < n_ && xs_[lt_m] < mid) ++lt_m;
      while (le_m < n_ && xs_[le_m] <= mid) ++le_m;
      while (lt_hi < n_ && xs_[lt_hi] < hi) ++lt_hi;
      const double ends = (lo - origin_) + (hi - origin_);
      // Votes for lo: voters at or left of lo give gap each, voters in
      // (lo, m) give lo + hi - 2 x_k.  Votes for hi: the mirror image.
      const double inner_lo = (pw_[lt_m] - pw_[le_lo]) * ends - 2.0 * (pwy_[lt_m] - pwy_[le_lo]);
      const double inner_hi = 2.0 * (pwy_[lt_hi] - pwy_[le_m]) - (pw_[lt_hi] - pw_[le_m]) * ends;
      const double for_lo = pw_[le_lo] * gap + std::max(0.0, inner_lo);
      const double for_hi = (total_w - pw_[lt_hi]) * gap + std::max(0.0, inner_hi);
      const double total = for_lo + for_hi;
      if (total <= 0) continue;
      double p_lo = 0, p_hi = 0;
      if (settings_.prob_formula == ProbFormula::eq31) {
        p_lo = for_lo / total;
        p_hi = for_hi / total;
      } else {  // net_vote
        p_lo = std::max(for_lo - for_hi, 0.0) / total;
        p_hi = std::max(for_hi - for_lo, 0.0) / total;
      }
      const bool p_is_lo = q > p;
      out[q] = p_is_lo ? p_lo : p_hi;
      in[q] = p_is_lo ? p_hi : p_lo;
    }
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
        for (int a = 0; a < n_; ++a) {
          const double d = std::abs(xs_[k] - xs_[a]) / range_;
          row[a] = ws_[k] * (risk_[k] == 1.0 ? d : std::pow(d, risk_[k]));
        }
        // Values rise with the distance from x_k: merge the left side (read
        // right to left) with the right side to visit them in sorted order.
        int left = k - 1, right = k + 1, j = 1;
        double weighted = (1.0 - n_) * row[k];
        while (left >= 0 || right < n_) {
          const bool take_left = right >= n_ || (left >= 0 && row[left] <= row[right]);
          const double value = take_left ? row[left--] : row[right++];
          weighted += (2.0 * j - n_ + 1.0) * value;
          ++j;
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
          const double mid = 0.5 * (xs_[a] + xs_[b]);
          while (lt < n_ && xs_[lt] < mid) ++lt;
          while (le < n_ && xs_[le] <= mid) ++le;
          if (std::abs(xs_[a] - xs_[b]) <= tol_) continue;
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
  std::vector<int> order_, rank_;
  std::vector<double> xs_, ws_, ss_, pw_, pwy_, risk_;
  std::vector<double> numerator_;
  double denominator_ = 0;
};

// The gains U_s - U_sq and U_f - U_sq of eq. 15-16 for one dyad at distance
// d (e = -d and +d in gain()).  The logs are shared by both actors of the
// dyad, which is about three times cheaper than calling gain() twice each.
struct DyadGains {
  double d, log_low, log_high;
  explicit DyadGains(double distance)
      : d(distance), log_low(std::log1p(-distance)), log_high(std::log1p(distance)) {}
  double success(double r, double scale) const {
    return r == 1.0 ? 2.0 * d : -scale * std::expm1(r * log_low);
  }
  double failure(double r, double scale) const {
    return r == 1.0 ? -2.0 * d : -scale * std::expm1(r * log_high);
  }
};

// Sec_i = sum_{j != i} E(U_ji) with every r = 1 (section 7), in input
// order.  O(n^2).  (i, j: sorted indices.)  When `p_rows` is given, the
// probability rows P_ij are kept there (n x n) for the second pass, which
// needs them again when P does not depend on r.
std::vector<double> security_levels(const Dyads& dyads, std::vector<double>* p_rows = nullptr) {
  const int n = dyads.size();
  std::vector<double> security(n, 0.0), out, in;
  if (p_rows) p_rows->resize(static_cast<std::size_t>(n) * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {  // O(n) per target
    dyads.probabilities(i, out, in);
    if (p_rows)
      std::copy(out.begin(), out.end(), p_rows->begin() + static_cast<std::ptrdiff_t>(i) * n);
    double sum = 0;
    for (int j = 0; j < n; ++j) {
      if (j == i || dyads.same(i, j)) continue;
      const double d = dyads.distance(i, j);
      sum += dyads.challenge(j, i, 1.0, 2 * d, -2 * d, gain_scale(1.0), in[j], dyads.s(i));
    }
    security[dyads.actor(i)] = sum;
  }
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

// The (a, b) values of section 8 for every ordered pair, row-major n x n:
// a[i][j] = E^i(U_ij) (the mover's own exponent, the target resists with s_j)
// and the mirror term b[i][j] = E(U_ji) under the perspective and
// mirror-salience switches.  With own perspective and responder salience
// (the defaults and `literal`) b[i][j] = a[j][i]: each unordered dyad is
// visited once and both directions share the logs (per ordered pair one log
// and two exps).  Otherwise rows are computed one mover at a time (per
// ordered pair two logs and two, own: four, exps).  O(n^2) time and memory.
// Indices are sorted indices (Dyads::rank).  `p_rows`, when not empty, holds
// the rows P_ij of the current pass, so that they are not recomputed.
class EuTables {
 public:
  EuTables(const Dyads& dyads, const Settings& settings, const std::vector<double>& p_rows = {})
      : n_(dyads.size()) {
    const std::size_t cells = static_cast<std::size_t>(n_) * static_cast<std::size_t>(n_);
    const bool own = settings.perspective == Perspective::own;
    const bool responder = settings.mirror_salience == MirrorSalience::responder;
    const bool transpose = own && responder;
    a_.assign(cells, 0.0);
    b_.assign(cells, 0.0);
    std::vector<double> scale(n_);
    for (int k = 0; k < n_; ++k) scale[k] = gain_scale(dyads.risk(k));
    if (transpose && !p_rows.empty()) {
      fill_both_directions(dyads, scale, [&](int i, int j) { return p_rows[at(i, j)]; });
      return;
    }
    if (transpose && settings.prob_formula == ProbFormula::allpairs_risk) {
      fill_both_directions(dyads, scale, [&](int i, int j) { return dyads.allpairs_p(i, j); });
      return;
    }
    std::vector<double> out, in;
    for (int i = 0; i < n_; ++i) {  // O(n) per mover
      dyads.probabilities(i, out, in);
      const double ri = dyads.risk(i);
      double* a_row = &a_[at(i, 0)];
      double* b_row = &b_[at(i, 0)];
      for (int j = 0; j < n_; ++j) {
        if (j == i || dyads.same(i, j)) continue;
        const DyadGains g(dyads.distance(i, j));
        const double success_i = g.success(ri, scale[i]), failure_i = g.failure(ri, scale[i]);
        a_row[j] = dyads.challenge(i, j, ri, success_i, failure_i, scale[i], out[j], dyads.s(j));
        if (transpose) continue;
        // j challenges i, perceived with r_j (own) or r_i (receiver).
        const double rb = own ? dyads.risk(j) : ri;
        const double scale_b = own ? scale[j] : scale[i];
        const bool shared = rb == ri;
        b_row[j] = dyads.challenge(j, i, rb, shared ? success_i : g.success(rb, scale_b),
                                   shared ? failure_i : g.failure(rb, scale_b), scale_b, in[j],
                                   responder ? dyads.s(i) : dyads.s(j));
      }
    }
    if (!transpose) return;
    constexpr int kBlock = 32;  // tiles keep both sides of the copy in cache
    for (int i0 = 0; i0 < n_; i0 += kBlock)
      for (int j0 = 0; j0 < n_; j0 += kBlock)
        for (int i = i0; i < std::min(n_, i0 + kBlock); ++i)
          for (int j = j0; j < std::min(n_, j0 + kBlock); ++j) b_[at(i, j)] = a_[at(j, i)];
  }
  double a(int i, int j) const { return a_[at(i, j)]; }
  double b(int i, int j) const { return b_[at(i, j)]; }

 private:
  // Own perspective and responder salience with the probabilities known: both
  // directions of a dyad share the logs of (1 -+ d), so each unordered
  // dyad is visited once (2 logs and 4 exps), tile by tile so that the
  // transposed writes stay in cache.  O(n^2).
  template <typename Probability>
  void fill_both_directions(const Dyads& dyads, const std::vector<double>& scale, Probability p) {
    constexpr int kTile = 64;
    for (int i0 = 0; i0 < n_; i0 += kTile)
      for (int j0 = i0; j0 < n_; j0 += kTile)
        for (int i = i0; i < std::min(n_, i0 + kTile); ++i) {
          const double ri = dyads.risk(i);
          for (int j = std::max(j0, i + 1); j < std::min(n_, j0 + kTile); ++j) {
            if (dyads.same(i, j)) continue;
            const double rj = dyads.risk(j);
            const DyadGains g(dyads.distance(i, j));
            const double ij =
                dyads.challenge(i, j, ri, g.success(ri, scale[i]), g.failure(ri, scale[i]),
                                scale[i], p(i, j), dyads.s(j));
            const double ji =
                dyads.challenge(j, i, rj, g.success(rj, scale[j]), g.failure(rj, scale[j]),
                                scale[j], p(j, i), dyads.s(i));
            a_[at(i, j)] = b_[at(j, i)] = ij;
            a_[at(j, i)] = b_[at(i, j)] = ji;
          }
        }
  }

  std::size_t at(int i, int j) const {
    return static_cast<std::size_t>(i) * static_cast<std::size_t>(n_) + static_cast<std::size_t>(j);
  }
  int n_;
  std::vector<double> a_, b_;
};

struct Offer {
  Move move;
  double shift = 0;  // |new x_i - x_i|
  double key = 0;    // jmckib: EU-weighted average position
};

// Section 8 from mover i's side; false when (a, b) makes no offer to i.
bool classify(const Settings& settings, double xi, double xj, double a, double b, Offer& offer) {
  Move& move = offer.move;
  move.eu_mover = a;
  move.eu_partner = b;
  move.old_position = xi;
  if (b > a && a > 0) {
    if (settings.conflict_rule == ConflictRule::no_move) return false;
    move.kind = OfferKind::conflict;
    move.new_position = xj;
  } else if (a < 0 && b > 0) {
    const double fa = std::abs(a), fb = std::abs(b);
    if (fb > fa) {
      move.kind = OfferKind::compromise;
      move.new_position = settings.compromise_rule == CompromiseRule::eq35_36
                              ? xi - (xi - xj) * (fa / fb)  // eq. 36
                              : (fa * xi + fb * xj) / (fa + fb);
    } else {
      if (settings.selection == Selection::jmckib) return false;  // never capitulates
      move.kind = OfferKind::capitulation;
      move.new_position = xj;
    }
  } else {
    return false;
  }
  offer.shift = std::abs(move.new_position - xi);
  offer.key = (std::abs(a) * xi + std::abs(b) * xj) / (std::abs(a) + std::abs(b));
  return true;
}

// Index of the least-moving offer among `offers` that pass `keep`; ties (within
// `tol`) go to the first, i.e. the lowest partner index.  -1 if none.  O(n).
template <typename Keep>
int least_move(const std::vector<Offer>& offers, double tol, Keep keep) {
  int best = -1;
  for (int o = 0; o < static_cast<int>(offers.size()); ++o)
    if (keep(offers[o]) && (best < 0 || offers[o].shift < offers[best].shift - tol)) best = o;
  return best;
}

// Section 9: the offer mover i accepts, or -1.  Offers are in partner order.
int select_offer(const Settings& settings, const std::vector<Offer>& offers, double tol) {
  auto of_kind = [](OfferKind kind) {
    return [kind](const Offer& o) { return o.move.kind == kind; };
  };
  switch (settings.selection) {
    case Selection::priority_least_move:
      for (OfferKind kind : {OfferKind::conflict, OfferKind::compromise, OfferKind::capitulation})
        if (int best = least_move(offers, tol, of_kind(kind)); best >= 0) return best;
      return -1;
    case Selection::enforceability_least_move: {
      double top = -std::numeric_limits<double>::infinity();
      for (const auto& o : offers) top = std::max(top, o.move.eu_partner);
      return least_move(offers, tol,
                        [top](const Offer& o) { return o.move.eu_partner >= top - 1e-12; });
    }
    case Selection::jmckib: {
      if (int best = least_move(offers, tol, of_kind(OfferKind::conflict)); best >= 0) return best;
      int best = -1;
      for (int o = 0; o < static_cast<int>(offers.size()); ++o)
        if (offers[o].move.kind == OfferKind::compromise &&
            (best < 0 || offers[o].key < offers[best].key - tol))
          best = o;
      return best;
    }
  }
  return -1;
}

}  // namespace

const char* kind_name(OfferKind kind) {
  switch (kind) {
    case OfferKind::conflict:
      return "conflict";
    case OfferKind::compromise:
      return "compromise";
    case OfferKind::capitulation:
      return "capitulation";
  }
  return "?";
}

double median_position(const Actors& actors, MedianTie tie) {
  const int n = actors.size();
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  std::vector<int> order = sorted_order(actors.x);
  double total = 0;
  for (int a = 0; a < n; ++a) total += actors.c[a] * actors.s[a];
  if (total <= 0) return actors.x[order[(n - 1) / 2]];  // unweighted lower median
  double cumulative = 0;
  for (int a : order) {
    const double w = actors.c[a] * actors.s[a];
    if (w <= 0) continue;
    cumulative += w;
    const bool reached = tie == MedianTie::lower ? cumulative >= total / 2 - 1e-12 * total
                                                 : cumulative > total / 2 + 1e-12 * total;
    if (reached) return actors.x[a];
  }
  return actors.x[order.back()];
}

double weighted_mean(const Actors& actors) {
  double sum_w = 0, sum_wx = 0;
  for (int a = 0; a < actors.size(); ++a) {
    const double w = actors.c[a] * actors.s[a];
    sum_w += w;
    sum_wx += w * actors.x[a];
  }
  return sum_w > 0 ? sum_wx / sum_w : std::numeric_limits<double>::quiet_NaN();
}

RoundReport play_round(const Actors& actors, double range, const Settings& settings) {
  const int n = actors.size();
  RoundReport report;
  report.range = range;
  report.positions = actors.x;
  Dyads dyads(actors, range, settings);
  report.median = dyads.median();
  // First pass (every r = 1), then the second pass with the risk exponents.
  // eq31 and net_vote do not depend on r: their probabilities are kept.
  std::vector<double> p_rows;
  const bool keep = settings.prob_formula != ProbFormula::allpairs_risk;
  report.security = security_levels(dyads, keep ? &p_rows : nullptr);
  report.risk = risk_exponents(report.security);
  dyads.set_risk(report.risk);
  const EuTables eu(dyads, settings, p_rows);
  p_rows = {};
  dyads.release_tables();
  std::vector<Offer> offers;
  const double tol = kSamePosition * range;
  for (int i = 0; i < n; ++i) {  // O(n) per mover
    offers.clear();
    const int p = dyads.rank(i);
    for (int j = 0; j < n; ++j) {
      const int q = dyads.rank(j);
      if (j == i || dyads.same(p, q)) continue;
      const double a = eu.a(p, q), b = eu.b(p, q);
      if (!(b > 0 && (a < 0 || (a > 0 && b > a)))) continue;  // no offer (section 8)
      Offer offer;
      offer.move.mover = i;
      offer.move.partner = j;
      if (classify(settings, actors.x[i], actors.x[j], a, b, offer)) offers.push_back(offer);
    }
    const int chosen = select_offer(settings, offers, tol);
    if (chosen < 0) continue;
    report.moves.push_back(offers[chosen].move);
    report.positions[i] = offers[chosen].move.new_position;  // simultaneous: reads use `actors`
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

int first_revisit(const std::vector<double>& medians, double tolerance) {
  for (int t = 2; t < static_cast<int>(medians.size()); ++t)
    for (int s = 0; s + 1 < t; ++s) {
      if (std::abs(medians[t] - medians[s]) > tolerance) continue;
      for (int u = s + 1; u < t; ++u)
        if (std::abs(medians[u] - medians[s]) > tolerance) return t;
    }
  return -1;
}

}  // namespace parley::bdm
