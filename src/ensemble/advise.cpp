#include "ensemble/advise.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

#include "parley/error.h"

namespace parley::ensemble {

namespace {

using Field = InputChange::Field;

std::string number_text(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", v);
  return text;
}

void position_moves(const Instance& base, int actor, const AdviseOptions& o,
                    std::vector<Move>& out) {
  for (int i = 0; i < base.issues(); ++i) {
    if (!base.has(actor, i)) continue;
    const IssueFrame& frame = base.frames[i];
    const double now = base.position(actor, i), step = o.reach * (frame.hi - frame.lo) / o.steps;
    for (int k = -o.steps; k <= o.steps; ++k) {
      const double to = std::clamp(now + k * step, frame.lo, frame.hi);
      if (k == 0 || to == now) continue;
      if (std::abs(k) > 1 &&
          std::clamp(now + (k > 0 ? k - 1 : k + 1) * step, frame.lo, frame.hi) == to)
        continue;  // clipped to the same end of the scale as the previous step
      Move m;
      m.lever = "position";
      m.key = "position." + frame.id;
      m.label = "position " + frame.id + " " + number_text(now) + " -> " + number_text(to);
      m.changes.push_back({actor, i, Field::position, to});
      out.push_back(std::move(m));
    }
  }
}

void salience_moves(const Instance& base, int actor, const AdviseOptions& o,
                    std::vector<Move>& out) {
  for (int from = 0; from < base.issues(); ++from)
    for (int to = 0; to < base.issues(); ++to) {
      if (from == to || !base.has(actor, from) || !base.has(actor, to)) continue;
      const double s_from = base.salience(actor, from), s_to = base.salience(actor, to);
      const double amount = std::min({o.salience_step, s_from, 1.0 - s_to});
      if (!(amount > 0)) continue;
      Move m;
      m.lever = "salience";
      m.key = "salience";
      m.label = "salience " + number_text(std::round(amount * 100)) + " points " +
                base.frames[from].id + " -> " + base.frames[to].id;
      m.changes.push_back({actor, from, Field::salience, s_from - amount});
      m.changes.push_back({actor, to, Field::salience, s_to + amount});
      out.push_back(std::move(m));
    }
}

void capability_moves(const Scenario& scenario, int actor, const AdviseOptions& o,
                      std::vector<Move>& out) {
  const Actor& a = scenario.actors[actor];
  const Uncertain* stated = a.capability ? &*a.capability : nullptr;
  if (!stated && !a.capability_by_issue.empty()) stated = &a.capability_by_issue.begin()->second;
  if (!stated) return;
  const double nominal = stated->nominal();
  if (!(nominal > 0)) return;
  double low = 1 - o.capability_reach, high = 1 + o.capability_reach;
  if (!stated->is_fixed()) {
    low = std::max(stated->lowest(), 0.0) / nominal;
    high = stated->highest() / nominal;
    if (!std::isfinite(high)) high = 1 + o.capability_reach;
  }
  for (double f : {low, (1 + low) / 2, (1 + high) / 2, high}) {
    if (!(f > 0) || std::abs(f - 1) < 1e-12) continue;
    Move m;
    m.lever = "capability";
    m.key = "capability";
    m.label = "capability x" + number_text(f) + " (" + number_text(nominal) + " -> " +
              number_text(nominal * f) + ")";
    m.changes.push_back({actor, -1, Field::capability, f});
    out.push_back(std::move(m));
  }
}

void event_moves(const Plan& plan, std::vector<Move>& out) {
  if (!reads_events(plan)) return;
  const std::vector<std::string> on = events_on(plan);
  for (const auto& name : optional_events(*plan.scenario)) {
    Move m;
    m.lever = "events";
    m.key = "event." + name;
    m.event = name;
    m.on = std::find(on.begin(), on.end(), name) == on.end();
    m.label = (m.on ? "switch on " : "switch off ") + name;
    out.push_back(std::move(m));
  }
}

// The variant that makes all of `moves` at once.
Variant variant_of(const Plan& plan, const std::vector<const Move*>& moves) {
  Variant v;
  v.events = events_on(plan);
  for (const Move* m : moves) {
    v.changes.insert(v.changes.end(), m->changes.begin(), m->changes.end());
    if (m->lever != "events") continue;
    v.set_events = true;
    std::erase(v.events, m->event);
    if (m->on) v.events.push_back(m->event);
  }
  return v;
}

// The actor's utility of a run's result (see the header).
double utility(const Result& result, const Instance& wants, int actor, const Goal& goal) {
  if (goal.kind == Goal::Kind::ceasefire_by) {
    const Table* curve = result.table("ceasefire_curve");
    if (!curve) throw Error("--goal ceasefire_by: the model gives no ceasefire probabilities");
    for (const auto& row : curve->rows)
      if (row.size() >= 4 && std::get_if<std::string>(&row[1]) &&
          std::get<std::string>(row[1]) == goal.month)
        return std::get<double>(row[3]);
    throw Error("--goal ceasefire_by=" + goal.month + ": the month is outside the horizon");
  }
  double sum = 0, weight = 0;
  for (int i = 0; i < wants.issues(); ++i) {
    if (goal.kind == Goal::Kind::issue && i != goal.issue) continue;
    if (!wants.has(actor, i) || i >= static_cast<int>(result.forecast.size())) continue;
    const double x = result.forecast[i];
    if (!std::isfinite(x)) continue;
    const IssueFrame& f = wants.frames[i];
    const double s = goal.kind == Goal::Kind::issue ? 1.0 : wants.salience(actor, i);
    sum += s * (1 - 2 * std::abs(x - wants.position(actor, i)) / (f.hi - f.lo));
    weight += s;
  }
  return weight > 0 ? sum / weight : std::numeric_limits<double>::quiet_NaN();
}

struct Scorer {
  const Plan& plan;
  const AdviseOptions& options;
  int actor;
  std::uint64_t reps;
  std::vector<Instance> wants;  // per replicate, before any move
  std::uint64_t runs = 0;

