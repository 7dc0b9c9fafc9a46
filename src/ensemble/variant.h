// ensemble/variant.h - one scenario, changed: the building block of what-if
// tables and of advice.
//
// A Variant switches optional events of the scenario's `conflict` section on
// (through the model's `what_if` parameter) and changes inputs of actors
// (position, salience, capability).  It is evaluated on replicates: replicate
// r is draw r of the uncertain inputs (ensemble.h, Subsystem::sampling) when
// the scenario has any, else the nominal instance; the model runs with
// RunContext{seed, draw r, drawn = true}.  Every variant therefore sees the
// same input draws and the same model seeds on replicate r (common random
// numbers), so differences between variants are the changes' own, not noise.
//
// Core code: no I/O.  Thread-safety: free functions over values; the Plan is
// read-only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ensemble/ensemble.h"

namespace parley::ensemble {

// A change to one input of one actor.
struct InputChange {
  enum class Field { position, salience, capability };
  int actor = 0;
  int issue = -1;  // -1: every issue the actor takes part in
  Field field = Field::position;
  // position: the new position; salience: the new salience (0..1);
  // capability: a factor multiplying the actor's capability.
  double value = 0;
};

struct Variant {
  std::vector<std::string> events;  // optional events switched on (replaces `what_if`)
  bool set_events = false;          // false: the plan's own `what_if`
  std::vector<InputChange> changes;
};

// The names of the scenario's optional events (conflict.events[].optional),
// in document order, without repeats.
std::vector<std::string> optional_events(const Scenario& scenario);
// The optional events the plan's parameters switch on (its `what_if`).
std::vector<std::string> events_on(const Plan& plan);
// True when the plan's model reads optional events (has a `what_if` parameter).
bool reads_events(const Plan& plan);

// The plan's parameters with the variant's events.  Throws parley::Error when
// the variant switches events on under a model that does not read them.
Params variant_params(const Plan& plan, const Variant& variant);
// Applies the changes to `instance`; positions are kept on the issue's scale,
// saliences in [0, 1].
void apply(const std::vector<InputChange>& changes, Instance& instance);

// Replicates used by evaluate(): `wanted` when the plan has an uncertain
// input, else 1 (every replicate would be the nominal instance).  A model
// that simulates many runs per draw (the war layer) simulates its
// `ensemble_draws` of them on each replicate.
std::uint64_t replicates(const Plan& plan, std::uint64_t wanted);
// The instance of replicate r, before any change.
Instance replicate_instance(const Plan& plan, std::uint64_t r);
// One run of the variant on replicate r (params from variant_params()).
// A parley::Error from the model propagates.
Result evaluate(const Plan& plan, const Params& params, const Variant& variant, std::uint64_t r);

}  // namespace parley::ensemble
