#include "cli/run_support.h"

#include <cstdio>
#include <iostream>

#include "parley/error.h"

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

void add_limit_options(CLI::App& command, Limits& limits) {
  command.add_option("--max-actors", limits.max_actors, "Refuse scenarios with more actors")
      ->capture_default_str();
  command.add_option("--max-memory", limits.max_memory_mb, "Refuse runs estimated to need more memory (MB)")
      ->capture_default_str();
}

void check_limits(const Scenario& scenario, const ModelSelection& selection, const Limits& limits,
                  double copies) {
  const auto actors = static_cast<long long>(scenario.actors.size());
  if (actors > limits.max_actors)
    throw Error(SourceLocation{scenario.origin, 0, 0, "actors"},
                std::to_string(actors) + " actors exceed --max-actors " + std::to_string(limits.max_actors));
  const Params params = resolve(selection.info->schema, selection.params, "--set");
  const double mb = copies *
                    estimate_memory(*selection.info, static_cast<int>(actors),
                                    static_cast<int>(scenario.issues.size()), params) /
                    (1024.0 * 1024.0);
  if (mb > limits.max_memory_mb) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "model %s needs an estimated %.0f MB, more than --max-memory %.0f MB",
                  selection.info->name.c_str(), mb, limits.max_memory_mb);
    throw Error(SourceLocation{scenario.origin, 0, 0, ""}, buf);
  }
}

void print_warnings(const Scenario& scenario) {
  for (const auto& w : scenario.warnings)
    std::cerr << "parley: warning: " << scenario.origin << ": " << w << "\n";
}

}  // namespace parley::cli
