// Helpers shared by the commands that load a scenario and run a model.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "parley/io.h"
#include "parley/model.h"
#include "parley/scenario.h"

namespace parley::cli {

// Options common to commands that read a scenario.
struct ScenarioOptions {
  std::string path;
  std::string from = "auto";
};

Scenario load(const ScenarioOptions& options);

// The model to run: --model, else the scenario's `model:`, else compromise;
// parameters: the scenario's (when it names the same model), then --set.
struct ModelOptions {
  std::string name;
  std::vector<std::string> settings;  // "name=value"
};
struct ModelSelection {
  const ModelInfo* info = nullptr;
  Params params;  // given (unresolved) values
};
ModelSelection select_model(const Scenario& scenario, const ModelOptions& options);

// Resource limits: refuse work that would exhaust memory, before starting it.
struct Limits {
  long long max_actors = 100000;
  double max_memory_mb = 8192;
};
void add_limit_options(CLI::App& command, Limits& limits);
// Throws parley::Error with the estimate when the run exceeds a limit.
void check_limits(const Scenario& scenario, const ModelSelection& selection, const Limits& limits,
                  double copies = 1);

// Prints the scenario's import warnings to stderr.
void print_warnings(const Scenario& scenario);

}  // namespace parley::cli
