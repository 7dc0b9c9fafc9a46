#include "report/documents.h"

#include <algorithm>
#include <cmath>

#include "parley/error.h"
#include "report/read.h"

namespace parley::report {

bool is_result_document(const json& document) {
  return document.is_object() && document.contains("kind") && document["kind"].is_string();
}

Documents gather(const std::vector<json>& documents) {
  if (documents.empty()) throw Error("report: no result to show");
  Documents out;
  json run, first_other, scenario;
  for (const json& document : documents) {
    if (!is_result_document(document))
      throw Error("report: not a result document of `parley run`, `mc` or `sensitivity` (JSON)");
    const std::string kind = document["kind"].get<std::string>();
    if (kind == "run") {
      if (!run.is_null()) throw Error("report: more than one run result; give one");
      run = document;
    } else if (kind == "mc") {
      if (!out.mc.is_null()) throw Error("report: more than one mc result; give one");
      out.mc = document;
    } else if (kind == "sensitivity") {
      out.sensitivity.push_back(document);
    } else if (kind == "compare") {
      if (!out.compare.is_null()) throw Error("report: more than one compare result; give one");
      out.compare = document;
    } else {
      throw Error("report: results of kind '" + kind + "' are not shown in reports");
    }
    if (first_other.is_null() && kind != "run") first_other = document;
    if (scenario.is_null() && document.contains("scenario")) scenario = document["scenario"];
  }
  if (!run.is_null()) {
    out.frame = run;
  } else {
    for (const char* key : {"model", "seed", "params", "parley_version"})
      if (first_other.contains(key)) out.frame[key] = first_other[key];
    json ids = json::array();
    if (const json* issues = member(first_other, "issues"); issues && issues->is_array())
      for (const json& issue : *issues)
        if (std::string id = text(issue, "issue"); !id.empty()) ids.push_back(id);
    out.frame["issues"] = ids;
    if (const json* notes = member(first_other, "notes")) out.frame["notes"] = *notes;
  }
  if (!scenario.is_null() && !out.frame.contains("scenario")) out.frame["scenario"] = scenario;
  return out;
}

const json* mc_issue(const json& mc, const std::string& id) {
  const json* issues = member(mc, "issues");
  if (issues == nullptr || !issues->is_array()) return nullptr;
  for (const json& issue : *issues)
    if (issue.is_object() && text(issue, "issue") == id) return &issue;
  return nullptr;
}

std::string region_label(const json& region) {
  std::string name = text(region, "name");
  const double lo = number(region, "lo");
  const double hi = number(region, "hi");
  if (!name.empty() && std::isfinite(lo) && std::isfinite(hi))
    name += " (" + format_value(lo, 2) + " to " + format_value(hi, 2) + ")";
  return name;
}

std::vector<const json*> regions_in_scale_order(const json* regions) {
  std::vector<const json*> out;
  if (regions == nullptr || !regions->is_array()) return out;
  for (const json& region : *regions)
    if (region.is_object()) out.push_back(&region);
  auto key = [](const json* region) {
    const double lo = number(*region, "lo"), hi = number(*region, "hi");
    return std::make_pair(std::isfinite(lo) ? lo : HUGE_VAL, std::isfinite(hi) ? hi : HUGE_VAL);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const json* a, const json* b) { return key(a) < key(b); });
  return out;
}

std::vector<std::pair<double, double>> quantiles_of(const json* list) {
  std::vector<std::pair<double, double>> out;
  if (list == nullptr || !list->is_array()) return out;
  for (const json& q : *list) {
    const double p = number(q, "p");
    const double v = number(q, "value");
    // Percent, rounded to 1e-6 so that 0.05 reads as 5 exactly.
    if (std::isfinite(p) && std::isfinite(v)) out.emplace_back(std::round(1e8 * p) / 1e6, v);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace parley::report
