// Monotonicity properties (rapidcheck): the forecast responds to the inputs
// the way the models' definitions say it must.  The invariance properties of
// test_properties.cpp hold for a model that ignores capabilities and
// saliences altogether (an unweighted mean passes them); these do not.
//
//  * Raising one actor's capability or salience on an issue moves the
//    compromise, median and nbs forecasts weakly towards that actor's
//    position, and never past it.
//      compromise: the weighted mean (W f + dw x_k) / (W + dw) lies between f
//        and x_k (compromise.md section 1);
//      median: raising w_k by dw raises the prefix weights at and beyond x_k by
//        dw and W/2 by dw/2, so the first prefix reaching half moves towards
//        x_k and x_k itself still reaches it (median.md section 1; the
//        comparison's tolerance is relative to W and moves the same way);
//      nbs: the Nash product's log, sum w_i ln g_i(x), is concave and the
//        added term dw ln g_k peaks at x_k, so the maximiser moves towards x_k
//        and not past it; an actor whose salience becomes positive joins the
//        bargain, which can only shrink the feasible set towards x_k or empty
//        it (forecast q, which then lies between the old forecast and x_k)
//        (nbs.md sections 1-3).
//    For the compromise model the move is exact: to (W f + dw x_k) / (W + dw).
//  * Moving one actor's position moves the compromise forecast the same way,
//    by w_k / W of the move, and the median weakly the same way.
//
// Inputs: actors may lack a position on an issue (partial participation),
// saliences may be 0 (zero weights: an actor that counts in no weighted sum;
// capabilities are positive by the input conventions, conventions.md
// section 1), and positions, saliences and capabilities lie on coarse grids,
// so shared positions and exact halves are frequent.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "parley/model.h"
#include "rc_cases.h"

