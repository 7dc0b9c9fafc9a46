
#include "models/model_infos.h"
#include "parley/error.h"
#include "parley/scenario.h"
#include "scenario/suggest.h"

namespace parley {

const std::vector<ModelInfo>& models() {
  // Built once, on first use, and never modified: safe to read from threads.
  static const std::vector<ModelInfo> all = [] {
    std::vector<ModelInfo> list;
    list.push_back(compromise_model_info());
    list.push_back(median_model_info());
    list.push_back(nbs_model_info());
    list.push_back(exchange_model_info());
    list.push_back(war_model_info());
    list.push_back(smp_model_info());
    list.push_back(bdm_model_info());
    list.push_back(procedural_model_info());
    return list;
  }();
  return all;
}

const ModelInfo& find_model(const std::string& name) {
  for (const auto& info : models())
    if (info.name == name) return info;
  std::vector<std::string> names;
  std::string known;
  for (const auto& info : models()) {
    names.push_back(info.name);
    known += (known.empty() ? "" : ", ") + info.name;
  }
  throw Error("unknown model '" + name + "'" + did_you_mean(name, names) +
              "; known models: " + known);
}

void validate_model_section(const Scenario& scenario, const LocationMap* locations) {
  if (!scenario.model) return;
  auto fail = [&](const std::string& path, const std::string& message) {
    SourceLocation loc = locations ? locations->locate(path) : SourceLocation{};
    if (loc.file.empty()) loc.file = scenario.origin;
    loc.path = path;
    throw Error(loc, message);
  };
  const ModelInfo* info = nullptr;
  try {
    info = &find_model(scenario.model->name);
  } catch (const Error& e) {
    fail("model.name", e.detail());
  }
  // Each value alone first, so that the error points at its own line.
  for (const auto& [key, value] : scenario.model->params) {
    try {
      resolve(info->schema, Params{{key, value}}, "");
    } catch (const Error& e) {
      fail("model.params." + key, e.detail().substr(2));  // drop the empty prefix
    }
  }
  try {
    resolve(info->schema, scenario.model->params, "model.params");
  } catch (const Error& e) {
    fail("model.params", e.detail());
  }
}

double estimate_memory(const ModelInfo& info, int actors, int issues, const Params& params) {
  if (info.memory) return info.memory(actors, issues, params);
  // Default: the instance (3 matrices) plus a trajectory of up to 100 rounds
  // of positions, each actors x issues doubles.
  const double cells = static_cast<double>(actors) * issues;
  return 8.0 * cells * (3 + (info.dynamic ? 100 : 1)) + 4096.0 * issues;
}

std::vector<std::string> quantity_names(const ModelInfo& info, const Scenario& scenario,
                                        const Params& params) {
  std::vector<std::string> names;
  for (const auto& issue : scenario.issues) names.push_back("forecast." + issue.id);
  if (info.quantities)
    for (auto& name : info.quantities(scenario, params)) names.push_back(std::move(name));
  return names;
}

Result run_model(const ModelInfo& info, const Instance& instance, const Params& given,
                 const RunContext& context, const std::string& where) {
  Params params = resolve(info.schema, given, where);
  Result result = info.make()->run(instance, params, context);
  result.model = info.name;
  result.params = params;
  result.seed = context.seed;
  result.actor_ids = instance.actor_ids;
  result.actor_names = instance.actor_names;
  result.issue_ids.clear();
  for (const auto& frame : instance.frames) result.issue_ids.push_back(frame.id);
  return result;
}

}  // namespace parley
