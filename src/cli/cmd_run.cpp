// `parley run`: one model on one scenario.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "cli/run_support.h"
#include "io/output.h"
#include "parley/questions.h"

namespace parley::cli {

namespace {
struct RunArgs : CommonArgs {
  bool explain = false;
  Limits limits;
};

int run(const RunArgs& o) {
  const Scenario scenario = load_input(o);
  if (!o.quiet) print_warnings(scenario);
  ModelSelection selection = select_model(scenario, o.model, o.settings);
  // --threads reaches models that run threads of their own (results do not
  // depend on it); without it they keep their own default.
  if (o.threads > 0 && selection.info->schema.find("threads") && !selection.params.count("threads"))
    selection.params["threads"] = static_cast<double>(o.threads);
  check_limits(scenario, selection, o.limits);
  for (const auto& note : check_questions_for_run(
           scenario, *selection.info, resolve(selection.info->schema, selection.params, "--set")))
    std::cerr << "parley: note: " << note << "\n";
  RunContext context;
  context.seed = o.seed;
  context.explain = o.explain;
  context.scenario = &scenario;
  Progress progress(o.quiet, selection.info->name == "war" ? "simulated wars" : "steps");
  context.progress = progress.callback();
  const Instance instance = nominal_instance(scenario);
  const Result result = run_model(*selection.info, instance, selection.params, context);
  progress.finish();
  output::Json document = output::run_document(result, &scenario);
  add_model_error(document, instance, result, o.calibration, selection);
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
  add_limit_options(*cmd, options->limits);
  cmd->callback([options, &shared] {
    options->quiet = options->quiet || shared.quiet;
    shared.exit_code = run(*options);
  });
}

}  // namespace parley::cli