namespace parley {
namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// n actors on m issues, actor-major; NaN position = no part in the issue.
struct Panel {
  int n = 0, m = 0;
  std::vector<double> x, s, c, q;
  std::size_t at(int a, int i) const { return static_cast<std::size_t>(a) * m + i; }
};

void showValue(const Panel& p, std::ostream& os) {
  auto list = [&](const char* name, const std::vector<double>& v) {
    os << "\n  " << name << " = {";
    for (std::size_t k = 0; k < v.size(); ++k) os << (k ? ", " : "") << v[k];
    os << "}";
  };
  os << "n = " << p.n << ", m = " << p.m << " (actor-major, nan = no position)"
     << std::setprecision(17);
  list("x", p.x);
  list("s", p.s);
  list("c", p.c);
  list("q", p.q);
}

rc::Gen<double> steps(int first, int last, double per) {
  return rc::gen::resize(
      100, rc::gen::map(rc::gen::inRange(first, last + 1), [per](int v) { return v / per; }));
}
// One cell in five has no position; one salience in six is zero.
rc::Gen<double> position_cell() {
  return rc::gen::weightedOneOf<double>({{1, rc::gen::just(kNaN)}, {4, steps(0, 10000, 100)}});
}
rc::Gen<double> salience_cell() {
  return rc::gen::weightedOneOf<double>({{1, rc::gen::just(0.0)}, {5, steps(1, 100, 100)}});
}

rc::Gen<Panel> panel_gen() {
  return rc::gen::mapcat(
      rc::gen::pair(rc::gen::inRange(1, 31), rc::gen::inRange(1, 4)), [](std::pair<int, int> nm) {
        const auto [n, m] = nm;
        const auto cells = static_cast<std::size_t>(n) * m;
        return rc::gen::map(
            rc::gen::tuple(
                rc::gen::container<std::vector<double>>(cells, position_cell()),
                rc::gen::container<std::vector<double>>(cells, salience_cell()),
                rc::gen::container<std::vector<double>>(cells, steps(1, 10000, 100)),
                rc::gen::container<std::vector<double>>(
                    m, rc::gen::oneOf(steps(0, 10000, 100), rc::gen::element(0.0, 100.0)))),
            [n, m](std::tuple<std::vector<double>, std::vector<double>, std::vector<double>,
                              std::vector<double>>
                       columns) {
              Panel p;
              p.n = n;
              p.m = m;
              std::tie(p.x, p.s, p.c, p.q) = std::move(columns);
              return p;
            });
      });
}

Instance make(const Panel& p) {
  Instance in(p.n, p.m);
  for (int i = 0; i < p.m; ++i) {
    const std::string id = "i" + std::to_string(i);
    in.frames[i] = IssueFrame{id, id, 0, 100, p.q[i]};
  }
  for (int a = 0; a < p.n; ++a) {
    in.actor_ids[a] = "a" + std::to_string(a);
    for (int i = 0; i < p.m; ++i)
      if (!std::isnan(p.x[p.at(a, i)]))
        in.set(a, i, p.x[p.at(a, i)], p.s[p.at(a, i)], p.c[p.at(a, i)]);
  }
  return in;
}

struct Variant {
  std::string label, model;
  Params params;
};
using S = std::string;

const std::vector<Variant> kCompromise = {
    {"compromise", "compromise", {}},
    {"compromise weight=cap", "compromise", {{"weight", S("cap")}}},
    {"compromise weight=sal", "compromise", {{"weight", S("sal")}}},
};
const std::vector<Variant> kMedian = {
    {"median", "median", {}},
    {"median upper", "median", {{"median_tie", S("upper")}}},
    {"median midpoint", "median", {{"median_tie", S("midpoint")}}},
    {"median condorcet", "median", {{"method", S("condorcet")}}},
    {"median weight=cap", "median", {{"weight", S("cap")}}},
    {"median weight=sal", "median", {{"weight", S("sal")}}},
};
const std::vector<Variant> kNbs = {
    {"nbs", "nbs", {}},
    {"nbs rho=2", "nbs", {{"rho", 2.0}}},
    {"nbs cap_sal", "nbs", {{"weight", S("cap_sal")}}},
    {"nbs cap_sal rho=1.5", "nbs", {{"weight", S("cap_sal")}, {"rho", 1.5}}},
};

// Which variants weigh what: a rule that ignores capability (weight=sal) or
// salience (weight=cap, nbs weight=cap beyond taking part) must not move at
// all, and the test says so.
bool weighs_capability(const Variant& v) {
  auto it = v.params.find("weight");
  return it == v.params.end() || to_string(it->second) != "sal";
}
bool weighs_salience(const Variant& v) {
  auto it = v.params.find("weight");
  const std::string rule =
      it == v.params.end() ? (v.model == "nbs" ? "cap" : "cap_sal") : to_string(it->second);
  return rule != "cap";
}

std::vector<double> forecast(const Variant& v, const Panel& p) {
  return run_model(find_model(v.model), make(p), v.params, RunContext{}).forecast;
}

// Comparisons allow a relative 1e-9 of the scale for rounding (the NBS is
// found by bisection to 1e-10 of the scale).
constexpr double kTol = 1e-9 * 100;

bool between(double y, double a, double b) {
  return y >= std::min(a, b) - kTol && y <= std::max(a, b) + kTol;
}

// An actor and an issue it takes part in, or nothing.
struct Pick {
  int actor = -1, issue = -1;
};
Pick pick_participant(const Panel& p) {
  std::vector<Pick> all;
  for (int a = 0; a < p.n; ++a)
    for (int i = 0; i < p.m; ++i)
      if (!std::isnan(p.x[p.at(a, i)])) all.push_back({a, i});
  if (all.empty()) return {};
  return all[*rc::gen::inRange<std::size_t>(0, all.size())];
}

#define PARLEY_EXPECT(condition, v, what)                                                \
  do {                                                                                   \
    if (!(condition)) RC_FAIL((v).label + ": " + std::string(what) + ": " + #condition); \
  } while (0)

// `before` and `after` forecasts on issue k.issue with actor k.actor at x:
// after lies between before and x; `moves` says whether the change in input
// reaches the variant's weights at all (if not, nothing may change).
void check_pull(const Variant& v, const Panel& base, const Panel& raised, Pick k, bool moves,
                const char* what) {
  const auto f = forecast(v, base), g = forecast(v, raised);
  const double xk = base.x[base.at(k.actor, k.issue)];
  for (int i = 0; i < base.m; ++i) {
    if (i != k.issue || !moves) {
      // Other issues, and rules that do not weigh the raised input, stay put.
      PARLEY_EXPECT((std::isnan(f[i]) && std::isnan(g[i])) || std::fabs(f[i] - g[i]) <= kTol, v,
                    what + std::string(" (unaffected issue or rule)"));
      continue;
    }
    RC_ASSERT(std::isfinite(f[i]));
    RC_ASSERT(std::isfinite(g[i]));
    if (!between(g[i], f[i], xk))
      RC_FAIL(v.label + ": " + what + ": " + std::to_string(f[i]) + " -> " + std::to_string(g[i]) +
              ", actor at " + std::to_string(xk));
  }
}

// The weight the variant's rule gives actor a on issue i (compromise.md
// section 1).
double weight(const Variant& v, const Panel& p, int a, int i) {
  auto it = v.params.find("weight");
  const std::string rule = it == v.params.end() ? "cap_sal" : to_string(it->second);
  const double c = p.c[p.at(a, i)], s = p.s[p.at(a, i)];
  return rule == "sal" ? s : rule == "cap" ? c : rule == "none" ? 1.0 : c * s;
}

// The compromise forecast after actor k's weight on issue i grew from w to
// w' is (W f + (w' - w) x_k) / (W + w' - w): it moves, by exactly that much,
// whenever the weight grew and the actor is not at the forecast.  (With
// every weight zero the fall-back is the unweighted mean; a first positive
// weight makes x_k the forecast.)
void check_compromise_response(const Variant& v, const Panel& base, const Panel& raised, Pick k) {
  double total = 0;
  for (int a = 0; a < base.n; ++a)
    if (!std::isnan(base.x[base.at(a, k.issue)])) total += weight(v, base, a, k.issue);
  const double dw = weight(v, raised, k.actor, k.issue) - weight(v, base, k.actor, k.issue);
  const double f = forecast(v, base)[k.issue], g = forecast(v, raised)[k.issue];
  const double xk = base.x[base.at(k.actor, k.issue)];
  const double want = total > 0 ? (total * f + dw * xk) / (total + dw) : dw > 0 ? xk : f;
  if (std::fabs(g - want) > kTol)
    RC_FAIL(v.label + ": " + std::to_string(f) + " -> " + std::to_string(g) + ", not " +
            std::to_string(want) + " (weight +" + std::to_string(dw) + ")");
}

// A random panel and one of its actors with a position on one of its issues.
std::pair<Panel, Pick> panel_and_participant() {
  Panel p = *panel_gen();
  const Pick k = pick_participant(p);
  RC_PRE(k.actor >= 0);
  return {std::move(p), k};
}

std::vector<Variant> pulled() {
  std::vector<Variant> all = kCompromise;
  all.insert(all.end(), kMedian.begin(), kMedian.end());
  all.insert(all.end(), kNbs.begin(), kNbs.end());
  return all;
}

PARLEY_RC_PROP(Monotone, CapabilityPullsTheForecastTowardsTheActor, 400, ()) {
  const auto [p, k] = panel_and_participant();
  Panel raised = p;
  raised.c[p.at(k.actor, k.issue)] *= *rc::gen::element(1.5, 2.0, 10.0, 1000.0);
  for (const Variant& v : pulled())
    check_pull(v, p, raised, k, weighs_capability(v), "capability raised");
  for (const Variant& v : kCompromise) check_compromise_response(v, p, raised, k);
}

PARLEY_RC_PROP(Monotone, SaliencePullsTheForecastTowardsTheActor, 400, ()) {
  const auto [p, k] = panel_and_participant();
  Panel raised = p;
  double& s = raised.s[p.at(k.actor, k.issue)];
  s += (1 - s) * *rc::gen::element(0.25, 0.5, 1.0);
  for (const Variant& v : pulled()) {
    // nbs with weight=cap uses salience only to exclude the indifferent
    // (s = 0): raising a positive salience changes nothing, raising a zero
    // one brings the actor into the bargain.
    const bool moves = weighs_salience(v) || p.s[p.at(k.actor, k.issue)] == 0;
    check_pull(v, p, raised, k, moves, "salience raised");
  }
  for (const Variant& v : kCompromise) check_compromise_response(v, p, raised, k);
}

// The compromise forecast moves with an actor's position by w_k / W of the
// move (the unweighted share 1 / n when every weight is zero); the median
// moves the same way or not at all.
PARLEY_RC_PROP(Monotone, MovingAnActorMovesTheForecastTheSameWay, 400, ()) {
  const auto [p, k] = panel_and_participant();
  Panel moved = p;
  double& x = moved.x[p.at(k.actor, k.issue)];
  x = *steps(0, 10000, 100);
  const double delta = x - p.x[p.at(k.actor, k.issue)];
  std::vector<Variant> variants = kCompromise;
  variants.insert(variants.end(), kMedian.begin(), kMedian.end());
  for (const Variant& v : variants) {
    const double f = forecast(v, p)[k.issue], g = forecast(v, moved)[k.issue];
    const double change = g - f;
    // Same direction, and never further than the actor moved.
    PARLEY_EXPECT(
        change * delta >= -kTol * kTol, v,
        "moved " + std::to_string(delta) + ", " + std::to_string(f) + " -> " + std::to_string(g));
    if (v.model == "compromise") {
      PARLEY_EXPECT(std::fabs(change) <= std::fabs(delta) + kTol, v,
                    "moved further than the actor");
      // The weighted mean's share of the move: w_k / W.
      double total = 0;
      int count = 0;
      for (int a = 0; a < p.n; ++a)
        if (!std::isnan(p.x[p.at(a, k.issue)])) total += weight(v, p, a, k.issue), ++count;
      const double w_k = weight(v, p, k.actor, k.issue);
      const double share = total > 0 ? w_k / total : 1.0 / count;
      PARLEY_EXPECT(std::fabs(change - share * delta) <= kTol, v,
                    "moved " + std::to_string(change) + ", not " + std::to_string(share * delta));
    }
  }
}

}  // namespace
}  // namespace parley
