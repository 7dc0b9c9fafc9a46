// parley sensitivity: tornado and Sobol indices (docs/ensembles.md).
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/ensemble_common.h"
#include "ensemble/sensitivity.h"
#include "io/output.h"
#include "parley/error.h"
#include "parley/io.h"

namespace parley::cli {

namespace {

struct SensitivityArgs : EnsembleArgs {
  std::string method = "oat";
  std::uint64_t samples = 1000;
  std::uint64_t bootstrap = 200;
  double confidence = 0.95;
  bool all = false;  // table: every input, not the top 10 per issue
};

void run_sensitivity(const SensitivityArgs& args) {
  Prepared prepared = prepare_file(args);
  ensemble::Options options;
  choose_model(prepared.scenario, args, options);
  options.seed = args.seed;
  options.noise = args.noise;
  options.threads = thread_count(args.threads);
  ensemble::Plan plan = ensemble::make_plan(prepared.scenario, options);

  auto start = std::chrono::steady_clock::now();
  output::Json result;
  Progress progress(args.quiet, "model runs");
  auto report = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };
  if (args.method == "sobol") {
    ensemble::SobolOptions sobol;
    sobol.samples = args.samples;
    sobol.bootstrap = args.bootstrap;
    sobol.confidence = args.confidence;
    result = output::sobol_document(plan, ensemble::sobol(plan, sobol, report));
  } else {
    result = output::tornado_document(plan, ensemble::one_at_a_time(plan, report));
  }
  progress.finish();
  for (const auto& w : prepared.warnings)
    result["notes"].push_back("import: " + prepared.origin + ": " + w);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  if (!args.no_store) {
    store::Store db(args.store, true);
    store::RunRecord record = mc_record(plan, prepared, {0, 1});
    record.kind = "sensitivity";
    record.draws = 0;
    record.options = store::sensitivity_options_to_json(args.method, args.samples, args.bootstrap,
                                                        args.confidence, args.noise);
    record.seconds = seconds;
    db.create_run(record);
    db.finish_run(record.id, result.dump());
    if (!args.quiet) std::cerr << fmt::format("run {} in {}\n", record.id, args.store);
  }
  output::TableOptions table;
  table.all = args.all;
  write_output(args.out, output::format(result, output::parse_format(args.format), table));
}

}  // namespace

void add_sensitivity_command(CLI::App& app, Shared& shared) {
  auto args = std::make_shared<SensitivityArgs>();
  auto* command = app.add_subcommand(
      "sensitivity", "Which inputs move the forecast: tornado (oat) or Sobol indices");
  add_ensemble_options(*command, *args, true);
  command->add_option("--method", args->method, "oat (tornado) or sobol")
      ->check(one_of({"oat", "sobol"}))
      ->capture_default_str();
  command->add_option("--samples", args->samples, "Sobol base samples N (N (k+2) model runs)")
      ->check(whole_number(2, 1e7))
      ->capture_default_str();
  command->add_option("--bootstrap", args->bootstrap, "Bootstrap replicates for the intervals")
      ->check(whole_number(0, 1e6))
      ->capture_default_str();
  command->add_option("--confidence", args->confidence, "Confidence level of the intervals")
      ->check(number_in(0.5, 0.9999))
      ->capture_default_str();
  command->add_flag("--all", args->all,
                    "Table: list every input of every issue (default: the 10 that move it most, "
                    "and a total)");
  command->callback([args, &shared] {
    args->quiet = args->quiet || shared.quiet;
    run_sensitivity(*args);
    shared.exit_code = 0;
  });
}

}  // namespace parley::cli
