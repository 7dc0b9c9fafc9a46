#include "report/normalise.h"

#include <cmath>
#include <string>

#include "report/read.h"

namespace parley::report {

namespace {

// {"q05": v, "q25": v, "median": v, ...} -> {"5": v, "25": v, "50": v, ...}
json quantiles_of(const json& summary) {
  json out = json::object();
  for (const auto& [key, value] : summary.items()) {
    if (key.size() < 2 || key[0] != 'q' || !value.is_number()) continue;
    const double p = percent_of(key);
    if (std::isfinite(p)) out[format_value(p, 2)] = value;
  }
  if (!out.contains("50")) {
    if (const json* median = member(summary, "median"); median && median->is_number()) {
      out["50"] = *median;
    }
  }
  return out;
}

// One issue of an mc summary: {issue, lo, hi, mean, median, q05.., histogram
// [counts over equal bins of lo..hi], regions [{name, lo, hi, probability}]}.
json ensemble_issue(const json& in, const json* fan_series) {
  json out = json::object();
  for (const char* key : {"mean", "median", "sd", "min", "max"}) {
    if (const json* value = member(in, key); value && value->is_number()) out[key] = *value;
  }
  out["quantiles"] = quantiles_of(in);
  const double lo = number(in, "lo");
  const double hi = number(in, "hi");
  const json* counts = member(in, "histogram");
  if (counts != nullptr && counts->is_array() && !counts->empty() && std::isfinite(lo) &&
      std::isfinite(hi) && lo < hi) {
    json edges = json::array();
    const double n = static_cast<double>(counts->size());
    for (std::size_t k = 0; k <= counts->size(); ++k) {
      edges.push_back(lo + (hi - lo) * static_cast<double>(k) / n);
    }
    out["histogram"] = {{"edges", edges}, {"counts", *counts}};
  } else if (counts != nullptr && counts->is_object()) {
    out["histogram"] = *counts;
  }
  if (const json* regions = member(in, "regions"); regions && regions->is_array()) {
    json named = json::object();
    for (const json& region : *regions) {
      std::string name = text(region, "name");
      const double r_lo = number(region, "lo");
      const double r_hi = number(region, "hi");
      if (std::isfinite(r_lo) && std::isfinite(r_hi)) {
        name += " (" + format_value(r_lo, 2) + " to " + format_value(r_hi, 2) + ")";
      }
      const double p = number(region, "probability");
      if (!name.empty() && std::isfinite(p)) named[name] = p;
    }
    out["regions"] = named;
  } else if (regions != nullptr) {
    out["regions"] = *regions;
  }
  if (fan_series != nullptr && fan_series->is_array()) {
    json rounds = json::array();
    for (const json& point : *fan_series) {
      rounds.push_back(
          {{"round", point.value("round", json())}, {"quantiles", quantiles_of(point)}});
    }
    out["rounds"] = rounds;
  } else if (const json* rounds = member(in, "rounds"); rounds && rounds->is_array()) {
    out["rounds"] = *rounds;
  }
  return out;
}

// An mc summary ({draws, issues: [...], fan: {median: [[...]]}}) as the
// canonical `ensemble` section.
json ensemble_section(const json& mc) {
  const json* issues = member(mc, "issues");
  if (issues == nullptr || !issues->is_array()) return mc;  // already canonical
  json out = {{"issues", json::object()}};
  for (const char* key : {"draws", "uncertain_inputs", "noise"}) {
    if (const json* value = member(mc, key)) out[key] = *value;
  }
  const json* fan = member(mc, "fan");
  const json* fan_median = fan ? member(*fan, "median") : nullptr;
  for (std::size_t i = 0; i < issues->size(); ++i) {
    const json& issue = (*issues)[i];
    const std::string id = text(issue, "issue");
    if (id.empty()) continue;
    const json* series = fan_median && fan_median->is_array() && i < fan_median->size()
                             ? &(*fan_median)[i]
                             : nullptr;
    out["issues"][id] = ensemble_issue(issue, series);
  }
  return out;
}

// A sensitivity document ({method: "oat" | "sobol", issues: [{issue, base,
// bars | indices}]}) as canonical `tornado` / `sobol` lists.
json sensitivity_section(const json& in, json out) {
  const json* issues = member(in, "issues");
  if (issues == nullptr || !issues->is_array()) return in.is_object() ? in : out;
  for (const json& issue : *issues) {
    const std::string id = text(issue, "issue");
    const json* base = member(issue, "base");
    if (const json* bars = member(issue, "bars"); bars && bars->is_array()) {
      for (const json& bar : *bars) {
        json entry = {{"input", text(member_of(bar, {"label", "input", "name"}))}, {"issue", id}};
        for (const char* key : {"low", "high", "low_value", "high_value"}) {
          if (const json* value = member(bar, key)) entry[key] = *value;
        }
        if (base != nullptr) entry["base"] = *base;
        out["tornado"].push_back(entry);
      }
    }
    if (const json* indices = member(issue, "indices"); indices && indices->is_array()) {
      for (const json& index : *indices) {
        json entry = {{"input", text(member_of(index, {"label", "input", "name"}))}, {"issue", id}};
        for (const char* key : {"first", "total"}) {
          if (const json* value = member(index, key)) entry[key] = *value;
        }
        out["sobol"].push_back(entry);
      }
    }
  }
  return out;
}

}  // namespace

json normalise(const json& document) {
  if (!document.is_object()) return document;
  json out = document;
  const std::string kind = text(document, "kind");
  if (kind == "mc") {
    // A bare mc summary: its issues become the result's, its numbers the ensemble.
    out = json::object();
    for (const char* key : {"model", "seed", "notes", "scenario", "parley_version", "params"}) {
      if (const json* value = member(document, key)) out[key] = *value;
    }
    json ids = json::array();
    if (const json* issues = member(document, "issues"); issues && issues->is_array()) {
      for (const json& issue : *issues) {
        if (std::string id = text(issue, "issue"); !id.empty()) ids.push_back(id);
      }
    }
    out["issues"] = ids;
    out["ensemble"] = ensemble_section(document);
    if (const json* sensitivity = member(document, "sensitivity")) {
      out["sensitivity"] = sensitivity_section(*sensitivity, json::object());
    }
    return out;
  }
  if (kind == "sensitivity") {
    out = json::object();
    for (const char* key : {"model", "seed", "scenario", "parley_version", "params"}) {
      if (const json* value = member(document, key)) out[key] = *value;
    }
    out["sensitivity"] = sensitivity_section(document, json::object());
    return out;
  }
  if (const json* ensemble = member(document, "ensemble"))
    out["ensemble"] = ensemble_section(*ensemble);
  if (const json* sensitivity = member(document, "sensitivity")) {
    // One analysis, or a list of them (a tornado and a Sobol run).
    json merged = json::object();
    if (sensitivity->is_array()) {
      for (const json& part : *sensitivity) merged = sensitivity_section(part, merged);
    } else {
      merged = sensitivity_section(*sensitivity, merged);
    }
    out["sensitivity"] = merged;
  }
  return out;
}

json merge_documents(const json& base, const json& extra) {
  json out = normalise(base);
  const json more = normalise(extra);
  if (!out.is_object() || !more.is_object()) return out;
  for (const auto& [key, value] : more.items()) {
    if (key == "sensitivity" && out.contains("sensitivity") && value.is_object()) {
      for (const char* list : {"tornado", "sobol"}) {
        const json* entries = member(value, list);
        if (entries == nullptr || !entries->is_array()) continue;
        json& target = out["sensitivity"][list];
        if (!target.is_array()) target = json::array();
        for (const json& entry : *entries) target.push_back(entry);
      }
    } else if (!out.contains(key) || out[key].is_null() || (key == "issues" && out[key].empty())) {
      out[key] = value;
    }
  }
  return out;
}

}  // namespace parley::report
