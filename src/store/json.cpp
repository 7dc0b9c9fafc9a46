// JSON forms of ensemble options, summaries and sensitivity results (the
// store's columns and `--format json`).  Non-finite numbers become null.
#include <cmath>
#include <nlohmann/json.hpp>

#include "parley/error.h"
#include "store/store.h"

namespace parley::store {

namespace {

using nlohmann::json;

json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json fan_json(const std::vector<ensemble::FanPoint>& fan, size_t issues, int rounds) {
  // [issue][round] -> {q05, q25, q50, q75, q95}
  json out = json::array();
  for (size_t i = 0; i < issues; ++i) {
    json series = json::array();
    for (int r = 0; r <= rounds; ++r) {
      const auto& p = fan[static_cast<size_t>(r) * issues + i];
      series.push_back({{"round", r},
                        {"q05", number(p.q05)},
                        {"q25", number(p.q25)},
                        {"q50", number(p.q50)},
                        {"q75", number(p.q75)},
                        {"q95", number(p.q95)}});
    }
    out.push_back(series);
  }
  return out;
}

json input_json(const ensemble::Input& input) {
  return {{"label", input.label},
          {"actor", input.actor},
          {"issue", input.issue},
          {"field", input.field},
          {"value", input.value.describe()}};
}

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

std::string summary_to_json(const ensemble::Plan& plan, const ensemble::Summary& s, int indent) {
  json issues = json::array();
  for (size_t i = 0; i < s.issues.size(); ++i) {
    const auto& is = s.issues[i];
    json regions = json::array();
    for (const auto& r : is.regions)
      regions.push_back({{"name", r.name},
                         {"lo", number(r.lo)},
                         {"hi", number(r.hi)},
                         {"probability", number(r.probability)}});
    json status = json::object();
    for (const auto& [flag, count] : is.status) status[flag] = count;
    issues.push_back({{"issue", is.issue},
                      {"name", i < plan.frames.size() ? plan.frames[i].name : std::string()},
                      {"lo", number(is.lo)},
                      {"hi", number(is.hi)},
                      {"n", is.n},
                      {"mean", number(is.mean)},
                      {"sd", number(is.sd)},
                      {"min", number(is.min)},
                      {"q05", number(is.q05)},
                      {"q25", number(is.q25)},
                      {"median", number(is.median)},
                      {"q75", number(is.q75)},
                      {"q95", number(is.q95)},
                      {"max", number(is.max)},
                      {"histogram", is.histogram},
                      {"regions", regions},
                      {"status", status}});
  }
  json out = {{"kind", "mc"},     {"model", s.model},     {"draws", s.draws}, {"seed", s.seed},
              {"noise", s.noise}, {"dynamic", s.dynamic}, {"issues", issues}, {"notes", s.notes}};
  size_t uncertain = 0;
  for (const auto& input : plan.inputs) uncertain += input.uncertain ? 1 : 0;
  out["uncertain_inputs"] = uncertain;
  if (s.dynamic) {
    json histogram = json::object();
    for (const auto& [rounds, count] : s.rounds_histogram)
      histogram[std::to_string(rounds)] = count;
    out["rounds"] = {{"mean", number(s.rounds_mean)},
                     {"q05", number(s.rounds_q05)},
                     {"median", number(s.rounds_median)},
                     {"q95", number(s.rounds_q95)},
                     {"histogram", histogram}};
    out["fan"] = {{"rounds", s.fan.rounds},
                  {"median", fan_json(s.fan.median, s.issues.size(), s.fan.rounds)},
                  {"mean", fan_json(s.fan.mean, s.issues.size(), s.fan.rounds)}};
  }
  return out.dump(indent);
}

std::string tornado_to_json(const ensemble::Plan& plan, const ensemble::Tornado& tornado,
                            int indent) {
  json issues = json::array();
  for (size_t i = 0; i < plan.issue_ids.size(); ++i) {
    json bars = json::array();
    std::vector<double> swing(plan.inputs.size(), 0.0);
    for (const auto* bar : ensemble::ranked(tornado, static_cast<int>(i))) {
      json b = input_json(plan.inputs[bar->input]);
      b["low_value"] = number(bar->low_value);
      b["high_value"] = number(bar->high_value);
      b["low"] = number(bar->low[i]);
      b["high"] = number(bar->high[i]);
      b["swing"] = number(std::abs(bar->high[i] - bar->low[i]));
      swing[bar->input] = std::abs(bar->high[i] - bar->low[i]);
      bars.push_back(b);
    }
    json actors = json::array();
    for (const auto& [actor, score] : ensemble::by_actor(plan, swing))
      actors.push_back({{"actor", actor}, {"swing", number(score)}});
    issues.push_back({{"issue", plan.issue_ids[i]},
                      {"base", number(tornado.base[i])},
                      {"bars", bars},
                      {"actors", actors}});
  }
  return json{{"kind", "sensitivity"}, {"method", "oat"}, {"issues", issues}}.dump(indent);
}

std::string sobol_to_json(const ensemble::Plan& plan, const ensemble::Sobol& sobol, int indent) {
  json issues = json::array();
  for (size_t i = 0; i < plan.issue_ids.size(); ++i) {
    json indices = json::array();
    std::vector<double> total(plan.inputs.size(), 0.0);
    for (const auto& index : sobol.indices) {
      json x = input_json(plan.inputs[index.input]);
      x["first"] = number(index.first[i]);
      x["first_ci"] = {number(index.first_lo[i]), number(index.first_hi[i])};
      x["total"] = number(index.total[i]);
      x["total_ci"] = {number(index.total_lo[i]), number(index.total_hi[i])};
      total[index.input] = index.total[i];
      indices.push_back(x);
    }
    json actors = json::array();
    for (const auto& [actor, score] : ensemble::by_actor(plan, total))
      actors.push_back({{"actor", actor}, {"total", number(score)}});
    issues.push_back({{"issue", plan.issue_ids[i]},
                      {"variance", number(sobol.variance[i])},
                      {"indices", indices},
                      {"actors", actors}});
  }
  return json{{"kind", "sensitivity"},          {"method", "sobol"},
              {"samples", sobol.samples},       {"evaluations", sobol.evaluations},
              {"confidence", sobol.confidence}, {"issues", issues}}
      .dump(indent);
}

std::string pretty_json(const std::string& text, int indent) {
  return parse(text, "summary").dump(indent);
}

}  // namespace parley::store
