// parley advise: an actor's feasible moves ranked by its expected utility
// (docs/ensembles.md, "Advice").
#include <memory>

#include "cli/analyses.h"
#include "cli/commands.h"
#include "cli/ensemble_common.h"
#include "cli/run_support.h"

namespace parley::cli {

namespace {

struct AdviseArgs : CommonArgs {
  AdviseRequest advise;
};

int run_advise(const AdviseArgs& args) {
  const Scenario scenario = load_input(args);
  if (!args.quiet) print_warnings(scenario);
  write_document(args, advise_analysis(scenario, args, args.advise)({}), scenario);
  return 0;
}

}  // namespace

void add_advise_command(CLI::App& app, Shared& shared) {
  auto args = std::make_shared<AdviseArgs>();
  auto* command = app.add_subcommand(
      "advise", "What should an actor change? Its feasible moves ranked by its expected utility");
  add_common_options(*command, *args,
                     kInput | kFrom | kModel | kSeed | kThreads | kFormat | kOut | kQuiet);
  command->add_option("--actor", args->advise.actor, "The actor to advise (its id)")->required();
  command
      ->add_option("--levers", args->advise.levers,
                   "Comma-separated levers: position, salience, capability, events")
      ->capture_default_str();
  command->add_option("--goal", args->advise.goal,
                      "What the actor wants: its expected utility over every issue (default), "
                      "over one ISSUE, or ceasefire_by=YYYY-MM (war)");
  command
      ->add_option("--draws", args->advise.search.draws,
                   "Draws of the uncertain inputs each move is scored on, common to all moves "
                   "(0 = 20, or 4 under the war model, which simulates its ensemble_draws wars "
                   "on each)")
      ->check(whole_number(0, 1e6))
      ->capture_default_str();
  command
      ->add_option("--reach", args->advise.search.reach,
                   "Position moves: at most this share of the issue's scale each way")
      ->check(number_in(0.001, 1))
      ->capture_default_str();
  command->add_option("--steps", args->advise.search.steps, "Position moves: steps each way")
      ->check(whole_number(1, 1000))
      ->capture_default_str();
  command
      ->add_option("--salience-step", args->advise.search.salience_step,
                   "Salience moves: the share of salience (0..1) moved between two issues")
      ->check(number_in(0.001, 1))
      ->capture_default_str();
  command
      ->add_option("--capability-reach", args->advise.search.capability_reach,
                   "Capability moves for a capability stated as one number: at most this "
                   "share each way (an uncertain one stays within its range)")
      ->check(number_in(0.001, 0.99))
      ->capture_default_str();
  command->add_option("--max-moves", args->advise.search.max_moves, "Most moves combined")
      ->check(whole_number(1, 100))
      ->capture_default_str();
  command->callback([args, &shared] {
    args->quiet = args->quiet || shared.quiet;
    shared.exit_code = run_advise(*args);
  });
}

}  // namespace parley::cli
