#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/run_support.h"
#include "io/output.h"

namespace parley::cli {

namespace {
struct RunOptions {
  ScenarioOptions scenario;
  ModelOptions model;
  std::uint64_t seed = 1;
  std::string format = "table";
  std::string out = "-";
  bool explain = false;
  Limits limits;
};

int run(const RunOptions& o) {
  const Scenario scenario = load(o.scenario);
  print_warnings(scenario);
  const ModelSelection selection = select_model(scenario, o.model);
  check_limits(scenario, selection, o.limits);
  RunContext context;
  context.seed = o.seed;
  context.explain = o.explain;
  context.scenario = &scenario;
  const Result result =
      run_model(*selection.info, nominal_instance(scenario), selection.params, context);
  output::TableOptions table;
  table.explain = o.explain;
  const std::string text = output::format(output::run_document(result, &scenario),
                                          output::parse_format(o.format), table);
  write_output(o.out, text);
  return 0;
}
}  // namespace

void add_run_command(CLI::App& app, Shared& shared) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run a model on a scenario and print its forecast");
  cmd->add_option("scenario", options->scenario.path,
                  "Scenario file (YAML, JSON, or an import format)")
      ->required();
  cmd->add_option("--model,-m", options->model.name,
                  "Model to run (see `parley models`); default: the scenario's, else compromise");
  cmd->add_option("--set,-s", options->model.settings, "Model parameter name=value (repeatable)");
  cmd->add_option("--seed", options->seed, "Master random seed")->capture_default_str();
  cmd->add_option("--format,-f", options->format, "Output format")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  cmd->add_option("--out,-o", options->out, "Output file ('-' = standard output)")
      ->capture_default_str();
  cmd->add_option("--from", options->scenario.from,
                  "Input format: auto, yaml, json, bdm, ktab-csv, ktab-xml, deu, decide, long")
      ->capture_default_str();
  cmd->add_flag("--explain", options->explain,
                "Print the model's explanation tables (offers, challenges, ...)");
  add_limit_options(*cmd, options->limits);
  cmd->callback([options, &shared] { shared.exit_code = run(*options); });
}

}  // namespace parley::cli
