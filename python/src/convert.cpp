#include "convert.h"

namespace parley::python {

py::object to_python(const nlohmann::ordered_json& value) {
  using Type = nlohmann::ordered_json::value_t;
  switch (value.type()) {
    case Type::null:
    case Type::discarded:
      return py::none();
    case Type::boolean:
      return py::bool_(value.get<bool>());
    case Type::number_integer:
      return py::int_(value.get<std::int64_t>());
    case Type::number_unsigned:
      return py::int_(value.get<std::uint64_t>());
    case Type::number_float:
      return py::float_(value.get<double>());
    case Type::string:
      return py::str(value.get_ref<const std::string&>());
    case Type::array: {
      py::list out;
      for (const auto& item : value) out.append(to_python(item));
      return out;
    }
    case Type::object: {
      py::dict out;
      for (const auto& [key, item] : value.items()) out[py::str(key)] = to_python(item);
      return out;
    }
    case Type::binary:
      break;
  }
  throw std::logic_error("a result document holds binary data");
}

Params params_from(const py::dict& given) {
  Params out;
  for (const auto& [key, item] : given) {
    const std::string name = py::str(key);
    if (py::isinstance<py::str>(item)) {
      out[name] = item.cast<std::string>();
      continue;
    }
    // Numbers of any kind (int, float, NumPy scalars), but not True/False.
    if (!py::isinstance<py::bool_>(item) && PyNumber_Check(item.ptr())) {
      const double value = PyFloat_AsDouble(item.ptr());
      if (!PyErr_Occurred()) {
        out[name] = value;
        continue;
      }
      PyErr_Clear();
    }
    throw py::value_error("parameter " + name + ": expected a number or a string, found " +
                          std::string(py::str(py::type::of(item).attr("__name__"))));
  }
  return out;
}

}  // namespace parley::python
