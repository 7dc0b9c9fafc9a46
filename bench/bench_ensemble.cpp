// Ensemble throughput: draws per second at 1 and 2 threads, and the per-draw
// overhead (sampling and bookkeeping) relative to the model's own time.
//
//   ./build/bench/parley_bench --benchmark_filter=Ensemble
//
// Time = wall time, CPU = CPU time of the whole process (all threads): on a
// machine shared with other work, equal CPU per draw at 1 and 2 threads
// shows that the parallel version adds no work, even when the wall-clock
// speed-up cannot be observed.
//
// Scenarios: the flagship scenario (scenarios/ukraine-2026.yaml, else the
// emission-standards case) with its own uncertain inputs plus --noise 0.1 on
// the certain ones, and a synthetic
// 100-actor, 3-issue scenario whose every input is uncertain.  Models that
// are not registered are skipped.
#include <benchmark/benchmark.h>

#include <ctime>
#include <filesystem>
#include <memory>

#include "ensemble/ensemble.h"
#include "parley/io.h"
#include "parley/random.h"

namespace {

using namespace parley;

// 100 actors x 3 issues on [0, 100]: triangular positions, uniform
// saliences, normal capabilities; values from a fixed stream.
Scenario synthetic(int actors) {
  Scenario s;
  s.title = "synthetic";
  for (int i = 0; i < 3; ++i) {
    Issue issue;
    issue.id = "issue" + std::to_string(i);
    issue.name = issue.id;
    s.issues.push_back(issue);
  }
  Stream stream(7, {0, static_cast<std::uint64_t>(Subsystem::sampling)});
  for (int a = 0; a < actors; ++a) {
    Actor actor;
    actor.id = "actor" + std::to_string(a);
    actor.name = actor.id;
    double c = 10 + 90 * stream.uniform();
    actor.capability = Uncertain::normal(c, 0.1 * c);
    for (const auto& issue : s.issues) {
      double x = 10 + 80 * stream.uniform();
      actor.position[issue.id] = Uncertain::triangular(x - 10, x, x + 10);
      double sal = 20 + 60 * stream.uniform();
      actor.salience[issue.id] = Uncertain::uniform(sal - 20, sal + 20);
    }
    s.actors.push_back(actor);
  }
  return s;
}

// The flagship scenario when the repository has one, else the 10-actor
// emission-standards case of the validation data (read by the BDM table
// importer); its certain inputs get the 10% noise.
const Scenario* flagship() {
  static const std::unique_ptr<Scenario> scenario = []() -> std::unique_ptr<Scenario> {
    const std::string source = PARLEY_SOURCE_DIR;
    for (const std::string& path : {source + "/scenarios/ukraine-2026.yaml",
                                    source + "/data/emission_standards_bdm1994/actors.csv"})
      if (std::filesystem::exists(path)) return std::make_unique<Scenario>(load_scenario(path));
    return nullptr;
  }();
  return scenario.get();
}

const Scenario& hundred() {
  static const Scenario scenario = synthetic(100);
  return scenario;
}

bool registered(const std::string& model) {
  for (const auto& info : models())
    if (info.name == model) return true;
  return false;
}

// Draws per second of a whole ensemble (no store): sampling + model +
// bookkeeping + summary.  state.range(0) = threads.
void run(benchmark::State& state, const std::string& model, const Scenario* scenario,
         std::uint64_t draws) {
  if (!scenario) return state.SkipWithError("no flagship scenario found");
  if (!registered(model)) return state.SkipWithError("model not registered");
  ensemble::Options options;
  options.model = model;
  options.seed = 1;
  options.draws = draws;
  options.noise = 0.1;
  options.threads = static_cast<int>(state.range(0));
  ensemble::Plan plan = ensemble::make_plan(*scenario, options);
  auto list = ensemble::all_draws(draws);
  for (auto _ : state) {
    auto results = ensemble::run_ensemble(plan, list, {});
    benchmark::DoNotOptimize(ensemble::summarise(plan, results));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * draws));
}

void BM_EnsembleFlagship(benchmark::State& state, std::string model, std::uint64_t draws) {
  run(state, model, flagship(), draws);
}
void BM_Ensemble100Actors(benchmark::State& state, std::string model, std::uint64_t draws) {
  run(state, model, &hundred(), draws);
}

