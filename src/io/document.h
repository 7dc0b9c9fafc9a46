// Reading YAML/JSON text into a parley::Node tree with line/column positions,
// and writing Node trees back out.  Internal to parley_io.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "parley/node.h"
#include "parley/scenario.h"

namespace parley::io {

// Parses YAML (yaml_reader.cpp) or JSON (json_reader.cpp) into a Node tree;
// every node carries the file, its 1-based line and column, and its field
// path.  Duplicate map keys, keys that are not text and a second document
// are errors; so is passing any limit of io/limits.h (nesting depth, values,
// values repeated by aliases, line and path length, YAML read-ahead).
Node parse_document(std::string_view text, const std::string& file);
Node parse_json_document(std::string_view text, const std::string& file);

// Builds a validated Scenario from a document tree (docs/scenario-format.md).
Scenario scenario_from_document(const Node& root, const std::string& file);

// The native document tree of a scenario (inverse of scenario_from_document).
Node scenario_to_document(const Scenario& scenario);

std::string emit_yaml(const Node& root);
// The tree as a JSON value (what emit_json prints).
nlohmann::ordered_json json_of(const Node& root);
std::string emit_json(const Node& root, int indent = 2);

}  // namespace parley::io
