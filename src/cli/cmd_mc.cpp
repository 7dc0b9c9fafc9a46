// parley mc: Monte Carlo ensembles (docs/ensembles.md).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.h"
#include "cli/ensemble_common.h"
#include "cli/mpi_shards.h"
#include "ensemble/model_error.h"
#include "io/output.h"
#include "parley/error.h"
#include "parley/io.h"
#include "parley/questions.h"

namespace parley::cli {

namespace {

struct McArgs : EnsembleArgs {
  std::uint64_t draws = 1000;
  std::vector<std::string> regions;
  int bins = 0;  // chosen from the draws
  std::int64_t draw = -1;
  std::int64_t resume = 0;
  std::string shard;
  std::uint64_t batch = 0;
};

// --draw K: one draw, its inputs and the model's full result.
void inspect_draw(const ensemble::Plan& plan, std::uint64_t draw, const McArgs& args) {
  if (draw >= plan.options.draws)
    throw Error(fmt::format("--draw: {} is not below --draws {}", draw, plan.options.draws));
  std::vector<double> values;
  Instance instance = ensemble::draw_instance(plan, draw, &values);
  RunContext context;
  context.seed = plan.options.seed;
  context.draw = draw;
  context.explain = true;
  context.scenario = plan.scenario;
  context.drawn = true;
  Result result = run_model(*plan.model, instance, plan.options.params, context);
  output::Json document = output::run_document(result);
  output::Json inputs = output::Json::array();
  for (size_t k = 0; k < plan.inputs.size(); ++k)
    if (plan.inputs[k].uncertain)
      inputs.push_back({{"label", plan.inputs[k].label},
                        {"distribution", plan.inputs[k].value.describe()},
                        {"value", values[k]}});
  document["draw"] = draw;
  document["inputs"] = inputs;
  const output::Format format = output::parse_format(args.format);
  if (format != output::Format::table)
    return write_output(args.out, output::format(document, format));
  std::string text = fmt::format("draw {} (seed {}): drawn inputs\n", draw, plan.options.seed);
  for (size_t k = 0; k < plan.inputs.size(); ++k)
    if (plan.inputs[k].uncertain)
      text += fmt::format("  {:<36} {:>12}  from {}\n", plan.inputs[k].label,
                          format_number(values[k]), plan.inputs[k].value.describe());
  output::TableOptions whole;
  whole.explain = true;  // one draw: its positions and trajectory in full
  write_output(args.out, text + "\n" + output::to_table(document, whole));
}

// What identifies the calibration a run includes: --calibration as given (a
// file by its absolute path) and a digest of the calibration's content, the
// same under any parley version.
store::CalibrationIdentity calibration_identity(
    const std::string& option, const std::optional<validation::Calibration>& calibration) {
  store::CalibrationIdentity identity;
  identity.option = option.empty() || option == "none"
                        ? option
                        : std::filesystem::absolute(option).lexically_normal().string();
  if (calibration) {
    output::Json content = output::calibration_document(*calibration, {});
    content.erase("parley_version");
    identity.sha256 = store::sha256_hex(content.dump());
    identity.label = output::model_error_label(*calibration);
  }
  return identity;
}

std::string started_with(const store::CalibrationIdentity& identity) {
  if (identity.sha256.empty()) return "no calibration";
  if (identity.option.empty()) return "the shipped calibration (" + identity.label + ")";
  return "--calibration " + identity.option;
}

// The model's error of a run, attached to `plan`: --calibration's for a new
// run; for a resumed one the calibration it was started with, as recorded in
// the store (runs stored before that was recorded take --calibration's).
// `option` becomes the --calibration the run stands for.  Throws Error when
// the resuming command names a different calibration or the recorded one has
// changed since: a run finished with another would mix two error models.
std::optional<validation::Calibration> run_model_error(ensemble::Plan& plan, const McArgs& args,
                                                       const store::RunRecord* resumed,
                                                       std::string& option) {
  option = args.calibration;
  const auto recorded = resumed ? store::calibration_of(resumed->options) : std::nullopt;
  if (!recorded) return include_model_error(plan, option);
  const bool named = !args.calibration.empty();
  if (!named) {
    option = recorded->option;
    if (!option.empty() && option != "none" && !std::filesystem::exists(option))
      throw Error(fmt::format("--resume: run {} was started with {}, which no longer exists",
                              resumed->id, started_with(*recorded)));
  }
  auto calibration = include_model_error(plan, option);
  if (calibration_identity(option, calibration).sha256 == recorded->sha256) {
    option = recorded->option;
    return calibration;
  }
  if (named)
    throw Error(fmt::format(
        "--resume: run {} was started with {}; --calibration {} is a different one (leave "
        "--calibration out to finish the run with its own)",
        resumed->id, started_with(*recorded), args.calibration));
  throw Error(fmt::format(
      "--resume: run {} was started with {}, which has changed since; finish it with the "
      "calibration it was started with (--calibration FILE) or start a new run",
      resumed->id, started_with(*recorded)));
}

// The summary as the command prints it.
void print_summary(const output::Json& summary, const McArgs& args) {
  write_output(args.out, output::format(summary, output::parse_format(args.format)));
}

// Every rank runs its shard; rank 0 gathers, summarises, stores, prints.
void run_mpi(const ensemble::Plan& plan, const Prepared& prepared, const McArgs& args,
             const MpiWorld& world, const std::optional<validation::Calibration>& calibration,
             const store::CalibrationIdentity& identity) {
  auto start = std::chrono::steady_clock::now();
  Progress progress(args.quiet || world.rank != 0, "draws (rank 0)");
  ensemble::RunHooks hooks;
  hooks.progress = [&](std::uint64_t n, std::uint64_t total) { progress.update(n, total); };
  auto local = ensemble::run_ensemble(
      plan, ensemble::shard_draws(plan.options.draws, world.rank, world.size), {}, hooks);
  progress.finish();
  auto all = mpi_gather(world, std::move(local));
  if (world.rank != 0) return;
  const output::Json summary = summary_of(plan, all, prepared, calibration, args.calibration);
  if (!args.no_store) {
    store::Store db(args.store, true);
    store::RunRecord record = mc_record(plan, prepared, {0, 1});
    record.options = store::with_calibration(record.options, identity);
    record.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    db.create_run(record);
    constexpr size_t kBatch = 4096;
    for (size_t at = 0; at < all.size(); at += kBatch)
      db.add_draws(record.id, std::span<const ensemble::DrawResult>(all).subspan(
                                  at, std::min(kBatch, all.size() - at)));
    db.finish_run(record.id, summary.dump());
    if (!args.quiet)
      std::cerr << fmt::format("run {} in {} ({} MPI ranks)\n", record.id, args.store, world.size);
  }
  print_summary(summary, args);
}

void run_mc(McArgs& args) {
  ensemble::Options options;
  Prepared prepared;
  store::RunRecord record;
  std::unique_ptr<store::Store> db;
  std::vector<ensemble::DrawResult> done;
  std::pair<int, int> shard{0, 1};
  if (args.resume > 0) {
    db = std::make_unique<store::Store>(args.store, false);
    record = db->run(args.resume);
    if (record.kind != "mc")
      throw Error(fmt::format("--resume: run {} is not an mc run", record.id));
    prepared = prepare_text(record.scenario_text, record.scenario_origin);
    if (!args.input.empty() && prepare_file(args).sha256 != record.scenario_sha256)
      throw Error(fmt::format("--resume: {} is not the scenario run {} was started with",
                              args.input, record.id));
    options = stored_options(record);
    shard = {record.shard, record.shards};
    if (record.status == "done") return print_summary(stored_document(*db, record), args);
    done = db->draws(record.id);
  } else {
    if (args.input.empty()) throw Error("mc: a scenario file is required (or --resume ID)");
    prepared = prepare_file(args);
    choose_model(prepared.scenario, args, options);
    options.seed = args.seed;
    options.draws = args.draws;
    options.noise = args.noise;
    options.bins = args.bins;
    for (const auto& text : args.regions) options.regions.push_back(ensemble::parse_region(text));
    if (!args.shard.empty()) shard = ensemble::parse_shard(args.shard);
  }
  options.threads = thread_count(args.threads);
  ensemble::Plan plan = ensemble::make_plan(prepared.scenario, options);
  if (args.draw >= 0) return inspect_draw(plan, static_cast<std::uint64_t>(args.draw), args);
  std::string option;  // the --calibration the run stands for
  const auto calibration = run_model_error(plan, args, args.resume > 0 ? &record : nullptr, option);
  for (const auto& note : check_questions_for_run(*plan.scenario, *plan.model, plan.params))
    if (!args.quiet) std::cerr << "parley: note: " << note << "\n";

  MpiWorld world = mpi_start();
  struct Finish {
    MpiWorld world;
    ~Finish() { mpi_finish(world); }
  } finish{world};
  if (world.active) {
    if (args.resume > 0 || !args.shard.empty())
      throw Error("--resume and --shard cannot be combined with mpirun (ranks already shard)");
    return run_mpi(plan, prepared, args, world, calibration,
                   calibration_identity(option, calibration));
  }

  if (!db && !args.no_store) {
    db = std::make_unique<store::Store>(args.store, true);
    record = mc_record(plan, prepared, shard);
    record.options =
        store::with_calibration(record.options, calibration_identity(option, calibration));
    db->create_run(record);
    if (!args.quiet) std::cerr << fmt::format("run {} in {}\n", record.id, args.store);
  }

  auto start = std::chrono::steady_clock::now();
  Progress progress(args.quiet, "draws");
  ensemble::RunHooks hooks;
  hooks.batch_size = args.batch;
  hooks.progress = [&](std::uint64_t n, std::uint64_t total) { progress.update(n, total); };
  if (db) {
    // Each batch is one transaction; the elapsed time is saved with it so
    // that the timings of a killed session are not lost.
    auto last = start;
    hooks.on_batch = [&](std::span<const ensemble::DrawResult> batch) {
      db->add_draws(record.id, batch);
      auto now = std::chrono::steady_clock::now();
      db->add_seconds(record.id, std::chrono::duration<double>(now - last).count());
      last = now;
    };
    auto list = ensemble::shard_draws(options.draws, shard.first, shard.second);
    auto results = ensemble::run_ensemble(plan, list, std::move(done), hooks);
    progress.finish();
    const output::Json summary = summary_of(plan, results, prepared, calibration, option);
    db->add_seconds(record.id,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - last).count());
    db->finish_run(record.id, summary.dump());
    return print_summary(summary, args);
  }
  auto list = ensemble::shard_draws(options.draws, shard.first, shard.second);
  auto results = ensemble::run_ensemble(plan, list, {}, hooks);
  progress.finish();
  print_summary(summary_of(plan, results, prepared, calibration, option), args);
}

}  // namespace

