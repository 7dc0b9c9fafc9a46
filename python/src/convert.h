// Conversions between parley's values and Python objects, shared by the
// binding files.  Every function needs the GIL.
#pragma once

#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>
#include <string>

#include "parley/params.h"

namespace parley::python {

namespace py = pybind11;

// A result document (JSON) as nested dicts, lists, floats, ints, strings and
// None.  Numbers keep their exact value: doubles stay doubles.
py::object to_python(const nlohmann::ordered_json& value);

// Model parameters from keyword arguments: numbers (int or float, not bool)
// and strings, as `--set name=value` gives them.  Throws ValueError naming
// the parameter for any other type.
Params params_from(const py::dict& given);

}  // namespace parley::python
