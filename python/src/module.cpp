// The extension module parley._parley: exception translation and the
// registration of every binding file (api.h).
#include <pybind11/eval.h>
#include <pybind11/pybind11.h>

#include <exception>
#include <new>

#include "api.h"
#include "parley/error.h"
#include "parley/version.h"

namespace parley::python {
namespace {

// parley.ScenarioError(message) with .file, .line, .column, .field and
// .detail set from the error's location (None where unknown).
void raise_scenario_error(const Error& e) {
  py::object type = py::module_::import("parley._parley").attr("ScenarioError");
  py::object error = type(py::str(e.what()));
  const SourceLocation& at = e.location();
  auto text_or_none = [](const std::string& s) -> py::object {
    return s.empty() ? py::object(py::none()) : py::object(py::str(s));
  };
  auto number_or_none = [](int n) -> py::object {
    return n > 0 ? py::object(py::int_(n)) : py::object(py::none());
  };
  error.attr("file") = text_or_none(at.file);
  error.attr("line") = number_or_none(at.line);
  error.attr("column") = number_or_none(at.column);
  error.attr("field") = text_or_none(at.path);
  error.attr("detail") = py::str(e.detail());
  PyErr_SetObject(type.ptr(), error.ptr());
}

void translate(std::exception_ptr failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const Error& e) {
    const SourceLocation& at = e.location();
    if (at.file.empty() && at.line == 0 && at.path.empty())
      PyErr_SetString(PyExc_ValueError, e.what());
    else
      raise_scenario_error(e);
  } catch (const InternalError& e) {
    PyErr_SetString(PyExc_RuntimeError,
                    (std::string("internal error (a bug in parley): ") + e.what()).c_str());
  }
}

}  // namespace
}  // namespace parley::python

PYBIND11_MODULE(_parley, m) {
  namespace py = pybind11;
  m.doc() = "parley's native engine; use the package `parley`, not this module.";
  m.attr("__version__") = PARLEY_VERSION;
  py::exec(R"(
class ScenarioError(ValueError):
    """A scenario that parley cannot read or that breaks a rule of the format.

    The message is the command line's.  Attributes (None where unknown): file,
    line and column (1-based; a CSV row and column for tables), field (the
    field path, e.g. ``actors[2].salience.donbas``) and detail (the message
    without the location).
    """
    file = line = column = field = detail = None
)",
           m.attr("__dict__"));
  m.attr("ScenarioError").attr("__module__") = "parley";
  py::register_exception_translator(parley::python::translate);
  parley::python::register_scenario_api(m);
  parley::python::register_run_api(m);
  parley::python::register_ensemble_api(m);
  parley::python::register_analyses_api(m);
}