  // Scores of each variant on each replicate: out[v * reps + r].  Parallel
  // over variants x replicates; O(V R) model runs.
  std::vector<double> score(const std::vector<Variant>& variants) {
    std::vector<double> out(variants.size() * reps);
    const std::uint64_t planned = runs + out.size();
    std::function<void(std::uint64_t)> progress;
    if (options.progress)
      progress = [&](std::uint64_t done) { options.progress(runs + done, planned); };
    parallel_for(
        out.size(), plan.options.threads,
        [&](std::uint64_t k) {
          const Variant& v = variants[k / reps];
          const std::uint64_t r = k % reps;
          Instance instance = wants[r];
          apply(v.changes, instance);
          RunContext context;
          context.seed = plan.options.seed;
          context.draw = r;
          context.scenario = plan.scenario;
          context.drawn = true;
          out[k] = utility(plan.runner->run(instance, variant_params(plan, v), context), wants[r],
                           actor, options.goal);
        },
        progress);
    runs += out.size();
    return out;
  }

  // Mean score, mean paired effect against `base` and its 90% interval.
  ScoredMove summarise(const std::vector<double>& s, size_t v, const std::vector<double>& base) {
    ScoredMove m;
    double sum = 0, diff = 0;
    for (std::uint64_t r = 0; r < reps; ++r) {
      sum += s[v * reps + r];
      diff += s[v * reps + r] - base[r];
    }
    m.score = sum / static_cast<double>(reps);
    m.effect = diff / static_cast<double>(reps);
    double squares = 0;
    for (std::uint64_t r = 0; r < reps; ++r) {
      const double d = s[v * reps + r] - base[r] - m.effect;
      squares += d * d;
    }
    const double half =
        reps > 1 ? 1.645 * std::sqrt(squares / static_cast<double>(reps - 1) / reps) : 0.0;
    m.lo = m.effect - half;
    m.hi = m.effect + half;
    return m;
  }
};

}  // namespace

Goal parse_goal(const Scenario& scenario, const std::string& text) {
  Goal goal;
  if (text.empty()) return goal;
  const std::string prefix = "ceasefire_by=";
  if (text.rfind(prefix, 0) == 0) {
    goal.kind = Goal::Kind::ceasefire_by;
    goal.month = text.substr(prefix.size());
    const bool ok = goal.month.size() == 7 && goal.month[4] == '-' &&
                    std::all_of(goal.month.begin(), goal.month.begin() + 4, ::isdigit) &&
                    std::isdigit(goal.month[5]) && std::isdigit(goal.month[6]);
    if (!ok) throw Error("--goal: expected ceasefire_by=YYYY-MM, got '" + text + "'");
    return goal;
  }
  goal.kind = Goal::Kind::issue;
  goal.issue = scenario.issue_index(text);
  if (goal.issue < 0)
    throw Error("--goal: '" + text +
                "' is neither an issue of the scenario nor ceasefire_by=YYYY-MM");
  return goal;
}

std::vector<Move> candidate_moves(const Plan& plan, const AdviseOptions& options) {
  const int actor = plan.scenario->actor_index(options.actor);
  if (actor < 0) throw Error("--actor: the scenario has no actor '" + options.actor + "'");
  const Instance base = nominal(plan);
  std::vector<Move> out;
  for (const auto& lever : options.levers) {
    if (lever == "position")
      position_moves(base, actor, options, out);
    else if (lever == "salience")
      salience_moves(base, actor, options, out);
    else if (lever == "capability")
      capability_moves(*plan.scenario, actor, options, out);
    else if (lever == "events")
      event_moves(plan, out);
    else
      throw Error("--levers: unknown lever '" + lever +
                  "'; known: position, salience, capability, events");
  }
  return out;
}

Advice advise(const Plan& plan, const AdviseOptions& options) {
  if (options.steps < 1) throw Error("--steps: must be at least 1");
  const std::vector<Move> moves = candidate_moves(plan, options);
  // Automatic draws: fewer for a model that simulates many runs on each.
  const std::uint64_t wanted = options.draws > 0                           ? options.draws
                               : plan.model->schema.find("ensemble_draws") ? 4
                                                                           : 20;
  Scorer scorer{
      plan, options, plan.scenario->actor_index(options.actor), replicates(plan, wanted), {}};
  for (std::uint64_t r = 0; r < scorer.reps; ++r)
    scorer.wants.push_back(replicate_instance(plan, r));

  Advice advice;
  advice.actor = options.actor;
  advice.goal = options.goal;
  advice.replicates = scorer.reps;
  std::vector<Variant> variants = {variant_of(plan, {})};
  for (const auto& m : moves) variants.push_back(variant_of(plan, {&m}));
  const std::vector<double> s = scorer.score(variants);
  const std::vector<double> base(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(scorer.reps));
  advice.baseline = scorer.summarise(s, 0, base).score;
  for (size_t k = 0; k < moves.size(); ++k) {
    ScoredMove m = scorer.summarise(s, k + 1, base);
    m.move = moves[k];
    advice.moves.push_back(std::move(m));
  }
  std::stable_sort(advice.moves.begin(), advice.moves.end(),
                   [](const ScoredMove& a, const ScoredMove& b) { return a.effect > b.effect; });

  // Greedy combination over the best move of each lever key that helps.
  std::vector<const Move*> pool;
  std::map<std::string, bool> seen;
  for (const auto& m : advice.moves)
    if (m.effect > 0 && !seen[m.move.key]) {
      seen[m.move.key] = true;
      pool.push_back(&m.move);
    }
  std::vector<const Move*> chosen;
  ScoredMove current;
  current.score = advice.baseline;
  if (!pool.empty()) {
    chosen.push_back(pool.front());
    current = advice.moves.front();
    pool.erase(pool.begin());
  }
  while (!pool.empty() && static_cast<int>(chosen.size()) < options.max_moves) {
    std::vector<Variant> trials;
    for (const Move* m : pool) {
      auto with = chosen;
      with.push_back(m);
      trials.push_back(variant_of(plan, with));
    }
    const std::vector<double> t = scorer.score(trials);
    size_t best = 0;
    ScoredMove top = scorer.summarise(t, 0, base);
    for (size_t k = 1; k < trials.size(); ++k) {
      ScoredMove m = scorer.summarise(t, k, base);
      if (m.score > top.score) top = m, best = k;
    }
    if (!(top.score > current.score + 1e-12)) break;
    chosen.push_back(pool[best]);
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(best));
    current = top;
  }
  for (const Move* m : chosen) advice.best.push_back(*m);
  advice.combined = current;
  if (chosen.empty()) advice.combined.lo = advice.combined.hi = 0;
  advice.runs = scorer.runs;
  if (scorer.reps == 1)
    advice.notes.push_back("the scenario has no uncertain input: one run per move, no interval");
  return advice;
}

}  // namespace parley::ensemble
