// The per-draw model error's allocation-free path (validation/
// predictive_workspace.h, ensemble/model_error.h) against the reference path
// it must equal bit for bit: predictive(model, issue_evidence(...)) and the
// distribution's own cdf(), cdf_below() and sample(), called one at a time.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "ensemble/ensemble.h"
#include "ensemble/model_error.h"
#include "io/calibration_io.h"
#include "parley/io.h"
#include "parley/random.h"
#include "test_support.h"
#include "validation/calibration.h"
#include "validation/predictive_workspace.h"

namespace parley::ensemble {
namespace {

namespace v = parley::validation;

const Scenario& flagship() {
  static const Scenario scenario =
      load_scenario(testing::source_file("scenarios/ukraine-2026.yaml"));
  return scenario;
}

Plan flagship_plan(std::uint64_t draws, int threads, std::vector<std::string> regions = {}) {
  Options options;
  options.model = "compromise";
  options.seed = 11;
  options.draws = draws;
  options.threads = threads;
  for (const auto& text : regions) options.regions.push_back(parse_region(text));
  return make_plan(flagship(), options);
}

// Every number a distribution answers with, compared exactly.
void expect_same(const v::PredictiveDistribution& fast,
                 const v::PredictiveDistribution& reference) {
  const auto a = fast.atoms(), b = reference.atoms();
  ASSERT_EQ(a.size(), b.size());
  for (size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].value, b[k].value) << k;
    EXPECT_EQ(a[k].probability, b[k].probability) << k;
  }
  EXPECT_EQ(fast.continuous_weight(), reference.continuous_weight());
  EXPECT_EQ(fast.centre(), reference.centre());
  EXPECT_EQ(fast.spread(), reference.spread());
  EXPECT_EQ(fast.mean(), reference.mean());
  for (int j = 0; j <= 40; ++j) {
    const double x = reference.lo() + (reference.hi() - reference.lo()) * (j - 5) / 30.0;
    EXPECT_EQ(fast.cdf(x), reference.cdf(x)) << x;
    EXPECT_EQ(fast.cdf_below(x), reference.cdf_below(x)) << x;
    const double p = j / 40.0;
    EXPECT_EQ(fast.quantile(p), reference.quantile(p)) << p;
  }
  for (const auto& atom : b) {  // exactly at the atoms, where F jumps
    EXPECT_EQ(fast.cdf(atom.value), reference.cdf(atom.value));
    EXPECT_EQ(fast.cdf_below(atom.value), reference.cdf_below(atom.value));
  }
}

// One workspace, reused across draws, issues and error models (including a
// spread so small that the continuous part becomes an atom, and forecasts
// off the scale), builds what the reference path builds.
TEST(ModelErrorFast, WorkspaceBuildsTheReferenceDistributionBitForBit) {
  const Plan plan = flagship_plan(40, 1);
  const std::vector<v::ErrorModel> models = {
      io::default_calibrations().front().fitted,
      {0.5, 0.3, 1.5, 0.8},
      {0.9, 0.0, 0.05, 0.02},
      {0.0, 1.0, 50.0, 20.0},
      {0.4, 0.5, 1.0, 1e-15},  // no spread: the continuous part is an atom
      {1.0, 0.0, 0.3, 1.0},    // atoms only
  };
  v::PredictiveWorkspace workspace;
  int built = 0;
  for (std::uint64_t draw = 0; draw < 40; ++draw) {
    const Instance instance = draw_instance(plan, draw);
    for (int i = 0; i < instance.issues(); ++i) {
      const IssueFrame& frame = instance.frames[i];
      for (const double t : {-0.2, 0.0, 0.37, 0.5, 1.0, 1.3}) {
        const double forecast = frame.lo + (frame.hi - frame.lo) * (t + 0.01 * draw);
        const v::ErrorModel& model = models[(draw + i) % models.size()];
        SCOPED_TRACE(::testing::Message() << "draw " << draw << " issue " << i << " t " << t);
        const v::PredictiveDistribution* fast = workspace.build(model, instance, i, forecast);
        ASSERT_NE(fast, nullptr);
        expect_same(*fast, v::predictive(model, v::issue_evidence(instance, i, forecast)));
        ++built;
      }
    }
  }
  EXPECT_GT(built, 1000);
  const Instance instance = draw_instance(plan, 0);
  EXPECT_EQ(workspace.build(models[0], instance, 0, std::nan("")), nullptr);
}

