// What the model's error costs an ensemble (docs/calibration.md, "In mc"):
// the same flagship ensemble (ensemble::run_ensemble + summarise, no store,
// one thread) without and with the shipped calibration of the model.
//
//   ./build/bench/parley_bench --benchmark_filter=ModelError
//
// Counters, in process CPU time per draw: plain_us, calibrated_us and
// overhead_pct = (calibrated - plain) / plain.  The calibrated run adds, per
// draw and issue, one predictive distribution built into the worker's
// workspace (evidence O(N log N) for N actors, atoms O(K), no
// allocation), one draw by parts (O(K)) and the masses of the issue's
// ranges from one sweep over their B distinct bounds (O(B + K) comparisons,
// O(B K) additions).  Figures and what they mean: BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <memory>

#include "ensemble/ensemble.h"
#include "ensemble/model_error.h"
#include "io/calibration_io.h"
#include "parley/io.h"

namespace {

using namespace parley;

const Scenario* flagship() {
  static const std::unique_ptr<Scenario> scenario = []() -> std::unique_ptr<Scenario> {
    const std::string path = std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine-2026.yaml";
    if (!std::filesystem::exists(path)) return nullptr;
    return std::make_unique<Scenario>(load_scenario(path));
  }();
  return scenario.get();
}

// The flagship's plan for `model`, one thread, seed 1, without the model's
// error (the caller attaches it).
ensemble::Plan flagship_plan(const std::string& model, std::uint64_t draws) {
  ensemble::Options options;
  options.model = model;
  options.seed = 1;
  options.draws = draws;
  options.threads = 1;
  return ensemble::make_plan(*flagship(), options);
}

void BM_ModelErrorOverhead(benchmark::State& state, std::string model, std::uint64_t draws) {
  if (!flagship()) return state.SkipWithError("no flagship scenario found");
  const ensemble::Plan plain = flagship_plan(model, draws);
  const auto calibration = io::default_calibration(model);
  if (!calibration) return state.SkipWithError("no shipped calibration for the model");
  ensemble::Plan calibrated = plain;
  ensemble::set_model_error(calibrated, calibration->fitted, "shipped");
  const auto list = ensemble::all_draws(draws);
  auto cpu = [] { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; };
  double plain_seconds = 0, calibrated_seconds = 0;
  for (auto _ : state) {
    const double t0 = cpu();
    benchmark::DoNotOptimize(ensemble::summarise(plain, ensemble::run_ensemble(plain, list, {})));
    const double t1 = cpu();
    benchmark::DoNotOptimize(
        ensemble::summarise(calibrated, ensemble::run_ensemble(calibrated, list, {})));
    const double t2 = cpu();
    plain_seconds += t1 - t0;
    calibrated_seconds += t2 - t1;
  }
  const double per = 1e6 / static_cast<double>(state.iterations() * draws);
  state.counters["plain_us"] = plain_seconds * per;
  state.counters["calibrated_us"] = calibrated_seconds * per;
  state.counters["overhead_pct"] = 100 * (calibrated_seconds - plain_seconds) / plain_seconds;
}
BENCHMARK_CAPTURE(BM_ModelErrorOverhead, compromise, std::string("compromise"), 5000)
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ModelErrorOverhead, bdm, std::string("bdm"), 500)
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond);

// Why the range probabilities are exact per draw rather than counted from
// the drawn values: both estimate the mixture's mass P of a range without
// bias, the exact masses with variance Var_d(P_d) / D over D draws, the
// drawn values with P (1 - P) / D.  Counter efficiency_* = the ratio of the
// two over the flagship's named ranges (those with P in [0.01, 0.99]): the
// factor by which counting would need more draws for the same precision.
// Not a timing; the time is that of one calibrated ensemble.
void BM_ModelErrorEfficiency(benchmark::State& state, std::string model, std::uint64_t draws) {
  if (!flagship()) return state.SkipWithError("no flagship scenario found");
  ensemble::Plan plan = flagship_plan(model, draws);
  const auto calibration = io::default_calibration(model);
  if (!calibration) return state.SkipWithError("no shipped calibration for the model");
  ensemble::set_model_error(plan, calibration->fitted, "shipped");
  std::vector<double> ratios;
  for (auto _ : state) {
    const auto results = ensemble::run_ensemble(plan, ensemble::all_draws(draws), {});
    ratios.clear();
    for (std::size_t range = 0; range < plan.model_error->masses; ++range) {  // O(R D)
      double sum = 0, squares = 0;
      for (const auto& draw : results) {
        const double p = ensemble::error_numbers_of(plan, draw).mass[range];
        sum += p;
        squares += p * p;
      }
      const double n = static_cast<double>(results.size());
      const double mean = sum / n, variance = squares / n - mean * mean;
      if (mean >= 0.01 && mean <= 0.99 && variance > 0)
        ratios.push_back(mean * (1 - mean) / variance);
    }
  }
  if (ratios.empty()) return state.SkipWithError("no range with 0.01 <= P <= 0.99");
  std::sort(ratios.begin(), ratios.end());
  state.counters["ranges"] = static_cast<double>(ratios.size());
  state.counters["efficiency_min"] = ratios.front();
  state.counters["efficiency_median"] = ratios[ratios.size() / 2];
  state.counters["efficiency_max"] = ratios.back();
}
BENCHMARK_CAPTURE(BM_ModelErrorEfficiency, compromise, std::string("compromise"), 20000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace
