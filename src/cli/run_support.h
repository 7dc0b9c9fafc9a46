// Helpers shared by the commands that load a scenario and run a model.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/options.h"
#include "io/output.h"
#include "parley/io.h"
#include "parley/model.h"
#include "parley/scenario.h"

namespace parley::cli {

// Resource limits: refuse work that would exhaust memory, before starting it.
struct Limits {
  long long max_actors = 100000;
  double max_memory_mb = 8192;
};
void add_limit_options(CLI::App& command, Limits& limits);
// Throws parley::Error with the estimate when the run exceeds a limit.
void check_limits(const Scenario& scenario, const ModelSelection& selection, const Limits& limits,
                  double copies = 1);

// A model run as `parley run` makes it: the model (--model, else the
// scenario's, else compromise) with its parameters, on the scenario's nominal
// values.  The CLI and `parley serve` both run through it, so their JSON is
// the same for the same scenario and seed.
struct RunRequest {
  std::string model;                  // "" = the scenario's, else compromise
  std::vector<std::string> settings;  // "name=value"
  std::uint64_t seed = 1;
  int threads = 0;  // > 0 reaches models with a `threads` parameter; results do not depend on it
  bool explain = false;
  Limits limits;
  std::string calibration;  // as --calibration: "" = the shipped one that applies, "none", a file
  std::function<void(std::uint64_t, std::uint64_t)> progress;  // may be empty
};
// The run's result document (embedding the scenario).  `notes` receives the
// question checks' notes (questions only another model answers).  Throws
// parley::Error for bad input and for a run over the limits.
output::Json run_scenario(const Scenario& scenario, const RunRequest& request,
                          std::vector<std::string>& notes);

// What `parley validate` checks after reading a scenario: warnings (import
// repairs, sources dated after the scenario; under `strict` the first one is
// thrown as the error) and the scenario's questions against the model that
// would run.  Throws parley::Error.
struct Checked {
  std::vector<std::string> warnings;  // "FILE: text" or "FILE:LINE:COL: text"
  std::string summary;  // "N actors, M issues, K uncertain inputs[, Q questions (...)]"
  std::string model;    // the model the questions were checked against
};
Checked check_scenario(const Scenario& scenario, const std::string& model,
                       const std::vector<std::string>& settings, bool strict);

// The number of uncertain inputs (distributions) among positions, saliences
// and capabilities.
size_t uncertain_inputs(const Scenario& scenario);

// Prints the scenario's import warnings to stderr ("parley: warning: FILE: ...").
void print_warnings(const Scenario& scenario);
// Adds them to a result document's notes ("import: FILE: ...").
void note_warnings(output::Json& document, const Scenario& scenario);

// --with FILE (repeatable): the JSON of `parley compare` and/or `parley
// advise` on the same scenario, whose agreement and strongest lever the
// run's brief shows (docs/result-format.md, "The brief").  Defined once for
// `run` and `report`.
void add_with_option(CLI::App& command, std::vector<std::string>& files);
// The members the files add to a run document of the scenario whose
// fingerprint is `scenario_fingerprint` (output::add_brief_context: `agreement`,
// `lever`), read before anything runs.  parley::Error (exit 2) for a file
// that is not such a result, or that was made from another scenario.
// `computed`: result documents made by this command (`run --compare`), added
// the same way after the files.
output::Json with_context(const std::string& scenario_fingerprint,
                          const std::vector<std::string>& files,
                          const std::vector<output::Json>& computed = {});

// Adds the model's error to a run document (docs/calibration.md): the
// calibration --calibration chooses (options.h, choose_calibration) and
// the predictive distribution around each point; without one, a note says
// the points carry no model error.
void add_model_error(output::Json& document, const Instance& instance, const Result& result,
                     const std::string& calibration, const ModelSelection& selection);

}  // namespace parley::cli
