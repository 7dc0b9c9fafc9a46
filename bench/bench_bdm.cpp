// One round of the expected-utility challenge model (src/models/bdm_core.cpp)
// on synthetic actors: n = 10, 100, 1000, 5000, for each probability formula.
// Run: ./build/bench/parley_bench --benchmark_filter=BdmRound
// Expected cost: O(n^2) per round after an O(n log n) sort (see bdm_core.cpp);
// the figures and the fitted exponent are in BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "models/bdm.h"
#include "parley/random.h"

namespace {

using parley::bdm::Actors;
using parley::bdm::ProbFormula;
using parley::bdm::Settings;

// Positions uniform on [0, 100], capabilities and saliences uniform on (0, 1),
// from a fixed seed.  O(n).
Actors synthetic_actors(int n) {
  parley::Stream stream(20260101, {static_cast<std::uint64_t>(parley::Subsystem::model), 0xbd,
                                   static_cast<std::uint64_t>(n)});
  Actors actors;
  for (int k = 0; k < n; ++k) {
    actors.x.push_back(100.0 * stream.uniform());
    actors.c.push_back(stream.uniform());
    actors.s.push_back(stream.uniform());
  }
  return actors;
}

void round_with(benchmark::State& state, ProbFormula formula) {
  const Actors actors = synthetic_actors(static_cast<int>(state.range(0)));
  Settings settings;  // the engine defaults: own perspective, least-move priority
  settings.prob_formula = formula;
  for (auto _ : state) {
    auto report = parley::bdm::play_round(actors, 100.0, settings);
    benchmark::DoNotOptimize(report.positions.data());
  }
  state.SetComplexityN(state.range(0));
}

void BdmRound_eq31(benchmark::State& state) { round_with(state, ProbFormula::eq31); }
void BdmRound_net_vote(benchmark::State& state) { round_with(state, ProbFormula::net_vote); }
void BdmRound_allpairs_risk(benchmark::State& state) {
  round_with(state, ProbFormula::allpairs_risk);
}

// The settings of the two presets (src/models/bdm.cpp): scholz_table2 runs
// allpairs_risk with the receiver's perspective, which fills the dyad tables
// one mover at a time; literal is eq31 with the engine's defaults.
void BdmRound_scholz_table2(benchmark::State& state) {
  const Actors actors = synthetic_actors(static_cast<int>(state.range(0)));
  Settings settings;
  settings.prob_formula = ProbFormula::allpairs_risk;
  settings.perspective = parley::bdm::Perspective::receiver;
  settings.selection = parley::bdm::Selection::jmckib;
  for (auto _ : state) {
    auto report = parley::bdm::play_round(actors, 100.0, settings);
    benchmark::DoNotOptimize(report.positions.data());
  }
  state.SetComplexityN(state.range(0));
}

void sizes(benchmark::internal::Benchmark* bench) {
  for (int n : {10, 100, 1000, 5000}) bench->Arg(n);
  bench->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->Complexity(benchmark::oAuto);
}

BENCHMARK(BdmRound_eq31)->Apply(sizes);
BENCHMARK(BdmRound_net_vote)->Apply(sizes);
BENCHMARK(BdmRound_allpairs_risk)->Apply(sizes);
BENCHMARK(BdmRound_scholz_table2)->Apply(sizes);

}  // namespace
