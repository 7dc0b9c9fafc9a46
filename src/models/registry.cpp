#include <sstream>

#include "models/model_infos.h"
#include "parley/error.h"

namespace parley {

const std::vector<ModelInfo>& models() {
  // Built once, on first use, and never modified: safe to read from threads.
  static const std::vector<ModelInfo> all = [] {
    std::vector<ModelInfo> list;
    list.push_back(compromise_model_info());
    list.push_back(median_model_info());
    list.push_back(nbs_model_info());
    list.push_back(exchange_model_info());
    list.push_back(procedural_model_info());
    return list;
  }();
  return all;
}

const ModelInfo& find_model(const std::string& name) {
  for (const auto& info : models())
    if (info.name == name) return info;
  std::ostringstream known;
  for (const auto& info : models()) known << (known.tellp() > 0 ? ", " : "") << info.name;
  throw Error("unknown model '" + name + "'; known models: " + known.str());
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
