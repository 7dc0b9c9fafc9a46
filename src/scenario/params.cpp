#include "parley/params.h"

#include <cmath>
#include <cstdlib>

#include "parley/error.h"
#include "parley/node.h"
#include "scenario/suggest.h"

namespace parley {

const ParamSpec* ParamSchema::find(const std::string& name) const {
  for (const auto& spec : specs)
    if (spec.name == name) return &spec;
  for (const auto& spec : specs)
    for (const auto& alias : spec.aliases)
      if (alias == name) return &spec;
  return nullptr;
}

ParamSpec ParamSpec::number(Numeric s) {
  return {std::move(s.name), Kind::number,        s.fallback, {}, s.min, s.max,
          std::move(s.doc),  std::move(s.aliases)};
}

ParamSpec ParamSpec::integer(Numeric s) {
  ParamSpec out = number(std::move(s));
  out.kind = Kind::integer;
  return out;
}

ParamSpec ParamSpec::choice(Choice s) {
  return {std::move(s.name),
          Kind::choice,
          std::move(s.fallback),
          std::move(s.choices),
          -1e300,
          1e300,
          std::move(s.doc),
          std::move(s.aliases)};
}

ParamSpec ParamSpec::text(Text s) {
  return {std::move(s.name), Kind::text,          std::move(s.fallback), {}, -1e300, 1e300,
          std::move(s.doc),  std::move(s.aliases)};
}

namespace {
bool read_number(const std::string& text, double& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(out);
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::string known_names(const ParamSchema& schema) {
  std::string out;
  for (const auto& spec : schema.specs) out += (out.empty() ? "" : ", ") + spec.name;
  if (!schema.presets.empty()) out += (out.empty() ? "" : ", ") + std::string("preset");
  return out.empty() ? "(none)" : out;
}

ParamValue check(const ParamSpec& spec, const ParamValue& value, const std::string& where) {
  const std::string ctx = where + ": " + spec.name;
  switch (spec.kind) {
    case ParamSpec::Kind::number:
    case ParamSpec::Kind::integer: {
      double v = 0;
      if (const auto* d = std::get_if<double>(&value)) {
        v = *d;
      } else if (!read_number(std::get<std::string>(value), v)) {
        throw Error(ctx + ": expected a number, found '" + std::get<std::string>(value) + "'");
      }
      if (!std::isfinite(v)) throw Error(ctx + ": expected a finite number");
      if (spec.kind == ParamSpec::Kind::integer && v != std::floor(v))
        throw Error(ctx + ": expected a whole number, found " + format_number(v));
      if (v < spec.min || v > spec.max)
        throw Error(ctx + ": " + format_number(v) + " is outside [" + format_number(spec.min) +
                    ", " + format_number(spec.max) + "]");
      return v;
    }
    case ParamSpec::Kind::choice: {
      const std::string text = to_string(value);
      for (const auto& c : spec.choices)
        if (c == text) return text;
      std::string list;
      for (const auto& c : spec.choices) list += (list.empty() ? "" : ", ") + c;
      throw Error(ctx + ": '" + text + "' is not one of: " + list +
                  did_you_mean(text, spec.choices));
    }
    case ParamSpec::Kind::text:
      return to_string(value);
  }
  return value;
}
}  // namespace

std::pair<std::string, ParamValue> parse_setting(const std::string& expression) {
  const auto eq = expression.find('=');
  if (eq == std::string::npos || eq == 0)
    throw Error("--set: expected name=value, found '" + expression + "'");
  std::string name = trim(expression.substr(0, eq));
  std::string value = trim(expression.substr(eq + 1));
  if (name.empty()) throw Error("--set: missing parameter name in '" + expression + "'");
  double number = 0;
  if (read_number(value, number)) return {name, number};
  return {name, value};
}

Params resolve(const ParamSchema& schema, const Params& given, const std::string& where) {
  Params out;
  for (const auto& spec : schema.specs) out[spec.name] = spec.fallback;
  // A preset applies first; explicit values override it.
  if (auto it = given.find("preset"); it != given.end()) {
    const std::string name = to_string(it->second);
    const Preset* preset = nullptr;
    for (const auto& p : schema.presets)
      if (p.name == name) preset = &p;
    if (!preset) {
      std::string list;
      for (const auto& p : schema.presets) list += (list.empty() ? "" : ", ") + p.name;
      throw Error(where + ": preset: '" + name +
                  "' is not one of: " + (list.empty() ? "(this model has no presets)" : list));
    }
    for (const auto& [key, value] : preset->values) {
      const ParamSpec* spec = schema.find(key);
      out[spec ? spec->name : key] = value;
    }
    out["preset"] = name;
  }
  for (const auto& [key, value] : given) {
    if (key == "preset") continue;
    const ParamSpec* spec = schema.find(key);
    if (!spec) {
      std::vector<std::string> names = {"preset"};
      for (const auto& s : schema.specs) {
        names.push_back(s.name);
        names.insert(names.end(), s.aliases.begin(), s.aliases.end());
      }
      throw Error(where + ": unknown parameter '" + key + "'; known: " + known_names(schema) +
                  did_you_mean(key, names));
    }
    out[spec->name] = check(*spec, value, where);
  }
  return out;
}

double number(const Params& params, const std::string& name) {
  auto it = params.find(name);
  if (it == params.end()) throw InternalError("parameter '" + name + "' was not resolved");
  if (const auto* d = std::get_if<double>(&it->second)) return *d;
  double v = 0;
  if (read_number(std::get<std::string>(it->second), v)) return v;
  throw Error("parameter " + name + ": expected a number");
}

int integer(const Params& params, const std::string& name) {
  return static_cast<int>(std::llround(number(params, name)));
}

const std::string& text(const Params& params, const std::string& name) {
  auto it = params.find(name);
  if (it == params.end()) throw InternalError("parameter '" + name + "' was not resolved");
  if (const auto* s = std::get_if<std::string>(&it->second)) return *s;
  throw Error("parameter " + name + ": expected text");
}

std::string to_string(const ParamValue& value) {
  if (const auto* d = std::get_if<double>(&value)) return format_number(*d);
  return std::get<std::string>(value);
}

}  // namespace parley
