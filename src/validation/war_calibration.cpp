// Calibration of the war layer on a case library (war_calibration.h).
#include "validation/war_calibration.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <nlopt.hpp>

#include "parley/error.h"
#include "parley/model.h"
#include "parley/random.h"

namespace parley::validation {
namespace {

Params with_values(const WarCalibrationOptions& o, const std::vector<double>& values, int draws) {
  Params p = o.fixed;
  for (std::size_t k = 0; k < o.parameters.size(); ++k) p[o.parameters[k].name] = values[k];
  p["draws"] = static_cast<double>(draws);
  return p;
}

// Log-likelihood of case i at `values` with `draws` wars.
double case_log_lik(const WarCase& c, const WarCalibrationOptions& o,
                    const std::vector<double>& values, int draws) {
  const WarObservation obs = observe(c);
  const auto curve = war_curve(c, with_values(o, values, draws), o.seed);
  return score_curve(obs, curve, 1.0 / (2.0 * draws)).log_lik;
}

// The pooling weight chosen on the cases with `use[i]`, their war curves
// simulated at `values` (fit_pool_weight).  O(used cases) simulations.
double pool_weight_on(const std::vector<WarCase>& cases, const std::vector<bool>& use,
                      const WarCalibrationOptions& o, const std::vector<double>& values) {
  std::vector<WarObservation> obs;
  std::vector<std::vector<double>> curves;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (!use[i]) continue;
    obs.push_back(observe(cases[i]));
    curves.push_back(war_curve(cases[i], with_values(o, values, o.draws), o.seed));
  }
  return fit_pool_weight(obs, curves, 1.0 / (2.0 * o.draws));
}

struct RefineData {
  const std::vector<WarCase>* cases;
  const std::vector<bool>* use;
  const WarCalibrationOptions* options;
  int* evaluations;
};

// Nelder-Mead on the summed log-likelihood of the used cases, inside the grid
// cells around `start`.  O(refine x cases) simulations.
std::vector<double> refine(const std::vector<WarCase>& cases, const std::vector<bool>& use,
                           const WarCalibrationOptions& o, std::vector<double> start,
                           int& evaluations) {
  if (o.refine <= 0) return start;
  const std::size_t d = o.parameters.size();
  std::vector<double> lo(d), hi(d);
  for (std::size_t k = 0; k < d; ++k) {
    const auto& pts = o.parameters[k].points;
    const auto it = std::lower_bound(pts.begin(), pts.end(), start[k]);
    const auto idx = static_cast<std::size_t>(it - pts.begin());
    lo[k] = pts[idx > 0 ? idx - 1 : 0];
    hi[k] = pts[std::min(idx + 1, pts.size() - 1)];
    if (lo[k] == hi[k]) return start;  // a one-point grid: nothing to refine
  }
  nlopt::opt opt(nlopt::LN_NELDERMEAD, static_cast<unsigned>(d));
  opt.set_lower_bounds(lo);
  opt.set_upper_bounds(hi);
  RefineData data{&cases, &use, &o, &evaluations};
  auto objective = [](unsigned n, const double* x, double*, void* raw) {
    const auto& r = *static_cast<RefineData*>(raw);
    const std::vector<double> values(x, x + n);
    double sum = 0;
    for (std::size_t i = 0; i < r.cases->size(); ++i)
      if ((*r.use)[i]) sum += case_log_lik((*r.cases)[i], *r.options, values, r.options->draws);
    ++*r.evaluations;
    return -sum;
  };
  opt.set_min_objective(objective, &data);
  std::vector<double> step(d);
  for (std::size_t k = 0; k < d; ++k) step[k] = (hi[k] - lo[k]) / 4;
  opt.set_initial_step(step);
  opt.set_maxeval(o.refine);
  double value = 0;
  try {
    opt.optimize(start, value);
  } catch (const nlopt::roundoff_limited&) {  // `start` holds the best point found
  }
  return start;
}

// Profile-likelihood interval of parameter k over the grid.  O(grid).
ParameterFit profile(const std::vector<std::vector<double>>& ll,
                     const std::vector<FitParameter>& params, std::size_t k, double level) {
  const auto& pts = params[k].points;
  std::vector<double> best(pts.size(), -std::numeric_limits<double>::infinity());
  std::size_t stride = 1;
  for (std::size_t j = k + 1; j < params.size(); ++j) stride *= params[j].points.size();
  for (std::size_t g = 0; g < ll.size(); ++g) {
    double sum = 0;
    for (double x : ll[g]) sum += x;
    const std::size_t idx = (g / stride) % pts.size();
    best[idx] = std::max(best[idx], sum);
  }
  // chi-square(1) quantile from the normal quantile: (z_{(1+level)/2})^2.
  const double z = normal_quantile((1 + level) / 2);
  const double drop = z * z / 2;
  const double top = *std::max_element(best.begin(), best.end());
  ParameterFit f;
  f.name = params[k].name;
  std::size_t first = pts.size(), last = 0;
  for (std::size_t i = 0; i < pts.size(); ++i)
    if (best[i] >= top - drop) {
      first = std::min(first, i);
      last = i;
    }
  f.lo = pts[first];
  f.hi = pts[last];
  f.bounded_lo = first > 0;
  f.bounded_hi = last + 1 < pts.size();
  return f;
}

}  // namespace

