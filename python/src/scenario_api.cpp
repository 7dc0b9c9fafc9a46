// Scenarios: loading from files and text, writing the native forms.
#include <pybind11/stl.h>

#include "api.h"
#include "convert.h"
#include "io/importer.h"
#include "io/output.h"
#include "parley/io.h"

namespace parley::python {
namespace {

ScenarioHandle handle(Scenario scenario) {
  return ScenarioHandle{std::make_shared<const Scenario>(std::move(scenario))};
}

py::object model_section(const Scenario& s) {
  if (!s.model) return py::none();
  py::dict params;
  for (const auto& [name, value] : s.model->params) {
    if (const double* number = std::get_if<double>(&value))
      params[py::str(name)] = *number;
    else
      params[py::str(name)] = std::get<std::string>(value);
  }
  py::dict out;
  out["name"] = s.model->name;
  out["params"] = params;
  return out;
}

}  // namespace

void register_scenario_api(py::module_& m) {
  py::class_<ScenarioHandle>(m, "NativeScenario")
      .def_property_readonly("title", [](const ScenarioHandle& h) { return h.scenario->title; })
      .def_property_readonly("origin", [](const ScenarioHandle& h) { return h.scenario->origin; })
      .def_property_readonly("warnings",
                             [](const ScenarioHandle& h) { return h.scenario->warnings; })
      .def_property_readonly("issue_ids",
                             [](const ScenarioHandle& h) {
                               std::vector<std::string> ids;
                               for (const auto& i : h.scenario->issues) ids.push_back(i.id);
                               return ids;
                             })
      .def_property_readonly("actor_ids",
                             [](const ScenarioHandle& h) {
                               std::vector<std::string> ids;
                               for (const auto& a : h.scenario->actors) ids.push_back(a.id);
                               return ids;
                             })
      .def_property_readonly("model",
                             [](const ScenarioHandle& h) { return model_section(*h.scenario); })
      .def("to_yaml", [](const ScenarioHandle& h) { return to_yaml(*h.scenario); })
      .def("to_json", [](const ScenarioHandle& h) { return to_json(*h.scenario); })
      .def("to_dict",
           [](const ScenarioHandle& h) { return to_python(output::scenario_json(*h.scenario)); });

  m.def(
      "load",
      [](const std::string& path, const std::string& format) {
        return handle(io::load(io::default_importers(), path, format));
      },
      py::arg("path"), py::arg("format") = "auto");
  m.def(
      "loads",
      [](const std::string& text, const std::string& name, const std::string& format) {
        return handle(io::parse(io::default_importers(), text, name, format));
      },
      py::arg("text"), py::arg("name"), py::arg("format") = "auto");
  m.def("formats", [] { return io::format_choices(io::default_importers()); });
}

}  // namespace parley::python
