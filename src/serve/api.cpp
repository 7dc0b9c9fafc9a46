#include "serve/api.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include <nlohmann/json.hpp>

#include "cli/analyses.h"
#include "cli/ensemble_common.h"
#include "cli/options.h"
#include "cli/run_support.h"
#include "io/importer.h"
#include "io/output.h"
#include "io/yaml_patch.h"
#include "parley/io.h"
#include "parley/model.h"
#include "parley/node.h"
#include "report/report.h"

namespace parley::serve {

namespace {

// --- request parameters ------------------------------------------------------

std::string param(const httplib::Request& request, const char* name, std::string fallback = "") {
  return request.has_param(name) ? request.get_param_value(name) : fallback;
}

Error bad_param(const char* name, const std::string& expected, const std::string& found) {
  return Error(SourceLocation{"", 0, 0, name},
               std::string(name) + ": expected " + expected + ", found '" + found + "'");
}

std::uint64_t whole_param(const httplib::Request& request, const char* name, std::uint64_t fallback,
                          std::uint64_t max) {
  if (!request.has_param(name)) return fallback;
  const std::string text = request.get_param_value(name);
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value > max)
    throw bad_param(name, "a whole number in [0, " + std::to_string(max) + "]", text);
  return value;
}

double number_param(const httplib::Request& request, const char* name, double fallback, double min,
                    double max) {
  if (!request.has_param(name)) return fallback;
  const std::string text = request.get_param_value(name);
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !(value >= min && value <= max))
    throw bad_param(name, "a number in [" + format_number(min) + ", " + format_number(max) + "]",
                    text);
  return value;
}

std::vector<std::string> all_params(const httplib::Request& request, const char* name) {
  std::vector<std::string> out;
  for (size_t k = 0; k < request.get_param_value_count(name); ++k)
    out.push_back(request.get_param_value(name, k));
  return out;
}

// --- the scenario of a request ------------------------------------------------

std::string media_type(const httplib::Request& request) {
  std::string type = request.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  return type;
}

// The importer for the body: ?from=, else JSON or YAML by Content-Type, else
// detected from the text and the name.
std::string body_format(const httplib::Request& request) {
  if (request.has_param("from")) return request.get_param_value("from");
  const std::string type = media_type(request);
  if (type == "application/json") return "json";
  if (type == "application/yaml" || type == "application/x-yaml" || type == "text/yaml")
    return "yaml";
  return "auto";
}

Scenario scenario_of(const httplib::Request& request) {
  const std::string format = body_format(request);
  std::string name = param(request, "name");
  if (name.empty()) name = format == "json" ? "scenario.json" : "scenario.yaml";
  return io::parse(io::default_importers(), request.body, name, format);
}

// What validate and open answer: the command line's check and the scenario
// in its native JSON form (the workbench edits that).
Json checked_json(const Scenario& scenario, const httplib::Request& request) {
  const cli::Checked checked =
      cli::check_scenario(scenario, param(request, "model"), all_params(request, "set"),
                          param(request, "strict") == "1");
  return {{"ok", true},
          {"summary", checked.summary},
          {"model", checked.model},
          {"warnings", checked.warnings},
          {"scenario", output::scenario_json(scenario)}};
}

Json param_json(const ParamSpec& spec) {
  static const char* const kKinds[] = {"number", "integer", "choice", "text"};
  Json out = {{"name", spec.name},
              {"kind", kKinds[static_cast<int>(spec.kind)]},
              {"default", to_string(spec.fallback)},
              {"doc", spec.doc}};
  if (!spec.choices.empty()) out["choices"] = spec.choices;
  if (spec.kind == ParamSpec::Kind::number || spec.kind == ParamSpec::Kind::integer) {
    if (spec.min > -1e299) out["min"] = spec.min;
    if (spec.max < 1e299) out["max"] = spec.max;
  }
  if (!spec.aliases.empty()) out["aliases"] = spec.aliases;
  return out;
}

HttpError busy(int max_jobs) {
  return HttpError(429, std::to_string(max_jobs) +
                            " runs are in progress (the --max-jobs limit); try again when one "
                            "has finished");
}

// --- ensembles ------------------------------------------------------------------

// An ensemble's inputs: the scenario read back from its canonical text, as
// `parley mc` runs it, and the plan (which points into `prepared`).
struct McWork {
  cli::Prepared prepared;
  ensemble::Plan plan;
  std::optional<validation::Calibration> calibration;  // the shipped one that applies, if any
};

