#include "cli/run_support.h"

#include "cli/options.h"

#include <cstdio>
#include <iostream>

#include "parley/error.h"

namespace parley::cli {

void add_limit_options(CLI::App& command, Limits& limits) {
  command.add_option("--max-actors", limits.max_actors, "Refuse scenarios with more actors")
      ->check(number_in(1, 1e9))
      ->capture_default_str();
  command
      .add_option("--max-memory", limits.max_memory_mb,
                  "Refuse runs estimated to need more memory (MB)")
      ->check(number_in(1, 1e9))
      ->capture_default_str();
}

void check_limits(const Scenario& scenario, const ModelSelection& selection, const Limits& limits,
                  double copies) {
  const auto actors = static_cast<long long>(scenario.actors.size());
  if (actors > limits.max_actors)
    throw Error(SourceLocation{scenario.origin, 0, 0, "actors"},
                std::to_string(actors) + " actors exceed --max-actors " +
                    std::to_string(limits.max_actors));
  const Params params = resolve(selection.info->schema, selection.params, "--set");
  const double mb = copies *
                    estimate_memory(*selection.info, static_cast<int>(actors),
                                    static_cast<int>(scenario.issues.size()), params) /
                    (1024.0 * 1024.0);
  if (mb > limits.max_memory_mb) {
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "model %s needs an estimated %.0f MB, more than --max-memory %.0f MB",
                  selection.info->name.c_str(), mb, limits.max_memory_mb);
    throw Error(SourceLocation{scenario.origin, 0, 0, ""}, buf);
  }
}

void print_warnings(const Scenario& scenario) {
  for (const auto& w : scenario.warnings)
    std::cerr << "parley: warning: " << scenario.origin << ": " << w << "\n";
}

void note_warnings(output::Json& document, const Scenario& scenario) {
  if (!document.contains("notes")) document["notes"] = output::Json::array();
  for (const auto& w : scenario.warnings)
    document["notes"].push_back("import: " + scenario.origin + ": " + w);
}

}  // namespace parley::cli
