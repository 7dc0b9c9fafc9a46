// Pieces shared by the ensemble commands (mc, sensitivity, runs, show,
// merge): option blocks, scenario preparation, the progress bar and the
// tables for people.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "ensemble/ensemble.h"
#include "io/output.h"
#include "parley/scenario.h"
#include "store/store.h"

namespace parley::cli {

// Options every ensemble command shares.
struct EnsembleArgs {
  std::string scenario;
  std::string model;
  std::vector<std::string> settings;  // --set name=value
  std::uint64_t seed = 1;
  int threads = 0;  // 0 = hardware threads
  double noise = 0;
  std::string store = store::kDefaultStore;
  bool no_store = false;
  bool quiet = false;
  std::string format = "table";
};
void add_ensemble_options(CLI::App& command, EnsembleArgs& args, bool scenario_required);

// A scenario together with its canonical text.  Every ensemble runs on the
// scenario read back from its canonical text, so that a resumed or merged
// run sees exactly the inputs of the original.
struct Prepared {
  Scenario scenario;
  std::string canonical;
  std::string sha256;
  std::string origin;
};
Prepared prepare_file(const std::string& path);
Prepared prepare_text(const std::string& canonical, const std::string& origin);

// The model (from --model or the scenario's `model:` section) and params
// (the scenario's, overridden by --set) into `options`.
void choose_model(const Scenario& scenario, const EnsembleArgs& args, ensemble::Options& options);
int thread_count(int requested);

// Progress on stderr: a bar with rate and ETA, only when stderr is a
// terminal and not --quiet.
class Progress {
 public:
  Progress(bool quiet, std::string unit);
  ~Progress();
  void update(std::uint64_t done, std::uint64_t total);
  void finish();

 private:
  bool enabled_;
  std::string unit_;
  std::chrono::steady_clock::time_point start_;
  bool drawn_ = false;
};

// The result document a finished run of the store holds.  Runs stored by
// versions before the common result schema: an mc run's summary is made
// again from its stored draws; other runs are refused with a message naming
// the version that stored them.  Throws parley::Error for a run that has not
// finished.
output::Json stored_document(store::Store& db, const store::RunRecord& record);
std::string run_header(const store::RunRecord& run);

}  // namespace parley::cli
