// Baseline models on synthetic one-issue scenarios of n actors.
#include <benchmark/benchmark.h>

#include "parley/model.h"
#include "parley/random.h"

namespace {

parley::Instance synthetic(int n) {
  parley::Instance in(n, 1);
  in.frames[0] = parley::IssueFrame{"i", "i", 0, 100, 0.0};
  parley::Stream s(2026, {static_cast<std::uint64_t>(n)});
  for (int a = 0; a < n; ++a) {
    in.actor_ids[static_cast<size_t>(a)] = "a" + std::to_string(a);
    in.set(a, 0, 100 * s.uniform(), s.uniform(), 1 + 99 * s.uniform());
  }
  return in;
}

void run(benchmark::State& state, const char* model) {
  const parley::Instance in = synthetic(static_cast<int>(state.range(0)));
  const parley::ModelInfo& info = parley::find_model(model);
  for (auto _ : state) benchmark::DoNotOptimize(parley::run_model(info, in, {}, {}));
  state.SetComplexityN(state.range(0));
}

void BM_Compromise(benchmark::State& state) { run(state, "compromise"); }
void BM_Median(benchmark::State& state) { run(state, "median"); }
void BM_Nbs(benchmark::State& state) { run(state, "nbs"); }

BENCHMARK(BM_Compromise)->RangeMultiplier(10)->Range(10, 10000)->Complexity();
BENCHMARK(BM_Median)->RangeMultiplier(10)->Range(10, 10000)->Complexity();
BENCHMARK(BM_Nbs)->RangeMultiplier(10)->Range(10, 10000)->Complexity();

}  // namespace
