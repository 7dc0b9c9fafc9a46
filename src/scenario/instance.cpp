#include "parley/instance.h"

#include <limits>

#include "parley/scenario.h"
#include "parley/section_inputs.h"
#include "parley/uncertain.h"

namespace parley {

Instance::Instance(int actors, int issues)
    : actors_(actors),
      issues_(issues),
      position_(static_cast<size_t>(actors) * static_cast<size_t>(issues),
                std::numeric_limits<double>::quiet_NaN()),
      salience_(position_.size(), 0.0),
      capability_(position_.size(), 0.0) {
  actor_ids.resize(static_cast<size_t>(actors));
  actor_names.resize(static_cast<size_t>(actors));
  frames.resize(static_cast<size_t>(issues));
}

void Instance::set(int a, int i, double position, double salience, double capability) {
  const auto k = static_cast<size_t>(at(a, i));
  position_[k] = position;
  salience_[k] = salience;
  capability_[k] = capability;
}

std::vector<int> Instance::participants(int i) const {
  std::vector<int> out;
  for (int a = 0; a < actors_; ++a)
    if (has(a, i)) out.push_back(a);
  return out;
}

Instance realise(const Scenario& scenario, const Picker& pick) {
  return realise(scenario, section_inputs(scenario), pick);
}

Instance realise(const Scenario& scenario, std::span<const SectionInput> sections,
                 const Picker& pick) {
  const int n = static_cast<int>(scenario.actors.size());
  const int m = static_cast<int>(scenario.issues.size());
  Instance instance(n, m);
  constexpr std::uint64_t kFields = 4;  // capability, position, salience, status quo
  const double inf = std::numeric_limits<double>::infinity();
  for (int i = 0; i < m; ++i) {
    const Issue& issue = scenario.issues[static_cast<size_t>(i)];
    IssueFrame& frame = instance.frames[static_cast<size_t>(i)];
    frame.id = issue.id;
    frame.name = issue.name;
    frame.lo = issue.lo;
    frame.hi = issue.hi;
    if (issue.status_quo) {
      // Status quo inputs are indexed after every actor input.
      const std::uint64_t index = (static_cast<std::uint64_t>(n) * m + i) * kFields + 3;
      frame.status_quo = pick(*issue.status_quo, issue.lo, issue.hi, index);
    }
  }
  for (int a = 0; a < n; ++a) {
    const Actor& actor = scenario.actors[static_cast<size_t>(a)];
    instance.actor_ids[static_cast<size_t>(a)] = actor.id;
    instance.actor_names[static_cast<size_t>(a)] = actor.name.empty() ? actor.id : actor.name;
    // A capability given once for all issues is drawn once for the actor.
    double global_capability = 0;
    if (actor.capability) {
      const std::uint64_t index = (static_cast<std::uint64_t>(n) * m + m + a) * kFields;
      global_capability = pick(*actor.capability, 0.0, inf, index);
    }
    for (int i = 0; i < m; ++i) {
      const Issue& issue = scenario.issues[static_cast<size_t>(i)];
      auto pos = actor.position.find(issue.id);
      if (pos == actor.position.end()) continue;
      const std::uint64_t base = (static_cast<std::uint64_t>(a) * m + i) * kFields;
      auto own = actor.capability_by_issue.find(issue.id);
      const double capability = own != actor.capability_by_issue.end()
                                    ? pick(own->second, 0.0, inf, base + 0)
                                    : global_capability;
      const double position = pick(pos->second, issue.lo, issue.hi, base + 1);
      auto sal = actor.salience.find(issue.id);
      const double salience =
          sal == actor.salience.end() ? 0.0 : pick(sal->second, 0.0, 100.0, base + 2) / 100.0;
      instance.set(a, i, position, salience, capability);
    }
  }
  // Distributions inside the `conflict` and `agenda` sections: bounded by
  // their own support; the section's reader clamps a draw to its field.
  for (const SectionInput& input : sections)
    instance.section_values[input.path] =
        pick(input.value, input.value.lowest(), input.value.highest(), input.index);
  return instance;
}

Instance nominal_instance(const Scenario& scenario) {
  return realise(scenario,
                 [](const Uncertain& u, double, double, std::uint64_t) { return u.nominal(); });
}

}  // namespace parley
