// Cost of predictive distributions (docs/calibration.md): building one from a
// point and the scenario's evidence, drawing from it, scoring it.  The figure
// that matters is the per-draw cost beside a model run in an ensemble.
#include <benchmark/benchmark.h>

#include "parley/random.h"
#include "validation/calibration.h"

namespace {

using namespace parley::validation;

// A DEU-like issue: 30 actors on 4 distinct positions plus a reference point.
IssueEvidence evidence() {
  IssueEvidence e;
  e.lo = 0;
  e.hi = 100;
  e.point = 0.43;
  e.atoms = {0.0, 0.3, 0.5, 0.8, 1.0};
  e.weight = {0.35, 0.1, 0.2, 0.0, 0.35};
  e.spread = 0.38;
  return e;
}
const ErrorModel kModel{0.58, 1.0, 1.14, 0.735};

// O(K log K) with one allocation for the atoms.
void BM_PredictiveBuild(benchmark::State& state) {
  IssueEvidence e = evidence();
  for (auto _ : state) benchmark::DoNotOptimize(predictive(kModel, e));
}
BENCHMARK(BM_PredictiveBuild);

// O(K), no allocation: one inverse-CDF draw.
void BM_PredictiveSample(benchmark::State& state) {
  PredictiveDistribution d = predictive(kModel, evidence());
  parley::Stream s(1, {1});
  for (auto _ : state) benchmark::DoNotOptimize(d.sample(s.uniform()));
}
BENCHMARK(BM_PredictiveSample);

// O(K), no allocation.
void BM_PredictiveCrps(benchmark::State& state) {
  PredictiveDistribution d = predictive(kModel, evidence());
  double y = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(d.crps(y));
    y = y < 100 ? y + 1 : 0;
  }
}
BENCHMARK(BM_PredictiveCrps);

}  // namespace
