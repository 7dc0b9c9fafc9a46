#include "ensemble/model_error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "parley/random.h"

namespace parley::ensemble {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

void set_model_error(Plan& plan, const validation::ErrorModel& fitted, std::string label) {
  auto error = std::make_shared<ModelError>();
  error->fitted = fitted;
  error->label = std::move(label);
  for (int i = 0; i < static_cast<int>(plan.issue_ids.size()); ++i) {
    error->regions.push_back(regions_for(plan, i));
    error->masses += error->regions.back().size();
    std::vector<double> bounds;  // finite: parse_region and the anchors see to it
    for (const Region& region : error->regions.back()) {
      bounds.push_back(region.lo);
      bounds.push_back(region.hi);
    }
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
    auto place = [&](double x) {
      return static_cast<size_t>(std::lower_bound(bounds.begin(), bounds.end(), x) -
                                 bounds.begin());
    };
    std::vector<std::pair<size_t, size_t>> bound_of;
    for (const Region& region : error->regions.back())
      bound_of.emplace_back(place(region.lo), place(region.hi));
    error->bounds.push_back(std::move(bounds));
    error->bound_of.push_back(std::move(bound_of));
  }
  plan.model_error = std::move(error);
}

void apply_model_error(const Plan& plan, const Instance& instance, DrawResult& draw) {
  ModelErrorWorkspace workspace;
  apply_model_error(plan, instance, draw, workspace);
}

void apply_model_error(const Plan& plan, const Instance& instance, DrawResult& draw,
                       ModelErrorWorkspace& workspace) {
  const ModelError& error = *plan.model_error;
  const size_t issues = plan.issue_ids.size();
  draw.error_numbers.assign(2 * issues + error.masses, kNaN);
  double* sample = draw.error_numbers.data();
  double* mean = sample + issues;
  double* mass = mean + issues;
  // One stream per draw; issue i takes its (i+1)-th uniform, used or not,
  // so that an issue's value never depends on whether another had one.
  Stream stream(plan.options.seed, {draw.draw, static_cast<std::uint64_t>(Subsystem::model_error)});
  size_t at = 0;  // the first range of issue i among the masses
  for (size_t i = 0; i < issues; at += error.regions[i].size(), ++i) {  // O(I) issues
    const double u = stream.uniform();
    const double forecast = i < draw.forecast.size() ? draw.forecast[i] : kNaN;
    // Null where nobody takes part in the issue in this draw.
    const validation::PredictiveDistribution* d =
        workspace.predictive.build(error.fitted, instance, static_cast<int>(i), forecast);
    if (!d) continue;
    sample[i] = d->sample(u);
    mean[i] = d->mean();
    // Ranges are [lo, hi), closed at the top of the scale (as summarise()):
    // F(lo-) and, up to the top, F(hi-), else F(hi), from one sweep over the
    // issue's distinct bounds.
    const std::vector<double>& bounds = error.bounds[i];
    workspace.below.resize(bounds.size());  // no allocation after the first draws
    workspace.at.resize(bounds.size());
    d->cdf_sweep(bounds, workspace.below, workspace.at);
    for (size_t r = 0; r < error.regions[i].size(); ++r) {  // O(R)
      const auto [lo, hi] = error.bound_of[i][r];
      const double top = error.regions[i][r].hi >= d->hi() ? workspace.at[hi] : workspace.below[hi];
      mass[at + r] = std::max(0.0, top - workspace.below[lo]);
    }
  }
}

bool has_model_error(const Plan& plan, const DrawResult& draw) {
  return plan.model_error &&
         draw.error_numbers.size() == 2 * plan.issue_ids.size() + plan.model_error->masses;
}

ErrorNumbers error_numbers_of(const Plan& plan, const DrawResult& draw) {
  const std::span<const double> all = draw.error_numbers;
  const size_t issues = plan.issue_ids.size();
  return {all.first(issues), all.subspan(issues, issues), all.subspan(2 * issues)};
}

std::vector<DrawResult> completed_model_error(const Plan& plan, std::span<const DrawResult> draws) {
  std::vector<DrawResult> missing;
  for (const auto& draw : draws)
    if (!has_model_error(plan, draw)) missing.push_back(draw);
  std::vector<ModelErrorWorkspace> workspaces(parallel_slots(missing.size(), plan.options.threads));
  parallel_for_slots(missing.size(), plan.options.threads,
                     [&](std::uint64_t k, int slot) {
                       apply_model_error(plan, draw_instance(plan, missing[k].draw), missing[k],
                                         workspaces[slot]);
                     },
                     {});
  return missing;
}

}  // namespace parley::ensemble
