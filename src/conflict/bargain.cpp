// Monthly steps 5-7: the mediator, the table, the text, acceptance and early
// harvest (docs/models/war.md, "Mediators" and "Bargaining").
#include <algorithm>
#include <cmath>

#include "conflict/run.h"
#include "parley/model.h"

namespace parley::war {
namespace {

constexpr double neg_inf = -std::numeric_limits<double>::infinity();
constexpr int golden_iterations = 28;  // 100 * 0.618^28 ~ 1.4e-4 on a 0-100 scale
constexpr int max_sweeps = 3;
constexpr int anneal_proposals = 8;      // mutations a mediator tries per month
constexpr double anneal_step = 0.1;      // largest mutation, share of the issue scale
constexpr double leverage_hazard = 1.5;  // breakdown hazard factor of bought deals

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

}  // namespace

// --- step 5: the mediator of the month ---------------------------------------

// Draws the month's mediator with probability proportional to its activity
// (stream `mediator`) and fills the Nash weights: 1 + bias for side A's veto
// players, 1 - bias for side B's.  Returns -1 (direct talks) without one.
int Run::choose_mediator(int t, std::vector<double>& bias, double& activity) const {
  const std::size_t nv = c_.veto.size();
  bias.assign(nv, 1);
  activity = 0;
  double total = 0;
  for (double act : s_.bf.mediator_activity) total += act, activity = std::max(activity, act);
  if (total <= 0) return -1;
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
  return static_cast<int>(chosen);
}

// --- steps 6-7: bargaining and acceptance --------------------------------------

Bargain Run::bargain(int t, const Reservation& res, int mediator, const std::vector<double>& bias) {
  Bargain b;
  b.bargaining = (s_.regime == Regime::talks || s_.regime == Regime::ceasefire) && !s_.all_agreed;
  std::vector<double> forecast;
  if (b.bargaining) {
    // Phases with only early-harvest items do not hold up the agenda.
    while (s_.phase < static_cast<int>(c_.phases.size()) && open_items().empty()) ++s_.phase;
    forecast = spatial_step(t, true);
    for (int ph = 0; ph <= std::min(s_.phase, static_cast<int>(c_.phases.size()) - 1); ++ph)
      for (int j : c_.phases[ph].separable)
        if (!s_.harvested[j] && harvest(j, bias)) b.progress = true;
  } else if (fighting(s_.regime) && c_.fill_expected) {
    forecast = spatial_step(t, false);
  }
  b.items = open_items();
  b.table = table_package(forecast);
  const std::vector<double> ones(c_.veto.size(), 1);
  std::vector<double> omega_true = b.table;
  b.true_gap = formulate(omega_true, b.items, res.rt, res.wt, ones, false);
  b.omega = b.table;
  b.gap = formulate(b.omega, b.items, res.r, res.wv, ones, false);
  if (!b.bargaining || s_.phase >= static_cast<int>(c_.phases.size())) return b;
  // A side that expects to decline prefers to fight now (Powell 2006): no
  // text is put while the commitment problem lasts.
  if (fighting(s_.regime) && commitment_problem(t, res)) return b;
  const std::vector<double> text = propose(t, b, res, mediator, bias);
  b.proposed = true;
  if (accept(text, res, mediator)) {
    b.accepted = true;
    agree(text, b);
  }
  return b;
}

// The text of the month.  The mediator does not see the veto players'
// private beliefs: it formulates under its estimates of them (Run::State
// estimate) and the public red lines.
std::vector<double> Run::propose(int t, const Bargain& b, const Reservation& res, int mediator,
                                 const std::vector<double>& bias) {
  if (mediator >= 0 && c_.mediators[mediator].style == MediatorStyle::annealing)
    return anneal(t, b, c_.mediators[mediator]);
  std::vector<double> text = b.table;
  formulate(text, b.items, res.rm, res.wm, bias, true);
  return text;
}

// Annealing single text (Klein et al. 2003): mutations of one open item;
// each veto player votes for a worse text with probability
// exp(-loss / T), T = T0 cooling^(months worked on the text); a mutation
// every veto player votes for replaces the text.  O(proposals x veto x issues).
std::vector<double> Run::anneal(int t, const Bargain& b, const Mediator& med) {
  if (s_.text.empty() || s_.text_phase != s_.phase) {
    s_.text = b.table;
    s_.text_phase = s_.phase;
    s_.text_age = 0;
  }
  for (int j = 0; j < m_; ++j)
    if (std::find(b.items.begin(), b.items.end(), j) == b.items.end()) s_.text[j] = b.table[j];
  if (b.items.empty()) return s_.text;
  const double temperature = med.temperature * std::pow(med.cooling, s_.text_age++);
  Stream st = stream(Subsystem::bargain, t);
  std::vector<double> candidate;
  for (int k = 0; k < anneal_proposals; ++k) {
    const int j = b.items[st.below(b.items.size())];
    const auto& f = s_.inst.frames[j];
    candidate = s_.text;
    const double move = (2 * st.uniform() - 1) * anneal_step * (f.hi - f.lo);
    candidate[j] = std::clamp(candidate[j] + move, f.lo, f.hi);
    bool all = true;
    for (int v : c_.veto) {
      const double loss = s_.utility[v].of(s_.text) - s_.utility[v].of(candidate);
      const double u = st.uniform();
      all = all && (loss <= 0 || (temperature > 0 && u < std::exp(-loss / temperature)));
    }
    if (all) s_.text.swap(candidate);
  }
  return s_.text;
}

// Every veto player accepts iff its surplus under its own beliefs is >= 0.
// A leverage mediator buys out the shortfalls within its limits; otherwise
// each rejection truncates the mediator's estimate from below.
bool Run::accept(const std::vector<double>& text, const Reservation& res, int mediator) {
  const std::size_t nv = c_.veto.size();
  std::vector<double> shortfall(nv, 0);  // per-period utility
  bool all = true;
  for (std::size_t v = 0; v < nv; ++v) {
    const double sv = surplus(static_cast<int>(v), text, res.r, res.wv);
    if (sv < 0) shortfall[v] = -sv * (1 - c_.delta), all = false;
  }
  if (all) return true;
  if (mediator >= 0 && c_.mediators[mediator].style == MediatorStyle::leverage) {
    const Mediator& med = c_.mediators[mediator];
    const double largest = *std::max_element(shortfall.begin(), shortfall.end());
    double total = 0;
    for (double x : shortfall) total += x;
    if (largest <= med.leverage && s_.budget_spent + total <= med.budget) {
      s_.budget_spent += total;
      s_.bought = true;
      return true;
    }
  }
  for (std::size_t v = 0; v < nv; ++v)
    if (shortfall[v] > 0 && s_.learns[v]) truncate(static_cast<int>(v), text);
  return false;
}

// Belief truncation after a rejection: the mediator learns that veto player
// v believes in odds at which the text is worth less than fighting.  If its
// estimate had v accepting, the estimate moves to the nearest odds (towards
// the end of [0, 1] where v's surplus is lowest) at which v rejects; the
// weight is kept.  O(bisection x N).
void Run::truncate(int v, const std::vector<double>& text) {
  const int a = c_.veto[v];
  const double h = hazard_of(text);
  const double m = o_.margin / (1 - c_.delta);
  auto surplus_at = [&](double p) {
    double war = 0;
    const double r = reservation_at(v, p, war);
    return peace_value(s_.utility[a].of(text), war, h, c_.delta) - r - m;
  };
  BetaBelief& e = s_.estimate[v];
  double inside = e.mean();
  if (surplus_at(inside) < 0) return;  // the mediator expected the rejection
  const double low = 1e-3, high = 1 - 1e-3;
  const double at_low = surplus_at(low), at_high = surplus_at(high);
  double outside = at_low < at_high ? low : high;
  if (std::min(at_low, at_high) >= 0) return;
  for (int it = 0; it < golden_iterations; ++it) {
    const double mid = (inside + outside) / 2;
    (surplus_at(mid) < 0 ? outside : inside) = mid;
  }
  const double weight = e.alpha + e.beta;
  e.alpha = outside * weight;
  e.beta = (1 - outside) * weight;
}

// The phase's items become provisional; agreeing a ceasefire phase (or the
// last phase when none is flagged) starts a CEASEFIRE and implements them.
void Run::agree(const std::vector<double>& text, Bargain& b) {
  const Phase& ph = c_.phases[s_.phase];
  for (int j : b.items) s_.provisional[j] = text[j];
  b.progress = true;
  ++s_.phase;
  const bool last = s_.phase == static_cast<int>(c_.phases.size());
  bool any_ceasefire_phase = false;
  for (const Phase& q : c_.phases) any_ceasefire_phase = any_ceasefire_phase || q.ceasefire;
  if (last) s_.all_agreed = true;
  if (fighting(s_.regime) && (ph.ceasefire || (last && !any_ceasefire_phase)))
    b.ceasefire_now = true;
  if (!b.ceasefire_now && s_.regime != Regime::ceasefire && c_.naueia) return;
  // Implement what is agreed: the package in force changes, and an agreed
  // line is where the front stands should fighting resume.
  for (int j = 0; j < m_; ++j)
    if (!std::isnan(s_.provisional[j]) && !s_.harvested[j]) {
      s_.de_facto[j] = s_.provisional[j];
      s_.implemented[j] = 1;
      if (j == c_.front_issue) s_.front = cell_of(s_.provisional[j]);
    }
}

void Run::record_blockers(const Bargain& b, const Reservation& res, RunOutcome& out) const {
  for (std::size_t v = 0; v < c_.veto.size(); ++v) {
    double sv = nan;
    if (b.gap > 0) sv = -surplus(static_cast<int>(v), b.omega, res.r, res.wv) * (1 - c_.delta);
    out.blocker_gap[v] = sv > 0 ? sv : nan;
    out.blocker_issue[v] = sv > 0 ? cheapest_issue(static_cast<int>(v), sv, b.items, b.omega) : -1;
  }
}

// --- the formulator -------------------------------------------------------------

// Log of the covariate factor of the ceasefire hazard.
double Run::log_hazard(const std::vector<double>& omega) const {
  double z = 0;
  for (const HazardCovariate& cov : c_.covariates) {
    const auto& f = s_.inst.frames[cov.issue];
    z += cov.beta * (omega[cov.issue] - f.lo) / (f.hi - f.lo);
  }
  return z;
}

// Monthly breakdown hazard of package omega in force (Fortna 2003 covariates,
// early-harvest factor, and the factor of a deal bought with leverage).
double Run::hazard_of(const std::vector<double>& omega) const {
  const double z = log_hazard(omega);
  double h = s_.bf.hazard_h0 * (z == 0 ? 1 : std::exp(z)) * harvest_pow_;
  if (s_.bought) h *= leverage_hazard;
  return std::min(h, 1.0);
}

// Surplus of veto player v (value units): V^peace(omega) - r_v - margin.
double Run::surplus(int v, const std::vector<double>& omega, const std::vector<double>& r,
                    const std::vector<double>& wv) const {
  const double h = hazard_of(omega);
  const double u = s_.utility[c_.veto[v]].of(omega);
  return peace_value(u, wv[v], h, c_.delta) - r[v] - o_.margin / (1 - c_.delta);
}

// The smallest surplus over the veto players; the hazard is computed once.
// O(veto x issues).
double Run::worst(const std::vector<double>& omega, const std::vector<double>& r,
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
// (the gap minimiser), then, if every surplus is positive and `nash`, the
// weighted Nash product.  An indivisible item (unless `divisible`) takes only
// its ends or a veto player's ideal.  Returns the gap in per-period units
// (<= 0: a deal exists).  Along one coordinate j only term j of each utility
// and of the hazard change, so each evaluation is O(veto):
// O(sweeps x items x (golden + bisection iterations) x veto).
// Kept whole (about 100 lines): its lambdas share the per-coordinate state.
double Run::formulate(std::vector<double>& omega, const std::vector<int>& items,
                      const std::vector<double>& r, const std::vector<double>& wv,
                      const std::vector<double>& bias, bool nash, bool divisible) const {
  if (items.empty()) return -worst(omega, r, wv) * (1 - c_.delta);
  const std::size_t nv = c_.veto.size();
  const double m = o_.margin / (1 - c_.delta);
  const double bought = s_.bought ? leverage_hazard : 1;
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
    h_fixed = std::min(s_.bf.hazard_h0 * std::exp(z_rest) * harvest_pow_ * bought, 1.0);
  };
  auto hazard_at = [&](double x) {
    if (beta == 0) return h_fixed;
    return std::min(
        s_.bf.hazard_h0 * std::exp(z_rest + beta * (x - lo_j) / span_j) * harvest_pow_ * bought,
        1.0);
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
  // The best of the admissible values of an indivisible item.  O(veto^2).
  auto best_point = [&](int j, auto&& score) {
    const auto& f = s_.inst.frames[j];
    double best = f.lo, best_score = score(f.lo);
    auto consider = [&](double x) {
      const double z = score(x);
      if (z > best_score) best = x, best_score = z;
    };
    consider(f.hi);
    for (int a : c_.veto)
      if (s_.utility[a].weight[j] > 0) consider(s_.utility[a].ideal[j]);
    return best;
  };
  auto indivisible = [&](int j) { return !divisible && c_.indivisible[j]; };
  // Up to max_sweeps passes over the items; pick(j, before) is item j's new value.
  auto sweeps = [&](auto&& pick) {
    for (int sweep = 0; sweep < max_sweeps; ++sweep) {
      double moved = 0;
      for (int j : items) {
        prepare(j);
        const double before = omega[j];
        omega[j] = pick(j, before);
        moved = std::max(moved, std::abs(omega[j] - before));
      }
      if (moved < 1e-6 || items.size() == 1) break;
    }
  };
  sweeps([&](int j, double before) {
    const auto& f = s_.inst.frames[j];
    auto score = [&](double y) { return worst_at(j, y); };
    if (indivisible(j)) return best_point(j, score);
    const double x = golden_max(score, f.lo, f.hi);
    return worst_at(j, x) >= worst_at(j, before) ? x : before;
  });
  if (!nash || worst(omega, r, wv) <= 0) return -worst(omega, r, wv) * (1 - c_.delta);
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
  sweeps([&](int j, double before) {
    const auto& f = s_.inst.frames[j];
    auto score = [&](double y) { return nash_at(j, y); };
    double x = before;
    if (indivisible(j)) {
      x = best_point(j, score);
    } else {
      // Feasible interval around the current point by bisection (the worst
      // surplus is unimodal along a coordinate).
      auto ok = [&](double y) { return worst_at(j, y) > 0; };
      double lo = f.lo, hi = f.hi;
      if (!ok(lo)) {
        double a = lo, b = before;
        for (int it = 0; it < golden_iterations; ++it) (ok((a + b) / 2) ? b : a) = (a + b) / 2;
        lo = b;
      }
      if (!ok(hi)) {
        double a = before, b = hi;
        for (int it = 0; it < golden_iterations; ++it) (ok((a + b) / 2) ? a : b) = (a + b) / 2;
        hi = a;
      }
      x = golden_max(score, lo, hi);
    }
    return nash_at(j, x) >= nash_at(j, before) ? x : before;
  });
  return -worst(omega, r, wv) * (1 - c_.delta);
}

// Early harvest of one separable issue: the Nash point of the per-period
// gains over the de facto package, if every veto player gains.  O(iterations x veto).
bool Run::harvest(int j, const std::vector<double>& bias) {
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
int Run::cheapest_issue(int v, double gap, const std::vector<int>& items,
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
std::vector<double> Run::table_package(const std::vector<double>& forecast) const {
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

std::vector<int> Run::open_items() const {
  std::vector<int> items;
  if (s_.phase >= static_cast<int>(c_.phases.size())) return items;
  const Phase& ph = c_.phases[s_.phase];
  for (int j : ph.issues)
    if (std::find(ph.separable.begin(), ph.separable.end(), j) == ph.separable.end())
      items.push_back(j);
  return items;
}

// A breakdown voids what was provisional (under NAUEIA) and, after a
// ceasefire, what was implemented; the front stays where it stands, so
// ground ceded in an agreed line stays ceded.
void Run::void_provisional(bool including_implemented) {
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
  s_.bought = false;
  s_.text.clear();
}

// Spatial step: the registered model's forecast on the current positions and
// de facto status quo; positions move towards it on the issues on the table.
std::vector<double> Run::spatial_step(int t, bool move) {
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

}  // namespace parley::war
