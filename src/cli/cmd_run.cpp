#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/run_support.h"

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
  for (const auto& note : check_questions_for_run(
           scenario, *selection.info, resolve(selection.info->schema, selection.params, "--set")))
    std::cerr << "parley: note: " << note << "\n";
  RunContext context;
  context.seed = o.seed;
  context.explain = o.explain;
  context.scenario = &scenario;
  const Result result =
      run_model(*selection.info, nominal_instance(scenario), selection.params, context);
  std::string text;
  if (o.format == "json") {
    text = result_to_json(result, &scenario);
  } else if (o.format == "csv") {
    text = result_to_csv(result);
  } else {
    // The answers to the scenario's questions come first (docs/scenario-format.md).
    const std::string answers = answers_to_text(answer_questions(scenario, result));
    text = (scenario.title.empty() ? std::string() : scenario.title + "\n") +
           (answers.empty() ? std::string() : answers + "\n") +
           result_to_table(result, /*full=*/o.explain);
    // Headline tables (e.g. the war layer's per-period table) always show.
    text += tables_to_text(result, /*headline_only=*/!o.explain);
  }
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
  cmd->add_flag(
      "--explain", options->explain,
      "Print the model's explanation tables (offers, challenges, ...), and the positions and "
      "trajectory also when they are wider than 100 columns");
  add_limit_options(*cmd, options->limits);
  cmd->callback([options, &shared] { shared.exit_code = run(*options); });
}

}  // namespace parley::cli
