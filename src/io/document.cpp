// Writing Node trees as YAML and JSON; the readers are yaml_reader.cpp and
// json_reader.cpp.
#include "io/document.h"

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "parley/error.h"

namespace parley::io {
namespace {

void emit(YAML::Emitter& out, const Node& n) {
  switch (n.kind) {
    case Node::Kind::null:
      out << YAML::Null;
      break;
    case Node::Kind::scalar:
      if (n.quoted)
        out << YAML::DoubleQuoted << n.text;
      else
        out << n.text;
      break;
    case Node::Kind::list: {
      // Short lists of plain scalars read best inline: scale: [0, 100].
      bool flow = n.items.size() <= 4;
      for (const auto& item : n.items) flow = flow && item.is_scalar() && !item.quoted;
      if (flow) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const auto& item : n.items) emit(out, item);
      out << YAML::EndSeq;
      break;
    }
    case Node::Kind::map:
      out << YAML::BeginMap;
      for (const auto& [key, value] : n.members) {
        out << YAML::Key << key << YAML::Value;
        emit(out, value);
      }
      out << YAML::EndMap;
      break;
  }
}

nlohmann::ordered_json to_json(const Node& n) {
  switch (n.kind) {
    case Node::Kind::null:
      return nullptr;
    case Node::Kind::scalar: {
      if (n.quoted) return n.text;
      if (n.text == "true") return true;
      if (n.text == "false") return false;
      try {
        return n.as_number();
      } catch (const Error&) {
        return n.text;
      }
    }
    case Node::Kind::list: {
      auto arr = nlohmann::ordered_json::array();
      for (const auto& item : n.items) arr.push_back(to_json(item));
      return arr;
    }
    case Node::Kind::map: {
      auto obj = nlohmann::ordered_json::object();
      for (const auto& [key, value] : n.members) obj[key] = to_json(value);
      return obj;
    }
  }
  return nullptr;
}

}  // namespace

std::string emit_yaml(const Node& root) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, root);
  std::string text = out.c_str();
  return text + "\n";
}

std::string emit_json(const Node& root, int indent) { return to_json(root).dump(indent) + "\n"; }

nlohmann::ordered_json json_of(const Node& root) { return to_json(root); }

}  // namespace parley::io
