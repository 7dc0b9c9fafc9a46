// Speed of the KTAB-compatible SMP (docs/models/smp.md section 10).
//
// KTAB inputs are read from data/ktab of the source tree (or
// $PARLEY_VALIDATION_DIR/ktab) at run time; a missing file skips its
// benchmark.  Synthetic scenarios of 500 and 1000 actors are drawn from
// parley::Stream.  Counters: turns per run, milliseconds per turn, peak
// resident memory of the process (MB).
//
//   ./build/bench/parley_bench --benchmark_filter=Smp
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "io/importers.h"
#include "models/smp.h"
#include "parley/error.h"
#include "parley/instance.h"
#include "parley/random.h"

namespace {

using namespace parley;

std::string ktab_path(const std::string& file) {
  const char* env = std::getenv("PARLEY_VALIDATION_DIR");
  const std::string dir = env ? env : std::string(PARLEY_SOURCE_DIR) + "/data";
  return dir + "/ktab/" + file;
}

bool load_ktab(const std::string& file, smp::Problem& out) {
  std::ifstream in(ktab_path(file), std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  const Scenario s = io::import_ktab_csv(ss.str(), file);
  std::vector<std::string> notes;
  out = smp::problem_from_instance(nominal_instance(s), notes);
  return true;
}

// n actors, d dimensions: capability 10-200, total salience 0.5-1 split at
// random over dimensions, positions uniform.
smp::Problem synthetic(int n, int d) {
  smp::Problem pb;
  pb.n = n;
  pb.d = d;
  for (int i = 0; i < n; ++i) {
    Stream s(20261129, {static_cast<std::uint64_t>(n), static_cast<std::uint64_t>(i)});
    pb.capability.push_back(10 + 190 * s.uniform());
    const double total = 0.5 + 0.5 * s.uniform();
    std::vector<double> w(d);
    double sum = 0;
    for (auto& x : w) sum += (x = 0.1 + s.uniform());
    for (int k = 0; k < d; ++k) {
      pb.salience.push_back(total * w[k] / sum);
      pb.position.push_back(s.uniform());
    }
  }
  return pb;
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // Linux reports KiB
}

void run_problem(benchmark::State& state, const smp::Problem& pb, int max_iter) {
  smp::Config cfg;
  cfg.threads = static_cast<int>(state.range(0));
  if (max_iter > 0) cfg.max_iter = max_iter;
  double turns = 0;
  for (auto _ : state) {
    const smp::Run r = smp::run(pb, cfg);
    turns = static_cast<double>(r.ratios.size());
    benchmark::DoNotOptimize(r.states.back().position.data());
  }
  state.counters["turns"] = turns;
  // Seconds of CPU time per turn (shown with an SI prefix, e.g. 45m = 45 ms).
  state.counters["s_per_turn"] = benchmark::Counter(
      turns, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["peak_rss_MB"] = peak_rss_mb();
}

void ktab_case(benchmark::State& state, const char* file) {
  smp::Problem pb;
  if (!load_ktab(file, pb)) {
    state.SkipWithError((std::string("missing ") + ktab_path(file)).c_str());
    return;
  }
  run_problem(state, pb, 0);
}

void BM_SmpKtabA040(benchmark::State& s) { ktab_case(s, "dummyData-a040.csv"); }
void BM_SmpKtabA080(benchmark::State& s) { ktab_case(s, "dummyData-a080.csv"); }
void BM_SmpKtabA160(benchmark::State& s) { ktab_case(s, "dummyData-a160.csv"); }
void BM_SmpKtabSoePolComp(benchmark::State& s) { ktab_case(s, "SOE-Pol-Comp.csv"); }
void BM_SmpKtab6Dim(benchmark::State& s) { ktab_case(s, "dummyData_6Dim.csv"); }

// Synthetic: a fixed number of turns (3) so that the time per turn is
// measured on comparable work.
void BM_SmpSynthetic500(benchmark::State& s) { run_problem(s, synthetic(500, 1), 3); }
void BM_SmpSynthetic1000(benchmark::State& s) { run_problem(s, synthetic(1000, 1), 3); }
void BM_SmpSynthetic1000x3(benchmark::State& s) { run_problem(s, synthetic(1000, 3), 3); }

}  // namespace

BENCHMARK(BM_SmpKtabSoePolComp)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmpKtab6Dim)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmpKtabA040)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmpKtabA080)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmpKtabA160)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmpSynthetic500)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_SmpSynthetic1000)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_SmpSynthetic1000x3)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1);
