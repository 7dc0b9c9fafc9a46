// `parley compare`: every model (or the ones named) on one scenario, side by
// side with their track records, a consensus weighted by out-of-sample skill
// and the spread across models (docs/compare.md).
#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run_support.h"
#include "io/calibration_io.h"
#include "io/output.h"
#include "parley/error.h"
#include "validation/backtest_distributions.h"
#include "validation/comparison.h"

namespace parley::cli {

namespace {

namespace v = parley::validation;

struct CompareArgs : CommonArgs {
  std::string models = "all";
  std::vector<std::string> calibrations;  // files, or "none"; empty = the shipped defaults
};

// The models to compare: `all` (every registered model), or specs such as
// `bdm:preset=scholz_table2` (validation::parse_model_spec), comma-separated.
std::vector<v::ModelSpec> model_specs(const std::string& list) {
  std::vector<v::ModelSpec> specs;
  std::stringstream parts(list);
  for (std::string part; std::getline(parts, part, ',');) {
    if (part.empty()) continue;
    if (part == "all") {
      for (const auto& info : parley::models()) specs.push_back(v::parse_model_spec(info.name));
    } else {
      specs.push_back(v::parse_model_spec(part));
    }
  }
  if (specs.empty()) throw Error("--models: name at least one model, or `all`");
  return specs;
}

// The calibrations that may give intervals: the shipped defaults, none, or
// the given files (which replace the defaults).
std::vector<v::Calibration> calibrations_for(const std::vector<std::string>& files) {
  if (files.empty()) return io::default_calibrations();
  if (files.size() == 1 && files.front() == "none") return {};
  std::vector<v::Calibration> out;
  for (const auto& path : files) {
    if (path == "none") throw Error("--calibration none cannot be combined with files");
    out.push_back(io::read_calibration(path));
  }
  return out;
}

// The spec's parameters over the scenario's (when it names that model), then
// every --set whose name the model knows.
v::ModelSpec with_settings(const Scenario& scenario, v::ModelSpec spec,
                           const std::vector<std::string>& settings) {
  const ModelSelection selection = select_model(scenario, spec.model, {});
  Params params = selection.params;
  for (const auto& [key, value] : spec.params) params[key] = value;
  for (const auto& setting : settings) {
    auto [key, value] = parse_setting(setting);
    if (selection.info->schema.find(key)) params[key] = value;
  }
  spec.params = std::move(params);
  return spec;
}

// "procedural: no forecast on 8 of 8 issues (status no_procedure); ...", or
// "" when the model forecast every issue.
std::string missing_note(const std::string& label, const Result& run) {
  const auto unforecast = [](double f) { return !std::isfinite(f); };
  const auto first = std::find_if(run.forecast.begin(), run.forecast.end(), unforecast);
  if (first == run.forecast.end()) return "";
  const auto at = static_cast<size_t>(first - run.forecast.begin());
  return label + ": no forecast on " +
         std::to_string(std::count_if(first, run.forecast.end(), unforecast)) + " of " +
         std::to_string(run.forecast.size()) + " issues (status " +
         (at < run.status.size() ? run.status[at] : "none") +
         "); the consensus there weighs the other models";
}

int run(const CompareArgs& args) {
  const Scenario scenario = load_input(args);
  if (!args.quiet) print_warnings(scenario);
  const std::vector<v::Calibration> calibrations = calibrations_for(args.calibrations);
  const Instance instance = nominal_instance(scenario);
  RunContext context;
  context.seed = args.seed;
  context.scenario = &scenario;
  std::vector<Result> runs;
  std::vector<v::ModelForecast> forecasts;
  std::vector<std::string> sources, notes;
  for (const v::ModelSpec& given : model_specs(args.models)) {
    const v::ModelSpec spec = with_settings(scenario, given, args.settings);
    try {
      runs.push_back(run_model(find_model(spec.model), instance, spec.params, context));
    } catch (const Error& e) {
      notes.push_back(spec.label + ": not run: " + e.what());
      continue;
    }
    if (const std::string note = missing_note(spec.label, runs.back()); !note.empty())
      notes.push_back(note);
    const auto it = std::find_if(calibrations.begin(), calibrations.end(),
                                 [&](const auto& c) { return v::calibration_applies(c, spec); });
    forecasts.push_back(
        {spec.label, runs.back().forecast, it == calibrations.end() ? nullptr : &*it});
    sources.push_back(it == calibrations.end() ? "" : v::calibration_label(*it));
    if (it == calibrations.end())
      notes.push_back(spec.label +
                      ": no calibration for this model and these parameters; shown without "
                      "interval and left out of the consensus");
  }
  if (runs.empty()) throw Error("compare: no model could run on this scenario");
  const v::Comparison comparison = v::compare_models(instance, forecasts);
  output::Json document = output::compare_document(comparison, runs, sources, notes, &scenario);
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
