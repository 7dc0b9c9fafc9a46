// Reading YAML/JSON text into a parley::Node tree with line/column positions,
// and writing Node trees back out.  Internal to parley_io.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "parley/node.h"
#include "parley/scenario.h"

namespace parley::io {

// Parses YAML (JSON is a subset) into a Node tree; every node carries the
// file, its 1-based line and column, and its field path.  Duplicate map keys
// and nesting deeper than 64 levels are errors.
Node parse_document(std::string_view text, const std::string& file);

// Builds a validated Scenario from a document tree (docs/scenario-format.md).
Scenario scenario_from_document(const Node& root, const std::string& file);

// The native document tree of a scenario (inverse of scenario_from_document).
Node scenario_to_document(const Scenario& scenario);

std::string emit_yaml(const Node& root);
// The tree as a JSON value (what emit_json prints).
nlohmann::ordered_json json_of(const Node& root);
std::string emit_json(const Node& root, int indent = 2);

}  // namespace parley::io
