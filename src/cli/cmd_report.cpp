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
#include "cli/options.h"
#include "cli/progress.h"
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

struct ReportArgs : CommonArgs {  // input: a result, a run id or a scenario
  ReportArgs() { out = "report.html"; }
  std::string title;
  bool no_scripts = false;
  std::vector<std::string> extras;           // more results: mc summaries, sensitivity analyses
  std::vector<std::string> with;             // compare and advice results for the brief
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
  const Scenario scenario = load_input(args);
  if (!args.quiet) print_warnings(scenario);
  const ModelSelection selection = select_model(scenario, args.model, args.settings);
  RunContext context;
  context.seed = args.seed;
  context.explain = true;
  context.scenario = &scenario;
  Progress progress(args.quiet, "steps of the model");
  context.progress = progress.callback();
  const Instance instance = nominal_instance(scenario);
  const Result result = run_model(*selection.info, instance, selection.params, context);
  progress.finish();
  output::Json document = output::run_document(result, &scenario);
  add_model_error(document, instance, result, args.calibration, selection);
  note_warnings(document, scenario);
  return nlohmann::json(document);
}

// The brief context of --with (run_support.h) added to the run the report
// shows, matched against the scenario the run records.
void add_context(nlohmann::json& run, const std::vector<std::string>& files) {
  if (run.value("kind", "") != "run")
    throw Error("--with adds to the brief of a run: give a scenario or the JSON of `parley run`");
  const std::string sha =
      run.contains("scenario_fingerprint") && run["scenario_fingerprint"].is_string()
          ? run["scenario_fingerprint"].get<std::string>()
          : std::string();
  const output::Json context = with_context(sha, files);
  for (const auto& [key, value] : context.items()) run[key] = nlohmann::json(value);
}

// The command line that reproduces the report, for its "Reproduce" section.
std::string reproduce_command(const ReportArgs& args, bool ran) {
  std::string command = "parley report " + args.input;
  if (ran) {
    if (!args.model.empty()) command += " --model " + args.model;
    if (!args.calibration.empty()) command += " --calibration " + args.calibration;
    for (const std::string& setting : args.settings) command += " --set " + setting;
    command += fmt::format(" --seed {}", args.seed);
  }
  for (const std::string& extra : args.extras) command += " --add " + extra;
  for (const std::string& file : args.with) command += " --with " + file;
  if (!args.scenario_file.empty()) command += " --scenario " + args.scenario_file;
  // Without -o: where the page is written must not change its bytes.
  return command;
}

}  // namespace

void add_report_command(CLI::App& app, Shared& shared) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* command = app.add_subcommand(
      "report", "Write the forecast as one HTML page with plots, readable offline");
  Help help;
  help.input =
      "A result (`parley run`/`mc`/`sensitivity --format json`), a run id of the store, or a "
      "scenario, which is run first";
  help.seed = "Master random seed when running a scenario";
  help.out = "HTML file to write ('-' = standard output)";
  add_common_options(*command, *args,
                     kInput | kFrom | kModel | kSeed | kOut | kQuiet | kCalibration, help);
  command->add_option("--title", args->title, "Title of the page (default: the scenario's)");
  command->add_option("--add", args->extras,
                      "Also show this JSON of `parley mc` or `parley sensitivity` (repeatable)");
  add_with_option(*command, args->with);
  command->add_option("--scenario", args->scenario_file,
                      "Scenario to show when the results do not embed theirs (e.g. an mc summary)");
  command->add_option("--store", args->store, "Run store where a run id is looked up")
      ->capture_default_str();
  command->add_flag("--no-scripts", args->no_scripts,
                    "Leave out the plotting scripts: tables only, ~40 kB instead of ~900 kB");
  command->callback([args, &shared] {
    args->quiet = args->quiet || shared.quiet;
    std::vector<nlohmann::json> documents(1);
    bool ran = !args->model.empty() || args->from != "auto";
    const bool stored = !ran && is_run_id(args->input);
    if (stored) {
      documents[0] = read_run(args->store, std::stoll(args->input));
    } else if (!ran) {
      documents[0] = as_result(nlohmann::json::parse(read_text_file(args->input), nullptr,
                                                     /*allow_exceptions=*/false),
                               args->input);
      ran = documents[0].is_null();
    }
    if (ran) documents[0] = run_scenario(*args);
    if (!ran && !args->calibration.empty())
      throw Error(SourceLocation{args->input, 0, 0, ""},
                  "--calibration applies when the report runs a scenario; this result already "
                  "holds its model error (made with `parley run/mc --calibration`)");
    if (!args->with.empty()) add_context(documents[0], args->with);
    for (const std::string& extra : args->extras) documents.push_back(read_json(extra));
    const bool embedded = std::any_of(documents.begin(), documents.end(),
                                      [](const auto& d) { return d.contains("scenario"); });
    if (!args->scenario_file.empty() && !embedded) {
      CommonArgs scenario_args = *args;
      scenario_args.input = args->scenario_file;
      const Scenario scenario = load_input(scenario_args);
      documents[0]["scenario"] = nlohmann::json(output::scenario_json(scenario));
    }
    report::ReportOptions options;
    options.title = args->title;
    options.command = reproduce_command(*args, ran);
    options.scripts = !args->no_scripts;
    write_output(args->out, report::render_report(documents, options));
    if (!args->quiet && args->out != "-") std::cerr << "report: " << args->out << "\n";
    shared.exit_code = 0;
  });
}

}  // namespace parley::cli
