// parley runs / show / merge: the run store (docs/ensembles.md).
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <memory>

#include "cli/commands.h"
#include "cli/ensemble_common.h"
#include "parley/error.h"
#include "parley/io.h"
#include "parley/version.h"

namespace parley::cli {

namespace {

struct StoreArgs : CommonArgs {
  std::string store = store::kDefaultStore;
  std::int64_t id = 0;
  std::vector<std::string> inputs;
};

void list_runs(const StoreArgs& args) {
  store::Store db(args.store, false);
  write_output(args.out,
               output::format(runs_document(db.runs()), output::parse_format(args.format)));
}

// A finished run: its result document with the store's record as `run`; a
// run that has not finished: the `runs` document of its record.
void show_run(const StoreArgs& args) {
  store::Store db(args.store, false);
  store::RunRecord r = db.run(args.id);
  const bool finished = !db.summary(args.id).empty();
  if (args.format != "table") {
    output::Json out = finished ? stored_document(db, r) : runs_document({r});
    if (finished) out["run"] = record_json(r);
    write_output(args.out, output::format(out, output::parse_format(args.format)));
    return;
  }
  std::string text = run_header(r) + "\n";
  if (!finished)
    text += fmt::format("not finished: `parley mc --resume {} --store {}` completes it\n", r.id,
                        args.store);
  else
    text += output::to_table(stored_document(db, r));
  write_output(args.out, text);
}

// FILE or FILE:ID -> (file, id or 0 for the latest mc run).
std::pair<std::string, std::int64_t> parse_input(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon != std::string::npos && colon + 1 < text.size() &&
      text.find_first_not_of("0123456789", colon + 1) == std::string::npos)
    return {text.substr(0, colon), std::stoll(text.substr(colon + 1))};
  return {text, 0};
}

void merge_runs(const StoreArgs& args) {
  if (args.inputs.empty()) throw Error("merge: give the shard stores (FILE or FILE:RUN_ID)");
  std::vector<store::RunRecord> parts;
  std::map<std::uint64_t, ensemble::DrawResult> draws;
  double seconds = 0;
  for (const auto& text : args.inputs) {
    auto [file, id] = parse_input(text);
    store::Store db(file, false);
    if (id == 0) {
      for (const auto& r : db.runs())
        if (r.kind == "mc") id = r.id;
      if (id == 0) throw Error(fmt::format("merge: {} holds no mc run", file));
    }
    store::RunRecord r = db.run(id);
    if (r.kind != "mc") throw Error(fmt::format("merge: {}:{} is not an mc run", file, id));
    if (r.status != "done")
      throw Error(fmt::format("merge: {}:{} is not finished; resume it first", file, id));
    if (!parts.empty()) {
      const auto& first = parts.front();
      if (r.scenario_sha256 != first.scenario_sha256 || r.model != first.model ||
          r.params != first.params || r.seed != first.seed || r.draws != first.draws ||
          r.options != first.options)
        throw Error(fmt::format(
            "merge: {}:{} is not a shard of the same ensemble as the first input (scenario, "
            "model, parameters, seed, draws and options must agree)",
            file, id));
    }
    for (auto& draw : db.draws(id)) {
      auto [at, fresh] = draws.try_emplace(draw.draw, draw);
      if (!fresh && !at->second.same_as(draw))
        throw Error(fmt::format("merge: draw {} differs between shards", draw.draw));
    }
    seconds += r.seconds;
    parts.push_back(r);
  }
  const auto& first = parts.front();
  if (draws.size() != first.draws)
    throw Error(fmt::format("merge: the inputs hold {} of the {} draws; run the missing shards",
                            draws.size(), first.draws));

  Prepared prepared = prepare_text(first.scenario_text, first.scenario_origin);
  const ensemble::Options options = stored_options(first);
  ensemble::Plan plan = ensemble::make_plan(prepared.scenario, options);
  const auto calibration = include_model_error(plan, args.calibration);
  std::vector<ensemble::DrawResult> all;
  all.reserve(draws.size());
  for (auto& [index, draw] : draws) all.push_back(std::move(draw));
  output::Json summary = output::mc_document(plan, ensemble::summarise(plan, all));
  note_model_error(summary, plan, calibration, args.calibration);

  store::Store out(args.store, true);
  store::RunRecord record = first;
  record.status = "running";
  record.shard = 0;
  record.shards = 1;
  record.version = PARLEY_VERSION;
  record.seconds = seconds;
  out.create_run(record);
  constexpr size_t kBatch = 4096;
  for (size_t start = 0; start < all.size(); start += kBatch)
    out.add_draws(record.id, std::span<const ensemble::DrawResult>(all).subspan(
                                 start, std::min(kBatch, all.size() - start)));
  out.finish_run(record.id, summary.dump());
  if (!args.quiet) std::cerr << fmt::format("run {} in {}\n", record.id, args.store);
  write_output(args.out, output::format(summary, output::parse_format(args.format)));
}

void add_store_options(CLI::App& command, StoreArgs& args) {
  command.add_option("--store", args.store, "Run store (SQLite)")->capture_default_str();
  add_common_options(command, args, kFormat | kOut | kQuiet);
}

}  // namespace

void add_runs_command(CLI::App& app, Shared& shared) {
  auto args = std::make_shared<StoreArgs>();
  auto* runs = app.add_subcommand("runs", "List the runs of a run store");
  add_store_options(*runs, *args);
  runs->callback([args, &shared] {
    list_runs(*args);
    shared.exit_code = 0;
  });
}

void add_show_command(CLI::App& app, Shared& shared) {
  auto args = std::make_shared<StoreArgs>();
  auto* show = app.add_subcommand("show", "Print one stored run");
  show->add_option("run", args->id, "Run id")->required()->check(whole_number(1, 9e18));
  add_store_options(*show, *args);
  show->callback([args, &shared] {
    show_run(*args);
    shared.exit_code = 0;
  });
}

void add_merge_command(CLI::App& app, Shared& shared) {
  auto args = std::make_shared<StoreArgs>();
  auto* merge = app.add_subcommand(
      "merge", "Combine the shard runs of one ensemble (FILE or FILE:RUN_ID) into --store");
  merge->add_option("inputs", args->inputs, "Shard stores")->required();
  add_store_options(*merge, *args);
  add_common_options(*merge, *args, kCalibration);
  merge->callback([args, &shared] {
    args->quiet = args->quiet || shared.quiet;
    merge_runs(*args);
    shared.exit_code = 0;
  });
}

}  // namespace parley::cli
