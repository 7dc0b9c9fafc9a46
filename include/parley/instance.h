// parley/instance.h - the numbers a model runs on.
//
// An Instance is a Scenario with every uncertain input fixed to one value (its
// nominal value for a deterministic run, a draw in an ensemble), laid out as
// dense actor x issue matrices.  Models read only Instances, never Scenarios.
//
// Conventions (docs/models/conventions.md section 1):
//  * positions are on the issue's own scale, saliences in [0, 1];
//  * an actor takes part in an issue iff it has a position there
//    (has(a, i)); missing salience is 0;
//  * capability is per actor and issue, > 0 where the actor takes part.
//
// Thread-safety: a value type.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace parley {

struct SectionInput;

struct Scenario;
class Uncertain;

struct IssueFrame {
  std::string id;
  std::string name;
  double lo = 0, hi = 100;
  std::optional<double> status_quo;
};

class Instance {
 public:
  Instance() = default;
  Instance(int actors, int issues);

  int actors() const { return actors_; }
  int issues() const { return issues_; }

  std::vector<std::string> actor_ids, actor_names;
  std::vector<IssueFrame> frames;  // one per issue
  // Numbers of the model-owned sections written as distributions
  // (parley/section_inputs.h), as realised: field path -> value.  Empty for
  // instances built by hand; readers then use the nominal value.
  std::map<std::string, double> section_values;

  bool has(int a, int i) const { return !std::isnan(position_[at(a, i)]); }
  double position(int a, int i) const { return position_[at(a, i)]; }
  double salience(int a, int i) const { return salience_[at(a, i)]; }
  double capability(int a, int i) const { return capability_[at(a, i)]; }
  void set(int a, int i, double position, double salience, double capability);

  // Actors that take part in issue i, in input order.
  std::vector<int> participants(int i) const;

 private:
  int at(int a, int i) const { return a * issues_ + i; }
  int actors_ = 0, issues_ = 0;
  std::vector<double> position_, salience_, capability_;
};

// The deterministic realisation: nominal values everywhere.
Instance nominal_instance(const Scenario& scenario);

// A realisation in which `pick` chooses each input.  It receives the input,
// the valid range of its field (the issue scale for positions, [0, 100] for
// saliences, (0, inf) for capabilities) and a stable index of the input
// (actor-major, then issue, then field), so that a counter-based sampler
// keyed by that index gives draws that do not depend on evaluation order.
using Picker =
    std::function<double(const Uncertain& value, double lo, double hi, std::uint64_t input_index)>;
Instance realise(const Scenario& scenario, const Picker& pick);
// The same, with the scenario's section inputs already listed
// (section_inputs(scenario), parley/section_inputs.h): an ensemble lists them
// once per plan instead of walking the sections' document nodes every draw.
Instance realise(const Scenario& scenario, std::span<const SectionInput> sections,
                 const Picker& pick);

}  // namespace parley
