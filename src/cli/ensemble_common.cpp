#include "cli/ensemble_common.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "cli/run_support.h"
#include "ensemble/model_error.h"
#include "parley/error.h"
#include "parley/io.h"
#include "parley/questions.h"
#include "parley/version.h"

namespace parley::cli {

void add_ensemble_options(CLI::App& command, EnsembleArgs& args, bool input_required) {
  add_common_options(command, args,
                     (input_required ? kInput : kOptionalInput) | kFrom | kModel | kSeed |
                         kThreads | kFormat | kOut | kQuiet);
  command
      .add_option("--noise", args.noise,
                  "Relative noise: certain inputs drawn from normal(v, R*|v|), truncated")
      ->check(number_in(0, 10))
      ->capture_default_str();
  command.add_option("--store", args.store, "Run store (SQLite)")->capture_default_str();
  command.add_flag("--no-store", args.no_store, "Do not record the run");
}

Prepared prepare_text(const std::string& canonical, const std::string& origin) {
  Prepared out;
  out.canonical = canonical;
  out.sha256 = store::sha256_hex(canonical);
  out.origin = origin;
  out.scenario = parse_scenario(canonical, origin, Format::yaml);
  return out;
}

Prepared prepare_file(const CommonArgs& args) {
  const Scenario loaded = load_input(args);
  if (!args.quiet) print_warnings(loaded);
  Prepared prepared = prepare_text(to_yaml(loaded), args.input);
  prepared.warnings = loaded.warnings;
  return prepared;
}

void choose_model(const Scenario& scenario, const EnsembleArgs& args, ensemble::Options& options) {
  const ModelSelection selection = select_model(scenario, args.model, args.settings);
  options.model = selection.info->name;
  options.params = selection.params;
}

output::Json record_json(const store::RunRecord& r) {
  return {{"id", r.id},
          {"kind", r.kind},
          {"status", r.status},
          {"created", r.created},
          {"finished", r.finished},
          {"scenario", r.scenario_origin},
          {"scenario_sha256", r.scenario_sha256},
          {"model", r.model},
          {"params", output::Json::parse(r.params)},
          {"seed", r.seed},
          {"draws", r.draws},
          {"stored", r.stored},
          {"shard", r.shard},
          {"shards", r.shards},
          {"options", output::Json::parse(r.options)},
          {"parley_version", r.version},
          {"seconds", r.seconds}};
}

output::Json runs_document(const std::vector<store::RunRecord>& runs) {
  output::Json out = output::envelope("runs");
  out["runs"] = output::Json::array();
  for (const auto& r : runs) out["runs"].push_back(record_json(r));
  out["notes"] = output::Json::array();
  return out;
}

// The answers of one run at the nominal inputs, when a question asks for a
// quantity that draws do not keep (anything but forecast.ISSUE).
namespace {
std::vector<Answer> nominal_answers(const ensemble::Plan& plan) {
  const Scenario& scenario = *plan.scenario;
  const bool needed =
      std::any_of(scenario.questions.begin(), scenario.questions.end(),
                  [](const Question& q) { return q.quantity.rfind("forecast.", 0) != 0; });
  if (!needed) return {};
  RunContext context;
  context.seed = plan.options.seed;
  context.scenario = plan.scenario;
  return answer_questions(scenario,
                          run_model(*plan.model, ensemble::nominal(plan), plan.params, context));
}
}  // namespace

// The summary of `results`, with the answers to the scenario's questions,
// the calibration it includes and the importer's warnings among its notes.
output::Json summary_of(const ensemble::Plan& plan, std::span<const ensemble::DrawResult> results,
                        const Prepared& prepared,
                        const std::optional<validation::Calibration>& calibration,
                        const std::string& option) {
  const ensemble::Summary summary = ensemble::summarise(plan, results);
  output::Json document = output::mc_document(plan, summary);
  if (!plan.scenario->questions.empty()) {
    output::Json answers = output::mc_answers(*plan.scenario, summary, nominal_answers(plan));
    // The answers first, as in `run`: rebuild the document with them after the envelope.
    output::Json ordered;
    for (auto& [key, value] : document.items()) {
      if (key == "draws") ordered["questions"] = answers;
      ordered[key] = value;
    }
    document = std::move(ordered);
  }
  note_model_error(document, plan, calibration, option);
  for (const auto& w : prepared.warnings)
    document["notes"].push_back("import: " + prepared.origin + ": " + w);
  return document;
}

store::RunRecord mc_record(const ensemble::Plan& plan, const Prepared& prepared,
                           std::pair<int, int> shard) {
  store::RunRecord record;
  record.kind = "mc";
  record.scenario_text = prepared.canonical;
  record.scenario_sha256 = prepared.sha256;
  record.scenario_origin = prepared.origin;
  record.model = plan.model->name;
  record.params = store::params_to_json(plan.params);
  record.seed = plan.options.seed;
  record.draws = plan.options.draws;
  record.shard = shard.first;
  record.shards = shard.second;
  record.options = store::options_to_json(plan.options);
  record.version = PARLEY_VERSION;
  return record;
}

std::optional<validation::Calibration> include_model_error(ensemble::Plan& plan,
                                                           const std::string& option) {
  auto c = choose_calibration(option, *plan.model, plan.params);
  if (c) ensemble::set_model_error(plan, c->fitted, output::model_error_label(*c));
  return c;
}

void note_model_error(output::Json& document, const ensemble::Plan& plan,
                      const std::optional<validation::Calibration>& calibration,
                      const std::string& option) {
  if (calibration) {
    document["calibration"] = output::calibration_used(*calibration);
  } else if (option.empty()) {
    document["notes"].push_back("no shipped calibration fits " + plan.model->name +
                                " here: ranges carry no model error (docs/calibration.md)");
  }
}

ensemble::Plan variant_plan(const Scenario& scenario, const CommonArgs& args) {
  const ModelSelection selection = select_model(scenario, args.model, args.settings);
  ensemble::Options options;
  options.model = selection.info->name;
  options.params = selection.params;
  options.seed = args.seed;
  options.threads = thread_count(args.threads);
  return ensemble::make_plan(scenario, options);
}

void write_document(const CommonArgs& args, output::Json document, const Scenario& scenario) {
  const output::Format format = output::parse_format(args.format);
  if (format != output::Format::table) note_warnings(document, scenario);
  write_output(args.out, output::format(document, format));
}

ensemble::Options stored_options(const store::RunRecord& record) {
  ensemble::Options options;
  options.model = record.model;
  options.params = store::params_from_json(record.params);
  options.seed = record.seed;
  options.draws = record.draws;
  store::options_from_json(record.options, options);
  return options;
}

output::Json stored_document(store::Store& db, const store::RunRecord& record) {
  const std::string text = db.summary(record.id);
  if (text.empty())
    throw Error(SourceLocation{db.path(), 0, 0, ""},
                fmt::format("run {} has not finished; complete it with `parley mc --resume {}`",
                            record.id, record.id));
  output::Json document;
  try {
    document = output::Json::parse(text);
  } catch (const output::Json::exception& e) {
    throw Error(SourceLocation{db.path(), 0, 0, ""},
                fmt::format("run store: damaged result of run {} ({})", record.id, e.what()));
  }
  if (document.contains("parley_version")) return document;
  // Stores written before the common result schema hold ensemble summaries in
  // an older form.  An mc run keeps every draw, so its summary is made again
  // from them (summaries are a pure function of the draws); a sensitivity
  // run keeps no draws and has to be run again.
  if (record.kind != "mc")
    throw Error(SourceLocation{db.path(), 0, 0, ""},
                fmt::format("run {} was stored by parley {} in a result format this version no "
                            "longer reads; run `parley sensitivity` again",
                            record.id, record.version));
  const Prepared prepared = prepare_text(record.scenario_text, record.scenario_origin);
  const ensemble::Options options = stored_options(record);
  const ensemble::Plan plan = ensemble::make_plan(prepared.scenario, options);
  return output::mc_document(plan, ensemble::summarise(plan, db.draws(record.id)));
}

std::string run_header(const store::RunRecord& run) {
  std::string out = fmt::format("run {} ({}, {}): model {}, seed {}, {} of {} draws", run.id,
                                run.kind, run.status, run.model, run.seed, run.stored, run.draws);
  if (run.shards > 1) out += fmt::format(", shard {}/{}", run.shard, run.shards);
  out += fmt::format("\n  scenario {} sha256 {}\n  params {}\n  options {}\n", run.scenario_origin,
                     run.scenario_sha256, run.params, run.options);
  out += fmt::format("  parley {}, created {}{}, {:.2f} s\n", run.version, run.created,
                     run.finished.empty() ? "" : ", finished " + run.finished, run.seconds);
  return out;
}

}  // namespace parley::cli
