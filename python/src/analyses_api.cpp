// The analyses beyond one run: parley.compare(), parley.whatif() and
// parley.advise().  Each calls the command's own function (cli/analyses.h),
// so the same scenario, options and seed give the document that `parley
// compare|whatif|advise --format json` prints (without the importer's
// warnings, which Scenario.warnings holds).
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "api.h"
#include "cli/analyses.h"
#include "cli/options.h"
#include "convert.h"

namespace parley::python {
namespace {

cli::CommonArgs common_args(const std::string& model, const std::vector<std::string>& settings,
                            std::uint64_t seed, int threads) {
  cli::CommonArgs args;
  args.model = model;
  args.settings = settings;
  args.seed = seed;
  args.threads = threads;
  return args;
}

// Checks the options (throwing before any model runs, as the command does),
// then runs the analysis without the GIL.
py::object document_of(const cli::Analysis& analysis) {
  nlohmann::ordered_json document;
  {
    py::gil_scoped_release unlocked;
    document = analysis({});
  }
  return to_python(document);
}

py::object compare(const ScenarioHandle& scenario, const std::string& models,
                   const std::vector<std::string>& settings, std::uint64_t seed,
                   const std::vector<std::string>& calibrations) {
  const cli::CommonArgs args = common_args("", settings, seed, 0);
  return document_of(
      cli::compare_analysis(*scenario.scenario, args, cli::CompareOptions{models, calibrations}));
}

py::object whatif(const ScenarioHandle& scenario, const std::string& model,
                  const std::vector<std::string>& settings, std::uint64_t seed, int threads,
                  const std::string& events, bool pairs, std::uint64_t draws) {
  const cli::CommonArgs args = common_args(model, settings, seed, threads);
  return document_of(
      cli::whatif_analysis(*scenario.scenario, args, cli::WhatifOptions{events, pairs, draws}));
}

struct AdviseCall {
  std::string actor, model, levers, goal;
  std::vector<std::string> settings;
  std::uint64_t seed = 1, draws = 0;
  int threads = 0, steps = 5, max_moves = 4;
  double reach = 0.25, salience_step = 0.1, capability_reach = 0.25;
};

py::object advise(const ScenarioHandle& scenario, const AdviseCall& call) {
  const cli::CommonArgs args = common_args(call.model, call.settings, call.seed, call.threads);
  cli::AdviseRequest request;
  request.actor = call.actor;
  request.levers = call.levers;
  request.goal = call.goal;
  request.search.draws = call.draws;
  request.search.reach = call.reach;
  request.search.steps = call.steps;
  request.search.salience_step = call.salience_step;
  request.search.capability_reach = call.capability_reach;
  request.search.max_moves = call.max_moves;
  return document_of(cli::advise_analysis(*scenario.scenario, args, request));
}

}  // namespace

void register_analyses_api(py::module_& m) {
  m.def("compare", &compare, py::arg("scenario"), py::arg("models"), py::arg("settings"),
        py::arg("seed"), py::arg("calibrations"));
  m.def("whatif", &whatif, py::arg("scenario"), py::arg("model"), py::arg("settings"),
        py::arg("seed"), py::arg("threads"), py::arg("events"), py::arg("pairs"), py::arg("draws"));
  m.def(
      "advise",
      [](const ScenarioHandle& scenario, const std::string& actor, const std::string& model,
         const std::vector<std::string>& settings, std::uint64_t seed, int threads,
         const std::string& levers, const std::string& goal, std::uint64_t draws, double reach,
         int steps, double salience_step, double capability_reach, int max_moves) {
        const AdviseCall call{actor, model,         levers,          goal,  settings,
                              seed,  draws,         threads,         steps, max_moves,
                              reach, salience_step, capability_reach};
        return advise(scenario, call);
      },
      py::arg("scenario"), py::arg("actor"), py::arg("model"), py::arg("settings"), py::arg("seed"),
      py::arg("threads"), py::arg("levers"), py::arg("goal"), py::arg("draws"), py::arg("reach"),
      py::arg("steps"), py::arg("salience_step"), py::arg("capability_reach"),
      py::arg("max_moves"));
}

}  // namespace parley::python