std::unique_ptr<McWork> mc_work(const httplib::Request& request, const ServeOptions& options) {
  const Scenario loaded = scenario_of(request);
  auto work = std::make_unique<McWork>();
  work->prepared = cli::prepare_text(to_yaml(loaded), loaded.origin);
  work->prepared.warnings = loaded.warnings;
  cli::EnsembleArgs args;
  args.model = param(request, "model");
  args.settings = all_params(request, "set");
  ensemble::Options o;
  cli::choose_model(work->prepared.scenario, args, o);
  o.seed = whole_param(request, "seed", 1, UINT64_MAX);
  o.draws = whole_param(request, "draws", 1000, options.max_draws);
  if (o.draws == 0) throw bad_param("draws", "at least 1 draw", "0");
  o.noise = number_param(request, "noise", 0, 0, 10);
  o.bins = static_cast<int>(whole_param(request, "bins", 0, 10000));  // 0: from the draws
  for (const auto& text : all_params(request, "region"))
    o.regions.push_back(ensemble::parse_region(text));
  o.threads = cli::thread_count(options.threads);
  work->plan = ensemble::make_plan(work->prepared.scenario, o);
  work->calibration = cli::include_model_error(work->plan, "");  // as `parley mc` does
  return work;
}

// The progress hook of a job's work: records progress, and throws Stopped
// once the job was cancelled or has run past its time limit.
cli::ProgressFn watch(Job& job) {
  return [&job](std::uint64_t done, std::uint64_t total) {
    job.progress(done, total);
    job.check();
  };
}

// Ends `job` with the exception `failure`: cancelled or timed_out for
// Stopped, else failed with the error the API would answer.
void end_job(Job& job, std::exception_ptr failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const Stopped& stop) {
    job.fail(error_json(Error(stop.what())), stop.status());
  } catch (...) {
    const Reply reply = error_reply(std::current_exception());
    job.fail(Json::parse(reply.body)["error"]);
  }
}

// Runs the ensemble, storing each batch of draws in the run store as `parley
// mc` does (so a server killed mid-run leaves a resumable run), and stops at
// the next batch once the job was cancelled or ran past its time limit.
Json run_mc(const McWork& work, Job& job, const ServeOptions& options) {
  using Clock = std::chrono::steady_clock;
  std::unique_ptr<store::Store> db;
  store::RunRecord record;
  if (!options.store.empty()) {
    db = std::make_unique<store::Store>(options.store, true);
    record = cli::mc_record(work.plan, work.prepared, {0, 1});
    db->create_run(record);
    job.set_store_run(record.id);
  }
  ensemble::RunHooks hooks;
  hooks.batch_size = std::max<std::uint64_t>(64, 16 * work.plan.options.threads);
  hooks.progress = watch(job);
  auto last = Clock::now();
  hooks.on_batch = [&](std::span<const ensemble::DrawResult> batch) {
    if (db) {
      db->add_draws(record.id, batch);
      const auto now = Clock::now();
      db->add_seconds(record.id, std::chrono::duration<double>(now - last).count());
      last = now;
    }
    job.check();
  };
  const auto results =
      ensemble::run_ensemble(work.plan, ensemble::all_draws(work.plan.options.draws), {}, hooks);
  const Json summary = cli::summary_of(work.plan, results, work.prepared, work.calibration, "");
  if (db) db->finish_run(record.id, summary.dump());
  return summary;  // the store is closed before the job reports done
}

// The options every analysis shares: the scenario's model (--model, --set),
// the seed, and the server's threads.
cli::CommonArgs common_args(const httplib::Request& request, const ServeOptions& options) {
  cli::CommonArgs args;
  args.model = param(request, "model");
  args.settings = all_params(request, "set");
  args.seed = whole_param(request, "seed", 1, UINT64_MAX);
  args.threads = options.threads;
  return args;
}

cli::CompareOptions compare_options(const httplib::Request& request) {
  cli::CompareOptions options;
  options.models = param(request, "models", "all");
  const std::string calibration = param(request, "calibration");
  if (calibration == "none") {
    options.calibrations = {"none"};
  } else if (!calibration.empty()) {
    throw bad_param("calibration",
                    "none, or no value for the shipped calibrations (the server reads no "
                    "calibration file)",
                    calibration);
  }
  return options;
}

cli::WhatifOptions whatif_options(const httplib::Request& request) {
  cli::WhatifOptions options;
  options.events = param(request, "events", "all");
  options.pairs = param(request, "pairs") == "1";
  options.draws = whole_param(request, "draws", options.draws, 1000000);
  return options;
}

