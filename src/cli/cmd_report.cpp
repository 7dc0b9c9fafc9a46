// `parley report`: the forecast as one self-contained HTML page
// (docs/report.md).  Reads a result JSON (`parley run --format json`,
// `parley mc --format json`) or runs a scenario first.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "parley/error.h"
#include "parley/instance.h"
#include "parley/io.h"
#include "parley/model.h"
#include "parley/scenario.h"
#include "report/report.h"

namespace parley::cli {

namespace {

struct ReportArgs {
  std::string input;
  std::string output = "report.html";
  std::string model;
  std::vector<std::string> settings;
  std::uint64_t seed = 0;
  std::string title;
  bool no_scripts = false;
};

// A result has a forecast or an ensemble; anything else is read as a scenario.
bool is_result(const nlohmann::json& document) {
  return document.is_object() && (document.contains("forecast") || document.contains("ensemble"));
}

nlohmann::json run_scenario(const ReportArgs& args) {
  const Scenario scenario = load_scenario(args.input);
  std::string name = args.model;
  if (name.empty() && scenario.model) name = scenario.model->name;
  if (name.empty()) {
    throw Error(SourceLocation{args.input, 0, 0, "model"},
                "the scenario names no model: give one with --model (see `parley models`)");
  }
  const ModelInfo& info = find_model(name);
  Params given;
  if (scenario.model && scenario.model->name == name) given = scenario.model->params;
  for (const std::string& setting : args.settings) {
    auto [key, value] = parse_setting(setting);
    given[key] = value;
  }
  RunContext context;
  context.seed = args.seed;
  context.explain = true;
  context.scenario = &scenario;
  const Result result = run_model(info, nominal_instance(scenario), given, context);
  nlohmann::json document = nlohmann::json::parse(result_to_json(result));
  if (!document.contains("scenario")) document["scenario"] = nlohmann::json::parse(to_json(scenario));
  return document;
}

// The command line that reproduces the report, for its "Reproduce" section.
std::string reproduce_command(const ReportArgs& args, bool ran) {
  std::string command = "parley report " + args.input;
  if (ran) {
    if (!args.model.empty()) command += " --model " + args.model;
    for (const std::string& setting : args.settings) command += " --set " + setting;
    command += fmt::format(" --seed {}", args.seed);
  }
  // Without -o: where the page is written must not change its bytes.
  return command;
}

}  // namespace

void add_report_command(CLI::App& app, Shared& shared) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* command = app.add_subcommand(
      "report", "Write the forecast as one HTML page with plots, readable offline");
  command->add_option("input", args->input,
                      "a result (JSON of `parley run`/`parley mc --format json`) or a scenario "
                      "(run first with its own or the --model model)")
      ->required();
  command->add_option("-o,--output", args->output, "the HTML file to write (- for stdout)")
      ->capture_default_str();
  command->add_option("--model", args->model, "run the scenario with this model");
  command->add_option("--set", args->settings, "model parameter name=value (repeatable)");
  command->add_option("--seed", args->seed, "master seed when running a scenario")
      ->capture_default_str();
  command->add_option("--title", args->title, "title of the page (default: the scenario's)");
  command->add_flag("--no-scripts", args->no_scripts,
                    "leave out the plotting scripts (tables only, ~40 kB instead of ~900 kB)");
  command->callback([args, &shared] {
    nlohmann::json document;
    bool ran = !args->model.empty();
    if (!ran) {
      const std::string text = read_text_file(args->input);
      document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
      ran = !is_result(document);
    }
    if (ran) document = run_scenario(*args);
    report::ReportOptions options;
    options.title = args->title;
    options.command = reproduce_command(*args, ran);
    options.scripts = !args->no_scripts;
    write_output(args->output, report::render_report(document, options));
    if (!shared.quiet && args->output != "-") fmt::print(stderr, "report: {}\n", args->output);
    shared.exit_code = 0;
  });
}

}  // namespace parley::cli
