#include "cli/analyses.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <sstream>

#include "cli/ensemble_common.h"
#include "cli/run_support.h"
#include "ensemble/whatif.h"
#include "io/calibration_io.h"
#include "parley/error.h"
#include "validation/backtest_distributions.h"
#include "validation/comparison.h"

namespace parley::cli {

namespace {

namespace v = parley::validation;

std::vector<std::string> split_names(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

// The models to compare: `all` (every registered model), or specs such as
// `bdm:preset=scholz_table2` (validation::parse_model_spec), comma-separated.
std::vector<v::ModelSpec> model_specs(const std::string& list) {
  std::vector<v::ModelSpec> specs;
  for (const std::string& part : split_names(list)) {
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

}  // namespace

// O(models) runs; the consensus is O(models x issues).
Analysis compare_analysis(const Scenario& scenario, const CommonArgs& args,
                          const CompareOptions& options) {
  auto calibrations =
      std::make_shared<const std::vector<v::Calibration>>(calibrations_for(options.calibrations));
  std::vector<v::ModelSpec> specs;
  for (const v::ModelSpec& given : model_specs(options.models))
    specs.push_back(with_settings(scenario, given, args.settings));
  return [&scenario, seed = args.seed, specs, calibrations](const ProgressFn& progress) {
    const Instance instance = nominal_instance(scenario);
    RunContext context;
    context.seed = seed;
    context.scenario = &scenario;
    std::vector<Result> runs;
    std::vector<v::ModelForecast> forecasts;
    std::vector<std::string> sources, notes;
    for (size_t k = 0; k < specs.size(); ++k) {
      const v::ModelSpec& spec = specs[k];
      if (progress) {
        progress(k, specs.size());
        context.progress = [&](std::uint64_t, std::uint64_t) { progress(k, specs.size()); };
      }
      try {
        runs.push_back(run_model(find_model(spec.model), instance, spec.params, context));
      } catch (const Error& e) {
        notes.push_back(spec.label + ": not run: " + e.what());
        continue;
      }
      if (const std::string note = missing_note(spec.label, runs.back()); !note.empty())
        notes.push_back(note);
      const auto it = std::find_if(calibrations->begin(), calibrations->end(),
                                   [&](const auto& c) { return v::calibration_applies(c, spec); });
      const bool found = it != calibrations->end();
      forecasts.push_back({spec.label, runs.back().forecast, found ? &*it : nullptr});
      sources.push_back(found ? v::calibration_label(*it) : "");
      if (!found)
        notes.push_back(spec.label +
                        ": no calibration for this model and these parameters; shown without "
                        "interval and left out of the consensus");
    }
    if (runs.empty()) throw Error("compare: no model could run on this scenario");
    if (progress) progress(specs.size(), specs.size());
    const v::Comparison comparison = v::compare_models(instance, forecasts);
    return output::compare_document(comparison, runs, sources, notes, &scenario);
  };
}

Analysis whatif_analysis(const Scenario& scenario, const CommonArgs& args,
                         const WhatifOptions& options) {
  const ensemble::Plan plan = variant_plan(scenario, args);
  std::vector<std::string> notes;
  std::vector<std::vector<std::string>> rows = {{}};
  if (ensemble::optional_events(scenario).empty())
    notes.push_back(
        "the scenario has no optional events (conflict.events[].optional): only the baseline");
  else if (!ensemble::reads_events(plan))
    notes.push_back("model '" + plan.model->name +
                    "' does not read the scenario's optional events (the war model does): only "
                    "the baseline");
  else
    rows = ensemble::whatif_rows(
        plan, options.events == "all" ? std::vector<std::string>{} : split_names(options.events),
        options.pairs);
  return [plan, rows, notes, draws = options.draws](const ProgressFn& progress) {
    ensemble::Whatif table = ensemble::what_if(plan, rows, draws, progress);
    table.notes.insert(table.notes.begin(), notes.begin(), notes.end());
    return output::whatif_document(plan, table);
  };
}

Analysis advise_analysis(const Scenario& scenario, const CommonArgs& args,
                         const AdviseRequest& request) {
  const ensemble::Plan plan = variant_plan(scenario, args);
  ensemble::AdviseOptions options = request.search;
  options.actor = request.actor;
  options.levers = split_names(request.levers);
  options.goal = ensemble::parse_goal(scenario, request.goal);
  ensemble::candidate_moves(plan, options);  // throws for an unknown actor or lever
  return [plan, options](const ProgressFn& progress) mutable {
    options.progress = progress;
    return output::advice_document(plan, ensemble::advise(plan, options));
  };
}

}  // namespace parley::cli
