// Benchmarks of the war-termination layer on the flagship scenario.
//   BM_WarOnePeriod    one simulated war of one period (a period's full step:
//                      events, battle, beliefs, reservation values by the
//                      O(N) Thomas solve per veto player, mediator, spatial
//                      step, formulator search, regime transition)
//   BM_WarManyWars     100,000 simulated wars of 36 months (target: under one
//                      minute on this machine)
//   BM_WarModel        `parley run --model war` on the flagship at the default
//                      2000 draws, one thread and every core (what a fit of the
//                      layer's parameters pays per case and trial)
#include <benchmark/benchmark.h>

#include <string>

#include "conflict/conflict.h"
#include "conflict/simulator.h"
#include "parley/instance.h"
#include "parley/io.h"
#include "parley/model.h"

namespace {

const parley::Scenario& flagship() {
  static const parley::Scenario scenario =
      parley::load_scenario(std::string(PARLEY_SOURCE_DIR) + "/scenarios/ukraine-2026.yaml");
  return scenario;
}

parley::war::Simulator make_simulator(int horizon, int threads) {
  const parley::Instance instance = parley::nominal_instance(flagship());
  parley::war::Options options;
  options.horizon = horizon;
  options.threads = threads;
  options.scenario = &flagship();
  return parley::war::Simulator(parley::war::parse_conflict(flagship(), instance), instance,
                                options);
}

void BM_WarOnePeriod(benchmark::State& state) {
  const auto sim = make_simulator(1, 1);
  std::uint64_t draw = 0;
  for (auto _ : state) benchmark::DoNotOptimize(sim.run(1, 0, draw++));
}
BENCHMARK(BM_WarOnePeriod)->Unit(benchmark::kMicrosecond);

void BM_WarManyWars(benchmark::State& state) {
  const auto sim = make_simulator(36, static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(sim.simulate(1, 0, 100000));
}
BENCHMARK(BM_WarManyWars)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

void BM_WarModel(benchmark::State& state) {
  const parley::Instance instance = parley::nominal_instance(flagship());
  parley::RunContext context;
  context.seed = 1;
  context.scenario = &flagship();
  const parley::Params params = {{"threads", static_cast<double>(state.range(0))}};
  for (auto _ : state)
    benchmark::DoNotOptimize(
        parley::run_model(parley::find_model("war"), instance, params, context));
}
BENCHMARK(BM_WarModel)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
