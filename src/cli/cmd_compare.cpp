// `parley compare`: every model (or the ones named) on one scenario, side by
// side with their track records, a consensus weighted by out-of-sample skill
// and the spread across models (docs/compare.md).
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/compare_support.h"
#include "cli/options.h"
#include "cli/run_support.h"
#include "io/output.h"

namespace parley::cli {

namespace {

struct CompareArgs : CommonArgs {
  std::string models = "all";
  std::vector<std::string> calibrations;  // files, or "none"; empty = the shipped defaults
};

int run(const CompareArgs& args) {
  const Scenario scenario = load_input(args);
  if (!args.quiet) print_warnings(scenario);
  CompareRequest request;
  request.models = args.models;
  request.settings = args.settings;
  request.calibrations = args.calibrations;
  request.seed = args.seed;
  output::Json document = compare_scenario(scenario, request);
  const output::Format format = output::parse_format(args.format);
  if (format != output::Format::table) note_warnings(document, scenario);
  write_output(args.out, output::format(document, format));
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
  cmd->add_option("-m,--models", args->models,
                  "Models to compare: `all`, or a comma-separated list of names, each with "
                  "optional parameters (`bdm:preset=scholz_table2`)")
      ->capture_default_str();
  cmd->add_option("-s,--set", args->settings,
                  "name=value for every compared model that has the parameter (e.g. "
                  "draws=200 reaches war only); repeatable");
  cmd->add_option("--calibration", args->calibrations,
                  "Calibration file(s) from `parley calibrate` giving the intervals and the "
                  "track records (replacing the shipped defaults), or `none`");
  cmd->callback([args, &shared] {
    args->quiet = args->quiet || shared.quiet;
    shared.exit_code = run(*args);
  });
}

}  // namespace parley::cli
