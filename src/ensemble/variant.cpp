#include "ensemble/variant.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "parley/error.h"

namespace parley::ensemble {

std::vector<std::string> optional_events(const Scenario& scenario) {
  std::vector<std::string> out;
  const Node* conflict = scenario.section("conflict");
  const Node* events = conflict ? conflict->find("events") : nullptr;
  if (!events || !events->is_list()) return out;
  for (const Node& event : events->items) {
    const Node* name = event.find("optional");
    if (!name || !name->is_scalar()) continue;
    if (std::find(out.begin(), out.end(), name->text) == out.end()) out.push_back(name->text);
  }
  return out;
}

bool reads_events(const Plan& plan) { return plan.model->schema.find("what_if") != nullptr; }

std::vector<std::string> events_on(const Plan& plan) {
  std::vector<std::string> out;
  if (!reads_events(plan)) return out;
  std::stringstream in(text(plan.params, "what_if"));
  for (std::string item; std::getline(in, item, ',');) {
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

Params variant_params(const Plan& plan, const Variant& variant) {
  Params params = plan.params;
  if (!variant.set_events) return params;
  if (!reads_events(plan)) {
    if (variant.events.empty()) return params;
    throw Error("model '" + plan.model->name + "' does not read the scenario's optional events");
  }
  std::string list;
  for (const auto& name : variant.events) list += (list.empty() ? "" : ",") + name;
  params["what_if"] = list;
  return params;
}

void apply(const std::vector<InputChange>& changes, Instance& instance) {
  for (const InputChange& c : changes) {
    for (int i = 0; i < instance.issues(); ++i) {
      if ((c.issue >= 0 && i != c.issue) || !instance.has(c.actor, i)) continue;
      double position = instance.position(c.actor, i), salience = instance.salience(c.actor, i),
             capability = instance.capability(c.actor, i);
      const IssueFrame& frame = instance.frames[i];
      switch (c.field) {
        case InputChange::Field::position:
          position = std::clamp(c.value, frame.lo, frame.hi);
          break;
        case InputChange::Field::salience:
          salience = std::clamp(c.value, 0.0, 1.0);
          break;
        case InputChange::Field::capability:
          capability *= c.value;
          break;
      }
      instance.set(c.actor, i, position, salience, capability);
    }
  }
}

std::uint64_t replicates(const Plan& plan, std::uint64_t wanted) {
  for (const auto& input : plan.inputs)
    if (input.uncertain) return std::max<std::uint64_t>(wanted, 1);
  return 1;
}

Instance replicate_instance(const Plan& plan, std::uint64_t r) {
  return replicates(plan, 2) > 1 ? draw_instance(plan, r) : nominal(plan);
}

Result evaluate(const Plan& plan, const Params& params, const Variant& variant, std::uint64_t r) {
  Instance instance = replicate_instance(plan, r);
  apply(variant.changes, instance);
  RunContext context;
  context.seed = plan.options.seed;
  context.draw = r;
  context.scenario = plan.scenario;
  context.drawn = true;  // the changed instance is used as it is, never drawn again
  return plan.runner->run(instance, params, context);
}

}  // namespace parley::ensemble
