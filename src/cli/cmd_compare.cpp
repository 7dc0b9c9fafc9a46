// `parley compare`: every model (or the ones named) on one scenario, side by
// side with their track records, a consensus weighted by out-of-sample skill
// and the spread across models (docs/compare.md).
#include <memory>

#include "cli/analyses.h"
#include "cli/commands.h"
#include "cli/ensemble_common.h"
#include "cli/options.h"
#include "cli/run_support.h"
#include "io/output.h"

namespace parley::cli {

namespace {

struct CompareArgs : CommonArgs {
  CompareOptions compare;
};

int run(const CompareArgs& args) {
  const Scenario scenario = load_input(args);
  if (!args.quiet) print_warnings(scenario);
  write_document(args, compare_analysis(scenario, args, args.compare)({}), scenario);
  return 0;
}

}  // namespace

void add_compare_command(CLI::App& app, Shared& shared) {
  auto args = std::make_shared<CompareArgs>();
  CLI::App* cmd = app.add_subcommand(
      "compare",
      "Run several models on a scenario: forecasts with calibrated intervals, track records, a "
      "consensus weighted by out-of-sample skill, and where the models disagree");
  add_common_options(*cmd, *args, kInput | kFrom | kSeed | kFormat | kOut | kQuiet);
  cmd->add_option("-m,--models", args->compare.models,
                  "Models to compare: `all`, or a comma-separated list of names, each with "
                  "optional parameters (`bdm:preset=scholz_table2`)")
      ->capture_default_str();
  cmd->add_option("-s,--set", args->settings,
                  "name=value for every compared model that has the parameter (e.g. "
                  "draws=200 reaches war only); repeatable");
  cmd->add_option("--calibration", args->compare.calibrations,
                  "Calibration file(s) from `parley calibrate` giving the intervals and the "
                  "track records (replacing the shipped defaults), or `none`");
  cmd->callback([args, &shared] {
    args->quiet = args->quiet || shared.quiet;
    shared.exit_code = run(*args);
  });
}

}  // namespace parley::cli
