// Helpers shared by the commands that load a scenario and run a model.
#pragma once

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

// Prints the scenario's import warnings to stderr ("parley: warning: FILE: ...").
void print_warnings(const Scenario& scenario);
// Adds them to a result document's notes ("import: FILE: ...").
void note_warnings(output::Json& document, const Scenario& scenario);

}  // namespace parley::cli
