// Lifecycle of one simulated war and the monthly steps 1-4: events, battle,
// beliefs, reservation values (docs/models/war.md, "The monthly loop").
#include <algorithm>
#include <cmath>

#include "conflict/run.h"

namespace parley::war {
namespace {

double mean_capability(const Instance& inst, int a, int preferred_issue) {
  if (inst.has(a, preferred_issue)) return inst.capability(a, preferred_issue);
  double sum = 0;
  int count = 0;
  for (int j = 0; j < inst.issues(); ++j)
    if (inst.has(a, j)) sum += inst.capability(a, j), ++count;
  return count ? sum / count : 0;
}

double logit(double p) {
  p = std::clamp(p, 1e-9, 1 - 1e-9);
  return std::log(p / (1 - p));
}

}  // namespace

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

Run::Run(const Conflict& c, const Instance& base, const Options& o, const Model* spatial,
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
  s_.utility.resize(n_);
  for (int a = 0; a < n_; ++a) fill_utility(s_.utility[a], base, a);
  for (int j = 0; j < m_; ++j) sq_.push_back(base.frames[j].status_quo.value_or(c.status_quo[j]));
  s_.de_facto = sq_;
  s_.provisional.assign(m_, nan);
  s_.harvested.assign(m_, 0);
  s_.implemented.assign(m_, 0);
  s_.regime = c.start_regime;
  s_.front = c.start_cell;
  s_.de_facto[c.front_issue] = cell_value(s_.front);
  const double p0 = true_p();
  for (int v : c.veto) {
    const auto& b = c.beliefs[v];
    BetaBelief beta, estimate;
    const bool learns = b && b->weight > 0;
    if (learns) {
      beta = {b->p * b->weight, (1 - b->p) * b->weight};
      estimate = {p0 * b->weight, (1 - p0) * b->weight};
    }
    s_.belief.push_back(beta);
    s_.estimate.push_back(estimate);
    s_.learns.push_back(learns);
  }
  s_.resolve_sum.assign(c.veto.size(), 0);
  s_.resolve_error.assign(c.veto.size(), 0);
  s_.red_line.assign(n_, 1);
  beta_issue_.assign(m_, 0);
  for (const HazardCovariate& cov : c.covariates) beta_issue_[cov.issue] += cov.beta;
  flow_.resize(c.cells + 1);
  values_.resize(c.cells + 1);
  scratch_.resize(static_cast<std::size_t>(c.cells + 1) * 3);
  for (const Event& e : c.events)
    enabled_.push_back(e.optional.empty() || std::find(o.what_if.begin(), o.what_if.end(),
                                                       e.optional) != o.what_if.end());
}

RunOutcome Run::go(std::vector<PeriodLog>* log) {
  RunOutcome out;
  out.regime.resize(horizon_);
  out.cause.resize(horizon_);
  out.cost.assign(2, 0);
  out.period_cost.assign(static_cast<std::size_t>(horizon_) * 2, 0);
  out.blocker_gap.assign(c_.veto.size(), nan);
  out.blocker_issue.assign(c_.veto.size(), -1);
  out.positions.resize(static_cast<std::size_t>(horizon_ + 1) * n_ * m_);
  record_positions(out, 0);
  for (int t = 1; t <= horizon_; ++t) {  // O(horizon x month)
    period(t, out, log);
    record_positions(out, t);
  }
  out.de_facto = s_.de_facto;
  out.terms.assign(m_, nan);
  for (int j = 0; j < m_; ++j)
    if (s_.harvested[j] || s_.implemented[j]) out.terms[j] = s_.de_facto[j];
  return out;
}

// One month: the steps in the order of docs/models/war.md.
void Run::period(int t, RunOutcome& out, std::vector<PeriodLog>* log) {
  PeriodLog entry;
  entry.period = t;
  if (absorbing(s_.regime)) return finish_period(t, Cause::not_fighting, out, log, entry);
  apply_events(t);  // step 1
  entry.p = true_p();
  double shock = 0;
  if (battle(t, out, shock))  // steps 2-3
    return finish_period(t, Cause::not_fighting, out, log, entry);
  observe_resolve(t);                     // step 3 (private information)
  const Reservation res = reservation();  // step 4
  std::vector<double> bias;
  double med_activity = 0;
  const int mediator = choose_mediator(t, bias, med_activity);  // step 5
  const Bargain b = bargain(t, res, mediator, bias);            // steps 6-7
  if (b.bargaining) record_blockers(b, res, out);
  const Cause cause = diagnose(t, res, b);
  transition(t, shock, med_activity, b, res);  // step 8 (and the ceasefire hazard)
  entry.gap = b.gap;
  entry.true_gap = b.true_gap;
  entry.hurting = res.mutually_hurting;
  entry.ripe = res.mutually_hurting && b.gap <= 0;
  entry.proposed = b.proposed;
  entry.accepted = b.accepted;
  entry.belief = res.belief_p;
  entry.reservation = res.r;
  finish_period(t, cause, out, log, entry);
}

void Run::finish_period(int t, Cause cause, RunOutcome& out, std::vector<PeriodLog>* log,
                        PeriodLog& entry) {
  out.regime[t - 1] = s_.regime;
  out.cause[t - 1] = cause;
  if ((s_.regime == Regime::ceasefire || s_.regime == Regime::peace) && !out.first_ceasefire)
    out.first_ceasefire = t;
  if (!log) return;
  entry.regime = s_.regime;
  entry.front = s_.front;
  entry.cause = cause;
  entry.phase = s_.phase;
  log->push_back(std::move(entry));
}

void Run::record_positions(RunOutcome& out, int t) const {
  double* p = out.positions.data() + static_cast<std::size_t>(t) * n_ * m_;
  for (int a = 0; a < n_; ++a)
    for (int j = 0; j < m_; ++j) p[a * m_ + j] = s_.inst.position(a, j);
}

double Run::cell_value(int k) const {
  const auto& f = s_.inst.frames[c_.front_issue];
  return f.lo + (f.hi - f.lo) * k / c_.cells;
}

// The front cell nearest a value of the front issue, strictly inside the
// chain (an agreed line is never a victory).
int Run::cell_of(double value) const {
  const auto& f = s_.inst.frames[c_.front_issue];
  const auto k = static_cast<int>(std::lround((value - f.lo) / (f.hi - f.lo) * c_.cells));
  return std::clamp(k, 1, c_.cells - 1);
}

Stream Run::stream(Subsystem sub, int t, std::uint64_t actor) const {
  return Stream(
      seed_, {ens_, draw_, static_cast<std::uint64_t>(sub), static_cast<std::uint64_t>(t), actor});
}

// --- step 1: events -----------------------------------------------------------

void Run::apply_change(const Change& ch, Battlefield& bf) const {
  double* target = nullptr;
  switch (ch.target) {
    case Change::Target::cost:
      target = &bf.cost[ch.side];
      break;
    case Change::Target::share:
      target = &bf.sides[ch.side].members[ch.index].share;
      break;
    case Change::Target::contribution:
      target = &bf.sides[ch.side].members[ch.index].contribution;
      break;
    case Change::Target::activity:
      target = &bf.activity;
      break;
    case Change::Target::decisiveness:
      target = &bf.decisiveness;
      break;
    case Change::Target::mediator:
      target = &bf.mediator_activity[ch.index];
      break;
    case Change::Target::hazard_h0:
      target = &bf.hazard_h0;
      break;
  }
  *target = ch.multiply ? *target * ch.value : ch.value;
}

void Run::apply_events(int t) {
  const double p_before = true_p();
  for (std::size_t e = 0; e < c_.events.size(); ++e) {  // O(events)
    const Event& ev = c_.events[e];
    if (ev.at != t || !enabled_[e]) continue;
    for (const Change& ch : ev.changes) apply_change(ch, s_.bf);
    if (ev.regime && fighting(s_.regime)) {
      if (*ev.regime == Regime::breakdown && s_.regime != Regime::breakdown)
        void_provisional(false);  // NAUEIA: a breakdown voids what was provisional
      s_.regime = *ev.regime;
    }
  }
  const double p_after = true_p();
  if (p_after != p_before) shift_beliefs(p_before, p_after);
  lapse_red_lines(t);
}

// A change of the forces is public news: every learner moves its belief by
// the same log-odds as the true battle odds moved, keeping its weight.
void Run::shift_beliefs(double p_before, double p_after) {
  const double dz = logit(p_after) - logit(p_before);
  auto shift = [dz](BetaBelief& b) {
    const double weight = b.alpha + b.beta;
    const double mean = 1 / (1 + std::exp(-(logit(b.mean()) + dz)));
    b.alpha = mean * weight;
    b.beta = (1 - mean) * weight;
  };
  for (std::size_t v = 0; v < c_.veto.size(); ++v) {
    if (!s_.learns[v]) continue;
    shift(s_.belief[v]);
    shift(s_.estimate[v]);
  }
}

// Red lines lapse one by one, each month after the first with probability
// 1 - decay (a leader change or a shift of opinion): no common clock.
void Run::lapse_red_lines(int t) {
  if (t < 2) return;
  for (int a = 0; a < n_; ++a) {
    if (!s_.red_line[a] || c_.audience[a].cost <= 0) continue;
    Stream s = stream(Subsystem::events, t, static_cast<std::uint64_t>(a) + 1);
    if (s.uniform() >= c_.audience[a].decay) s_.red_line[a] = 0;
  }
}

double Run::audience(int a) const { return s_.red_line[a] ? c_.audience[a].cost : 0; }

// --- steps 2-3: battle and learning --------------------------------------------

double Run::strength(const Battlefield& bf, int side) const {
  double m = 0;
  for (const Member& mem : bf.sides[side].members)
    m += mem.contribution * mean_capability(s_.inst, mem.actor, c_.front_issue);
  return m;
}

double Run::true_p(const Battlefield& bf) const {
  const double a = strength(bf, 0), b = strength(bf, 1);
  if (a <= 0 && b <= 0) return 0.5;
  if (b <= 0) return 1;
  if (a <= 0) return 0;
  return bf.logistic ? logistic_csf(a, b, bf.logistic_k) : ratio_csf(a, b, bf.decisiveness);
}

double Run::projected_p(int t) const {
  Battlefield bf = s_.bf;
  for (std::size_t e = 0; e < c_.events.size(); ++e)
    if (c_.events[e].at == t + 1 && enabled_[e])
      for (const Change& ch : c_.events[e].changes) apply_change(ch, bf);
  return true_p(bf);
}

double Run::cost_of(int actor) const {
  const int side = c_.side_of(actor);
  if (side < 0) return 0;
  double total = 0, mine = 0;
  for (const Member& mem : s_.bf.sides[side].members) {
    total += mem.share;
    if (mem.actor == actor) mine = mem.share;
  }
  return total > 0 ? side_cost(side) * mine / total : 0;
}

double Run::side_cost(int side) const { return s_.bf.cost[side] * o_.cost_scale[side]; }

bool Run::battle(int t, RunOutcome& out, double& shock) {
  if (!fighting(s_.regime)) return false;
  const double p = true_p();
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
  // Beliefs learn from the battle (Beta-Bernoulli, Smith and Stam 2004).
  if (s_.front != before)
    for (std::size_t v = 0; v < c_.veto.size(); ++v)
      if (s_.learns[v]) {
        s_.belief[v].observe(s_.front > before);
        s_.estimate[v].observe(s_.front > before);
      }
  if (s_.front != c_.cells && s_.front != 0) return false;
  const int winner = s_.front == c_.cells ? 0 : 1;
  s_.regime = winner == 0 ? Regime::victory_a : Regime::victory_b;
  victory_package_into(winner, s_.de_facto);
  return true;
}

// --- step 4: reservation values -------------------------------------------------

// Victory packages: the winner's leader's positions, the front at its end.
void Run::victory_package_into(int side, std::vector<double>& omega) const {
  omega = s_.de_facto;
  const int leader = c_.initial.sides[side].members[0].actor;
  if (c_.victory_all)
    for (int j = 0; j < m_; ++j)
      if (s_.inst.has(leader, j)) omega[j] = s_.inst.position(leader, j);
  const auto& f = s_.inst.frames[c_.front_issue];
  omega[c_.front_issue] = side == 0 ? f.hi : f.lo;
}

// V^war(k) of actor a for every front cell, with up-probability p; fills
// flow_ with the per-period flows.  O(N + issues).
void Run::war_values(int a, double p, std::vector<double>& out) {
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

// Hurting stalemate of actor a on `side` (Zartman): over the next h months
// of fighting its expected flow (front utility less its cost, victory
// packages at the ends) falls short of today's de facto utility by more than
// eps per month, and its chance of a decisive win within h months is below
// tau.  Needs flow_ from war_values(a, p).  O(h N).
bool Run::hurts(int a, double p, int side) {
  const int h = c_.regime.ripe_horizon, n = c_.cells;
  const Utility& u = s_.utility[a];
  const double end_value[2] = {u.of(victory_[1]), u.of(victory_[0])};  // k = 0, k = N
  std::vector<double> dist(n + 1, 0), next(n + 1);
  dist[s_.front] = 1;
  const double up = s_.bf.activity * p, down = s_.bf.activity * (1 - p);
  double expected = 0;
  for (int step = 0; step < h; ++step) {
    std::fill(next.begin(), next.end(), 0);
    next[0] = dist[0];
    next[n] = dist[n];
    for (int i = 1; i < n; ++i) {
      next[i + 1] += up * dist[i];
      next[i - 1] += down * dist[i];
      next[i] += (1 - up - down) * dist[i];
    }
    dist.swap(next);
    expected += dist[0] * end_value[0] + dist[n] * end_value[1];
    for (int i = 1; i < n; ++i) expected += dist[i] * flow_[i];
  }
  const double now = flow_[s_.front] + cost_of(a);  // today's de facto utility
  const double win = side == 0 ? dist[n] : dist[0];
  return expected / h < now - c_.regime.ripe_eps && win < c_.regime.ripe_tau;
}

Reservation Run::reservation() {
  const std::size_t nv = c_.veto.size();
  Reservation res;
  res.p = true_p();
  victory_package_into(0, victory_[0]);
  victory_package_into(1, victory_[1]);
  res.r.resize(nv);
  res.rt.resize(nv);
  res.belief_p.resize(nv);
  res.hurting.assign(nv, 0);
  bool any_belligerent = false;
  for (std::size_t v = 0; v < nv; ++v) {  // O(veto x (N + h N))
    const int a = c_.veto[v];
    res.belief_p[v] = s_.learns[v] ? s_.belief[v].mean() : res.p;
    war_values(a, res.belief_p[v], values_);
    // Its own value of fighting on carries its private error (Private resolve).
    res.r[v] = values_[s_.front] + s_.resolve_error[v] / (1 - c_.delta);
    const int side = c_.side_of(a);
    if (side >= 0) {
      any_belligerent = true;
      res.hurting[v] = hurts(a, res.belief_p[v], side);
      res.mutually_hurting = res.mutually_hurting && res.hurting[v];
    }
    war_values(a, res.p, values_);
    res.rt[v] = values_[s_.front];
    if (s_.learns[v]) {
      war_values(a, s_.estimate[v].mean(), values_);
      res.rm.push_back(values_[s_.front]);
    } else {
      res.rm.push_back(res.rt[v]);
    }
  }
  res.mutually_hurting = res.mutually_hurting && any_belligerent;
  res.wv = res.r;
  res.wt = res.rt;
  res.wm = res.rm;
  if (s_.regime == Regime::ceasefire) {
    // The outside option in a ceasefire is to keep it, not to fight.
    const double h = hazard_of(s_.de_facto);
    for (std::size_t v = 0; v < nv; ++v) {
      const double u = s_.utility[c_.veto[v]].of(s_.de_facto);
      res.r[v] = peace_value(u, res.wv[v], h, c_.delta);
      res.rt[v] = peace_value(u, res.wt[v], h, c_.delta);
      res.rm[v] = peace_value(u, res.wm[v], h, c_.delta);
    }
  }
  res.rt_open = res.rt;
  // Red lines raise the value a deal must beat by their per-period cost.
  for (std::size_t v = 0; v < nv; ++v) {
    const double extra = audience(c_.veto[v]) / (1 - c_.delta);
    res.r[v] += extra;
    res.rt[v] += extra;
    res.rm[v] += extra;
  }
  return res;
}

// Private resolve (docs/models/war.md, "Private resolve"; Fearon 1995,
// Slantchev 2003, Smith and Stam 2004): each veto player's value of fighting
// on is known to it only up to an error that fighting reveals.  Its prior
// error is sigma z_1; each month of fighting after the first is a signal with
// noise sd sigma / sqrt(kappa), and its error is the normal learner's
// posterior-mean error
//   e_v(t) = sigma (z_1 + sqrt(kappa) (z_2 + ... + z_t)) / (1 + kappa (t - 1)),
// of sd sigma / sqrt(1 + kappa (t - 1)).  The z are standard normals of the
// stream `observe` keyed by (month, veto player), drawn whatever the regime,
// so a war's errors depend only on its seed and draw.  O(veto) a month.
void Run::observe_resolve(int t) {
  if (o_.resolve_sd <= 0) return;
  const double weight = t == 1 ? 1 : std::sqrt(o_.resolve_learning);
  for (std::size_t v = 0; v < c_.veto.size(); ++v) {
    s_.resolve_sum[v] += weight * stream(Subsystem::observe, t, v).normal();
    s_.resolve_error[v] = o_.resolve_sd * s_.resolve_sum[v] / (1 + o_.resolve_learning * (t - 1));
  }
}

// Veto player v's reservation value (as step 4 computes it) if it believed
// side A wins a battle with probability p; `war` receives its war value.
double Run::reservation_at(int v, double p, double& war) {
  const int a = c_.veto[v];
  war_values(a, p, values_);
  war = values_[s_.front];
  double r = war;
  if (s_.regime == Regime::ceasefire)
    r = peace_value(s_.utility[a].of(s_.de_facto), war, hazard_of(s_.de_facto), c_.delta);
  return r + audience(a) / (1 - c_.delta);
}

}  // namespace parley::war
