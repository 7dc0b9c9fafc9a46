// parley/section_inputs.h - uncertain numbers inside the scenario's
// model-owned sections.
//
// The `conflict` and `agenda` sections (docs/models/war.md) are kept as
// document nodes; any number in them may be written as a distribution,
// {tri: [low, mode, high]}, {normal: [mean, sd]} or {uniform: [low, high]}.
// section_inputs() lists those numbers in document order with a stable input
// index placed after every actor and issue input of realise(), so ensembles
// draw them like any other input and the models read the realised values from
// Instance::section_values by field path.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parley/node.h"
#include "parley/uncertain.h"

namespace parley {

struct Scenario;

struct SectionInput {
  const Node* node = nullptr;  // the distribution's node inside the scenario
  std::string path;            // e.g. "conflict.costs.a", "conflict.sides.b.members.1.share"
  Uncertain value;
  std::uint64_t index = 0;  // realise()'s stable input index
};

// The sections whose numbers may be uncertain.
inline constexpr const char* uncertain_sections[] = {"conflict", "agenda"};

// Every distribution-valued number of those sections, in document order: a
// map node whose only key is tri, normal or uniform (is_distribution(),
// parley/uncertain.h), read as the actors' numbers are, so a malformed one
// fails with the same message.  O(nodes of the sections).
std::vector<SectionInput> section_inputs(const Scenario& scenario);

}  // namespace parley
