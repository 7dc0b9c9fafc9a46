#include "cli/run_support.h"

#include <iostream>

namespace parley::cli {

Scenario load(const ScenarioOptions& options) {
  return load_scenario(options.path, parse_format(options.from));
}

ModelSelection select_model(const Scenario& scenario, const ModelOptions& options) {
  ModelSelection out;
  std::string name = options.name;
  if (name.empty()) name = scenario.model ? scenario.model->name : "compromise";
  out.info = &find_model(name);
  if (scenario.model && scenario.model->name == name) out.params = scenario.model->params;
  for (const auto& setting : options.settings) {
    auto [key, value] = parse_setting(setting);
    out.params[key] = value;
  }
  return out;
}

void print_warnings(const Scenario& scenario) {
  for (const auto& w : scenario.warnings)
    std::cerr << "parley: warning: " << scenario.origin << ": " << w << "\n";
}

}  // namespace parley::cli
