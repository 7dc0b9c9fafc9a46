// Helpers shared by the commands that load a scenario and run a model.
#pragma once

#include <string>
#include <vector>

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

// Prints the scenario's import warnings to stderr.
void print_warnings(const Scenario& scenario);

}  // namespace parley::cli
