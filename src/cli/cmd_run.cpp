// `parley run`: one model on one scenario.
#include <iostream>
#include <memory>

#include "cli/analyses.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "cli/run_support.h"
#include "io/output.h"

namespace parley::cli {

namespace {
struct RunArgs : CommonArgs {
  bool explain = false;
  Limits limits;
  std::vector<std::string> with;  // compare and advice results on the same scenario
  bool compare = false;           // compare every model first, for the brief
};

int run(const RunArgs& o) {
  const Scenario scenario = load_input(o);
  if (!o.quiet) print_warnings(scenario);
  std::vector<output::Json> computed;
  if (o.compare) computed.push_back(compare_analysis(scenario, o, CompareOptions{})({}));
  const output::Json context =
      with_context(output::scenario_fingerprint(scenario), o.with, computed);
  RunRequest request;
  request.model = o.model;
  request.settings = o.settings;
  request.seed = o.seed;
  request.threads = o.threads;
  request.explain = o.explain;
  request.limits = o.limits;
  request.calibration = o.calibration;
  const bool war = select_model(scenario, o.model, o.settings).info->name == "war";
  Progress progress(o.quiet, war ? "simulated wars" : "steps");
  request.progress = progress.callback();
  std::vector<std::string> notes;
  output::Json document = run_scenario(scenario, request, notes);
  progress.finish();
  document.update(context);
  for (const auto& note : notes) std::cerr << "parley: note: " << note << "\n";
  const output::Format format = output::parse_format(o.format);
  if (format != output::Format::table) note_warnings(document, scenario);  // tables: on stderr
  output::TableOptions table;
  table.explain = o.explain;
  write_output(o.out, output::format(document, format, table));
  return 0;
}
}  // namespace

void add_run_command(CLI::App& app, Shared& shared) {
  auto options = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Run a model on a scenario and print its forecast");
  add_common_options(
      *cmd, *options,
      kInput | kFrom | kModel | kSeed | kThreads | kFormat | kOut | kQuiet | kCalibration);
  cmd->add_flag(
      "--explain", options->explain,
      "After the brief and the details, also print the actors' positions, the trajectory by "
      "round and every explanation table of the model (offers, challenges, ...)");
  add_with_option(*cmd, options->with);
  cmd->add_flag("--compare", options->compare,
                "Also run every model on the scenario as `parley compare` does (same seed and "
                "--set), for the brief's line on how far the models agree");
  add_limit_options(*cmd, options->limits);
  cmd->callback([options, &shared] {
    options->quiet = options->quiet || shared.quiet;
    shared.exit_code = run(*options);
  });
}

}  // namespace parley::cli