void add_mc_command(CLI::App& app, Shared& shared) {
  auto args = std::make_shared<McArgs>();
  auto* command = app.add_subcommand("mc", "Monte Carlo ensemble: forecasts as distributions");
  add_ensemble_options(*command, *args, false);
  add_common_options(*command, *args, kCalibration);
  command->add_option("-n,--draws", args->draws, "Number of draws")
      ->check(whole_number(1, 1e8))
      ->capture_default_str();
  command->add_option("--region", args->regions,
                      "Named range name=lo:hi or issue.name=lo:hi, counted as [lo, hi) "
                      "(repeatable; default: the anchors')");
  command
      ->add_option("--bins", args->bins,
                   "Histogram bins per issue (default: from the draws, Freedman-Diaconis, 10 to "
                   "400)")
      ->check(whole_number(1, 10000));
  command->add_option("--draw", args->draw, "Re-run draw K alone and show it")
      ->check(whole_number(0, 1e8));
  command
      ->add_option("--resume", args->resume,
                   "Finish run ID of the store (with the calibration it was started with)")
      ->check(whole_number(1, 9e18));
  command->add_option("--shard", args->shard,
                      "Run shard i/k of the draws (merge with `parley merge`)");
  command->add_option("--batch", args->batch, "Draws per stored transaction (0 = automatic)")
      ->check(whole_number(0, 1e8));
  command->callback([args, &shared] {
    args->quiet = args->quiet || shared.quiet;
    run_mc(*args);
    shared.exit_code = 0;
  });
}

}  // namespace parley::cli
