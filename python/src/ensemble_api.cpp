// Ensembles and scoring: parley.mc(), parley.sensitivity(), parley.backtest().
// Each follows its command (src/cli/cmd_*.cpp) step for step, so that the
// same inputs give the same document.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <chrono>
#include <limits>
#include <memory>

#include "api.h"
#include "cli/ensemble_common.h"
#include "cli/options.h"
#include "convert.h"
#include "ensemble/sensitivity.h"
#include "io/calibration_io.h"
#include "io/importer.h"
#include "io/importers.h"
#include "io/output.h"
#include "parley/error.h"
#include "parley/io.h"
#include "store/store.h"
#include "validation/backtest.h"
#include "validation/backtest_distributions.h"

namespace parley::python {
namespace {

namespace v = parley::validation;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The scenario as every ensemble sees it: read back from its canonical text
// (cli::prepare_text), with the warnings of the original.
cli::Prepared prepared_of(const Scenario& scenario) {
  cli::Prepared prepared = cli::prepare_text(to_yaml(scenario), scenario.origin);
  prepared.warnings = scenario.warnings;
  return prepared;
}

// The model and its parameters, chosen as the command line does.
void choose(const Scenario& scenario, const std::string& model, const py::dict& params,
            ensemble::Options& options) {
  const cli::ModelSelection selection = cli::select_model(scenario, model, {});
  options.model = selection.info->name;
  options.params = selection.params;
  for (auto& [name, value] : params_from(params)) options.params[name] = value;
}

void add_import_notes(output::Json& document, const cli::Prepared& prepared) {
  for (const auto& w : prepared.warnings)
    document["notes"].push_back("import: " + prepared.origin + ": " + w);
}

struct McRequest {
  std::string model;
  py::dict params;
  std::uint64_t seed = 1, draws = 1000, batch = 0;
  double noise = 0;
  std::vector<std::string> regions;
  int bins = 0, threads = 0;  // bins 0: chosen from the draws
  std::string store;          // "" = not stored
  std::int64_t resume = 0;    // a run of `store` to finish
  py::object progress;        // progress(done, total) after each batch, or None
};

// (document, draw indices, forecasts (draws x issues), rounds, run id or 0).
py::tuple pack(const output::Json& document, const std::vector<ensemble::DrawResult>& results,
               size_t issues, std::int64_t run_id) {
  const auto n = static_cast<py::ssize_t>(results.size());
  py::array_t<std::uint64_t> draws(n);
  py::array_t<double> forecasts({n, static_cast<py::ssize_t>(issues)});
  py::array_t<std::int64_t> rounds(n);
  double* to = forecasts.mutable_data();
  for (py::ssize_t k = 0; k < n; ++k) {
    const ensemble::DrawResult& r = results[static_cast<size_t>(k)];
    draws.mutable_at(k) = r.draw;
    rounds.mutable_at(k) = r.rounds;
    for (size_t i = 0; i < issues; ++i)
      *to++ = i < r.forecast.size() ? r.forecast[i] : std::numeric_limits<double>::quiet_NaN();
  }
  return py::make_tuple(to_python(document), draws, forecasts, rounds, run_id);
}

// `parley mc` (cmd_mc.cpp, run_mc) without MPI and shards.  Between batches
// the GIL is taken back to report progress and to let Ctrl-C raise
// KeyboardInterrupt; every batch before it is already stored whole, so
// `parley mc --resume ID` (or resume=ID) completes the run.
py::tuple mc(const ScenarioHandle* handle, McRequest request) {
  ensemble::Options options;
  cli::Prepared prepared;
  store::RunRecord record;
  std::unique_ptr<store::Store> db;
  std::vector<ensemble::DrawResult> done;
  if (request.resume > 0) {
    if (request.store.empty()) throw py::value_error("mc: resume needs the store it is in");
    db = std::make_unique<store::Store>(request.store, false);
    record = db->run(request.resume);
    if (record.kind != "mc")
      throw Error("resume: run " + std::to_string(record.id) + " is not an mc run");
    prepared = cli::prepare_text(record.scenario_text, record.scenario_origin);
    if (handle && prepared_of(*handle->scenario).sha256 != record.scenario_sha256)
      throw Error("resume: the scenario is not the one run " + std::to_string(record.id) +
                  " was started with");
    if (record.shards > 1) throw py::value_error("mc: resume a shard with `parley mc --resume`");
    options = cli::stored_options(record);
  } else {
    if (!handle) throw py::value_error("mc: a scenario is required (or resume=ID)");
    prepared = prepared_of(*handle->scenario);
    choose(prepared.scenario, request.model, request.params, options);
    options.seed = request.seed;
    options.draws = request.draws;
    options.noise = request.noise;
    options.bins = request.bins;
    for (const auto& text : request.regions)
      options.regions.push_back(ensemble::parse_region(text));
  }
  options.threads = cli::thread_count(request.threads);
  ensemble::Plan plan = ensemble::make_plan(prepared.scenario, options);
  // The shipped calibration that applies, as `parley mc` includes it.
  const auto calibration = cli::include_model_error(plan, "");
  const size_t issues = plan.issue_ids.size();
  if (db && record.status == "done")
    return pack(cli::stored_document(*db, record), db->draws(record.id), issues, record.id);
  if (db) done = db->draws(record.id);
  if (!db && !request.store.empty()) {
    db = std::make_unique<store::Store>(request.store, true);
    record = cli::mc_record(plan, prepared);
    db->create_run(record);
  }

  ensemble::RunHooks hooks;
  hooks.batch_size = request.batch;
  auto last = Clock::now();
  hooks.on_batch = [&](std::span<const ensemble::DrawResult> batch) {
    if (db) {
      db->add_draws(record.id, batch);
      db->add_seconds(record.id, seconds_since(last));
      last = Clock::now();
    }
    py::gil_scoped_acquire gil;
    if (!request.progress.is_none())
      request.progress(batch.empty() ? 0 : batch.back().draw + 1, plan.options.draws);
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
  };
  std::vector<ensemble::DrawResult> results;
  output::Json summary;
  {
    py::gil_scoped_release release;
    results =
        ensemble::run_ensemble(plan, ensemble::all_draws(options.draws), std::move(done), hooks);
    summary = cli::summary_of(plan, results, prepared, calibration, "");
    if (db) {
      db->add_seconds(record.id, seconds_since(last));
      db->finish_run(record.id, summary.dump());
    }
  }
  return pack(summary, results, issues, db ? record.id : 0);
}

py::object sensitivity(const ScenarioHandle& handle, const std::string& model,
                       const py::dict& params, const std::string& method, std::uint64_t samples,
                       std::uint64_t bootstrap, double confidence, std::uint64_t seed, double noise,
                       int threads) {
  if (method != "oat" && method != "sobol")
    throw py::value_error("sensitivity: method '" + method + "' is not one of: oat, sobol");
  const cli::Prepared prepared = prepared_of(*handle.scenario);
  ensemble::Options options;
  choose(prepared.scenario, model, params, options);
  options.seed = seed;
  options.noise = noise;
  options.threads = cli::thread_count(threads);
  output::Json document;
  {
    py::gil_scoped_release release;
    const ensemble::Plan plan = ensemble::make_plan(prepared.scenario, options);
    if (method == "sobol") {
      ensemble::SobolOptions sobol;
      sobol.samples = samples;
      sobol.bootstrap = bootstrap;
      sobol.confidence = confidence;
      document = output::sobol_document(plan, ensemble::sobol(plan, sobol));
    } else {
      document = output::tornado_document(plan, ensemble::one_at_a_time(plan));
    }
  }
  add_import_notes(document, prepared);
  return to_python(document);
}

// A DEU table read with its Council weights from `table` (backtest's
// --capability-table).
ScenarioHandle load_with_capability_table(const std::string& path, const std::string& table) {
  read_text_file(table);  // a table named but not readable is an error, not a warning
  io::Importer deu = io::default_importers().find("deu");
  deu.read = [table](std::string_view text, const std::string& file) {
    return io::import_deu(text, file, table);
  };
  const io::ImporterRegistry registry = io::default_importers().with(std::move(deu));
  return ScenarioHandle{std::make_shared<const Scenario>(io::load(registry, path, "auto"))};
}

struct BacktestRequest {
  std::string label;  // the file, as documents name it
  std::string models, capabilities = "treaty", baseline = "compromise";
  int folds = 10, bootstrap = 2000;
  std::uint64_t seed = 20260101;
  std::vector<std::string> calibrations;  // files, or {"none"}; empty = the shipped defaults
};

// `parley backtest` (cmd_backtest.cpp): (document, per-issue CSV).
py::tuple backtest(const ScenarioHandle& handle, const BacktestRequest& request) {
  output::Json document;
  std::string per_issue;
  {
    py::gil_scoped_release release;
    const Scenario scored =
        v::with_capabilities(*handle.scenario, v::parse_capability_option(request.capabilities));
    v::BacktestOptions options;
    options.models = v::parse_model_list(request.models);
    options.folds = request.folds;
    options.bootstrap = request.bootstrap;
    options.seed = request.seed;
    options.baseline = request.baseline == "none" ? "" : request.baseline;
    v::BacktestReport report = v::backtest(scored, options);
    std::vector<v::Calibration> calibrations;
    if (request.calibrations.empty()) {
      calibrations = io::default_calibrations();
    } else if (request.calibrations != std::vector<std::string>{"none"}) {
      for (const auto& path : request.calibrations)
        calibrations.push_back(io::read_calibration(path));
    }
    v::score_backtest_distributions(report, scored, calibrations, request.seed);
    document = output::backtest_document(report, request.label, request.capabilities);
    per_issue = output::backtest_issues_csv(report);
  }
  return py::make_tuple(to_python(document), per_issue);
}

}  // namespace

void register_ensemble_api(py::module_& m) {
  m.def(
      "mc",
      [](const ScenarioHandle* scenario, const std::string& model, const py::dict& params,
         std::uint64_t seed, std::uint64_t draws, double noise,
         const std::vector<std::string>& regions, int bins, int threads, const std::string& store,
         std::int64_t resume, std::uint64_t batch, py::object progress) {
        McRequest request{model,   params, seed,    draws, batch,  noise,
                          regions, bins,   threads, store, resume, std::move(progress)};
        return mc(scenario, std::move(request));
      },
      py::arg("scenario").none(true), py::arg("model"), py::arg("params"), py::arg("seed"),
      py::arg("draws"), py::arg("noise"), py::arg("regions"), py::arg("bins"), py::arg("threads"),
      py::arg("store"), py::arg("resume"), py::arg("batch"), py::arg("progress").none(true));
  m.def("sensitivity", &sensitivity, py::arg("scenario"), py::arg("model"), py::arg("params"),
        py::arg("method"), py::arg("samples"), py::arg("bootstrap"), py::arg("confidence"),
        py::arg("seed"), py::arg("noise"), py::arg("threads"));
  m.def("load_with_capability_table", &load_with_capability_table, py::arg("path"),
        py::arg("table"));
  m.def(
      "backtest",
      [](const ScenarioHandle& scenario, const std::string& label, const std::string& models,
         const std::string& capabilities, int folds, int bootstrap, const std::string& baseline,
         std::uint64_t seed, const std::vector<std::string>& calibrations) {
        BacktestRequest request{label, models,    capabilities, baseline,
                                folds, bootstrap, seed,         calibrations};
        return backtest(scenario, request);
      },
      py::arg("scenario"), py::arg("label"), py::arg("models"), py::arg("capabilities"),
      py::arg("folds"), py::arg("bootstrap"), py::arg("baseline"), py::arg("seed"),
      py::arg("calibrations"));
}

}  // namespace parley::python