cli::AdviseRequest advise_request(const httplib::Request& request) {
  cli::AdviseRequest advise;
  advise.actor = param(request, "actor");
  if (advise.actor.empty()) throw bad_param("actor", "the id of the actor to advise", "");
  advise.levers = param(request, "levers", advise.levers);
  advise.goal = param(request, "goal");
  ensemble::AdviseOptions& o = advise.search;
  o.draws = whole_param(request, "draws", o.draws, 1000000);
  o.reach = number_param(request, "reach", o.reach, 0.001, 1);
  o.steps = static_cast<int>(whole_param(request, "steps", o.steps, 1000));
  if (o.steps < 1) throw bad_param("steps", "a whole number in [1, 1000]", "0");
  o.salience_step = number_param(request, "salience-step", o.salience_step, 0.001, 1);
  o.capability_reach = number_param(request, "capability-reach", o.capability_reach, 0.001, 0.99);
  o.max_moves = static_cast<int>(whole_param(request, "max-moves", o.max_moves, 100));
  if (o.max_moves < 1) throw bad_param("max-moves", "a whole number in [1, 100]", "0");
  return advise;
}

}  // namespace

// --- the API ------------------------------------------------------------------

Api::Api(const ServeOptions& options)
    : options_(options),
      root_(options.root, options.max_body),
      jobs_(options.max_jobs, options.kept_jobs),
      pool_(std::make_unique<httplib::ThreadPool>(static_cast<size_t>(options.max_jobs))) {}

Api::~Api() {
  jobs_.cancel_all();
  pool_->shutdown();  // waits for the running ensembles, which stop at their next batch
}

Reply Api::models() const {
  Json list = Json::array();
  for (const ModelInfo& info : parley::models()) {
    Json params = Json::array();
    for (const auto& spec : info.schema.specs) params.push_back(param_json(spec));
    Json presets = Json::array();
    for (const auto& preset : info.schema.presets) {
      Json values = Json::object();
      for (const auto& [k, v] : preset.values) values[k] = to_string(v);
      presets.push_back({{"name", preset.name}, {"doc", preset.doc}, {"values", values}});
    }
    list.push_back({{"name", info.name},
                    {"summary", info.summary},
                    {"spec", info.spec},
                    {"dynamic", info.dynamic},
                    {"params", params},
                    {"presets", presets}});
  }
  return json_reply({{"models", list}});
}

Reply Api::validate(const httplib::Request& request) const {
  return json_reply(checked_json(scenario_of(request), request));
}

Reply Api::open(const httplib::Request& request) const {
  const std::string path = param(request, "path");
  const std::string text = root_.read(path);
  Json out = checked_json(
      io::parse(io::default_importers(), text, path, param(request, "from", "auto")), request);
  out["path"] = path;
  return json_reply(out);
}

Reply Api::files() const {
  return json_reply({{"root", root_.enabled()}, {"files", root_.list()}});
}

// The YAML text a save should keep the comments of: `?source=` (the file
// the scenario was opened from), else the file being replaced; none for a
// new file.  Throws HttpError for a source outside the root or absent.
std::optional<std::string> Api::original_of(const httplib::Request& request) const {
  const std::string source = param(request, "source");
  if (!source.empty()) return root_.read(source);
  try {
    return root_.read(param(request, "path"));
  } catch (const HttpError& e) {
    if (e.status() == 404) return std::nullopt;
    throw;
  }
}

Reply Api::save(const httplib::Request& request) const {
  const Scenario scenario = scenario_of(request);
  const std::string path = param(request, "path");
  const std::string source = param(request, "source", path);
  root_.resolve(path);  // refused before anything is read
  io::PatchedYaml saved;
  if (std::optional<std::string> original = original_of(request); !original) {
    saved.text = to_yaml(scenario);  // a new file: nothing to keep
  } else if (const std::string ext = std::filesystem::path(source).extension().string();
             ext != ".yaml" && ext != ".yml") {
    saved.text = to_yaml(scenario);
    saved.reason = "'" + source + "' is not YAML";
  } else {
    saved = io::patch_yaml(*original, source, scenario);
  }
  root_.write(path, saved.text);
  Json out = {{"saved", path}, {"bytes", saved.text.size()}, {"comments_kept", saved.kept}};
  if (saved.kept) out["replaced"] = saved.replaced;
  if (!saved.reason.empty())
    out["note"] = "saved as canonical YAML without the comments and layout of '" + source +
                  "': " + saved.reason;
  return json_reply(out);
}

Reply Api::convert(const httplib::Request& request) const {
  const Scenario scenario = scenario_of(request);
  const std::string to = param(request, "to", "yaml");
  Reply reply;
  if (to == "yaml") {
    reply.content_type = "application/yaml; charset=utf-8";
    reply.body = to_yaml(scenario);
  } else if (to == "json") {
    reply.body = to_json(scenario);
  } else {
    throw bad_param("to", "yaml or json", to);
  }
  reply.attachment = param(request, "download");
  return reply;
}

