// One model run: parley.run(), its result and its calibrated intervals.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>
#include <optional>
#include <stdexcept>

#include "api.h"
#include "cli/options.h"
#include "cli/run_support.h"
#include "convert.h"
#include "io/calibration_io.h"
#include "io/output.h"
#include "parley/error.h"
#include "parley/model.h"
#include "parley/questions.h"
#include "validation/backtest_distributions.h"
#include "validation/calibration.h"

namespace parley::python {
namespace {

namespace v = parley::validation;

// A run's result with the document the command line prints for it and,
// when a calibration applies, one predictive distribution per issue.
struct RunOutput {
  Result result;
  output::Json document;
  std::vector<std::string> notes;          // for people: questions only other models answer
  std::optional<std::string> calibration;  // how the calibration is named
  std::vector<std::optional<v::PredictiveDistribution>> predictive;  // per issue
};

// The model to run with its given parameters, chosen as the command line
// does (cli::select_model), keyword parameters over the scenario's.
cli::ModelSelection selection_of(const Scenario& scenario, const std::string& model,
                                 const py::dict& params, int threads) {
  cli::ModelSelection selection = cli::select_model(scenario, model, {});
  for (auto& [name, value] : params_from(params)) selection.params[name] = value;
  if (threads > 0 && selection.info->schema.find("threads") && !selection.params.count("threads"))
    selection.params["threads"] = static_cast<double>(threads);
  return selection;
}

// The calibration `which` names for this model and parameters: "default"
// (the shipped one that applies, if any), "none", or a calibration file,
// which must apply.
std::optional<v::Calibration> calibration_for(const std::string& which,
                                              const cli::ModelSelection& selection) {
  const v::ModelSpec spec{selection.info->name, selection.info->name, selection.params};
  if (which == "none") return std::nullopt;
  if (which == "default") {
    // Parsed once (they are compiled in and never change); reading them
    // costs far more than a static model's run.
    static const std::vector<v::Calibration> shipped = io::default_calibrations();
    for (const auto& c : shipped)
      if (v::calibration_applies(c, spec)) return c;
    return std::nullopt;
  }
  v::Calibration c = io::read_calibration(which);
  if (!v::calibration_applies(c, spec))
    throw Error(SourceLocation{which, 0, 0, "model"},
                "this calibration is for model '" + c.model +
                    "' with its parameters as fitted, not for the model of this run");
  return c;
}

RunOutput run(const ScenarioHandle& handle, const std::string& model, std::uint64_t seed,
              const py::dict& params, int threads, bool explain, const std::string& calibration) {
  const Scenario& scenario = *handle.scenario;
  const cli::ModelSelection selection = selection_of(scenario, model, params, threads);
  const std::optional<v::Calibration> calibrated = calibration_for(calibration, selection);
  RunOutput out;
  py::gil_scoped_release release;
  const Params resolved = resolve(selection.info->schema, selection.params, "params");
  cli::check_limits(scenario, selection, cli::Limits{});
  out.notes = check_questions_for_run(scenario, *selection.info, resolved);
  RunContext context;
  context.seed = seed;
  context.explain = explain;
  context.scenario = &scenario;
  const Instance instance = nominal_instance(scenario);
  out.result = run_model(*selection.info, instance, selection.params, context, "params");
  out.document = output::run_document(out.result, &scenario);
  // The CLI's own step, so the document is the one `parley run` prints.
  cli::add_model_error(out.document, instance, out.result,
                       calibration == "default" ? std::string() : calibration, selection);
  cli::note_warnings(out.document, scenario);
  if (calibrated) {
    out.calibration = v::calibration_label(*calibrated);
    for (size_t i = 0; i < out.result.forecast.size(); ++i) {
      try {
        out.predictive.push_back(v::predictive(
            calibrated->fitted,
            v::issue_evidence(instance, static_cast<int>(i), out.result.forecast[i])));
      } catch (const std::invalid_argument&) {  // no finite forecast, nobody on the issue
        out.predictive.push_back(std::nullopt);
      }
    }
  }
  return out;
}

// The trajectory as arrays: rounds (R,) and positions (R, actors, issues).
py::tuple trajectory(const Result& r) {
  const auto rounds = static_cast<py::ssize_t>(r.trajectory.size());
  const auto actors = static_cast<py::ssize_t>(r.actor_ids.size());
  const auto issues = static_cast<py::ssize_t>(r.issue_ids.size());
  py::array_t<std::int64_t> index(rounds);
  py::array_t<double> positions({rounds, actors, issues});
  double* to = positions.mutable_data();
  for (py::ssize_t k = 0; k < rounds; ++k) {
    const Round& round = r.trajectory[static_cast<size_t>(k)];
    index.mutable_at(k) = round.round;
    const size_t cells = static_cast<size_t>(actors * issues);
    for (size_t c = 0; c < cells; ++c)
      to[c] = c < round.positions.size() ? round.positions[c] : std::nan("");
    to += cells;
  }
  return py::make_tuple(index, positions);
}

py::list tables(const Result& r) {
  py::list out;
  for (const Table& t : r.tables) {
    py::list rows;
    for (const auto& row : t.rows) {
      py::list cells;
      for (const auto& cell : row) {
        if (const double* number = std::get_if<double>(&cell))
          cells.append(*number);
        else
          cells.append(std::get<std::string>(cell));
      }
      rows.append(cells);
    }
    py::dict table;
    table["name"] = t.name;
    table["title"] = t.title;
    table["columns"] = t.columns;
    table["rows"] = rows;
    table["headline"] = t.headline;
    out.append(table);
  }
  return out;
}

py::list quantities(const Result& r) {
  py::list out;
  for (const Quantity& q : r.quantities) out.append(py::make_tuple(q.name, q.label, q.value));
  return out;
}

// [(lo, hi)] per issue at `level`; NaN where an issue has no distribution.
py::list interval(const RunOutput& o, double level) {
  if (!o.calibration)
    throw py::value_error("interval: no calibration applies to model '" + o.result.model +
                          "' with these parameters; pass calibration=FILE from `parley "
                          "calibrate`, or use mc() for the spread of the inputs");
  if (!(level > 0 && level < 1))
    throw py::value_error("interval: level must lie strictly between 0 and 1");
  py::list out;
  for (const auto& d : o.predictive) {
    if (!d) {
      out.append(py::make_tuple(std::nan(""), std::nan("")));
      continue;
    }
    const auto [lo, hi] = d->interval(level);
    out.append(py::make_tuple(lo, hi));
  }
  return out;
}

py::list model_table() {
  py::list out;
  for (const ModelInfo& info : models()) {
    for (const ParamSpec& p : info.schema.specs) {
      static const char* kinds[] = {"number", "integer", "choice", "text"};
      py::dict row;
      row["model"] = info.name;
      row["summary"] = info.summary;
      row["dynamic"] = info.dynamic;
      row["parameter"] = p.name;
      row["kind"] = kinds[static_cast<int>(p.kind)];
      row["default"] = to_string(p.fallback);
      row["min"] = p.min <= -1e300 ? std::nan("") : p.min;
      row["max"] = p.max >= 1e300 ? std::nan("") : p.max;
      row["choices"] = p.choices;
      row["aliases"] = p.aliases;
      row["doc"] = p.doc;
      out.append(row);
    }
  }
  return out;
}

}  // namespace

void register_run_api(py::module_& m) {
  py::class_<RunOutput>(m, "NativeResult")
      .def_property_readonly("model", [](const RunOutput& o) { return o.result.model; })
      .def_property_readonly("seed", [](const RunOutput& o) { return o.result.seed; })
      .def_property_readonly("issue_ids", [](const RunOutput& o) { return o.result.issue_ids; })
      .def_property_readonly("actor_ids", [](const RunOutput& o) { return o.result.actor_ids; })
      .def_property_readonly("actor_names", [](const RunOutput& o) { return o.result.actor_names; })
      .def_property_readonly("forecast", [](const RunOutput& o) { return o.result.forecast; })
      .def_property_readonly("status", [](const RunOutput& o) { return o.result.status; })
      .def_property_readonly("notes", [](const RunOutput& o) { return o.result.notes; })
      .def_property_readonly("run_notes", [](const RunOutput& o) { return o.notes; })
      .def_property_readonly("calibration", [](const RunOutput& o) { return o.calibration; })
      .def("trajectory", [](const RunOutput& o) { return trajectory(o.result); })
      .def("tables", [](const RunOutput& o) { return tables(o.result); })
      .def("quantities", [](const RunOutput& o) { return quantities(o.result); })
      .def("document", [](const RunOutput& o) { return to_python(o.document); })
      .def(
          "json",
          [](const RunOutput& o, int indent) { return output::to_json_text(o.document, indent); },
          py::arg("indent") = 2)
      .def("interval", &interval, py::arg("level"));
  m.def("run", &run, py::arg("scenario"), py::arg("model"), py::arg("seed"), py::arg("params"),
        py::arg("threads"), py::arg("explain"), py::arg("calibration"));
  m.def("models", &model_table);
}

}  // namespace parley::python
