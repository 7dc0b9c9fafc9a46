// parley whatif: the scenario's optional events against the baseline
// (docs/ensembles.md, "What-if tables").
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/ensemble_common.h"
#include "cli/run_support.h"
#include "ensemble/whatif.h"
#include "io/output.h"

namespace parley::cli {

namespace {

struct WhatifArgs : CommonArgs {
  std::string events = "all";
  bool pairs = false;
  std::uint64_t draws = 20;
};

std::vector<std::string> split_names(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

int run_whatif(const WhatifArgs& args) {
  const Scenario scenario = load_input(args);
  if (!args.quiet) print_warnings(scenario);
  const ensemble::Plan plan = variant_plan(scenario, args);
  std::vector<std::string> notes;
  std::vector<std::vector<std::string>> rows = {{}};
  if (ensemble::optional_events(scenario).empty())
    notes.push_back(
        "the scenario has no optional events (conflict.events[].optional): only the baseline");
  else if (!ensemble::reads_events(plan))
    notes.push_back("model '" + plan.model->name +
                    "' does not read the scenario's optional events (the war model does): only "
                    "the baseline");
  else
    rows = ensemble::whatif_rows(
        plan, args.events == "all" ? std::vector<std::string>{} : split_names(args.events),
        args.pairs);
  ensemble::Whatif table = ensemble::what_if(plan, rows, args.draws);
  table.notes.insert(table.notes.begin(), notes.begin(), notes.end());
  write_document(args, output::whatif_document(plan, table), scenario);
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
      ->add_option("--events", args->events,
                   "Optional events to compare: all, or a comma-separated list of names")
      ->capture_default_str();
  command->add_flag("--pairs", args->pairs, "Also every pair of the events");
  command
      ->add_option("--draws", args->draws,
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