Reply Api::run(const httplib::Request& request) {
  const Scenario scenario = scenario_of(request);
  cli::RunRequest run;
  run.model = param(request, "model");
  run.settings = all_params(request, "set");
  run.seed = whole_param(request, "seed", 1, UINT64_MAX);
  run.threads = options_.threads;
  run.explain = param(request, "explain") == "1";
  run.limits = options_.limits;
  auto started = jobs_.start("run", options_.time_limit);
  if (!started.job) throw busy(options_.max_jobs);
  run.progress = watch(*started.job);
  try {
    std::vector<std::string> notes;
    Json document = cli::run_scenario(scenario, run, notes);
    cli::note_warnings(document, scenario);
    started.job->finish(document);
    return json_reply({{"id", started.job->id()}, {"notes", notes}, {"result", document}});
  } catch (const Stopped& stop) {
    end_job(*started.job, std::current_exception());
    throw HttpError(stop.status() == "timed_out" ? 408 : 409, stop.what());
  } catch (...) {
    end_job(*started.job, std::current_exception());
    throw;
  }
}

Reply Api::start(const std::string& kind, const Json& scenario, std::uint64_t total,
                 std::function<Json(Job&)> work) {
  auto started = jobs_.start(kind, options_.time_limit);
  if (!started.job) throw busy(options_.max_jobs);
  std::shared_ptr<Job> job = started.job;
  job->progress(0, total);
  job->set_scenario(scenario);
  std::shared_ptr<Slot> slot = std::move(started.slot);
  pool_->enqueue([job, slot, work = std::move(work)] {
    try {
      job->finish(work(*job));
    } catch (...) {
      end_job(*job, std::current_exception());
    }
  });
  return json_reply(job->view(false), 202);
}

Reply Api::mc(const httplib::Request& request) {
  std::shared_ptr<McWork> work = mc_work(request, options_);
  return start("mc", output::scenario_json(work->prepared.scenario), work->plan.options.draws,
               [work, options = options_](Job& job) { return run_mc(*work, job, options); });
}

Reply Api::analysis(const std::string& kind, const httplib::Request& request) {
  auto scenario = std::make_shared<const Scenario>(scenario_of(request));
  const cli::CommonArgs args = common_args(request, options_);
  cli::Analysis analysis;  // the options are checked here: a bad one is a 400 now
  if (kind == "compare")
    analysis = cli::compare_analysis(*scenario, args, compare_options(request));
  else if (kind == "whatif")
    analysis = cli::whatif_analysis(*scenario, args, whatif_options(request));
  else
    analysis = cli::advise_analysis(*scenario, args, advise_request(request));
  return start(kind, output::scenario_json(*scenario), 0, [scenario, analysis](Job& job) {
    Json document = analysis(watch(job));
    cli::note_warnings(document, *scenario);
    return document;
  });
}

std::shared_ptr<Job> Api::find(std::int64_t id) const {
  auto job = jobs_.find(id);
  if (!job) throw HttpError(404, "no run " + std::to_string(id) + " in this session");
  return job;
}

Reply Api::job(std::int64_t id) const { return json_reply(find(id)->view(true)); }

Reply Api::cancel(std::int64_t id) {
  auto job = find(id);
  job->cancel();
  return json_reply(job->view(false), 202);
}

Reply Api::jobs() const {
  Json session = Json::array();
  for (const auto& job : jobs_.list()) session.push_back(job->view(false));
  Json out = {{"session", session}, {"store", nullptr}};
  if (!options_.store.empty() && std::filesystem::exists(options_.store)) {
    store::Store db(options_.store, false);
    out["store"] = cli::runs_document(db.runs());
  }
  return json_reply(out);
}

Reply Api::report(const httplib::Request& request, std::int64_t id) const {
  Json document;
  if (param(request, "store") == "1") {
    if (options_.store.empty() || !std::filesystem::exists(options_.store))
      throw HttpError(404, "no run store (see --store)");
    store::Store db(options_.store, false);
    const store::RunRecord record = db.run(id);
    document = cli::stored_document(db, record);
    if (!document.contains("scenario"))
      document["scenario"] = output::scenario_json(
          parse_scenario(record.scenario_text, record.scenario_origin, Format::yaml));
  } else {
    const auto job = find(id);
    document = job->result();
    if (document.is_null())
      throw HttpError(409, "run " + std::to_string(id) + " has no result (yet)");
    if (!document.contains("scenario") && !job->scenario().is_null())
      document["scenario"] = job->scenario();
  }
  Reply reply;
  reply.content_type = "text/html; charset=utf-8";
  reply.body = report::render_report(nlohmann::json(document));
  if (param(request, "download") == "1")
    reply.attachment = "report-" + std::to_string(id) + ".html";
  return reply;
}

}  // namespace parley::serve
