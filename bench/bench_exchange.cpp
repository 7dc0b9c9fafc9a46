// Exchange model (docs/models/exchange.md) on the COP21 file: 15 actors,
// 13 issues, so up to 78 x 105 = 8190 candidate exchanges per round.
//
// The data are looked up in $PARLEY_VALIDATION_DIR, default data/ of the
// source tree.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "io/importers.h"
#include "models/exchange.h"
#include "parley/instance.h"
#include "parley/model.h"
#include "parley/scenario.h"

namespace {

bool load_cop21(parley::Instance& instance) {
  const char* env = std::getenv("PARLEY_VALIDATION_DIR");
  const std::string path = std::string(env ? env : PARLEY_SOURCE_DIR "/data") +
                           "/exchange_model_climate/cop21_decide.tsv";
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream text;
  text << in.rdbuf();
  instance = parley::nominal_instance(parley::io::import_decide(text.str(), path));
  return true;
}

// A whole run: ten rounds, every round computed (stop = fixed_rounds).
void BM_ExchangeCop21TenRounds(benchmark::State& state) {
  parley::Instance instance;
  if (!load_cop21(instance)) {
    state.SkipWithError("cop21_decide.tsv not found (set PARLEY_VALIDATION_DIR)");
    return;
  }
  const parley::ModelInfo& info = parley::find_model("exchange");
  const parley::Params params{{"rounds", 10.0}, {"stop", std::string("fixed_rounds")}};
  parley::RunContext context;
  context.seed = 1;
  for (auto _ : state) {
    parley::Result result = parley::run_model(info, instance, params, context);
    benchmark::DoNotOptimize(result.forecast.data());
  }
  state.counters["rounds/s"] = benchmark::Counter(10.0 * static_cast<double>(state.iterations()),
                                                  benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ExchangeCop21TenRounds)->Unit(benchmark::kMillisecond);

// The first round alone (the busiest: most candidates are still valid).
void BM_ExchangeCop21FirstRound(benchmark::State& state) {
  parley::Instance instance;
  if (!load_cop21(instance)) {
    state.SkipWithError("cop21_decide.tsv not found (set PARLEY_VALIDATION_DIR)");
    return;
  }
  parley::exchange::Board board;
  board.actors = instance.actors();
  board.issues = instance.issues();
  for (int a = 0; a < board.actors; ++a)
    for (int d = 0; d < board.issues; ++d) {
      const bool has = instance.has(a, d);
      board.position.push_back(has ? instance.position(a, d) : std::nan(""));
      board.salience.push_back(has ? instance.salience(a, d) : 0.0);
      board.capability.push_back(has ? instance.capability(a, d) : 0.0);
    }
  std::size_t exchanges = 0;
  for (auto _ : state) {
    parley::exchange::RoundResult round = parley::exchange::run_round(board, {}, 1);
    exchanges = round.exchanges.size();
    benchmark::DoNotOptimize(round.outcome.data());
  }
  state.counters["rounds/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["exchanges"] = static_cast<double>(exchanges);
}
BENCHMARK(BM_ExchangeCop21FirstRound)->Unit(benchmark::kMillisecond);

}  // namespace
