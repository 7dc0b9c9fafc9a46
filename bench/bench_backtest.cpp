// Backtest speed on the DEU development file (issue 7 target: every static
// model over the whole file in under a second).  Reads data/deu/ of
// the source tree, or $PARLEY_VALIDATION_DIR/deu.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "io/importers.h"
#include "parley/io.h"
#include "validation/backtest.h"

namespace {

std::string deu_path() {
  const char* env = std::getenv("PARLEY_VALIDATION_DIR");
  std::string dir = env ? env : std::string(PARLEY_SOURCE_DIR) + "/data";
  return dir + "/deu/deu_dev.tsv";
}

// Reading and importing the table: O(rows x columns).
void BM_DeuImport(benchmark::State& state) {
  std::string path = deu_path();
  std::string text = parley::read_text_file(path);
  for (auto _ : state) benchmark::DoNotOptimize(parley::io::import_deu(text, path));
}
BENCHMARK(BM_DeuImport)->Unit(benchmark::kMillisecond);

// Every static model (the default line-up) on all 222 issues, scored, with
// `resamples` bootstrap draws per model: O(models x (issues x actors log
// actors + resamples x proposals)).
void BM_DeuBacktestStaticModels(benchmark::State& state) {
  std::string path = deu_path();
  parley::Scenario scenario = parley::io::import_deu(parley::read_text_file(path), path);
  parley::validation::BacktestOptions options;
  options.bootstrap = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(parley::validation::backtest(scenario, options));
  state.counters["models"] = static_cast<double>(parley::validation::default_model_specs().size());
}
BENCHMARK(BM_DeuBacktestStaticModels)->Arg(0)->Arg(2000)->Unit(benchmark::kMillisecond);

}  // namespace
