// parley whatif: the scenario's optional events against the baseline
// (docs/ensembles.md, "What-if tables").
#include <memory>

#include "cli/analyses.h"
#include "cli/commands.h"
#include "cli/ensemble_common.h"
#include "cli/run_support.h"

namespace parley::cli {

namespace {

struct WhatifArgs : CommonArgs {
  WhatifOptions whatif;
};

int run_whatif(const WhatifArgs& args) {
  const Scenario scenario = load_input(args);
  if (!args.quiet) print_warnings(scenario);
  write_document(args, whatif_analysis(scenario, args, args.whatif)({}), scenario);
  return 0;
}

}  // namespace

void add_whatif_command(CLI::App& app, Shared& shared) {
  auto args = std::make_shared<WhatifArgs>();
  auto* command = app.add_subcommand(
      "whatif", "The scenario's optional events, alone and in pairs, against the baseline");
  add_common_options(*command, *args,
                     kInput | kFrom | kModel | kSeed | kThreads | kFormat | kOut | kQuiet);
  command
      ->add_option("--events", args->whatif.events,
                   "Optional events to compare: all, or a comma-separated list of names")
      ->capture_default_str();
  command->add_flag("--pairs", args->whatif.pairs, "Also every pair of the events");
  command
      ->add_option("--draws", args->whatif.draws,
                   "Draws of the uncertain inputs for the intervals (0 = none); the war model "
                   "simulates its ensemble_draws wars on each")
      ->check(whole_number(0, 1e6))
      ->capture_default_str();
  command->callback([args, &shared] {
    args->quiet = args->quiet || shared.quiet;
    shared.exit_code = run_whatif(*args);
  });
}

}  // namespace parley::cli
