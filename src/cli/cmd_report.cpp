// `parley report`: the forecast as one self-contained HTML page
// (docs/report.md).  Reads a result JSON (`parley run --format json`,
// `parley mc --format json`) or runs a scenario first.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/ensemble_common.h"
#include "cli/run_support.h"
#include "io/output.h"
#include "parley/error.h"
#include "parley/instance.h"
#include "parley/io.h"
#include "parley/model.h"
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

// The result document of a finished `mc` or `sensitivity` run of the
// store, with the scenario stored with the run.
nlohmann::json read_run(const std::string& store_path, std::int64_t id) {
  if (!std::filesystem::exists(store_path))
    throw Error(SourceLocation{store_path, 0, 0, ""}, "no run store here (see --store)");
  store::Store db(store_path, /*create=*/false);
  const store::RunRecord record = db.run(id);
  output::Json document = stored_document(db, record);
  if (!document.contains("scenario"))
    document["scenario"] = output::scenario_json(
        parse_scenario(record.scenario_text, record.scenario_origin, Format::yaml));
  return nlohmann::json(document);
}

// A result document of the schema (docs/result-format.md), or null when the
// JSON is no result (then it is read as a scenario).  A run result written
// before the schema's `kind` (it has `forecast`) is the same document
// without it; older ensemble summaries are refused with the version.
nlohmann::json as_result(nlohmann::json document, const std::string& path) {
  if (!document.is_object()) return nullptr;
  if (!document.contains("kind")) {
    if (!document.contains("forecast")) return nullptr;
    document["kind"] = "run";
  }
  if (!document.contains("parley_version") && document["kind"] != "run")
    throw Error(SourceLocation{path, 0, 0, ""},
                "an ensemble result written before parley's common result schema; run the "
                "command again to make one this version reads");
  return document;
}

nlohmann::json read_json(const std::string& path) {
  nlohmann::json document = as_result(
      nlohmann::json::parse(read_text_file(path), nullptr, /*allow_exceptions=*/false), path);
  if (document.is_null()) {
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
  return nlohmann::json(output::run_document(result, &scenario));
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
    std::vector<nlohmann::json> documents(1);
    bool ran = !args->model.name.empty() || args->scenario.from != "auto";
    const bool stored = !ran && is_run_id(args->scenario.path);
    if (stored) {
      documents[0] = read_run(args->store, std::stoll(args->scenario.path));
    } else if (!ran) {
      documents[0] = as_result(nlohmann::json::parse(read_text_file(args->scenario.path), nullptr,
                                                     /*allow_exceptions=*/false),
                               args->scenario.path);
      ran = documents[0].is_null();
    }
    if (ran) documents[0] = run_scenario(*args);
    for (const std::string& extra : args->extras) documents.push_back(read_json(extra));
    const bool embedded = std::any_of(documents.begin(), documents.end(),
                                      [](const auto& d) { return d.contains("scenario"); });
    if (!args->scenario_file.empty() && !embedded) {
      const Scenario scenario = load(ScenarioOptions{args->scenario_file, args->scenario.from});
      documents[0]["scenario"] = nlohmann::json(output::scenario_json(scenario));
    }
    report::ReportOptions options;
    options.title = args->title;
    options.command = reproduce_command(*args, ran);
    options.scripts = !args->no_scripts;
    write_output(args->output, report::render_report(documents, options));
    if (!shared.quiet && args->output != "-") std::cerr << "report: " << args->output << "\n";
    shared.exit_code = 0;
  });
}

}  // namespace parley::cli
