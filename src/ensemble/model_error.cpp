#include "ensemble/model_error.h"

#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>

#include "parley/random.h"

namespace parley::ensemble {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

size_t mass_count(const ModelError& error) {
  size_t n = 0;
  for (const auto& regions : error.regions) n += regions.size();
  return n;
}
}  // namespace

void set_model_error(Plan& plan, const validation::ErrorModel& fitted, std::string label) {
  auto error = std::make_shared<ModelError>();
  error->fitted = fitted;
  error->label = std::move(label);
  for (int i = 0; i < static_cast<int>(plan.issue_ids.size()); ++i)
    error->regions.push_back(regions_for(plan, i));
  plan.model_error = std::move(error);
}

void apply_model_error(const Plan& plan, const Instance& instance, DrawResult& draw) {
  const ModelError& error = *plan.model_error;
  const size_t issues = plan.issue_ids.size();
  draw.error_sample.assign(issues, kNaN);
  draw.error_mean.assign(issues, kNaN);
  draw.error_mass.assign(mass_count(error), kNaN);
  size_t at = 0;  // the first range of issue i in error_mass
  for (size_t i = 0; i < issues; at += error.regions[i].size(), ++i) {
    const double forecast = i < draw.forecast.size() ? draw.forecast[i] : kNaN;
    if (!std::isfinite(forecast)) continue;
    std::optional<validation::PredictiveDistribution> d;
    try {
      d.emplace(validation::predictive(
          error.fitted, validation::issue_evidence(instance, static_cast<int>(i), forecast)));
    } catch (const std::invalid_argument&) {
      continue;  // nobody takes part in the issue in this draw
    }
    Stream stream(plan.options.seed,
                  {draw.draw, static_cast<std::uint64_t>(Subsystem::model_error), i});
    draw.error_sample[i] = d->sample(stream.uniform());
    draw.error_mean[i] = d->mean();
    // Ranges are [lo, hi), closed at the top of the scale (as summarise());
    // a range starting where the previous one ended reuses its CDF value.
    double end = NAN, below_end = NAN;
    for (size_t r = 0; r < error.regions[i].size(); ++r) {
      const Region& region = error.regions[i][r];
      const double bottom = region.lo == end ? below_end : d->cdf_below(region.lo);
      below_end = d->cdf_below(region.hi);
      end = region.hi;
      const double top = region.hi >= d->hi() ? d->cdf(region.hi) : below_end;
      draw.error_mass[at + r] = std::max(0.0, top - bottom);
    }
  }
}

bool has_model_error(const Plan& plan, const DrawResult& draw) {
  return plan.model_error && draw.error_sample.size() == plan.issue_ids.size() &&
         draw.error_mass.size() == mass_count(*plan.model_error);
}

std::vector<DrawResult> completed_model_error(const Plan& plan, std::span<const DrawResult> draws) {
  std::vector<DrawResult> missing;
  for (const auto& draw : draws)
    if (!has_model_error(plan, draw)) missing.push_back(draw);
  parallel_for(missing.size(), plan.options.threads,
               [&](std::uint64_t k) {
                 apply_model_error(plan, draw_instance(plan, missing[k].draw), missing[k]);
               },
               {});
  return missing;
}

}  // namespace parley::ensemble
