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
  std::string name;  // snake_case
  Kind kind = Kind::number;
  ParamValue fallback;               // default value
  std::vector<std::string> choices;  // for Kind::choice
  double min = -1e300, max = 1e300;  // for number/integer, inclusive
  std::string doc;
  // Other spellings accepted for `name` (e.g. KTAB's CamelCase names); the
  // resolved parameters always use `name`.
  std::vector<std::string> aliases = {};

  // Factories, written with designated initialisers so that every model's
  // table reads the same way:
  //   ParamSpec::number({.name = "rho", .fallback = 1, .min = 1, .max = 2, .doc = "..."})
  struct Numeric {
    std::string name;
    double fallback = 0;
    double min = -1e300, max = 1e300;  // inclusive; the defaults mean unbounded
    std::string doc;
    std::vector<std::string> aliases = {};
  };
  struct Choice {
    std::string name;
    std::vector<std::string> choices;
    std::string fallback;  // one of `choices`
    std::string doc;
    std::vector<std::string> aliases = {};
  };
  struct Text {
    std::string name;
    std::string fallback;
    std::string doc;
    std::vector<std::string> aliases = {};
  };
  static ParamSpec number(Numeric spec);
  static ParamSpec integer(Numeric spec);
  static ParamSpec choice(Choice spec);
  static ParamSpec text(Text spec);
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
  // The spec called `name` or with `name` among its aliases; null when none.
  const ParamSpec* find(const std::string& name) const;
};

// Parses "name=value" (value as number when it reads as one).  Throws
// parley::Error with the expression in the message.
std::pair<std::string, ParamValue> parse_setting(const std::string& expression);

// Applies presets and defaults and checks every given value against the
// schema.  Aliases are accepted and resolved to the spec's name; an unknown
// name is an error that suggests the nearest known one.  `where` prefixes
// error messages (e.g. "--set" or "model.params").
Params resolve(const ParamSchema& schema, const Params& given, const std::string& where);

// Typed access for models; the value must have been resolved.
double number(const Params& params, const std::string& name);
int integer(const Params& params, const std::string& name);
const std::string& text(const Params& params, const std::string& name);

std::string to_string(const ParamValue& value);

}  // namespace parley
