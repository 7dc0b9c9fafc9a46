#include "conflict/simulator.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "conflict/war_math.h"
#include "parley/error.h"
#include "parley/random.h"
#include "parley/uncertain.h"
#include "scenario/parallel.h"

namespace parley::war {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double neg_inf = -std::numeric_limits<double>::infinity();
constexpr int golden_iterations = 28;  // 100 * 0.618^28 ~ 1.4e-4 on a 0-100 scale
constexpr int max_sweeps = 3;

double logistic(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// Golden-section search for the maximum of a unimodal f on [lo, hi]; O(iterations).
template <typename F>
double golden_max(F&& f, double lo, double hi) {
  constexpr double g = 0.6180339887498949;
  double a = lo, b = hi;
  double x1 = b - g * (b - a), x2 = a + g * (b - a);
  double f1 = f(x1), f2 = f(x2);
  for (int it = 0; it < golden_iterations; ++it) {
    if (f1 < f2) {
      a = x1, x1 = x2, f1 = f2, x2 = a + g * (b - a), f2 = f(x2);
    } else {
      b = x2, x2 = x1, f2 = f1, x1 = b - g * (b - a), f1 = f(x1);
    }
  }
  return (a + b) / 2;
}

// Per-actor linear-loss utility on the normalised scale of section 9.1:
// U(omega) = 1 - sum_j w_j |omega_j - x_j| / dmax_j, in [0, 1].
struct Utility {
  std::vector<double> weight, ideal, inv_dmax;  // per issue
  double of(const std::vector<double>& omega) const {
    double u = 1;
    for (std::size_t j = 0; j < weight.size(); ++j)  // O(issues)
      if (weight[j] > 0) u -= weight[j] * std::abs(omega[j] - ideal[j]) * inv_dmax[j];
    return u;
  }
  double term(int j, double v) const {
    return weight[j] > 0 ? weight[j] * std::abs(v - ideal[j]) * inv_dmax[j] : 0;
  }
};

// Fills u in place (reusing its storage: called every bargaining month).
void fill_utility(Utility& u, const Instance& inst, int a) {
  const int m = inst.issues();
  u.weight.assign(m, 0);
  u.ideal.assign(m, 0);
  u.inv_dmax.assign(m, 0);
  double total = 0;
  for (int j = 0; j < m; ++j)
    if (inst.has(a, j)) total += inst.salience(a, j);
  for (int j = 0; j < m; ++j) {
    if (!inst.has(a, j) || total <= 0) continue;
    const auto& f = inst.frames[j];
    u.weight[j] = inst.salience(a, j) / total;
    u.ideal[j] = inst.position(a, j);
    const double dmax = std::max(u.ideal[j] - f.lo, f.hi - u.ideal[j]);
    u.inv_dmax[j] = dmax > 0 ? 1 / dmax : 0;
  }
}

Utility make_utility(const Instance& inst, int a) {
  Utility u;
  fill_utility(u, inst, a);
  return u;
}

double mean_capability(const Instance& inst, int a, int preferred_issue) {
  if (inst.has(a, preferred_issue)) return inst.capability(a, preferred_issue);
  double sum = 0;
  int count = 0;
  for (int j = 0; j < inst.issues(); ++j)
    if (inst.has(a, j)) sum += inst.capability(a, j), ++count;
  return count ? sum / count : 0;
}

bool fighting(Regime r) {
  return r == Regime::talks || r == Regime::recess || r == Regime::breakdown;
}
bool absorbing(Regime r) {
  return r == Regime::peace || r == Regime::victory_a || r == Regime::victory_b;
}

// Everything that changes during one simulated war.
struct State {
  Battlefield bf;
  Instance inst;
  std::vector<Utility> utility;              // per actor
  std::vector<double> de_facto;              // per issue (the front issue follows the front)
  std::vector<double> provisional;           // per issue, NaN = not agreed
  std::vector<char> harvested, implemented;  // per issue
  int harvests = 0;
  int phase = 0;
  bool all_agreed = false;
  Regime regime = Regime::talks;
  int front = 0;
  int ceasefire_periods = 0, recess_periods = 0, stall = 0;
  double last_gap = 0;
  std::vector<BetaBelief> belief;  // per veto player (weight 0 = knows p)
  std::vector<char> learns;
};

class Run {
 public:
  Run(const Conflict& c, const Instance& base, const Options& o, const Model* spatial,
      const Params& spatial_params, int horizon, std::uint64_t seed, std::uint64_t ens,
      std::uint64_t draw)
      : c_(c),
        o_(o),
        spatial_(spatial),
        spatial_params_(spatial_params),
        horizon_(horizon),
        seed_(seed),
        ens_(ens),
        draw_(draw),
        n_(base.actors()),
        m_(base.issues()) {
    s_.bf = c.initial;
    s_.inst = base;
    for (int a = 0; a < n_; ++a) s_.utility.push_back(make_utility(base, a));
    for (int j = 0; j < m_; ++j) sq_.push_back(base.frames[j].status_quo.value_or(c.status_quo[j]));
    s_.de_facto = sq_;
    s_.provisional.assign(m_, nan);
    s_.harvested.assign(m_, 0);
    s_.implemented.assign(m_, 0);
    s_.regime = c.start_regime;
    s_.front = c.start_cell;
    s_.de_facto[c.front_issue] = cell_value(s_.front);
    for (int v : c.veto) {
      const auto& b = c.beliefs[v];
      BetaBelief beta;
      const bool learns = b && b->weight > 0;
      if (learns) beta = {b->p * b->weight, (1 - b->p) * b->weight};
      s_.belief.push_back(beta);
      s_.learns.push_back(learns);
    }
    beta_issue_.assign(m_, 0);
    for (const HazardCovariate& cov : c.covariates) beta_issue_[cov.issue] += cov.beta;
    veto_w_.resize(c.veto.size());
    veto_t_.resize(c.veto.size());
    flow_.resize(c.cells + 1);
    values_.resize(c.cells + 1);
    scratch_.resize(c.cells + 1);
    for (const Event& e : c.events)
      enabled_.push_back(e.optional.empty() || std::find(o.what_if.begin(), o.what_if.end(),
                                                         e.optional) != o.what_if.end());
  }

  RunOutcome go(std::vector<PeriodLog>* log) {
    RunOutcome out;
    out.regime.resize(horizon_);
    out.cause.resize(horizon_);
    out.cost.assign(2, 0);
    out.period_cost.assign(static_cast<std::size_t>(horizon_) * 2, 0);
    out.blocker_gap.assign(c_.veto.size(), nan);
    out.blocker_issue.assign(c_.veto.size(), -1);
    out.positions.resize(static_cast<std::size_t>(horizon_ + 1) * n_ * m_);
    record_positions(out, 0);
    for (int t = 1; t <= horizon_; ++t) {
      period(t, out, log);
      record_positions(out, t);
    }
    out.de_facto = s_.de_facto;
    out.terms.assign(m_, nan);
    for (int j = 0; j < m_; ++j)
      if (s_.harvested[j] || s_.implemented[j]) out.terms[j] = s_.de_facto[j];
    return out;
  }

 private:
  double cell_value(int k) const {
    const auto& f = s_.inst.frames[c_.front_issue];
    return f.lo + (f.hi - f.lo) * k / c_.cells;
  }
  Stream stream(Subsystem sub, int t, std::uint64_t actor = 0) const {
    return Stream(seed_, {ens_, draw_, static_cast<std::uint64_t>(sub),
                          static_cast<std::uint64_t>(t), actor});
  }
  void record_positions(RunOutcome& out, int t) const {
    double* p = out.positions.data() + static_cast<std::size_t>(t) * n_ * m_;
    for (int a = 0; a < n_; ++a)
      for (int j = 0; j < m_; ++j) p[a * m_ + j] = s_.inst.position(a, j);
  }

  // --- step 1: events --------------------------------------------------------
  void apply_events(int t) {
    for (std::size_t e = 0; e < c_.events.size(); ++e) {
      const Event& ev = c_.events[e];
      if (ev.at != t || !enabled_[e]) continue;
      for (const Change& ch : ev.changes) {
        double* target = nullptr;
        switch (ch.target) {
          case Change::Target::cost:
            target = &s_.bf.cost[ch.side];
            break;
          case Change::Target::share:
            target = &s_.bf.sides[ch.side].members[ch.index].share;
            break;
          case Change::Target::contribution:
            target = &s_.bf.sides[ch.side].members[ch.index].contribution;
            break;
          case Change::Target::activity:
            target = &s_.bf.activity;
            break;
          case Change::Target::decisiveness:
            target = &s_.bf.decisiveness;
            break;
          case Change::Target::mediator:
            target = &s_.bf.mediator_activity[ch.index];
            break;
          case Change::Target::hazard_h0:
            target = &s_.bf.hazard_h0;
            break;
        }
        *target = ch.multiply ? *target * ch.value : ch.value;
      }
      if (ev.regime && fighting(s_.regime)) {
        if (*ev.regime == Regime::breakdown && s_.regime != Regime::breakdown)
          void_provisional(false);  // NAUEIA: a breakdown voids what was provisional
        s_.regime = *ev.regime;
      }
    }
  }

  // --- battlefield quantities ------------------------------------------------
  double strength(int side) const {
    double m = 0;
    for (const Member& mem : s_.bf.sides[side].members)
      m += mem.contribution * mean_capability(s_.inst, mem.actor, c_.front_issue);
    return m;
  }
  double true_p() const {
    const double a = strength(0), b = strength(1);
    if (a <= 0 && b <= 0) return 0.5;
    if (b <= 0) return 1;
    if (a <= 0) return 0;
    return s_.bf.logistic ? logistic_csf(a, b, s_.bf.logistic_k)
                          : ratio_csf(a, b, s_.bf.decisiveness);
  }
  double cost_of(int actor) const {
    const int side = c_.side_of(actor);
    if (side < 0) return 0;
    double total = 0, mine = 0;
    for (const Member& mem : s_.bf.sides[side].members) {
      total += mem.share;
      if (mem.actor == actor) mine = mem.share;
    }
    return total > 0 ? s_.bf.cost[side] * o_.cost_scale[side] * mine / total : 0;
  }
  double side_cost(int side) const { return s_.bf.cost[side] * o_.cost_scale[side]; }

  // Log of the covariate factor of the ceasefire hazard (section 9.5).
  double log_hazard(const std::vector<double>& omega) const {
    double z = 0;
    for (const HazardCovariate& cov : c_.covariates) {
      const auto& f = s_.inst.frames[cov.issue];
      z += cov.beta * (omega[cov.issue] - f.lo) / (f.hi - f.lo);
    }
    return z;
  }
  double hazard_of(const std::vector<double>& omega) const {
    const double z = log_hazard(omega);
    const double h = s_.bf.hazard_h0 * (z == 0 ? 1 : std::exp(z)) * harvest_pow_;
    return std::min(h, 1.0);
  }

  // Victory packages: the winner's leader's positions, the front at its end.
  std::vector<double> victory_package(int side) const {
    std::vector<double> omega;
    victory_package_into(side, omega);
    return omega;
  }
  void victory_package_into(int side, std::vector<double>& omega) const {
    omega = s_.de_facto;
    const int leader = c_.initial.sides[side].members[0].actor;
    if (c_.victory_all)
      for (int j = 0; j < m_; ++j)
        if (s_.inst.has(leader, j)) omega[j] = s_.inst.position(leader, j);
    const auto& f = s_.inst.frames[c_.front_issue];
    omega[c_.front_issue] = side == 0 ? f.hi : f.lo;
  }

  // V^war(k) of actor a for every front cell, with up-probability p.  O(N + issues).
  void war_values(int a, double p, std::vector<double>& out) {
    const Utility& u = s_.utility[a];
    double base = 1;
    for (int j = 0; j < m_; ++j)
      if (j != c_.front_issue) base -= u.term(j, s_.de_facto[j]);
    const double cost = cost_of(a);
    for (int k = 0; k <= c_.cells; ++k)
      flow_[k] = base - u.term(c_.front_issue, cell_value(k)) - cost;
    const double at_top = u.of(victory_[0]) / (1 - c_.delta);
    const double at_zero = u.of(victory_[1]) / (1 - c_.delta);
    const double act = s_.bf.activity;
    front_values_into(flow_, act * p, act * (1 - p), c_.delta, at_zero, at_top, out, scratch_);
  }

  // Probability that `side` wins within h periods from k; O(h N).
  double win_within(int k, double p, int h, int side) const {
    std::vector<double> dist(c_.cells + 1, 0), next(c_.cells + 1);
    dist[k] = 1;
    const double up = s_.bf.activity * p, down = s_.bf.activity * (1 - p);
    for (int step = 0; step < h; ++step) {
      std::fill(next.begin(), next.end(), 0);
      next[0] = dist[0];
      next[c_.cells] = dist[c_.cells];
      for (int i = 1; i < c_.cells; ++i) {
        next[i + 1] += up * dist[i];
        next[i - 1] += down * dist[i];
        next[i] += (1 - up - down) * dist[i];
      }
      dist.swap(next);
    }
    return side == 0 ? dist[c_.cells] : dist[0];
  }

  // --- formulator (section 11) -----------------------------------------------
  // Surplus of veto player v (value units): V^peace(omega) - r_v - margin.
  double surplus(int v, const std::vector<double>& omega, const std::vector<double>& r,
                 const std::vector<double>& wv) const {
    const double h = hazard_of(omega);
    const double u = s_.utility[c_.veto[v]].of(omega);
    return peace_value(u, wv[v], h, c_.delta) - r[v] - o_.margin / (1 - c_.delta);
  }
  // The smallest surplus over the veto players; the hazard is computed once.
  // O(veto x issues).
  double worst(const std::vector<double>& omega, const std::vector<double>& r,
               const std::vector<double>& wv) const {
    const double h = hazard_of(omega);
    const double m = o_.margin / (1 - c_.delta);
    double lo = std::numeric_limits<double>::infinity();
    for (std::size_t v = 0; v < c_.veto.size(); ++v) {
      const double u = s_.utility[c_.veto[v]].of(omega);
      lo = std::min(lo, peace_value(u, wv[v], h, c_.delta) - r[v] - m);
    }
    return lo;
  }
  // Coordinate search over `items` of omega: first maximise the worst surplus
  // (the gap minimiser), then, if every surplus is positive, the weighted Nash
  // product.  Returns the gap in per-period units (<= 0: a deal exists).
  // Along one coordinate j only term j of each utility and of the hazard
  // change, so each evaluation is O(veto):
  // O(sweeps x items x (golden + bisection iterations) x veto).
  double formulate(std::vector<double>& omega, const std::vector<int>& items,
                   const std::vector<double>& r, const std::vector<double>& wv,
                   const std::vector<double>& bias, bool nash) const {
    if (items.empty()) return -worst(omega, r, wv) * (1 - c_.delta);
    const std::size_t nv = c_.veto.size();
    const double m = o_.margin / (1 - c_.delta);
    std::vector<double>& base = base_scratch_;
    base.resize(nv);
    double z_rest = 0, beta = 0, lo_j = 0, span_j = 1, h_fixed = 0;
    auto prepare = [&](int j) {
      for (std::size_t v = 0; v < nv; ++v) {
        const Utility& u = s_.utility[c_.veto[v]];
        base[v] = u.of(omega) + u.term(j, omega[j]);
      }
      const auto& f = s_.inst.frames[j];
      lo_j = f.lo;
      span_j = f.hi - f.lo;
      beta = beta_issue_[j];
      z_rest = log_hazard(omega) - beta * (omega[j] - lo_j) / span_j;
      h_fixed = std::min(s_.bf.hazard_h0 * std::exp(z_rest) * harvest_pow_, 1.0);
    };
    auto hazard_at = [&](double x) {
      if (beta == 0) return h_fixed;
      return std::min(
          s_.bf.hazard_h0 * std::exp(z_rest + beta * (x - lo_j) / span_j) * harvest_pow_, 1.0);
    };
    auto surplus_at = [&](std::size_t v, int j, double x, double h) {
      const double u = base[v] - s_.utility[c_.veto[v]].term(j, x);
      return peace_value(u, wv[v], h, c_.delta) - r[v] - m;
    };
    auto worst_at = [&](int j, double x) {
      const double h = hazard_at(x);
      double w = std::numeric_limits<double>::infinity();
      for (std::size_t v = 0; v < nv; ++v) w = std::min(w, surplus_at(v, j, x, h));
      return w;
    };
    for (int sweep = 0; sweep < max_sweeps; ++sweep) {
      double moved = 0;
      for (int j : items) {
        prepare(j);
        const auto& f = s_.inst.frames[j];
        const double before = omega[j];
        const double x = golden_max([&](double y) { return worst_at(j, y); }, f.lo, f.hi);
        if (worst_at(j, x) >= worst_at(j, before)) omega[j] = x;
        moved = std::max(moved, std::abs(omega[j] - before));
      }
      if (moved < 1e-6 || items.size() == 1) break;
    }
    const double best = worst(omega, r, wv);
    if (nash && best > 0) {
      auto nash_at = [&](int j, double x) {
        const double h = hazard_at(x);
        double z = 0;
        for (std::size_t v = 0; v < nv; ++v) {
          const double sv = surplus_at(v, j, x, h);
          if (sv <= 0) return neg_inf;
          z += bias[v] * std::log(sv);
        }
        return z;
      };
      for (int sweep = 0; sweep < max_sweeps; ++sweep) {
        double moved = 0;
        for (int j : items) {
          prepare(j);
          const auto& f = s_.inst.frames[j];
          const double before = omega[j];
          // Feasible interval around the current point by bisection (the worst
          // surplus is unimodal along a coordinate).
          auto ok = [&](double x) { return worst_at(j, x) > 0; };
          double lo = f.lo, hi = f.hi;
          if (!ok(lo)) {
            double a = lo, b = before;
            for (int it = 0; it < golden_iterations; ++it) {
              const double mid = (a + b) / 2;
              (ok(mid) ? b : a) = mid;
            }
            lo = b;
          }
          if (!ok(hi)) {
            double a = before, b = hi;
            for (int it = 0; it < golden_iterations; ++it) {
              const double mid = (a + b) / 2;
              (ok(mid) ? a : b) = mid;
            }
            hi = a;
          }
          const double x = golden_max([&](double y) { return nash_at(j, y); }, lo, hi);
          if (nash_at(j, x) >= nash_at(j, before)) omega[j] = x;
          moved = std::max(moved, std::abs(omega[j] - before));
        }
        if (moved < 1e-6 || items.size() == 1) break;
      }
    }
    return -worst(omega, r, wv) * (1 - c_.delta);
  }

  // Early harvest of one separable issue: the Nash point of the per-period
  // gains over the de facto package, if every veto player gains.  O(iterations x veto).
  bool harvest(int j, const std::vector<double>& bias) {
    double lo = s_.inst.frames[j].lo, hi = s_.inst.frames[j].hi;
    const double sq = s_.de_facto[j];
    for (int v : c_.veto) {
      const Utility& u = s_.utility[v];
      if (u.weight[j] <= 0) continue;  // indifferent: no constraint
      const double d = std::abs(sq - u.ideal[j]);
      lo = std::max(lo, u.ideal[j] - d);
      hi = std::min(hi, u.ideal[j] + d);
    }
    if (hi - lo < 1e-6) return false;
    auto gain = [&](double x) {
      double z = 0;
      for (std::size_t v = 0; v < c_.veto.size(); ++v) {
        const Utility& u = s_.utility[c_.veto[v]];
        if (u.weight[j] <= 0) continue;
        const double g = u.term(j, sq) - u.term(j, x);
        if (g <= 0) return neg_inf;
        z += bias[v] * std::log(g);
      }
      return z;
    };
    const double x = golden_max(gain, lo, hi);
    if (gain(x) == neg_inf) return false;
    s_.de_facto[j] = x;
    s_.harvested[j] = 1;
    ++s_.harvests;
    harvest_pow_ *= c_.harvest_factor;
    return true;
  }

  // The issue that closes veto player v's gap at the least loss to the other
  // veto players (per-period utility units, first order); -1 if none.
  int cheapest_issue(int v, double gap, const std::vector<int>& items,
                     const std::vector<double>& omega) const {
    int best = -1;
    double best_cost = std::numeric_limits<double>::infinity();
    const Utility& me = s_.utility[c_.veto[v]];
    for (int j : items) {
      const double slope = me.weight[j] * me.inv_dmax[j];
      if (slope <= 0) continue;
      const double room = std::abs(omega[j] - me.ideal[j]);
      const double move = gap / slope;
      if (move > room) continue;
      const double x = omega[j] + (me.ideal[j] > omega[j] ? move : -move);
      double loss = 0;
      for (std::size_t w = 0; w < c_.veto.size(); ++w) {
        if (static_cast<int>(w) == v) continue;
        const Utility& other = s_.utility[c_.veto[w]];
        loss += other.term(j, x) - other.term(j, omega[j]);
      }
      if (loss < best_cost) best_cost = loss, best = j;
    }
    return best;
  }

  // The package on the table: de facto, provisional items, fill for the rest.
  std::vector<double> table_package(const std::vector<double>& forecast) const {
    std::vector<double> omega = s_.de_facto;
    for (int j = 0; j < m_; ++j) {
      if (s_.harvested[j] || s_.implemented[j]) continue;
      if (!std::isnan(s_.provisional[j]))
        omega[j] = s_.provisional[j];
      else if (c_.fill_expected && !forecast.empty())
        omega[j] = forecast[j];
    }
    return omega;
  }

  std::vector<int> open_items() const {
    std::vector<int> items;
    if (s_.phase >= static_cast<int>(c_.phases.size())) return items;
    const Phase& ph = c_.phases[s_.phase];
    for (int j : ph.issues)
      if (std::find(ph.separable.begin(), ph.separable.end(), j) == ph.separable.end())
        items.push_back(j);
    return items;
  }

  void void_provisional(bool including_implemented) {
    if (!c_.naueia && !including_implemented) return;
    for (int j = 0; j < m_; ++j) {
      if (s_.harvested[j]) continue;
      if (s_.implemented[j] && !including_implemented) continue;
      s_.provisional[j] = nan;
      if (s_.implemented[j]) {
        s_.implemented[j] = 0;
        s_.de_facto[j] = sq_[j];
      }
    }
    s_.de_facto[c_.front_issue] = cell_value(s_.front);
    s_.phase = 0;
    s_.all_agreed = false;
  }

  // Spatial step (section 10): the registered model's forecast on the current
  // positions and de facto status quo; positions move towards it on the
  // issues on the table.
  std::vector<double> spatial_step(int t, bool move) {
    // The forecast depends only on positions and the de facto package: reuse
    // it while neither changed (most recess and breakdown months).
    if (!positions_moved_ && !move && s_.de_facto == last_de_facto_) return last_forecast_;
    for (int j = 0; j < m_; ++j) s_.inst.frames[j].status_quo = s_.de_facto[j];
    RunContext ctx;
    ctx.seed = mix64(seed_ ^ (draw_ * 0x9e3779b97f4a7c15ULL) ^ static_cast<std::uint64_t>(t));
    ctx.draw = ens_;
    const Result res = spatial_->run(s_.inst, spatial_params_, ctx);
    std::vector<double> forecast = res.forecast;
    forecast.resize(m_, nan);
    for (int j = 0; j < m_; ++j)
      if (std::isnan(forecast[j])) forecast[j] = s_.de_facto[j];
    if (move && o_.accommodation > 0) {
      std::vector<int> table;
      for (int p = 0; p <= std::min(s_.phase, static_cast<int>(c_.phases.size()) - 1); ++p)
        for (int j : c_.phases[p].issues)
          if (!s_.harvested[j] && !s_.implemented[j]) table.push_back(j);
      for (int a = 0; a < n_; ++a) {
        for (int j : table) {
          if (!s_.inst.has(a, j)) continue;
          const double x = s_.inst.position(a, j);
          s_.inst.set(a, j, x + o_.accommodation * (forecast[j] - x), s_.inst.salience(a, j),
                      s_.inst.capability(a, j));
        }
        fill_utility(s_.utility[a], s_.inst, a);
      }
      positions_moved_ = true;
    } else {
      positions_moved_ = false;
    }
    last_forecast_ = forecast;
    last_de_facto_ = s_.de_facto;
    return forecast;
  }

  void period(int t, RunOutcome& out, std::vector<PeriodLog>* log) {
    const std::size_t nv = c_.veto.size();
    PeriodLog entry;
    entry.period = t;
    if (absorbing(s_.regime)) {
      out.regime[t - 1] = s_.regime;
      out.cause[t - 1] = Cause::not_fighting;
      if (log) {
        entry.regime = s_.regime;
        entry.front = s_.front;
        entry.cause = Cause::not_fighting;
        log->push_back(entry);
      }
      return;
    }
    apply_events(t);  // step 1

    // Step 2: battle.
    double shock = 0;
    const double p = true_p();
    if (fighting(s_.regime)) {
      for (int side = 0; side < 2; ++side) {
        out.cost[side] += side_cost(side);
        out.period_cost[static_cast<std::size_t>(t - 1) * 2 + side] = side_cost(side);
      }
      Stream battle = stream(Subsystem::battle, t);
      const int before = s_.front;
      s_.front = front_step(s_.front, c_.cells, s_.bf.activity * p, s_.bf.activity * (1 - p),
                            battle.uniform());
      shock = std::abs(s_.front - before) / static_cast<double>(c_.cells);
      s_.de_facto[c_.front_issue] = cell_value(s_.front);
      // Step 3: beliefs learn from the battle (section 5, Beta-Bernoulli).
      if (s_.front != before)
        for (std::size_t v = 0; v < nv; ++v)
          if (s_.learns[v]) s_.belief[v].observe(s_.front > before);
      if (s_.front == c_.cells || s_.front == 0) {
        s_.regime = s_.front == c_.cells ? Regime::victory_a : Regime::victory_b;
        const auto win = victory_package(s_.front == c_.cells ? 0 : 1);
        s_.de_facto = win;
        out.regime[t - 1] = s_.regime;
        out.cause[t - 1] = Cause::not_fighting;
        if (log) {
          entry.regime = s_.regime;
          entry.front = s_.front;
          log->push_back(entry);
        }
        return;
      }
    }

    // Step 4: reservation values under beliefs (r) and the truth (rt).
    victory_package_into(0, victory_[0]);
    victory_package_into(1, victory_[1]);
    std::vector<double> r(nv), rt(nv), belief_p(nv);
    std::vector<char> hurting(nv, 1);
    for (std::size_t v = 0; v < nv; ++v) {
      const int a = c_.veto[v];
      belief_p[v] = s_.learns[v] ? s_.belief[v].mean() : p;
      war_values(a, belief_p[v], values_);
      r[v] = values_[s_.front];
      // Ripeness: the expected change of the war value is negative and a
      // decisive win within h periods is unlikely (section 14).
      const int side = c_.side_of(a);
      if (side >= 0) {
        const double expected_change =
            (values_[s_.front] * (1 - c_.delta) - flow_[s_.front]) / c_.delta;
        hurting[v] =
            expected_change * (1 - c_.delta) < -c_.regime.ripe_eps &&
            win_within(s_.front, belief_p[v], c_.regime.ripe_horizon, side) < c_.regime.ripe_tau;
      }
      war_values(a, p, values_);
      rt[v] = values_[s_.front];
    }
    std::vector<double> wv = r, wt = rt;  // war values entering V^peace
    if (s_.regime == Regime::ceasefire) {
      // The outside option in a ceasefire is to keep it, not to fight.
      for (std::size_t v = 0; v < nv; ++v) {
        const double u = s_.utility[c_.veto[v]].of(s_.de_facto);
        const double h = hazard_of(s_.de_facto);
        r[v] = peace_value(u, wv[v], h, c_.delta);
        rt[v] = peace_value(u, wt[v], h, c_.delta);
      }
    }

    // Audience costs (spec 9.1): a red line raises the value a deal must beat.
    for (std::size_t v = 0; v < nv; ++v) {
      const Audience& aud = c_.audience[c_.veto[v]];
      const double extra = aud.cost * std::pow(aud.decay, t - 1) / (1 - c_.delta);
      r[v] += extra;
      rt[v] += extra;
    }

    // Step 5: the mediator of the period and its bias weights.
    std::vector<double> bias(nv, 1);
    double med_activity = 0;
    {
      double total = 0;
      for (double act : s_.bf.mediator_activity)
        total += act, med_activity = std::max(med_activity, act);
      if (total > 0) {
        Stream ms = stream(Subsystem::mediator, t);
        double u = ms.uniform() * total;
        std::size_t chosen = 0;
        for (; chosen + 1 < s_.bf.mediator_activity.size(); ++chosen) {
          if (u < s_.bf.mediator_activity[chosen]) break;
          u -= s_.bf.mediator_activity[chosen];
        }
        const double b = c_.mediators[chosen].bias;
        for (std::size_t v = 0; v < nv; ++v) {
          const int side = c_.side_of(c_.veto[v]);
          bias[v] = side == 0 ? 1 + b : side == 1 ? 1 - b : 1;
        }
      }
    }

    // Step 6: bargaining on the agenda (talks, or talks inside a ceasefire).
    const bool bargaining =
        (s_.regime == Regime::talks || s_.regime == Regime::ceasefire) && !s_.all_agreed;
    bool progress = false, ceasefire_now = false;
    std::vector<double> forecast;
    if (bargaining) {
      // Phases with only early-harvest items do not hold up the agenda.
      while (s_.phase < static_cast<int>(c_.phases.size()) && open_items().empty()) ++s_.phase;
      forecast = spatial_step(t, true);
      for (int ph = 0; ph <= std::min(s_.phase, static_cast<int>(c_.phases.size()) - 1); ++ph)
        for (int j : c_.phases[ph].separable)
          if (!s_.harvested[j] && harvest(j, bias)) progress = true;
    } else if (fighting(s_.regime) && c_.fill_expected) {
      forecast = spatial_step(t, false);
    }
    std::vector<int> items = open_items();
    std::vector<double> omega = table_package(forecast);
    std::vector<double> omega_true = omega;
    const double true_gap = formulate(omega_true, items, rt, wt, bias, false);
    const double gap = formulate(omega, items, r, wv, bias, bargaining);
    if (bargaining) {
      if (gap < 0 && s_.phase < static_cast<int>(c_.phases.size())) {
        // Step 7: every veto player accepts the text (the formulator kept
        // every surplus positive); provisional agreement on the phase.
        const Phase& ph = c_.phases[s_.phase];
        for (int j : items) s_.provisional[j] = omega[j];
        progress = true;
        ++s_.phase;
        const bool last = s_.phase == static_cast<int>(c_.phases.size());
        bool any_ceasefire_phase = false;
        for (const Phase& q : c_.phases) any_ceasefire_phase = any_ceasefire_phase || q.ceasefire;
        if (last) s_.all_agreed = true;
        if (fighting(s_.regime) && (ph.ceasefire || (last && !any_ceasefire_phase)))
          ceasefire_now = true;
        if (ceasefire_now || s_.regime == Regime::ceasefire || !c_.naueia) {
          // Implement what is agreed: the package in force changes.
          for (int j = 0; j < m_; ++j)
            if (!std::isnan(s_.provisional[j]) && !s_.harvested[j]) {
              s_.de_facto[j] = s_.provisional[j];
              s_.implemented[j] = 1;
            }
        }
      } else if (gap > 0) {
        for (std::size_t v = 0; v < nv; ++v) {
          const double sv = -surplus(static_cast<int>(v), omega, r, wv) * (1 - c_.delta);
          out.blocker_gap[v] = sv > 0 ? sv : nan;
          out.blocker_issue[v] =
              sv > 0 ? cheapest_issue(static_cast<int>(v), sv, items, omega) : -1;
        }
      }
    }
    if (gap <= 0 && bargaining) std::fill(out.blocker_gap.begin(), out.blocker_gap.end(), nan);

    // Diagnostics (section 14).
    Cause cause = Cause::none;
    if (!fighting(s_.regime))
      cause = Cause::not_fighting;
    else if (gap > 0)
      cause = true_gap <= 0 ? Cause::information : Cause::structural;
    bool ripe = gap <= 0;
    for (std::size_t v = 0; v < nv; ++v)
      if (c_.side_of(c_.veto[v]) >= 0) ripe = ripe && hurting[v];

    // Step 8: regime transition (section 9.4).
    if (gap < s_.last_gap - c_.regime.eps_prog) progress = true;
    s_.stall = progress ? 0 : s_.stall + 1;
    const auto& k = c_.regime;
    Stream rs = stream(Subsystem::regime, t);
    const double u = rs.uniform();
    switch (s_.regime) {
      case Regime::talks:
        if (ceasefire_now) {
          s_.regime = Regime::ceasefire;
          s_.ceasefire_periods = 0;
        } else {
          const double h_break =
              logistic(k.a_b + k.b_b * shock + k.c_b * std::max(true_gap - s_.last_gap, 0.0));
          const double h_rec = logistic(k.a_r + k.b_r * std::max(true_gap, 0.0) + k.c_r * s_.stall);
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
        if (u < logistic(k.a_t + k.b_t * ripe + k.c_t * med_activity + k.d_t * s_.recess_periods))
          s_.regime = Regime::talks;
        break;
      case Regime::breakdown:
        if (u < logistic(k.a_k + k.b_k * ripe + k.c_k * med_activity)) s_.regime = Regime::talks;
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
    s_.last_gap = true_gap;
    out.regime[t - 1] = s_.regime;
    out.cause[t - 1] = cause;
    if ((s_.regime == Regime::ceasefire || s_.regime == Regime::peace) && !out.first_ceasefire)
      out.first_ceasefire = t;
    if (log) {
      entry.regime = s_.regime;
      entry.front = s_.front;
      entry.gap = gap;
      entry.true_gap = true_gap;
      entry.cause = cause;
      entry.ripe = ripe;
      entry.belief = belief_p;
      entry.reservation = r;
      entry.phase = s_.phase;
      log->push_back(std::move(entry));
    }
  }

  const Conflict& c_;
  const Options& o_;
  const Model* spatial_;
  const Params& spatial_params_;
  int horizon_;
  std::uint64_t seed_, ens_, draw_;
  int n_, m_;
  State s_;
  std::vector<char> enabled_;
  std::vector<double> sq_;  // status quo per issue of this war's inputs
  double harvest_pow_ = 1;  // harvest_factor ^ harvests
  mutable std::vector<double> base_scratch_;
  std::vector<double> last_forecast_;  // spatial forecast, valid while !spatial_dirty_
  std::vector<double> last_de_facto_;
  bool positions_moved_ = true;
  std::vector<double> beta_issue_;  // hazard covariate coefficient per issue
  std::vector<double> victory_[2];  // victory packages of the current period
  std::vector<double> veto_w_, veto_t_, flow_, values_, scratch_;
};

// Sums of a block of runs; blocks are combined in order so the result does
// not depend on how blocks were spread over threads.
struct Block {
  std::vector<std::array<double, regime_count>> regime;
  std::vector<double> ceasefire_by;
  std::vector<std::array<double, 2>> cost;
  std::vector<std::array<double, 4>> cause;
  std::vector<double> de_facto, positions, blocked, gap;
  std::vector<std::vector<int>> blocker_issue;
  std::vector<std::vector<double>> terms;  // per issue, in draw order
};

constexpr int block_size = 256;

}  // namespace

Simulator::Simulator(Conflict conflict, const Instance& instance, Options options)
    : conflict_(std::move(conflict)), instance_(instance), options_(std::move(options)) {
  horizon_ = options_.horizon > 0 ? options_.horizon : conflict_.horizon;
  if (options_.spatial == "war")
    throw Error("spatial: the war model cannot be its own spatial layer");
  spatial_ = &find_model(options_.spatial);
  spatial_model_ = spatial_->make();
  spatial_params_ = resolve(spatial_->schema, options_.spatial_params, "spatial");
  for (const std::string& name : options_.what_if) {
    bool known = false;
    for (const Event& e : conflict_.events) known = known || e.optional == name;
    if (!known) throw Error("what_if: the scenario has no optional event '" + name + "'");
  }
}

Simulator::~Simulator() = default;

RunOutcome Simulator::run(std::uint64_t seed, std::uint64_t ensemble_draw, std::uint64_t draw,
                          std::vector<PeriodLog>* log) const {
  if (options_.sample_inputs && options_.scenario) {
    const Instance drawn = realise(*options_.scenario, [&](const Uncertain& value, double lo,
                                                           double hi, std::uint64_t index) {
      if (value.is_fixed()) return value.nominal();
      Stream s(seed, {ensemble_draw, draw, static_cast<std::uint64_t>(Subsystem::sampling), index});
      return value.quantile(s.uniform(), lo, hi);
    });
    Run r(conflict_, drawn, options_, spatial_model_.get(), spatial_params_, horizon_, seed,
          ensemble_draw, draw);
    return r.go(log);
  }
  Run r(conflict_, instance_, options_, spatial_model_.get(), spatial_params_, horizon_, seed,
        ensemble_draw, draw);
  return r.go(log);
}

Summary Simulator::simulate(std::uint64_t seed, std::uint64_t ensemble_draw, int draws) const {
  const int T = horizon_, n = instance_.actors(), m = instance_.issues();
  const int nv = static_cast<int>(conflict_.veto.size());
  const int blocks = (draws + block_size - 1) / block_size;
  std::vector<Block> sums(blocks);
  auto work = [&](int b) {
    Block& s = sums[b];
    s.regime.assign(T, {});
    s.ceasefire_by.assign(T, 0);
    s.cost.assign(T, {});
    s.cause.assign(T, {});
    s.de_facto.assign(m, 0);
    s.positions.assign(static_cast<std::size_t>(T + 1) * n * m, 0);
    s.blocked.assign(nv, 0);
    s.gap.assign(nv, 0);
    s.blocker_issue.assign(nv, std::vector<int>(m, 0));
    s.terms.assign(m, {});
    const int first = b * block_size, last = std::min(draws, first + block_size);
    for (int d = first; d < last; ++d) {  // O(draws x periods x period cost)
      const RunOutcome o = run(seed, ensemble_draw, static_cast<std::uint64_t>(d));
      double cumulative[2] = {0, 0};
      for (int t = 0; t < T; ++t) {
        s.regime[t][static_cast<int>(o.regime[t])] += 1;
        if (o.first_ceasefire && o.first_ceasefire <= t + 1) s.ceasefire_by[t] += 1;
        for (int side = 0; side < 2; ++side) {
          cumulative[side] += o.period_cost[static_cast<std::size_t>(t) * 2 + side];
          s.cost[t][side] += cumulative[side];
        }
        s.cause[t][static_cast<int>(o.cause[t])] += 1;
      }
      for (int j = 0; j < m; ++j) {
        s.de_facto[j] += o.de_facto[j];
        if (!std::isnan(o.terms[j])) s.terms[j].push_back(o.terms[j]);
      }
      for (std::size_t q = 0; q < o.positions.size(); ++q) s.positions[q] += o.positions[q];
      const bool settled = o.regime[T - 1] == Regime::ceasefire || o.regime[T - 1] == Regime::peace;
      for (int v = 0; v < nv; ++v) {
        if (settled || std::isnan(o.blocker_gap[v])) continue;
        s.blocked[v] += 1;
        s.gap[v] += o.blocker_gap[v];
        if (o.blocker_issue[v] >= 0) s.blocker_issue[v][o.blocker_issue[v]] += 1;
      }
    }
  };
  // Blocks go to the threads; a throw inside any of them reaches the caller.
  parallel_for(static_cast<std::uint64_t>(blocks), options_.threads,
               [&](std::uint64_t b) { work(static_cast<int>(b)); });

  Summary out;
  out.draws = draws;
  out.periods = T;
  out.regime_share.assign(T, {});
  out.ceasefire_by.assign(T, 0);
  out.expected_cost.assign(T, {});
  out.cause_share.assign(T, {});
  out.terms.assign(m, {});
  out.de_facto_mean.assign(m, 0);
  out.positions_mean.assign(static_cast<std::size_t>(T + 1) * n * m, 0);
  out.blocked_share.assign(nv, 0);
  out.blocker_gap_mean.assign(nv, 0);
  out.blocker_issue_count.assign(nv, std::vector<int>(m, 0));
  for (const Block& s : sums) {  // in block order
    for (int t = 0; t < T; ++t) {
      for (int g = 0; g < regime_count; ++g) out.regime_share[t][g] += s.regime[t][g];
      out.ceasefire_by[t] += s.ceasefire_by[t];
      for (int side = 0; side < 2; ++side) out.expected_cost[t][side] += s.cost[t][side];
      for (int g = 0; g < 4; ++g) out.cause_share[t][g] += s.cause[t][g];
    }
    for (int j = 0; j < m; ++j) {
      out.de_facto_mean[j] += s.de_facto[j];
      out.terms[j].insert(out.terms[j].end(), s.terms[j].begin(), s.terms[j].end());
    }
    for (std::size_t q = 0; q < s.positions.size(); ++q) out.positions_mean[q] += s.positions[q];
    for (int v = 0; v < nv; ++v) {
      out.blocked_share[v] += s.blocked[v];
      out.blocker_gap_mean[v] += s.gap[v];
      for (int j = 0; j < m; ++j) out.blocker_issue_count[v][j] += s.blocker_issue[v][j];
    }
  }
  const double inv = 1.0 / draws;
  for (int t = 0; t < T; ++t) {
    for (auto& x : out.regime_share[t]) x *= inv;
    out.ceasefire_by[t] *= inv;
    for (auto& x : out.expected_cost[t]) x *= inv;
    for (auto& x : out.cause_share[t]) x *= inv;
  }
  for (auto& x : out.de_facto_mean) x *= inv;
  for (auto& x : out.positions_mean) x *= inv;
  for (int v = 0; v < nv; ++v) {
    out.blocker_gap_mean[v] =
        out.blocked_share[v] > 0 ? out.blocker_gap_mean[v] / out.blocked_share[v] : nan;
    out.blocked_share[v] *= inv;
  }
  return out;
}

}  // namespace parley::war
