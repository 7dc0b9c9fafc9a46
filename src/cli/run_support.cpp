#include "cli/run_support.h"

#include "cli/options.h"

#include <cstdio>
#include <iostream>

#include "parley/error.h"
#include "parley/instance.h"
#include "parley/io.h"
#include "parley/questions.h"

namespace parley::cli {

void add_limit_options(CLI::App& command, Limits& limits) {
  command.add_option("--max-actors", limits.max_actors, "Refuse scenarios with more actors")
      ->check(number_in(1, 1e9))
      ->capture_default_str();
  command
      .add_option("--max-memory", limits.max_memory_mb,
                  "Refuse runs estimated to need more memory (MB)")
      ->check(number_in(1, 1e9))
      ->capture_default_str();
}

void check_limits(const Scenario& scenario, const ModelSelection& selection, const Limits& limits,
                  double copies) {
  const auto actors = static_cast<long long>(scenario.actors.size());
  if (actors > limits.max_actors)
    throw Error(SourceLocation{scenario.origin, 0, 0, "actors"},
                std::to_string(actors) + " actors exceed --max-actors " +
                    std::to_string(limits.max_actors));
  const Params params = resolve(selection.info->schema, selection.params, "--set");
  const double mb = copies *
                    estimate_memory(*selection.info, static_cast<int>(actors),
                                    static_cast<int>(scenario.issues.size()), params) /
                    (1024.0 * 1024.0);
  if (mb > limits.max_memory_mb) {
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "model %s needs an estimated %.0f MB, more than --max-memory %.0f MB",
                  selection.info->name.c_str(), mb, limits.max_memory_mb);
    throw Error(SourceLocation{scenario.origin, 0, 0, ""}, buf);
  }
}

output::Json run_scenario(const Scenario& scenario, const RunRequest& request,
                          std::vector<std::string>& notes) {
  ModelSelection selection = select_model(scenario, request.model, request.settings);
  if (request.threads > 0 && selection.info->schema.find("threads") &&
      !selection.params.count("threads"))
    selection.params["threads"] = static_cast<double>(request.threads);
  check_limits(scenario, selection, request.limits);
  notes = check_questions_for_run(scenario, *selection.info,
                                  resolve(selection.info->schema, selection.params, "--set"));
  RunContext context;
  context.seed = request.seed;
  context.explain = request.explain;
  context.scenario = &scenario;
  context.progress = request.progress;
  const Instance instance = nominal_instance(scenario);
  const Result result = run_model(*selection.info, instance, selection.params, context);
  output::Json document = output::run_document(result, &scenario);
  add_model_error(document, instance, result, request.calibration, selection);
  return document;
}

Checked check_scenario(const Scenario& s, const std::string& model,
                       const std::vector<std::string>& settings, bool strict) {
  Checked out;
  if (strict && !s.warnings.empty())
    throw Error(SourceLocation{s.origin, 0, 0, ""}, s.warnings.front() + " (--strict)");
  for (const auto& w : s.warnings) out.warnings.push_back(s.origin + ": " + w);
  for (const Error& late : late_sources(s)) {
    if (strict) throw Error(late.location(), late.detail() + " (--strict)");
    out.warnings.push_back(late.what());
  }
  // Questions must be answerable by the model that would run: --model, else
  // the scenario's own, else the default.
  const ModelSelection selection = select_model(s, model, settings);
  check_questions(s, *selection.info, resolve(selection.info->schema, selection.params, "--set"));
  out.model = selection.info->name;
  out.summary = std::to_string(s.actors.size()) + " actors, " + std::to_string(s.issues.size()) +
                " issues, " + std::to_string(uncertain_inputs(s)) + " uncertain inputs";
  if (!s.questions.empty())
    out.summary += ", " + std::to_string(s.questions.size()) + " questions (answered by model " +
                   out.model + ")";
  return out;
}

size_t uncertain_inputs(const Scenario& s) {
  size_t uncertain = 0;
  for (const auto& a : s.actors) {
    for (const auto& [k, v] : a.position) uncertain += !v.is_fixed();
    for (const auto& [k, v] : a.salience) uncertain += !v.is_fixed();
    if (a.capability) uncertain += !a.capability->is_fixed();
    for (const auto& [k, v] : a.capability_by_issue) uncertain += !v.is_fixed();
  }
  return uncertain;
}

void print_warnings(const Scenario& scenario) {
  for (const auto& w : scenario.warnings)
    std::cerr << "parley: warning: " << scenario.origin << ": " << w << "\n";
}

void note_warnings(output::Json& document, const Scenario& scenario) {
  if (!document.contains("notes")) document["notes"] = output::Json::array();
  for (const auto& w : scenario.warnings)
    document["notes"].push_back("import: " + scenario.origin + ": " + w);
}

void add_with_option(CLI::App& command, std::vector<std::string>& files) {
  command
      .add_option("--with", files,
                  "JSON of `parley compare` or `parley advise` (--format json) made from the "
                  "same scenario: the brief adds how far the models agree and the strongest "
                  "lever; refused when made from another scenario (repeatable, one of each)")
      ->type_name("FILE");
}

output::Json with_context(const std::string& scenario_fingerprint,
                          const std::vector<std::string>& files,
                          const std::vector<output::Json>& computed) {
  output::Json context = {{"scenario_fingerprint", scenario_fingerprint}};
  for (const std::string& file : files)
    output::add_brief_context(context, read_text_file(file), file);
  for (const output::Json& document : computed)
    output::add_brief_context(context, output::to_json_text(document, -1), "parley run --compare");
  context.erase("scenario_fingerprint");
  return context;
}

void add_model_error(output::Json& document, const Instance& instance, const Result& result,
                     const std::string& calibration, const ModelSelection& selection) {
  const auto chosen = choose_calibration(calibration, *selection.info, selection.params);
  if (chosen) return output::add_predictive(document, instance, result, *chosen);
  if (calibration.empty())
    document["notes"].push_back("no shipped calibration fits " + selection.info->name +
                                " here: points carry no model error (docs/calibration.md)");
}

}  // namespace parley::cli
