// Property tests (rapidcheck) of model invariants that must hold for every
// input (docs/testing.md lists them).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "parley/model.h"

namespace parley {
namespace {

struct Actors {
  std::vector<double> x, s, c;
};

// 1..30 actors on [0, 100] with salience in (0, 1] and capability in [0.01, 100].
rc::Gen<Actors> actors_gen() {
  return rc::gen::mapcat(rc::gen::inRange(1, 31), [](int n) {
    auto pos = rc::gen::container<std::vector<double>>(
        static_cast<size_t>(n),
        rc::gen::map(rc::gen::inRange(0, 10001), [](int v) { return v / 100.0; }));
    auto sal = rc::gen::container<std::vector<double>>(
        static_cast<size_t>(n),
        rc::gen::map(rc::gen::inRange(1, 101), [](int v) { return v / 100.0; }));
    auto cap = rc::gen::container<std::vector<double>>(
        static_cast<size_t>(n),
        rc::gen::map(rc::gen::inRange(1, 10001), [](int v) { return v / 100.0; }));
    return rc::gen::build<Actors>(rc::gen::set(&Actors::x, pos), rc::gen::set(&Actors::s, sal),
                                  rc::gen::set(&Actors::c, cap));
  });
}

Instance make(const Actors& a, double lo = 0, double hi = 100,
              std::optional<double> q = std::nullopt) {
  Instance in(static_cast<int>(a.x.size()), 1);
  in.frames[0] = IssueFrame{"i", "i", lo, hi, q};
  for (size_t k = 0; k < a.x.size(); ++k) {
    in.actor_ids[k] = "a" + std::to_string(k);
    in.set(static_cast<int>(k), 0, a.x[k], a.s[k], a.c[k]);
  }
  return in;
}

double forecast(const std::string& model, const Instance& in) {
  return run_model(find_model(model), in, {}, RunContext{}).forecast[0];
}

const char* kStatic[] = {"compromise", "median"};

RC_GTEST_PROP(Properties, ForecastLiesWithinThePositions, ()) {
  const Actors a = *actors_gen();
  const auto [lo, hi] = std::minmax_element(a.x.begin(), a.x.end());
  for (const char* m : kStatic) {
    const double f = forecast(m, make(a));
    RC_ASSERT(f >= *lo - 1e-9);
    RC_ASSERT(f <= *hi + 1e-9);
  }
}

RC_GTEST_PROP(Properties, ScalingAllCapabilitiesChangesNothing, ()) {
  Actors a = *actors_gen();
  const double k = *rc::gen::element(0.001, 0.5, 3.0, 1000.0);
  for (const char* m : kStatic) {
    const double before = forecast(m, make(a));
    Actors b = a;
    for (double& c : b.c) c *= k;
    RC_ASSERT(std::fabs(forecast(m, make(b)) - before) <= 1e-9 * (1 + std::fabs(before)));
  }
}

RC_GTEST_PROP(Properties, PermutingActorsChangesNothingForTheMean, ()) {
  const Actors a = *actors_gen();
  std::vector<size_t> order(a.x.size());
  std::iota(order.begin(), order.end(), 0);
  std::reverse(order.begin(), order.end());
  Actors b;
  for (size_t k : order) {
    b.x.push_back(a.x[k]);
    b.s.push_back(a.s[k]);
    b.c.push_back(a.c[k]);
  }
  RC_ASSERT(std::fabs(forecast("compromise", make(a)) - forecast("compromise", make(b))) <= 1e-9);
  // The median's tie rule refers to positions, not to input order: also invariant.
  RC_ASSERT(forecast("median", make(a)) == forecast("median", make(b)));
}

RC_GTEST_PROP(Properties, AffineMapOfTheScaleMapsTheForecast, ()) {
  const Actors a = *actors_gen();
  const double k = *rc::gen::element(0.01, 2.0, 7.5);
  const double d = *rc::gen::element(-50.0, 0.0, 1000.0);
  Actors b = a;
  for (double& x : b.x) x = k * x + d;
  for (const char* m : kStatic) {
    const double f = forecast(m, make(a));
    const double g = forecast(m, make(b, d, 100 * k + d));
    RC_ASSERT(std::fabs(g - (k * f + d)) <= 1e-9 * (1 + std::fabs(g)));
  }
  // NBS with the status quo mapped the same way.
  const double q = 0;
  const double f = forecast("nbs", make(a, 0, 100, q));
  const double g = forecast("nbs", make(b, d, 100 * k + d, k * q + d));
  RC_ASSERT(std::fabs(g - (k * f + d)) <= 1e-6 * (1 + std::fabs(g)));
}

RC_GTEST_PROP(Properties, IdenticalPositionsAreTheForecast, ()) {
  Actors a = *actors_gen();
  const double p = a.x[0];
  for (double& x : a.x) x = p;
  for (const char* m : kStatic) RC_ASSERT(std::fabs(forecast(m, make(a)) - p) <= 1e-9);
}

RC_GTEST_PROP(Properties, NbsStaysBetweenStatusQuoAndTheActors, ()) {
  const Actors a = *actors_gen();
  const double q = *rc::gen::element(0.0, 100.0);
  const double f = forecast("nbs", make(a, 0, 100, q));
  const auto [lo, hi] = std::minmax_element(a.x.begin(), a.x.end());
  RC_ASSERT(f >= std::min(*lo, q) - 1e-9);
  RC_ASSERT(f <= std::max(*hi, q) + 1e-9);
}

}  // namespace
}  // namespace parley
