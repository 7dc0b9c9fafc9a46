// `parley report`: the forecast as one self-contained HTML page
// (docs/report.md).  Reads a result JSON (`parley run --format json`,
// `parley mc --format json`) or runs a scenario first.
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/run_support.h"
#include "parley/error.h"
#include "parley/instance.h"
#include "parley/io.h"
#include "parley/model.h"
#include "report/normalise.h"
#include "report/report.h"
#include "store/store.h"

namespace parley::cli {

namespace {

struct ReportArgs {
  ScenarioOptions scenario;  // path: a result or a scenario
  ModelOptions model;
  std::uint64_t seed = 1;  // as `parley run`
  std::string output = "report.html";
  std::string title;
  bool no_scripts = false;
  std::vector<std::string> extras;           // more results: mc summaries, sensitivity analyses
  std::string scenario_file;                 // embedded when the result has no scenario
  std::string store = store::kDefaultStore;  // where a run id is looked up
};

// INPUT names a stored run when it is a number and no file of that name exists.
bool is_run_id(const std::string& input) {
  if (input.empty() || input.size() > 18) return false;
  for (char c : input)
    if (c < '0' || c > '9') return false;
  return !std::filesystem::exists(input);
}

// The finished summary of a stored `mc` or `sensitivity` run, with its scenario.
nlohmann::json read_run(const std::string& store_path, std::int64_t id) {
  if (!std::filesystem::exists(store_path))
    throw Error(SourceLocation{store_path, 0, 0, ""}, "no run store here (see --store)");
  store::Store db(store_path, /*create=*/false);
  const store::RunRecord record = db.run(id);
  const std::string summary = db.summary(id);
  if (summary.empty())
    throw Error(SourceLocation{store_path, 0, 0, ""},
                "run " + std::to_string(id) +
                    " has not finished; complete it with `parley mc --resume " +
                    std::to_string(id) + "`");
  nlohmann::json document = nlohmann::json::parse(summary);
  if (!document.contains("scenario")) {
    const Scenario scenario =
        parse_scenario(record.scenario_text, record.scenario_origin, Format::yaml);
    document["scenario"] = nlohmann::json::parse(to_json(scenario));
  }
  return document;
}

// A result has a forecast or an ensemble; anything else is read as a scenario.
bool is_result(const nlohmann::json& document) {
  if (!document.is_object()) return false;
  const auto kind = document.find("kind");
  return document.contains("forecast") || document.contains("ensemble") ||
         (kind != document.end() && (*kind == "mc" || *kind == "sensitivity"));
}

nlohmann::json read_json(const std::string& path) {
  nlohmann::json document =
      nlohmann::json::parse(read_text_file(path), nullptr, /*allow_exceptions=*/false);
  if (!is_result(document)) {
    throw Error(SourceLocation{path, 0, 0, ""},
                "not a result of `parley run`, `parley mc` or `parley sensitivity` (JSON)");
  }
  return document;
}

// Runs the scenario as `parley run --format json` would.
nlohmann::json run_scenario(const ReportArgs& args) {
  const Scenario scenario = load(args.scenario);
  print_warnings(scenario);
  const ModelSelection selection = select_model(scenario, args.model);
  RunContext context;
  context.seed = args.seed;
  context.explain = true;
  context.scenario = &scenario;
  const Result result =
      run_model(*selection.info, nominal_instance(scenario), selection.params, context);
  return nlohmann::json::parse(result_to_json(result, &scenario));
}

// The command line that reproduces the report, for its "Reproduce" section.
std::string reproduce_command(const ReportArgs& args, bool ran) {
  std::string command = "parley report " + args.scenario.path;
  if (ran) {
    if (!args.model.name.empty()) command += " --model " + args.model.name;
    for (const std::string& setting : args.model.settings) command += " --set " + setting;
    command += fmt::format(" --seed {}", args.seed);
  }
  for (const std::string& extra : args.extras) command += " --add " + extra;
  if (!args.scenario_file.empty()) command += " --scenario " + args.scenario_file;
  // Without -o: where the page is written must not change its bytes.
  return command;
}

}  // namespace

void add_report_command(CLI::App& app, Shared& shared) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* command = app.add_subcommand(
      "report", "Write the forecast as one HTML page with plots, readable offline");
  command
      ->add_option("input", args->scenario.path,
                   "A result (`parley run`/`parley mc --format json`), a run id of the store, "
                   "or a scenario, which is run first")
      ->required();
  command->add_option("--out,-o", args->output, "HTML file to write ('-' = standard output)")
      ->capture_default_str();
  command->add_option("--model,-m", args->model.name,
                      "Run the scenario with this model; default: the scenario's, else compromise");
  command->add_option("--set,-s", args->model.settings, "Model parameter name=value (repeatable)");
  command->add_option("--seed", args->seed, "Master random seed when running a scenario")
      ->capture_default_str();
  command
      ->add_option("--from", args->scenario.from,
                   "Scenario format: auto, yaml, json, bdm, ktab-csv, ktab-xml, deu, decide, long")
      ->capture_default_str();
  command->add_option("--title", args->title, "Title of the page (default: the scenario's)");
  command->add_option("--add", args->extras,
                      "Also show this JSON of `parley mc` or `parley sensitivity` (repeatable)");
  command->add_option("--scenario", args->scenario_file,
                      "Scenario to show when the results do not embed theirs (e.g. an mc summary)");
  command->add_option("--store", args->store, "Run store where a run id is looked up")
      ->capture_default_str();
  command->add_flag("--no-scripts", args->no_scripts,
                    "Leave out the plotting scripts: tables only, ~40 kB instead of ~900 kB");
  command->callback([args, &shared] {
    nlohmann::json document;
    bool ran = !args->model.name.empty() || args->scenario.from != "auto";
    const bool stored = !ran && is_run_id(args->scenario.path);
    if (stored) {
      document = read_run(args->store, std::stoll(args->scenario.path));
    } else if (!ran) {
      document = nlohmann::json::parse(read_text_file(args->scenario.path), nullptr,
                                       /*allow_exceptions=*/false);
      ran = !is_result(document);
    }
    if (ran) document = run_scenario(*args);
    for (const std::string& extra : args->extras) {
      document = report::merge_documents(document, read_json(extra));
    }
    if (!args->scenario_file.empty() && !document.contains("scenario")) {
      const Scenario scenario = load(ScenarioOptions{args->scenario_file, args->scenario.from});
      document["scenario"] = nlohmann::json::parse(to_json(scenario));
    }
    report::ReportOptions options;
    options.title = args->title;
    options.command = reproduce_command(*args, ran);
    options.scripts = !args->no_scripts;
    write_output(args->output, report::render_report(document, options));
    if (!shared.quiet && args->output != "-") std::cerr << "report: " << args->output << "\n";
    shared.exit_code = 0;
  });
}

}  // namespace parley::cli
