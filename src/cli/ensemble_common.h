// Pieces shared by the ensemble commands (mc, sensitivity, runs, show,
// merge): option blocks, scenario preparation, the progress bar and the
// tables for people.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/options.h"
#include "cli/progress.h"
#include "ensemble/ensemble.h"
#include "io/output.h"
#include "parley/scenario.h"
#include "store/store.h"

namespace parley::cli {

// Options every ensemble command shares: the common block (options.h) and the
// run store's.
struct EnsembleArgs : CommonArgs {
  double noise = 0;
  std::string store = store::kDefaultStore;
  bool no_store = false;
};
void add_ensemble_options(CLI::App& command, EnsembleArgs& args, bool input_required);

// A scenario together with its canonical text.  Every ensemble runs on the
// scenario read back from its canonical text, so that a resumed or merged
// run sees exactly the inputs of the original.
struct Prepared {
  Scenario scenario;
  std::string canonical;
  std::string sha256;
  std::string origin;
  std::vector<std::string> warnings;  // the importer's, about the original file
};
Prepared prepare_file(const CommonArgs& args);
Prepared prepare_text(const std::string& canonical, const std::string& origin);

// The model and its parameters, chosen as every command does (options.h:
// --model, else the scenario's, else compromise), into `options`.
void choose_model(const Scenario& scenario, const EnsembleArgs& args, ensemble::Options& options);

// One run of the store as the `runs` document lists it.
output::Json record_json(const store::RunRecord& record);
// {kind: "runs", runs: [record...]}: the runs of a store (`parley runs`).
output::Json runs_document(const std::vector<store::RunRecord>& runs);

// The model's error that --calibration chooses (options.h,
// choose_calibration), attached to the plan (docs/calibration.md, "In mc");
// returns the calibration, or none.
std::optional<validation::Calibration> include_model_error(ensemble::Plan& plan,
                                                           const std::string& option);
// What `parley mc` stores about a run (shard `shard.first` of
// `shard.second`) before its first draw.
store::RunRecord mc_record(const ensemble::Plan& plan, const Prepared& prepared,
                           std::pair<int, int> shard = {0, 1});
// The mc document of `results` as `parley mc` prints it: the summary, the
// answers to the scenario's questions first (quantities other than
// forecast.ISSUE from one run at the nominal inputs), the calibration it
// includes (`option` as given to --calibration) and the importer's warnings
// among its notes.
output::Json summary_of(const ensemble::Plan& plan, std::span<const ensemble::DrawResult> results,
                        const Prepared& prepared,
                        const std::optional<validation::Calibration>& calibration,
                        const std::string& option);
// Adds to an mc document the calibration it includes or, when the default
// found none for the model, a note saying its ranges carry no model error.
void note_model_error(output::Json& document, const ensemble::Plan& plan,
                      const std::optional<validation::Calibration>& calibration,
                      const std::string& option);
// The plan of a command that runs a model on variants of `scenario` (whatif,
// advise): the model and parameters as every command chooses them, the seed
// and threads of `args`, one draw per replicate.  `scenario` must outlive it.
ensemble::Plan variant_plan(const Scenario& scenario, const CommonArgs& args);
// Writes `document` to args.out in args.format; the scenario's import
// warnings join its notes (tables: they went to stderr on loading).
void write_document(const CommonArgs& args, output::Json document, const Scenario& scenario);

// The ensemble options a stored run was made with (model, parameters, seed,
// draws, noise, bins, regions); threads are left at 1.
ensemble::Options stored_options(const store::RunRecord& record);

// The result document a finished run of the store holds.  Runs stored by
// versions before the common result schema: an mc run's summary is made
// again from its stored draws; other runs are refused with a message naming
// the version that stored them.  Throws parley::Error for a run that has not
// finished.
output::Json stored_document(store::Store& db, const store::RunRecord& record);
std::string run_header(const store::RunRecord& run);

}  // namespace parley::cli