// The parts of a draw that are not the model: drawing the instance (one
// Stream per uncertain input, O(inputs)) ...
void BM_EnsembleSamplingOnly(benchmark::State& state) {
  ensemble::Options options;
  options.model = "compromise";
  options.noise = 0.1;
  ensemble::Plan plan = ensemble::make_plan(hundred(), options);
  std::uint64_t draw = 0;
  for (auto _ : state) benchmark::DoNotOptimize(ensemble::draw_instance(plan, draw++));
  state.SetItemsProcessed(state.iterations());
}

// ... against the model alone on a fixed instance.
void BM_EnsembleModelOnly(benchmark::State& state, std::string model) {
  if (!registered(model)) return state.SkipWithError("model not registered");
  ensemble::Options options;
  options.model = model;
  options.noise = 0.1;
  ensemble::Plan plan = ensemble::make_plan(hundred(), options);
  Instance instance = ensemble::draw_instance(plan, 0);
  for (auto _ : state) benchmark::DoNotOptimize(ensemble::run_instance(plan, instance, 0));
  state.SetItemsProcessed(state.iterations());
}

// Per-draw overhead at a fixed amount of model work: bdm for exactly 10
// rounds on the 100-actor scenario.  Each iteration runs the ensemble on one
// thread (sampling, model, bookkeeping, summary), then the model alone on
// the same draws' instances, drawn beforehand.  Counters, in process CPU
// time per draw: ensemble_ms, model_ms and overhead_pct = (ensemble - model)
// / model.  O(draws x model).
void BM_EnsembleOverhead(benchmark::State& state, std::string model) {
  if (!registered(model)) return state.SkipWithError("model not registered");
  constexpr std::uint64_t kDraws = 10;
  ensemble::Options options;
  options.model = model;
  options.params = {{"rounds", 10.0}, {"stop_rule", std::string("fixed_rounds")}};
  options.seed = 1;
  options.draws = kDraws;
  options.noise = 0.1;
  ensemble::Plan plan = ensemble::make_plan(hundred(), options);
  auto list = ensemble::all_draws(kDraws);
  std::vector<Instance> instances;
  for (std::uint64_t draw : list) instances.push_back(ensemble::draw_instance(plan, draw));
  double ensemble_seconds = 0, model_seconds = 0;
  auto cpu = [] { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; };
  for (auto _ : state) {
    const double t0 = cpu();
    auto results = ensemble::run_ensemble(plan, list, {});
    benchmark::DoNotOptimize(ensemble::summarise(plan, results));
    const double t1 = cpu();
    for (std::uint64_t draw : list)
      benchmark::DoNotOptimize(ensemble::run_instance(plan, instances[draw], draw));
    const double t2 = cpu();
    ensemble_seconds += t1 - t0;
    model_seconds += t2 - t1;
  }
  const double per = 1e3 / static_cast<double>(state.iterations() * kDraws);
  state.counters["ensemble_ms"] = ensemble_seconds * per;
  state.counters["model_ms"] = model_seconds * per;
  state.counters["overhead_pct"] = 100 * (ensemble_seconds - model_seconds) / model_seconds;
}
BENCHMARK_CAPTURE(BM_EnsembleOverhead, bdm, std::string("bdm"))
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond);

BENCHMARK_CAPTURE(BM_EnsembleFlagship, compromise, std::string("compromise"), 20000)
    ->Arg(1)
    ->Arg(2)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_EnsembleFlagship, bdm, std::string("bdm"), 2000)
    ->Arg(1)
    ->Arg(2)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_EnsembleFlagship, smp, std::string("smp"), 50)
    ->Arg(1)
    ->Arg(2)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Ensemble100Actors, compromise, std::string("compromise"), 4000)
    ->Arg(1)
    ->Arg(2)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Ensemble100Actors, bdm, std::string("bdm"), 200)
    ->Arg(1)
    ->Arg(2)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Ensemble100Actors, smp, std::string("smp"), 8)
    ->Arg(1)
    ->Arg(2)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EnsembleSamplingOnly)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_EnsembleModelOnly, compromise, std::string("compromise"))
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_EnsembleModelOnly, bdm, std::string("bdm"))->Unit(benchmark::kMicrosecond);

}  // namespace
