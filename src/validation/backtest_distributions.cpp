#include "validation/backtest_distributions.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "parley/instance.h"

namespace parley::validation {

std::string calibration_label(const Calibration& c) {
  return "calibration of " + c.model + " on " + c.data.file + " (sha256 " +
         c.data.sha256.substr(0, 12) + ", " + std::to_string(c.data.scored) + " issues)";
}

void score_backtest_distributions(BacktestReport& report, const Scenario& scenario,
                                  const std::vector<Calibration>& calibrations,
                                  std::uint64_t seed) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  const Instance instance = nominal_instance(scenario);
  for (IssueRow& row : report.rows) row.crps.assign(report.models.size(), kNaN);
  for (std::size_t m = 0; m < report.models.size(); ++m) {  // O(models x issues x K)
    ModelReport& model = report.models[m];
    const Calibration* calibration = nullptr;
    if (model.spec.model != "cv")
      for (const Calibration& c : calibrations)
        if (calibration_applies(c, model.spec)) {
          calibration = &c;
          break;
        }
    model.distribution_source = calibration ? calibration_label(*calibration) : "point";
    std::vector<PredictiveDistribution> distributions;
    std::vector<double> outcomes, points;
    for (std::size_t i = 0; i < report.rows.size(); ++i) {
      IssueRow& row = report.rows[i];
      double f = row.forecast[m];
      if (!row.outcome || !std::isfinite(f)) continue;
      const IssueFrame& frame = instance.frames[i];
      PredictiveDistribution d =
          calibration
              ? predictive(calibration->fitted, issue_evidence(instance, static_cast<int>(i), f))
              : PredictiveDistribution::point(f, frame.lo, frame.hi);
      row.crps[m] = d.crps(*row.outcome);
      distributions.push_back(std::move(d));
      outcomes.push_back(*row.outcome);
      points.push_back(f);
    }
    model.distribution = score_distributions(distributions, outcomes, points);
  }
  auto crps = [](const IssueRow& row, std::size_t m) { return row.crps[m]; };
  std::vector<PairedDifference> paired = paired_to_baseline(report, crps, seed);
  for (std::size_t m = 0; m < paired.size(); ++m) report.models[m].crps_vs_baseline = paired[m];
}

}  // namespace parley::validation
