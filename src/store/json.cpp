// JSON forms of the store's parameter and option columns.  The results a run
// stores are result documents (src/io/output.h).
#include <cmath>
#include <nlohmann/json.hpp>

#include "parley/error.h"
#include "store/store.h"

namespace parley::store {

namespace {

using nlohmann::json;

json parse(const std::string& text, const std::string& what) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    throw Error("run store: damaged " + what + " (" + e.what() + ")");
  }
}

}  // namespace

std::string params_to_json(const Params& params) {
  json out = json::object();
  for (const auto& [name, value] : params) {
    if (const double* v = std::get_if<double>(&value))
      out[name] = *v;
    else
      out[name] = std::get<std::string>(value);
  }
  return out.dump();
}

Params params_from_json(const std::string& text) {
  Params params;
  json in = parse(text, "parameters");
  if (!in.is_object()) throw Error("run store: damaged parameters (not an object)");
  for (const auto& [name, value] : in.items()) {
    if (value.is_number())
      params[name] = value.get<double>();
    else if (value.is_string())
      params[name] = value.get<std::string>();
    else
      throw Error("run store: damaged parameter '" + name + "'");
  }
  return params;
}

std::string options_to_json(const ensemble::Options& options) {
  json regions = json::array();
  for (const auto& r : options.regions)
    regions.push_back({{"issue", r.issue}, {"name", r.name}, {"lo", r.lo}, {"hi", r.hi}});
  return json{{"noise", options.noise}, {"bins", options.bins}, {"regions", regions}}.dump();
}

void options_from_json(const std::string& text, ensemble::Options& options) {
  json in = parse(text, "options");
  try {
    options.noise = in.at("noise").get<double>();
    options.bins = in.at("bins").get<int>();
    options.regions.clear();
    for (const auto& r : in.at("regions"))
      options.regions.push_back({r.at("issue").get<std::string>(), r.at("name").get<std::string>(),
                                 r.at("lo").get<double>(), r.at("hi").get<double>()});
  } catch (const json::exception& e) {
    throw Error(std::string("run store: damaged options (") + e.what() + ")");
  }
}

std::string with_calibration(const std::string& options_json, const CalibrationIdentity& identity) {
  json out = parse(options_json, "options");
  out["calibration"] = {
      {"option", identity.option}, {"sha256", identity.sha256}, {"label", identity.label}};
  return out.dump();
}

std::optional<CalibrationIdentity> calibration_of(const std::string& options_json) {
  json in = parse(options_json, "options");
  if (!in.contains("calibration")) return std::nullopt;
  try {
    const json& c = in.at("calibration");
    return CalibrationIdentity{c.at("option").get<std::string>(), c.at("sha256").get<std::string>(),
                               c.at("label").get<std::string>()};
  } catch (const json::exception& e) {
    throw Error(std::string("run store: damaged options (") + e.what() + ")");
  }
}

std::string sensitivity_options_to_json(const std::string& method, std::uint64_t samples,
                                        std::uint64_t bootstrap, double confidence, double noise) {
  return json{{"method", method},
              {"samples", samples},
              {"bootstrap", bootstrap},
              {"confidence", confidence},
              {"noise", noise}}
      .dump();
}

}  // namespace parley::store
