#include "cli/ensemble_common.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>

#include "cli/run_support.h"
#include "parley/error.h"
#include "parley/io.h"

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