std::vector<double> grid_values(const std::vector<FitParameter>& parameters, std::size_t g) {
  std::vector<double> values(parameters.size());
  for (std::size_t k = parameters.size(); k-- > 0;) {
    const auto& pts = parameters[k].points;
    values[k] = pts[g % pts.size()];
    g /= pts.size();
  }
  return values;
}

std::vector<std::vector<double>> grid_log_likelihood(const std::vector<WarCase>& cases,
                                                     const WarCalibrationOptions& o) {
  std::size_t points = 1;
  for (const auto& p : o.parameters) {
    if (p.points.empty()) throw Error("calibration: parameter " + p.name + " has no grid points");
    points *= p.points.size();
  }
  // O(points x cases) simulations of `draws` wars each.
  std::vector<std::vector<double>> ll(points, std::vector<double>(cases.size()));
  for (std::size_t g = 0; g < points; ++g) {
    const auto values = grid_values(o.parameters, g);
    for (std::size_t i = 0; i < cases.size(); ++i)
      ll[g][i] = case_log_lik(cases[i], o, values, o.draws);
  }
  return ll;
}

std::size_t best_grid_point(const std::vector<std::vector<double>>& ll,
                            const std::vector<bool>& use) {
  std::size_t best = 0;
  double top = -std::numeric_limits<double>::infinity();
  for (std::size_t g = 0; g < ll.size(); ++g) {
    double sum = 0;
    for (std::size_t i = 0; i < use.size(); ++i)
      if (use[i]) sum += ll[g][i];
    if (sum > top) {  // strict: ties go to the first point
      top = sum;
      best = g;
    }
  }
  return best;
}

WarCalibrationReport calibrate_war(const std::vector<WarCase>& cases,
                                   const WarCalibrationOptions& o) {
  const std::size_t n = cases.size();
  WarCalibrationReport r;
  r.draws = o.draws;
  r.score_draws = o.score_draws;
  for (const auto& c : cases) r.cases.push_back(c.name);
  const auto ll = grid_log_likelihood(cases, o);
  r.grid_points = static_cast<int>(ll.size());
  r.evaluations = r.grid_points;

  // The fit on every case, and its profile intervals.
  const std::vector<bool> all(n, true);
  const auto full =
      refine(cases, all, o, grid_values(o.parameters, best_grid_point(ll, all)), r.evaluations);
  for (std::size_t k = 0; k < o.parameters.size(); ++k) {
    ParameterFit f = profile(ll, o.parameters, k, o.level);
    f.value = full[k];
    r.fit.push_back(f);
  }
  for (const auto& c : cases) r.log_lik += case_log_lik(c, o, full, o.draws);
  r.pool_weight = pool_weight_on(cases, all, o, full);
  std::vector<Exposure> exposures;
  for (const auto& c : cases) exposures.push_back(exposure_of(observe(c)));
  r.pool_hazard = fit_constant_hazard(exposures);

  // Leave one case out: fit on the others, score the held-out case.
  WarBacktestOptions bo;
  bo.seed = o.seed;
  bo.bootstrap = o.bootstrap;
  std::vector<WarObservation> obs;
  std::vector<std::vector<double>> loo_curves, in_curves;
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<bool> use(n, true);
    use[i] = false;
    const auto values =
        refine(cases, use, o, grid_values(o.parameters, best_grid_point(ll, use)), r.evaluations);
    r.folds.push_back(values);
    r.pool_folds.push_back(pool_weight_on(cases, use, o, values));
    obs.push_back(observe(cases[i]));
    loo_curves.push_back(war_curve(cases[i], with_values(o, values, o.score_draws), o.seed));
    in_curves.push_back(war_curve(cases[i], with_values(o, full, o.score_draws), o.seed));
  }
  bo.pool_weights = r.pool_folds;
  r.loo = score_war_cases(obs, r.cases, loo_curves, "war", bo, o.score_draws);
  bo.pool_weights.assign(n, r.pool_weight);
  r.in_sample = score_war_cases(obs, r.cases, in_curves, "in_sample", bo, o.score_draws);
  return r;
}

}  // namespace parley::validation