// Where nobody takes part, the reference throws and the workspace says null.
TEST(ModelErrorFast, IssueWithoutParticipantsHasNoDistribution) {
  Instance instance(2, 2);
  instance.frames.resize(2);
  instance.set(0, 0, 20, 50, 1);
  instance.set(1, 0, 70, 60, 2);  // nobody on issue 1
  v::PredictiveWorkspace workspace;
  const v::ErrorModel model{0.5, 0.3, 1.5, 0.8};
  ASSERT_NE(workspace.build(model, instance, 0, 40), nullptr);
  expect_same(*workspace.build(model, instance, 0, 40),
              v::predictive(model, v::issue_evidence(instance, 0, 40)));
  EXPECT_THROW(v::issue_evidence(instance, 1, 40), std::invalid_argument);
  EXPECT_EQ(workspace.build(model, instance, 1, 40), nullptr);
}

// The sweep's F(x-) and F(x) are cdf_below() and cdf(), at points below,
// inside and above the scale and exactly at the atoms.
TEST(ModelErrorFast, CdfSweepEqualsOneSearchPerPoint) {
  const v::PredictiveDistribution d(0, 100, {{10, 0.2}, {40, 0.1}, {40, 0.05}, {90, 0.3}}, 0.35, 55,
                                    12);
  const v::PredictiveDistribution atoms_only(0, 100, {{10, 0.5}, {40, 0.5}}, 0, 0, 0);
  const std::vector<double> xs = {-5, 0, 9.99, 10, 25, 40, 40.5, 89, 90, 100, 130};
  for (const auto* dist : {&d, &atoms_only}) {
    std::vector<double> below(xs.size()), at(xs.size());
    dist->cdf_sweep(xs, below, at);
    for (size_t j = 0; j < xs.size(); ++j) {
      EXPECT_EQ(below[j], dist->cdf_below(xs[j])) << xs[j];
      EXPECT_EQ(at[j], dist->cdf(xs[j])) << xs[j];
    }
  }
}

// A draw's error numbers, from the workspaces of two threads, equal those of
// the reference path: one predictive() per issue and one cdf() or cdf_below()
// per range bound (overlapping, nested and empty ranges included).
TEST(ModelErrorFast, DrawNumbersEqualTheReferencePath) {
  for (const auto& regions :
       {std::vector<std::string>{},
        {"low=0:40", "wide=20:90", "nested=30:35", "empty=50:50", "top=70:100", "all=0:100"}}) {
    Plan plan = flagship_plan(120, 2, regions);
    const v::ErrorModel fitted = io::default_calibrations().front().fitted;
    set_model_error(plan, fitted, "test");
    const auto draws = run_ensemble(plan, all_draws(120), {});
    ASSERT_EQ(draws.size(), 120u);
    for (const DrawResult& draw : draws) {
      const Instance instance = draw_instance(plan, draw.draw);
      Stream stream(plan.options.seed,
                    {draw.draw, static_cast<std::uint64_t>(Subsystem::model_error)});
      const ErrorNumbers numbers = error_numbers_of(plan, draw);
      size_t at = 0;
      for (size_t i = 0; i < plan.issue_ids.size(); ++i) {
        SCOPED_TRACE(::testing::Message() << "draw " << draw.draw << " issue " << i);
        const auto& ranges = plan.model_error->regions[i];
        const auto d = v::predictive(
            fitted, v::issue_evidence(instance, static_cast<int>(i), draw.forecast[i]));
        EXPECT_EQ(numbers.sample[i], d.sample(stream.uniform()));
        EXPECT_EQ(numbers.mean[i], d.mean());
        for (const Region& r : ranges) {
          const double top = r.hi >= d.hi() ? d.cdf(r.hi) : d.cdf_below(r.hi);
          EXPECT_EQ(numbers.mass[at++], std::max(0.0, top - d.cdf_below(r.lo))) << r.name;
        }
      }
      ASSERT_EQ(at, numbers.mass.size());
    }
  }
}

}  // namespace
}  // namespace parley::ensemble
