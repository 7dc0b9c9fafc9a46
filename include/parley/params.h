// parley/params.h - named model parameters and their documented specification.
//
// Every model declares its parameters as ParamSpecs (name, kind, default,
// allowed values, one-line doc).  Users set them from the scenario's `model:`
// section or with `--set name=value`; resolve() checks names, kinds and ranges
// against the spec and fills defaults, so a model never sees an unknown or
// ill-typed parameter.
//
// Thread-safety: value types.
#pragma once

#include <map>
#include <string>
#include <variant>
#include <vector>

namespace parley {

using ParamValue = std::variant<double, std::string>;
using Params = std::map<std::string, ParamValue>;

struct ParamSpec {
  enum class Kind { number, integer, choice, text };
  std::string name;
  Kind kind = Kind::number;
  ParamValue fallback;               // default value
  std::vector<std::string> choices;  // for Kind::choice
  double min = -1e300, max = 1e300;  // for number/integer, inclusive
  std::string doc;
};

// A named bundle of parameter values (e.g. BDM's `scholz_table2`).  Setting
// `preset=NAME` applies the bundle first; explicit settings win over it.
struct Preset {
  std::string name;
  Params values;
  std::string doc;
};

struct ParamSchema {
  std::vector<ParamSpec> specs;
  std::vector<Preset> presets;
  const ParamSpec* find(const std::string& name) const;
};

// Parses "name=value" (value as number when it reads as one).  Throws
// parley::Error with the expression in the message.
std::pair<std::string, ParamValue> parse_setting(const std::string& expression);

// Applies presets and defaults and checks every given value against the
// schema.  `where` prefixes error messages (e.g. "--set" or "model.params").
Params resolve(const ParamSchema& schema, const Params& given, const std::string& where);

// Typed access for models; the value must have been resolved.
double number(const Params& params, const std::string& name);
int integer(const Params& params, const std::string& name);
const std::string& text(const Params& params, const std::string& name);

std::string to_string(const ParamValue& value);

}  // namespace parley
