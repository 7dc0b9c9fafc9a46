// The native half of the Python package `parley` (python/parley/ is the
// other): each binding file registers its functions here.  The native layer
// speaks plain Python values (dicts, lists, NumPy arrays); the Python layer
// builds DataFrames and the documented classes on top.
//
// Errors: parley::Error with a location becomes parley.ScenarioError (a
// ValueError carrying file, line, column and field), without one a
// ValueError; InternalError and other exceptions a RuntimeError.  Long runs
// release the GIL.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>

#include "parley/scenario.h"

namespace parley::python {

namespace py = pybind11;

// A loaded, validated scenario; immutable, shared by the results made from it.
struct ScenarioHandle {
  std::shared_ptr<const Scenario> scenario;
};

void register_scenario_api(py::module_& m);
void register_run_api(py::module_& m);
void register_ensemble_api(py::module_& m);
void register_analyses_api(py::module_& m);

}  // namespace parley::python
